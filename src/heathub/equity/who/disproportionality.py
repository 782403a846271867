"""Index of disparity, unweighted (IDISU) and weighted (IDISW), for non-ordered dimensions with
more than two subgroups: the mean absolute difference from the setting average μ as a percentage
of μ. IDISU = 100 / n · Σ |y_j - μ| / μ; IDISW = 100 · Σ p_j |y_j - μ| / μ. Intervals are
simulated, with μ recomputed from each simulation's estimates.

Both are functions of subgroup values of shape (strata, draws, subgroups), giving one value per
stratum and draw: the observed estimates are one draw, the simulations many.
"""

import numpy as np

from heathub.equity.who.strata import FloatArray, Strata


def idisu(s: Strata, values: FloatArray) -> FloatArray:
    """Index of disparity, unweighted.

    Examples
    --------
    >>> s = Strata.one([10.0, 20, 30], population=[1.0, 1, 2])
    >>> idisu(s, s.estimate[:, None, :]).round(4).tolist()
    [[33.3333]]
    """
    mean = s.weighted_sum(values)
    result: FloatArray = 100 * np.abs(values - mean[..., None]).mean(axis=-1) / mean
    return result


def idisw(s: Strata, values: FloatArray) -> FloatArray:
    """Index of disparity, weighted."""
    mean = s.weighted_sum(values)
    result: FloatArray = 100 * s.weighted_sum(np.abs(values - mean[..., None])) / mean
    return result
