"""Difference (D) and ratio (R) between two subgroups (HEAT technical notes; healthequal ``d``,
``r``).

Which two subgroups: for ordered dimensions the most- and least-advantaged (highest and lowest
``subgroup_order``), most-advantaged first for favourable indicators and last for adverse ones.
For non-ordered and binary dimensions, without a reference subgroup, the highest and lowest
estimates (highest first); with one, the reference against the lowest estimate for favourable
indicators, and the highest estimate against the reference for adverse ones.
"""

import numpy as np

from heathub.equity.who.strata import Estimates, IntArray, Strata, finite_or_nan


def compared_pair(s: Strata) -> tuple[IntArray, IntArray]:
    """Positions ``(y1, y2)`` of the two subgroups compared in each stratum: ``D = y1 - y2``,
    ``R = y1 / y2``.

    Examples
    --------
    >>> s = Strata.one([5.0, 9.0, 7.0], ordered=True)
    >>> [pair.tolist() for pair in compared_pair(s)]
    [[2], [0]]
    """
    most, least = np.argmax(s.order, axis=1), np.argmin(s.order, axis=1)
    highest, lowest = np.argmax(s.estimate, axis=1), np.argmin(s.estimate, axis=1)
    has_reference = s.reference >= 0
    first = np.where(
        s.ordered,
        np.where(s.favourable, most, least),
        np.where(has_reference & s.favourable, s.reference, highest),
    )
    second = np.where(
        s.ordered,
        np.where(s.favourable, least, most),
        np.where(has_reference & ~s.favourable, s.reference, lowest),
    )
    return first, second


def difference(s: Strata) -> Estimates:
    """D = y1 - y2, se = sqrt(se1² + se2²).

    Examples
    --------
    >>> s = Strata.one([20.0, 30.0], se=[3.0, 4.0], ordered=True)
    >>> d = difference(s)
    >>> d.estimate.tolist(), d.se.round(6).tolist()
    ([10.0], [5.0])
    """
    first, second = compared_pair(s)
    se = finite_or_nan(np.hypot(_at(s.se, first), _at(s.se, second)))
    return s.normal_interval(s.at(first) - s.at(second), se)


def ratio(s: Strata) -> Estimates:
    """R = y1 / y2; se of log R = sqrt(se1² + R²·se2²) / (y2·R); limits exp(log R ± z·se).

    Examples
    --------
    >>> s = Strata.one([20.0, 40.0], se=[2.0, 2.0], ordered=True)
    >>> r = ratio(s)
    >>> [values.round(6).tolist() for values in (r.estimate, r.se, r.lower, r.upper)]
    [[2.0], [0.111803], [1.606434], [2.489988]]
    """
    first, second = compared_pair(s)
    y1, y2 = s.at(first), s.at(second)
    se1, se2 = _at(s.se, first), _at(s.se, second)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        r = y1 / y2
        log_se = finite_or_nan(np.sqrt(se1**2 + r**2 * se2**2) / np.abs(y2) / r)
        return Estimates(r, log_se, r * np.exp(-s.z * log_se), r * np.exp(s.z * log_se))


def _at(values: np.ndarray, positions: IntArray) -> np.ndarray:
    return np.take_along_axis(values, positions[:, None], axis=1)[:, 0]
