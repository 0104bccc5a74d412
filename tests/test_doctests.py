"""Run the doctest examples of the pure normalisers (they are part of the documentation)."""

import doctest
import importlib

import pytest

MODULES = ["extractor.lexicon.numerals", "extractor.fields.money", "extractor.lexicon.tables", "extractor.lexicon.word_case",
           "extractor.fields.tariffs.context", "extractor.fields.dates"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0, f"{name} has no doctest examples"
    assert result.failed == 0
