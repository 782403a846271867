"""Between-group variance (BGV), between-group standard deviation (BGSD) and coefficient of
variation (COV), for non-ordered dimensions with more than two subgroups.

BGV = Σ p_j (y_j - μ)², with the analytic standard error of the HEAT technical notes (Ahn et al.
2018). BGSD = √BGV and COV = 100 · BGSD / μ take simulated percentile intervals.
"""

import math

import numpy as np

from heathub.equity.who.stratum import Estimate, FloatArray, Stratum


def between_group_variance(s: Stratum) -> Estimate:
    """BGV and its analytic interval.

    Examples
    --------
    >>> s = Stratum(np.array([10.0, 20, 30]), np.array([1.0, 1, 1]), np.array([1.0, 1, 2]),
    ...             np.arange(1.0, 4), None, True, False, 100.0, 1.959964)
    >>> round(between_group_variance(s).estimate, 4)
    68.75
    """
    p, y, se = s.share, s.estimate, s.se
    bgv = float(np.sum(p * (y - s.mean) ** 2))
    if not s.has_se:
        return Estimate(bgv)
    linear = np.sum(p**2 * se**2 * (y - s.mean) ** 2)
    s2 = np.sum(p**2 * se**2)
    s4 = np.sum(p**4 * se**4)
    quadratic = np.sum(p**2 * (1 - p) ** 2 * se**4)
    standard_error = math.sqrt(float(4 * linear + 2 * (s2**2 - s4 + quadratic)))
    return s.normal_interval(bgv, standard_error)


def _bgsd(values: FloatArray, share: FloatArray) -> FloatArray:
    """BGSD of each row of ``values`` (rows are simulations, columns subgroups)."""
    mean = values @ share
    result: FloatArray = np.sqrt(((values - mean[..., None]) ** 2) @ share)
    return result


def between_group_sd(s: Stratum) -> Estimate:
    """BGSD = √BGV, with a simulated interval."""
    estimate = float(_bgsd(s.estimate, s.share))
    simulated = None if s.draws is None else _bgsd(s.draws, s.share)
    return s.simulated_interval(estimate, simulated)


def coefficient_of_variation(s: Stratum) -> Estimate:
    """COV = 100 · BGSD / μ, with a simulated interval."""
    estimate = 100 * float(_bgsd(s.estimate, s.share)) / s.mean
    simulated = None
    if s.draws is not None:
        simulated = 100 * _bgsd(s.draws, s.share) / (s.draws @ s.share)
    return s.simulated_interval(estimate, simulated)
