"""heathub.equity: OHID public-health methods (as PHEindicatormethods 2.0.0) and the WHO HEAT Plus
summary measures of inequality, as pure functions over pandas DataFrames. No Django, no I/O."""

from heathub.equity.errors import EquityInputError

__all__ = ["EquityInputError"]
