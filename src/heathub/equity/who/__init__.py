"""WHO HEAT Plus summary measures of health inequality (the 21 of the HEAT technical notes).

:func:`summary_measures` takes an upload in the HEAT Plus template and returns one row per
stratum (setting, date, indicator, dimension) and applicable measure. Families of measures live
in their own modules; :mod:`heathub.equity.who.applicability` says which apply when.

Nothing loops over strata: strata with the same number of subgroups are held as dense arrays
(:class:`~heathub.equity.who.strata.Strata`, one per subgroup count) and each measure is
computed for all the strata it applies to at once; the simulations run over chunks of strata
(:mod:`heathub.equity.who.simulation`).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from heathub.equity.confidence import parse_confidence
from heathub.equity.errors import EquityInputError
from heathub.equity.who import (
    attributable,
    differences_ratios,
    disproportionality,
    mean_difference,
    regression,
    theil,
    variance,
)
from heathub.equity.who.applicability import ALL_MEASURES, applicable_measures
from heathub.equity.who.simulation import SimulatedMeasure, simulated_limits
from heathub.equity.who.strata import BoolArray, Draws, Estimates, IntArray, Strata
from heathub.equity.who.template import STRATUM_COLUMNS, read_upload

__all__ = ["ALL_MEASURES", "summary_measures"]

ANALYTIC: dict[str, Callable[[Strata], Estimates]] = {
    "D": differences_ratios.difference,
    "R": differences_ratios.ratio,
    "ACI": regression.absolute_concentration,
    "RCI": regression.relative_concentration,
    "SII": regression.slope_index,
    "RII": regression.relative_index,
    "BGV": variance.between_group_variance,
    "TI": theil.theil_index,
    "MLD": theil.mean_log_deviation,
    "PAF": attributable.population_attributable_fraction,
    "PAR": attributable.population_attributable_risk,
}
SIMULATED_MEASURES: dict[str, SimulatedMeasure] = {
    "BGSD": variance.between_group_sd,
    "COV": variance.coefficient_of_variation,
    "MDBU": mean_difference.mdbu,
    "MDBW": mean_difference.mdbw,
    "MDMU": mean_difference.mdmu,
    "MDMW": mean_difference.mdmw,
    "MDRU": mean_difference.mdru,
    "MDRW": mean_difference.mdrw,
    "IDISU": disproportionality.idisu,
    "IDISW": disproportionality.idisw,
}
OUTPUT_COLUMNS = [*STRATUM_COLUMNS, "measure", "estimate", "se", "ci_lb", "ci_ub"]
RESULT_COLUMNS = ["estimate", "se", "ci_lb", "ci_ub"]


@dataclass(frozen=True)
class _Results:
    """One measure's results for some strata (positions among the upload's strata)."""

    strata: IntArray
    measure: int
    values: Estimates


def summary_measures(
    df: pd.DataFrame,
    measures: Sequence[str] | None = None,
    *,
    confidence: float = 0.95,
    simulations: int = 100,
    seed: int | None = 123456,
) -> pd.DataFrame:
    """Summary measures of inequality for every stratum of a HEAT Plus upload.

    Parameters
    ----------
    df
        Rows in the HEAT Plus template: ``setting, date, indicator_abbr, dimension, subgroup,
        estimate, se, ci_lb, ci_ub, population, favourable_indicator, indicator_scale,
        ordered_dimension, subgroup_order, reference_subgroup`` (other template columns, such as
        ``setting_average``, are ignored).
    measures
        HEAT abbreviations to compute (``"SII"``, ``"PAF"`` ...); ``None`` for all 21. A measure
        that does not apply to a stratum is not returned for it.
    confidence
        Level of the intervals (HEAT uses 0.95).
    simulations
        Draws for the simulated intervals (BGSD, COV, MD*, IDIS*); HEAT uses 100.
    seed
        Seed for those draws; each stratum's draws depend only on the seed and its own keys.

    Returns
    -------
    pandas.DataFrame
        ``setting, date, indicator_abbr, dimension, measure, estimate, se, ci_lb, ci_ub``; strata
        sorted by their keys, measures in HEAT's order. ``se`` is NaN for simulated intervals,
        and the interval is NaN when subgroup standard errors are missing.

    Raises
    ------
    EquityInputError
        Bad template input (see :func:`heathub.equity.who.template.read_upload`), an unknown
        measure, a confidence level outside (0, 1), fewer than 10 simulations.

    Examples
    --------
    >>> df = pd.DataFrame({"setting": "Indonesia", "date": 2017, "indicator_abbr": "sba",
    ...     "dimension": "Wealth", "subgroup": ["Q1", "Q2", "Q3", "Q4", "Q5"],
    ...     "estimate": [20.0, 30, 40, 50, 60], "se": [5.0, 7, 10, 12, 14],
    ...     "population": [78, 91, 162, 103, 105], "favourable_indicator": 1,
    ...     "indicator_scale": 100, "ordered_dimension": 1, "subgroup_order": [1, 2, 3, 4, 5]})
    >>> out = summary_measures(df)
    >>> print(out[["measure", "estimate", "se"]].round(4).to_string(index=False))
    measure  estimate      se
          D   40.0000 14.8661
          R    3.0000  0.3420
        ACI    7.3284  0.2937
        RCI   17.7769  0.7124
        SII   44.4450  2.1908
        RII    3.1595  0.0764
        PAF   45.5446 10.6894
        PAR   18.7755  4.4066
    """
    level = parse_confidence(confidence)
    if len(level) != 1:
        raise EquityInputError("confidence: give one level for the WHO measures, such as 0.95")
    wanted = _wanted(measures)
    if isinstance(simulations, bool) or not isinstance(simulations, int) or simulations < 10:
        raise EquityInputError(f"simulations {simulations!r}: give a whole number, 10 or more")
    upload = read_upload(df)
    labels, root = upload.labels, np.random.SeedSequence(seed)
    results: list[_Results] = []
    with np.errstate(all="ignore"):  # strata a measure does not apply to are dropped
        for positions, batch in upload.batches(level[0].z):
            applies = applicable_measures(batch)
            results += _analytic(batch, positions, applies, wanted)
            results += _simulated(batch, positions, applies, wanted, simulations, root, labels)
    return _frame(upload.keys, results)


def _wanted(measures: Sequence[str] | None) -> set[str]:
    if measures is None:
        return set(ALL_MEASURES)
    chosen = [measures] if isinstance(measures, str) else list(measures)
    unknown = [m for m in chosen if m.upper() not in ALL_MEASURES]
    if unknown:
        raise EquityInputError(
            f"measures: unknown {', '.join(map(repr, unknown))}; choose from "
            f"{', '.join(ALL_MEASURES)}"
        )
    return {m.upper() for m in chosen}


def _analytic(
    batch: Strata, positions: IntArray, applies: dict[str, BoolArray], wanted: set[str]
) -> list[_Results]:
    """The analytic measures, each computed for all the strata it applies to at once."""
    results = []
    subsets: dict[bytes, Strata] = {}  # measures applying to the same strata share one subset
    for name, compute in ANALYTIC.items():
        mask = applies[name]
        if name not in wanted or not mask.any():
            continue
        key = mask.tobytes()
        if key not in subsets:
            subsets[key] = batch.take(mask)
        values = compute(subsets[key])
        results.append(_kept(positions[mask], ALL_MEASURES.index(name), values))
    return results


def _simulated(
    batch: Strata,
    positions: IntArray,
    applies: dict[str, BoolArray],
    wanted: set[str],
    simulations: int,
    root: np.random.SeedSequence,
    labels: list[str],
) -> list[_Results]:
    """The measures with simulated intervals, for all the strata they apply to at once:
    estimates from the observed values, limits from the draws (shared by the measures)."""
    measures = {
        name: compute
        for name, compute in SIMULATED_MEASURES.items()
        if name in wanted and applies[name].any()
    }
    if not measures:
        return []
    needed = np.logical_or.reduce([applies[name] for name in measures])
    subset, strata = batch.take(needed), positions[needed]
    subset_labels = [labels[stratum] for stratum in strata]
    limits = simulated_limits(subset, measures, simulations, root, subset_labels)
    blank = np.full(subset.count, np.nan)
    observed = Draws.observed(subset)
    results = []
    for name, compute in measures.items():
        estimate = compute(observed)[:, 0]
        values = Estimates(estimate, blank, *limits[name])
        results.append(_kept(strata, ALL_MEASURES.index(name), values, applies[name][needed]))
    return results


def _kept(
    strata: IntArray, measure: int, values: Estimates, mask: BoolArray | None = None
) -> _Results:
    """The results of the strata selected by ``mask`` and kept by the measure."""
    keep = np.ones(len(strata), dtype=bool) if mask is None else mask.copy()
    if values.kept is not None:
        keep &= values.kept
    return _Results(
        strata[keep],
        measure,
        Estimates(values.estimate[keep], values.se[keep], values.lower[keep], values.upper[keep]),
    )


def _frame(keys: pd.DataFrame, results: list[_Results]) -> pd.DataFrame:
    """One row per stratum and measure: strata in key order, measures in HEAT's order."""
    if not results:
        empty = pd.DataFrame([], columns=OUTPUT_COLUMNS)
        return empty.astype(dict.fromkeys(RESULT_COLUMNS, float))
    strata = np.concatenate([r.strata for r in results])
    measure = np.concatenate([np.full(len(r.strata), r.measure) for r in results])
    order = np.lexsort((measure, strata))
    frame = keys.iloc[strata[order]].reset_index(drop=True)
    frame["measure"] = np.array(ALL_MEASURES, dtype=object)[measure[order]]
    for column, field in zip(RESULT_COLUMNS, ("estimate", "se", "lower", "upper"), strict=True):
        values = np.concatenate([getattr(r.values, field) for r in results])
        frame[column] = values[order].astype(float)
    return frame
