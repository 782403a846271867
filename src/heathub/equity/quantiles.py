"""Assigning areas to quantiles of a value within groups, deprivation-style (PHEindicatormethods
``phe_quantile``, following OHID's technical guide on assigning deprivation quintiles)."""

from collections.abc import Sequence

import numpy as np
import pandas as pd

from heathub.equity.errors import EquityInputError
from heathub.equity.validation import (
    fail,
    group_columns,
    require_columns,
    require_no_missing_keys,
)


def quantiles(
    df: pd.DataFrame,
    values: str,
    *,
    group_by: Sequence[str] | None = None,
    nquantiles: int = 10,
    invert: bool | str = True,
) -> pd.DataFrame:
    """Assign each row to a quantile of ``values`` within its group.

    Parameters
    ----------
    df
        One row per area (or other unit).
    values
        Column of numbers to rank by. A missing value gets no quantile, as in the package
        (Fingertips suppresses some values; the other areas are still assigned).
    group_by
        Columns whose combinations form the groups ranked separately (e.g. region); ``None``
        ranks the whole frame together.
    nquantiles
        How many quantiles: 10 for deciles, 5 for quintiles.
    invert
        ``True`` puts the highest values in quantile 1 (as for deprivation scores), ``False`` the
        lowest; or the name of a column of booleans, one value per group (e.g. an indicator's
        polarity).

    Returns
    -------
    pandas.DataFrame
        A copy of ``df`` with ``quantile`` (nullable integer, 1 to ``nquantiles``) added. A group
        with fewer non-missing values than ``nquantiles`` gets no quantiles at all: it is too
        small to divide (the package warns and leaves them missing).

    Raises
    ------
    EquityInputError
        A missing or non-numeric column, ``nquantiles`` below 1, an ``invert`` column that is not
        boolean or differs within a group, a missing grouping key.

    Notes
    -----
    Within a group of ``n`` values ranked from 1 (smallest, after inversion; ties share the
    lowest rank): ``quantile = floor(q + 1 - ceil((n + 1 - rank) / (n / q)))``, raised to 1 if 0,
    as PHEindicatormethods 2.0.0 ``phe_quantile``. Equal values may fall either side of a
    boundary; OHID advises reviewing such cases by hand.

    Examples
    --------
    >>> df = pd.DataFrame({"lsoa": list("ABCDEF"), "imd_score": [40, 35, 30, 20, 10, 5]})
    >>> quantiles(df, "imd_score", nquantiles=3)
      lsoa  imd_score  quantile
    0    A         40         1
    1    B         35         1
    2    C         30         2
    3    D         20         2
    4    E         10         3
    5    F          5         3
    """
    if isinstance(nquantiles, bool) or not isinstance(nquantiles, int) or nquantiles < 1:
        raise EquityInputError(f"nquantiles={nquantiles!r}: give a whole number of 1 or more")
    keys = group_columns(group_by)
    require_no_missing_keys(df, keys)
    require_columns(df, [values])
    if not pd.api.types.is_numeric_dtype(df[values]) or pd.api.types.is_bool_dtype(df[values]):
        raise EquityInputError(f"column {values!r}: values must be numbers")
    value = df[values].astype(float)
    inverted = _inverted_rows(df, invert, keys)

    # Group labels as one array, so every step is a single grouped (vectorised) operation.
    group = df.groupby(keys, sort=False, dropna=False).ngroup() if keys else pd.Series(0, df.index)
    # Inverting by subtracting from the group maximum keeps the ranks of the package.
    adjusted = value.where(~inverted, value.groupby(group).transform("max") - value)
    rank = adjusted.groupby(group).rank(method="min")
    count = value.groupby(group).transform("count")
    quantile = np.floor(
        (nquantiles + 1) - np.ceil(((count + 1) - rank) / (count / nquantiles))
    ).where(count >= nquantiles)
    out = df.copy()
    out["quantile"] = quantile.where(quantile != 0, 1).astype("Int64")
    return out


def _inverted_rows(df: pd.DataFrame, invert: bool | str, keys: list[str]) -> "pd.Series[bool]":
    """Whether each row's group is inverted, from a flag or from a column of booleans."""
    if isinstance(invert, bool):
        return pd.Series(invert, index=df.index)
    require_columns(df, [invert])
    flags = df[invert]
    if not pd.api.types.is_bool_dtype(flags):
        raise EquityInputError(f"column {invert!r}: invert must be True or False in every row")
    if keys:
        varies = flags.groupby([df[k] for k in keys], dropna=False).transform("nunique") > 1
    else:
        varies = pd.Series(flags.nunique() > 1, index=df.index)
    fail(df, invert, varies.to_numpy(), "invert must take one value within each group")
    return flags.astype(bool)
