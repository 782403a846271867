"""The numpydoc examples in heathub.equity's OHID modules run and give what they show."""

import doctest
import importlib

import pytest

MODULES = [
    "confidence",
    "validation",
    "poisson_limits",
    "grouping",
    "proportion",
    "rate",
    "mean",
    "dsr",
    "isr",
    "life_expectancy",
    "funnel",
    "quantiles",
]


@pytest.mark.parametrize("name", MODULES)
def test_examples_run(name: str) -> None:
    module = importlib.import_module(f"heathub.equity.{name}")
    failed, attempted = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0, f"heathub.equity.{name} has no examples"
    assert failed == 0
