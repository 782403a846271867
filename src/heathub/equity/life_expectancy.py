"""Life expectancy from an abridged life table: Chiang's method with Silcocks' variance for the
final interval (PHEindicatormethods ``phe_life_expectancy``, OHID's Life Expectancy Calculator)."""

from collections.abc import Sequence

import numpy as np
import pandas as pd

from heathub.equity.confidence import ConfidenceLevel, parse_confidence
from heathub.equity.grouping import group_codes
from heathub.equity.validation import (
    fail,
    group_columns,
    numeric_column,
    require_no_missing_keys,
)

# The abridged table OHID and ONS use: under 1, 1-4, then five-year bands to a final 90+.
START_AGES = np.array([0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90])
BANDS = len(START_AGES)
# Fraction of the interval lived by those who die in it: 0.1 for infants, who die mostly early.
FRACTION_LIVED = np.where(START_AGES == 0, 0.1, 0.5)
INTERVAL_WIDTH = np.diff(START_AGES).astype(float)
RADIX = 100_000.0
# OHID does not publish a life expectancy from fewer person-years (Toson and Baker 2003).
MINIMUM_TOTAL_POPULATION = 5_000
# A life expectancy whose 95% interval is wider than this many years is too imprecise to publish.
WIDEST_PUBLISHED_INTERVAL = 20.0
SUPPRESSION_LEVEL = ConfidenceLevel(0.95, "lowercl", "uppercl")


def life_expectancy(
    df: pd.DataFrame,
    deaths: str,
    population: str,
    startage: str,
    *,
    group_by: Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
) -> pd.DataFrame:
    """Life expectancy at each start age, per group, with Chiang/Silcocks confidence limits.

    Parameters
    ----------
    df
        One row per age band per group: 20 bands starting at ages 0, 1, 5, 10, ..., 85, 90.
    deaths, population
        Columns of deaths and person-years in each band.
    startage
        Column of each band's start age (0, 1, 5, ..., 90); the output keeps this name.
    group_by
        Columns whose combinations form the groups; ``None`` treats the frame as one group.
    confidence
        One level, giving ``lowercl``/``uppercl``, or a pair such as ``(0.95, 0.998)``.

    Returns
    -------
    pandas.DataFrame
        One row per input row, sorted by group and start age: the group columns, ``startage``,
        ``value`` (years) and the limit columns. As OHID and PHEindicatormethods 2.0.0 suppress:

        - a whole group is NaN when its total population is 5,000 or less, any population is 0 or
          less, any deaths are negative or above the population, or it does not have 20 bands;
        - a start age is NaN where the table cannot be completed (no deaths at 90+, so an
          infinite final interval);
        - a start age whose 95% interval is wider than 20 years gets a NaN ``value`` but keeps its
          limits.

    Raises
    ------
    EquityInputError
        A missing column or value, a start age not in the table, a start age repeated in a group.

    Notes
    -----
    With ``M = deaths / population``, interval width ``n`` and fraction lived ``a`` (0.1 under 1,
    else 0.5): ``q = nM / (1 + nM(1 - a))`` (1 for 90+, at most 1), survivors ``l`` from 100,000,
    ``L = n(l' + a·d)`` and ``l / M`` for 90+, ``e = ΣL / l``. The variance sums
    ``l² ((1 - a)n + e')² q²(1 - q) / deaths`` over the bands from the start age, plus Silcocks'
    final-interval term ``(l/2)² · 4 / (deaths · M²)``.

    Examples
    --------
    >>> df = pd.DataFrame({
    ...     "age": START_AGES,
    ...     "pops": [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209,
    ...              56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936],
    ...     "deaths": [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390,
    ...                1605, 1936, 1937],
    ... })
    >>> life_expectancy(df, "deaths", "pops", "age").head(2).round(3)
       age   value  lowercl  uppercl
    0    0  80.170   79.883   80.457
    1    1  79.362   79.090   79.635
    """
    levels = parse_confidence(confidence)
    keys = group_columns(group_by)
    require_no_missing_keys(df, keys)
    died = numeric_column(df, deaths)
    lived = numeric_column(df, population)
    ages = numeric_column(df, startage)
    fail(df, startage, ~np.isin(ages, START_AGES), f"start age not one of {START_AGES.tolist()}")
    fail(
        df,
        startage,
        df[[*keys, startage]].duplicated(keep=False).to_numpy(),
        "start age repeated within a group",
    )
    codes, groups = group_codes(df, keys)
    order = np.lexsort((ages, codes))
    in_valid_group = _publishable_groups(codes, len(groups), died, lived)[codes[order]]
    out = df.iloc[order][[*keys, startage]].reset_index(drop=True)
    estimates = _estimates(died, lived, order, in_valid_group, levels)
    for name, column in estimates.items():
        out[name] = column
    return out


def _estimates(
    died: "np.ndarray",
    lived: "np.ndarray",
    order: "np.ndarray",
    in_valid_group: "np.ndarray",
    levels: tuple[ConfidenceLevel, ...],
) -> dict[str, "np.ndarray"]:
    """``value`` and limit columns for the rows in ``order``: NaN outside publishable groups,
    whose rows (20 per group, by start age) are computed as one (groups, 20) table."""
    names = ["value", *(c for level in levels for c in (level.lower_column, level.upper_column))]
    results = {name: np.full(len(order), np.nan) for name in names}
    if not in_valid_group.any():
        return results
    rows = order[in_valid_group]
    expectancy, standard_error = _chiang_silcocks(
        died[rows].reshape(-1, BANDS), lived[rows].reshape(-1, BANDS)
    )
    width = 2 * SUPPRESSION_LEVEL.z * standard_error
    published = np.isfinite(expectancy) & ~(width > WIDEST_PUBLISHED_INTERVAL)
    results["value"][in_valid_group] = np.where(published, expectancy, np.nan).ravel()
    for level in levels:
        with np.errstate(invalid="ignore"):
            lower = expectancy - level.z * standard_error
            upper = expectancy + level.z * standard_error
        results[level.lower_column][in_valid_group] = _finite_or_nan(lower).ravel()
        results[level.upper_column][in_valid_group] = _finite_or_nan(upper).ravel()
    return results


def _publishable_groups(
    codes: "np.ndarray", n_groups: int, died: "np.ndarray", lived: "np.ndarray"
) -> "np.ndarray":
    """Groups OHID computes: 20 bands, populations above 0 totalling over 5,000, and deaths
    between 0 and the population in every band."""
    bad_row = (died < 0) | (lived <= 0) | (died > lived)
    bad = np.bincount(codes, weights=bad_row, minlength=n_groups) > 0
    bands = np.bincount(codes, minlength=n_groups)
    total = np.bincount(codes, weights=lived, minlength=n_groups)
    result: np.ndarray = ~bad & (bands == BANDS) & (total > MINIMUM_TOTAL_POPULATION)
    return result


def _chiang_silcocks(died: "np.ndarray", lived: "np.ndarray") -> tuple["np.ndarray", "np.ndarray"]:
    """Life expectancy and its standard error at every start age, for tables of shape (groups, 20)
    ordered by start age."""
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = died / lived
        width = INTERVAL_WIDTH
        a = FRACTION_LIVED
        q_open = rate[:, :-1] * width / (1 + rate[:, :-1] * width * (1 - a[:-1]))
        # A band where deaths are 40% or more of the population (50% at 1-4) gives q > 1: none
        # survive it (PHEindicatormethods 1.3.0 corrected the same case).
        q = np.concatenate([np.minimum(q_open, 1.0), np.ones((len(died), 1))], axis=1)
        survivors = RADIX * np.cumprod(
            np.concatenate([np.ones((len(died), 1)), 1 - q[:, :-1]], 1), 1
        )
        next_survivors = np.concatenate([survivors[:, 1:], np.zeros((len(died), 1))], axis=1)
        dying = survivors - next_survivors
        years_lived = np.concatenate(
            [
                width * (next_survivors[:, :-1] + a[:-1] * dying[:, :-1]),
                survivors[:, -1:] / rate[:, -1:],
            ],
            axis=1,
        )
        years_to_come = np.cumsum(years_lived[:, ::-1], axis=1)[:, ::-1]
        expectancy = np.where(survivors == 0, 0.0, years_to_come / survivors)
        variance_q = np.where(dying == 0, 0.0, q**2 * (1 - q) / died)
        # Silcocks: the open interval's variance comes from its death rate, not a probability.
        variance_q[:, -1] = 4 / (died[:, -1] * rate[:, -1] ** 2)
        next_expectancy = expectancy[:, 1:]
        weighted = np.concatenate(
            [
                variance_q[:, :-1]
                * survivors[:, :-1] ** 2
                * ((1 - a[:-1]) * width + next_expectancy) ** 2,
                (survivors[:, -1:] / 2) ** 2 * variance_q[:, -1:],
            ],
            axis=1,
        )
        weighted_to_come = np.cumsum(weighted[:, ::-1], axis=1)[:, ::-1]
        standard_error = np.sqrt(weighted_to_come / survivors**2)
    return expectancy, standard_error


def _finite_or_nan(values: "np.ndarray") -> "np.ndarray":
    return np.where(np.isfinite(values), values, np.nan)
