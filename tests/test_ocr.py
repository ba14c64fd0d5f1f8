"""Tests for plancompare.ocr: repair of å/ä/ö misread by OCR in Swedish plans.

The figures asserted here are the goals a user relies on (issue 3): at least 97 % of damaged
tokens restored and at most 0.5 % of clean tokens changed,

* on the Södertälje scan (data/raw/003) against a hand-corrected reference
  (tests/data/ocr/003_reference.txt, see the README beside it), and
* on the clean plans damaged synthetically with the same confusion model, each plan repaired
  with a lexicon built from the *other* plans only (leave one plan out), so the vocabulary of
  the text being repaired is never in the corpus lexicon.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancompare import ocr, paths

DATA = Path(__file__).parent / "data" / "ocr"
RAW_003 = paths.raw_dir() / "003_fe82394e5538ee61.txt"
GOAL_RECALL = 0.97
GOAL_FALSE_CHANGE = 0.005


def _manifest_rows() -> list[dict[str, str]]:
    with paths.manifest_path().open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _clean_rows() -> list[dict[str, str]]:
    return [row for row in _manifest_rows() if row["ocr"] == "false"]


def _text(row: dict[str, str]) -> str:
    return (paths.raw_dir() / row["file"]).read_text(encoding="utf-8")


def _without_tags(text: str) -> str:
    return re.sub(r"</?p>", " ", text)


@pytest.fixture(scope="module")
def repairer() -> ocr.OcrRepairer:
    return ocr.default_repairer()


@pytest.fixture(scope="module")
def raw_003() -> str:
    return RAW_003.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reference_003() -> str:
    return (DATA / "003_reference.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def repaired_003(repairer: ocr.OcrRepairer, raw_003: str) -> str:
    return repairer.repair(raw_003)


@pytest.fixture(scope="module")
def leave_one_plan_out() -> list[tuple[dict[str, str], ocr.OcrRepairer]]:
    """(plan row, repairer whose lexicon holds only the other plans' texts)."""
    rows = _clean_rows()
    out = []
    for row in rows:
        others = [_text(o) for o in rows if o["plan_id"] != row["plan_id"]]
        out.append((row, ocr.OcrRepairer(lexicon_texts=others)))
    return out


# --- the reference fixture -------------------------------------------------------------------


def test_reference_is_aligned_with_the_raw_scan(raw_003: str, reference_003: str) -> None:
    """Same tokens one for one and identical whitespace; 003 is flagged as OCR in the manifest."""
    assert len(raw_003.split()) == len(reference_003.split()) == 590
    assert re.split(r"\S+", raw_003) == re.split(r"\S+", reference_003)
    assert {r["file"]: r["ocr"] for r in _manifest_rows()}[RAW_003.name] == "true"
    # roughly one token in four is damaged in the scan
    damaged = sum(a != b for a, b in zip(raw_003.split(), reference_003.split(), strict=True))
    assert damaged == 156


# --- measured quality --------------------------------------------------------------------------


def test_sodertalje_scan_meets_the_goal(raw_003, reference_003, repaired_003) -> None:
    m = ocr.evaluate(raw_003, reference_003, repaired_003)
    assert m["damaged"] == 156 and m["clean"] == 434
    assert m["recall"] >= GOAL_RECALL, m["errors"]
    assert m["false_change_rate"] <= GOAL_FALSE_CHANGE, m["errors"]


@pytest.mark.parametrize("rate", [1.0, 0.5])
def test_synthetic_damage_leave_one_plan_out_meets_the_goal(leave_one_plan_out, rate) -> None:
    totals = {"damaged": 0, "restored": 0, "clean": 0, "false_changes": 0}
    for seed in (0, 1, 2):
        for row, repairer in leave_one_plan_out:
            reference = _without_tags(_text(row))
            damaged = ocr.damage(reference, rate=rate, seed=seed)
            m = ocr.evaluate(damaged, reference, repairer.repair(damaged))
            for key in totals:
                totals[key] += m[key]
    assert totals["damaged"] > 1000
    assert totals["restored"] / totals["damaged"] >= GOAL_RECALL, totals
    assert totals["false_changes"] / totals["clean"] <= GOAL_FALSE_CHANGE, totals


def test_clean_plans_are_left_alone(leave_one_plan_out) -> None:
    """Undamaged plans (lexicon without them) come back unchanged, whole and by sentence."""
    for row, repairer in leave_one_plan_out:
        text = _text(row)
        assert repairer.repair(text) == text
        assert repairer.misreading_rate(text) < 0.01
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            assert repairer.repair(sentence) == sentence


# --- facts of the Södertälje scan ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "restored"),
    [
        ("kompetensforsoérjningsfonden", "kompetensförsörjningsfonden"),  # oé for ö, compound
        ("introduktionséret", "introduktionsåret"),  # linking s
        ("skolledarméten", "skolledarmöten"),  # stem of skolledare
        ("1irande", "lärande"),  # 1i for lä
        ("18ng", "lång"),  # 18 for lå
        ("stiarka", "stärka"),  # ia for ä
        ("lédrare).", "lärare)."),  # éd for ä, punctuation kept
        ("(Férvéntat", "(Förväntat"),  # capital and bracket kept
        ("Sodertélje", "Södertälje"),
        ("Sodertérns", "Södertörns"),
        ("6vergripande", "övergripande"),
        ("&nnu", "ännu"),
        ("p4", "på"),
    ],
)
def test_damaged_words_of_the_scan_are_restored(raw_003, repaired_003, damaged, restored) -> None:
    raw_tokens, out_tokens = raw_003.split(), repaired_003.split()
    positions = [i for i, t in enumerate(raw_tokens) if t == damaged]
    assert positions, f"{damaged!r} is not in the scan"
    assert all(out_tokens[i] == restored for i in positions)


def test_real_word_errors_in_context(raw_003, repaired_003, reference_003) -> None:
    """Damaged tokens that are themselves words: decided by the text's damage rate and context."""
    raw, out, ref = raw_003.split(), repaired_003.split(), reference_003.split()
    for word in ("pa", "dar", "vag", "gatt", "ar", "an", "s", "sa", "over", "storre"):
        positions = [i for i, t in enumerate(raw) if t.strip(".,()") == word]
        assert positions, word
        assert all(out[i] == ref[i] for i in positions), word
    assert "Teach for Sweden" in repaired_003  # English stays English
    assert "det är satt i ett begripligt sammanhang" in repaired_003  # satt is right here
    assert "på ett begripligt sätt" in repaired_003
    assert "så att det blir bra stöd," in repaired_003


def test_authors_typos_are_not_ocr_damage(raw_003, repaired_003) -> None:
    for typo in ("utbidlning", "strutkur", "kellegialt", "elelr", "kvaltietsarbete", "transparant"):
        assert typo in raw_003 and typo in repaired_003


def test_changes_report_offsets_and_scores(repairer, raw_003, repaired_003) -> None:
    changes = repairer.changes(raw_003)
    assert len(changes) == sum(
        a != b for a, b in zip(raw_003.split(), repaired_003.split(), strict=True)
    )
    for c in changes:
        assert raw_003[c.start : c.end] == c.original
        assert repaired_003[c.new_start : c.new_end] == c.replacement
        assert c.score > 0 and c.kind in {"non-word", "real-word"}
    rows = [c.as_dict() for c in changes]
    assert set(rows[0]) >= {"original", "replacement", "start", "end", "score"}


def test_span_mapping(repairer, raw_003) -> None:
    text, spans = repairer.repair_with_spans(raw_003)
    assert len(spans) == len(raw_003.split())
    for span in spans:
        assert raw_003[span.orig_start : span.orig_end] == raw_003.split()[span.index]
        assert text[span.new_start : span.new_end] == text.split()[span.index]
    last = spans[-1]
    assert ocr.map_offset(spans, last.orig_start) == last.new_start
    assert ocr.map_offset(spans, len(raw_003)) == len(text)


def test_estimated_misreading_rate(repairer, raw_003) -> None:
    """Every å/ä/ö of the scan was misread; the estimate sees that, and sees clean text as clean."""
    assert repairer.misreading_rate(raw_003) > 0.95
    assert repairer.misreading_rate(_text(_clean_rows()[0])) < 0.01


# --- behaviour on text never seen --------------------------------------------------------------


def test_unseen_text() -> None:
    """A paragraph written for this test (in no plan), damaged by hand with the scan's readings.

    ``nér`` is genuinely ambiguous from the token (``når`` or the more frequent ``när``); it is
    the one error allowed, everything else must come back and nothing clean may change.
    """
    reference = (
        "Nämnden följer upp hur väl skolorna når målen. Lärarnas möjligheter till "
        "kompetensutveckling ska öka och fler behöriga förskollärare ska rekryteras under året."
    )
    damaged = (
        "Namnden féljer upp hur vél skolorna nér malen. Lérarnas mojligheter till "
        "kompetensutveckling ska 6ka och fler behériga forskolldrare ska rekryteras under éret."
    )
    m = ocr.evaluate(damaged, reference, ocr.repair_ocr(damaged))
    assert m["damaged"] == 11
    assert m["restored"] >= 10, m["errors"]
    assert m["false_changes"] == 0


def test_case_and_punctuation_are_kept() -> None:
    assert ocr.repair_ocr("FORSKOLAN, Forskolan; forskolan.") == "FÖRSKOLAN, Förskolan; förskolan."
    assert ocr.repair_ocr("\t(ldrare)\n\n") == "\t(lärare)\n\n"
    assert ocr.repair_ocr("HR-direktor") == "HR-direktör"


def test_acronyms_numbers_and_markup_are_left_alone() -> None:
    text = "VFU, IKT och CPU 2018-2021, vt-18, 1.1 <p>Klar</p> K-samverkan t ex 3 st"
    assert ocr.repair_ocr(text) == text


def test_function_word_context() -> None:
    """Real-word damage decided by the left neighbour's word class (function_words.tsv)."""
    damaged = "Vi ska vara ett bra stod for vara ldrare i tva ar och arbeta for att starka dem."
    assert ocr.repair_ocr(damaged) == (
        "Vi ska vara ett bra stöd för våra lärare i två år och arbeta för att stärka dem."
    )
    assert ocr.repair_ocr("Det ar 3 ar sedan. Vi ar pa vag.") == "Det är 3 år sedan. Vi är på väg."


def test_english_is_left_alone() -> None:
    assert ocr.repair_ocr("Teach for Sweden och ldrare for elever") == (
        "Teach for Sweden och lärare för elever"
    )
    english = "The plan for 2024 is to recruit more teachers and support our staff over time."
    assert ocr.repair_ocr(english) == english


def test_lexicon_texts_are_an_argument() -> None:
    """The corpus vocabulary comes from the texts passed in (here without wordfreq at all)."""
    r = ocr.OcrRepairer(lexicon_texts=["Skolledarna i Hälsingland träffas."], use_wordfreq=False)
    assert r.repair("Skolledarna i Halsingland traffas.") == "Skolledarna i Hälsingland träffas."
    empty = ocr.OcrRepairer(lexicon_texts=[], use_wordfreq=False)
    assert empty.repair("Halsingland") == "Halsingland"


def test_default_lexicon_reads_the_clean_plans_of_the_manifest() -> None:
    texts = ocr.default_lexicon_texts()
    assert len(texts) == len(_clean_rows()) == 4
    assert not any("forsoérjningsfonden" in t for t in texts)


# --- confusion model, damage and evaluation ------------------------------------------------------


def test_confusion_model_is_data() -> None:
    model = ocr.load_confusions()
    for letter in "åäö":
        assert sum(c.weight for c in model if c.letter == letter) == pytest.approx(1.0)
    readings = {(c.observed, c.intended) for c in model}
    assert {("oé", "ö"), ("1i", "lä"), ("18", "lå"), ("&", "ä"), ("", "å")} <= readings


def test_confusion_file_is_validated(tmp_path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("observed\tintended\tweight\no\tx\t1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="å/ä/ö"):
        ocr.load_confusions(bad)


def test_damage_is_seeded_and_uses_the_model() -> None:
    text = _without_tags(_text(_clean_rows()[0]))
    assert ocr.damage(text, rate=1.0, seed=7) == ocr.damage(text, rate=1.0, seed=7)
    assert ocr.damage(text, rate=1.0, seed=7) != ocr.damage(text, rate=1.0, seed=8)
    assert ocr.damage(text, rate=0.0, seed=7) == text
    full = ocr.damage(text, rate=1.0, seed=7)
    assert not re.search("[åäöÅÄÖ]", full)
    assert len(full.split()) == len(text.split())


def test_evaluate_counts_tokens() -> None:
    m = ocr.evaluate("f6r ldrare och pa", "för lärare och på", "för lärare ock på")
    assert (m["damaged"], m["restored"], m["clean"], m["false_changes"]) == (3, 3, 1, 1)
    assert m["recall"] == 1.0 and m["false_change_rate"] == 1.0
    with pytest.raises(ValueError):
        ocr.evaluate("a b", "a", "a b")


# --- properties -------------------------------------------------------------------------------

_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_token_count_and_whitespace_never_change(text: str) -> None:
    out = ocr.repair_ocr(text)
    assert len(out.split()) == len(text.split())
    assert re.split(r"\S+", out) == re.split(r"\S+", text)


_CLEAN_TEXTS = [_without_tags(t) for t in ocr.default_lexicon_texts()]
_SWEDISH_WORDS = sorted({w for t in _CLEAN_TEXTS for w in re.findall(r"[^\W\d_]+", t)})


@_SETTINGS
@given(st.data())
def test_clean_swedish_passages_are_left_alone(data) -> None:
    """Any run of consecutive tokens from a clean plan comes back unchanged."""
    tokens = data.draw(st.sampled_from(_CLEAN_TEXTS)).split()
    start = data.draw(st.integers(min_value=0, max_value=len(tokens) - 1))
    length = data.draw(st.integers(min_value=1, max_value=25))
    passage = " ".join(tokens[start : start + length])
    assert ocr.repair_ocr(passage) == passage


@_SETTINGS
@given(st.lists(st.sampled_from(_SWEDISH_WORDS), min_size=1, max_size=14))
def test_clean_swedish_words_are_left_alone(words: list[str]) -> None:
    """Corpus words in any order, after a clean sentence that shows the text is undamaged.

    (Without such evidence a word salad like "varje har" is not clean Swedish: the repairer may
    read it as damaged "varje här", which is the point of the context rules.)
    """
    sentence = "Vår förskola är på väg att bli större och bättre. " + " ".join(words) + "."
    assert ocr.repair_ocr(sentence) == sentence


@_SETTINGS
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from([1.0, 0.6]))
def test_repair_is_idempotent(seed: int, rate: float) -> None:
    rows = _clean_rows()
    text = _without_tags(_text(rows[seed % len(rows)]))
    start = (seed * 7919) % max(1, len(text) - 600)
    damaged = ocr.damage(text[start : start + 600], rate=rate, seed=seed)
    once = ocr.repair_ocr(damaged)
    assert ocr.repair_ocr(once) == once
