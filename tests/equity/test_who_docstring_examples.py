"""The numpydoc examples in heathub.equity.who run and give what they show."""

import doctest
import importlib

import pytest

MODULES = [
    "who",
    "who.applicability",
    "who.attributable",
    "who.differences_ratios",
    "who.disproportionality",
    "who.mean_difference",
    "who.regression",
    "who.simulation",
    "who.strata",
    "who.template",
    "who.theil",
    "who.variance",
]


@pytest.mark.parametrize("name", MODULES)
def test_examples_run(name: str) -> None:
    module = importlib.import_module(f"heathub.equity.{name}")
    failed, attempted = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0, f"heathub.equity.{name} has no examples"
    assert failed == 0
