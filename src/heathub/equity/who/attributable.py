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

import numpy as np

from heathub.equity.who.strata import Estimates, FloatArray, IntArray, Strata, finite_or_nan


def reference_subgroup(s: Strata) -> IntArray:
    """Position of the subgroup PAR and PAF compare against, in each stratum.

    Examples
    --------
    >>> s = Strata.one([5.0, 9.0, 7.0], order=[3.0, 1, 2], favourable=False)
    >>> reference_subgroup(s).tolist()
    [0]
    """
    best = np.where(s.favourable, np.argmax(s.estimate, axis=1), np.argmin(s.estimate, axis=1))
    flagged_or_best = np.where(s.reference >= 0, s.reference, best)
    reference: IntArray = np.where(s.ordered, np.argmax(s.order, axis=1), flagged_or_best)
    return reference


def _walter_se(s: Strata, ref: IntArray) -> FloatArray:
    total = s.population.sum(axis=1)
    ref_population = np.take_along_axis(s.population, ref[:, None], axis=1)[:, 0]
    c = s.at(ref) / s.scale * ref_population
    d = ref_population - c
    a = s.mean / s.scale * total - c
    b = total - a - ref_population
    n = a + b + c + d
    denominator = (a + c) ** 3 * (c + d) ** 3
    with np.errstate(divide="ignore", invalid="ignore"):
        radicand = np.where(
            denominator != 0, c * n * (a * d * (n - c) + b * c**2) / denominator, np.nan
        )
        se: FloatArray = np.where(radicand >= 0, np.sqrt(radicand), np.nan)
    return se


def _gap(s: Strata, ref: IntArray) -> FloatArray:
    gap = s.at(ref) - s.mean
    worse_than_average = np.where(s.favourable, gap < 0, gap > 0)
    result: FloatArray = np.where(worse_than_average, 0.0, gap)
    return result


def population_attributable_risk(s: Strata) -> Estimates:
    """PAR = y_ref - μ.

    Examples
    --------
    >>> s = Strata.one([20.0, 30, 40, 50, 60], se=[1.0] * 5,
    ...                population=[78.0, 91, 162, 103, 105], ordered=True)
    >>> r = population_attributable_risk(s)
    >>> r.estimate.round(4).tolist(), r.se.round(4).tolist()
    ([18.7755], [4.4066])
    """
    ref = reference_subgroup(s)
    se = finite_or_nan(s.mean * _walter_se(s, ref))
    return s.normal_interval(_gap(s, ref), se)


def population_attributable_fraction(s: Strata) -> Estimates:
    """PAF = 100 · PAR / μ."""
    ref = reference_subgroup(s)
    se = finite_or_nan(100 * _walter_se(s, ref))
    return s.normal_interval(100 * _gap(s, ref) / s.mean, se)
