"""`heathub analyse sii` and `heathub analyse who` over real files: results, errors and help."""

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from heathub.cli import app

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
LE_BY_DECILE = DATA / "phe-methods-testdata" / "testthat" / "LE_testdata.csv"
SII_REFERENCE = DATA / "phe-methods-testdata" / "package-data-as-csv" / "sysdata__SII_test_data.csv"
TEMPLATE = DATA / "who-heat" / "heatplus_template_example.csv"

runner = CliRunner()


def data_file(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"reference data not found: {path.parent} (the shared data folder)")
    return path


def analyse(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["analyse", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("command", ["sii", "who"])
def test_commands_have_help(command: str) -> None:
    code, output = analyse(command, "--help")
    assert code == 0
    assert "--output" in output


def test_sii_writes_the_reference_sii(tmp_path: Path) -> None:
    reference = pd.read_csv(data_file(SII_REFERENCE))
    rows = reference[reference["TestDescription"].str.startswith("default (e.g. life expectancy)")]
    rows = rows[rows["TestDescription"].str.endswith("default parameters")]
    source = tmp_path / "deciles.csv"
    rows.to_csv(source, index=False)
    out = tmp_path / "sii.csv"
    code, output = analyse(
        "sii", str(source), "--quantile", "Quantile", "--population", "Population",
        "--value", "Value", "--se", "StandardError", "--group-by", "Area",
        "--repetitions", "2000", "--seed", "7", "--rii", "-o", str(out),
    )  # fmt: skip
    assert code == 0, output
    assert "Wrote 2 rows" in output
    result = pd.read_csv(out)
    expected = rows.dropna(subset=["sii"])
    assert result["sii"].to_numpy() == pytest.approx(expected["sii"].to_numpy(), rel=1e-6)
    assert list(result.columns) == [
        "Area", "sii", "sii_lower", "sii_upper", "rii", "rii_lower", "rii_upper",
    ]  # fmt: skip


def test_sii_over_every_local_authority_warns_about_the_incomplete_one(tmp_path: Path) -> None:
    out = tmp_path / "sii.csv"
    code, output = analyse(
        "sii", str(data_file(LE_BY_DECILE)), "--quantile", "Decile", "--population", "Pop",
        "--value", "LifeExp", "--se", "SE", "--group-by", "GeoCode", "--group-by", "Sex",
        "--repetitions", "1000", "--seed", "1", "-o", str(out),
    )  # fmt: skip
    assert code == 0, output
    assert "E06000053" in output  # the Isles of Scilly lack deciles
    result = pd.read_csv(out)
    assert len(result) == 722
    assert (result["sii_lower"] <= result["sii_upper"]).all()


def test_sii_bad_input_is_one_line_naming_row_and_column(tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    rows = pd.DataFrame({"decile": range(1, 6), "pop": [10, 20, -5, 10, 10], "le": 80.0, "se": 1.0})
    rows.to_csv(source, index=False)
    code, output = analyse(
        "sii", str(source), "--quantile", "decile", "--population", "pop", "--value", "le",
        "--se", "se", "--repetitions", "1000", "-o", str(tmp_path / "out.csv"),
    )  # fmt: skip
    assert code == 1
    assert "column 'pop'" in output
    assert "row 4" in output  # line 4 of the file: the header is line 1
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) == 1


def test_who_writes_measures_for_the_template_as_shipped(tmp_path: Path) -> None:
    out = tmp_path / "who.csv"
    code, output = analyse("who", str(data_file(TEMPLATE)), "-o", str(out))
    assert code == 0, output
    result = pd.read_csv(out)
    assert list(result.columns) == [
        "setting", "date", "indicator_abbr", "dimension", "measure", "estimate", "se",
        "ci_lb", "ci_ub",
    ]  # fmt: skip
    assert set(result["measure"]) >= {"D", "R", "BGV", "TI", "PAF", "PAR"}


def test_who_chosen_measures(tmp_path: Path) -> None:
    out = tmp_path / "who.csv"
    code, _ = analyse(
        "who", str(data_file(TEMPLATE)), "--measure", "PAR", "--measure", "TI", "-o", str(out)
    )
    assert code == 0
    assert pd.read_csv(out)["measure"].tolist() == ["TI", "PAR"]


def test_who_bad_template_is_one_line(tmp_path: Path) -> None:
    template = pd.read_csv(data_file(TEMPLATE))
    template.loc[5, "favourable_indicator"] = 3
    source = tmp_path / "bad.csv"
    template.to_csv(source, index=False)
    code, output = analyse("who", str(source), "-o", str(tmp_path / "out.csv"))
    assert code == 1
    assert "column 'favourable_indicator'" in output
    assert "row 7" in output
    assert len(output.strip().splitlines()) == 1
