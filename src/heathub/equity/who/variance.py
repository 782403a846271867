"""Between-group variance (BGV), between-group standard deviation (BGSD) and coefficient of
variation (COV), for non-ordered dimensions with more than two subgroups.

BGV = Σ p_j (y_j - μ)², with the analytic standard error of the HEAT technical notes (Ahn et al.
2018). BGSD = √BGV and COV = 100 · BGSD / μ take simulated percentile intervals.

BGSD and COV are functions of :class:`~heathub.equity.who.strata.Draws`, giving one value per
stratum and draw: the observed estimates are one draw, the simulations many.
"""

import numpy as np

from heathub.equity.who.strata import Draws, Estimates, FloatArray, Strata


def between_group_variance(s: Strata) -> Estimates:
    """BGV and its analytic interval.

    Examples
    --------
    >>> s = Strata.one([10.0, 20, 30], se=[1.0, 1, 1], population=[1.0, 1, 2])
    >>> between_group_variance(s).estimate.round(4).tolist()
    [68.75]
    """
    p, y, se = s.share, s.estimate, s.se
    deviation = y - s.mean[:, None]
    bgv: FloatArray = (p * deviation**2).sum(axis=1)
    linear = (p**2 * se**2 * deviation**2).sum(axis=1)
    s2 = (p**2 * se**2).sum(axis=1)
    s4 = (p**4 * se**4).sum(axis=1)
    quadratic = (p**2 * (1 - p) ** 2 * se**4).sum(axis=1)
    with np.errstate(invalid="ignore"):
        standard_error = np.sqrt(4 * linear + 2 * (s2**2 - s4 + quadratic))
    return s.normal_interval(bgv, np.where(s.has_se, standard_error, np.nan))


def between_group_sd(d: Draws) -> FloatArray:
    """BGSD = √BGV of each stratum and draw.

    Examples
    --------
    >>> d = Draws.observed(Strata.one([10.0, 20, 30], population=[1.0, 1, 2]))
    >>> between_group_sd(d).round(4).tolist()
    [[8.2916]]
    """

    def compute() -> FloatArray:
        gaps = gaps_from_mean(d)
        squares = np.square(gaps, out=d.workspace.array("squares", gaps.shape))
        result: FloatArray = np.sqrt(d.weighted_sum(squares))
        return result

    return d.shared("bgsd", compute)


def coefficient_of_variation(d: Draws) -> FloatArray:
    """COV = 100 · BGSD / μ of each stratum and draw."""
    result: FloatArray = 100 * between_group_sd(d) / d.mean
    return result


def gaps_from_mean(d: Draws) -> FloatArray:
    """|y_j - μ| of each stratum, draw and subgroup (shared with the mean differences and the
    indices of disparity)."""
    return d.gaps("from the mean", d.mean)
