"""Regression-based measures for ordered dimensions: slope and relative index of inequality
(SII, RII) and absolute and relative concentration index (ACI, RCI), on aggregated data.

Subgroups are ranked from the most disadvantaged (``subgroup_order`` 1, rank near 0) to the most
advantaged (rank near 1) by the mid-point of their cumulative population share.

SII and RII come from a logistic model, as HEAT and healthequal fit it: a quasi-binomial GLM of
the counts ``y = round(estimate / scale · ceil(population))`` out of ``ceil(population)``, with
prior weights ``population``, on rank. SII is the difference of the predicted values at rank 1
and rank 0 (times the scale); RII their ratio. Standard errors use the HC1 sandwich covariance
and the delta method. SII's se is reported on the indicator's scale (as the technical notes and
its own interval; healthequal reports it on the 0-1 scale); RII's se is that of log RII.

ACI = Σ p_j (2 X_j - 1) y_j and RCI = 100 · ACI / μ (the technical notes' percent scale;
healthequal returns the fraction). Their standard errors are those of the convenient regression
of Kakwani, Wagstaff & van Doorslaer (1997), as healthequal computes them.
"""

from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from heathub.equity.who.strata import BoolArray, Estimates, FloatArray, Strata

IRLS_MAX_ITERATIONS = 100
IRLS_TOLERANCE = 1e-10


@dataclass(frozen=True)
class LogisticFit:
    """Each stratum's coefficients (intercept, slope on rank), their HC1 covariance (strata x 2
    x 2) and whether the model could be fitted (estimates within the scale, IRLS converged)."""

    intercept: FloatArray
    slope: FloatArray
    covariance: FloatArray
    fitted: BoolArray


def logistic_fit(s: Strata) -> LogisticFit:
    """The logistic model of every stratum of ``s``, fitted at once (and once: SII and RII
    share it).

    IRLS runs on all strata together, each step solving every stratum's 2x2 system in closed
    form; a stratum stops when its coefficients move by less than :data:`IRLS_TOLERANCE`, and
    is left unfitted if that takes more than :data:`IRLS_MAX_ITERATIONS` steps.

    Examples
    --------
    >>> s = Strata.one([20.0, 30, 40, 50, 60], population=[78.0, 91, 162, 103, 105], ordered=True)
    >>> fit = logistic_fit(s)
    >>> fit.intercept.round(4).tolist(), fit.slope.round(4).tolist(), fit.fitted.tolist()
    ([-1.3504], [1.9706], [True])
    """
    if "logistic" not in s.memo:
        s.memo["logistic"] = _fit_logistic(s)
    fit: LogisticFit = s.memo["logistic"]  # type: ignore[assignment]
    return fit


def _fit_logistic(s: Strata) -> LogisticFit:
    trials = np.ceil(s.population)
    successes = np.round(s.estimate / s.scale[:, None] * trials)
    counts_valid = np.asarray(((successes >= 0) & (successes <= trials)).all(axis=1))
    proportion = np.divide(successes, trials, out=np.zeros_like(trials), where=trials > 0)
    weight = s.population * trials  # prior weights x binomial totals, as R's glm combines them
    rank = s.rank
    intercept, slope = np.zeros(s.count), np.zeros(s.count)
    active = counts_valid.copy()
    converged = np.zeros(s.count, dtype=bool)
    for _ in range(IRLS_MAX_ITERATIONS):
        rows = np.flatnonzero(active)
        if len(rows) == 0:
            break
        x, b0, b1 = rank[rows], intercept[rows], slope[rows]
        eta = b0[:, None] + b1[:, None] * x
        mu = expit(eta)
        variance = mu * (1 - mu)
        working = weight[rows] * variance
        z = eta + (proportion[rows] - mu) / variance
        information = _moments(working, x)
        new_b0, new_b1 = _solve(information, (working * z).sum(axis=1), (working * z * x).sum(1))
        done = np.maximum(np.abs(new_b0 - b0), np.abs(new_b1 - b1)) < IRLS_TOLERANCE
        intercept[rows], slope[rows] = new_b0, new_b1
        converged[rows[done]] = True
        active[rows[done]] = False
    mu = expit(intercept[:, None] + slope[:, None] * rank)
    bread = _inverse(_moments(weight * mu * (1 - mu), rank))
    meat = _moments((weight * (proportion - mu)) ** 2, rank)
    n, k = s.size, 2
    covariance: FloatArray = bread @ meat @ bread * n / (n - k)
    return LogisticFit(intercept, slope, covariance, counts_valid & converged)


def _moments(weight: FloatArray, x: FloatArray) -> FloatArray:
    """Σ w·[1, x]ᵀ[1, x] per stratum, strata x 2 x 2."""
    m00, m01, m11 = weight.sum(axis=1), (weight * x).sum(axis=1), (weight * x * x).sum(axis=1)
    return np.stack([np.stack([m00, m01], -1), np.stack([m01, m11], -1)], -2)


def _inverse(m: FloatArray) -> FloatArray:
    """Inverse of each symmetric 2x2 matrix, in closed form."""
    with np.errstate(divide="ignore", invalid="ignore"):
        determinant = m[:, 0, 0] * m[:, 1, 1] - m[:, 0, 1] ** 2
        inverse = np.empty_like(m)
        inverse[:, 0, 0] = m[:, 1, 1] / determinant
        inverse[:, 1, 1] = m[:, 0, 0] / determinant
        inverse[:, 0, 1] = inverse[:, 1, 0] = -m[:, 0, 1] / determinant
    return inverse


def _solve(m: FloatArray, b0: FloatArray, b1: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Solution of each 2x2 system m·x = (b0, b1)."""
    inverse = _inverse(m)
    x0: FloatArray = inverse[:, 0, 0] * b0 + inverse[:, 0, 1] * b1
    x1: FloatArray = inverse[:, 1, 0] * b0 + inverse[:, 1, 1] * b1
    return x0, x1


def _delta_se(gradient: FloatArray, covariance: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore"):
        se: FloatArray = np.sqrt(np.einsum("si,sij,sj->s", gradient, covariance, gradient))
    return se


def slope_index(s: Strata) -> Estimates:
    """SII = scale · (expit(β0 + β1) - expit(β0)).

    Examples
    --------
    >>> s = Strata.one([20.0, 30, 40, 50, 60], se=[1.0] * 5,
    ...                population=[78.0, 91, 162, 103, 105], ordered=True)
    >>> r = slope_index(s)
    >>> r.estimate.round(4).tolist(), r.se.round(4).tolist()
    ([44.445], [2.1908])
    """
    fit = logistic_fit(s)
    p1, p0 = expit(fit.intercept + fit.slope), expit(fit.intercept)
    gradient = np.stack([p1 * (1 - p1) - p0 * (1 - p0), p1 * (1 - p1)], axis=-1)
    se = _delta_se(gradient, fit.covariance)
    result = s.normal_interval(s.scale * (p1 - p0), s.scale * se)
    return Estimates(result.estimate, result.se, result.lower, result.upper, fit.fitted)


def relative_index(s: Strata) -> Estimates:
    """RII = expit(β0 + β1) / expit(β0); limits exp(log RII ± z·se(log RII)).

    Examples
    --------
    >>> s = Strata.one([20.0, 30, 40, 50, 60], se=[1.0] * 5,
    ...                population=[78.0, 91, 162, 103, 105], ordered=True)
    >>> relative_index(s).estimate.round(5).tolist()
    [3.15951]
    """
    fit = logistic_fit(s)
    p1, p0 = expit(fit.intercept + fit.slope), expit(fit.intercept)
    gradient = np.stack([(1 - p1) - (1 - p0), 1 - p1], axis=-1)
    se = _delta_se(gradient, fit.covariance)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_rii = np.log(p1 / p0)
    return Estimates(
        np.exp(log_rii), se, np.exp(log_rii - s.z * se), np.exp(log_rii + s.z * se), fit.fitted
    )


def _concentration(s: Strata) -> tuple[FloatArray, FloatArray]:
    """ACI and the standard error of the convenient-regression coefficient.

    The regression of ``2·var(X)·y_j·√N_j`` on ``(X_j·√N_j, √N_j)`` is the regression of
    ``2·var(X)·y_j`` on ``X_j`` with weights ``N_j``; it is solved in centred form (slope =
    weighted covariance over weighted variance), which keeps full precision when the fit is
    nearly exact.
    """
    weight, rank = s.population, s.rank
    sigma2 = (s.share * (rank - 0.5) ** 2).sum(axis=1)
    y = 2 * sigma2[:, None] * s.estimate
    total = weight.sum(axis=1, keepdims=True)
    x_centred = rank - (weight * rank).sum(axis=1, keepdims=True) / total
    y_centred = y - (weight * y).sum(axis=1, keepdims=True) / total
    spread = (weight * x_centred**2).sum(axis=1)
    slope = (weight * x_centred * y_centred).sum(axis=1) / spread
    residuals = y_centred - slope[:, None] * x_centred
    n, k = s.size, 2
    variance = (weight * residuals**2).sum(axis=1) / (n - k) / spread
    aci: FloatArray = (s.share * (2 * rank - 1) * s.estimate).sum(axis=1)
    se: FloatArray = np.sqrt(variance)
    return aci, se


def absolute_concentration(s: Strata) -> Estimates:
    """ACI = Σ p_j (2 X_j - 1) y_j.

    Examples
    --------
    >>> s = Strata.one([20.0, 30, 40, 50, 60], se=[1.0] * 5,
    ...                population=[78.0, 91, 162, 103, 105], ordered=True)
    >>> absolute_concentration(s).estimate.round(6).tolist()
    [7.32842]
    """
    aci, se = _concentration(s)
    return s.normal_interval(aci, se)


def relative_concentration(s: Strata) -> Estimates:
    """RCI = 100 · ACI / μ (percent, as the HEAT technical notes give it)."""
    aci, se = _concentration(s)
    return s.normal_interval(100 * aci / s.mean, 100 * se / s.mean)
