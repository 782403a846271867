"""Confidence levels: parsing the ``confidence`` argument and naming the limit columns.

Every OHID method takes either one level (``0.95``), which gives the columns ``lowercl`` and
``uppercl``, or several (``(0.95, 0.998)``), which give ``lower95_0cl, upper95_0cl,
lower99_8cl, upper99_8cl``: the names PHEindicatormethods 2.0.0 uses, so results can be compared
column by column.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats

from heathub.equity.errors import EquityInputError


@dataclass(frozen=True)
class ConfidenceLevel:
    """One two-sided confidence level and the names of its two limit columns.

    Examples
    --------
    >>> level = ConfidenceLevel(0.95, "lowercl", "uppercl")
    >>> round(level.z, 6)
    1.959964
    >>> level.upper_tail
    0.975
    """

    level: float
    lower_column: str
    upper_column: str

    @property
    def upper_tail(self) -> float:
        """The probability below the upper limit: ``level + (1 - level) / 2`` (0.975 for 95%)."""
        return self.level + (1 - self.level) / 2

    @property
    def lower_tail(self) -> float:
        """The probability below the lower limit: ``(1 - level) / 2`` (0.025 for 95%)."""
        return (1 - self.level) / 2

    @property
    def z(self) -> float:
        """The standard normal quantile at :attr:`upper_tail` (1.959964 for 95%)."""
        return float(stats.norm.ppf(self.upper_tail))


def level_suffix(level: float) -> str:
    """The column-name form of a level as PHEindicatormethods writes it: 0.95 -> ``95_0``.

    Examples
    --------
    >>> level_suffix(0.95), level_suffix(0.998)
    ('95_0', '99_8')
    """
    return f"{level * 100:.1f}".replace(".", "_")


def parse_confidence(confidence: float | Sequence[float]) -> tuple[ConfidenceLevel, ...]:
    """Check ``confidence`` and name the limit columns for each level.

    Parameters
    ----------
    confidence
        One level strictly between 0 and 1, or a sequence of distinct such levels.

    Returns
    -------
    tuple of ConfidenceLevel
        One level named ``lowercl``/``uppercl``, or several named ``lower95_0cl``/``upper95_0cl``
        and so on, in the order given.

    Raises
    ------
    EquityInputError
        A level outside (0, 1), an empty or repeated list, or levels that would share a name.

    Examples
    --------
    >>> [(c.lower_column, c.upper_column) for c in parse_confidence(0.95)]
    [('lowercl', 'uppercl')]
    >>> [c.lower_column for c in parse_confidence((0.95, 0.998))]
    ['lower95_0cl', 'lower99_8cl']
    >>> parse_confidence(95)
    Traceback (most recent call last):
    ...
    heathub.equity.errors.EquityInputError: confidence 95 is outside (0, 1): give 0.95 for 95%
    """
    levels = [confidence] if isinstance(confidence, int | float) else list(confidence)
    if not levels:
        raise EquityInputError("confidence: give at least one level, such as 0.95")
    for level in levels:
        if isinstance(level, bool) or not isinstance(level, int | float) or not 0 < level < 1:
            hint = f": give {level / 100:g} for {level:g}%" if _looks_like_percent(level) else ""
            raise EquityInputError(f"confidence {level!r} is outside (0, 1){hint}")
    if len(levels) == 1:
        return (ConfidenceLevel(float(levels[0]), "lowercl", "uppercl"),)
    suffixes = [level_suffix(float(level)) for level in levels]
    if len(set(suffixes)) != len(suffixes):
        raise EquityInputError(
            f"confidence {tuple(levels)!r}: levels must differ at one decimal place of a percent"
        )
    return tuple(
        ConfidenceLevel(float(level), f"lower{suffix}cl", f"upper{suffix}cl")
        for level, suffix in zip(levels, suffixes, strict=True)
    )


def _looks_like_percent(level: object) -> bool:
    return isinstance(level, int | float) and not isinstance(level, bool) and 1 < level < 100
