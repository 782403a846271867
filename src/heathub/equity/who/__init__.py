"""WHO HEAT Plus summary measures of health inequality (the 21 of the HEAT technical notes).

:func:`summary_measures` takes an upload in the HEAT Plus template and returns one row per
stratum (setting, date, indicator, dimension) and applicable measure. Families of measures live
in their own modules; :mod:`heathub.equity.who.applicability` says which apply when.
"""

import dataclasses
from collections.abc import Callable, Sequence

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
from heathub.equity.who.applicability import ALL_MEASURES, SIMULATED, applicable_measures
from heathub.equity.who.simulation import stratum_generator, truncated_draws
from heathub.equity.who.stratum import PERCENT_SCALE, Estimate, Stratum
from heathub.equity.who.template import STRATUM_COLUMNS, read_upload

__all__ = ["ALL_MEASURES", "summary_measures"]

MEASURES: dict[str, Callable[[Stratum], Estimate | None]] = {
    "D": differences_ratios.difference,
    "R": differences_ratios.ratio,
    "ACI": regression.absolute_concentration,
    "RCI": regression.relative_concentration,
    "SII": regression.slope_index,
    "RII": regression.relative_index,
    "BGV": variance.between_group_variance,
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
    "TI": theil.theil_index,
    "MLD": theil.mean_log_deviation,
    "PAF": attributable.population_attributable_fraction,
    "PAR": attributable.population_attributable_risk,
}
OUTPUT_COLUMNS = [*STRATUM_COLUMNS, "measure", "estimate", "se", "ci_lb", "ci_ub"]


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
    rows: list[tuple[object, ...]] = []
    for key, stratum in upload.stratum_arrays(level[0].z):
        names = [m for m in applicable_measures(stratum) if m in wanted]
        if any(m in SIMULATED for m in names):
            stratum = _with_draws(stratum, simulations, seed, repr(key))
        for name in names:
            result = MEASURES[name](stratum)
            if result is not None:
                rows.append((*key, name, result.estimate, result.se, result.lower, result.upper))
    return pd.DataFrame(rows, columns=OUTPUT_COLUMNS).astype(
        {"estimate": float, "se": float, "ci_lb": float, "ci_ub": float}
    )


def _wanted(measures: Sequence[str] | None) -> set[str]:
    if measures is None:
        return set(ALL_MEASURES)
    chosen = [measures] if isinstance(measures, str) else list(measures)
    unknown = [m for m in chosen if m.upper() not in MEASURES]
    if unknown:
        raise EquityInputError(
            f"measures: unknown {', '.join(map(repr, unknown))}; choose from {', '.join(MEASURES)}"
        )
    return {m.upper() for m in chosen}


def _with_draws(s: Stratum, simulations: int, seed: int | None, label: str) -> Stratum:
    """The stratum with simulated estimates attached, when its standard errors allow them."""
    upper = PERCENT_SCALE if s.scale == PERCENT_SCALE else np.inf
    in_range = bool(np.all(s.estimate >= 0) and np.all(s.estimate <= upper))
    if not (s.has_se and in_range):
        return s
    rng = stratum_generator(seed, label)
    draws = truncated_draws(s.estimate, s.se, s.scale, simulations, rng)
    return dataclasses.replace(s, draws=draws)
