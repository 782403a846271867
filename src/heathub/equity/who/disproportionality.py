"""Index of disparity, unweighted (IDISU) and weighted (IDISW), for non-ordered dimensions with
more than two subgroups: the mean absolute difference from the setting average μ as a percentage
of μ. IDISU = 100 / n · Σ |y_j - μ| / μ; IDISW = 100 · Σ p_j |y_j - μ| / μ. Intervals are
simulated, with μ recomputed from each simulation's estimates.
"""

import numpy as np

from heathub.equity.who.stratum import Estimate, FloatArray, Stratum


def _index(s: Stratum, weighted: bool) -> Estimate:
    def compute(values: FloatArray) -> FloatArray:
        mean = np.asarray(values @ s.share)
        gaps = np.abs(values - mean[..., None])
        spread = gaps @ s.share if weighted else gaps.mean(axis=-1)
        result: FloatArray = 100 * spread / mean
        return result

    estimate = float(compute(s.estimate))
    simulated = None if s.draws is None else compute(s.draws)
    return s.simulated_interval(estimate, simulated)


def idisu(s: Stratum) -> Estimate:
    """Index of disparity, unweighted.

    Examples
    --------
    >>> s = Stratum(np.array([10.0, 20, 30]), np.full(3, np.nan), np.array([1.0, 1, 2]),
    ...             np.arange(1.0, 4), None, True, False, 100.0, 1.96)
    >>> round(idisu(s).estimate, 4)
    33.3333
    """
    return _index(s, weighted=False)


def idisw(s: Stratum) -> Estimate:
    """Index of disparity, weighted."""
    return _index(s, weighted=True)
