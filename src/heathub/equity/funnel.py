"""Funnel-plot control limits (PHEindicatormethods ``calculate_funnel_limits``, following the
Fingertips technical guidance): a 100-point table of 2 and 3 standard-deviation limits around the
overall average, for proportions (Wilson), ratios and rates (Poisson)."""

from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from heathub.equity.errors import EquityInputError
from heathub.equity.validation import fail, non_negative_column, numeric_column, positive_column

Statistic = Literal["proportion", "ratio", "rate"]
# Points on each funnel line: enough for a smooth curve, as the package draws.
POINTS = 100
# One-sided tail probabilities of the two limits: about 2 and 3 standard deviations.
TWO_SIGMA, THREE_SIGMA = 0.975, 0.999
# The package's Poisson bisection (from OHID's Excel macro) stops when its step is this small.
BISECTION_STEP = 1e-7


def funnel_limits(
    df: pd.DataFrame,
    numerator: str,
    denominator: str | None = None,
    *,
    statistic: Statistic,
    multiplier: float | None = None,
    rate: str | None = None,
    ratio_type: Literal["count", "isr"] | None = None,
    rate_type: Literal["dsr", "crude"] | None = None,
    years_of_data: float | None = None,
) -> pd.DataFrame:
    """Control limits for a funnel plot of the rows of ``df``, as ``calculate_funnel_limits``.

    Parameters
    ----------
    df
        One row per area (or other unit) to be plotted.
    numerator
        Column of numerators (proportion), observed events (ratio) or events (rate): zero or more.
    denominator
        Column of denominators (proportion: above 0 and at least the numerator), expected events
        (ratio: above 0), or for a crude rate optionally the population (needed where there are
        no events).
    statistic
        ``"proportion"``, ``"ratio"`` or ``"rate"``.
    multiplier
        Scale of the plotted values (100 for a percentage, 100,000 for a rate per 100,000);
        required for proportions and rates.
    rate
        Column of rates, for ``statistic="rate"``.
    ratio_type
        ``"count"`` (limits of observed/expected - 1) or ``"isr"`` (limits times 100), for ratios.
    rate_type
        ``"dsr"`` or ``"crude"``, for rates.
    years_of_data
        Years the data cover, for rates (the x-axis shows the population of one year).

    Returns
    -------
    pandas.DataFrame
        100 rows. Proportion: ``Population``, ``lower_2s_limit``, ``upper_2s_limit``,
        ``lower_3s_limit``, ``upper_3s_limit``, ``baseline``. Ratio: ``Observed_events`` and, for
        each limit, ``<limit>_exp_events`` then ``<limit>_limit``. Rate: ``Events`` and, for each
        limit, ``<limit>_population_1_year`` then ``<limit>_limit``, then ``baseline``. Then
        ``statistic`` and ``method`` as the package's ``type = "full"``.

    Raises
    ------
    EquityInputError
        A missing argument or column for the statistic; a missing or negative numerator; a
        denominator of zero or less; a numerator above its denominator for a proportion; for a
        rate, events of zero with no denominator given.

    Notes
    -----
    The x-axis runs geometrically from near the smallest to above the largest denominator. The
    baseline is ``Σ numerator / Σ denominator``. Proportion limits solve the Wilson score
    interval for the proportion at which the baseline is on its edge; ratio and rate limits are
    exact Poisson limits of the events, found by the package's own bisection so results agree to
    its precision. DSR rows with no events are left out of the average and the axis, as the
    package does.

    Examples
    --------
    >>> df = pd.DataFrame({"smokers": [150, 900, 2400], "adults": [1000, 5000, 12000]})
    >>> limits = funnel_limits(df, "smokers", "adults", statistic="proportion", multiplier=100)
    >>> limits.iloc[[0, -1], :4].round(3)
        Population  lower_2s_limit  upper_2s_limit  lower_3s_limit
    0            1            0.00          96.313             0.0
    99       13000           18.49          19.843            18.1
    """
    numerators = non_negative_column(df, numerator)
    if statistic == "proportion":
        scale = _required_multiplier(multiplier, statistic)
        derived = _denominator_column(df, denominator, statistic)
        above = numerators > derived
        fail(df, numerator, above, f"numerator above denominator {denominator!r}")
        average = numerators.sum() / derived.sum()
        axis = _axis_points(derived, statistic, average, years=1.0)
        return _proportion_limits(axis, average, scale)
    if statistic == "ratio":
        if ratio_type is None or ratio_type not in ("count", "isr"):
            raise EquityInputError(f"ratio_type={ratio_type!r}: use 'count' or 'isr'")
        derived = _denominator_column(df, denominator, statistic)
        average = numerators.sum() / derived.sum()
        return _ratio_limits(_axis_points(derived, statistic, average, years=1.0), ratio_type)
    if statistic == "rate":
        scale = _required_multiplier(multiplier, statistic)
        if rate is None or rate_type is None or rate_type not in ("dsr", "crude"):
            raise EquityInputError(
                "a rate funnel needs rate= (a column) and rate_type= ('dsr' or 'crude')"
            )
        if years_of_data is None or years_of_data <= 0:
            raise EquityInputError("a rate funnel needs years_of_data= (a number above 0)")
        derived = _rate_denominators(df, numerator, denominator, rate, rate_type, scale)
        average = numerators.sum() / np.nansum(derived)
        axis = _axis_points(derived, statistic, average, years=years_of_data)
        return _rate_limits(axis, average, scale, years_of_data, rate_type)
    raise EquityInputError(f"statistic={statistic!r}: use 'proportion', 'ratio' or 'rate'")


def _required_multiplier(multiplier: float | None, statistic: str) -> float:
    if multiplier is None:
        raise EquityInputError(f"a {statistic} funnel needs multiplier= (e.g. 100 or 100000)")
    return multiplier


def _denominator_column(df: pd.DataFrame, denominator: str | None, statistic: str) -> "np.ndarray":
    if denominator is None:
        raise EquityInputError(f"a {statistic} funnel needs denominator= (a column name)")
    return positive_column(df, denominator)


def _rate_denominators(
    df: pd.DataFrame,
    numerator: str,
    denominator: str | None,
    rate: str,
    rate_type: Literal["dsr", "crude"],
    multiplier: float,
) -> "np.ndarray":
    """Each row's denominator, derived from its events and rate as the package does."""
    events = non_negative_column(df, numerator)
    rates = numeric_column(df, rate)
    with np.errstate(divide="ignore", invalid="ignore"):
        from_rate = multiplier * events / rates
    if rate_type == "dsr":
        # A DSR of no events says nothing of the population behind it.
        derived: np.ndarray = np.where(events == 0, np.nan, from_rate)
        return derived
    if denominator is None:
        fail(df, numerator, events == 0, "no events: give denominator= for such rows")
        return np.asarray(from_rate, dtype=float)
    populations = positive_column(df, denominator)
    derived = np.where(events == 0, populations, from_rate)
    return derived


def _axis_points(
    denominators: "np.ndarray", statistic: Statistic, average: float, years: float
) -> "np.ndarray":
    """The package's 100 x-axis points: geometric steps, rounded, each at least one more."""
    smallest, largest = float(np.nanmin(denominators)), float(np.nanmax(denominators))
    minimum = 0.0 if largest > 2 * smallest else _round_down(smallest / years) * years
    maximum = _round_up(largest / years) * years
    if statistic == "rate":
        minimum, maximum = float(np.floor(minimum * average)), float(np.ceil(maximum * average))
    points = [max(1.0, minimum)]
    # Each point depends on the one before through a rounding, so this recurrence (100 steps
    # over the plot, not over the data) cannot be vectorised.
    for j in range(2, POINTS + 1):
        offset = j - 1 if statistic == "ratio" else j
        previous = points[-1]
        step = round((maximum / previous) ** (1 / (POINTS + 1 - offset)) * previous)
        points.append(max(float(step), previous + 1))
    return np.array(points)


def _round_down(x: float) -> float:
    """The package's ``signif.floor``: 95% of ``x`` rounded down to its leading digit."""
    if x == 0:
        return 0.0
    power = _r_character_count(np.floor(x * 0.95)) - 1
    return float(np.floor(x * 0.95 / 10.0**power) * 10.0**power)


def _round_up(x: float) -> float:
    """The package's ``signif.ceiling``: 105% of ``x`` rounded up to its two leading digits."""
    if x == 0:
        return 0.0
    power = _r_character_count(np.ceil(x * 1.05)) - 2
    return float(np.ceil(x * 1.05 / 10.0**power) * 10.0**power)


def _r_character_count(whole: float) -> int:
    """``nchar()`` of a whole number as R prints it: R writes 100000 as ``1e+05`` (5 characters)
    because that is shorter than the 6 digits, and the package's axis rounding inherits this."""
    digits = f"{whole:.0f}"
    significant = digits.rstrip("0") or "0"
    exponent = len(digits) - 1
    scientific = len(significant) + (1 if len(significant) > 1 else 0) + 2 + len(f"{exponent:02d}")
    return min(len(digits), scientific)


def _wilson_edge(
    tail: float, population: "np.ndarray", average: float, side: Literal["low", "high"]
) -> "np.ndarray":
    """The package's ``sigma_adjustment``: the proportion whose Wilson limit falls on the
    average, for each population."""
    z2 = float(stats.norm.ppf(tail)) ** 2
    first = average * (population / z2 + 1)
    with np.errstate(invalid="ignore"):
        root = np.sqrt(
            (-8 * average * (population / z2 + 1)) ** 2
            - 64
            * (1 / z2 + 1 / population)
            * average
            * (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1))
        )
    last = 1 / z2 + 1 / population
    edge: np.ndarray = ((first - root / 8) if side == "low" else (first + root / 8)) / last
    return np.asarray(edge / population, dtype=float)


def _poisson_funnel(
    events: "np.ndarray", tail: float, side: Literal["low", "high"]
) -> "np.ndarray":
    """The package's ``poisson_funnel``: the Poisson mean at which ``events`` sit on the tail,
    by bisection on ``v`` with mean ``(1 + events) v / (1 - v)``, for all points at once."""
    v = np.full(events.shape, 0.5)
    step = 0.5
    while step > BISECTION_STEP:
        step /= 2
        mean = (1 + events) * v / (1 - v)
        if side == "low":
            v = np.where(_series_at_least(events, mean) > tail, v - step, v + step)
        else:
            v = np.where(_series_at_most(events, mean) < tail, v - step, v + step)
    result: np.ndarray = (1 + events) * v / (1 - v)
    return result


def _series_end(mean: "np.ndarray") -> "np.ndarray":
    """Where the package's Poisson series (``poisson_cis``) stops: the first term beyond the
    mean that is at most 1e-10 of the sum so far. The bisection compares probabilities near its
    tail with this truncated sum, so matching the truncation matches the package's limits to
    the last step of the bisection (a scipy tail differs by up to ~1e-10, enough to flip one)."""
    # Beyond the mean the terms fall and the sum grows, so the stopping test is monotone in k
    # and a bisection over whole numbers (vectorised over points) finds the first k passing it.
    # Eight standard deviations past the mean always passes.
    low = np.floor(mean) + 1
    high = low + np.ceil(8 * np.sqrt(mean)) + 60
    while (low < high).any():
        middle = np.floor((low + high) / 2)
        stops = stats.poisson.pmf(middle, mean) <= 1e-10 * stats.poisson.cdf(middle - 1, mean)
        high = np.where(stops, middle, high)
        low = np.where(stops, low, middle + 1)
    end: np.ndarray = low
    return end


def _series_at_least(events: "np.ndarray", mean: "np.ndarray") -> "np.ndarray":
    """P(K >= events) for K ~ Poisson(mean), summed over the package's truncated series."""
    end = _series_end(mean)
    share = (stats.poisson.sf(events - 1, mean) - stats.poisson.sf(end - 1, mean)) / (
        stats.poisson.cdf(end - 1, mean)
    )
    return np.asarray(share, dtype=float)


def _series_at_most(events: "np.ndarray", mean: "np.ndarray") -> "np.ndarray":
    """P(K <= events) for K ~ Poisson(mean), over the package's truncated series."""
    share = stats.poisson.cdf(events, mean) / stats.poisson.cdf(_series_end(mean) - 1, mean)
    return np.asarray(share, dtype=float)


def _proportion_limits(population: "np.ndarray", average: float, multiplier: float) -> pd.DataFrame:
    table = pd.DataFrame({"Population": population.astype(np.int64)})
    for name, tail in (("2s", TWO_SIGMA), ("3s", THREE_SIGMA)):
        # The package caps at 0 and 100 whatever the multiplier; with NaN from a negative root
        # kept as NaN (R's max(0, NaN) is NaN).
        low = _wilson_edge(tail, population, average, "low") * multiplier
        high = _wilson_edge(tail, population, average, "high") * multiplier
        table[f"lower_{name}_limit"] = np.where(np.isnan(low), np.nan, np.maximum(0, low))
        table[f"upper_{name}_limit"] = np.where(np.isnan(high), np.nan, np.minimum(100, high))
    table["baseline"] = average * multiplier
    table["statistic"] = "proportion"
    table["method"] = "Wilson"
    return table


def _ratio_limits(observed: "np.ndarray", ratio_type: str) -> pd.DataFrame:
    table = pd.DataFrame({"Observed_events": observed.astype(np.int64)})
    for name, tail in (("2s", 1 - TWO_SIGMA), ("3s", 1 - THREE_SIGMA)):
        for bound, side in (("lower", "high"), ("upper", "low")):
            expected = _poisson_funnel(observed, tail, side)  # type: ignore[arg-type]
            ratio = observed / expected
            table[f"{bound}_{name}_exp_events"] = expected
            table[f"{bound}_{name}_limit"] = ratio - 1 if ratio_type == "count" else ratio * 100
    table["statistic"] = f"ratio ({ratio_type})"
    table["method"] = "Poisson"
    return table


def _rate_limits(
    events: "np.ndarray", average: float, multiplier: float, years: float, rate_type: str
) -> pd.DataFrame:
    table = pd.DataFrame({"Events": events.astype(np.int64)})
    for name, tail in (("2s", 1 - TWO_SIGMA), ("3s", 1 - THREE_SIGMA)):
        for bound, side in (("lower", "high"), ("upper", "low")):
            population = _poisson_funnel(events, tail, side) / average  # type: ignore[arg-type]
            table[f"{bound}_{name}_population_1_year"] = population / years
            table[f"{bound}_{name}_limit"] = events / population * multiplier
    table["baseline"] = average * multiplier
    table["statistic"] = f"rate ({rate_type} per {multiplier:,.15g})"
    table["method"] = "Poisson"
    return table
