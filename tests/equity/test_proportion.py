"""equity.proportion against PHEindicatormethods 2.0.0 (phe_proportion) and its properties."""

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


def test_matches_phe_proportion_for_both_multipliers() -> None:
    reference = phe_csv("xlsx-as-csv/testdata_Proportion__testdata_Prop.csv")
    complete = reference.dropna(subset=["Numerator", "Denominator"])
    for multiplier, expected in complete.groupby("multiplier"):
        result = equity.proportion(
            expected[["Area", "Numerator", "Denominator"]],
            "Numerator",
            "Denominator",
            confidence=(0.95, 0.998),
            multiplier=multiplier,
        )
        assert_matches(result, expected, ["value", *LIMITS_TWO_LEVELS])


def test_reference_rows_with_missing_counts_are_refused() -> None:
    # The package returns NA for these rows; heathub refuses missing input and names the row.
    reference = phe_csv("xlsx-as-csv/testdata_Proportion__testdata_Prop.csv")
    incomplete = reference[reference[["Numerator", "Denominator"]].isna().any(axis=1)]
    assert len(incomplete) == 3
    with pytest.raises(EquityInputError, match="missing value"):
        equity.proportion(incomplete, "Numerator", "Denominator")


def test_grouped_form_is_out_of_scope() -> None:
    pytest.skip(
        "testdata_Prop_g checks R's grouped (pre-aggregating) phe_proportion, "
        "out of scope for issue 4: aggregate with groupby first"
    )


def test_single_level_names_lowercl_uppercl_and_keeps_input_columns() -> None:
    df = pd.DataFrame({"area": ["A"], "x": [65], "n": [100]})
    result = equity.proportion(df, "x", "n", confidence=0.95)
    assert list(result.columns) == ["area", "x", "n", "value", "lowercl", "uppercl"]
    assert result.loc[0, "lowercl"] == pytest.approx(0.55254443296888, rel=1e-12)
    assert list(df.columns) == ["area", "x", "n"]  # the input is not changed


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"x": [1]}), "column 'n' is missing"),
        (pd.DataFrame({"x": [1, -1], "n": [5, 5]}), "column 'x': negative count \\(row 1\\)"),
        (pd.DataFrame({"x": [1.5], "n": [5]}), "column 'x': count is not a whole number"),
        (
            pd.DataFrame({"x": [6, 1, 9], "n": [5, 5, 5]}),
            r"denominator 'n' \(rows 0, 2\)",
        ),
        (pd.DataFrame({"x": [0], "n": [0]}), "column 'n': denominator must be greater than zero"),
        (pd.DataFrame({"x": ["a"], "n": [5]}), "column 'x': not a number"),
    ],
)
def test_bad_input_names_column_and_rows(frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(EquityInputError, match=message):
        equity.proportion(frame, "x", "n")


@pytest.mark.parametrize("confidence", [0, 1, 95, -0.5, (0.95, 1.2), ()])
def test_confidence_outside_zero_one_is_refused(confidence: object) -> None:
    df = pd.DataFrame({"x": [1], "n": [5]})
    with pytest.raises(EquityInputError, match="confidence"):
        equity.proportion(df, "x", "n", confidence=confidence)  # type: ignore[arg-type]


counts = st.integers(min_value=1, max_value=10**7).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)


@settings(max_examples=200, deadline=None)
@given(counts, st.floats(min_value=0.5, max_value=0.999))
def test_interval_contains_estimate_and_widens_with_confidence(
    x_n: tuple[int, int], level: float
) -> None:
    df = pd.DataFrame({"x": [x_n[0]], "n": [x_n[1]]})
    narrow = equity.proportion(df, "x", "n", confidence=level).iloc[0]
    wide = equity.proportion(df, "x", "n", confidence=min(level + 0.0009, 0.9999)).iloc[0]
    # Rounding at x = 0 or x = n can put a limit 1e-16 past the estimate it equals.
    assert -EPS <= narrow.lowercl <= narrow.value + EPS
    assert narrow.value <= narrow.uppercl + EPS <= 1 + 2 * EPS
    assert wide.lowercl <= narrow.lowercl + EPS
    assert wide.uppercl >= narrow.uppercl - EPS


def test_zero_and_all_cases_give_limits_at_the_bounds() -> None:
    df = pd.DataFrame({"x": [0, 40], "n": [40, 40]})
    result = equity.proportion(df, "x", "n", multiplier=100)
    assert result["value"].tolist() == [0, 100]
    assert result.loc[0, "lowercl"] == 0
    assert result.loc[1, "uppercl"] == pytest.approx(100)


@settings(max_examples=50, deadline=None)
@given(st.lists(counts, min_size=2, max_size=20))
def test_row_order_does_not_change_results(rows: list[tuple[int, int]]) -> None:
    df = pd.DataFrame(rows, columns=["x", "n"])
    shuffled = df.sample(frac=1, random_state=np.random.RandomState(len(rows)))
    expected = equity.proportion(df, "x", "n")
    assert equity.proportion(shuffled, "x", "n").sort_index().equals(expected)
