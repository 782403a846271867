"""`heathub analyse` OHID sub-commands over real files: results, errors and help."""

import io
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console
from typer.testing import CliRunner

from heathub.analyse_cli import csv_io
from heathub.cli import app
from tests.equity.reference_data import PHE_TESTDATA, assert_matches, phe_csv

runner = CliRunner()
COMMANDS = ["proportion", "rate", "mean", "dsr", "isr", "life-expectancy", "funnel", "quantiles"]


def reference_file(relative_path: str) -> Path:
    phe_csv(relative_path)  # skips, naming the folder, when the reference data is absent
    return PHE_TESTDATA / relative_path


def analyse(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["analyse", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    code, output = analyse(command, "--help")
    assert code == 0
    assert "--output" in output


def test_life_expectancy_writes_the_reference_results(tmp_path: Path) -> None:
    out = tmp_path / "le.csv"
    code, output = analyse(
        "life-expectancy",
        str(reference_file("generated/life_expectancy_inputs.csv")),
        "--deaths",
        "deaths",
        "--population",
        "pop",
        "--startage",
        "startage",
        "--group-by",
        "area",
        "--group-by",
        "sex",
        "--confidence",
        "0.998",
        "-o",
        str(out),
    )
    assert code == 0, output
    assert "Wrote 2,400 rows" in output
    result = pd.read_csv(out)
    expected = phe_csv("generated/life_expectancy_expected_0_998.csv")
    merged = result.merge(expected, on=["area", "sex", "startage"], suffixes=("", "_ref"))
    assert len(merged) == 2400
    reference = merged[["value_ref", "lowercl_ref", "uppercl_ref"]]
    assert_matches(
        merged,
        reference.rename(columns=lambda c: c.removesuffix("_ref")),
        ["value", "lowercl", "uppercl"],
    )


def test_dsr_with_two_confidence_levels(tmp_path: Path) -> None:
    source = phe_csv("package-data-as-csv/sysdata__test_multiarea_esp.csv").fillna({"count": 0})
    source.to_csv(tmp_path / "deaths.csv", index=False)
    code, output = analyse(
        "dsr",
        str(tmp_path / "deaths.csv"),
        "--x",
        "count",
        "--n",
        "pop",
        "--stdpop",
        "esp2013",
        "--group-by",
        "area",
        "--confidence",
        "0.95",
        "--confidence",
        "0.998",
        "-o",
        str(tmp_path / "dsr.csv"),
    )
    assert code == 0, output
    expected = phe_csv("xlsx-as-csv/testdata_DSR_ISR__testresults_DSR.csv").iloc[4:7]
    assert_matches(
        pd.read_csv(tmp_path / "dsr.csv"),
        expected.reset_index(drop=True),
        ["total_count", "value", "lower95_0cl", "upper99_8cl"],
    )


def test_bad_cell_is_one_red_line_naming_column_and_file_row(tmp_path: Path) -> None:
    code, output = analyse(
        "rate",
        str(reference_file("xlsx-as-csv/testdata_Rate__testdata_Rate.csv")),
        "--x",
        "Numerator",
        "--n",
        "Denominator",
        "-o",
        str(tmp_path / "out.csv"),
    )
    assert code == 1
    # Lines 18 and 20 of the file (header on line 1) have no numerator.
    assert output.strip() == "column 'Numerator': missing value (rows 18, 20)"
    assert not (tmp_path / "out.csv").exists()


def test_missing_column_and_unreadable_file_exit_1(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("area,value\nA,1\n")
    code, output = analyse(
        "mean", str(tmp_path / "a.csv"), "--value", "bmi", "-o", str(tmp_path / "o.csv")
    )
    assert code == 1
    assert "column 'bmi' is missing" in output
    (tmp_path / "empty.csv").write_text("")
    code, output = analyse(
        "mean", str(tmp_path / "empty.csv"), "--value", "bmi", "-o", str(tmp_path / "o.csv")
    )
    assert code == 1
    assert "cannot read as CSV" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("command", "relative_path", "options", "rows"),
    [
        (
            "proportion",
            "xlsx-as-csv/testdata_Byars_Wilson__testdata_B_W.csv",
            ["--x", "x", "--n", "n"],
            None,
        ),
        (
            "isr",
            "xlsx-as-csv/testdata_DSR_ISR__testdata_multiarea_isr.csv",
            ["--x", "count", "--n", "pop", "--x-ref", "refcount", "--n-ref", "refpop"],
            None,
        ),
        (
            "funnel",
            "package-data-as-csv/sysdata__test_funnel_inputs.csv",
            [
                "--numerator",
                "numerator",
                "--denominator",
                "denominator",
                "--statistic",
                "proportion",
                "--multiplier",
                "100",
            ],
            100,
        ),
        (
            "funnel",
            "package-data-as-csv/sysdata__test_funnel_ratio_inputs.csv",
            [
                "--numerator",
                "obs",
                "--denominator",
                "expected",
                "--statistic",
                "ratio",
                "--ratio-type",
                "isr",
            ],
            100,
        ),
        (
            "quantiles",
            "package-data-as-csv/sysdata__test_quantiles_g.csv",
            [
                "--values",
                "Value",
                "--group-by",
                "IndSexRef",
                "--group-by",
                "ParentCode",
                "--invert-column",
                "Polarity",
            ],
            982,
        ),
        (
            "mean",
            "xlsx-as-csv/testdata_Mean__testdata_Mean.csv",
            ["--value", "values", "--group-by", "area"],
            2,
        ),
    ],
)
def test_commands_over_reference_inputs(
    tmp_path: Path, command: str, relative_path: str, options: list[str], rows: int | None
) -> None:
    out = tmp_path / "out.csv"
    code, output = analyse(command, str(reference_file(relative_path)), *options, "-o", str(out))
    if rows is None:
        # These inputs hold blanks or fractions the command refuses, naming the file rows.
        assert code == 1
        assert "(row" in output
    else:
        assert code == 0, output
        assert len(pd.read_csv(out)) == rows


def test_quantiles_match_the_reference_through_the_command(tmp_path: Path) -> None:
    data = phe_csv("package-data-as-csv/sysdata__test_quantiles_ug.csv").query("GroupSet == 'None'")
    data.to_csv(tmp_path / "in.csv", index=False)
    code, output = analyse(
        "quantiles",
        str(tmp_path / "in.csv"),
        "--values",
        "Value",
        "--nquantiles",
        "4",
        "-o",
        str(tmp_path / "q.csv"),
    )
    assert code == 0, output
    result = pd.read_csv(tmp_path / "q.csv")
    pd.testing.assert_series_equal(
        result["quantile"].astype(float),
        data["QuantileInGrp"].reset_index(drop=True).astype(float),
        check_names=False,
    )


def test_big_file_reads_with_a_progress_bar(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    rows = 400_000
    pd.DataFrame(
        {"x": range(rows), "n": [rows] * rows, "label": ["area-with-a-name"] * rows}
    ).to_csv(big, index=False)
    assert big.stat().st_size > csv_io.PROGRESS_FROM_BYTES
    shown = io.StringIO()
    frame = csv_io.read_csv(big, console=Console(file=shown, force_terminal=True, width=100))
    assert len(frame) == rows
    assert frame.index[0] == 2  # the file's line number, for error messages
    assert "Reading big.csv" in shown.getvalue()
