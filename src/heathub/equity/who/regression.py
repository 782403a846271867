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

import math

import numpy as np
from scipy.special import expit

from heathub.equity.who.stratum import Estimate, FloatArray, Stratum

IRLS_MAX_ITERATIONS = 100
IRLS_TOLERANCE = 1e-10


def _counts(s: Stratum) -> tuple[FloatArray, FloatArray] | None:
    """Successes and trials per subgroup, or None if an estimate lies outside [0, scale]."""
    assert s.population is not None
    trials = np.ceil(s.population)
    successes = np.round(s.estimate / s.scale * trials)
    if np.any(successes < 0) or np.any(successes > trials):
        return None
    return successes, trials


def logistic_fit(s: Stratum) -> tuple[FloatArray, FloatArray] | None:
    """Coefficients (intercept, slope on rank) and their HC1 covariance, or None if the model
    cannot be fitted (an estimate outside the scale, or no convergence). Fitted once per stratum.
    """
    if "logistic" not in s.memo:
        s.memo["logistic"] = _fit_logistic(s)
    return s.memo["logistic"]  # type: ignore[return-value]


def _fit_logistic(s: Stratum) -> tuple[FloatArray, FloatArray] | None:
    counts = _counts(s)
    if counts is None:
        return None
    successes, trials = counts
    assert s.population is not None
    proportion = np.divide(successes, trials, out=np.zeros_like(trials), where=trials > 0)
    weight = s.population * trials  # prior weights x binomial totals, as R's glm combines them
    x = np.column_stack([np.ones(s.size), s.rank])
    beta: FloatArray = np.zeros(2)
    for _ in range(IRLS_MAX_ITERATIONS):
        mu = expit(x @ beta)
        working = weight * mu * (1 - mu)
        z = x @ beta + (proportion - mu) / (mu * (1 - mu))
        new_beta = np.asarray(
            np.linalg.solve(x.T @ (working[:, None] * x), x.T @ (working * z)), dtype=np.float64
        )
        converged = bool(np.max(np.abs(new_beta - beta)) < IRLS_TOLERANCE)
        beta = new_beta
        if converged:
            break
    else:
        return None
    mu = expit(x @ beta)
    bread = np.linalg.inv(x.T @ ((weight * mu * (1 - mu))[:, None] * x))
    scores = (weight * (proportion - mu))[:, None] * x
    n, k = x.shape
    covariance: FloatArray = bread @ (scores.T @ scores) @ bread * n / (n - k)
    return beta, covariance


def slope_index(s: Stratum) -> Estimate | None:
    """SII = scale · (expit(β0 + β1) - expit(β0)).

    Examples
    --------
    >>> s = Stratum(np.array([20.0, 30, 40, 50, 60]), np.full(5, 1.0),
    ...             np.array([78.0, 91, 162, 103, 105]), np.arange(1.0, 6), reference=None,
    ...             favourable=True, ordered=True, scale=100.0, z=1.959964)
    >>> r = slope_index(s)
    >>> round(r.estimate, 4), round(r.se, 4)
    (44.445, 2.1908)
    """
    fit = logistic_fit(s)
    if fit is None:
        return None
    (b0, b1), covariance = fit
    p1, p0 = expit(b0 + b1), expit(b0)
    gradient = np.array([p1 * (1 - p1) - p0 * (1 - p0), p1 * (1 - p1)])
    se = math.sqrt(gradient @ covariance @ gradient)
    return s.normal_interval(float(s.scale * (p1 - p0)), s.scale * se)


def relative_index(s: Stratum) -> Estimate | None:
    """RII = expit(β0 + β1) / expit(β0); limits exp(log RII ± z·se(log RII)).

    Examples
    --------
    >>> s = Stratum(np.array([20.0, 30, 40, 50, 60]), np.full(5, 1.0),
    ...             np.array([78.0, 91, 162, 103, 105]), np.arange(1.0, 6), reference=None,
    ...             favourable=True, ordered=True, scale=100.0, z=1.959964)
    >>> round(relative_index(s).estimate, 5)
    3.15951
    """
    fit = logistic_fit(s)
    if fit is None:
        return None
    (b0, b1), covariance = fit
    p1, p0 = expit(b0 + b1), expit(b0)
    gradient = np.array([(1 - p1) - (1 - p0), 1 - p1])
    log_rii = math.log(p1 / p0)
    se = math.sqrt(gradient @ covariance @ gradient)
    return Estimate(
        math.exp(log_rii), se, math.exp(log_rii - s.z * se), math.exp(log_rii + s.z * se)
    )


def _concentration(s: Stratum) -> tuple[float, float]:
    """ACI and the standard error of the convenient-regression coefficient."""
    assert s.population is not None
    root = np.sqrt(s.population)
    sigma2 = float(np.sum(s.share * (s.rank - 0.5) ** 2))
    lhs = 2 * sigma2 * s.estimate * root
    design = np.column_stack([s.rank * root, root])
    coefficients, *_ = np.linalg.lstsq(design, lhs, rcond=None)
    residuals = lhs - design @ coefficients
    n, k = design.shape
    variance = residuals @ residuals / (n - k) * np.linalg.inv(design.T @ design)
    aci = float(np.sum(s.share * (2 * s.rank - 1) * s.estimate))
    return aci, math.sqrt(float(variance[0, 0]))


def absolute_concentration(s: Stratum) -> Estimate:
    """ACI = Σ p_j (2 X_j - 1) y_j.

    Examples
    --------
    >>> s = Stratum(np.array([20.0, 30, 40, 50, 60]), np.full(5, 1.0),
    ...             np.array([78.0, 91, 162, 103, 105]), np.arange(1.0, 6), reference=None,
    ...             favourable=True, ordered=True, scale=100.0, z=1.959964)
    >>> round(absolute_concentration(s).estimate, 6)
    7.32842
    """
    aci, se = _concentration(s)
    return s.normal_interval(aci, se)


def relative_concentration(s: Stratum) -> Estimate:
    """RCI = 100 · ACI / μ (percent, as the HEAT technical notes give it)."""
    aci, se = _concentration(s)
    return s.normal_interval(100 * aci / s.mean, 100 * se / s.mean)
