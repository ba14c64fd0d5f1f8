"""Parsers: lossless on any text, and the structural markers of each form."""

from __future__ import annotations

import csv
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancompare.errors import PlanError
from plancompare.forms import PARSERS, check_coverage
from plancompare.forms.application_form import field_of
from plancompare.forms.base import canonical_tags, check_links, split_tags
from plancompare.forms.generic import parse as generic_parse
from plancompare.paths import RESOURCES

# Lines that look like the forms' markers, mixed with arbitrary text, so that the
# structural branches of every parser are exercised, not only the plain-paragraph path.
MARKERS = [
    "Status\tAktivitet\tSlutdatum", " Klar\t1. Gör något\t2021-12-31", "\t<p>1.1 Gör X [A & b]</p>",
    "<p>Utförare HR</p>", "<p>Uppföljning & utvärdering Klart</p>", "Aktivetsbeskrivning <p>Text",
    "Insatser Tema", "  • En insats.", "- punkt", "Effekter Tema", "Kontakt", "På sidan",
    "Mål: Kompetens", "Uppdrag", "Förtydligande av uppdrag", "Samordna arbetet. KS",
    "(Tekniska nämnden)", "Malgrupp", "(Beskriv)", "Insats", "1 Att rekrytera", "Bedomning",
    "Sidan uppdaterad 2024-01-18", "-", "", "   ", "# Rubrik", "2) Andra punkten", "</p>", "<p>",
    "Foto: Per Persson", "Dela:", "Åtgärder:", "Styrelsen beslutar att", "* inhämta synpunkter,",
    "Beslut 1. Anta planen. 2. Uppmana nämnderna att Gör X. Målet är att alla ska ha jobb.",
    "Regeringen uppdrar åt Skolverket att utreda. Skolverket ska redovisa.", "2022 - 2024: Tema",
    "Uppdraget innebär att under 2024:", "Aktivitet 6.2 förs över.", "Datum:", "Anna Andersson",
    "2 Sidan två: följande behöver göras: 1. Mål behöver ställas upp 2. Stärka X 1. Målen",
    "Rekryteringen behöver utvecklas.", "Uppdraget ska redovisas senast i maj.",
]  # fmt: skip
line = st.one_of(st.sampled_from(MARKERS), st.text(max_size=60))
texts = st.lists(line, max_size=25).map("\n".join)


@pytest.mark.parametrize("form", sorted(PARSERS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_every_parser_is_lossless_or_raises_plan_error(form, text):
    try:
        units = PARSERS[form](text)
    except PlanError:
        return
    check_coverage(text, units)
    check_links(units)


def test_structure_vocabulary_files_are_well_formed():
    for path in sorted((RESOURCES / "forms").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert rows, path.name
        for row in rows:
            assert None not in row and all(v is not None for v in row.values()), (path.name, row)
            if "pattern" in row:
                re.compile(row["pattern"])


@pytest.mark.parametrize("form", sorted(PARSERS))
def test_parsers_accept_empty_and_blank_text(form):
    assert PARSERS[form]("") == []
    assert PARSERS[form](" \n\t\n") == []


def test_generic_reads_headings_bullets_numbers_and_paragraphs():
    text = (
        "Kompetensplan 2025\n\nBakgrund\n\nVi saknar lärare. Det är svårt.\n\n"
        "Åtgärder\n\n• Rekrytera fler lärare\n• Behåll de vi har\n\n"
        "1. Inför mentorskap\n\nUppföljning\n\nVi följer upp varje år.\n"
    )
    units = generic_parse(text)
    check_coverage(text, units)
    kinds = [(u.kind, (u.text or text[u.start : u.end]).strip()) for u in units]
    assert ("measure", "Rekrytera fler lärare") in kinds
    assert ("measure", "Inför mentorskap") in kinds
    assert ("context", "Vi saknar lärare. Det är svårt.") in kinds
    assert ("follow_up", "Vi följer upp varje år.") in kinds
    assert [u.ref for u in units if u.kind == "measure"] == ["", "", "1"]


def test_generic_keeps_markup_as_text_and_long_lines():
    text = "<script>alert(1)</script> **fet** " + "ord " * 5000
    units = generic_parse(text)
    check_coverage(text, units)
    assert len(units) == 1


def test_tags_fold_case_och_and_doubled_letters():
    variants = [
        "Utveckla organisation & arbetsätt",
        "Utveckla organisation och arbetssätt",
        "Utveckla organisation & arbetssätt",
        "Behålla & utveckla",
    ]
    mapping = canonical_tags(variants)
    assert set(mapping.values()) == {"Utveckla organisation & arbetssätt", "Behålla & utveckla"}
    assert split_tags("Gör X. [A], [B]") == ("Gör X.", ("A", "B"))


@pytest.mark.parametrize(
    ("line", "field"),
    [("Plan for uppfoljning", "Plan för uppföljning"), (" Bedomning", "Bedömning"),
     ("Malgrupp", "Målgrupp"), ("Omfattning/tid", "Omfattning/tid")],
)  # fmt: skip
def test_application_form_headings_survive_ocr_damage(line, field):
    assert field_of(line)[0] == field


def test_application_form_does_not_take_prose_for_a_heading():
    assert field_of("Kostnad kommer att redovisas utifran varje separat ansdkan") is None
    assert field_of("Insatsen kommer att benämnas Framsteg") is None
