"""Evaluation: how much of the damage a repair restores, and how much clean text it changes.

* :func:`evaluate` -- three texts with the same tokens one for one (damaged, reference,
  repaired), as for the hand-corrected Södertälje scan and :func:`~.damage.damage`;
* :func:`score` -- a :class:`~.damage.Damaged` text from :func:`~.damage.print_damage`,
  whose word boundaries changed: reference tokens are aligned with the damaged tokens they
  became, and counted as damaged, boundary-only or clean.

Example:
    >>> m = evaluate("f6r ldrare och", "för lärare och", "för ldrare och")
    >>> m["damaged"], m["restored"], m["recall"], m["false_changes"]
    (2, 1, 0.5, 0)
"""

from __future__ import annotations

import re
from collections import Counter

from .damage import Damaged

__all__ = ["evaluate", "printed_text", "score"]

_LINK_TARGET = re.compile(r"\]\([^()\s]*\)")
_IMAGE_LINE = re.compile(r"^!\[.*$", re.MULTILINE)


def printed_text(text: str) -> str:
    """What a printed page of a web text shows: Markdown link targets and image lines removed.

    OCR reads paper; a web page's Markdown carries link targets (``](/pressmeddelanden/...)``)
    that no printed page shows, so they are taken out before damaging a web text.

    Example:
        >>> printed_text("Läs [mer](/a/b-c/) här.\\n![bild](x.png)\\nSlut")
        'Läs [mer] här.\\n\\nSlut'
    """
    return _LINK_TARGET.sub("]", _IMAGE_LINE.sub("", text))


def evaluate(damaged: str, reference: str, repaired: str) -> dict[str, object]:
    """Token-level scores of ``repaired`` against ``reference`` (all three aligned by tokens).

    A token is *damaged* where ``damaged`` differs from ``reference`` and *clean* elsewhere.
    ``recall`` is the share of damaged tokens restored exactly; ``false_change_rate`` the share of
    clean tokens the repair changed. ``errors`` lists ``(index, damaged, reference, repaired)``.

    Example:
        >>> m = evaluate("f6r ldrare och pa", "för lärare och på", "för lärare ock på")
        >>> (m["damaged"], m["restored"], m["clean"], m["false_changes"])
        (3, 3, 1, 1)
    """
    d, r, p = damaged.split(), reference.split(), repaired.split()
    if not len(d) == len(r) == len(p):
        raise ValueError(
            f"token counts differ: damaged {len(d)}, reference {len(r)}, repaired {len(p)}"
        )
    damaged_idx = [i for i in range(len(d)) if d[i] != r[i]]
    clean_idx = [i for i in range(len(d)) if d[i] == r[i]]
    restored = sum(p[i] == r[i] for i in damaged_idx)
    false_changes = sum(p[i] != r[i] for i in clean_idx)
    errors = [(i, d[i], r[i], p[i]) for i in range(len(d)) if p[i] != r[i]]
    return {
        "tokens": len(d),
        "damaged": len(damaged_idx),
        "restored": restored,
        "recall": restored / len(damaged_idx) if damaged_idx else 1.0,
        "clean": len(clean_idx),
        "false_changes": false_changes,
        "false_change_rate": false_changes / len(clean_idx) if clean_idx else 0.0,
        "untouched": sum(p[i] == d[i] for i in damaged_idx),
        "miscorrected": sum(p[i] != d[i] and p[i] != r[i] for i in damaged_idx),
        "errors": errors,
    }


def score(damaged: Damaged, repaired: str) -> dict[str, object]:
    """Scores of ``repaired`` (a repair of ``damaged.text``), counted in reference tokens.

    A reference token is *damaged* when its characters were changed (whether or not its word
    boundary was), *boundary-only* when only its boundary was, and *clean* otherwise. A damaged
    token is *restored* when every repaired token of its group reads as the target; a clean
    token is *changed* when its repaired token does not read as itself; boundary-only tokens
    are *kept* when left as the channel left them.

    Example:
        >>> from plancompare.ocr.damage import print_damage
        >>> d = print_damage("Vi ska stärka lärarnas möjligheter.", rate=1.0, seed=3)
        >>> score(d, d.target)["recall"]
        1.0
        >>> m = score(d, d.text)
        >>> m["restored"], m["false_changes"]
        (0, 0)
    """
    d_tokens = damaged.text.split()
    t_tokens = damaged.target.split()
    p_tokens = repaired.split()
    if not len(d_tokens) == len(t_tokens) == len(p_tokens):
        raise ValueError(
            f"token counts differ: damaged {len(d_tokens)}, target {len(t_tokens)}, "
            f"repaired {len(p_tokens)}"
        )
    counts: Counter[str] = Counter()
    errors: list[tuple[str, str, str, str]] = []
    for ref_start, ref_end, tok_start, tok_end in damaged.groups:
        ok = p_tokens[tok_start:tok_end] == t_tokens[tok_start:tok_end]
        untouched = p_tokens[tok_start:tok_end] == d_tokens[tok_start:tok_end]
        n = ref_end - ref_start
        chars = any(damaged.char_damaged[ref_start:ref_end])
        bound = any(damaged.boundary[ref_start:ref_end]) or n != tok_end - tok_start
        if chars:
            counts["damaged"] += n
            counts["restored"] += n * ok
            counts["untouched"] += n * untouched
            counts["damaged_boundary"] += n * bound
            counts["restored_boundary"] += n * bound * ok
        elif bound:
            counts["boundary_only"] += n
            counts["boundary_kept"] += n * ok
        else:
            counts["clean"] += n
            counts["false_changes"] += n * (not ok)
        if not ok:
            errors.append(
                (
                    " ".join(d_tokens[tok_start:tok_end]),
                    " ".join(t_tokens[tok_start:tok_end]),
                    " ".join(p_tokens[tok_start:tok_end]),
                    "damaged" if chars else "boundary" if bound else "clean",
                )
            )
    damaged_n = counts["damaged"]
    clean_n = counts["clean"]
    return {
        "tokens": len(damaged.reference.split()),
        "damaged": damaged_n,
        "restored": counts["restored"],
        "recall": counts["restored"] / damaged_n if damaged_n else 1.0,
        "untouched": counts["untouched"],
        "miscorrected": damaged_n - counts["restored"] - counts["untouched"],
        "damaged_boundary": counts["damaged_boundary"],
        "restored_boundary": counts["restored_boundary"],
        "boundary_only": counts["boundary_only"],
        "boundary_kept": counts["boundary_kept"],
        "clean": clean_n,
        "false_changes": counts["false_changes"],
        "false_change_rate": counts["false_changes"] / clean_n if clean_n else 0.0,
        "errors": errors,
    }
