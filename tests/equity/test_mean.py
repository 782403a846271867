"""equity.mean against PHEindicatormethods 2.0.0 (phe_mean) and its properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heathub import equity
from heathub.equity import EquityInputError
from tests.equity.reference_data import assert_matches, phe_csv

COLUMNS = ["value_sum", "value_count", "stdev", "value"]
LIMITS_TWO_LEVELS = ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"]


def test_matches_phe_mean_by_area() -> None:
    data = phe_csv("xlsx-as-csv/testdata_Mean__testdata_Mean.csv")
    expected = phe_csv("xlsx-as-csv/testdata_Mean__testdata_Mean_results.csv")
    result = equity.mean(data, "values", group_by=["area"], confidence=(0.95, 0.998))
    assert result["area"].tolist() == ["Area1", "Area2"]
    assert_matches(result, expected.iloc[:2], COLUMNS + LIMITS_TWO_LEVELS)


def test_matches_phe_mean_over_the_whole_frame() -> None:
    data = phe_csv("xlsx-as-csv/testdata_Mean__testdata_Mean.csv")
    expected = phe_csv("xlsx-as-csv/testdata_Mean__testdata_Mean_results.csv").iloc[[2]]
    result = equity.mean(data, "values", confidence=(0.95, 0.998))
    assert list(result.columns) == COLUMNS + LIMITS_TWO_LEVELS
    assert_matches(result, expected.reset_index(drop=True), COLUMNS + LIMITS_TWO_LEVELS)


def test_one_value_has_no_spread_so_no_limits() -> None:
    result = equity.mean(pd.DataFrame({"v": [4.0]}), "v")
    assert result.loc[0, "value"] == 4.0
    assert result[["stdev", "lowercl", "uppercl"]].isna().all(axis=None)


@pytest.mark.parametrize(
    ("frame", "group_by", "message"),
    [
        (pd.DataFrame({"x": [1.0]}), None, "column 'v' is missing"),
        (pd.DataFrame({"v": [1.0, np.nan]}), None, r"column 'v': missing value \(row 1\)"),
        (pd.DataFrame({"v": ["a"]}), None, "not a number"),
        (pd.DataFrame({"v": [1.0], "g": [None]}), ["g"], "missing value in a grouping column"),
        (pd.DataFrame({"v": [1.0]}), ["area"], "column 'area' is missing"),
    ],
)
def test_bad_input_names_column_and_rows(
    frame: pd.DataFrame, group_by: list[str] | None, message: str
) -> None:
    with pytest.raises(EquityInputError, match=message):
        equity.mean(frame, "v", group_by=group_by)


def test_confidence_outside_zero_one_is_refused() -> None:
    with pytest.raises(EquityInputError, match="outside"):
        equity.mean(pd.DataFrame({"v": [1.0, 2.0]}), "v", confidence=1.0)


values = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=2, max_size=30
)


@settings(max_examples=200, deadline=None)
@given(values, st.floats(min_value=0.5, max_value=0.998))
def test_interval_contains_estimate_and_widens_with_confidence(
    data: list[float], level: float
) -> None:
    df = pd.DataFrame({"v": data})
    narrow = equity.mean(df, "v", confidence=level).iloc[0]
    wide = equity.mean(df, "v", confidence=level + 0.001).iloc[0]
    assert narrow.lowercl <= narrow.value <= narrow.uppercl
    assert wide.lowercl <= narrow.lowercl
    assert wide.uppercl >= narrow.uppercl


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABC"), st.integers(-100, 100)), min_size=2, max_size=40))
def test_row_and_group_order_do_not_change_results(rows: list[tuple[str, int]]) -> None:
    df = pd.DataFrame(rows, columns=["area", "v"])
    shuffled = df.sample(frac=1, random_state=len(rows))
    pd.testing.assert_frame_equal(
        equity.mean(shuffled, "v", group_by=["area"]),
        equity.mean(df, "v", group_by=["area"]),
        rtol=1e-9,
    )
