"""Parser for a verksamhetsplan section published as a web page (Norrköping's form).

The form's structure: the plan's title line (optionally with the page-navigation line
``På sidan``), a theme heading, prose, ``Insatser <theme>`` followed by ``•`` bullets (the
measures), ``Effekter <theme>`` followed by prose (the expected effects), and a ``Kontakt``
block (page furniture). This is the layout the generic outline parser reads, with one
addition: each measure's ``title`` is the theme its ``Insatser`` heading names.
"""

from __future__ import annotations

from . import generic
from .base import Unit

_ROLE_WORDS = ("insatser", "effekter")


def _theme(heading: str) -> str:
    first, _, rest = heading.partition(" ")
    return rest.strip() if first.casefold() in _ROLE_WORDS and rest.strip() else heading


def parse(text: str) -> list[Unit]:
    """Parse a verksamhetsplan page into units; bullets under ``Insatser …`` are measures.

    Example:
        >>> src = "Plan 2023\\n\\nTema\\n\\nVi vill.\\n\\nInsatser Tema\\n\\n • Gör A.\\n • Gör B."
        >>> [(u.kind, u.title) for u in parse(src) if u.kind == "measure"]
        [('measure', 'Tema'), ('measure', 'Tema')]
    """
    units = generic.parse(text)
    heading = ""
    out = []
    for unit in units:
        if unit.kind == "meta" and unit.title:
            heading = unit.title
        if unit.kind == "measure":
            unit = unit.with_(title=_theme(heading))
        out.append(unit)
    return out
