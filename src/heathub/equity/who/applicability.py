"""Which summary measures apply to a stratum (HEAT Plus technical notes, Table 1).

- Every stratum with two or more subgroups: D, R, PAF, PAR.
- Ordered dimensions with more than two subgroups: also ACI, RCI, SII, RII.
- Non-ordered dimensions with more than two subgroups: also BGV, BGSD, COV, IDISU, IDISW, MDBU,
  MDBW, MDMU, MDMW, TI, MLD; and MDRU, MDRW when a reference subgroup is flagged.

A measure is left out, never computed wrongly, when its inputs cannot support it: the weighted
measures (and all that use the setting average μ) need every subgroup's population; R needs a
non-zero denominator; the measures divided by μ need μ ≠ 0; TI and MLD need no negative
estimate; SII and RII need estimates within [0, scale] (their logistic model counts successes).
"""

import numpy as np

from heathub.equity.who.differences_ratios import compared_pair
from heathub.equity.who.stratum import Stratum

ALL_MEASURES = (
    "D", "R", "ACI", "RCI", "SII", "RII", "BGV", "BGSD", "COV", "MDBU", "MDBW",
    "MDMU", "MDMW", "MDRU", "MDRW", "IDISU", "IDISW", "TI", "MLD", "PAF", "PAR",
)  # fmt: skip
ORDERED_ONLY = ("ACI", "RCI", "SII", "RII")
NON_ORDERED_ONLY = ("BGV", "BGSD", "COV", "MDBU", "MDBW", "MDMU", "MDMW", "MDRU", "MDRW",
                    "IDISU", "IDISW", "TI", "MLD")  # fmt: skip
NEED_REFERENCE = ("MDRU", "MDRW")
# Measures that use population shares or the (population-weighted) setting average.
NEED_POPULATION = ("ACI", "RCI", "SII", "RII", "BGV", "BGSD", "COV", "MDBW", "MDMU", "MDMW",
                   "MDRW", "IDISU", "IDISW", "TI", "MLD", "PAF", "PAR")  # fmt: skip
DIVIDED_BY_MEAN = ("RCI", "COV", "IDISU", "IDISW", "TI", "MLD", "PAF")
# Measures whose intervals HEAT simulates.
SIMULATED = ("BGSD", "COV", "MDBU", "MDBW", "MDMU", "MDMW", "MDRU", "MDRW", "IDISU", "IDISW")


def applicable_measures(s: Stratum) -> list[str]:
    """The measures that apply to ``s``, in HEAT's order.

    Examples
    --------
    >>> s = Stratum(np.array([20.0, 30, 40]), np.full(3, np.nan), np.array([1.0, 1, 1]),
    ...             np.arange(1.0, 4), None, True, True, 100.0, 1.96)
    >>> applicable_measures(s)
    ['D', 'R', 'ACI', 'RCI', 'SII', 'RII', 'PAF', 'PAR']
    """
    if s.size < 2:
        return []
    out = []
    for measure in ALL_MEASURES:
        if measure in ORDERED_ONLY and not (s.ordered and s.size > 2):
            continue
        if measure in NON_ORDERED_ONLY and (s.ordered or s.size <= 2):
            continue
        if measure in NEED_REFERENCE and s.reference is None:
            continue
        if _unsupported(s, measure):
            continue
        out.append(measure)
    return out


def _unsupported(s: Stratum, measure: str) -> bool:
    if measure in NEED_POPULATION and (s.population is None or s.population.sum() <= 0):
        return True
    if measure == "R" and s.estimate[compared_pair(s)[1]] == 0:
        return True
    if measure in DIVIDED_BY_MEAN and s.mean == 0:
        return True
    if measure in ("TI", "MLD") and bool(np.any(s.estimate < 0)):
        return True
    return measure in ("SII", "RII") and bool(
        np.any(s.estimate < 0) or np.any(s.estimate > s.scale)
    )
