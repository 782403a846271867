"""equity.quantiles against PHEindicatormethods 2.0.0 (phe_quantile) and its properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heathub import equity
from heathub.equity import EquityInputError
from tests.equity.reference_data import phe_csv


def grouped() -> pd.DataFrame:
    return phe_csv("package-data-as-csv/sysdata__test_quantiles_g.csv")


def assert_same_quantiles(result: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_series_equal(
        result["quantile"].astype("Float64"),
        expected["QuantileInGrp"].astype("Float64"),
        check_names=False,
    )


def test_within_region_deciles_with_polarity_from_a_column() -> None:
    data = grouped().query("GroupSet == 'IndSexReg'")
    result = equity.quantiles(
        data, "Value", group_by=["IndSexRef", "ParentCode"], invert="Polarity"
    )
    assert_same_quantiles(result, data)
    # Regions with fewer than 10 areas get no deciles; missing values get no quantile.
    assert result["quantile"].isna().sum() == data["QuantileInGrp"].isna().sum() > 0


def test_within_region_deciles_not_inverted() -> None:
    data = grouped().query("IndSexRef == '90366Female' and GroupSet == 'IndSexReg'")
    result = equity.quantiles(data, "Value", group_by=["IndSexRef", "ParentCode"], invert=False)
    assert_same_quantiles(result, data)


def test_septiles_over_the_whole_frame() -> None:
    data = grouped().query("GroupSet == 'IndSex'")
    assert_same_quantiles(equity.quantiles(data, "Value", invert="Polarity", nquantiles=7), data)


@pytest.mark.parametrize("group_by", [None, ["GroupSet"]])
def test_quartiles_ungrouped(group_by: list[str] | None) -> None:
    data = phe_csv("package-data-as-csv/sysdata__test_quantiles_ug.csv").query("GroupSet == 'None'")
    assert_same_quantiles(equity.quantiles(data, "Value", group_by=group_by, nquantiles=4), data)


def test_polarity_varying_within_a_group_is_refused() -> None:
    data = phe_csv("package-data-as-csv/sysdata__test_quantiles_fail.csv")
    with pytest.raises(EquityInputError, match="'Polarity': invert must take one value"):
        equity.quantiles(data, "Value", group_by=["IndSexRef"], invert="Polarity")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"invert": "Pol"}, "column 'Pol' is missing"),
        ({"invert": "area"}, "invert must be True or False"),
        ({"nquantiles": 0}, "nquantiles=0"),
        ({"group_by": ["region"]}, "column 'region' is missing"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, object], message: str) -> None:
    df = pd.DataFrame({"area": ["a", "b"], "v": [1.0, 2.0]})
    with pytest.raises(EquityInputError, match=message):
        equity.quantiles(df, "v", **kwargs)  # type: ignore[arg-type]


def test_text_values_are_refused() -> None:
    with pytest.raises(EquityInputError, match="'area': values must be numbers"):
        equity.quantiles(pd.DataFrame({"area": ["a", "b"]}), "area")


groups = st.lists(st.tuples(st.sampled_from("XYZ"), st.integers(0, 50)), min_size=1, max_size=80)


@settings(max_examples=100, deadline=None)
@given(groups, st.integers(1, 10), st.booleans())
def test_quantiles_are_ordered_in_range_and_ignore_row_order(
    rows: list[tuple[str, int]], n: int, invert: bool
) -> None:
    df = pd.DataFrame(rows, columns=["region", "v"])
    result = equity.quantiles(df, "v", group_by=["region"], nquantiles=n, invert=invert)
    assigned = result.dropna(subset=["quantile"])
    assert assigned["quantile"].between(1, n).all()
    for _, group in assigned.groupby("region"):
        ordered = group.sort_values("v", ascending=not invert)["quantile"].to_numpy()
        assert (np.diff(ordered) >= 0).all()  # the first quantile holds the first values
    too_small = result.groupby("region")["v"].transform("size") < n
    assert result.loc[too_small, "quantile"].isna().all()
    shuffled = df.sample(frac=1, random_state=len(df))
    reordered = equity.quantiles(shuffled, "v", group_by=["region"], nquantiles=n, invert=invert)
    pd.testing.assert_frame_equal(reordered.sort_index(), result)
