"""Input checks shared by the equity functions. Each raises :class:`EquityInputError` naming the
column and the first offending rows (by the DataFrame's index labels), so a caller reading a file
can point the user at the exact cells."""

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from heathub.equity.errors import EquityInputError

# Enough rows to find the pattern in a bad file without flooding a terminal.
ROWS_SHOWN = 5


def describe_rows(frame: pd.DataFrame, mask: "pd.Series[bool] | np.ndarray") -> str:
    """The first offending index labels, e.g. ``rows 3, 7 (and 12 more)``.

    Examples
    --------
    >>> frame = pd.DataFrame({"x": [1, -1, -2]})
    >>> describe_rows(frame, frame["x"] < 0)
    'rows 1, 2'
    """
    labels = frame.index[np.asarray(mask, dtype=bool)]
    shown = ", ".join(str(label) for label in labels[:ROWS_SHOWN])
    more = f" (and {len(labels) - ROWS_SHOWN} more)" if len(labels) > ROWS_SHOWN else ""
    return f"row{'s' if len(labels) > 1 else ''} {shown}{more}"


def fail(
    frame: pd.DataFrame, column: str, mask: "pd.Series[bool] | np.ndarray", problem: str
) -> None:
    """Raise :class:`EquityInputError` if ``mask`` marks any row of ``frame``."""
    if np.asarray(mask, dtype=bool).any():
        raise EquityInputError(f"column {column!r}: {problem} ({describe_rows(frame, mask)})")


def require_columns(frame: pd.DataFrame, columns: Iterable[str]) -> None:
    """Every column named is in ``frame``.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"deaths": [1]}), ["deaths", "population"])
    Traceback (most recent call last):
    ...
    heathub.equity.errors.EquityInputError: column 'population' is missing (columns are: 'deaths')
    """
    present = ", ".join(repr(str(c)) for c in frame.columns)
    for column in columns:
        if column not in frame.columns:
            raise EquityInputError(f"column {column!r} is missing (columns are: {present})")


def group_columns(group_by: Sequence[str] | str | None) -> list[str]:
    """``group_by`` as a list: ``None`` is the whole frame as one group, a string is one column."""
    if group_by is None:
        return []
    return [group_by] if isinstance(group_by, str) else list(group_by)


def numeric_column(frame: pd.DataFrame, column: str) -> "np.ndarray":
    """The column as float64, refusing text and missing values.

    Examples
    --------
    >>> numeric_column(pd.DataFrame({"x": [1.0, None]}), "x")
    Traceback (most recent call last):
    ...
    heathub.equity.errors.EquityInputError: column 'x': missing value (row 1)
    """
    require_columns(frame, [column])
    series = frame[column]
    if not (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)):
        as_number = pd.to_numeric(series, errors="coerce")
        fail(frame, column, as_number.isna() & series.notna(), "not a number")
        series = as_number
    values = series.to_numpy(dtype=float, na_value=np.nan)
    fail(frame, column, np.isnan(values), "missing value")
    fail(frame, column, np.isinf(values), "infinite value")
    return values


def count_column(frame: pd.DataFrame, column: str) -> "np.ndarray":
    """A column of counts: whole numbers, zero or more."""
    values = numeric_column(frame, column)
    fail(frame, column, values < 0, "negative count")
    fail(frame, column, values != np.floor(values), "count is not a whole number")
    return values


def non_negative_column(frame: pd.DataFrame, column: str) -> "np.ndarray":
    """A column of numbers that are zero or more."""
    values = numeric_column(frame, column)
    fail(frame, column, values < 0, "negative value")
    return values


def positive_column(frame: pd.DataFrame, column: str) -> "np.ndarray":
    """A column of numbers above zero (denominators)."""
    values = numeric_column(frame, column)
    fail(frame, column, values <= 0, "must be greater than zero")
    return values


def require_no_missing_keys(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    """Grouping columns exist and have no missing values (a missing key would silently merge)."""
    require_columns(frame, columns)
    for column in columns:
        fail(frame, column, frame[column].isna().to_numpy(), "missing value in a grouping column")
