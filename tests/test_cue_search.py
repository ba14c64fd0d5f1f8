"""The unit-kind cue search skips sentences by the cues' anchors and finds the same cues.

``kinds.cues`` answers "no" without running a cue's regular expression when the lower-cased
sentence holds none of the literal strings read off the pattern (its anchors). These tests
check that shortcut against the plain search: on the phrases the vocabulary glosses, on text
made of the anchors' own pieces, and on characters that re.IGNORECASE folds unlike
``str.lower`` (``ſ`` is ``s``, ``ı`` and ``İ`` are ``i``); and the same for the sentence patterns
searched the same way (``kinds._GATED``: dates, deadlines).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plancompare.forms import kinds
from plancompare.forms.vocab import read_rows


def plain_cues(sentence: str) -> frozenset[str]:
    """The cues by searching every cue's pattern, as before the anchors."""
    text = sentence.strip()
    return frozenset(c for c, p in kinds._cue_patterns().items() if p.search(text))


def anchor_pieces() -> list[str]:
    return sorted({a for found in kinds._cue_anchors().values() for a in found or ()})


def test_every_cue_has_anchors():
    # an anchorless cue would only be slower, not wrong; say so when one appears
    assert {c for c, a in kinds._cue_anchors().items() if a is None} == set()
    assert "uppdrag" in kinds._cue_anchors()["uppdrag_received"]


def test_glossed_phrases_are_found_with_and_without_anchors():
    for row in read_rows("sentence_cues.csv"):
        for example in row["gloss"].split(":")[-1].split(","):
            assert kinds.cues(example) == plain_cues(example), example


def test_case_folding_that_lower_does_not_do_falls_back_to_the_search():
    for text in ("Planen beſkriver målen", "Planen BESKRİVER målen", "Vı har fått uppdrag att"):
        assert kinds._lowered(text) is None
        assert kinds.cues(text) == plain_cues(text)
    assert kinds.cues("SYFTET är att") == plain_cues("SYFTET är att") == {"purpose"}


_PIECES = st.sampled_from(
    [*anchor_pieces(), "att", "ska", "har", "som", "i", " ", ". ", ",", "2024", "Kap", "ſ", "ı"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=4), max_size=14).map("".join))
def test_anchored_search_finds_what_the_plain_search_finds(text):
    for variant in (text, text.upper(), text.title()):
        assert kinds.cues(variant) == plain_cues(variant)


_GATE_PIECES = st.sampled_from(
    [
        *sorted({a for found in kinds._gate_anchors().values() for a in found or ()}),
        "år",
        "till år",
        "2024",
        "1999",
        "20245",
        "3 ",
        " ",
        "bli",
        "ſenast",
        "MARS",
        "ı",
        ", som ",
        ", ",
        "Om ",
        "för att ",
        "när ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_GATE_PIECES | st.text(max_size=4), max_size=12).map("".join))
def test_gated_sentence_patterns_find_what_their_search_finds(text):
    # the dates and deadlines of a sentence are searched only where an anchor occurs
    for variant in (text, text.upper(), text.title()):
        for pattern in kinds._GATED:
            found = kinds._gated(pattern, variant, kinds._lowered(variant))
            assert found == (pattern.search(variant) is not None), (pattern.pattern, variant)
            # the modal patterns are searched in the main clause, gated by the sentence
            if not kinds._may_match(pattern, kinds._lowered(variant)):
                assert pattern.search(kinds.main_clause(variant)) is None, (pattern, variant)


def test_a_date_is_found_through_its_anchors():
    text = "Alla medarbetare ska ha en plan senast 1 mars 2026"
    assert kinds._gated(kinds._DATED, text, kinds._lowered(text))
    assert kinds._gated(kinds._DEADLINE, text, kinds._lowered(text))
    assert not kinds._gated(
        kinds._DATED, "Alla ska ha en plan", kinds._lowered("Alla ska ha en plan")
    )
