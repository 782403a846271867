"""Byar's and Wilson limits against the package's testdata_Byars_Wilson sheet."""

import numpy as np
import pytest

from heathub.equity.confidence import parse_confidence
from heathub.equity.poisson_limits import byars_lower, byars_upper
from heathub.equity.proportion import wilson_lower, wilson_upper
from tests.equity.reference_data import RELATIVE_TOLERANCE, phe_csv, worst_relative_error


@pytest.mark.parametrize("method", ["Byars", "Wilson"])
def test_limits_match_testdata_byars_wilson(method: str) -> None:
    reference = phe_csv("xlsx-as-csv/testdata_Byars_Wilson__testdata_B_W.csv")
    for label, expected in reference[reference["method"] == method].groupby("confidence"):
        (level,) = parse_confidence(float(str(label).rstrip("%")) / 100)
        x = expected["x"].to_numpy(dtype=float)
        n = expected["n"].to_numpy(dtype=float)
        if method == "Byars":
            lower, upper = byars_lower(x, level), byars_upper(x, level)
        else:
            lower, upper = wilson_lower(x, n, level), wilson_upper(x, n, level)
        assert worst_relative_error(lower, expected["lowercl"]) <= RELATIVE_TOLERANCE
        assert worst_relative_error(upper, expected["uppercl"]) <= RELATIVE_TOLERANCE


def test_byars_lower_is_missing_where_it_would_be_negative() -> None:
    # The sheet's last row: x = 1 at 99.8% has no Byar's lower limit (the package gives NA).
    (level,) = parse_confidence(0.998)
    assert np.isnan(byars_lower(np.array([1.0]), level)[0])
