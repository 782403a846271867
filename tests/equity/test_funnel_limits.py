"""equity.funnel_limits against PHEindicatormethods 2.0.0 (calculate_funnel_limits) and its
properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heathub import equity
from heathub.equity import EquityInputError
from tests.equity.reference_data import assert_matches, phe_csv

PROPORTION = [
    "Population",
    "lower_2s_limit",
    "upper_2s_limit",
    "lower_3s_limit",
    "upper_3s_limit",
    "baseline",
]
LIMITS = ["lower_2s", "upper_2s", "lower_3s", "upper_3s"]


def rate_inputs() -> pd.DataFrame:
    return phe_csv("package-data-as-csv/sysdata__test_funnel_rate_funnels_input.csv")


def test_matches_proportion_funnel() -> None:
    data = phe_csv("package-data-as-csv/sysdata__test_funnel_inputs.csv")
    expected = phe_csv("package-data-as-csv/sysdata__test_funnel_outputs.csv")
    result = equity.funnel_limits(
        data, "numerator", "denominator", statistic="proportion", multiplier=100
    )
    assert list(result.columns) == [*PROPORTION, "statistic", "method"]
    assert_matches(result, expected, PROPORTION)


def test_matches_proportion_funnel_with_axis_variation() -> None:
    data = phe_csv("package-data-as-csv/sysdata__test_funnel_inputs.csv")
    expected = phe_csv("package-data-as-csv/sysdata__test_funnel_outputs_axis_variation.csv")
    result = equity.funnel_limits(
        data[data["denominator"] < 31000],
        "numerator",
        "denominator",
        statistic="proportion",
        multiplier=100,
    )
    assert_matches(result, expected, PROPORTION)
    assert (result[["statistic", "method"]] == expected[["statistic", "method"]]).all(axis=None)


@pytest.mark.parametrize("ratio_type", ["count", "isr"])
def test_matches_ratio_funnel(ratio_type: str) -> None:
    data = phe_csv("package-data-as-csv/sysdata__test_funnel_ratio_inputs.csv")
    reference = phe_csv("package-data-as-csv/sysdata__test_funnel_ratio_outputs.csv")
    expected = reference.rename(columns=lambda c: c.replace(f"_{ratio_type}", "_limit"))
    result = equity.funnel_limits(
        data,
        "obs",
        "expected",
        statistic="ratio",
        ratio_type=ratio_type,  # type: ignore[arg-type]
    )
    columns = ["Observed_events"] + [f"{b}_{s}" for b in LIMITS for s in ("exp_events", "limit")]
    assert list(result.columns) == [*columns, "statistic", "method"]
    assert_matches(result, expected, columns)
    assert (result["statistic"] == f"ratio ({ratio_type})").all()


def rate_columns() -> list[str]:
    pairs = [f"{b}_{s}" for b in LIMITS for s in ("population_1_year", "limit")]
    return ["Events", *pairs, "baseline"]


def assert_rate_funnel(result: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(result.columns) == [*rate_columns(), "statistic", "method"]
    assert_matches(result, expected, rate_columns())
    assert (result[["statistic", "method"]] == expected[["statistic", "method"]]).all(axis=None)


def test_matches_dsr_rate_funnel() -> None:
    result = equity.funnel_limits(
        rate_inputs(),
        "ev",
        rate="rate",
        statistic="rate",
        rate_type="dsr",
        multiplier=100_000,
        years_of_data=3,
    )
    assert_rate_funnel(result, phe_csv("package-data-as-csv/sysdata__test_funnel_rate_funnels.csv"))


def test_matches_crude_rate_funnel_with_fewer_than_ten_events() -> None:
    data = rate_inputs()
    data.loc[data["ev"] == data["ev"].max(), "ev"] = 5
    result = equity.funnel_limits(
        data,
        "ev",
        rate="rate",
        statistic="rate",
        rate_type="crude",
        multiplier=100_000,
        years_of_data=3,
    )
    assert_rate_funnel(
        result, phe_csv("package-data-as-csv/sysdata__test_funnel_rate_funnels_2.csv")
    )


def test_matches_crude_rate_funnel_with_no_events_and_a_denominator() -> None:
    data = rate_inputs()[["ev", "rate"]].copy()
    data["pop"] = 100_000 * data["ev"] / data["rate"]
    largest = data["ev"] == data["ev"].max()
    data.loc[largest, ["ev", "rate"]] = 0
    data = data[data["pop"] > data["pop"].max() / 2]
    result = equity.funnel_limits(
        data,
        "ev",
        "pop",
        rate="rate",
        statistic="rate",
        rate_type="crude",
        multiplier=100_000,
        years_of_data=3,
    )
    assert_rate_funnel(
        result, phe_csv("package-data-as-csv/sysdata__test_funnel_rate_funnels_3.csv")
    )


@pytest.mark.parametrize(
    ("frame", "kwargs", "message"),
    [
        (
            pd.DataFrame({"x": [5, 5], "n": [10, 20]}),
            {"statistic": "proportion"},
            "needs multiplier",
        ),
        (
            pd.DataFrame({"x": [5, 50], "n": [10, 20]}),
            {"statistic": "proportion", "multiplier": 100},
            r"'x': numerator above denominator 'n' \(row 1\)",
        ),
        (
            pd.DataFrame({"x": [5, -1], "n": [10, 20]}),
            {"statistic": "ratio", "ratio_type": "count"},
            r"'x': negative value \(row 1\)",
        ),
        (
            pd.DataFrame({"x": [5, 1], "n": [0, 20]}),
            {"statistic": "ratio", "ratio_type": "isr"},
            r"'n': must be greater than zero \(row 0\)",
        ),
        (pd.DataFrame({"x": [5, 1], "n": [9, 20]}), {"statistic": "ratio"}, "ratio_type"),
        (pd.DataFrame({"x": [5, 1], "n": [9, 20]}), {"statistic": "odds"}, "statistic='odds'"),
        (
            pd.DataFrame({"x": [0, 10], "r": [0.0, 5.0]}),
            {
                "statistic": "rate",
                "rate": "r",
                "rate_type": "crude",
                "multiplier": 1e5,
                "years_of_data": 1,
            },
            r"'x': no events: give denominator= for such rows \(row 0\)",
        ),
        (
            pd.DataFrame({"x": [3, 10], "r": [2.0, 5.0]}),
            {"statistic": "rate", "rate": "r", "rate_type": "dsr", "multiplier": 1e5},
            "years_of_data",
        ),
    ],
)
def test_bad_input_is_refused(frame: pd.DataFrame, kwargs: dict[str, object], message: str) -> None:
    denominator = "n" if "n" in frame.columns else None
    with pytest.raises(EquityInputError, match=message):
        equity.funnel_limits(frame, "x", denominator, **kwargs)  # type: ignore[arg-type]


proportions = st.lists(
    st.integers(50, 100_000).flatmap(lambda n: st.tuples(st.integers(1, n - 1), st.just(n))),
    min_size=2,
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(proportions)
def test_limits_nest_around_the_baseline_and_ignore_row_order(rows: list[tuple[int, int]]) -> None:
    df = pd.DataFrame(rows, columns=["x", "n"])
    result = equity.funnel_limits(df, "x", "n", statistic="proportion", multiplier=100)
    inner = result.dropna()
    assert (inner.lower_3s_limit <= inner.lower_2s_limit + 1e-9).all()
    assert (inner.lower_2s_limit <= inner.baseline + 1e-9).all()
    assert (inner.baseline <= inner.upper_2s_limit + 1e-9).all()
    assert (inner.upper_2s_limit <= inner.upper_3s_limit + 1e-9).all()
    assert result["Population"].is_monotonic_increasing
    shuffled = df.sample(frac=1, random_state=len(df))
    pd.testing.assert_frame_equal(
        equity.funnel_limits(shuffled, "x", "n", statistic="proportion", multiplier=100),
        result,
        rtol=1e-12,
    )


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.floats(1, 1000)), min_size=2, max_size=20))
def test_ratio_limits_bracket_one(rows: list[tuple[int, float]]) -> None:
    df = pd.DataFrame(rows, columns=["x", "n"])
    result = equity.funnel_limits(df, "x", "n", statistic="ratio", ratio_type="isr")
    assert (result.lower_3s_limit <= result.lower_2s_limit).all()
    assert (result.lower_2s_limit <= 100 + 1e-6).all()
    assert (result.upper_2s_limit >= 100 - 1e-6).all()
    assert (result.upper_2s_limit <= result.upper_3s_limit).all()
    assert np.isfinite(result.drop(columns=["statistic", "method"])).all(axis=None)
