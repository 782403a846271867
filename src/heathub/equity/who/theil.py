"""Theil index (TI) and mean log deviation (MLD), for non-ordered dimensions with more than two
subgroups, with r_j = y_j / μ:

TI = 1000 · Σ p_j r_j ln r_j and MLD = 1000 · Σ p_j (-ln r_j).

Both are reported multiplied by 1000, as the HEAT technical notes give them, and so are their
standard errors (healthequal multiplies the estimate but not the se). The standard errors are the
delta-method ones of Ahn et al. (2018):
se(TI) = 1000 · √Σ (1 + ln r_j - Σ p_k r_k (1 + ln r_k))² p_j² se_j² / μ² and
se(MLD) = 1000 · √Σ (1 - 1 / r_j)² p_j² se_j² / μ².
A zero estimate is replaced by 1e-6 before taking logs, as HEAT does.
"""

import math

import numpy as np

from heathub.equity.who.stratum import Estimate, FloatArray, Stratum

ZERO_REPLACEMENT = 1e-6


def _ratios(s: Stratum) -> tuple[FloatArray, float]:
    y = np.where(s.estimate == 0, ZERO_REPLACEMENT, s.estimate)
    mean = float(np.sum(s.share * y))
    ratios: FloatArray = y / mean
    return ratios, mean


def theil_index(s: Stratum) -> Estimate:
    """TI x 1000 with its analytic interval.

    Examples
    --------
    >>> s = Stratum(np.array([10.0, 20, 30]), np.array([1.0, 1, 1]), np.array([1.0, 1, 2]),
    ...             np.arange(1.0, 4), None, True, False, 100.0, 1.959964)
    >>> round(theil_index(s).estimate, 3)
    75.511
    """
    r, mean = _ratios(s)
    p = s.share
    ti = 1000 * float(np.sum(p * r * np.log(r)))
    if not s.has_se:
        return Estimate(ti)
    centre = np.sum(r * (1 + np.log(r)) * p)
    variance = np.sum((1 + np.log(r) - centre) ** 2 * p**2 * s.se**2 / mean**2)
    return s.normal_interval(ti, 1000 * math.sqrt(float(variance)))


def mean_log_deviation(s: Stratum) -> Estimate:
    """MLD x 1000 with its analytic interval."""
    r, mean = _ratios(s)
    p = s.share
    mld = 1000 * float(np.sum(p * -np.log(r)))
    if not s.has_se:
        return Estimate(mld)
    variance = np.sum(s.se**2 * p**2 / mean**2 * (1 - 1 / r) ** 2)
    return s.normal_interval(mld, 1000 * math.sqrt(float(variance)))
