"""equity.who.summary_measures over HEAT Plus uploads: which measures apply, how the template is
read and checked, and properties (intervals, confidence, row order)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heathub.equity import EquityInputError
from heathub.equity.who import ALL_MEASURES, summary_measures

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
TEMPLATE = DATA / "who-heat" / "heatplus_template_example.csv"
ANALYTIC = ("D", "R", "ACI", "RCI", "SII", "RII", "BGV", "TI", "MLD", "PAF", "PAR")
SIMULATED = ("BGSD", "COV", "MDBU", "MDBW", "MDMU", "MDMW", "MDRU", "MDRW", "IDISU", "IDISW")


def upload(
    estimates: list[float],
    *,
    ordered: bool = False,
    favourable: bool = True,
    reference: int | None = None,
    population: list[float] | None = None,
    scale: float = 100,
) -> pd.DataFrame:
    n = len(estimates)
    return pd.DataFrame(
        {
            "setting": "Coventry",
            "date": 2024,
            "indicator_abbr": "screen",
            "dimension": "IMD quintile" if ordered else "Ethnic group",
            "subgroup": [f"g{i}" for i in range(1, n + 1)],
            "estimate": estimates,
            "se": [1.5 + i / 10 for i in range(n)],
            "population": population or [1000.0 + 250 * i for i in range(n)],
            "favourable_indicator": int(favourable),
            "indicator_scale": scale,
            "ordered_dimension": int(ordered),
            "subgroup_order": list(range(1, n + 1)) if ordered else [0] * n,
            "reference_subgroup": [int(i == reference) for i in range(n)],
        }
    )


def measures_of(frame: pd.DataFrame) -> list[str]:
    return summary_measures(frame)["measure"].tolist()


def test_binary_dimension_gets_d_r_paf_par() -> None:
    assert measures_of(upload([70.0, 80.0])) == ["D", "R", "PAF", "PAR"]


def test_ordered_dimension_with_more_than_two_subgroups() -> None:
    got = measures_of(upload([50.0, 60, 65, 70, 80], ordered=True))
    assert got == ["D", "R", "ACI", "RCI", "SII", "RII", "PAF", "PAR"]


def test_non_ordered_dimension_gets_the_reference_measures_only_with_a_reference() -> None:
    without = measures_of(upload([50.0, 60, 70]))
    with_reference = measures_of(upload([50.0, 60, 70], reference=1))
    assert "MDRU" not in without
    assert "MDRW" not in without
    assert set(with_reference) - set(without) == {"MDRU", "MDRW"}
    assert set(with_reference) == set(ALL_MEASURES) - {"ACI", "RCI", "SII", "RII"}


def test_measures_needing_population_are_left_out_without_it() -> None:
    frame = upload([50.0, 60, 70], reference=0)
    frame.loc[1, "population"] = np.nan
    assert measures_of(frame) == ["D", "R", "MDBU", "MDRU"]


def test_sii_left_out_when_an_estimate_exceeds_the_scale() -> None:
    frame = upload([50.0, 60, 170], ordered=True)
    assert "SII" not in measures_of(frame)
    assert "RII" not in measures_of(frame)
    assert "ACI" in measures_of(frame)


def test_requested_measures_only() -> None:
    out = summary_measures(upload([50.0, 60, 70], ordered=True), ["sii", "PAR", "BGV"])
    assert out["measure"].tolist() == ["SII", "PAR"]  # BGV does not apply to ordered dimensions


def test_unknown_measure_is_an_error() -> None:
    with pytest.raises(EquityInputError, match="'XYZ'"):
        summary_measures(upload([50.0, 60]), ["XYZ"])


@pytest.mark.parametrize(
    ("favourable", "ordered", "reference", "expected_d"),
    [
        (True, True, None, 30.0),  # most advantaged (order 4) - least advantaged (order 1)
        (False, True, None, -30.0),  # least advantaged - most advantaged
        (True, False, None, 40.0),  # highest - lowest
        (False, False, None, 40.0),  # highest - lowest
        (True, False, 2, 10.0),  # reference (80) - lowest (70)
        (False, False, 2, 30.0),  # highest (110) - reference (80)
    ],
)
def test_difference_pairs(
    favourable: bool, ordered: bool, reference: int | None, expected_d: float
) -> None:
    frame = upload(
        [70.0, 110, 80, 100], favourable=favourable, ordered=ordered, reference=reference
    )
    frame["indicator_scale"] = 1000
    d = summary_measures(frame, ["D"])["estimate"].iloc[0]
    assert d == pytest.approx(expected_d)


def test_par_is_zero_when_the_reference_is_worse_than_average() -> None:
    # ordered, favourable: the most advantaged quintile is below the average
    frame = upload([80.0, 85, 90, 95, 60], ordered=True)
    out = summary_measures(frame, ["PAR", "PAF"]).set_index("measure")
    assert out.loc["PAR", "estimate"] == 0
    assert out.loc["PAF", "estimate"] == 0


def test_setting_average_column_is_ignored() -> None:
    frame = upload([50.0, 60, 70], ordered=True)
    pd.testing.assert_frame_equal(
        summary_measures(frame), summary_measures(frame.assign(setting_average=12.0))
    )


def test_blank_se_is_derived_from_the_95_percent_limits() -> None:
    frame = upload([50.0, 60.0])
    frame["se"] = [np.nan, 2.0]
    frame["ci_lb"] = [46.0, np.nan]
    frame["ci_ub"] = [54.0, np.nan]
    d = summary_measures(frame, ["D"]).iloc[0]
    assert d["se"] == pytest.approx(np.hypot(8 / (2 * 1.959964), 2.0), rel=1e-6)


def test_missing_se_and_limits_leave_analytic_intervals_blank() -> None:
    frame = upload([50.0, 60, 70]).assign(se=np.nan)
    out = summary_measures(frame).set_index("measure")
    assert np.isnan(out.loc["D", "ci_lb"])
    assert np.isnan(out.loc["BGSD", "ci_lb"])
    assert out.loc["D", "estimate"] == 20


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.drop(columns="estimate"), "'estimate' is missing"),
        (lambda f: f.assign(estimate=[50.0, np.nan, 70]), "'estimate': missing value .row 1"),
        (lambda f: f.assign(favourable_indicator=[1, 1, 2]), "'favourable_indicator'.*0 or 1"),
        (lambda f: f.assign(indicator_scale=[100, 100, 1000]), "'indicator_scale': varies"),
        (lambda f: f.assign(ordered_dimension=[1, 0, 0]), "'ordered_dimension': varies"),
        (lambda f: f.assign(se=[1.0, -1, 1]), "'se': negative"),
        (lambda f: f.assign(population=[1.0, -1, 1]), "'population': negative"),
        (lambda f: f.assign(subgroup=["a", "a", "b"]), "'subgroup': subgroup listed twice"),
        (lambda f: f.assign(reference_subgroup=[1, 1, 0]), "more than one reference"),
        (lambda f: f.assign(setting=["A", None, "A"]), "'setting': missing value"),
    ],
)
def test_bad_uploads_name_column_and_row(change: object, message: str) -> None:
    with pytest.raises(EquityInputError, match=message):
        summary_measures(change(upload([50.0, 60, 70])))  # type: ignore[operator]


def test_ordered_dimension_needs_distinct_orders() -> None:
    frame = upload([50.0, 60, 70], ordered=True).assign(subgroup_order=[1, 2, 2])
    with pytest.raises(EquityInputError, match="'subgroup_order': repeated"):
        summary_measures(frame)


@pytest.mark.parametrize("options", [{"confidence": 95}, {"simulations": 1}])
def test_bad_options(options: dict[str, object]) -> None:
    with pytest.raises(EquityInputError):
        summary_measures(upload([50.0, 60]), **options)  # type: ignore[arg-type]


def test_who_template_example_runs_as_shipped() -> None:
    if not TEMPLATE.exists():
        pytest.skip(f"reference data not found: {TEMPLATE.parent} (the shared data folder)")
    out = summary_measures(pd.read_csv(TEMPLATE))
    # 34 regions, non-ordered, no reference subgroup, se blank (derived from the limits)
    assert out["measure"].tolist() == [
        "D", "R", "BGV", "BGSD", "COV", "MDBU", "MDBW", "MDMU", "MDMW", "IDISU", "IDISW",
        "TI", "MLD", "PAF", "PAR",
    ]  # fmt: skip
    assert out[["estimate", "ci_lb", "ci_ub"]].notna().all().all()


def test_each_stratum_gets_its_own_measures() -> None:
    a = upload([50.0, 60, 70], ordered=True)
    b = upload([50.0, 60]).assign(setting="Warwick")
    out = summary_measures(pd.concat([b, a], ignore_index=True))
    assert out.groupby("setting")["measure"].count().to_dict() == {"Coventry": 8, "Warwick": 4}


stratum = st.lists(
    st.tuples(st.floats(1, 99), st.floats(0.2, 5), st.floats(10, 10_000)), min_size=3, max_size=8
)


def _from(rows: list[tuple[float, float, float]], ordered: bool) -> pd.DataFrame:
    frame = upload([r[0] for r in rows], ordered=ordered, population=[r[2] for r in rows])
    frame["se"] = [r[1] for r in rows]
    return frame


@settings(max_examples=30, deadline=None)
@given(stratum, st.booleans())
def test_analytic_intervals_contain_the_estimate_and_widen_with_confidence(
    rows: list[tuple[float, float, float]], ordered: bool
) -> None:
    frame = _from(rows, ordered)
    narrow = summary_measures(frame, confidence=0.9).set_index("measure")
    wide = summary_measures(frame, confidence=0.99).set_index("measure")
    analytic = narrow.index.intersection(ANALYTIC)
    assert (narrow.loc[analytic, "ci_lb"] <= narrow.loc[analytic, "estimate"] + 1e-9).all()
    assert (narrow.loc[analytic, "estimate"] <= narrow.loc[analytic, "ci_ub"] + 1e-9).all()
    assert (wide["ci_lb"] <= narrow["ci_lb"] + 1e-9).all()
    assert (narrow["ci_ub"] <= wide["ci_ub"] + 1e-9).all()


@settings(max_examples=20, deadline=None)
@given(stratum, st.booleans(), st.integers(0, 10**6))
def test_row_and_stratum_order_do_not_change_results(
    rows: list[tuple[float, float, float]], ordered: bool, shuffle_seed: int
) -> None:
    one = _from(rows, ordered)
    frame = pd.concat([one, one.assign(setting="Nuneaton")], ignore_index=True)
    shuffled = frame.sample(frac=1, random_state=shuffle_seed)
    pd.testing.assert_frame_equal(summary_measures(frame), summary_measures(shuffled))


def test_par_uses_a_flagged_reference_subgroup_in_non_ordered_dimensions() -> None:
    frame = upload([50.0, 60, 70, 65], reference=3)
    out = summary_measures(frame, ["PAR"]).iloc[0]
    shares = np.array(frame["population"]) / frame["population"].sum()
    assert out["estimate"] == pytest.approx(65 - float(shares @ frame["estimate"]))
    best = summary_measures(upload([50.0, 60, 70, 65]), ["PAR"]).iloc[0]
    assert best["estimate"] == pytest.approx(70 - float(shares @ frame["estimate"]))
