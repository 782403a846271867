"""Population attributable risk (PAR) and fraction (PAF): the improvement in the setting average
μ if every subgroup had the reference subgroup's level.

The reference is the most-advantaged subgroup (highest ``subgroup_order``) for ordered dimensions;
for non-ordered ones, the flagged ``reference_subgroup`` if there is one (as HEAT Plus's engine,
``calc_paf``/``calc_par``), else the best-performing subgroup (highest estimate for favourable
indicators, lowest for adverse). healthequal's ``paf``/``parisk`` take no reference subgroup and
always use the best-performing one. PAR = y_ref - μ and PAF = 100 · PAR / μ, both set to 0 when
the reference is worse than μ (PAR < 0 for favourable, > 0 for adverse indicators).

Intervals follow Walter (1978) on the 2x2 table of the reference subgroup against the rest:
c = y_ref / scale · N_ref, d = N_ref - c, a = μ / scale · N - c, b = N - a - N_ref, and
se(PAF as a fraction) = √(c N (a d (N - c) + b c²) / ((a + c)³ (c + d)³)). PAF's se is reported
x 100, on the percent scale of the estimate (healthequal reports the fraction while building the
interval on the percent scale); se(PAR) = μ · se(PAF as a fraction).
"""

import math

import numpy as np

from heathub.equity.who.stratum import Estimate, Stratum


def reference_subgroup(s: Stratum) -> int:
    """Position of the subgroup PAR and PAF compare against.

    Examples
    --------
    >>> s = Stratum(np.array([5.0, 9.0, 7.0]), np.full(3, np.nan), None, np.array([3.0, 1, 2]),
    ...             None, favourable=False, ordered=False, scale=100.0, z=1.96)
    >>> reference_subgroup(s)
    0
    """
    if s.ordered:
        return int(np.argmax(s.order))
    if s.reference is not None:
        return s.reference
    return int(np.argmax(s.estimate) if s.favourable else np.argmin(s.estimate))


def _walter_se(s: Stratum, ref: int) -> float:
    assert s.population is not None
    total, ref_population = float(s.population.sum()), float(s.population[ref])
    c = float(s.estimate[ref]) / s.scale * ref_population
    d = ref_population - c
    a = s.mean / s.scale * total - c
    b = total - a - ref_population
    n = a + b + c + d
    denominator = (a + c) ** 3 * (c + d) ** 3
    radicand = c * n * (a * d * (n - c) + b * c**2) / denominator if denominator else math.nan
    return math.sqrt(radicand) if radicand >= 0 else math.nan


def _gap(s: Stratum, ref: int) -> float:
    gap = float(s.estimate[ref]) - s.mean
    worse_than_average = gap < 0 if s.favourable else gap > 0
    return 0.0 if worse_than_average else gap


def population_attributable_risk(s: Stratum) -> Estimate:
    """PAR = y_ref - μ.

    Examples
    --------
    >>> s = Stratum(np.array([20.0, 30, 40, 50, 60]), np.full(5, 1.0),
    ...             np.array([78.0, 91, 162, 103, 105]), np.arange(1.0, 6), reference=None,
    ...             favourable=True, ordered=True, scale=100.0, z=1.959964)
    >>> r = population_attributable_risk(s)
    >>> round(r.estimate, 4), round(r.se, 4)
    (18.7755, 4.4066)
    """
    ref = reference_subgroup(s)
    se = s.mean * _walter_se(s, ref)
    return _interval(s, _gap(s, ref), se)


def population_attributable_fraction(s: Stratum) -> Estimate:
    """PAF = 100 · PAR / μ."""
    ref = reference_subgroup(s)
    se = 100 * _walter_se(s, ref)
    return _interval(s, 100 * _gap(s, ref) / s.mean, se)


def _interval(s: Stratum, estimate: float, se: float) -> Estimate:
    return s.normal_interval(estimate, se) if math.isfinite(se) else Estimate(estimate)
