"""Tests for plancompare.swedish: facts about Swedish a Swedish reader can check.

Expected values are Swedish grammar and vocabulary (``ska`` is a modal verb, not the noun
``skola``; ``rekryteringssystem`` is ``rekrytering`` + linking ``s`` + ``system``; ``lönsam``
is ``lön`` + the suffix ``-sam``, not a compound), not the code's own output.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import wordfreq
from hypothesis import given, settings
from hypothesis import strategies as st

from plancompare import paths, swedish
from plancompare.swedish import verbs
from plancompare.swedish.lemmatize import known_lemma

# ------------------------------------------------------------------------------------------------
# tokens and sentences
# ------------------------------------------------------------------------------------------------


def test_word_internal_colon_hyphen_and_apostrophe_stay_in_the_token():
    text = "Enligt SKR:s rapport ska e-tjänsten och HR-funktionen utvecklas 2020-2021."
    assert [t.text for t in swedish.tokenize(text)] == [
        "Enligt",
        "SKR:s",
        "rapport",
        "ska",
        "e-tjänsten",
        "och",
        "HR-funktionen",
        "utvecklas",
        "2020-2021",
    ]


def test_punctuation_at_the_edges_is_not_part_of_a_token():
    tokens = swedish.tokenize('"Öka" - (stödet)... Klart: ja, nej!')
    assert [t.text for t in tokens] == ["Öka", "stödet", "Klart", "ja", "nej"]


def test_spans_slice_back_to_the_token_text():
    text = "  Förskolans lärare får\thandledning av SKR:s experter.\n"
    for token in swedish.tokenize(text):
        assert text[token.start : token.end] == token.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aåäöéZ09 -:'’.,!?\n\t()"), max_size=80) | st.text())
def test_tokens_never_overlap_and_lie_inside_the_text(text):
    tokens = swedish.tokenize(text)
    previous_end = 0
    for token in tokens:
        assert 0 <= previous_end <= token.start < token.end <= len(text)
        assert text[token.start : token.end] == token.text
        assert not any(ch.isspace() for ch in token.text)
        assert token.text[0].isalnum() and token.text[-1].isalnum()
        previous_end = token.end


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("aåäöéZ09 -:'’.,!?\n\t()_"), max_size=80)
    | st.text()
    | st.text(alphabet=st.sampled_from(["a", "-", "\U0001d518", "\u0663", "\u00b2", "\ud800"]))
)
def test_word_bounds_are_the_token_spans(text):
    # the array form theme coding uses: the same words as tokenize, any script or plane
    # (a mathematical letter, Arabic and superscript digits, a lone surrogate)
    starts, ends = swedish.tokens.word_bounds(text)
    spans = [(t.start, t.end) for t in swedish.tokenize(text)]
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == spans


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in swedish.sentences(text)]


def test_abbreviations_do_not_end_a_sentence():
    text = (
        "Vi erbjuder bl.a. handledning, t.ex. för nya lärare. Kostnaden är ca. 20 000 kr "
        "per år, dvs. lite. Nästa steg följer."
    )
    assert _sentences(text) == [
        "Vi erbjuder bl.a. handledning, t.ex. för nya lärare.",
        "Kostnaden är ca. 20 000 kr per år, dvs. lite.",
        "Nästa steg följer.",
    ]


def test_m_m_ends_a_sentence_before_a_capital_but_not_before_lower_case():
    text = "Vi anställer lärare, rektorer m.m. Sedan följer vi upp. Lärare m.m. får stöd."
    assert _sentences(text) == [
        "Vi anställer lärare, rektorer m.m.",
        "Sedan följer vi upp.",
        "Lärare m.m. får stöd.",
    ]


def test_headings_bullets_and_blank_lines_end_sentences():
    text = "Insatser\n- Stärk introduktionen\n- Öka andelen behöriga lärare\n\nuppföljning sker"
    assert _sentences(text) == [
        "Insatser",
        "- Stärk introduktionen",
        "- Öka andelen behöriga lärare",
        "uppföljning sker",
    ]


def test_a_numbered_item_is_not_a_sentence_of_its_own():
    assert _sentences("1. Mål för arbetet\n2. Insatser") == ["1. Mål för arbetet", "2. Insatser"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aÅä .!?\n t.ex m.m 1)-"), max_size=80) | st.text())
def test_sentences_cover_every_non_whitespace_character_once(text):
    spans = swedish.sentences(text)
    covered = []
    previous_end = 0
    for a, b in spans:
        assert previous_end <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        covered.extend(range(a, b))
        previous_end = b
    assert sorted(set(covered)) == covered
    assert set(covered) >= {i for i, ch in enumerate(text) if not ch.isspace()}


# ------------------------------------------------------------------------------------------------
# lemmas and stop words
# ------------------------------------------------------------------------------------------------


def test_modal_verbs_are_verbs_not_nouns():
    assert swedish.lemma("ska") == "ska" != "skola"
    assert swedish.lemma("Skall") == "ska"
    assert swedish.lemma("skulle") == "ska"
    assert swedish.lemma("bör") == "böra"
    assert swedish.lemma("kan") == "kunna"
    assert swedish.lemma("måste") == "måste"
    assert {"ska", "böra", "kunna", "måste"} <= swedish.modal_verbs()


def test_the_noun_skola_still_lemmatizes_to_skola():
    assert swedish.lemma("skolan") == "skola"
    assert swedish.lemma("skolorna") == "skola"


def test_lemmas_of_plan_vocabulary():
    assert swedish.lemma("lärarna") == "lärare"
    assert swedish.lemma("Medarbetarna") == "medarbetare"
    assert swedish.lemma("stärker") == "stärka"
    # noun homographs the lemmatizer would read as verbs (plana, uppdra, åtgärda, nämna)
    assert [swedish.lemma(w) for w in ("plan", "uppdrag", "åtgärd", "nämnd")] == [
        "plan",
        "uppdrag",
        "åtgärd",
        "nämnd",
    ]
    assert swedish.lemma("planen") == swedish.lemma("plan")
    assert swedish.lemma("") == ""


def test_lemmas_follow_the_tokens():
    text = "Vi ska stärka SKR:s arbete med e-tjänster."
    assert len(swedish.lemmas(text)) == len(swedish.tokenize(text))
    assert swedish.lemmas(text)[:3] == ["vi", "ska", "stärka"]


def test_stop_words_are_the_function_words_but_not_the_modal_verbs():
    assert {"och", "att", "i", "det", "som", "för", "på", "med"} <= swedish.stopwords()
    assert not {"ska", "skall", "bör", "kan", "måste", "kunde", "skulle"} & swedish.stopwords()
    assert swedish.is_stopword("Och") and not swedish.is_stopword("kompetens")
    assert all(w == w.lower() and " " not in w for w in swedish.stopwords())


# ------------------------------------------------------------------------------------------------
# compounds and frequencies
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("kompetensförsörjningsfonden", ("kompetens", "försörjning", "fond")),
        ("rekryteringssystem", ("rekrytering", "system")),
        ("skolledare", ("skola", "ledare")),  # stem skol- of skola
        ("arbetsmiljö", ("arbete", "miljö")),  # stem arbet- of arbete, linking s
        ("löneutveckling", ("lön", "utveckling")),  # combining form löne-
        ("Verksamhetsplanen", ("verksamhet", "plan")),
        ("barnomsorgen", ("barn", "omsorg")),
        ("IT-stödet", ("it", "stöd")),
    ],
)
def test_compounds_split_into_lemmas_of_their_parts(word, parts):
    assert swedish.compound_parts(word) == parts


@pytest.mark.parametrize(
    "word",
    ["lönsam", "verksamhet", "kommun", "utveckling", "medarbetare", "förskola", "aktivitet"],
)
def test_simple_and_derived_words_stay_whole(word):
    # lönsam is lön + -sam (a suffix), kommun is not kom + mun, förskola is för- + skola
    assert swedish.compound_parts(word) == (swedish.lemma(word),)


def test_rekryteringssystem_parts_include_rekrytering():
    assert "rekrytering" in swedish.compound_parts("rekryteringssystemet")


def test_the_plain_search_picks_the_parts_the_general_search_picks():
    """compound_parts runs the compound search in the form plain words allow (one partial
    analysis per position); on every word of the seed plans and a synthetic corpus it picks
    the parts compound_analyses picks with the same segments and scoring."""
    from plancompare import paths
    from plancompare.swedish import compounds
    from plancompare.synthetic import synthetic_frame

    texts = [path.read_text(encoding="utf-8") for path in sorted(paths.raw_dir().glob("*.txt"))]
    texts += synthetic_frame(300, random_state=5).text.tolist()
    words = sorted({t.text.lower() for text in texts for t in swedish.tokenize(text)})
    words = [w for w in words if len(w) >= 6 and w.isalpha()]
    split = 0
    for w in words:
        segments = compounds._plain_segments(w)
        analyses = compounds.compound_analyses(w, segments, compounds._PARTS_SCORING)
        best = max(analyses, key=lambda a: a.score, default=None)
        found = compounds._plain_search(w)
        assert found == (best.parts if best is not None else None), w
        split += found is not None and len(found) > 1
    assert len(words) > 2000 and split > 300


def test_compound_parts_do_not_depend_on_what_was_analysed_before(monkeypatch):
    """The pieces remembered across words are a cache only: words analysed in another order,
    with the memory of pieces cleared every few pieces, split the same way."""
    from plancompare.swedish import compounds

    words = [
        "kompetensförsörjningsfonden",
        "skolledarna",
        "löneutveckling",
        "lönsam",
        "arbetsmiljöarbetet",
        "kompetensutveckling",
        "förskolan",
        "Verksamhetsplanen",
        "barnomsorgen",
        "rekryteringssystemet",
        "aktivitet",
        "skolutveckling",
    ]
    compounds.clear_memos()
    first = [swedish.compound_parts(w) for w in words]
    compounds.clear_memos()
    monkeypatch.setattr(compounds, "_PIECE_LIMIT", 3)
    again = [swedish.compound_parts(w) for w in reversed(words)][::-1]
    assert again == first
    assert first[:4] == [
        ("kompetens", "försörjning", "fond"),
        ("skola", "ledare"),
        ("lön", "utveckling"),
        ("lönsam",),
    ]
    assert len(compounds._inner_pieces) <= 3 and len(compounds._last_pieces) <= 3
    compounds.clear_memos()


@pytest.mark.parametrize("word", ["och", "kompetens", "lärare", "förändring", "Östersund"])
def test_zipf_is_wordfreqs_swedish_scale(word):
    assert swedish.zipf(word) == wordfreq.zipf_frequency(word.lower(), "sv", wordlist="large")


def test_zipf_orders_common_before_rare_and_unknown_is_zero():
    assert swedish.zipf("och") > swedish.zipf("lärare") > swedish.zipf("kompetensförsörjning") > 0
    assert swedish.zipf("qxzvkompetens") == 0.0


# ------------------------------------------------------------------------------------------------
# action verbs
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["Utveckla", "Ta", "Säkerställa", "Säkerställ", "Stärk", "Öka", "Höj", "Förläng", "Värna"]
    + ["Genomför", "Kartlägg", "inventera", "Erbjud", "Följ upp", "Ta fram", "kompetensutveckla"],
)
def test_infinitives_and_imperatives_of_action_verbs(word):
    assert swedish.is_action_verb(word)


@pytest.mark.parametrize(
    "word",
    # OCR damage of the verbs above is a real word that is no action verb
    ["Stark", "Hoj", "Åka", "Varna", "Bor", "Stod"]
    # other forms of action verbs, and other words
    + ["stärker", "ökade", "utvecklingen", "lärare", "Följ ner", ""],
)
def test_other_words_are_not_action_verbs(word):
    assert not swedish.is_action_verb(word)


def test_imperatives_are_derived_from_the_conjugation():
    assert verbs.verb_forms("stärka") == {"stärka", "stärk"}  # stärker: -er, imperative stärk
    assert verbs.verb_forms("öka") == {"öka"}  # ökar: -ar, imperative öka
    assert verbs.verb_forms("genomföra") == {"genomföra", "genomför"}  # present genomför


def test_the_lemmatizer_knows_every_listed_action_verb_as_a_verb():
    for lemma in sorted(swedish.action_verbs()):
        head = lemma.split()[0]
        assert head == head.lower() and head.endswith(("a", "e", "å")), lemma  # gå, föreslå
        known = known_lemma(head) == head or verbs.verb_forms(head) != {head}
        conjugated = any(verbs._conjugations(head[cut:]) for cut in range(len(head) - 2))
        assert known or conjugated, lemma


# ------------------------------------------------------------------------------------------------
# start-up
# ------------------------------------------------------------------------------------------------


def test_importing_plancompare_builds_nothing():
    code = (
        "import sys, plancompare, plancompare.swedish as sv\n"
        "from plancompare.swedish import frequencies\n"
        "assert frequencies.vocabulary.cache_info().currsize == 0\n"
        "heavy = {'wordfreq', 'simplemma', 'sklearn'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
        "assert callable(plancompare.log_odds)  # the analysis API is there, loaded on use\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_loading_the_seeds_does_not_import_scikit_learn(tmp_path):
    # every notebook kernel and CLI call loads the frame: parsing needs NumPy, not scikit-learn
    code = (
        "import sys, plancompare\n"
        "frame = plancompare.load(sys.argv[1], cache=False)\n"
        "assert len(frame) and 'sklearn' not in sys.modules, sorted(sys.modules)\n"
    )
    data = str(paths.data_dir())
    subprocess.run([sys.executable, "-c", code, data], check=True, cwd=tmp_path)


def test_a_second_load_of_the_seeds_imports_neither_simplemma_nor_tqdm(tmp_path):
    # the prepared lemma table answers most words; simplemma's answers for the rest are
    # remembered on disk by the first load, so a later process needs no simplemma at all;
    # and with no terminal to show a progress bar on, tqdm is not imported either
    code = (
        "import sys, plancompare\n"
        "frame = plancompare.load(sys.argv[1], cache=False)\n"
        "print(sorted({'simplemma', 'tqdm'} & set(sys.modules)))\n"
    )
    data = str(paths.data_dir())
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, data], check=True, cwd=tmp_path, capture_output=True
        ).stdout.splitlines()[-1]
        for _ in range(2)
    ]
    assert runs[1] == b"[]", runs


def test_the_shared_word_list_reaches_worker_processes_with_its_hash_index(tmp_path):
    # parallel builds send the OCR repairer (and its word list) to workers: they must map the
    # stored list, index included, not rebuild a copy that falls back to binary search
    import pickle

    from plancompare.swedish.frequencies import vocabulary

    shared = vocabulary()
    assert shared._slots is not None
    (tmp_path / "v.pickle").write_bytes(pickle.dumps(shared))
    assert len((tmp_path / "v.pickle").read_bytes()) < 1000  # a reference, not 900,000 words
    code = (
        "import pickle, sys\n"
        "v = pickle.loads(open(sys.argv[1], 'rb').read())\n"
        "assert v._slots is not None and v.prob('kompetens') > 0, v\n"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "v.pickle")], check=True)
