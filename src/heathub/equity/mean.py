"""Means with Student's t confidence intervals (PHEindicatormethods ``phe_mean``)."""

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from heathub.equity.confidence import parse_confidence
from heathub.equity.grouping import group_codes
from heathub.equity.validation import group_columns, numeric_column, require_no_missing_keys


def mean(
    df: pd.DataFrame,
    value: str,
    *,
    group_by: Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
) -> pd.DataFrame:
    """Mean of ``value`` within each group, with a Student's t confidence interval.

    Parameters
    ----------
    df
        One row per observation.
    value
        Column of numbers to average; missing values are refused.
    group_by
        Columns whose combinations form the groups; ``None`` averages the whole frame.
    confidence
        One level, giving ``lowercl``/``uppercl``, or a pair such as ``(0.95, 0.998)``.

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted by the group columns): the group columns, ``value_sum``,
        ``value_count``, ``stdev`` (sample standard deviation), ``value`` (the mean) and the
        limit columns. A group of one value has NaN ``stdev`` and limits: its spread is unknown.

    Raises
    ------
    EquityInputError
        A missing column, a missing or non-numeric value, a missing grouping key.

    Notes
    -----
    ``mean ± t(c + (1 - c)/2, n - 1) · s / √n``, as PHEindicatormethods 2.0.0
    ``phe_mean(type = "standard")``.

    Examples
    --------
    >>> df = pd.DataFrame({"area": ["A", "A", "A", "B"], "bmi": [22.0, 25.0, 31.0, 28.0]})
    >>> mean(df, "bmi", group_by=["area"]).round(3)
      area  value_sum  value_count  stdev  value  lowercl  uppercl
    0    A       78.0            3  4.583   26.0   14.616   37.384
    1    B       28.0            1    NaN   28.0      NaN      NaN
    """
    levels = parse_confidence(confidence)
    keys = group_columns(group_by)
    require_no_missing_keys(df, keys)
    values = numeric_column(df, value)
    codes, groups = group_codes(df, keys)
    count = np.bincount(codes, minlength=len(groups)).astype(float)
    total = np.bincount(codes, weights=values, minlength=len(groups))
    average = total / count
    # Squared deviations from each row's own group mean: numerically safer than sum of squares.
    squares = np.bincount(codes, weights=(values - average[codes]) ** 2, minlength=len(groups))
    with np.errstate(divide="ignore", invalid="ignore"):
        stdev = np.where(count > 1, np.sqrt(squares / (count - 1)), np.nan)
    out = groups.copy()
    out["value_sum"] = total
    out["value_count"] = count.astype(np.int64)
    out["stdev"] = stdev
    out["value"] = average
    for level in levels:
        with np.errstate(invalid="ignore"):
            half_width = stats.t.ppf(level.upper_tail, count - 1) * stdev / np.sqrt(count)
        out[level.lower_column] = average - half_width
        out[level.upper_column] = average + half_width
    return out
