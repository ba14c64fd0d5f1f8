"""The real-word slot rules of plancompare.ocr (data/ocr/slot_rules.tsv, issue 8).

When OCR damage turns a word into another real word (bör -> bor, är -> år, stöd -> stod), the
neighbours decide. Each rule of the data file is checked here on its own grammar: in the slot it
describes, the intended reading scores above the damaged one, and out of that slot the rule does
not fire. The end-to-end effect is measured on the unseen dev texts in tests/test_ocr.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plancompare.ocr.context import SLOT_TESTS, Context, load_slot_rules
from plancompare.ocr.lexicon import NUM, YEAR


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context()


# (left, right reading, damaged reading, right neighbour, rule that decides)
SLOTS = [
    ("kommunerna", "bör", "bor", "utvecklas", "modal_before_infinitive"),
    ("regeringen", "bör", "bor", "även", "modal_before_adverb"),
    (None, "här", "har", "nämns", "finite_before_finite"),
    (None, "här", "har", "bör", "finite_before_modal"),
    ("är", "så", "sa", "begränsat", "copula_before_finite"),
    ("detta", "är", "år", "ett", "copula_before_article"),
    (None, "när", "når", "det", "subordinator_before_subject"),
    (NUM, "har", "här", "intensifierat", "auxiliary_before_supine"),
    ("hållbart", "sätt", "satt", None, "noun_after_neuter_adjective"),
    ("långsiktigt", "stöd", "stod", "i", "noun_after_neuter_adjective"),
    ("att", "ändra", "andra", "målet", "verb_after_infinitive_marker"),
    ("meningen", "är", "år", "att", "copula_before_att"),
    ("arbetet", "är", "år", "effektivt", "copula_before_adjectival"),
    ("som", "är", "år", "ordinerade", "copula_after_relative"),
    ("vilket", "har", "här", "stöd", "auxiliary_after_relative"),
    ("ett", "sätt", "satt", "som", "past_after_determiner"),
    ("annat", "sätt", "satt", "kan", "past_after_determiner"),  # på annat sätt kan
    ("övergripande", "sätt", "satt", "hur", "past_after_present_participle"),
    ("som", "mäts", "mats", "i", "passive_after_relative"),  # det flöde som mäts i
    (None, "mäts", "mats", "genom", "passive_opens_clause_before_preposition"),
    ("ses", "lågt", "lagt", "järn", "supine_before_noun_after_finite"),
    ("få", "stöd", "stod", None, "preterite_after_infinitive"),
    ("ska", "gälla", "galla", "också", "verb_after_infinitive_marker"),
    (None, "stärk", "stark", "ledarskapet", "imperative_before_definite_noun"),
    (None, "vår", "var", "genomgång", "determiner_opens_clause_before_noun"),
    ("samtidigt", "bör", "bor", "möjligheten", "modal_before_definite_noun"),
    ("sikt", "stärka", "starka", "kunskapen", "infinitive_before_definite_noun"),
    ("redogörelse", "för", "får", "ärendet", "preposition_before_definite_noun"),
    ("beslutades", "år", "är", NUM, "finite_after_preterite"),
    ("till", "var", "vår", "och", "determiner_before_coordinator"),  # till var och en
    ("och", "stärka", "starka", "kompetensen", "infinitive_after_coordinator_before_definite_noun"),
    ("har", "fastställts", "fastställs", "av", "supine_after_auxiliary"),
    ("tre", "år", "där", None, "time_noun_after_numeral"),  # på tre år.
    (None, "år", "är", YEAR, "time_noun_before_year"),  # År 2050 ska ...
    ("kunden", "år", "är", YEAR, "time_noun_before_year"),  # ... kunden år 2024 betalade
    ("inte", "är", "år", "skyldig", "copula_after_negation"),  # om kunden inte är skyldig
    ("avgiften", "är", "år", "för", "copula_after_definite_noun"),  # avgiften är för hög
    ("i", "så", "sa", "fall", "degree_adverb_before_content"),  # i så fall
    ("blir", "så", "sa", "begränsat", "degree_adverb_before_adjectival"),
    ("vara", "så", "sa", "omfattande", "degree_adverb_before_participle"),
    ("det", "här", "har", "ärendet", "place_adverb_in_demonstrative"),  # i det här ärendet
    ("grupp", "är", "år", "vanlig", "copula_before_adjective"),  # varje grupp är vanlig
    ("rikta", "vårt", "vart", "fokus", "possessive_before_content"),  # rikta vårt fokus mot
    ("ett", "väl", "val", "fungerande", "manner_adverb_before_participle"),  # ett väl fungerande
    ("att", "ingå", "inga", "i", "infinitive_between_marker_and_preposition"),  # att ingå i
    ("ska", "ingå", "inga", "i", "infinitive_between_marker_and_preposition"),  # ska ingå i
    ("föregående", "år", "är", "till", "time_noun_after_participle"),  # föregående år
    ("fjorton", "har", "här", "ett", "auxiliary_before_article"),  # varav fjorton har ett län
    ("utlänningen", "har", "här", "en", "auxiliary_before_article"),  # har en livshotande
    ("fem", "har", "här", "två", "auxiliary_before_numeral"),  # fem har två län
]


@pytest.mark.parametrize(("left", "good", "bad", "right", "rule"), SLOTS)
def test_each_rule_favours_the_intended_reading_in_its_slot(
    ctx, left, good, bad, right, rule
) -> None:
    """The rule moves the margin of the intended reading over the damaged one up; with the
    other rules it wins or ties (a tie leaves the choice to the channel and the frequencies:
    a rule may only cancel another, e.g. ``detta`` as a determiner before ``är ett``)."""
    without = Context()
    without.rules = tuple(r for r in without.rules if r.name != rule)
    assert len(without.rules) == len(ctx.rules) - 1
    margin = ctx.grammar(left, good, right) - ctx.grammar(left, bad, right)
    assert margin > without.grammar(left, good, right) - without.grammar(left, bad, right)
    assert margin >= 0


def test_every_rule_of_the_data_file_is_exercised() -> None:
    assert {r.name for r in load_slot_rules()} == {s[-1] for s in SLOTS}


@pytest.mark.parametrize(
    ("left", "word", "other", "right"),
    [
        ("de", "bor", "bör", "redan"),  # de bor redan någonstans: no conjunctive adverb
        ("i", "år", "är", NUM),  # i år 2024: a preposition opens a noun phrase
        ("som", "för", "for", "respektive"),  # a finite verb after som is not favoured as such
        ("arbetsschemat", "ingår", "ingar", "tid"),  # a definite noun in -t is no adjective
        ("systematiskt", "utfrågar", "utfragar", "en"),  # an adverb before a present tense
        ("att", "kalla", "källa", "regionen"),  # kalla is a verb too, not only kall's plural
        (None, "i", "öl", "sammanhanget"),  # too short to be read as an imperative
        ("i", "dom", "döm", "den"),  # dom (lemma de, a pronoun) is no finite verb after i
        ("de", "bor", "bör", "inte"),  # de bor inte där: a modal is finite too, no more
        ("ansvaret", "för", "får", "det"),  # för det: det after a modal is no evidence
        ("kostnaden", "är", "år", NUM),  # kostnaden är 400 kronor: a number is no year
        (NUM, "ref", "året", NUM),  # RÅ 2005 ref. 8: digits are no numeral word
        ("det", "satt", "sätt", "en"),  # det satt en man: det is a subject, no determiner
        (None, "mats", "mäts", "och"),  # Mats och Eva: a name before a conjunction
        ("som", "satt", "sätt", "i"),  # de som satt i styrelsen: a preterite is no passive
        ("har", "lagt", "lågt", "grunden"),  # har lagt grunden: ha takes its supine
        ("hålls", "vart", "vårt", "fjärde"),  # vart fjärde år: an ordinal is a numeral
        ("till", "vart", "vårt", "och"),  # vart och ett: each, before a conjunction
        (None, "vart", "vårt", "tar"),  # Vart tar pengarna vägen: a question's verb
        ("allmänna", "val", "väl", None),  # allmänna val: no participle after it
        ("övergripande", "är", "år", "att"),  # det övergripande är att: a copula before att
    ],
)
def test_rules_leave_other_slots_alone(ctx, left, word, other, right) -> None:
    """Out of their slots the rules do not tip a correct word towards its damaged look-alike."""
    assert ctx.grammar(left, word, right) >= ctx.grammar(left, other, right)


def test_the_verb_tests_read_the_lemmas() -> None:
    """``gälla`` and ``kalla`` are infinitives although the lemmatizer reads them as adjectives;
    ``andra`` (lemma ``annan``), ``starka`` and ``galla`` are not."""
    infinitive = SLOT_TESTS["infinitive"]
    assert [infinitive(w) for w in ("gälla", "kalla", "ändra", "förstå")] == [True] * 4
    assert [infinitive(w) for w in ("andra", "starka", "galla", "första")] == [False] * 4


def test_a_rule_naming_an_unknown_test_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rules.tsv"
    path.write_text("rule\tleft\tright\treading\tweight\texample\nx\tany\tnoun\tfinite\t1\t\n")
    with pytest.raises(ValueError, match="unknown test 'noun'"):
        load_slot_rules(path)


@pytest.mark.parametrize(
    ("words", "ahead"),
    [
        (["det", "införas", None], True),  # bör det införas
        (["inte", "heller", "inskränkas"], True),  # bör inte heller inskränkas
        (["därför", "pröva"], True),  # bör därför pröva
        (["ändras"], False),  # the right neighbour itself: grammar weighs it already
        (["i", "en", "skola"], False),  # bor i en skola: a preposition opens another phrase
        (["perioden", "genomsyras"], False),  # den här perioden genomsyras: no modal's clause
        (["det", None, "införas"], False),  # the clause ends first
        (["kvar", "och", "kan", "arbeta"], False),  # bor kvar och kan arbeta
    ],
)
def test_a_modal_wants_an_infinitive_a_few_words_on(ctx, words, ahead) -> None:
    """``Context.infinitive_ahead``: a bare infinitive past pronouns and sentence adverbs, and
    with it the modal reading gains over another finite verb (bör det införas, not bor)."""
    assert ctx.infinitive_ahead(words) is ahead
    if ahead:
        margin = ctx.grammar(None, "bör", words[0], True) - ctx.grammar(None, "bor", words[0], True)
        assert margin > ctx.grammar(None, "bör", words[0]) - ctx.grammar(None, "bor", words[0])
        assert margin > 0


def test_rules_replaced_after_use_are_the_rules_applied() -> None:
    """The rules a word passes are remembered per word; replacing the rules (as the test of
    each rule above does) forgets them, so the grammar is that of the new rules."""
    ctx = Context()
    before = ctx.grammar("detta", "är", "ett")
    ctx.rules = tuple(r for r in ctx.rules if r.name != "copula_before_article")
    fresh = Context()
    fresh.rules = ctx.rules
    assert ctx.grammar("detta", "är", "ett") == fresh.grammar("detta", "är", "ett") < before
