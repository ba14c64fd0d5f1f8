"""``pytest --final``: include the final held-out plan texts (``heldout3``) in the tests.

Without the flag no test reads, parses or scores them (``unit_labels.corpus_split`` and
``corpus_files`` leave them out); the flag is for the one final measurement only.
"""

from __future__ import annotations

import pytest
import unit_labels


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--final",
        action="store_true",
        default=False,
        help="also read the final held-out plan texts (heldout3); for the final measurement only",
    )


def pytest_configure(config: pytest.Config) -> None:
    unit_labels.FINAL = bool(config.getoption("--final"))
