"""Simulated subgroup estimates for the measures whose intervals HEAT simulates (BGSD, COV, MD*,
IDIS*): each estimate drawn from a normal distribution with its standard error, truncated to
[0, 100] for percentages and to [0, inf) otherwise (Ahn et al. 2019; HEAT technical notes)."""

import zlib

import numpy as np
from scipy import stats

from heathub.equity.who.stratum import PERCENT_SCALE, FloatArray

# Redraw out-of-range values this many times before falling back to exact inverse-CDF sampling.
REDRAW_ROUNDS = 20


def stratum_generator(seed: int | None, label: str) -> np.random.Generator:
    """A generator for one stratum from the seed and the stratum's label, so that results do not
    depend on row order or on which other strata are in the upload."""
    root = np.random.SeedSequence(seed)
    child = np.random.SeedSequence(root.entropy, spawn_key=(zlib.crc32(label.encode()),))
    return np.random.default_rng(child)


def truncated_draws(
    estimate: FloatArray, se: FloatArray, scale: float, simulations: int, rng: np.random.Generator
) -> FloatArray:
    """``simulations`` x subgroups draws of the estimates, truncated to the indicator's range.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> draws = truncated_draws(np.array([99.0, 1.0]), np.array([5.0, 5.0]), 100.0, 1000, rng)
    >>> bool(draws.min() >= 0 and draws.max() <= 100), draws.shape
    (True, (1000, 2))
    """
    upper = PERCENT_SCALE if scale == PERCENT_SCALE else np.inf
    draws: FloatArray = rng.normal(estimate, se, size=(simulations, len(estimate)))
    for _ in range(REDRAW_ROUNDS):
        outside = (draws < 0) | (draws > upper)
        if not outside.any():
            return draws
        columns = np.nonzero(outside)[1]
        draws[outside] = rng.normal(estimate[columns], se[columns])
    outside = (draws < 0) | (draws > upper)
    columns = np.nonzero(outside)[1]
    mean, sd = estimate[columns], se[columns]
    draws[outside] = stats.truncnorm.rvs(
        (0 - mean) / sd, (upper - mean) / sd, loc=mean, scale=sd, random_state=rng
    )
    return draws
