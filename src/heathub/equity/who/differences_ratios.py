"""Difference (D) and ratio (R) between two subgroups (HEAT technical notes; healthequal ``d``,
``r``).

Which two subgroups: for ordered dimensions the most- and least-advantaged (highest and lowest
``subgroup_order``), most-advantaged first for favourable indicators and last for adverse ones.
For non-ordered and binary dimensions, without a reference subgroup, the highest and lowest
estimates (highest first); with one, the reference against the lowest estimate for favourable
indicators, and the highest estimate against the reference for adverse ones.
"""

import math

import numpy as np

from heathub.equity.who.stratum import Estimate, Stratum


def compared_pair(s: Stratum) -> tuple[int, int]:
    """Positions ``(y1, y2)`` of the two subgroups compared: ``D = y1 - y2``, ``R = y1 / y2``.

    Examples
    --------
    >>> s = Stratum(np.array([5.0, 9.0, 7.0]), np.full(3, np.nan), None, np.array([1.0, 2, 3]),
    ...             reference=None, favourable=True, ordered=True, scale=100.0, z=1.96)
    >>> compared_pair(s)
    (2, 0)
    """
    if s.ordered:
        most, least = int(np.argmax(s.order)), int(np.argmin(s.order))
        return (most, least) if s.favourable else (least, most)
    highest, lowest = int(np.argmax(s.estimate)), int(np.argmin(s.estimate))
    if s.reference is None:
        return highest, lowest
    return (s.reference, lowest) if s.favourable else (highest, s.reference)


def difference(s: Stratum) -> Estimate:
    """D = y1 - y2, se = sqrt(se1² + se2²).

    Examples
    --------
    >>> s = Stratum(np.array([20.0, 30.0]), np.array([3.0, 4.0]), None, np.array([1.0, 2]),
    ...             reference=None, favourable=True, ordered=True, scale=100.0, z=1.959964)
    >>> round(difference(s).estimate, 6), round(difference(s).se, 6)
    (10.0, 5.0)
    """
    first, second = compared_pair(s)
    d = float(s.estimate[first] - s.estimate[second])
    se = math.hypot(float(s.se[first]), float(s.se[second]))
    return s.normal_interval(d, se) if math.isfinite(se) else Estimate(d)


def ratio(s: Stratum) -> Estimate:
    """R = y1 / y2; se of log R = sqrt(se1² + R²·se2²) / (y2·R); limits exp(log R ± z·se).

    Examples
    --------
    >>> s = Stratum(np.array([20.0, 40.0]), np.array([2.0, 2.0]), None, np.array([1.0, 2]),
    ...             reference=None, favourable=True, ordered=True, scale=100.0, z=1.959964)
    >>> r = ratio(s)
    >>> round(r.estimate, 6), round(r.se, 6), round(r.lower, 4), round(r.upper, 4)
    (2.0, 0.111803, 1.6064, 2.49)
    """
    first, second = compared_pair(s)
    y1, y2 = float(s.estimate[first]), float(s.estimate[second])
    r = y1 / y2
    se_r = math.sqrt(float(s.se[first]) ** 2 + r**2 * float(s.se[second]) ** 2) / abs(y2)
    log_se = se_r / r
    if not math.isfinite(log_se):
        return Estimate(r)
    return Estimate(r, log_se, r * math.exp(-s.z * log_se), r * math.exp(s.z * log_se))
