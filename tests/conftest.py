"""``pytest --final``: include the final held-out plan texts (``heldout17``, 259 on) in the tests.

Property tests (hypothesis) draw the same examples on every run and every machine
(``derandomize``): a green ``make test`` here is a green CI there. No test asserts on wall-clock
time, so neither does hypothesis: its per-example deadline is off (``deadline=None``), and a
slow or busy machine cannot fail a property. Explore new examples with
``HYPOTHESIS_PROFILE=explore``.

Without the flag no test reads, parses or scores them (``unit_labels.corpus_split`` and
``corpus_files`` leave them out); the flag is for the one final measurement only.
"""

from __future__ import annotations

import os

import pytest
import unit_labels
from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--final",
        action="store_true",
        default=False,
        help="also read the final held-out plan texts (heldout11); for the final measurement only",
    )


def pytest_configure(config: pytest.Config) -> None:
    unit_labels.FINAL = bool(config.getoption("--final"))
