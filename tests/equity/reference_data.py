"""Reading the PHEindicatormethods reference files from ../shared/data, and comparing with them.

The files stay outside the repo (their licence and size); tests that need them skip, naming the
missing folder, when it is absent.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
PHE_TESTDATA = SHARED_DATA / "phe-methods-testdata"

# The bar: relative error at most 1e-6, or absolute 1e-9 where the expected value is ~0.
RELATIVE_TOLERANCE = 1e-6
ABSOLUTE_TOLERANCE = 1e-9


def phe_csv(relative_path: str) -> pd.DataFrame:
    """A CSV from phe-methods-testdata, e.g. ``"xlsx-as-csv/testdata_Rate__testdata_Rate.csv"``.

    Only ``NA`` and empty cells are missing: a label such as ``None`` stays text.
    """
    path = PHE_TESTDATA / relative_path
    if not PHE_TESTDATA.is_dir():
        pytest.skip(f"reference data folder {PHE_TESTDATA} is absent")
    return pd.read_csv(path, keep_default_na=False, na_values=["NA", ""])


def worst_relative_error(actual: object, expected: object) -> float:
    """The largest relative difference, counting differences within the absolute tolerance as 0
    and requiring NaN exactly where the reference has NaN (returns inf otherwise)."""
    got = np.asarray(actual, dtype=float)
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape or not np.array_equal(np.isnan(got), np.isnan(want)):
        return float("inf")
    both = ~np.isnan(want)
    difference = np.abs(got[both] - want[both])
    scale = np.abs(want[both])
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(difference <= ABSOLUTE_TOLERANCE, 0.0, difference / scale)
    return float(relative.max()) if relative.size else 0.0


def assert_matches(actual: pd.DataFrame, expected: pd.DataFrame, columns: list[str]) -> None:
    """Each column agrees with the reference within the issue's tolerance, NaN for NaN."""
    for column in columns:
        error = worst_relative_error(actual[column], expected[column])
        assert error <= RELATIVE_TOLERANCE, f"{column}: worst relative error {error:.3g}"
