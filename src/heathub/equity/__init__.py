"""heathub.equity: OHID public-health methods (as PHEindicatormethods 2.0.0) and the WHO HEAT Plus
summary measures of inequality, as pure functions over pandas DataFrames. No Django, no I/O."""

from heathub.equity import who  # the WHO HEAT Plus measures: equity.who.summary_measures
from heathub.equity.dsr import dsr
from heathub.equity.errors import EquityInputError
from heathub.equity.funnel import funnel_limits
from heathub.equity.isr import isr
from heathub.equity.life_expectancy import life_expectancy
from heathub.equity.mean import mean
from heathub.equity.proportion import proportion
from heathub.equity.quantiles import quantiles
from heathub.equity.rate import rate
from heathub.equity.sii import sii

__all__ = [
    "EquityInputError",
    "dsr",
    "funnel_limits",
    "isr",
    "life_expectancy",
    "mean",
    "proportion",
    "quantiles",
    "rate",
    "sii",
    "who",
]
