"""Parser for a verksamhetsplan section published as a web page (Norrköping's form).

The form's structure: the plan's title line (optionally with the page-navigation line
``På sidan``), a theme heading, prose, ``Insatser <theme>`` followed by ``•`` bullets (the
measures), ``Effekter <theme>`` followed by prose (the expected effects), and a ``Kontakt``
block (page furniture). The prose under the theme is read sentence by sentence: a desired
state ("Ingångslönen … ska vara konkurrensmässig") is a goal, the rest context.

This is exactly the layout the generic outline reader handles, so the form delegates to
it; it stays a form of its own so that a manifest can say what a file is, and so the
form can grow rules of its own without touching the generic parser.
"""

from __future__ import annotations

from . import generic
from .base import Unit


def parse(text: str) -> list[Unit]:
    """Parse a verksamhetsplan page into units; bullets under ``Insatser …`` are measures.

    Example:
        >>> src = "Plan 2023\\n\\nTema\\n\\nVi vill.\\n\\nInsatser Tema\\n\\n • Gör A.\\n • Gör B."
        >>> [u.section for u in parse(src) if u.kind == "measure"]
        ['Plan 2023 > Tema > Insatser Tema', 'Plan 2023 > Tema > Insatser Tema']
    """
    return generic.parse(text)
