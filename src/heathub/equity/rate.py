"""Crude rates with Byar's or exact Poisson confidence intervals (PHEindicatormethods
``phe_rate``)."""

from collections.abc import Sequence

import pandas as pd

from heathub.equity.confidence import parse_confidence
from heathub.equity.poisson_limits import count_limits
from heathub.equity.validation import count_column, positive_column


def rate(
    df: pd.DataFrame,
    x: str,
    n: str,
    *,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
) -> pd.DataFrame:
    """Rate ``x / n * multiplier`` for each row, with Poisson confidence limits.

    Parameters
    ----------
    df
        One row per rate; other columns are kept.
    x
        Column of event counts: whole numbers, zero or more.
    n
        Column of denominators (population or person-years): greater than zero.
    confidence
        One level, giving ``lowercl``/``uppercl``, or a pair such as ``(0.95, 0.998)``, giving
        ``lower95_0cl``, ``upper95_0cl``, ``lower99_8cl``, ``upper99_8cl``.
    multiplier
        Rate per this many of the denominator (100,000 by default).

    Returns
    -------
    pandas.DataFrame
        A copy of ``df`` with ``value`` and the limit columns added. Below 10 events the limits
        are exact (chi-square), and the lower limit is 0 when there are no events; from 10 events
        they use Byar's approximation. Nothing is suppressed here: whether to publish small counts
        is the caller's rule.

    Raises
    ------
    EquityInputError
        A missing column; a missing, negative or fractional count; a denominator of zero or less.

    Notes
    -----
    Exact: ``qchisq((1 - c)/2, 2x)/2`` and ``qchisq(c + (1 - c)/2, 2x + 2)/2``. Byar's:
    ``x(1 - 1/(9x) - z/(3√x))³`` and ``(x + 1)(1 - 1/(9(x + 1)) + z/(3√(x + 1)))³``. Each limit is
    divided by ``n`` and multiplied by ``multiplier``, as PHEindicatormethods 2.0.0
    ``phe_rate(type = "standard")``.

    Examples
    --------
    >>> df = pd.DataFrame({"area": ["A", "B"], "deaths": [0, 65], "population": [1000, 10000]})
    >>> rate(df, "deaths", "population", multiplier=1000).round(3)
      area  deaths  population  value  lowercl  uppercl
    0    A       0        1000    0.0    0.000    3.689
    1    B      65       10000    6.5    5.016    8.285
    """
    levels = parse_confidence(confidence)
    events = count_column(df, x)
    denominator = positive_column(df, n)
    out = df.copy()
    out["value"] = events / denominator * multiplier
    for level in levels:
        lower, upper = count_limits(events, level)
        out[level.lower_column] = lower / denominator * multiplier
        out[level.upper_column] = upper / denominator * multiplier
    return out
