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

from heathub.equity.who.strata import (
    PERCENT_SCALE,
    Draws,
    FloatArray,
    IntArray,
    Strata,
    Workspace,
)

# Upper bound on the simulated array held at once (per chunk of strata): small enough to stay
# in the processor cache while the ten measures make their passes over it.
CHUNK_BYTES = 2 * 1024 * 1024
SimulatedMeasure = Callable[[Draws], FloatArray]


def stratum_generator(root: np.random.SeedSequence, label: str) -> np.random.Generator:
    """A generator for one stratum from the root seed and the stratum's label, so that results
    do not depend on row order or on which other strata are in the upload."""
    child = np.random.SeedSequence(root.entropy, spawn_key=(zlib.crc32(label.encode()),))
    return np.random.default_rng(child)


def truncated_draws(
    s: Strata,
    simulations: int,
    root: np.random.SeedSequence,
    labels: Sequence[str],
    out: FloatArray | None = None,
) -> FloatArray:
    """Draws of every stratum's estimates (strata x ``simulations`` x subgroups), truncated to
    the indicator's range.

    A draw ``y + se·z`` outside the range is replaced by the truncated normal's quantile at the
    probability of ``z`` within the part of the normal outside the range. That probability is
    uniform on (0, 1) given ``z`` fell outside (the probability integral transform), so the
    result is exactly a draw of the truncated normal, with no redraws; draws within the range
    are kept as they are.

    Examples
    --------
    >>> s = Strata.one([99.0, 1.0], se=[5.0, 5.0])
    >>> draws = truncated_draws(s, 1000, np.random.SeedSequence(1), ["stratum"])
    >>> bool(draws.min() >= 0 and draws.max() <= 100), draws.shape
    (True, (1, 1000, 2))
    """
    draws = np.empty((s.count, simulations, s.size)) if out is None else out
    for position, label in enumerate(labels):
        stratum_generator(root, label).standard_normal(out=draws[position])
    draws *= s.se[:, None, :]
    draws += s.estimate[:, None, :]
    top = np.where(s.scale == PERCENT_SCALE, PERCENT_SCALE, np.inf)
    outside = np.flatnonzero((draws < 0) | (draws > top[:, None, None]))
    if len(outside):
        # the range [0, top] in standard units, and the normal's probability below and above it
        with np.errstate(divide="ignore", invalid="ignore"):  # se 0: never outside
            low, high = (0 - s.estimate) / s.se, (top[:, None] - s.estimate) / s.se
        below, above = ndtr(low), ndtr(-high)
        stratum, subgroup = outside // (simulations * s.size), outside % s.size
        at = stratum * s.size + subgroup  # position in the (strata x subgroups) arrays
        mean, sd = s.estimate.flat[at], s.se.flat[at]
        below_at, above_at = below.flat[at], above.flat[at]
        z = (draws.flat[outside] - mean) / sd
        under = z < low.flat[at]
        tail = ndtr(np.where(under, z, -z))
        within_outside = np.where(under, tail, below_at + above_at - tail) / (below_at + above_at)
        truncated = mean + sd * ndtri(below_at + within_outside * (1 - below_at - above_at))
        draws.flat[outside] = np.clip(truncated, 0, top[stratum])
    result: FloatArray = draws
    return result


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
    drawn, workspace = s.take(drawable), Workspace()
    for chunk in chunks(drawn, simulations):
        part, rows = drawn.take(chunk), drawable[chunk]
        out = workspace.array("draws", (len(chunk), simulations, s.size))
        values = truncated_draws(part, simulations, root, [labels[r] for r in rows], out)
        draws = Draws(part, values, workspace)
        simulated = np.stack([compute(draws) for compute in measures.values()], axis=1)
        lower, upper = percentile_limits(simulated, s.level)
        for number, name in enumerate(measures):
            limits[name][0][rows], limits[name][1][rows] = lower[:, number], upper[:, number]
    return limits


def chunks(s: Strata, simulations: int) -> Iterator[IntArray]:
    """Positions of the strata of ``s`` in chunks whose draws fit in :data:`CHUNK_BYTES`."""
    per_chunk = max(1, CHUNK_BYTES // (simulations * s.size * 8))
    for start in range(0, s.count, per_chunk):
        yield np.arange(start, min(start + per_chunk, s.count))


def percentile_limits(simulated: FloatArray, level: float) -> tuple[FloatArray, FloatArray]:
    """Percentile limits of simulated values over their last axis: linear interpolation between
    order statistics (R's type 7, as HEAT), as :func:`numpy.percentile` computes it, after one
    sort (several times faster than ``numpy.percentile`` on many short rows). NaN if any
    simulated value is NaN.

    Examples
    --------
    >>> lower, upper = percentile_limits(np.arange(101.0)[None, :], 0.95)
    >>> lower.round(6).tolist(), upper.round(6).tolist()
    ([2.5], [97.5])
    """
    ordered = np.sort(simulated, axis=-1)
    n = ordered.shape[-1]
    tail = (1 - level) / 2 * 100
    limits = []
    for percent in (tail, 100 - tail):
        quantile = percent / 100
        index = n * quantile + (1 - quantile) - 1  # numpy's virtual index for this method
        below = min(max(int(np.floor(index)), 0), n - 1)
        above = min(below + 1, n - 1)
        weight = index - below
        a, b = ordered[..., below], ordered[..., above]
        # numpy's lerp, exact at both ends
        value = b - (b - a) * (1 - weight) if weight >= 0.5 else a + (b - a) * weight
        limits.append(np.where(np.isnan(ordered[..., -1]), np.nan, value))
    return limits[0], limits[1]
