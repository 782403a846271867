"""Index of disparity, unweighted (IDISU) and weighted (IDISW), for non-ordered dimensions with
more than two subgroups: the mean absolute difference from the setting average μ as a percentage
of μ. IDISU = 100 / n · Σ |y_j - μ| / μ; IDISW = 100 · Σ p_j |y_j - μ| / μ. Intervals are
simulated, with μ recomputed from each simulation's estimates.

Both are functions of :class:`~heathub.equity.who.strata.Draws`, giving one value per stratum
and draw: the observed estimates are one draw, the simulations many; they share |y_j - μ| with
the mean differences from the setting average (IDISU = 100 · MDMU / μ, IDISW = 100 · MDMW / μ).
"""

from heathub.equity.who.mean_difference import mdmu, mdmw
from heathub.equity.who.strata import Draws, FloatArray


def idisu(d: Draws) -> FloatArray:
    """Index of disparity, unweighted.

    Examples
    --------
    >>> from heathub.equity.who.strata import Strata
    >>> d = Draws.observed(Strata.one([10.0, 20, 30], population=[1.0, 1, 2]))
    >>> idisu(d).round(4).tolist()
    [[33.3333]]
    """
    result: FloatArray = 100 * mdmu(d) / d.mean
    return result


def idisw(d: Draws) -> FloatArray:
    """Index of disparity, weighted."""
    result: FloatArray = 100 * mdmw(d) / d.mean
    return result
