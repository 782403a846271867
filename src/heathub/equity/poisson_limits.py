"""Confidence limits for a Poisson count: Byar's approximation and the exact (chi-square) method.

OHID uses the exact limits below 10 events and Byar's at 10 or more (Breslow and Day 1987;
PHEindicatormethods ``byars_lower``/``byars_upper`` and the ``qchisq`` branches of ``phe_rate``).
Limits are for the count itself; callers divide by a denominator or an expected count.
"""

import numpy as np
from scipy import stats

from heathub.equity.confidence import ConfidenceLevel

# Below this many events Byar's approximation is poor, so the exact limits are used.
EXACT_BELOW = 10


def byars_lower(x: "np.ndarray", level: ConfidenceLevel) -> "np.ndarray":
    """Byar's lower limit for a count; NaN where the approximation goes negative (as R does).

    Examples
    --------
    >>> from heathub.equity.confidence import parse_confidence
    >>> (level,) = parse_confidence(0.95)
    >>> byars_lower(np.array([65.0]), level).round(6)
    array([50.163188])
    """
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = x * (1 - 1 / (9 * x) - level.z / (3 * np.sqrt(x))) ** 3
    return np.where(lower < 0, np.nan, lower)


def byars_upper(x: "np.ndarray", level: ConfidenceLevel) -> "np.ndarray":
    """Byar's upper limit for a count.

    Examples
    --------
    >>> from heathub.equity.confidence import parse_confidence
    >>> (level,) = parse_confidence(0.95)
    >>> byars_upper(np.array([65.0]), level).round(6)
    array([82.849139])
    """
    x1 = np.asarray(x, dtype=float) + 1
    upper: np.ndarray = x1 * (1 - 1 / (9 * x1) + level.z / (3 * np.sqrt(x1))) ** 3
    return upper


def exact_lower(x: "np.ndarray", level: ConfidenceLevel) -> "np.ndarray":
    """Exact lower limit ``qchisq((1 - level) / 2, 2x) / 2``; 0 for no events."""
    x = np.asarray(x, dtype=float)
    # chi-square with 0 degrees of freedom is a point mass at 0; scipy returns NaN for it.
    safe = np.where(x > 0, x, 1.0)
    return np.where(x > 0, stats.chi2.ppf(level.lower_tail, 2 * safe) / 2, 0.0)


def exact_upper(x: "np.ndarray", level: ConfidenceLevel) -> "np.ndarray":
    """Exact upper limit ``qchisq(level + (1 - level) / 2, 2x + 2) / 2``."""
    x = np.asarray(x, dtype=float)
    return np.asarray(stats.chi2.ppf(level.upper_tail, 2 * x + 2) / 2, dtype=float)


def count_limits(x: "np.ndarray", level: ConfidenceLevel) -> tuple["np.ndarray", "np.ndarray"]:
    """Lower and upper limits for counts: exact below 10 events, Byar's otherwise.

    Examples
    --------
    >>> from heathub.equity.confidence import parse_confidence
    >>> (level,) = parse_confidence(0.95)
    >>> lower, upper = count_limits(np.array([0.0, 9.0, 895.0]), level)
    >>> lower.round(4).tolist(), upper.round(4).tolist()
    ([0.0, 4.1154, 837.3169], [3.6889, 17.0848, 955.6099])
    """
    x = np.asarray(x, dtype=float)
    lower, upper = byars_lower(x, level), byars_upper(x, level)
    # The chi-square quantiles are slow, so only the small counts that need them get them.
    exact = x < EXACT_BELOW
    lower[exact] = exact_lower(x[exact], level)
    upper[exact] = exact_upper(x[exact], level)
    return lower, upper
