"""equity.rate against PHEindicatormethods 2.0.0 (phe_rate) and its properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heathub import equity
from heathub.equity import EquityInputError
from tests.equity.reference_data import assert_matches, phe_csv

EPS = 1e-12
LIMITS_TWO_LEVELS = ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"]


def test_matches_phe_rate_exact_and_byars_for_both_multipliers() -> None:
    reference = phe_csv("xlsx-as-csv/testdata_Rate__testdata_Rate.csv")
    complete = reference.dropna(subset=["Numerator", "Denominator"])
    assert set(complete["method"]) == {"Exact", "Byars"}
    for multiplier, expected in complete.groupby("multiplier"):
        result = equity.rate(
            expected[["Area", "Numerator", "Denominator"]],
            "Numerator",
            "Denominator",
            confidence=(0.95, 0.998),
            multiplier=multiplier,
        )
        assert_matches(result, expected, ["value", *LIMITS_TWO_LEVELS])


def test_reference_rows_with_missing_counts_are_refused() -> None:
    # The package returns NA for these rows; heathub refuses missing input and names the row.
    reference = phe_csv("xlsx-as-csv/testdata_Rate__testdata_Rate.csv")
    incomplete = reference[reference[["Numerator", "Denominator"]].isna().any(axis=1)]
    with pytest.raises(EquityInputError, match="missing value"):
        equity.rate(incomplete, "Numerator", "Denominator")


def test_grouped_form_is_out_of_scope() -> None:
    pytest.skip(
        "testdata_Rate_g checks R's grouped (pre-aggregating) phe_rate, "
        "out of scope for issue 4: aggregate with groupby first"
    )


def test_exact_below_ten_byars_from_ten() -> None:
    df = pd.DataFrame({"x": [0, 9, 10], "n": [1000, 1000, 1000]})
    result = equity.rate(df, "x", "n", multiplier=1000)
    # x = 0: lower limit 0, upper qchisq(0.975, 2) / 2 = -ln(0.025).
    assert result.loc[0, "lowercl"] == 0
    assert result.loc[0, "uppercl"] == pytest.approx(-np.log(0.025), rel=1e-12)
    # x = 9: exact; x = 10: Byar's (x + 1)(1 - 1/(9(x + 1)) + z/(3 sqrt(x + 1)))^3.
    assert result.loc[1, "lowercl"] == pytest.approx(4.115373, rel=1e-6)
    z = 1.959963984540054
    byars_upper = 11 * (1 - 1 / 99 + z / (3 * np.sqrt(11))) ** 3
    assert result.loc[2, "uppercl"] == pytest.approx(byars_upper, rel=1e-12)


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"n": [1]}), "column 'x' is missing"),
        (pd.DataFrame({"x": [-1], "n": [5]}), "column 'x': negative count \\(row 0\\)"),
        (pd.DataFrame({"x": [2.5], "n": [5]}), "not a whole number"),
        (
            pd.DataFrame({"x": [1, 1], "n": [5, 0]}),
            r"'n': must be greater than zero \(row 1\)",
        ),
        (pd.DataFrame({"x": [1], "n": [np.nan]}), "column 'n': missing value"),
    ],
)
def test_bad_input_names_column_and_rows(frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(EquityInputError, match=message):
        equity.rate(frame, "x", "n")


def test_confidence_outside_zero_one_is_refused() -> None:
    with pytest.raises(EquityInputError, match=r"give 0\.998 for 99\.8%"):
        equity.rate(pd.DataFrame({"x": [1], "n": [5]}), "x", "n", confidence=99.8)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**6),
    st.floats(min_value=1, max_value=1e8),
    st.floats(min_value=0.5, max_value=0.998),
)
def test_interval_contains_estimate_and_widens_with_confidence(
    x: int, n: float, level: float
) -> None:
    df = pd.DataFrame({"x": [x], "n": [n]})
    narrow = equity.rate(df, "x", "n", confidence=level).iloc[0]
    wide = equity.rate(df, "x", "n", confidence=level + 0.001).iloc[0]
    assert 0 <= narrow.lowercl <= narrow.value * (1 + EPS)
    assert narrow.value <= narrow.uppercl
    assert wide.lowercl <= narrow.lowercl * (1 + EPS)
    assert wide.uppercl >= narrow.uppercl


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5000), st.integers(1, 10**6)), min_size=2, max_size=20))
def test_row_order_does_not_change_results(rows: list[tuple[int, int]]) -> None:
    df = pd.DataFrame(rows, columns=["x", "n"])
    shuffled = df.sample(frac=1, random_state=len(rows))
    assert equity.rate(shuffled, "x", "n").sort_index().equals(equity.rate(df, "x", "n"))
