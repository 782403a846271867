"""WHO summary measures against healthequal's own test expectations (WHOequity/healthequal
tests/testthat, collected in oracle_healthequal_expected.csv), and the analytic standard errors
against numerical differentiation.

Scale: where healthequal and the HEAT technical notes differ we follow the notes, and convert the
reference before comparing: RCI and its se x 100; SII's se x scale (healthequal gives it on the
0-1 scale); PAF's se x 100 (healthequal gives the fraction); TI and MLD's se x 1000.
healthequal's own tests compare the ordered case at 1e-6 (here: estimates 1e-6, standard errors
1e-5, as healthequal takes SII/RII's by finite differences) and the non-ordered case at 1e-4.
"""

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.special import ndtri

from heathub.equity.who import summary_measures
from heathub.equity.who.strata import Strata
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


class RRandom:
    """R's default random numbers (R >= 3.6: Mersenne-Twister, inversion normals, rejection
    sampling), to rebuild the inputs healthequal's non-ordered tests draw with ``set.seed(123)``.

    Written from the published algorithms: R's documented seeding (50 scrambling steps of the
    LCG 69069·s + 1, then 625 more filling the state), the Mersenne Twister (Matsumoto &
    Nishimura 1998, here numpy's MT19937 given that state), normals by inversion of
    2^27-resolution uniforms, binomials by inversion (mean < 30) and BTPE (Kachitvichyanukul &
    Schmeiser 1988), and ``sample`` by rejection from the next power of two. Checked by
    reproducing R's ``set.seed(123); rnorm(5)``.
    """

    def __init__(self, seed: int) -> None:
        state = seed & 0xFFFFFFFF
        words = []
        for step in range(50 + 625):
            state = (69069 * state + 1) & 0xFFFFFFFF
            if step >= 50:
                words.append(state)
        self.bits = np.random.MT19937()
        key = np.array(words[1:], dtype=np.uint32)  # words[0] is R's position slot
        self.bits.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": 624}}

    def unif(self) -> float:
        u = int(self.bits.random_raw()) * 2.3283064365386963e-10
        return min(max(u, 0.5 * 2.328306437080797e-10), 1 - 0.5 * 2.328306437080797e-10)

    def rnorm(self, n: int, mean: float, sd: float) -> np.ndarray:
        big = 134217728  # 2**27
        out = []
        for _ in range(n):
            u = int(big * self.unif()) + self.unif()
            out.append(mean + sd * float(ndtri(u / big)))
        return np.array(out)

    def rbinom(self, n: int, size: int, prob: float) -> np.ndarray:
        return np.array([self._binomial(size, prob) for _ in range(n)], dtype=float)

    def sample_index(self, n: int) -> int:
        bits = math.ceil(math.log2(n))
        while True:
            value = 0
            for _ in range(0, bits + 1, 16):
                value = 65536 * value + math.floor(self.unif() * 65536)
            value &= (1 << bits) - 1
            if value < n:
                return value

    def _binomial(self, n: int, prob: float) -> int:
        p = min(prob, 1 - prob)
        q = 1 - p
        draw = self._inversion(n, p, q) if n * p < 30 else self._btpe(n, p, q)
        return n - draw if prob > 0.5 else draw

    def _inversion(self, n: int, p: float, q: float) -> int:
        r = p / q
        g = r * (n + 1)
        while True:
            x, f, u = 0, q**n, self.unif()
            while x <= 110:
                if u < f:
                    return x
                u -= f
                x += 1
                f *= g / x - r

    def _btpe(self, n: int, p: float, q: float) -> int:
        r, mean = p / q, n * p
        g = r * (n + 1)
        fm = mean + p
        m = int(fm)
        npq = mean * q
        p1 = int(2.195 * math.sqrt(npq) - 4.6 * q) + 0.5
        xm = m + 0.5
        xl, xr = xm - p1, xm + p1
        c = 0.134 + 20.5 / (15.3 + m)
        a = (fm - xl) / (fm - xl * p)
        lambda_l = a * (1 + 0.5 * a)
        a = (xr - fm) / (xr * q)
        lambda_r = a * (1 + 0.5 * a)
        p2 = p1 * (1 + 2 * c)
        p3 = p2 + c / lambda_l
        p4 = p3 + c / lambda_r
        while True:
            u, v = self.unif() * p4, self.unif()
            if u <= p1:
                return int(xm - p1 * v + u)
            if u <= p2:
                x = xl + (u - p1) / c
                v = v * c + 1 - abs(xm - x) / p1
                if v > 1 or v <= 0:
                    continue
                y = int(x)
            elif u > p3:
                y = int(xr - math.log(v) / lambda_r)
                if y > n:
                    continue
                v *= (u - p3) * lambda_r
            else:
                y = int(xl + math.log(v) / lambda_l)
                if y < 0:
                    continue
                v *= (u - p2) * lambda_l
            if self._accept(y, v, n, p, q, m, fm, npq, xm, g, r):
                return y

    @staticmethod
    def _accept(
        y: int, v: float, n: int, p: float, q: float, m: int, fm: float, npq: float,
        xm: float, g: float, r: float,
    ) -> bool:  # fmt: skip
        k = abs(y - m)
        if k <= 20 or k >= npq / 2 - 1:
            f = 1.0
            for i in range(m + 1, y + 1):
                f *= g / i - r
            for i in range(y + 1, m + 1):
                f /= g / i - r
            return v <= f
        amaxp = (k / npq) * ((k * (k / 3 + 0.625) + 0.1666666666666) / npq + 0.5)
        ynorm = -k * k / (2 * npq)
        log_v = math.log(v)
        if log_v < ynorm - amaxp:
            return True
        if log_v > ynorm + amaxp:
            return False

        def stirling(x: float) -> float:
            x2 = x * x
            return (13860 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x / 166320

        x1, f1, z, w = y + 1, fm + 1, n + 1 - fm, n - y + 1
        bound = (
            xm * math.log(f1 / x1)
            + (n - m + 0.5) * math.log(z / w)
            + (y - m) * math.log(w * p / (x1 * q))
            + stirling(f1) + stirling(z) + stirling(x1) + stirling(w)
        )  # fmt: skip
        return log_v <= bound


def test_r_random_reproduces_r() -> None:
    # R 4.x: set.seed(123); rnorm(5)
    expected = [-0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774]
    assert RRandom(123).rnorm(5, 0, 1) == pytest.approx(expected, abs=1e-8)


def _nonordered25_upload() -> pd.DataFrame:
    """healthequal's non-ordered test input: set.seed(123); pop <- round(rnorm(25, 1000, 300));
    est <- rbinom(25, 1000, .065); se <- rbinom(25, 100, .045); ref[sample(25, 1)] <- 1."""
    r = RRandom(123)
    population = np.round(r.rnorm(25, 1000, 300))
    estimate = r.rbinom(25, 1000, 0.065)
    se = r.rbinom(25, 100, 0.045)
    reference = r.sample_index(25)
    return pd.DataFrame(
        {
            "setting": "test", "date": 2024, "indicator_abbr": "x", "dimension": "region",
            "subgroup": [f"r{i:02d}" for i in range(25)], "estimate": estimate, "se": se,
            "population": population, "favourable_indicator": 1, "indicator_scale": 100,
            "ordered_dimension": 0, "subgroup_order": 0,
            "reference_subgroup": [int(i == reference) for i in range(25)],
        }
    )  # fmt: skip


# reference measure -> (ours, factor turning the reference's se into ours); TI and MLD's se are
# x 1000 and PAF's x 100 here (see the module docstring of heathub.equity.who.theil/attributable)
NONORDERED25 = {
    "bgv": ("BGV", 1.0), "bgsd": ("BGSD", None), "idisu": ("IDISU", None),
    "idisw": ("IDISW", None), "mdbu": ("MDBU", None), "mdbw": ("MDBW", None),
    "mdmu": ("MDMU", None), "mdmw": ("MDMW", None), "mdru": ("MDRU", None),
    "mdrw": ("MDRW", None), "mld": ("MLD", 1000.0), "ti": ("TI", 1000.0),
    "paf": ("PAF", 100.0), "parisk": ("PAR", 1.0),
}  # fmt: skip


@pytest.mark.parametrize("measure", list(NONORDERED25))
def test_nonordered25_matches_healthequal(measure: str) -> None:
    expected = _read("oracle_healthequal_expected.csv")
    case = expected[(expected["case"] == "nonordered25_Rseed123")]
    row = case[case["measure"] == measure].iloc[0]
    ours, se_factor = NONORDERED25[measure]
    upload = _nonordered25_upload()
    if measure in ("paf", "parisk"):
        # healthequal's paf/parisk take no reference subgroup (they always compare with the best
        # subgroup); HEAT Plus uses a flagged reference, so compare on the input without one
        upload["reference_subgroup"] = 0
    out = summary_measures(upload).set_index("measure").loc[ours]
    # healthequal's own tests compare these at 1e-4 (its `tolerance` column)
    assert out["estimate"] == pytest.approx(row["estimate"], rel=row["tolerance"])
    if se_factor is not None:
        assert out["se"] == pytest.approx(row["se"] * se_factor, rel=row["tolerance"])
    if measure == "parisk":
        assert out["ci_lb"] == pytest.approx(row["lowerci"], rel=row["tolerance"])
        assert out["ci_ub"] == pytest.approx(row["upperci"], rel=row["tolerance"])


def _stratum(estimate: np.ndarray, se: np.ndarray, population: np.ndarray) -> Strata:
    return Strata.one(list(estimate), se=list(se), population=list(population))


def _delta_se(function: object, s: Strata, log: bool = False) -> float:
    """sqrt(Σ (∂f/∂y_j · se_j)²) by central differences."""
    estimate, se, population = s.estimate[0], s.se[0], s.population[0]
    gradient = []
    for j in range(s.size):
        step = 1e-6 * max(1.0, abs(estimate[j]))
        values = []
        for sign in (1, -1):
            shifted = estimate.copy()
            shifted[j] += sign * step
            result = function(_stratum(shifted, se, population))  # type: ignore[operator]
            value = result.estimate[0]
            values.append(np.log(value) if log else value)
        gradient.append((values[0] - values[1]) / (2 * step))
    return float(np.sqrt(np.sum((np.array(gradient) * se) ** 2)))


@pytest.mark.parametrize("function", [theil_index, mean_log_deviation])
def test_theil_and_mld_standard_errors_are_the_delta_method(function: object) -> None:
    nonordered = _read("healthequal_NonorderedSample.csv")
    s = _stratum(
        nonordered["estimate"].to_numpy(float),
        np.maximum(nonordered["se"].to_numpy(float), 0.1),
        nonordered["population"].to_numpy(float),
    )
    result = function(s)  # type: ignore[operator]
    assert result.se[0] == pytest.approx(_delta_se(function, s), rel=1e-5)


def test_difference_and_ratio_standard_errors_are_the_delta_method() -> None:
    from heathub.equity.who.differences_ratios import difference, ratio

    s = _stratum(np.array([40.0, 55.0, 70.0]), np.array([2.0, 3.0, 1.5]), np.ones(3))
    assert difference(s).se[0] == pytest.approx(_delta_se(difference, s), rel=1e-5)
    assert ratio(s).se[0] == pytest.approx(_delta_se(ratio, s, log=True), rel=1e-5)


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
