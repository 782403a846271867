"""Mean differences from a reference point, for non-ordered dimensions with more than two
subgroups: from the best-performing subgroup (MDBU, MDBW), from the setting average μ (MDMU,
MDMW) and from a chosen reference subgroup (MDRU, MDRW). The unweighted forms average over the
n subgroups, ``Σ |y_j - ref| / n``; the weighted forms use population shares,
``Σ p_j |y_j - ref|``. Intervals are simulated; the reference point is recomputed in every
simulation (the best subgroup, μ, or the reference subgroup's simulated value).

Each measure is a function of subgroup values of shape (strata, draws, subgroups), giving one
value per stratum and draw: the observed estimates are one draw, the simulations many.
"""

import numpy as np

from heathub.equity.who.strata import FloatArray, Strata


def _best(s: Strata, values: FloatArray) -> FloatArray:
    best: FloatArray = np.where(s.favourable[:, None], values.max(axis=-1), values.min(axis=-1))
    return best


def _reference(s: Strata, values: FloatArray) -> FloatArray:
    value: FloatArray = np.take_along_axis(values, s.reference[:, None, None], axis=-1)[..., 0]
    return value


def _gaps(values: FloatArray, point: FloatArray) -> FloatArray:
    gaps: FloatArray = np.abs(values - point[..., None])
    return gaps


def mdbu(s: Strata, values: FloatArray) -> FloatArray:
    """Mean difference from the best-performing subgroup, unweighted.

    Examples
    --------
    >>> s = Strata.one([10.0, 20, 30])
    >>> mdbu(s, s.estimate[:, None, :]).tolist()
    [[10.0]]
    """
    result: FloatArray = _gaps(values, _best(s, values)).mean(axis=-1)
    return result


def mdbw(s: Strata, values: FloatArray) -> FloatArray:
    """Mean difference from the best-performing subgroup, weighted."""
    return s.weighted_sum(_gaps(values, _best(s, values)))


def mdmu(s: Strata, values: FloatArray) -> FloatArray:
    """Mean difference from the setting average, unweighted."""
    result: FloatArray = _gaps(values, s.weighted_sum(values)).mean(axis=-1)
    return result


def mdmw(s: Strata, values: FloatArray) -> FloatArray:
    """Mean difference from the setting average, weighted."""
    return s.weighted_sum(_gaps(values, s.weighted_sum(values)))


def mdru(s: Strata, values: FloatArray) -> FloatArray:
    """Mean difference from the reference subgroup, unweighted."""
    result: FloatArray = _gaps(values, _reference(s, values)).mean(axis=-1)
    return result


def mdrw(s: Strata, values: FloatArray) -> FloatArray:
    """Mean difference from the reference subgroup, weighted."""
    return s.weighted_sum(_gaps(values, _reference(s, values)))
