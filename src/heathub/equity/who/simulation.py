"""Simulated subgroup estimates for the measures whose intervals HEAT simulates (BGSD, COV, MD*,
IDIS*): each estimate drawn from a normal distribution with its standard error, truncated to
[0, 100] for percentages and to [0, inf) otherwise (Ahn et al. 2019; HEAT technical notes).

Draws are made for many strata at once, in chunks of strata that keep the array of draws
(strata x simulations x subgroups) within :data:`CHUNK_BYTES`. Each stratum has its own
generator, seeded from the seed and the stratum's keys, so its draws do not depend on row order,
on the other strata in the upload, or on the chunking.
"""

import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence

import numpy as np
from scipy.special import ndtr, ndtri

from heathub.equity.who.strata import PERCENT_SCALE, FloatArray, IntArray, Strata

# Upper bound on the simulated array held at once (per chunk of strata).
CHUNK_BYTES = 16 * 1024 * 1024
SimulatedMeasure = Callable[[Strata, FloatArray], FloatArray]


def stratum_generator(root: np.random.SeedSequence, label: str) -> np.random.Generator:
    """A generator for one stratum from the root seed and the stratum's label, so that results
    do not depend on row order or on which other strata are in the upload."""
    child = np.random.SeedSequence(root.entropy, spawn_key=(zlib.crc32(label.encode()),))
    return np.random.default_rng(child)


def truncated_draws(
    s: Strata, simulations: int, root: np.random.SeedSequence, labels: Sequence[str]
) -> FloatArray:
    """Draws of every stratum's estimates (strata x ``simulations`` x subgroups), truncated to
    the indicator's range.

    A draw ``y + se·z`` outside the range is replaced by the truncated normal's quantile at the
    probability of ``z`` within the part of the normal outside the range (the probability
    integral transform): exactly a draw of the truncated normal, with no redraws.

    Examples
    --------
    >>> s = Strata.one([99.0, 1.0], se=[5.0, 5.0])
    >>> draws = truncated_draws(s, 1000, np.random.SeedSequence(1), ["stratum"])
    >>> bool(draws.min() >= 0 and draws.max() <= 100), draws.shape
    (True, (1, 1000, 2))
    """
    z = np.empty((s.count, simulations, s.size))
    for position, label in enumerate(labels):
        stratum_generator(root, label).standard_normal(out=z[position])
    upper = np.where(s.scale == PERCENT_SCALE, PERCENT_SCALE, np.inf)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        low = ((0 - s.estimate) / s.se)[:, None, :]
        high = ((upper - s.estimate) / s.se)[:, None, :]
    outside = (z < low) | (z > high)
    if outside.any():
        at = np.nonzero(outside)
        a, b, zo = low[at[0], 0, at[2]], high[at[0], 0, at[2]], z[at]
        below, above = ndtr(a), ndtr(-b)
        beyond = np.where(zo < a, ndtr(zo), below + above - ndtr(-zo)) / (below + above)
        z[at] = ndtri(below + beyond * (1 - below - above))
    z *= s.se[:, None, :]
    z += s.estimate[:, None, :]
    draws: FloatArray = np.clip(z, 0, upper[:, :, None], out=z)
    return draws


def simulated_limits(
    s: Strata,
    measures: Mapping[str, SimulatedMeasure],
    simulations: int,
    root: np.random.SeedSequence,
    labels: Sequence[str],
) -> dict[str, tuple[FloatArray, FloatArray]]:
    """Each measure's percentile limits for every stratum of ``s``: NaN for strata without
    every standard error or with an estimate outside the indicator's range (HEAT draws none).

    Examples
    --------
    >>> from heathub.equity.who.variance import between_group_sd
    >>> s = Strata.one([10.0, 20, 30], se=[1.0, 1, 1], population=[1.0, 1, 2])
    >>> root = np.random.SeedSequence(1)
    >>> limits = simulated_limits(s, {"BGSD": between_group_sd}, 100, root, ["x"])
    >>> [limit.round(2).tolist() for limit in limits["BGSD"]]
    [[7.24], [9.45]]
    """
    limits: dict[str, tuple[FloatArray, FloatArray]] = {
        name: (np.full(s.count, np.nan), np.full(s.count, np.nan)) for name in measures
    }
    top = np.where(s.scale == PERCENT_SCALE, PERCENT_SCALE, np.inf)[:, None]
    in_range = ((s.estimate >= 0) & (s.estimate <= top)).all(axis=1)
    drawable = np.flatnonzero(s.has_se & in_range)
    drawn = s.take(drawable)
    for chunk in chunks(drawn, simulations):
        part, rows = drawn.take(chunk), drawable[chunk]
        draws = truncated_draws(part, simulations, root, [labels[row] for row in rows])
        for name, compute in measures.items():
            lower, upper = percentile_limits(compute(part, draws), s.level)
            limits[name][0][rows], limits[name][1][rows] = lower, upper
    return limits


def chunks(s: Strata, simulations: int) -> Iterator[IntArray]:
    """Positions of the strata of ``s`` in chunks whose draws fit in :data:`CHUNK_BYTES`."""
    per_chunk = max(1, CHUNK_BYTES // (simulations * s.size * 8))
    for start in range(0, s.count, per_chunk):
        yield np.arange(start, min(start + per_chunk, s.count))


def percentile_limits(simulated: FloatArray, level: float) -> tuple[FloatArray, FloatArray]:
    """Each stratum's percentile limits of its simulated values (strata x simulations).

    Examples
    --------
    >>> lower, upper = percentile_limits(np.arange(101.0)[None, :], 0.95)
    >>> lower.round(6).tolist(), upper.round(6).tolist()
    ([2.5], [97.5])
    """
    tail = (1 - level) / 2 * 100
    lower, upper = np.percentile(simulated, [tail, 100 - tail], axis=1)
    return lower, upper
