"""Which summary measures apply to each stratum (HEAT Plus technical notes, Table 1).

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
from heathub.equity.who.strata import BoolArray, Strata

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


def applicable_measures(s: Strata) -> dict[str, BoolArray]:
    """For each measure, in HEAT's order, which strata of ``s`` it applies to.

    Examples
    --------
    >>> s = Strata.one([20.0, 30, 40], population=[1.0, 1, 1], ordered=True)
    >>> [name for name, applies in applicable_measures(s).items() if applies[0]]
    ['D', 'R', 'ACI', 'RCI', 'SII', 'RII', 'PAF', 'PAR']
    """
    several = s.size >= 2
    many = s.size > 2
    no_negative = (s.estimate >= 0).all(axis=1)
    within_scale = no_negative & (s.estimate <= s.scale[:, None]).all(axis=1)
    mean_nonzero = s.has_population & (np.where(s.has_population, s.mean, 0) != 0)
    denominator_nonzero = s.at(compared_pair(s)[1]) != 0
    out: dict[str, BoolArray] = {}
    for measure in ALL_MEASURES:
        applies = np.full(s.count, several)
        if measure in ORDERED_ONLY:
            applies &= s.ordered & many
        if measure in NON_ORDERED_ONLY:
            applies &= ~s.ordered & many
        if measure in NEED_REFERENCE:
            applies &= s.reference >= 0
        if measure in NEED_POPULATION:
            applies &= s.has_population
        if measure in DIVIDED_BY_MEAN:
            applies &= mean_nonzero
        if measure == "R":
            applies &= denominator_nonzero
        if measure in ("TI", "MLD"):
            applies &= no_negative
        if measure in ("SII", "RII"):
            applies &= within_scale
        out[measure] = applies
    return out
