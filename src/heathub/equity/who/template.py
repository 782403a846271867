"""Reading and checking a HEAT Plus upload (the columns of WHO's ``heat_plus_template.xlsm``).

One row per subgroup. A stratum is one (setting, date, indicator_abbr, dimension); within it the
indicator's polarity, scale and the dimension's type must not vary. Where ``se`` is blank it is
derived from the row's 95% limits, ``(ci_ub - ci_lb) / (2 · 1.959964)``. A supplied
``setting_average`` is ignored: the setting average is always the population-weighted mean of
the subgroups (as HEAT's own engine computes it).
"""

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from heathub.equity.errors import EquityInputError
from heathub.equity.validation import describe_rows, fail, numeric_column, require_columns
from heathub.equity.who.strata import BoolArray, FloatArray, IntArray, Strata

STRATUM_COLUMNS = ["setting", "date", "indicator_abbr", "dimension"]
REQUIRED_COLUMNS = [
    *STRATUM_COLUMNS, "subgroup", "estimate", "favourable_indicator", "indicator_scale",
    "ordered_dimension",
]  # fmt: skip
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Upload:
    """A checked upload. Row arrays are sorted by stratum (strata in key order) and by subgroup
    name within each stratum; ``start`` and ``size`` locate each stratum's rows in them, and
    ``keys`` holds each stratum's setting, date, indicator_abbr and dimension."""

    keys: pd.DataFrame
    start: IntArray
    size: IntArray
    estimate: FloatArray
    se: FloatArray
    population: FloatArray
    order: FloatArray
    reference: FloatArray
    favourable: FloatArray
    ordered: FloatArray
    scale: FloatArray

    @property
    def labels(self) -> list[str]:
        """Each stratum's key as text, such as ``('A', 2020, 'anc', 'Sex')`` (it seeds the
        stratum's simulations)."""
        columns = [self.keys[column].tolist() for column in STRATUM_COLUMNS]
        return [repr(key) for key in zip(*columns, strict=True)]

    def batches(self, z: float) -> Iterator[tuple[IntArray, Strata]]:
        """Strata of two or more subgroups, in one :class:`Strata` per number of subgroups, each
        with the positions of its strata in ``keys``."""
        for n in np.unique(self.size[self.size >= 2]):
            strata = np.flatnonzero(self.size == n)
            rows = self.start[strata][:, None] + np.arange(n)
            flagged = self.reference[rows] == 1
            first = rows[:, 0]
            yield (
                strata,
                Strata(
                    estimate=self.estimate[rows],
                    se=self.se[rows],
                    population=self.population[rows],
                    order=self.order[rows],
                    reference=np.where(flagged.any(axis=1), np.argmax(flagged, axis=1), -1),
                    favourable=self.favourable[first] == 1,
                    ordered=self.ordered[first] == 1,
                    scale=self.scale[first],
                    z=z,
                ),
            )


def read_upload(df: pd.DataFrame) -> Upload:
    """Check a HEAT Plus upload and index its strata.

    Raises
    ------
    EquityInputError
        A missing column; a missing or non-numeric estimate, flag or scale; a flag other than 0
        or 1; polarity, scale or dimension type varying within a stratum; a negative se or
        population; a subgroup listed twice, or two reference subgroups, in a stratum; a missing
        or repeated ``subgroup_order`` in an ordered dimension.

    Examples
    --------
    >>> df = pd.DataFrame({"setting": "A", "date": 2020, "indicator_abbr": "anc",
    ...     "dimension": "Sex", "subgroup": ["F", "M"], "estimate": [80.0, 70.0],
    ...     "ci_lb": [76.0, 66.0], "ci_ub": [84.0, 74.0], "favourable_indicator": 1,
    ...     "indicator_scale": 100, "ordered_dimension": 0})
    >>> upload = read_upload(df)
    >>> upload.labels, upload.se.round(4).tolist()
    (["('A', 2020, 'anc', 'Sex')"], [2.0409, 2.0409])
    """
    require_columns(df, REQUIRED_COLUMNS)
    for column in [*STRATUM_COLUMNS, "subgroup"]:
        fail(df, column, df[column].isna().to_numpy(), "missing value")
    estimate = numeric_column(df, "estimate")
    favourable = _flag(df, "favourable_indicator")
    ordered = _flag(df, "ordered_dimension")
    scale = numeric_column(df, "indicator_scale")
    fail(df, "indicator_scale", scale <= 0, "must be greater than zero")
    population = _optional(df, "population")
    fail(df, "population", population < 0, "negative population")
    se = _standard_errors(df)
    reference = _optional(df, "reference_subgroup")
    fail(df, "reference_subgroup", ~np.isnan(reference) & ~np.isin(reference, [0, 1]), "not 0/1")
    order = _optional(df, "subgroup_order")
    fail(df, "subgroup_order", (ordered == 1) & np.isnan(order), "missing in an ordered dimension")

    stratum, rows = _strata(df)
    for column, values in [
        ("favourable_indicator", favourable),
        ("indicator_scale", scale),
        ("ordered_dimension", ordered),
    ]:
        _constant_within(df, stratum, column, values)
    _check_references(df, stratum, reference)
    _check_orders(df, stratum, order, ordered)
    size = np.bincount(stratum)
    start = (np.cumsum(size) - size).astype(np.intp)
    keys = df[STRATUM_COLUMNS].iloc[rows[start]].reset_index(drop=True)
    return Upload(
        keys, start, size, estimate[rows], se[rows], population[rows], order[rows],
        reference[rows], favourable[rows], ordered[rows], scale[rows],
    )  # fmt: skip


def _strata(df: pd.DataFrame) -> tuple[IntArray, IntArray]:
    """Each row's stratum number (strata numbered in key order), and the row positions sorted
    by stratum and by subgroup name within each.

    Name order makes ties (two subgroups sharing the highest estimate) resolve the same way
    whatever the row order.
    """
    groups = df.groupby(STRATUM_COLUMNS, sort=True, observed=True)
    stratum: IntArray = groups.ngroup().to_numpy().astype(np.intp)
    codes, names = pd.factorize(df["subgroup"].astype(str))
    name_rank = np.argsort(np.argsort(np.asarray(names, dtype=object)))[codes]
    rows = np.lexsort((name_rank, stratum)).astype(np.intp)  # stable: ties keep row order
    same = (np.diff(stratum[rows]) == 0) & (np.diff(name_rank[rows]) == 0)
    repeated = np.zeros(len(df), dtype=bool)
    repeated[rows[1:][same]] = True
    problem = "subgroup listed twice in one setting, date, indicator and dimension"
    fail(df, "subgroup", repeated, problem)
    return stratum, rows


def _flag(df: pd.DataFrame, column: str) -> FloatArray:
    values = numeric_column(df, column)
    fail(df, column, ~np.isin(values, [0, 1]), "must be 0 or 1")
    return values


def _optional(df: pd.DataFrame, column: str) -> FloatArray:
    """A numeric column that may be blank (NaN), or all NaN if the column is absent."""
    if column not in df.columns:
        return np.full(len(df), np.nan)
    series = df[column]
    as_number = pd.to_numeric(series, errors="coerce")
    fail(df, column, (as_number.isna() & series.notna()).to_numpy(), "not a number")
    return as_number.to_numpy(dtype=float, na_value=np.nan)


def _standard_errors(df: pd.DataFrame) -> FloatArray:
    se = _optional(df, "se")
    fail(df, "se", se < 0, "negative standard error")
    lower, upper = _optional(df, "ci_lb"), _optional(df, "ci_ub")
    fail(df, "ci_ub", upper < lower, "upper limit below ci_lb")
    derived = (upper - lower) / (2 * Z_95)
    result: FloatArray = np.where(np.isnan(se), derived, se)
    return result


def _constant_within(df: pd.DataFrame, stratum: IntArray, column: str, values: FloatArray) -> None:
    count = int(stratum.max()) + 1 if len(stratum) else 0
    lowest = np.full(count, np.inf)
    highest = np.full(count, -np.inf)
    np.minimum.at(lowest, stratum, values)
    np.maximum.at(highest, stratum, values)
    varies = (lowest != highest)[stratum]
    fail(df, column, varies, "varies within one setting, date, indicator and dimension")


def _check_references(df: pd.DataFrame, stratum: IntArray, reference: FloatArray) -> None:
    flagged = reference == 1
    several = (np.bincount(stratum, weights=flagged) > 1)[stratum] & flagged
    if several.any():
        raise EquityInputError(
            f"column 'reference_subgroup': more than one reference subgroup in one stratum "
            f"({describe_rows(df, several)})"
        )


def _check_orders(
    df: pd.DataFrame, stratum: IntArray, order: FloatArray, ordered: FloatArray
) -> None:
    by_order = np.lexsort((order, stratum))
    same = np.zeros(len(df), dtype=bool)
    repeated = (np.diff(stratum[by_order]) == 0) & (np.diff(order[by_order]) == 0)
    same[by_order[1:][repeated]] = True
    offending: BoolArray = np.isin(stratum, stratum[same & (ordered == 1)])
    if offending.any():
        raise EquityInputError(
            f"column 'subgroup_order': repeated within an ordered dimension "
            f"({describe_rows(df, offending)})"
        )
