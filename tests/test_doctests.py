"""The worked examples in docstrings run as they read (the merge scenario on catalog.merge)."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["transflow.catalog"])
def test_the_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(name)
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0, f"{name} has no examples to run"
    assert failures == 0
