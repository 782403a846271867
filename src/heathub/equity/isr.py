"""Indirectly standardised ratios with Poisson confidence intervals (PHEindicatormethods
``calculate_ISRatio``)."""

from collections.abc import Sequence

import numpy as np
import pandas as pd

from heathub.equity.confidence import parse_confidence
from heathub.equity.grouping import group_sums
from heathub.equity.poisson_limits import count_limits
from heathub.equity.validation import (
    count_column,
    group_columns,
    non_negative_column,
    positive_column,
    require_no_missing_keys,
)


def isr(
    df: pd.DataFrame,
    x: str,
    n: str,
    x_ref: str,
    n_ref: str,
    *,
    group_by: Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
) -> pd.DataFrame:
    """Indirectly standardised ratio (observed / expected events) per group.

    Parameters
    ----------
    df
        One row per age band (or other stratum) per group.
    x, n
        Columns of the group's event counts (whole numbers, zero or more) and populations (zero
        or more).
    x_ref, n_ref
        Columns of the reference population's event counts (zero or more) and populations
        (greater than zero) for the same stratum.
    group_by
        Columns whose combinations form the groups; ``None`` gives one row for the whole frame.
    confidence
        One level, giving ``lowercl``/``uppercl``, or a pair such as ``(0.95, 0.998)``.

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted): the group columns, ``observed``, ``expected``, ``value``
        (observed / expected; 1 means the reference rates) and the limit columns. Limits are
        exact below 10 observed events (the lower one 0 when none are observed) and Byar's
        from 10. Nothing is suppressed.

    Raises
    ------
    EquityInputError
        A missing column; a missing, negative or fractional count; a negative population; a
        reference population of zero or less.

    Notes
    -----
    ``expected = Σ n · x_ref / n_ref``; the limits are the Poisson limits of ``observed``
    divided by ``expected``, as PHEindicatormethods 2.0.0 ``calculate_ISRatio(refpoptype =
    "field", refvalue = 1)``.

    Examples
    --------
    >>> df = pd.DataFrame({
    ...     "area": ["A", "A", "B", "B"], "deaths": [3, 30, 1, 4],
    ...     "population": [1000, 500, 800, 300],
    ...     "ref_deaths": [200, 900, 200, 900], "ref_population": [100000, 20000, 100000, 20000],
    ... })
    >>> isr(df, "deaths", "population", "ref_deaths", "ref_population", group_by=["area"]).round(3)
      area  observed  expected  value  lowercl  uppercl
    0    A        33      24.5  1.347    0.927    1.892
    1    B         5      15.1  0.331    0.108    0.773
    """
    levels = parse_confidence(confidence)
    keys = group_columns(group_by)
    require_no_missing_keys(df, keys)
    observed_events = count_column(df, x)
    population = non_negative_column(df, n)
    reference_events = count_column(df, x_ref)
    reference_population = positive_column(df, n_ref)
    groups, sums = group_sums(
        df,
        keys,
        {
            "observed": observed_events,
            "expected": population * reference_events / reference_population,
        },
    )
    observed, expected = sums["observed"], sums["expected"]
    out = groups.copy()
    out["observed"] = observed.astype(np.int64)
    out["expected"] = expected
    with np.errstate(divide="ignore", invalid="ignore"):
        out["value"] = observed / expected
        for level in levels:
            lower, upper = count_limits(observed, level)
            out[level.lower_column] = lower / expected
            out[level.upper_column] = upper / expected
    return out
