"""Directly standardised rates with Dobson confidence intervals (PHEindicatormethods
``phe_dsr``)."""

from collections.abc import Sequence

import numpy as np
import pandas as pd

from heathub.equity.confidence import parse_confidence
from heathub.equity.errors import EquityInputError
from heathub.equity.grouping import group_sums
from heathub.equity.poisson_limits import byars_lower, byars_upper
from heathub.equity.standard_populations import STANDARD_POPULATIONS
from heathub.equity.validation import (
    count_column,
    fail,
    group_columns,
    non_negative_column,
    positive_column,
    require_columns,
    require_no_missing_keys,
)

# OHID does not publish a DSR, nor its limits, from fewer than 10 events.
SUPPRESS_BELOW = 10


def dsr(
    df: pd.DataFrame,
    x: str,
    n: str,
    *,
    stdpop: str,
    age_band: str | None = None,
    group_by: Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
) -> pd.DataFrame:
    """Directly standardised rate per group, with Dobson confidence limits.

    Parameters
    ----------
    df
        One row per age band (or other stratum) per group.
    x
        Column of event counts: whole numbers, zero or more.
    n
        Column of populations: greater than zero.
    stdpop
        Either the name of a column holding each row's standard-population weight (any number of
        rows per group), or ``"esp2013"`` with ``age_band`` naming the column of European Standard
        Population 2013 band labels (``0-4``, ``5-9``, ..., ``85-89``, ``90+``): weights are matched
        on the label, so row order never matters.
    age_band
        Column of band labels; give it only with a named standard population.
    group_by
        Columns whose combinations form the groups; ``None`` gives one row for the whole frame.
    confidence
        One level, giving ``lowercl``/``uppercl``, or a pair such as ``(0.95, 0.998)``.
    multiplier
        Rate per this many of the standard population (100,000 by default).

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted): the group columns, ``total_count``, ``total_pop``, ``value``
        and the limit columns. ``value`` and limits are NaN when ``total_count`` is below 10, as
        OHID suppresses them.

    Raises
    ------
    EquityInputError
        A missing column; a missing, negative or fractional count; a population of zero or less;
        a negative weight; with ``"esp2013"``, a band that is unknown, repeated in a group or
        missing from a group.

    Notes
    -----
    With weights ``w``: ``DSR = Σ(w x / n) / Σw``. Dobson's limits put Byar's limits ``O_L, O_U``
    for the total count ``O`` on the DSR's scale: ``DSR + √(var / O) (O_L - O)`` with
    ``var = Σ(w² x / n²) / (Σw)²``, as PHEindicatormethods 2.0.0 ``phe_dsr`` for independent
    events (the non-independent-events form is not implemented).

    Examples
    --------
    >>> df = pd.DataFrame({
    ...     "band": list(STANDARD_POPULATIONS["esp2013"]),
    ...     "deaths": [1, 0, 0, 1, 1, 2, 3, 4, 6, 9, 14, 21, 30, 45, 66, 90, 120, 150, 160],
    ...     "population": [5000] * 19,
    ... })
    >>> dsr(df, "deaths", "population", stdpop="esp2013", age_band="band").round(2)
       total_count  total_pop  value  lowercl  uppercl
    0          723    95000.0  443.6   405.94   483.39
    """
    levels = parse_confidence(confidence)
    keys = group_columns(group_by)
    require_no_missing_keys(df, keys)
    events = count_column(df, x)
    population = positive_column(df, n)
    weights = _standard_weights(df, stdpop, age_band, keys)
    groups, sums = group_sums(
        df,
        keys,
        {
            "count": events,
            "pop": population,
            "weight": weights,
            "standardised": weights * events / population,
            "variance": weights**2 * events / population**2,
        },
    )
    total = sums["count"]
    value = sums["standardised"] / sums["weight"]
    variance = sums["variance"] / sums["weight"] ** 2
    shown = total >= SUPPRESS_BELOW
    out = groups.copy()
    out["total_count"] = total.astype(np.int64)
    out["total_pop"] = sums["pop"]
    out["value"] = np.where(shown, value * multiplier, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.sqrt(variance / total)
        for level in levels:
            lower = value + scale * (byars_lower(total, level) - total)
            upper = value + scale * (byars_upper(total, level) - total)
            out[level.lower_column] = np.where(shown, lower * multiplier, np.nan)
            out[level.upper_column] = np.where(shown, upper * multiplier, np.nan)
    return out


def _standard_weights(
    df: pd.DataFrame, stdpop: str, age_band: str | None, keys: list[str]
) -> "np.ndarray":
    """Each row's standard-population weight, from a column or matched on band labels."""
    if age_band is None:
        if stdpop not in df.columns and stdpop in STANDARD_POPULATIONS:
            raise EquityInputError(
                f"stdpop={stdpop!r} needs age_band= naming the column of its age-band labels"
            )
        return non_negative_column(df, stdpop)
    if stdpop not in STANDARD_POPULATIONS:
        known = ", ".join(repr(name) for name in STANDARD_POPULATIONS)
        raise EquityInputError(f"stdpop={stdpop!r} is not a known standard population ({known})")
    standard = STANDARD_POPULATIONS[stdpop]
    require_columns(df, [age_band])
    # "0 - 4" and "0-4" are the same band; only spacing is forgiven, never a different band.
    labels = df[age_band].astype("string").str.replace(r"\s+", "", regex=True)
    weights = labels.map(standard).to_numpy(dtype=float, na_value=np.nan)
    fail(df, age_band, np.isnan(weights), f"not a {stdpop} age band ({', '.join(standard)})")
    fail(
        df,
        age_band,
        pd.concat([df[keys], labels], axis=1).duplicated(keep=False).to_numpy(),
        "age band repeated within a group",
    )
    # Unknown and repeated bands are refused above, so a group of the wrong size lacks some.
    sizes = labels.groupby([df[k] for k in keys] if keys else np.zeros(len(df)), dropna=False)
    band_count = sizes.transform("size").to_numpy()
    fail(
        df,
        age_band,
        band_count != len(standard),
        f"group lacks some of the {len(standard)} {stdpop} age bands",
    )
    return weights
