"""Grouped sums for the summarising measures (dsr, isr, mean): one pandas groupby over whole
columns, never a Python loop over groups. Groups come out sorted by their keys, as dplyr's
``summarise`` returns them."""

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

# Prefix for the summed arrays, so a grouping column called "x" or "value" cannot collide.
_PREFIX = "\x00"


def group_sums(
    frame: pd.DataFrame, keys: Sequence[str], values: Mapping[str, "np.ndarray"]
) -> tuple[pd.DataFrame, dict[str, "np.ndarray"]]:
    """Sum each array within the groups of ``frame[keys]``.

    Returns the group keys (one row per group, sorted; an empty frame with one row when there are
    no keys) and the sums as arrays aligned with those rows.

    Examples
    --------
    >>> frame = pd.DataFrame({"area": ["b", "a", "b"]})
    >>> groups, sums = group_sums(frame, ["area"], {"x": np.array([1.0, 2.0, 3.0])})
    >>> groups["area"].tolist(), sums["x"].tolist()
    (['a', 'b'], [2.0, 4.0])
    """
    data = pd.DataFrame(
        {_PREFIX + name: array for name, array in values.items()}, index=frame.index
    )
    if not keys:
        summed = data.sum().to_frame().T
        groups = pd.DataFrame(index=pd.RangeIndex(1))
    else:
        data = pd.concat([frame[list(keys)], data], axis=1)
        summed = data.groupby(list(keys), sort=True, dropna=False, observed=True).sum()
        groups = summed.index.to_frame(index=False)
        summed = summed.reset_index(drop=True)
    return groups, {name: summed[_PREFIX + name].to_numpy(dtype=float) for name in values}


def group_codes(frame: pd.DataFrame, keys: Sequence[str]) -> tuple["np.ndarray", pd.DataFrame]:
    """Number each row's group 0, 1, ... in sorted key order; also return the keys of each group.

    Examples
    --------
    >>> codes, groups = group_codes(pd.DataFrame({"area": ["b", "a", "b"]}), ["area"])
    >>> codes.tolist(), groups["area"].tolist()
    ([1, 0, 1], ['a', 'b'])
    """
    if not keys:
        return np.zeros(len(frame), dtype=np.intp), pd.DataFrame(index=pd.RangeIndex(1))
    grouped = frame.groupby(list(keys), sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy(dtype=np.intp)
    groups = grouped.size().index.to_frame(index=False)
    return codes, groups
