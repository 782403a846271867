"""Many strata of a HEAT Plus upload at once (a stratum is one setting, date, indicator and
dimension): the arrays every summary measure reads, and the results a measure returns.

Strata with the same number of subgroups are held together as dense arrays of shape
(strata, subgroups), so that each measure is a handful of numpy operations along the last axis
for all of them at once, with no padding or masks.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.special import ndtr

FloatArray = np.ndarray[tuple[int, ...], np.dtype[np.float64]]
IntArray = np.ndarray[tuple[int, ...], np.dtype[np.intp]]
BoolArray = np.ndarray[tuple[int, ...], np.dtype[np.bool_]]

# Percent scale: HEAT truncates simulated estimates to [0, 100] on it, and to [0, inf) otherwise.
PERCENT_SCALE = 100.0


@dataclass(frozen=True)
class Estimates:
    """A summary measure's value, standard error and confidence limits for each stratum (NaN
    where not computed). ``kept`` marks the strata for which the measure could be computed
    (``None``: all of them); the others are left out of the results."""

    estimate: FloatArray
    se: FloatArray
    lower: FloatArray
    upper: FloatArray
    kept: BoolArray | None = None


@dataclass(frozen=True, eq=False)
class Strata:
    """Subgroup estimates of strata that all have the same number of subgroups.

    Arrays of subgroups have shape (strata, subgroups), subgroups in name order within each
    stratum; the others have one value per stratum. ``population`` is NaN where not given;
    ``reference`` is the position of the flagged reference subgroup, or -1 if none is flagged.

    Examples
    --------
    >>> s = Strata.one([20.0, 40.0], se=[1.0, 2.0], population=[1.0, 3.0], ordered=True)
    >>> s.mean.tolist(), s.share.tolist(), s.has_se.tolist()
    ([35.0], [[0.25, 0.75]], [True])
    """

    estimate: FloatArray
    se: FloatArray
    population: FloatArray
    order: FloatArray
    reference: IntArray
    favourable: BoolArray
    ordered: BoolArray
    scale: FloatArray
    z: float
    # Results shared between measures of these strata (SII and RII share one model fit).
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def one(
        cls,
        estimate: list[float],
        *,
        se: list[float] | None = None,
        population: list[float] | None = None,
        order: list[float] | None = None,
        reference: int | None = None,
        favourable: bool = True,
        ordered: bool = False,
        scale: float = 100.0,
        z: float = 1.959963984540054,
    ) -> "Strata":
        """A single stratum, for examples and tests (blank se and population by default, and
        ``subgroup_order`` 1, 2, ...)."""
        n = len(estimate)

        def row(values: list[float] | None, default: FloatArray) -> FloatArray:
            return np.asarray(default if values is None else values, dtype=float)[None, :]

        return cls(
            estimate=row(estimate, np.zeros(n)),
            se=row(se, np.full(n, np.nan)),
            population=row(population, np.full(n, np.nan)),
            order=row(order, np.arange(1.0, n + 1)),
            reference=np.array([-1 if reference is None else reference], dtype=np.intp),
            favourable=np.array([favourable]),
            ordered=np.array([ordered]),
            scale=np.array([scale]),
            z=z,
        )

    @property
    def count(self) -> int:
        """Number of strata."""
        return int(self.estimate.shape[0])

    @property
    def size(self) -> int:
        """Number of subgroups in each stratum."""
        return int(self.estimate.shape[1])

    def take(self, rows: BoolArray | IntArray) -> "Strata":
        """The strata selected by a boolean mask or positions."""
        return Strata(
            estimate=self.estimate[rows],
            se=self.se[rows],
            population=self.population[rows],
            order=self.order[rows],
            reference=self.reference[rows],
            favourable=self.favourable[rows],
            ordered=self.ordered[rows],
            scale=self.scale[rows],
            z=self.z,
        )

    def at(self, positions: IntArray) -> FloatArray:
        """Each stratum's estimate at one subgroup position per stratum."""
        picked: FloatArray = np.take_along_axis(self.estimate, positions[:, None], axis=1)[:, 0]
        return picked

    @cached_property
    def has_population(self) -> BoolArray:
        """Every subgroup has a population, and they sum to more than zero (the weighted
        measures need it)."""
        given = ~np.isnan(self.population).any(axis=1)
        return np.asarray(given & (np.where(given, self.population.sum(axis=1), 0) > 0))

    @cached_property
    def share(self) -> FloatArray:
        """Population share of each subgroup (NaN without ``has_population``)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            share: FloatArray = self.population / self.population.sum(axis=1, keepdims=True)
        return share

    @cached_property
    def mean(self) -> FloatArray:
        """Setting average: the population-weighted mean of the subgroup estimates."""
        mean: FloatArray = (self.share * self.estimate).sum(axis=1)
        return mean

    @cached_property
    def has_se(self) -> BoolArray:
        """Every subgroup has a standard error, so analytic intervals can be computed."""
        return np.asarray(np.isfinite(self.se).all(axis=1))

    @cached_property
    def rank(self) -> FloatArray:
        """Mid-point of each subgroup's cumulative population share, in subgroup order."""
        in_order = np.argsort(self.order, axis=1, kind="stable")
        share = np.take_along_axis(self.share, in_order, axis=1)
        midpoint = np.cumsum(share, axis=1) - share / 2
        rank = np.empty_like(midpoint)
        np.put_along_axis(rank, in_order, midpoint, axis=1)
        return rank

    @property
    def level(self) -> float:
        """The confidence level of the intervals."""
        return float(2 * ndtr(self.z) - 1)

    def normal_interval(self, estimate: FloatArray, se: FloatArray) -> Estimates:
        """Estimate ± z·se."""
        return Estimates(estimate, se, estimate - self.z * se, estimate + self.z * se)


class Workspace:
    """Arrays reused from one chunk of draws to the next: a fresh array of draws' size costs
    more in page faults than the arithmetic done on it."""

    def __init__(self) -> None:
        self._arrays: dict[str, FloatArray] = {}

    def array(self, name: str, shape: tuple[int, ...]) -> FloatArray:
        """An uninitialised array of ``shape``, the same memory on every call with ``name``."""
        size = int(np.prod(shape))
        flat = self._arrays.get(name)
        if flat is None or flat.size < size:
            flat = self._arrays[name] = np.empty(size)
        view: FloatArray = flat[:size].reshape(shape)
        return view


@dataclass(frozen=True, eq=False)
class Draws:
    """Subgroup values of each stratum of ``strata``, one row per draw: shape (strata, draws,
    subgroups). The measures with simulated intervals are functions of these; the observed
    estimates are a single draw (:meth:`observed`).

    Examples
    --------
    >>> d = Draws.observed(Strata.one([10.0, 20, 30], population=[1.0, 1, 2]))
    >>> d.mean.tolist(), d.unweighted_mean(d.values).tolist()
    ([[22.5]], [[20.0]])
    >>> d.gaps("from the mean", d.mean).tolist()
    [[[12.5, 2.5, 7.5]]]
    """

    strata: Strata
    values: FloatArray
    workspace: Workspace = field(default_factory=Workspace)
    # Intermediate results shared by several measures (|y - μ| by MDMU, MDMW, IDISU, IDISW).
    memo: dict[str, FloatArray] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def observed(cls, strata: Strata) -> "Draws":
        """The observed estimates as one draw."""
        return cls(strata, strata.estimate[:, None, :])

    def shared(self, name: str, compute: Callable[[], FloatArray]) -> FloatArray:
        """``compute()``, computed once for these draws and shared by the measures using it."""
        if name not in self.memo:
            self.memo[name] = compute()
        return self.memo[name]

    def gaps(self, name: str, point: FloatArray) -> FloatArray:
        """|y_j - point| of each stratum, draw and subgroup, for a point per stratum and draw
        (computed once per ``name``, in the workspace)."""
        if name not in self.memo:
            gaps = self.workspace.array(name, self.values.shape)
            np.subtract(self.values, point[..., None], out=gaps)
            self.memo[name] = np.abs(gaps, out=gaps)
        return self.memo[name]

    def weighted_sum(self, values: FloatArray) -> FloatArray:
        """Σ_j p_j · values[..., j] for each stratum and draw."""
        total: FloatArray = np.matmul(values, self.strata.share[:, :, None])[..., 0]
        return total

    def unweighted_mean(self, values: FloatArray) -> FloatArray:
        """Σ_j values[..., j] / n for each stratum and draw."""
        total: FloatArray = np.matmul(values, np.ones(values.shape[-1])) / values.shape[-1]
        return total

    @property
    def mean(self) -> FloatArray:
        """Setting average μ of each stratum and draw."""
        return self.shared("mean", lambda: self.weighted_sum(self.values))


def finite_or_nan(values: FloatArray) -> FloatArray:
    """``values`` with infinities replaced by NaN (a standard error that cannot be used)."""
    result: FloatArray = np.where(np.isfinite(values), values, np.nan)
    return result
