"""The SII regression and its simulated confidence limits, vectorised over groups.

The weighted least-squares fit of a value on the population-midpoint rank is linear in the values:
``slope = Σ w_slope · y`` and ``intercept = Σ w_intercept · y``, with weights that depend only on
the populations. So each simulated draw costs one weighted sum, and many groups are done at once
as one ``einsum`` over an array of shape (groups, quantiles, repetitions). Groups are taken in
chunks so that array stays within :data:`CHUNK_BYTES` (5,000 groups x 10 quantiles x 10,000 draws
would be 4 GB in one piece).
"""

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from heathub.equity.confidence import ConfidenceLevel

FloatArray = np.ndarray[tuple[int, ...], np.dtype[np.float64]]

# Upper bound on the simulated array held at once (per chunk of groups).
CHUNK_BYTES = 128 * 1024 * 1024


@dataclass(frozen=True)
class SlopeDesign:
    """Regression weights for groups of quantiles (arrays of shape groups x quantiles).

    Examples
    --------
    >>> design = SlopeDesign.from_populations(np.array([[1.0, 1.0, 2.0]]))
    >>> design.rank.tolist()
    [[0.125, 0.375, 0.75]]
    >>> intercept, slope = design.fit(np.array([[1.0, 2.0, 3.0]]))
    >>> round(float(intercept[0]), 6), round(float(slope[0]), 6)
    (0.694444, 3.111111)
    """

    share: FloatArray
    rank: FloatArray
    intercept_weights: FloatArray
    slope_weights: FloatArray

    @classmethod
    def from_populations(cls, populations: FloatArray) -> "SlopeDesign":
        """Shares, mid-point ranks and regression weights from populations in quantile order."""
        share = populations / populations.sum(axis=1, keepdims=True)
        rank = np.cumsum(share, axis=1) - share / 2
        s0 = share.sum(axis=1, keepdims=True)
        s1 = (share * rank).sum(axis=1, keepdims=True)
        s2 = (share * rank**2).sum(axis=1, keepdims=True)
        determinant = s0 * s2 - s1**2
        return cls(
            share=share,
            rank=rank,
            intercept_weights=share * (s2 - s1 * rank) / determinant,
            slope_weights=share * (s0 * rank - s1) / determinant,
        )

    def fit(self, values: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Intercept and slope of each group's weighted regression of ``values`` on rank."""
        intercept: FloatArray = (self.intercept_weights * values).sum(axis=1)
        slope: FloatArray = (self.slope_weights * values).sum(axis=1)
        return intercept, slope


@dataclass
class SimulatedLimits:
    """Lower and upper limits per confidence level (keyed by the level, e.g. 0.95)."""

    sii: dict[float, tuple[FloatArray, FloatArray]] = field(default_factory=dict)
    rii: dict[float, tuple[FloatArray, FloatArray]] = field(default_factory=dict)


def limit_positions(repetitions: int, level: ConfidenceLevel) -> tuple[int, int]:
    """0-based positions of the limits in the sorted draws, as PHEindicatormethods picks them.

    R takes the 1-based positions ``round(n · (1 - c) / 2)`` and ``round(n · (c + (1 - c) / 2))``
    (both rounding half to even, as numpy does).

    Examples
    --------
    >>> limit_positions(100_000, ConfidenceLevel(0.95, "lowercl", "uppercl"))
    (2499, 97499)
    """
    lower = max(int(np.round(repetitions * level.lower_tail)), 1)
    upper = min(int(np.round(repetitions * level.upper_tail)), repetitions)
    return lower - 1, upper - 1


def group_generator(root: np.random.SeedSequence, label: str) -> np.random.Generator:
    """A generator for one group, from the root seed and the group's label.

    A group's draws then do not depend on the order of the rows, on the other groups, or on the
    chunking.
    """
    child = np.random.SeedSequence(root.entropy, spawn_key=(zlib.crc32(label.encode()),))
    return np.random.default_rng(child)


def simulate_limits(
    design: SlopeDesign,
    *,
    mean: FloatArray,
    se: FloatArray,
    value_type: int,
    levels: Sequence[ConfidenceLevel],
    repetitions: int,
    multiplier: float,
    seed: int | None,
    group_labels: Sequence[str],
    with_rii: bool,
) -> SimulatedLimits:
    """Simulated SII (and RII) limits for every group.

    ``mean`` and ``se`` are on the simulation scale (log for rates, logit for proportions); draws
    are taken back to the value scale before the regression.
    """
    n_groups, n_quantiles = mean.shape
    root = np.random.SeedSequence(seed)
    chunk = max(1, CHUNK_BYTES // (n_quantiles * repetitions * 8))
    positions = [limit_positions(repetitions, level) for level in levels]
    kth = sorted({p for pair in positions for p in pair})
    sii_at = np.empty((n_groups, len(kth)))
    rii_at = np.empty((n_groups, len(kth)))
    for start in range(0, n_groups, chunk):
        stop = min(start + chunk, n_groups)
        draws = np.empty((stop - start, n_quantiles, repetitions))
        for offset, group in enumerate(range(start, stop)):
            group_generator(root, group_labels[group]).standard_normal(out=draws[offset])
        draws *= se[start:stop, :, None]
        draws += mean[start:stop, :, None]
        values = _back_transform(draws, value_type)
        slope = np.einsum("gq,gqr->gr", design.slope_weights[start:stop], values)
        sii_draws = multiplier * slope
        sii_at[start:stop] = np.partition(sii_draws, kth, axis=1)[:, kth]
        if with_rii:
            intercept = np.einsum("gq,gqr->gr", design.intercept_weights[start:stop], values)
            ratio = (intercept + slope) / intercept
            if multiplier < 0:
                ratio = 1 / ratio
            rii_at[start:stop] = np.partition(ratio, kth, axis=1)[:, kth]
    limits = SimulatedLimits()
    for level, (lower, upper) in zip(levels, positions, strict=True):
        columns = kth.index(lower), kth.index(upper)
        limits.sii[level.level] = (sii_at[:, columns[0]], sii_at[:, columns[1]])
        if with_rii:
            limits.rii[level.level] = (rii_at[:, columns[0]], rii_at[:, columns[1]])
    return limits


def _back_transform(draws: FloatArray, value_type: int) -> FloatArray:
    """Draws on the log (rates) or logit (proportions) scale back to the value scale, in place."""
    if value_type == 1:
        np.exp(draws, out=draws)
    elif value_type == 2:
        # expit(x) = 1 / (1 + exp(-x)), computed in place to keep memory flat
        np.negative(draws, out=draws)
        np.exp(draws, out=draws)
        draws += 1
        np.reciprocal(draws, out=draws)
    return draws
