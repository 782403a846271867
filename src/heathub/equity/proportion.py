"""Proportions with Wilson score confidence intervals (PHEindicatormethods ``phe_proportion``)."""

from collections.abc import Sequence

import numpy as np
import pandas as pd

from heathub.equity.confidence import ConfidenceLevel, parse_confidence
from heathub.equity.validation import count_column, fail


def wilson_lower(x: "np.ndarray", n: "np.ndarray", level: ConfidenceLevel) -> "np.ndarray":
    """Wilson score lower limit of the proportion ``x / n`` (Wilson 1927; Newcombe and Altman 2000).

    Examples
    --------
    >>> from heathub.equity.confidence import parse_confidence
    >>> (level,) = parse_confidence(0.95)
    >>> wilson_lower(np.array([65.0]), np.array([100.0]), level).round(6)
    array([0.552544])
    """
    z = level.z
    lower: np.ndarray = (2 * x + z**2 - z * np.sqrt(z**2 + 4 * x * (1 - x / n))) / 2 / (n + z**2)
    return lower


def wilson_upper(x: "np.ndarray", n: "np.ndarray", level: ConfidenceLevel) -> "np.ndarray":
    """Wilson score upper limit of the proportion ``x / n``.

    Examples
    --------
    >>> from heathub.equity.confidence import parse_confidence
    >>> (level,) = parse_confidence(0.95)
    >>> wilson_upper(np.array([65.0]), np.array([100.0]), level).round(6)
    array([0.736358])
    """
    z = level.z
    upper: np.ndarray = (2 * x + z**2 + z * np.sqrt(z**2 + 4 * x * (1 - x / n))) / 2 / (n + z**2)
    return upper


def proportion(
    df: pd.DataFrame,
    x: str,
    n: str,
    *,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 1,
) -> pd.DataFrame:
    """Proportion ``x / n`` for each row, with Wilson score confidence limits.

    Parameters
    ----------
    df
        One row per proportion; other columns are kept.
    x, n
        Columns holding the numerator (cases) and denominator (sample size): whole numbers,
        ``0 <= x <= n`` and ``n > 0``.
    confidence
        One level, giving ``lowercl``/``uppercl``, or a pair such as ``(0.95, 0.998)``, giving
        ``lower95_0cl``, ``upper95_0cl``, ``lower99_8cl``, ``upper99_8cl``.
    multiplier
        Scale of the result: 1 for a proportion, 100 for a percentage.

    Returns
    -------
    pandas.DataFrame
        A copy of ``df`` with ``value`` and the limit columns added. Nothing is suppressed: OHID
        applies no small-number rule to proportions, and the Wilson interval stays inside [0, 1]
        even for ``x = 0`` or ``x = n``.

    Raises
    ------
    EquityInputError
        A missing column; a missing, negative or fractional count; ``n = 0``; ``x > n``.

    Notes
    -----
    ``(2x + z² ± z √(z² + 4x(1 - x/n))) / (2(n + z²))`` with ``z`` the normal quantile, as
    PHEindicatormethods 2.0.0 ``phe_proportion(type = "standard")``.

    Examples
    --------
    >>> df = pd.DataFrame({"area": ["A", "B"], "smokers": [65, 0], "surveyed": [100, 40]})
    >>> proportion(df, "smokers", "surveyed", multiplier=100).round(3)
      area  smokers  surveyed  value  lowercl  uppercl
    0    A       65       100   65.0   55.254   73.636
    1    B        0        40    0.0    0.000    8.762
    """
    levels = parse_confidence(confidence)
    cases = count_column(df, x)
    sample = count_column(df, n)
    fail(df, n, sample == 0, "denominator must be greater than zero")
    fail(df, x, cases > sample, f"numerator is greater than the denominator {n!r}")
    out = df.copy()
    out["value"] = cases / sample * multiplier
    for level in levels:
        out[level.lower_column] = wilson_lower(cases, sample, level) * multiplier
        out[level.upper_column] = wilson_upper(cases, sample, level) * multiplier
    return out
