"""One stratum of a HEAT Plus upload (a setting, date, indicator and dimension): the arrays every
summary measure reads, and the result a measure returns."""

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

FloatArray = np.ndarray[tuple[int, ...], np.dtype[np.float64]]

# Percent scale: HEAT truncates simulated estimates to [0, 100] on it, and to [0, inf) otherwise.
PERCENT_SCALE = 100.0


@dataclass(frozen=True)
class Estimate:
    """A summary measure's value, standard error and confidence limits (NaN when not computed)."""

    estimate: float
    se: float = math.nan
    lower: float = math.nan
    upper: float = math.nan


@dataclass(frozen=True, eq=False)
class Stratum:
    """Subgroup estimates of one indicator over one dimension, in one setting and year.

    ``population`` is None unless every subgroup has one (the weighted measures need it);
    ``reference`` is the position of the reference subgroup, if one is flagged.

    Examples
    --------
    >>> s = Stratum(estimate=np.array([20.0, 40.0]), se=np.array([1.0, 2.0]),
    ...             population=np.array([1.0, 3.0]), order=np.array([1.0, 2.0]),
    ...             reference=None, favourable=True, ordered=True, scale=100.0, z=1.959964)
    >>> s.mean, s.share.tolist(), s.has_se
    (35.0, [0.25, 0.75], True)
    """

    estimate: FloatArray
    se: FloatArray
    population: FloatArray | None
    order: FloatArray
    reference: int | None
    favourable: bool
    ordered: bool
    scale: float
    z: float
    draws: FloatArray | None = field(default=None, compare=False)
    # Results shared between measures of this stratum (SII and RII share one model fit).
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def size(self) -> int:
        """Number of subgroups."""
        return len(self.estimate)

    @cached_property
    def share(self) -> FloatArray:
        """Population share of each subgroup (requires ``population``)."""
        if self.population is None:
            raise ValueError("this measure needs every subgroup's population")
        share: FloatArray = self.population / self.population.sum()
        return share

    @cached_property
    def mean(self) -> float:
        """Setting average: the population-weighted mean of the subgroup estimates."""
        return float(np.sum(self.share * self.estimate))

    @property
    def has_se(self) -> bool:
        """Every subgroup has a standard error, so analytic intervals can be computed."""
        return bool(np.all(np.isfinite(self.se)))

    @cached_property
    def rank(self) -> FloatArray:
        """Mid-point of each subgroup's cumulative population share, in subgroup order."""
        in_order = np.argsort(self.order, kind="stable")
        share = self.share[in_order]
        midpoint = np.cumsum(share) - share / 2
        rank = np.empty_like(midpoint)
        rank[in_order] = midpoint
        return rank

    def normal_interval(self, estimate: float, se: float) -> Estimate:
        """Estimate ± z·se."""
        return Estimate(estimate, se, estimate - self.z * se, estimate + self.z * se)

    def simulated_interval(self, estimate: float, simulated: FloatArray | None) -> Estimate:
        """Estimate with percentile limits of its simulated values (NaN without draws)."""
        if simulated is None:
            return Estimate(estimate)
        tail = (1 - self._level) / 2 * 100
        lower, upper = np.percentile(simulated, [tail, 100 - tail])
        return Estimate(estimate, math.nan, float(lower), float(upper))

    @property
    def _level(self) -> float:
        return float(2 * _normal_cdf(self.z) - 1)


def _normal_cdf(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))
