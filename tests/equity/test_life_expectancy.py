"""equity.life_expectancy against PHEindicatormethods 2.0.0 (phe_life_expectancy) output for the
generated inputs in phe-methods-testdata/generated, and its properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heathub import equity
from heathub.equity import EquityInputError
from heathub.equity.life_expectancy import START_AGES
from tests.equity.reference_data import assert_matches, phe_csv

KEYS = ["area", "sex", "startage"]


def inputs() -> pd.DataFrame:
    return phe_csv("generated/life_expectancy_inputs.csv")


@pytest.mark.parametrize(("confidence", "suffix"), [(0.95, "0_95"), (0.998, "0_998")])
def test_matches_phe_life_expectancy(confidence: float, suffix: str) -> None:
    expected = phe_csv(f"generated/life_expectancy_expected_{suffix}.csv")
    result = equity.life_expectancy(
        inputs(), "deaths", "pop", "startage", group_by=["area", "sex"], confidence=confidence
    )
    assert list(result.columns) == [*KEYS, "value", "lowercl", "uppercl"]
    merged = result.merge(expected, on=KEYS, suffixes=("", "_ref"), validate="1:1")
    assert len(merged) == len(expected) == len(result)
    reference = merged[[f"{c}_ref" for c in ("value", "lowercl", "uppercl")]]
    assert_matches(
        merged,
        reference.rename(columns=lambda c: c.removesuffix("_ref")),
        ["value", "lowercl", "uppercl"],
    )


def test_two_levels_give_named_columns_and_the_same_values() -> None:
    both = equity.life_expectancy(
        inputs(), "deaths", "pop", "startage", group_by=["area", "sex"], confidence=(0.95, 0.998)
    )
    single = equity.life_expectancy(inputs(), "deaths", "pop", "startage", group_by=["area", "sex"])
    assert list(both.columns)[-4:] == ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"]
    pd.testing.assert_series_equal(both["value"], single["value"])
    pd.testing.assert_series_equal(both["lower95_0cl"], single["lowercl"], check_names=False)


def test_documented_suppression_in_the_reference() -> None:
    result = equity.life_expectancy(
        inputs(), "deaths", "pop", "startage", group_by=["area", "sex"]
    ).set_index(KEYS)
    # A001: total population under 5,000; A002 Male: a zero population at 85. Whole group NaN.
    assert result.loc["A001", ["value", "lowercl", "uppercl"]].isna().all(axis=None)
    assert result.loc[("A002", "Male"), ["value", "lowercl"]].isna().all(axis=None)
    # A003 Male at 90: the 95% interval is wider than 20 years, so no value but the limits stay.
    row = result.loc[("A003", "Male", 90)]
    assert np.isnan(row.value)
    assert row.uppercl - row.lowercl > 20


def one_area(scale: float = 1.0) -> pd.DataFrame:
    pops = np.array(
        [
            7060,
            35059,
            46974,
            48489,
            43219,
            38561,
            46009,
            57208,
            61435,
            55601,
            50209,
            56416,
            46411,
            39820,
            37978,
            37039,
            33288,
            23306,
            11936,
            11936,
        ]
    )
    deaths = np.array(
        [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937]
    )
    return pd.DataFrame(
        {"age": START_AGES, "pops": pops * scale, "deaths": np.round(deaths * scale)}
    )


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d.assign(pops=d["pops"].mask(d["age"] == 40, 0)), "a zero population"),
        (lambda d: d.assign(deaths=d["deaths"].mask(d["age"] == 40, -1)), "negative deaths"),
        (lambda d: d.assign(deaths=d["deaths"].mask(d["age"] == 40, 10**6)), "deaths > population"),
        (lambda d: d[d["age"] != 40], "19 bands"),
        (lambda d: d.assign(pops=d["pops"] / 200), "total population 5,000 or less"),
    ],
)
def test_whole_group_is_suppressed(change: object, why: str) -> None:
    df = pd.concat([one_area().assign(area="ok"), change(one_area()).assign(area="bad")])  # type: ignore[operator]
    result = equity.life_expectancy(df, "deaths", "pops", "age", group_by=["area"])
    bad = result[result["area"] == "bad"]
    assert bad[["value", "lowercl", "uppercl"]].isna().all(axis=None), why
    assert result.loc[result["area"] == "ok", "value"].notna().all()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.assign(age=d["age"].replace(90, 95)),
            r"'age': start age not one of .*\(row 19\)",
        ),
        (lambda d: d.assign(age=d["age"].replace(85, 90)), "start age repeated within a group"),
        (
            lambda d: d.assign(deaths=d["deaths"].mask(d["age"] == 5)),
            r"'deaths': missing value \(row 2\)",
        ),
        (lambda d: d.drop(columns="pops"), "column 'pops' is missing"),
    ],
)
def test_bad_input_names_column_and_rows(change: object, message: str) -> None:
    with pytest.raises(EquityInputError, match=message):
        equity.life_expectancy(change(one_area()), "deaths", "pops", "age")  # type: ignore[operator]


def test_confidence_outside_zero_one_is_refused() -> None:
    with pytest.raises(EquityInputError, match="outside"):
        equity.life_expectancy(one_area(), "deaths", "pops", "age", confidence=(0.95, 2))


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0.2, max_value=20), st.floats(min_value=0.5, max_value=0.998))
def test_interval_contains_estimate_and_widens_with_confidence(scale: float, level: float) -> None:
    df = one_area(scale)
    narrow = equity.life_expectancy(df, "deaths", "pops", "age", confidence=level)
    wide = equity.life_expectancy(df, "deaths", "pops", "age", confidence=level + 0.001)
    shown = narrow["value"].notna()
    assert shown.any()
    n, w = narrow[shown], wide[shown]
    assert (n.lowercl <= n.value).all()
    assert (n.value <= n.uppercl).all()
    assert (w.lowercl <= n.lowercl).all()
    assert (w.uppercl >= n.uppercl).all()


def test_no_deaths_at_90_leaves_no_life_expectancy() -> None:
    df = one_area().assign(deaths=lambda d: d["deaths"].mask(d["age"] == 90, 0))
    assert equity.life_expectancy(df, "deaths", "pops", "age")["value"].isna().all()


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(60)))
def test_row_and_group_order_do_not_change_results(order: list[int]) -> None:
    df = pd.concat([one_area(s).assign(area=f"area{i}") for i, s in enumerate((1, 0.5, 3))])
    shuffled = df.iloc[order]
    pd.testing.assert_frame_equal(
        equity.life_expectancy(shuffled, "deaths", "pops", "age", group_by=["area"]),
        equity.life_expectancy(df, "deaths", "pops", "age", group_by=["area"]),
    )
