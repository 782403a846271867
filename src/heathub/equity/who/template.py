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
from heathub.equity.who.stratum import FloatArray, Stratum

STRATUM_COLUMNS = ["setting", "date", "indicator_abbr", "dimension"]
REQUIRED_COLUMNS = [
    *STRATUM_COLUMNS, "subgroup", "estimate", "favourable_indicator", "indicator_scale",
    "ordered_dimension",
]  # fmt: skip
Z_95 = 1.959963984540054
Rows = np.ndarray[tuple[int], np.dtype[np.intp]]


@dataclass(frozen=True)
class Upload:
    """A checked upload: its rows' arrays, and the row positions of each stratum (sorted)."""

    frame: pd.DataFrame
    estimate: FloatArray
    se: FloatArray
    population: FloatArray
    order: FloatArray
    reference: FloatArray
    favourable: FloatArray
    ordered: FloatArray
    scale: FloatArray
    strata: dict[tuple[object, ...], "Rows"]

    def stratum_arrays(self, z: float) -> Iterator[tuple[tuple[object, ...], Stratum]]:
        """Each stratum's key and its :class:`Stratum` (without simulated draws)."""
        for key, rows in self.strata.items():
            population = self.population[rows]
            flagged = np.flatnonzero(self.reference[rows] == 1)
            yield (
                key,
                Stratum(
                    estimate=self.estimate[rows],
                    se=self.se[rows],
                    population=None if np.isnan(population).any() else population,
                    order=self.order[rows],
                    reference=int(flagged[0]) if len(flagged) else None,
                    favourable=bool(self.favourable[rows[0]] == 1),
                    ordered=bool(self.ordered[rows[0]] == 1),
                    scale=float(self.scale[rows[0]]),
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
    >>> list(upload.strata), upload.se.round(4).tolist()
    ([('A', 2020, 'anc', 'Sex')], [2.0409, 2.0409])
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

    strata = _strata(df)
    for column, values in [
        ("favourable_indicator", favourable),
        ("indicator_scale", scale),
        ("ordered_dimension", ordered),
    ]:
        _constant_within(df, strata, column, values)
    for rows in strata.values():
        _check_stratum(df, rows, reference, order, ordered)
    return Upload(
        df, estimate, se, population, order, reference, favourable, ordered, scale, strata
    )


def _strata(df: pd.DataFrame) -> dict[tuple[object, ...], Rows]:
    """Row positions of each stratum, strata sorted by key and subgroups by name within each.

    Name order makes ties (two subgroups sharing the highest estimate) resolve the same way
    whatever the row order.
    """
    keys = df[STRATUM_COLUMNS].copy()
    keys["__subgroup"] = df["subgroup"].astype(str)
    repeated = keys.duplicated(keep="first").to_numpy()
    problem = "subgroup listed twice in one setting, date, indicator and dimension"
    fail(df, "subgroup", repeated, problem)
    names = keys["__subgroup"].to_numpy()
    strata: dict[tuple[object, ...], Rows] = {}
    for key, found in keys.groupby(STRATUM_COLUMNS, sort=True, observed=True).indices.items():
        rows = np.asarray(found, dtype=np.intp)
        strata[key if isinstance(key, tuple) else (key,)] = rows[np.argsort(names[rows])]
    return strata


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


def _constant_within(
    df: pd.DataFrame, strata: dict[tuple[object, ...], Rows], column: str, values: FloatArray
) -> None:
    codes = np.empty(len(df), dtype=np.intp)
    for number, rows in enumerate(strata.values()):
        codes[rows] = number
    lowest = np.full(len(strata), np.inf)
    highest = np.full(len(strata), -np.inf)
    np.minimum.at(lowest, codes, values)
    np.maximum.at(highest, codes, values)
    varies = (lowest != highest)[codes]
    fail(df, column, varies, "varies within one setting, date, indicator and dimension")


def _check_stratum(
    df: pd.DataFrame,
    rows: "Rows",
    reference: FloatArray,
    order: FloatArray,
    ordered: FloatArray,
) -> None:
    mask = np.zeros(len(df), dtype=bool)
    if np.sum(reference[rows] == 1) > 1:
        mask[rows[reference[rows] == 1]] = True
        raise EquityInputError(
            f"column 'reference_subgroup': more than one reference subgroup in one stratum "
            f"({describe_rows(df, mask)})"
        )
    if ordered[rows[0]] == 1 and len(np.unique(order[rows])) < len(rows):
        mask[rows] = True
        raise EquityInputError(
            f"column 'subgroup_order': repeated within an ordered dimension "
            f"({describe_rows(df, mask)})"
        )
