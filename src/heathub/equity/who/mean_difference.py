"""Mean differences from a reference point, for non-ordered dimensions with more than two
subgroups: from the best-performing subgroup (MDBU, MDBW), from the setting average μ (MDMU,
MDMW) and from a chosen reference subgroup (MDRU, MDRW). The unweighted forms average over the
n subgroups, ``Σ |y_j - ref| / n``; the weighted forms use population shares,
``Σ p_j |y_j - ref|``. Intervals are simulated; the reference point is recomputed in every
simulation (the best subgroup, μ, or the reference subgroup's simulated value).

Each measure is a function of :class:`~heathub.equity.who.strata.Draws`, giving one value per
stratum and draw: the observed estimates are one draw, the simulations many.
"""

import numpy as np

from heathub.equity.who.strata import Draws, FloatArray
from heathub.equity.who.variance import gaps_from_mean


def _gaps_from_best(d: Draws) -> FloatArray:
    if "from the best" not in d.memo:
        favourable, values = d.strata.favourable, d.values
        if favourable.all():
            best = values.max(axis=-1)
        elif not favourable.any():
            best = values.min(axis=-1)
        else:
            best = np.where(favourable[:, None], values.max(axis=-1), values.min(axis=-1))
        d.gaps("from the best", best)
    return d.memo["from the best"]


def _gaps_from_reference(d: Draws) -> FloatArray:
    if "from the reference" not in d.memo:
        position = np.maximum(d.strata.reference, 0)[:, None, None]  # -1: none (not used)
        d.gaps("from the reference", np.take_along_axis(d.values, position, axis=-1)[..., 0])
    return d.memo["from the reference"]


def mdbu(d: Draws) -> FloatArray:
    """Mean difference from the best-performing subgroup, unweighted.

    Examples
    --------
    >>> from heathub.equity.who.strata import Strata
    >>> mdbu(Draws.observed(Strata.one([10.0, 20, 30]))).tolist()
    [[10.0]]
    """
    return d.unweighted_mean(_gaps_from_best(d))


def mdbw(d: Draws) -> FloatArray:
    """Mean difference from the best-performing subgroup, weighted."""
    return d.weighted_sum(_gaps_from_best(d))


def mdmu(d: Draws) -> FloatArray:
    """Mean difference from the setting average, unweighted."""
    return d.shared("mdmu", lambda: d.unweighted_mean(gaps_from_mean(d)))


def mdmw(d: Draws) -> FloatArray:
    """Mean difference from the setting average, weighted."""
    return d.shared("mdmw", lambda: d.weighted_sum(gaps_from_mean(d)))


def mdru(d: Draws) -> FloatArray:
    """Mean difference from the reference subgroup, unweighted."""
    return d.unweighted_mean(_gaps_from_reference(d))


def mdrw(d: Draws) -> FloatArray:
    """Mean difference from the reference subgroup, weighted."""
    return d.weighted_sum(_gaps_from_reference(d))
