"""Scale work keeps answers: fast paths give what the plain definitions give."""

from __future__ import annotations

from difflib import SequenceMatcher

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

import plancompare
from plancompare.decode import read_source
from plancompare.forms.application_form import FIELDS, field_of, fold
from plancompare.forms.base import Unit, uncovered
from plancompare.paths import raw_dir
from plancompare.summary import coverage

SPACES = " \n\t\u00a0\u2003\u3000"


def test_every_line_number_counts_the_newlines_before_the_unit():
    frame = plancompare.load()
    for file, group in frame.groupby("source_file"):
        raw = read_source(raw_dir() / file).text
        expected = [raw.count("\n", 0, s) + 1 for s in group.char_start]
        assert group.line.tolist() == expected, file


def _field_by_definition(line: str, threshold: float = 0.85) -> tuple[str, str] | None:
    """The form field a line names: the best ratio over every field (difflib, no shortcuts)."""
    got = fold(line)
    if not got or len(got) > 40:
        return None
    best = max(FIELDS, key=lambda f: SequenceMatcher(None, got, fold(f[0])).ratio())
    return best if SequenceMatcher(None, got, fold(best[0])).ratio() >= threshold else None


_NEAR_FIELDS = st.sampled_from([name for name, _ in FIELDS]).flatmap(
    lambda name: st.lists(st.integers(0, len(name) - 1), max_size=3).map(
        lambda cut: "".join(ch for i, ch in enumerate(name) if i not in cut)
    )
)


@given(st.one_of(_NEAR_FIELDS, st.text(alphabet="abcdeflmnorstuåäöé /()" + SPACES, max_size=60)))
def test_field_of_agrees_with_comparing_every_field(line):
    assert field_of(line) == _field_by_definition(line)


def test_field_of_tolerates_ocr_damage_and_rejects_prose():
    assert field_of("Plan for uppfoljning") == ("Plan för uppföljning", "follow_up")
    assert field_of("Bedomning") == ("Bedömning", "meta")
    assert field_of("Kostnaden för insatsen redovisas i bilaga två till ansökan.") is None


def _solid_runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of non-whitespace characters no span covers, character by character."""
    held = [any(s <= i < e for s, e in spans) for i in range(len(text))]
    runs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if held[i] or ch.isspace():
            continue
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


@st.composite
def text_and_spans(draw):
    text = draw(st.text(alphabet="ab" + SPACES, min_size=1, max_size=30))
    text = text if text.strip() else "a" + text  # a plan file holds some text
    n = len(text)
    spans = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(1, 6)).map(
                lambda t: (t[0], min(n, t[0] + t[1]))
            ),
            max_size=6,
        )
    )
    return text, spans


@given(text_and_spans())
def test_uncovered_finds_every_uncovered_run(case):
    text, spans = case
    assert uncovered(text, [Unit(s, e, "meta") for s, e in spans]) == _solid_runs(text, spans)


@given(text_and_spans(), st.lists(st.booleans(), min_size=6, max_size=6))
def test_coverage_agrees_with_counting_character_by_character(tmp_path_factory, case, furniture):
    text, spans = case  # no "\r" in the alphabet: the decoded text is the text itself
    data = tmp_path_factory.mktemp("data")
    (data / "raw").mkdir()
    (data / "raw" / "a.txt").write_text(text, encoding="utf-8", newline="")
    if not spans:
        return
    kinds = ["furniture" if f else "context" for f in furniture[: len(spans)]]
    frame = pd.DataFrame(
        {
            "source_file": "a.txt",
            "char_start": [s for s, _ in spans],
            "char_end": [e for _, e in spans],
            "kind": kinds,
        }
    )
    row = coverage(frame, data).loc["a.txt"]
    layers = [sum(s <= i < e for s, e in spans) for i in range(len(text))]
    solid = [i for i, ch in enumerate(text) if not ch.isspace()]

    assert row.chars == len(solid)
    assert row.covered_once == sum(layers[i] == 1 for i in solid)
    assert row.covered_twice == sum(layers[i] > 1 for i in solid)
    assert row.uncovered == sum(layers[i] == 0 for i in solid)
    furniture_chars = sum(
        not text[i].isspace()
        for (s, e), k in zip(spans, kinds, strict=True)
        if k == "furniture"
        for i in range(s, e)
    )
    assert row.furniture_chars == furniture_chars
