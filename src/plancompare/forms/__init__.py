"""One parser per plan form; the manifest's ``form`` column picks which one reads a file.

Example:
    >>> sorted(PARSERS)
    ['activity_table', 'application_form', 'generic', 'goal_page', 'verksamhetsplan']
"""

from __future__ import annotations

from collections.abc import Callable

from ..schema import KINDS
from . import activity_table, application_form, generic, goal_page, verksamhetsplan
from .base import Unit, check_coverage, clean_text

Parser = Callable[[str], list[Unit]]

PARSERS: dict[str, Parser] = {
    "activity_table": activity_table.parse,
    "application_form": application_form.parse,
    "goal_page": goal_page.parse,
    "verksamhetsplan": verksamhetsplan.parse,
    "generic": generic.parse,
}

__all__ = ["KINDS", "PARSERS", "Parser", "Unit", "check_coverage", "clean_text"]
