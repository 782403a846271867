"""equity.sii against PHEindicatormethods' own SII test data (testdata_SII.xlsx, as exported to
sysdata__SII_test_data.csv), plus error cases and properties.

Deterministic values (sii, rii) must agree within relative 1e-6. The limits are Monte Carlo in both
R and here (different random streams), so each must lie within 3% of the reference interval's
width; with R's 10,000 to 100,000 repetitions the two simulations' quantiles differ by about 1%.
"""

import doctest
import importlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heathub.equity import EquityInputError, sii

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
SII_CSV = DATA / "phe-methods-testdata" / "package-data-as-csv" / "sysdata__SII_test_data.csv"
DETERMINISTIC_RTOL = 1e-6
LIMIT_SHARE_OF_WIDTH = 0.03
OUT_OF_SCOPE = "uses phe_sii's transform/intercept options, added after PHEindicatormethods 2.0.0"


def reference() -> pd.DataFrame:
    if not SII_CSV.exists():
        pytest.skip(f"reference data not found: {SII_CSV.parent} (the shared data folder)")
    return pd.read_csv(SII_CSV)


def cases() -> list[object]:
    if not SII_CSV.exists():
        return [pytest.param("", marks=pytest.mark.skip(reason=f"{SII_CSV.parent} is absent"))]
    out = []
    for description in pd.read_csv(SII_CSV)["TestDescription"].unique():
        if description.startswith(("error", "warning")):
            continue
        marks = [pytest.mark.skip(reason=OUT_OF_SCOPE)] if _out_of_scope(description) else []
        out.append(pytest.param(description, marks=marks, id=description[:60]))
    return out


def _out_of_scope(description: str) -> bool:
    return "intercept" in description or "transform" in description


def _levels(confidence: str) -> tuple[float, ...] | float:
    if confidence.startswith("c("):
        return tuple(float(x) / 100 for x in confidence[2:-1].split(","))
    return float(confidence) / 100


def _multiplier(description: str) -> int:
    return -100 if "x -100" in description else 100 if "x 100" in description else 1


@pytest.mark.parametrize("inputs", ["se", "limits"])
@pytest.mark.parametrize("description", cases())
def test_matches_phe_reference(description: str, inputs: str) -> None:
    data = reference()
    rows = data[data["TestDescription"] == description]
    columns = (
        {"se": "StandardError"}
        if inputs == "se"
        else {"lower_cl": "LowerCL", "upper_cl": "UpperCL"}
    )
    levels = _levels(rows["Confidence"].iloc[0])
    out = sii(
        rows,
        "Quantile",
        "Population",
        "Value",
        value_type=int(rows["ValueType"].iloc[0]),
        group_by=["Area"],
        confidence=levels,
        repetitions=int(rows["Repetitions"].iloc[0]),
        rii=True,
        multiplier=_multiplier(description),
        seed=20261125,
        **columns,
    )
    expected = rows.dropna(subset=["sii"]).set_index("Area").loc[out["Area"]]
    np.testing.assert_allclose(out["sii"], expected["sii"], rtol=DETERMINISTIC_RTOL)
    np.testing.assert_allclose(out["rii"], expected["rii"], rtol=DETERMINISTIC_RTOL)
    level_list = levels if isinstance(levels, tuple) else (levels,)
    for number, level in enumerate(level_list, start=1):
        suffix = "" if len(level_list) == 1 else f"{level * 100:.1f}".replace(".", "_") + "cl"
        for measure in ("sii", "rii"):
            lower_ref = expected[f"{measure}_lowercl_{number}"].to_numpy()
            upper_ref = expected[f"{measure}_uppercl_{number}"].to_numpy()
            if np.isnan(lower_ref).all():
                continue  # the quintile case publishes only the SII (from OHID's Excel tool)
            width = upper_ref - lower_ref
            for side, ref in (("lower", lower_ref), ("upper", upper_ref)):
                got = out[f"{measure}_{side}{suffix}"].to_numpy()
                assert np.all(np.abs(got - ref) <= LIMIT_SHARE_OF_WIDTH * width), (side, got, ref)


def _two_areas() -> pd.DataFrame:
    data = reference()
    return data[data["TestDescription"].str.startswith("default (e.g. life expectancy) - default")]


def _run(frame: pd.DataFrame, **options: object) -> pd.DataFrame:
    arguments: dict[str, object] = {
        "se": "StandardError",
        "group_by": "Area",
        "repetitions": 1000,
        "seed": 1,
    }
    arguments.update(options)
    return sii(frame, "Quantile", "Population", "Value", **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("description", "options", "column"),
    [
        ("error handling - negative populations", {}, "Population"),
        ("error handling - negative counts/standard error", {}, "StandardError"),
        (
            "error handling - invalid proportion in CLs",
            {"se": None, "lower_cl": "LowerCL", "upper_cl": "UpperCL", "value_type": 2},
            "LowerCL",
        ),
        ("error handling - missing value field", {}, "Value"),
        (
            "error handling - missing confidence limits and se",
            {"se": None, "lower_cl": "LowerCL", "upper_cl": "UpperCL"},
            "LowerCL",
        ),
        ("warning handling - missing populations, counts or values", {}, "Population"),
    ],
)
def test_reference_error_cases_name_the_column_and_row(
    description: str, options: dict[str, object], column: str
) -> None:
    data = reference()
    rows = data[data["TestDescription"] == description]
    with pytest.raises(EquityInputError, match=rf"column '{column}'.*row"):
        _run(rows, **options)


def test_more_than_ten_quantiles_warns_but_calculates() -> None:
    data = reference()
    rows = data[data["TestDescription"] == "warning handling - large number of quantiles (>10)"]
    with pytest.warns(UserWarning, match="15 quantiles"):
        out = _run(rows)
    assert len(out) == 1


def test_group_lacking_a_quantile_is_dropped_with_a_warning_naming_it() -> None:
    rows = _two_areas()
    rows = rows[~((rows["Area"] == "area2") & (rows["Quantile"] == 4))]
    with pytest.warns(UserWarning, match="area2"):
        out = _run(rows)
    assert out["Area"].tolist() == ["area1"]


def test_no_complete_group_is_an_error() -> None:
    rows = _two_areas()
    rows = rows[~((rows["Quantile"] == 4) & (rows["Area"] == "area1"))]
    rows = rows[~((rows["Quantile"] == 5) & (rows["Area"] == "area2"))]
    with (
        pytest.warns(UserWarning, match="lacking"),
        pytest.raises(EquityInputError, match="no group"),
    ):
        _run(rows)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"confidence": 95}, "outside"),
        ({"confidence": 1.0}, "outside"),
        ({"repetitions": 10}, "1,000 or more"),
        ({"value_type": 3}, "value_type"),
        ({"se": None}, "lower_cl"),
        ({"group_by": "Region"}, "'Region' is missing"),
    ],
)
def test_bad_options(options: dict[str, object], message: str) -> None:
    with pytest.raises(EquityInputError, match=message):
        _run(_two_areas(), **options)


def test_repeated_quantile_is_an_error() -> None:
    rows = _two_areas()
    rows = pd.concat([rows, rows.iloc[[0]]])
    with pytest.raises(EquityInputError, match="repeated"):
        _run(rows)


def test_seeded_runs_repeat_and_do_not_depend_on_other_groups() -> None:
    rows = _two_areas()
    both = _run(rows, repetitions=5000)
    again = _run(rows, repetitions=5000)
    alone = _run(rows[rows["Area"] == "area2"], repetitions=5000)
    pd.testing.assert_frame_equal(both, again)
    pd.testing.assert_frame_equal(both.iloc[[1]].reset_index(drop=True), alone)


def test_negative_multiplier_flips_sii_and_inverts_rii() -> None:
    plus = _run(_two_areas(), rii=True)
    minus = _run(_two_areas(), rii=True, multiplier=-1)
    np.testing.assert_allclose(minus["sii"], -plus["sii"])
    np.testing.assert_allclose(minus["rii"], 1 / plus["rii"])
    # the same draws, mirrored; R's limit positions are one draw off symmetric
    np.testing.assert_allclose(minus["sii_lower"], -plus["sii_upper"], rtol=5e-3)


def test_simulation_chunks_give_the_same_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from heathub.equity import sii_simulation

    whole = _run(_two_areas(), rii=True)
    monkeypatch.setattr(sii_simulation, "CHUNK_BYTES", 1)  # one group per chunk
    pd.testing.assert_frame_equal(whole, _run(_two_areas(), rii=True))


deciles = st.lists(
    st.tuples(
        st.floats(100, 50_000),  # population
        st.floats(50, 90),  # value (life expectancy)
        st.floats(0.1, 3),  # standard error
    ),
    min_size=5,
    max_size=10,
)


def _frame(rows: list[tuple[float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Area": "A",
            "Quantile": range(1, len(rows) + 1),
            "Population": [r[0] for r in rows],
            "Value": [r[1] for r in rows],
            "StandardError": [r[2] for r in rows],
        }
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deciles)
def test_interval_contains_the_estimate_and_widens_with_confidence(
    rows: list[tuple[float, float, float]],
) -> None:
    out = _run(_frame(rows), confidence=(0.9, 0.99), repetitions=4000, rii=True)
    for measure in ("sii", "rii"):
        lower90, upper90 = out[f"{measure}_lower90_0cl"], out[f"{measure}_upper90_0cl"]
        lower99, upper99 = out[f"{measure}_lower99_0cl"], out[f"{measure}_upper99_0cl"]
        assert (lower99 <= lower90).all()
        assert (upper90 <= upper99).all()
    # the point estimate lies within the wider simulated interval
    assert (out["sii_lower99_0cl"] <= out["sii"]).all()
    assert (out["sii"] <= out["sii_upper99_0cl"]).all()


@settings(max_examples=15, deadline=None)
@given(deciles, st.randoms(use_true_random=False))
def test_row_order_does_not_change_results(
    rows: list[tuple[float, float, float]], shuffler: object
) -> None:
    frame = pd.concat([_frame(rows), _frame(rows).assign(Area="B")], ignore_index=True)
    shuffled = frame.sample(frac=1, random_state=shuffler.randint(0, 10**6))  # type: ignore[attr-defined]
    pd.testing.assert_frame_equal(_run(frame, rii=True), _run(shuffled, rii=True))


@pytest.mark.parametrize("name", ["sii", "sii_simulation"])
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(f"heathub.equity.{name}")
    failed, attempted = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0
    assert failed == 0
