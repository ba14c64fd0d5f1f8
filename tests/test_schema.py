"""The unit model is declared once and every module agrees with it."""

from __future__ import annotations

import ast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plancompare import schema
from plancompare.errors import ParseError
from plancompare.forms import PARSERS
from plancompare.forms.base import Unit, check_coverage, check_links, levels
from plancompare.paths import PACKAGE_DIR


def test_forms_kinds_and_columns_are_declared_once():
    assert tuple(PARSERS) == schema.FORMS
    assert set(schema.COLUMN_DEFINITIONS) == set(schema.FRAME_COLUMNS)
    assert set(schema.KIND_DEFINITIONS) == set(schema.KINDS)
    groups = (schema.PLAN_COLUMNS, schema.PROVENANCE_COLUMNS, schema.UNIT_COLUMNS)
    assert sum(len(g) for g in groups) + 1 == len(schema.FRAME_COLUMNS)
    assert not set(schema.PLAN_COLUMNS) & set(schema.PROVENANCE_COLUMNS)


def _imports(path) -> set[str]:
    """The plancompare modules a source file imports (relative imports resolved by name)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("module", ["manifest.py", "plots/units.py", "plots/__init__.py"])
def test_data_flows_one_way(module):
    assert "forms" not in _imports(PACKAGE_DIR / module)


# ------------------------------------------------------------------ check_coverage, exhaustively


def _expected_ok(text: str, spans: list[tuple[int, int]]) -> bool:
    count = [0] * (len(text) + 1)
    for s, e in spans:
        if e > len(text):
            return False
        for i in range(s, e):
            count[i] += 1
    if any(c > 1 for c in count):
        return False
    return all(count[i] == 1 for i, ch in enumerate(text) if not ch.isspace())


@st.composite
def text_and_spans(draw):
    text = draw(st.text(alphabet="ab \n", min_size=1, max_size=12))
    n = len(text)
    spans = draw(
        st.lists(
            st.tuples(st.integers(0, n), st.integers(1, 4)).map(lambda t: (t[0], t[0] + t[1])),
            max_size=6,
        )
    )
    return text, spans


@given(text_and_spans())
def test_check_coverage_accepts_exactly_the_partitions(case):
    text, spans = case
    units = [Unit(s, e, "context") for s, e in spans]
    try:
        check_coverage(text, units)
        ok = True
    except ParseError:
        ok = False
    assert ok == _expected_ok(text, spans)


def test_check_coverage_rejects_overlap_and_nesting():
    for spans in ([(0, 3), (2, 5)], [(0, 5), (1, 2)], [(0, 5), (0, 5)], [(0, 9), (2, 3), (5, 6)]):
        with pytest.raises(ParseError, match="overlap"):
            check_coverage("abcdefghi", [Unit(s, e, "meta") for s, e in spans])


def test_links_and_levels():
    units = [
        Unit(0, 2, "measure"),
        Unit(3, 5, "measure", parent=0),
        Unit(6, 8, "measure", parent=3),
        Unit(9, 10, "context", link=3),
    ]
    check_links(units)
    assert levels(units) == {0: 1, 3: 2, 6: 3}
    with pytest.raises(ParseError, match="has a parent"):
        check_links([Unit(0, 2, "measure"), Unit(3, 5, "context", parent=0)])
    with pytest.raises(ParseError, match="no parent at 7"):
        check_links([Unit(3, 5, "measure", parent=7)])
    with pytest.raises(ParseError, match="links to no unit"):
        check_links([Unit(3, 5, "context", link=1)])
    with pytest.raises(ParseError, match="own ancestor"):
        check_links([Unit(0, 2, "measure", parent=3), Unit(3, 5, "measure", parent=0)])
    with pytest.raises(ValueError, match="outcome"):
        Unit(0, 2, "goal", outcome="done")
