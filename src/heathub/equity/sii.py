"""Slope index of inequality and relative index of inequality (PHEindicatormethods ``phe_sii``).

Each group's quantiles (quantile 1 = most deprived) are placed at the midpoint of their share of
the group's cumulative population; the indicator is regressed on that rank with weights equal to
the population shares (Low & Low, 2004). The slope is the SII; the fitted value at rank 1 over the
fitted value at rank 0 is the RII. Confidence limits come from simulation: every quantile's value
is drawn from a normal distribution (on the log scale for rates, the logit scale for proportions)
and the regression refitted for each draw; see :mod:`heathub.equity.sii_simulation`.
"""

import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from heathub.equity.confidence import ConfidenceLevel, parse_confidence
from heathub.equity.errors import EquityInputError
from heathub.equity.sii_simulation import FloatArray, SlopeDesign, simulate_limits
from heathub.equity.validation import (
    describe_rows,
    fail,
    group_columns,
    numeric_column,
    require_columns,
    require_no_missing_keys,
)

# PHEindicatormethods derives standard errors from 95% limits whatever `confidence` is.
Z_95 = 1.959963984540054
VALUE_TYPES = {0: "other", 1: "rate", 2: "proportion"}
MIN_QUANTILES, MAX_QUANTILES = 5, 100
MIN_REPETITIONS = 1000


def sii(
    df: pd.DataFrame,
    quantile: str,
    population: str,
    value: str,
    *,
    value_type: int = 0,
    se: str | None = None,
    lower_cl: str | None = None,
    upper_cl: str | None = None,
    group_by: Sequence[str] | str | None = None,
    confidence: float | Sequence[float] = 0.95,
    repetitions: int = 100_000,
    rii: bool = False,
    multiplier: float = 1,
    seed: int | None = None,
) -> pd.DataFrame:
    """Slope index of inequality per group, with simulated confidence limits.

    Parameters
    ----------
    df
        One row per group and quantile.
    quantile
        Quantile number; 1 is the most deprived. Every group needs every quantile present in
        ``df`` (5 to 100 of them); a group lacking some is dropped with a warning naming it.
    population
        Population of each quantile, above zero.
    value
        Indicator value of each quantile (a proportion between 0 and 1 when ``value_type=2``).
    value_type
        0 for other indicators (normal), 1 for rates (log scale), 2 for proportions (logit).
    se
        Standard error column: on the log scale for rates and the logit scale for proportions.
        If not given, derived from ``lower_cl`` and ``upper_cl``, which must be 95% limits.
    lower_cl, upper_cl
        95% confidence limits of ``value``, used when ``se`` is not given.
    group_by
        Columns whose combinations form the groups; ``None`` treats the frame as one group.
    confidence
        One level in (0, 1), giving ``sii_lower``/``sii_upper``, or several such as
        ``(0.95, 0.998)``, giving ``sii_lower95_0cl``, ``sii_upper95_0cl`` and so on.
    repetitions
        Simulated draws per group (1,000 or more).
    rii
        Also return the relative index of inequality and its limits.
    multiplier
        Multiplies the SII and its limits (100 turns proportions into percentages). A negative
        multiplier flips the SII's sign and inverts the RII.
    seed
        Seed for the simulation. Each group's draws come from the seed and the group's keys, so a
        group's limits do not depend on row order, on which other groups are present, or on how
        the work is split into chunks.

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted by the group columns): the group columns, ``sii`` and its
        limits, then (with ``rii=True``) ``rii`` and its limits.

    Raises
    ------
    EquityInputError
        A missing column, a missing or non-numeric value, a population of zero or less, a
        negative standard error, a proportion outside (0, 1), a repeated quantile in a group,
        fewer than 5 or more than 100 quantiles, no complete group, a confidence level outside
        (0, 1), fewer than 1,000 repetitions.

    Notes
    -----
    With population shares ``a`` and mid-point ranks ``b``, weighted least squares of the value
    on ``(1, b)`` gives intercept ``β0`` and slope ``β1``: ``SII = multiplier · β1`` and
    ``RII = (β0 + β1) / β0`` (its inverse when ``multiplier < 0``). Standard errors derived from
    limits are ``(f(upper) - f(lower)) / (2 · 1.959964)`` with ``f`` the identity, ``log`` or
    ``logit``. The limit at level ``c`` is the simulated value at 1-based position
    ``round(repetitions · (1 - c) / 2)`` of the sorted draws (and the mirror position), as R.

    Examples
    --------
    >>> df = pd.DataFrame({
    ...     "decile": range(1, 11),
    ...     "pop": [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534],
    ...     "le": [75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3],
    ...     "se": [1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57],
    ... })
    >>> out = sii(df, "decile", "pop", "le", se="se", repetitions=10_000, seed=1, rii=True)
    >>> out.round(2)
       sii  sii_lower  sii_upper   rii  rii_lower  rii_upper
    0  7.0       3.13      10.89  1.09       1.04       1.14
    """
    levels = parse_confidence(confidence)
    _check_options(value_type, repetitions, multiplier, se, lower_cl, upper_cl)
    keys = group_columns(group_by)
    require_no_missing_keys(df, keys)
    require_columns(df, [quantile, population, value])

    quantiles = numeric_column(df, quantile)
    pops = numeric_column(df, population)
    fail(df, population, pops <= 0, "population must be greater than zero")
    values = numeric_column(df, value)
    transformed, standard_errors = _transformed_values(
        df, value, values, value_type, se, lower_cl, upper_cl
    )

    frame = _complete_groups(df, keys, quantile, quantiles)
    n_quantiles = int(frame.attrs["n_quantiles"])
    n_groups = len(frame) // n_quantiles
    positions = frame["__position"].to_numpy()
    shape = (n_groups, n_quantiles)
    design = SlopeDesign.from_populations(pops[positions].reshape(shape))
    observed = values[positions].reshape(shape)
    intercept, slope = design.fit(observed)

    out = (
        frame[keys].iloc[::n_quantiles].reset_index(drop=True)
        if keys
        else pd.DataFrame(index=pd.RangeIndex(n_groups))
    )
    limits = simulate_limits(
        design,
        mean=transformed[positions].reshape(shape),
        se=standard_errors[positions].reshape(shape),
        value_type=value_type,
        levels=levels,
        repetitions=repetitions,
        multiplier=multiplier,
        seed=seed,
        group_labels=[repr(tuple(row)) for row in out.itertuples(index=False)],
        with_rii=rii,
    )
    ratio = (intercept + slope) / intercept
    _add_columns(out, "sii", multiplier * slope, limits.sii, levels)
    if rii:
        _add_columns(out, "rii", 1 / ratio if multiplier < 0 else ratio, limits.rii, levels)
    return out


def _add_columns(
    out: pd.DataFrame,
    measure: str,
    estimate: FloatArray,
    limits: dict[float, tuple[FloatArray, FloatArray]],
    levels: Sequence[ConfidenceLevel],
) -> None:
    out[measure] = estimate
    for level in levels:
        lower, upper = _limit_names(measure, level, len(levels))
        out[lower], out[upper] = limits[level.level]


def _limit_names(measure: str, level: ConfidenceLevel, n_levels: int) -> tuple[str, str]:
    """``sii_lower``/``sii_upper`` for one level; ``sii_lower95_0cl``... for several (as R)."""
    if n_levels == 1:
        return f"{measure}_lower", f"{measure}_upper"
    return f"{measure}_{level.lower_column}", f"{measure}_{level.upper_column}"


def _check_options(
    value_type: int,
    repetitions: int,
    multiplier: float,
    se: str | None,
    lower_cl: str | None,
    upper_cl: str | None,
) -> None:
    if isinstance(value_type, bool) or value_type not in VALUE_TYPES:
        raise EquityInputError(
            f"value_type {value_type!r}: give 0 (other), 1 (rate) or 2 (proportion)"
        )
    if isinstance(repetitions, bool) or not isinstance(repetitions, int):
        raise EquityInputError(f"repetitions {repetitions!r}: give a whole number")
    if repetitions < MIN_REPETITIONS:
        raise EquityInputError(f"repetitions {repetitions}: give {MIN_REPETITIONS:,} or more")
    if not np.isfinite(multiplier) or multiplier == 0:
        raise EquityInputError(f"multiplier {multiplier!r}: give a finite number other than 0")
    if se is None and (lower_cl is None or upper_cl is None):
        raise EquityInputError("give either se, or both lower_cl and upper_cl (95% limits)")


def _transformed_values(
    df: pd.DataFrame,
    value: str,
    values: FloatArray,
    value_type: int,
    se: str | None,
    lower_cl: str | None,
    upper_cl: str | None,
) -> tuple[FloatArray, FloatArray]:
    """The values on the scale they are simulated on, and their standard errors on that scale."""
    _check_scale(df, value, values, value_type)
    transform = _transform(value_type)
    if se is not None:
        errors = numeric_column(df, se)
        fail(df, se, errors < 0, "negative standard error")
    else:
        assert lower_cl is not None  # checked by _check_options
        assert upper_cl is not None
        lower = numeric_column(df, lower_cl)
        upper = numeric_column(df, upper_cl)
        _check_scale(df, lower_cl, lower, value_type)
        _check_scale(df, upper_cl, upper, value_type)
        fail(df, upper_cl, upper < lower, f"upper limit below {lower_cl!r}")
        errors = (transform(upper) - transform(lower)) / (2 * Z_95)
    return transform(values), errors


def _check_scale(df: pd.DataFrame, column: str, values: FloatArray, value_type: int) -> None:
    if value_type == 1:
        fail(df, column, values <= 0, "a rate must be above 0 (it is taken on the log scale)")
    elif value_type == 2:
        outside = (values <= 0) | (values >= 1)
        fail(df, column, outside, "a proportion must be between 0 and 1, exclusive (logit scale)")


def _transform(value_type: int) -> Callable[[FloatArray], FloatArray]:
    """The scale values are simulated on: identity, log (rates) or logit (proportions)."""
    return {0: _identity, 1: _log, 2: _logit}[value_type]


def _identity(x: FloatArray) -> FloatArray:
    return x


def _log(x: FloatArray) -> FloatArray:
    result: FloatArray = np.log(x)
    return result


def _logit(p: FloatArray) -> FloatArray:
    result: FloatArray = np.log(p / (1 - p))
    return result


def _complete_groups(
    df: pd.DataFrame, keys: list[str], quantile: str, quantiles: FloatArray
) -> pd.DataFrame:
    """Rows of the groups that have every quantile, sorted by group then quantile.

    Groups lacking a quantile are dropped with a warning naming them, as PHEindicatormethods
    does; a quantile repeated within a group is an error.
    """
    frame = df[keys].copy() if keys else pd.DataFrame(index=df.index)
    frame["__quantile"] = quantiles
    frame["__position"] = np.arange(len(df))
    all_quantiles = np.unique(quantiles)
    n_quantiles = len(all_quantiles)
    if not MIN_QUANTILES <= n_quantiles <= MAX_QUANTILES:
        raise EquityInputError(
            f"column {quantile!r}: {n_quantiles} distinct quantiles; give between "
            f"{MIN_QUANTILES} and {MAX_QUANTILES}"
        )
    if n_quantiles > 10:
        warnings.warn(
            f"column {quantile!r}: {n_quantiles} quantiles; small populations in each can make "
            "the SII unstable",
            stacklevel=3,
        )
    by = [*keys, "__quantile"]
    repeated = frame.duplicated(by, keep="first").to_numpy()
    if repeated.any():
        raise EquityInputError(
            f"column {quantile!r}: quantile repeated within a group ({describe_rows(df, repeated)})"
        )
    if keys:
        frame = _drop_incomplete(frame, keys, quantile, n_quantiles)
    frame = frame.sort_values(by, kind="stable")
    frame.attrs["n_quantiles"] = n_quantiles
    return frame


def _drop_incomplete(
    frame: pd.DataFrame, keys: list[str], quantile: str, n_quantiles: int
) -> pd.DataFrame:
    """The rows of groups with all ``n_quantiles`` quantiles; warns naming the groups dropped."""
    sizes = frame.groupby(keys, sort=False, observed=True, dropna=False)[keys[0]].transform("size")
    complete = (sizes == n_quantiles).to_numpy()
    if not complete.all():
        dropped = frame.loc[~complete, keys].drop_duplicates()
        names = ", ".join(repr(tuple(row)) for row in dropped.itertuples(index=False))
        warnings.warn(
            f"SII not calculated for groups lacking some of the {n_quantiles} quantiles "
            f"({', '.join(keys)}): {names}",
            stacklevel=4,
        )
    if not complete.any():
        raise EquityInputError(
            f"column {quantile!r}: no group has all {n_quantiles} quantiles, so no SII can be "
            "calculated"
        )
    return frame.loc[complete]
