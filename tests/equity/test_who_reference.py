"""WHO summary measures against healthequal's own test expectations (WHOequity/healthequal
tests/testthat, collected in oracle_healthequal_expected.csv), and the analytic standard errors
against numerical differentiation.

Scale: where healthequal and the HEAT technical notes differ we follow the notes, and convert the
reference before comparing: RCI and its se x 100; SII's se x scale (healthequal gives it on the
0-1 scale); PAF's se x 100 (healthequal gives the fraction). healthequal's own tests compare at
1e-6 for this case; healthequal computes SII/RII standard errors by finite differences
(marginaleffects), so those are compared at 1e-5.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from heathub.equity.who import summary_measures
from heathub.equity.who.stratum import Stratum
from heathub.equity.who.theil import mean_log_deviation, theil_index

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
WHO = DATA / "who-heat"
ESTIMATE_RTOL = 1e-6
SE_RTOL = 1e-5
# reference measure name -> (ours, factor turning the reference's se into ours)
ORDERED5 = {
    "aci": ("ACI", 1.0, 1.0),
    "rci": ("RCI", 100.0, 100.0),
    "sii": ("SII", 1.0, 100.0),
    "rii": ("RII", 1.0, 1.0),
    "paf": ("PAF", 1.0, 100.0),
    "parisk": ("PAR", 1.0, 1.0),
}
NEEDS_R = (
    "inputs are drawn with R's random number generator (set.seed(123); rnorm, rbinom, sample), "
    "which is not available here"
)


def _read(name: str) -> pd.DataFrame:
    path = WHO / name
    if not path.exists():
        pytest.skip(f"reference data not found: {WHO} (the shared data folder)")
    return pd.read_csv(path)


def _ordered5_upload() -> pd.DataFrame:
    inputs = _read("oracle_healthequal_ordered5_inputs.csv")
    return inputs.assign(
        setting="test",
        date=2024,
        indicator_abbr="x",
        dimension="quintile",
        subgroup=[f"Q{i}" for i in inputs["subgroup_order"]],
    )


@pytest.mark.parametrize("measure", list(ORDERED5))
def test_ordered5_matches_healthequal(measure: str) -> None:
    expected = _read("oracle_healthequal_expected.csv")
    row = expected[(expected["case"] == "ordered5") & (expected["measure"] == measure)].iloc[0]
    ours, estimate_factor, se_factor = ORDERED5[measure]
    out = summary_measures(_ordered5_upload()).set_index("measure").loc[ours]
    assert out["estimate"] == pytest.approx(row["estimate"] * estimate_factor, rel=ESTIMATE_RTOL)
    assert out["se"] == pytest.approx(row["se"] * se_factor, rel=SE_RTOL)
    if measure in ("rci", "sii", "rii", "parisk"):  # references whose interval uses the same se
        # healthequal's own expected PAR limits disagree with its se at 2e-5; it tests PAR at 1e-2
        rel = 1e-2 if measure == "parisk" else SE_RTOL
        assert out["ci_lb"] == pytest.approx(row["lowerci"] * estimate_factor, rel=rel)
        assert out["ci_ub"] == pytest.approx(row["upperci"] * estimate_factor, rel=rel)


def test_nonordered_references_need_r() -> None:
    expected = _read("oracle_healthequal_expected.csv")
    assert (expected["case"] == "nonordered25_Rseed123").sum() == 14
    pytest.skip(NEEDS_R)


def _stratum(estimate: np.ndarray, se: np.ndarray, population: np.ndarray) -> Stratum:
    return Stratum(
        estimate=estimate,
        se=se,
        population=population,
        order=np.arange(1.0, len(estimate) + 1),
        reference=None,
        favourable=True,
        ordered=False,
        scale=100.0,
        z=1.959963984540054,
    )


def _delta_se(function: object, s: Stratum, log: bool = False) -> float:
    """sqrt(Σ (∂f/∂y_j · se_j)²) by central differences."""
    gradient = []
    for j in range(s.size):
        step = 1e-6 * max(1.0, abs(s.estimate[j]))
        values = []
        for sign in (1, -1):
            shifted = s.estimate.copy()
            shifted[j] += sign * step
            value = function(_stratum(shifted, s.se, s.population)).estimate  # type: ignore[operator]
            values.append(np.log(value) if log else value)
        gradient.append((values[0] - values[1]) / (2 * step))
    return float(np.sqrt(np.sum((np.array(gradient) * s.se) ** 2)))


@pytest.mark.parametrize("function", [theil_index, mean_log_deviation])
def test_theil_and_mld_standard_errors_are_the_delta_method(function: object) -> None:
    nonordered = _read("healthequal_NonorderedSample.csv")
    s = _stratum(
        nonordered["estimate"].to_numpy(float),
        np.maximum(nonordered["se"].to_numpy(float), 0.1),
        nonordered["population"].to_numpy(float),
    )
    result = function(s)  # type: ignore[operator]
    assert result.se == pytest.approx(_delta_se(function, s), rel=1e-5)


def test_difference_and_ratio_standard_errors_are_the_delta_method() -> None:
    from heathub.equity.who.differences_ratios import difference, ratio

    s = _stratum(np.array([40.0, 55.0, 70.0]), np.array([2.0, 3.0, 1.5]), np.ones(3))
    assert difference(s).se == pytest.approx(_delta_se(difference, s), rel=1e-5)
    assert ratio(s).se == pytest.approx(_delta_se(ratio, s, log=True), rel=1e-5)


def test_sii_point_estimate_is_the_fitted_logistic_difference() -> None:
    """SII from our IRLS agrees with a direct maximisation of the weighted log-likelihood."""
    from scipy.optimize import minimize
    from scipy.special import expit

    upload = _ordered5_upload()
    population = upload["population"].to_numpy(float)
    share = population / population.sum()
    rank = np.cumsum(share) - share / 2
    trials = np.ceil(population)
    p = np.round(upload["estimate"].to_numpy(float) / 100 * trials) / trials

    def negative_log_likelihood(beta: np.ndarray) -> float:
        mu = expit(beta[0] + beta[1] * rank)
        return float(-np.sum(population * trials * (p * np.log(mu) + (1 - p) * np.log(1 - mu))))

    beta = minimize(negative_log_likelihood, np.zeros(2), method="BFGS", tol=1e-12).x
    direct = 100 * (expit(beta[0] + beta[1]) - expit(beta[0]))
    ours = summary_measures(upload, ["SII"])["estimate"].iloc[0]
    assert ours == pytest.approx(direct, rel=1e-6)
