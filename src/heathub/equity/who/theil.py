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

import numpy as np

from heathub.equity.who.strata import Estimates, FloatArray, Strata

ZERO_REPLACEMENT = 1e-6


def _ratios(s: Strata) -> tuple[FloatArray, FloatArray]:
    y = np.where(s.estimate == 0, ZERO_REPLACEMENT, s.estimate)
    mean: FloatArray = (s.share * y).sum(axis=1)
    ratios: FloatArray = y / mean[:, None]
    return ratios, mean


def theil_index(s: Strata) -> Estimates:
    """TI x 1000 with its analytic interval.

    Examples
    --------
    >>> s = Strata.one([10.0, 20, 30], se=[1.0, 1, 1], population=[1.0, 1, 2])
    >>> theil_index(s).estimate.round(3).tolist()
    [75.511]
    """
    r, mean = _ratios(s)
    p = s.share
    with np.errstate(divide="ignore", invalid="ignore"):
        log_r = np.log(r)
        ti = 1000 * (p * r * log_r).sum(axis=1)
        centre = (r * (1 + log_r) * p).sum(axis=1)
        variance = ((1 + log_r - centre[:, None]) ** 2 * p**2 * s.se**2).sum(axis=1) / mean**2
        se = np.where(s.has_se, 1000 * np.sqrt(variance), np.nan)
    return s.normal_interval(ti, se)


def mean_log_deviation(s: Strata) -> Estimates:
    """MLD x 1000 with its analytic interval."""
    r, mean = _ratios(s)
    p = s.share
    with np.errstate(divide="ignore", invalid="ignore"):
        mld = 1000 * (p * -np.log(r)).sum(axis=1)
        variance = (s.se**2 * p**2 * (1 - 1 / r) ** 2).sum(axis=1) / mean**2
        se = np.where(s.has_se, 1000 * np.sqrt(variance), np.nan)
    return s.normal_interval(mld, se)
