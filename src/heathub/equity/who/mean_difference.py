"""Mean differences from a reference point, for non-ordered dimensions with more than two
subgroups: from the best-performing subgroup (MDBU, MDBW), from the setting average μ (MDMU,
MDMW) and from a chosen reference subgroup (MDRU, MDRW). The unweighted forms average over the
n subgroups, ``Σ |y_j - ref| / n``; the weighted forms use population shares,
``Σ p_j |y_j - ref|``. Intervals are simulated; the reference point is recomputed in every
simulation (the best subgroup, μ, or the reference subgroup's simulated value).
"""

import numpy as np

from heathub.equity.who.stratum import Estimate, FloatArray, Stratum


def _best(values: FloatArray, favourable: bool) -> FloatArray:
    best: FloatArray = values.max(axis=-1) if favourable else values.min(axis=-1)
    return best


def _measure(s: Stratum, reference: str, weighted: bool) -> Estimate:
    def compute(values: FloatArray) -> FloatArray:
        if reference == "best":
            point = _best(values, s.favourable)
        elif reference == "mean":
            point = values @ s.share
        else:
            assert s.reference is not None
            point = values[..., s.reference]
        gaps = np.abs(values - np.asarray(point)[..., None])
        result: FloatArray = gaps @ s.share if weighted else gaps.mean(axis=-1)
        return result

    estimate = float(compute(s.estimate))
    simulated = None if s.draws is None else compute(s.draws)
    return s.simulated_interval(estimate, simulated)


def mdbu(s: Stratum) -> Estimate:
    """Mean difference from the best-performing subgroup, unweighted.

    Examples
    --------
    >>> s = Stratum(np.array([10.0, 20, 30]), np.full(3, np.nan), None, np.arange(1.0, 4),
    ...             None, True, False, 100.0, 1.96)
    >>> mdbu(s).estimate
    10.0
    """
    return _measure(s, "best", weighted=False)


def mdbw(s: Stratum) -> Estimate:
    """Mean difference from the best-performing subgroup, weighted."""
    return _measure(s, "best", weighted=True)


def mdmu(s: Stratum) -> Estimate:
    """Mean difference from the setting average, unweighted."""
    return _measure(s, "mean", weighted=False)


def mdmw(s: Stratum) -> Estimate:
    """Mean difference from the setting average, weighted."""
    return _measure(s, "mean", weighted=True)


def mdru(s: Stratum) -> Estimate:
    """Mean difference from the reference subgroup, unweighted."""
    return _measure(s, "reference", weighted=False)


def mdrw(s: Stratum) -> Estimate:
    """Mean difference from the reference subgroup, weighted."""
    return _measure(s, "reference", weighted=True)
