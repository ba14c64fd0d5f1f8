"""Guards for the hand-labelled fixture corpora under tests/data/ (they are read by other tests).

Each labelled text ``<id>.txt`` has ``<id>.labels.tsv`` (header ``kind level quote note``): every
quote must occur exactly once in its text, rows in document order, kinds and levels valid. The
corpora must keep the size the brief asks for, and every text must be named in its split file
(plans: ``dev``, ``heldout`` and ``heldout2`` to ``heldout16``, held-out sets measured
once and development text since; a final set (``heldout17``, texts 259 on) is read only under
``pytest --final`` -- see ``unit_labels.corpus_split`` -- except by
``test_held_out_set_size_and_independence``, which checks its files' form and size without
parsing them and without printing their content).
"""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import pytest
from unit_labels import DEVELOPMENT_SPLITS, FINAL_SPLITS, corpus_files, corpus_split

from plancompare.paths import raw_dir

DATA = Path(__file__).parent / "data"
PLANS = DATA / "plans"
SEED_LABELS = DATA / "seed_labels"
OCR_UNSEEN = DATA / "ocr_unseen"
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

HEADER = ["kind", "level", "quote", "note"]
KINDS = {"measure", "goal"}


def read_labels(path: Path) -> list[dict[str, str]]:
    """Rows of a ``.labels.tsv`` file; raises AssertionError on a malformed file."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and rows[0] == HEADER, f"{path.name}: header must be {HEADER}"
    out = []
    for number, row in enumerate(rows[1:], start=2):
        assert len(row) == len(HEADER), f"{path.name}:{number}: {len(row)} fields"
        out.append(dict(zip(HEADER, row, strict=True)))
    return out


def check_labels(text: str, rows: list[dict[str, str]], name: str) -> None:
    """Every quote occurs once, in document order; kinds/levels are valid and nest."""
    hierarchical = any(row["level"] for row in rows)
    last_position = -1
    seen_level_one = False
    for row in rows:
        assert row["kind"] in KINDS, f"{name}: kind {row['kind']!r}"
        quote = row["quote"]
        assert quote.strip(), f"{name}: empty quote"
        count = text.count(quote)
        assert count == 1, f"{name}: quote occurs {count} times: {quote!r}"
        position = text.index(quote)
        assert position > last_position, f"{name}: rows out of document order at {quote!r}"
        last_position = position
        if row["kind"] == "goal" or not hierarchical:
            assert row["level"] == "", f"{name}: level {row['level']!r} on {quote!r}"
            continue
        assert row["level"] in {"1", "2"}, f"{name}: measure without level 1/2: {quote!r}"
        if row["level"] == "1":
            seen_level_one = True
        assert seen_level_one, f"{name}: level-2 step before any level-1 measure: {quote!r}"


def read_split(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and list(rows[0]) == ["id", "split"], f"{path}: columns must be id,split"
    return {row["id"]: row["split"] for row in rows}


def read_organisations() -> dict[str, str]:
    """``id -> organisation`` from the plan corpus's ``sources.csv``."""
    with (PLANS / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row["organisation"] for row in csv.DictReader(handle)}


def text_ids(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.txt"))


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    assert b"\r" not in raw, f"{path.name}: line ends must be \\n"
    return raw.decode("utf-8")


@pytest.mark.parametrize("stem", corpus_files(PLANS))
def test_plan_labels_quote_their_text(stem: str) -> None:
    text = read_text(PLANS / f"{stem}.txt")
    check_labels(text, read_labels(PLANS / f"{stem}.labels.tsv"), stem)


def test_plan_corpus_size_and_split() -> None:
    ids = corpus_files(PLANS)
    read_split(PLANS / "split.csv")  # the columns
    split = corpus_split(PLANS)
    assert sorted(split) == ids, "split.csv must name every text, and only those"
    assert set(split.values()) <= set(DEVELOPMENT_SPLITS) | set(FINAL_SPLITS)
    organisation = {k: v for k, v in read_organisations().items() if k in split}
    assert sorted(organisation) == ids, "sources.csv must name every text, and only those"
    assert all(re.fullmatch(r"\d{2,3}-[a-z0-9-]+", stem) for stem in ids)
    assert len(ids) >= 12
    assert len(set(organisation.values())) >= 6
    heldout = [stem for stem in ids if split[stem] == "heldout"]
    assert len(heldout) >= 4
    dev_orgs = {organisation[stem] for stem in ids if split[stem] == "dev"}
    assert len({organisation[s] for s in heldout} - dev_orgs) >= 2


def test_second_heldout_set_size_and_independence() -> None:
    """``heldout2``: >= 6 texts, >= 4 organisations unseen in dev *and* in the first held-out set
    (whose failures have been studied), enough labels to measure with, no text repeated."""
    split = corpus_split(PLANS)
    organisation = read_organisations()
    second = [stem for stem in sorted(split) if split[stem] == "heldout2"]
    assert len(second) >= 6
    seen_orgs = {organisation[stem] for stem in split if split[stem] in {"dev", "heldout"}}
    assert len({organisation[stem] for stem in second} - seen_orgs) >= 4
    rows = [row for stem in second for row in read_labels(PLANS / f"{stem}.labels.tsv")]
    # 26 measures as collected; 23 after the relabelling by LABELLING.md (2026-12-07)
    assert sum(row["kind"] == "measure" for row in rows) >= 20
    assert sum(row["kind"] == "goal" for row in rows) >= 8
    others = [read_text(PLANS / f"{stem}.txt") for stem in split if split[stem] != "heldout2"]
    for stem in second:
        opening = read_text(PLANS / f"{stem}.txt")[:200]
        assert not any(opening in text for text in others), f"{stem} repeats another plan text"


# Each later held-out set: (texts, organisations in no earlier split, measures, goals, the share
# of the measures one text may hold). heldout3 and heldout4 have each been measured once
# (development text since). heldout4 is smaller in labels than heldout3: its texts are short
# stored pages from thirteen organisations, and one off-topic text (56, a project page) holds 8
# of its 23 measures, so its totals were also reported without it.
HELD_OUT_SET_SIZES = {
    # heldout3 held 41 measures as collected, 34 after the relabelling by LABELLING.md
    # (2026-12-07: umbrella, remit and focus sentences are no measures), 9 of them in 39.
    "heldout3": (10, 8, 30, 12, 3 / 10),
    "heldout4": (10, 6, 20, 6, 2 / 5),
    # heldout5 (texts 58-75, the final set, collected after the heldout4 measurement): eighteen
    # short stored pages from eighteen organisations, 26 measures and 42 goals; the pages corpus
    # held few unseen measure-rich texts from new organisations, so it falls short of the 40
    # measures aimed for, and one off-topic timeline (62) holds 9 of the 26 measures (report
    # the totals without it too).
    # After the relabelling by LABELLING.md (2026-12-07) it holds 21 measures, 9 of them in 62.
    "heldout5": (10, 6, 20, 12, 1 / 2),
    # heldout6 (texts 76-89, collected and labelled after the heldout5
    # measurement and before any parser change that followed it): fourteen short stored pages
    # from fourteen organisations, 20 measures and 23 goals, two texts with no label (87, 89);
    # like heldout5 it falls short of the 40 measures aimed for (few unseen measure-rich pages
    # from new organisations in the pages corpus), and no text holds more than 4 of them.
    "heldout6": (12, 12, 20, 20, 1 / 4),
    # heldout7 (texts 90-110, numbered with three digits from 100, the final set, collected and
    # labelled blind after the heldout6 measurement): twenty-one short stored pages, 17 of
    # their organisations new to the corpus (four texts come from organisations already in
    # it), 41 measures and 30 goals; no text holds more than 7 of the measures (94).
    "heldout7": (12, 10, 40, 25, 1 / 4),
    # heldout8 (texts 111-133, the final set, collected after the heldout7 measurement and the
    # first labelled by tests/data/plans/LABELLING.md): twenty-three stored pages, 17 of their
    # twenty organisations new to the corpus, 45 measures and 31 goals; no text holds more than 9
    # of the measures (124, a kommittédirektiv).
    "heldout8": (20, 15, 40, 25, 1 / 4),
    # heldout9 (texts 134-149, the final set, collected and labelled blind by LABELLING.md after
    # the heldout8 measurement): sixteen stored pages, 11 of their organisations new to the
    # corpus (12 by name: Region Kalmar län succeeds two organisations already in it), 23
    # measures and 35 goals; no text holds more than 5 of the measures (142, a regeringsuppdrag).
    # The pages corpus held few measure-rich pages from organisations not yet in the corpus, so
    # the set falls short of the 40 measures aimed for (plans README, heldout9 section).
    # After its measurement LABELLING.md decision 16 (a goal heading is one goal, the sentences
    # describing it no row) took 136 from 17 goals to 7: 25 goals.
    "heldout9": (15, 10, 20, 20, 1 / 4),
    # heldout10 (texts 150-162, final-only, collected and labelled blind by LABELLING.md while
    # heldout9 was still final): one whole kommun strategy cut to its first four sections (150,
    # from the code index) and twelve stored pages; 9 of its 12 organisations new to the corpus
    # (Polismyndigheten counted once for its two medborgarlöfte pages, the only agency texts), 46
    # measures and 33 goals (28 before the re-reading against LABELLING.md decision 16); no text
    # holds more than 8 of the measures (155).
    "heldout10": (12, 8, 40, 30, 1 / 4),
    # heldout11 (texts 163-175, final-only, collected and labelled blind by LABELLING.md after
    # the heldout10 measurement): thirteen texts, twelve stored pages and one
    # regeringsuppdrag from the code index (175); 11 of its 13 organisations new to the corpus
    # (ten kommuner and kommunalförbund, Region Västernorrland; Polismyndigheten and Regeringen
    # are the two agency/government texts), 25 measures and 33 goals; no text holds more than 6
    # of the measures (173, cut after its ventilation section so that it stays under a quarter).
    # Few measure-rich pages of new organisations were found, so the set falls short of the 40
    # measures aimed for (plans README, heldout11 section).
    "heldout11": (12, 10, 25, 30, 1 / 4),
    # heldout12 (texts 176-191, final-only, collected and labelled blind by LABELLING.md after
    # the heldout11 measurement): sixteen texts, fourteen stored pages and two
    # regeringsuppdrag from the code index (186-187); 13 of its 15 organisations new to the
    # corpus (twelve kommuner, Region Jönköpings län; Regeringen and Vansbro kommun are not new),
    # 24 measures and 27 goals; no text holds more than 4 of the measures, and four texts hold
    # no label (a personalpolicy's chef guidelines, a kallelse's proposals, a budget news page and
    # a goal follow-up). Few measure-rich pages of new organisations were found, so the set falls
    # short of the 30 measures aimed for (plans README, heldout12 section).
    "heldout12": (15, 12, 20, 25, 1 / 4),
    # heldout13 (texts 192-206, final-only, collected and labelled blind by LABELLING.md after
    # the heldout12 measurement): fifteen texts, twelve stored pages and three whole government
    # texts from the code index (197-198 kommittédirektiv, 202 a regeringsuppdrag); 12 of its
    # 13 organisations new to the corpus (eleven kommuner, Region Skåne; Regeringen is not new),
    # 38 measures and 32 goals; no text holds more than 7 of the measures (201, a budget news
    # page with five named investments), and one text holds no label (205, a budget news page).
    "heldout13": (15, 12, 35, 30, 1 / 4),
    # heldout14 (texts 207-224, final-only, collected and labelled blind by LABELLING.md after
    # the heldout13 measurement): eighteen texts, fourteen stored pages and four whole
    # regeringsuppdrag from civictechsweden/g0vse (209-210, 217-218); 12 of its 15 organisations
    # new to the corpus (seven kommuner, Mittuniversitetet, Folkhälsomyndigheten,
    # Arbetsmiljöverket, Statskontoret, Tillväxtanalys; Regeringen, Kungsörs kommun and Region
    # Västernorrland are not new), 33 measures and 31 goals; no text holds more than 7 of the
    # measures (223, an agency's uppdrag page with six steps), and one text holds no label (212,
    # a kommun's page on kompetensförsörjning). The kommun pages held goals and few measures: 24
    # of the 33 measures are in the four government texts and the two agencies' uppdrag pages
    # (223-224), and the kommuner's pages hold 2 (221; plans README, heldout14).
    "heldout14": (18, 12, 30, 30, 1 / 4),
    # heldout15 (texts 225-243, final-only, collected and labelled blind by LABELLING.md after
    # the heldout14 measurement): nineteen stored pages of eighteen organisations, 14 of them new
    # to the corpus (eleven kommuner, Hässleholm with two texts, Region Östergötland, a
    # samordningsförbund and Pensionsmyndigheten; Botkyrka, Dals-Ed, Uppsala and Region
    # Norrbotten are not new), 32 measures and 38 goals, all from kommuner, regioner, the förbund
    # and one agency (no regeringsuppdrag); no text holds more than 4 of the measures (234, 236,
    # 240, 242), one vision page holds 15 of the goals (241), and two texts hold no label (227, a
    # kommunstyrelse agenda item; 232, a fullmäktige summary). No whole document was found: the
    # texts are stored pages (plans README, heldout15 section).
    "heldout15": (19, 14, 30, 35, 1 / 4),
    # heldout16 (texts 244-258, final-only, collected and labelled blind by LABELLING.md after
    # the heldout15 measurement): fifteen stored pages of fifteen kommuner, all new to the corpus
    # (Knivsta, Håbo, Vadstena, Lidingö, Tierp, Salem, Degerfors, Kävlinge, Höganäs, Arboga,
    # Ekerö, Ljungby, Öckerö, Tingsryd, Nybro), 32 measures and 33 goals; no text holds more than
    # 7 of the measures (245, a fullmäktige summary listing seven investment projects), and one
    # text holds no label (251, a budget news page of proposals). No whole document was found:
    # the texts are stored pages (plans README, heldout16 section).
    "heldout16": (15, 15, 30, 30, 1 / 4),
    # heldout17 (texts 259-267, final-only, collected and labelled blind by LABELLING.md after
    # the heldout16 measurement, in one short session): nine stored pages of nine kommuner, all
    # new to the corpus (Svedala, Lomma, Båstad, Perstorp, Gällivare, Lysekil, Robertsfors,
    # Tanum, Åmål), 11 measures and 16 goals. It falls far short of the 30 measures aimed for, and
    # one text (260, a kommunstyrelse news page with four åtgärder of an approved plan) holds 4 of
    # the 11 measures, so the share floor is two fifths, not a quarter; two texts hold no label
    # (264, a kommunstyrelse report of proposals; 266, a fullmäktige meeting notice). No whole
    # document was found: the texts are stored pages (plans README, heldout17 section).
    "heldout17": (9, 9, 10, 15, 2 / 5),
}
SPLIT_ORDER = (*DEVELOPMENT_SPLITS, *FINAL_SPLITS)


@pytest.mark.parametrize("final_split", sorted(HELD_OUT_SET_SIZES))
def test_held_out_set_size_and_independence(final_split: str) -> None:
    """``heldout3`` on: enough texts, organisations that appear in no earlier split
    (all of which had been measured and studied when the set was collected), enough measures and
    goals, no text holding too large a share of the measures, valid labels, no repeated text.

    Written for a set sealed until its final measurement: nothing here parses it, and a failure
    names a file and a count, never a quote or a sentence (``pytest --final`` shows the details)."""
    n_texts, n_orgs, n_measures, n_goals, share = HELD_OUT_SET_SIZES[final_split]
    everything = corpus_split(PLANS, final=True)
    final = [stem for stem in sorted(everything) if everything[stem] == final_split]
    assert len(final) >= n_texts, len(final)
    organisation = read_organisations()
    earlier = set(SPLIT_ORDER[: SPLIT_ORDER.index(final_split)])
    seen_orgs = {organisation[stem] for stem in everything if everything[stem] in earlier}
    assert len({organisation[stem] for stem in final} - seen_orgs) >= n_orgs
    measures = goals = 0
    per_text = {}
    for stem in final:
        text = read_text(PLANS / f"{stem}.txt")
        rows = read_labels(PLANS / f"{stem}.labels.tsv")
        try:
            check_labels(text, rows, stem)
        except AssertionError:
            pytest.fail(f"{stem}: malformed labels (pytest --final shows which)", pytrace=False)
        per_text[stem] = sum(row["kind"] == "measure" for row in rows)
        measures += per_text[stem]
        goals += sum(row["kind"] == "goal" for row in rows)
    assert measures >= n_measures, measures
    assert goals >= n_goals, goals
    assert max(per_text.values()) <= share * measures, max(per_text.values())
    texts = {stem: read_text(PLANS / f"{stem}.txt") for stem in everything}
    for stem in final:
        opening = texts[stem][:200]
        repeats = [other for other, text in texts.items() if other != stem and opening in text]
        assert not repeats, f"{stem} repeats {repeats}"


def test_every_seed_plan_is_labelled() -> None:
    seeds = sorted(p.stem for p in raw_dir().glob("*.txt"))
    labelled = sorted(p.name.removesuffix(".labels.tsv") for p in SEED_LABELS.glob("*.labels.tsv"))
    assert labelled == seeds


@pytest.mark.parametrize("stem", sorted(p.stem for p in raw_dir().glob("*.txt")))
def test_seed_labels_quote_the_raw_file(stem: str) -> None:
    text = read_text(raw_dir() / f"{stem}.txt")
    rows = read_labels(SEED_LABELS / f"{stem}.labels.tsv")
    assert any(row["kind"] == "measure" for row in rows), f"{stem}: no measure labelled"
    check_labels(text, rows, stem)


def word_count(text: str) -> int:
    """Runs of letters outside Markdown link/image targets.

    >>> word_count("Stärk samverkan, 2024! [Läs mer](/a/b-c)")
    4
    """
    return len(re.findall(r"[^\W\d_]+", re.sub(r"\]\([^)]*\)", "]", text)))


# the held-out sets in the order collected
OCR_HELD_OUT = tuple(f"heldout{n}" for n in range(2, 13))  # heldout2 ... heldout12
# an authority a held-out set shares with earlier text, by design: heldout6's older text (Dir.
# 1987:42) is the government's, like a dev text (ocr_unseen/README.md)
OCR_REPEATED_AUTHORITIES = {"heldout6": {"Regeringen"}}


def authority_name(authority: str) -> str:
    """The authority's name without the part in parentheses, so that two departments of one
    government count as one authority.

    >>> authority_name("Regeringen (Arbetsmarknadsdepartementet)")
    'Regeringen'
    """
    return authority.split(" (")[0]


OCR_HELDOUT3 = (  # the third held-out set, measured once at 706a520, dev since 2026-12-07
    "afs-2011-19-kemiska-arbetsmiljorisker",
    "arn-2013-07406-resebyra-flygbiljetter",
    "hfd-2016-not-2-stiftelse-allmannyttigt-andamal",
    "jo-6356-2012-ordningsregel-oppet-sammantrade",
    "mig-2013-6-uppehallstillstand-sjukt-barn",
    "nja-1992-s-55-nytt-yrkande-efter-tredskodom",
)


def test_ocr_unseen_size_and_split() -> None:
    """``dev``: >= 6 texts by >= 5 authorities, >= 6,000 words. Each held-out set while it is
    held out (``heldout2`` to ``heldout7`` were each measured once; the next blind set is
    ``heldout8``): >= 5 texts by as many authorities, >= 5,000 words, none of
    its authorities in ``dev`` or an earlier set. ``heldout3``'s texts (dev since 2026-12-07)
    come from publishers that no other text has (issue 8). Every text >= 600 words, UTF-8, no
    plan fixture."""
    ids = text_ids(OCR_UNSEEN)
    split = read_split(OCR_UNSEEN / "split.csv")
    assert sorted(split) == ids, "split.csv must name every text, and only those"
    assert "dev" in set(split.values()) <= {"dev", *OCR_HELD_OUT}
    with (OCR_UNSEEN / "sources.csv").open(encoding="utf-8", newline="") as handle:
        sources = {row["id"]: row for row in csv.DictReader(handle)}
    assert sorted(sources) == ids
    authority = {stem: sources[stem]["authority"] for stem in ids}
    publisher = {stem: sources[stem]["publisher"] for stem in ids}
    assert all(sources[stem]["source_url"].startswith("https://") for stem in ids)
    words = {stem: word_count(read_text(OCR_UNSEEN / f"{stem}.txt")) for stem in ids}
    assert min(words.values()) >= 600, words
    dev = [stem for stem in ids if split[stem] == "dev"]
    assert len(dev) >= 6 and len({authority[s] for s in dev}) >= 5
    assert sum(words[s] for s in dev) >= 6000
    earlier = {authority_name(authority[s]) for s in dev}
    for name in OCR_HELD_OUT:
        held = [stem for stem in ids if split[stem] == name]
        if not held:  # an earlier set once it has moved to dev
            continue
        names = {authority_name(authority[s]) for s in held}
        assert len(held) >= 5 and len(names - earlier) >= 5, name
        assert names & earlier <= OCR_REPEATED_AUTHORITIES.get(name, set()), name
        assert sum(words[s] for s in held) >= 5000, (name, words)
        earlier |= names
    held3 = [stem for stem in ids if stem in OCR_HELDOUT3]
    assert len(held3) == len(OCR_HELDOUT3) and all(split[s] == "dev" for s in held3)
    # new publishers when it was collected: no text collected before it shares one (a later
    # set may: heldout5's AD 1994 nr 103 came, like heldout3's courts, from Domstolsverket)
    before = [s for s in ids if s not in held3 and s not in OCR_COLLECTED_AFTER_HELDOUT3]
    assert not {publisher[s] for s in held3} & {publisher[s] for s in before}
    plan_texts = [read_text(PLANS / f"{stem}.txt") for stem in corpus_files(PLANS)]
    for stem in ids:
        opening = read_text(OCR_UNSEEN / f"{stem}.txt")[:200]
        assert not any(opening in plan for plan in plan_texts), f"{stem} is also a plan fixture"


def _eval_ocr():
    spec = importlib.util.spec_from_file_location("eval_ocr", BENCHMARKS / "eval_ocr.py")
    assert spec is not None and spec.loader is not None
    eval_ocr = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(eval_ocr)
    return eval_ocr


def test_ocr_eval_reads_the_final_held_out_set_only_when_told() -> None:
    """``benchmarks/eval_ocr.py`` refuses every held-out split (each one of split.csv but
    ``dev``: ``heldout2`` to ``heldout7`` are dev since their one measurement)
    without ``--final``; ``all`` skips them.

    Only the ids are compared: the held-out texts are not printed or looked at here."""
    eval_ocr = _eval_ocr()
    split = read_split(OCR_UNSEEN / "split.csv")
    held_out = sorted(set(split.values()) - {"dev"})
    assert "heldout4" not in held_out  # measured once, dev since 2026-12-07
    for name in held_out:
        with pytest.raises(SystemExit, match="--final"):
            eval_ocr.unseen_texts(name)
        assert sorted(eval_ocr.unseen_texts(name, final=True)) == sorted(
            s for s in split if split[s] == name
        )
    assert sorted(eval_ocr.unseen_texts("all")) == sorted(s for s in split if split[s] == "dev")


def test_ocr_peer_bench_damages_the_dev_texts_with_the_evaluation_channel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``benchmarks/bench_ocr.py`` gives the peers the scan and the dev texts, damaged like
    ``eval_ocr.py`` damages them (the evaluation channel, not the repairer's own confusions), at
    rates 1.0 and 0.5; its ``--split`` takes the names of split.csv and refuses a held-out one
    (and the stale ``heldout``). The held-out texts are not read."""
    from plancompare.ocr import damage, print_damage
    from plancompare.ocr.damage import EVALUATION_CHANNEL_PATH, load_print_channel

    monkeypatch.syspath_prepend(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("bench_ocr", BENCHMARKS / "bench_ocr.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    split = read_split(OCR_UNSEEN / "split.csv")
    assert bench.parse_args(["--split", "dev"]).split == "dev"
    for name in sorted({*split.values(), "heldout"} - {"dev"}):
        with pytest.raises(SystemExit):
            bench.parse_args(["--split", name])
    inputs = bench.peer_inputs("dev")
    dev = [s for s in split if split[s] == "dev"]
    assert [name for name, _, _ in inputs] == [
        "003",
        *(f"{s}@1.0" for s in dev),
        *(f"{s}@0.5" for s in dev),
    ]
    channel = load_print_channel(EVALUATION_CHANNEL_PATH)
    texts = _eval_ocr().unseen_texts("dev")
    for name, damaged, reference in inputs[1:]:
        stem, _, rate = name.partition("@")
        clean = texts[stem][1]
        assert damaged == print_damage(clean, rate=float(rate), seed=0, channel=channel).text
        assert damaged != damage(clean, rate=float(rate), seed=0)
        assert reference.text == damaged


def test_ocr_eval_names_the_splits_when_given_one_that_does_not_exist() -> None:
    """A split name that split.csv does not use is an error naming the ones it does."""
    eval_ocr = _eval_ocr()
    with pytest.raises(SystemExit, match=r"'heldout13' is not in ocr_unseen/split\.csv.*dev"):
        eval_ocr.unseen_texts("heldout13", final=True)
    assert "heldout3" not in eval_ocr.split_names() and "dev" in eval_ocr.split_names()


def test_check_labels_rejects_a_quote_that_is_not_unique() -> None:
    rows = [{"kind": "measure", "level": "", "quote": "Stärk", "note": ""}]
    with pytest.raises(AssertionError, match="occurs 2 times"):
        check_labels("Stärk samverkan. Stärk ledarskapet.", rows, "example")


def test_check_labels_rejects_a_step_without_its_measure() -> None:
    rows = [
        {"kind": "measure", "level": "2", "quote": "Genomföra", "note": ""},
        {"kind": "measure", "level": "1", "quote": "Uppdrag", "note": ""},
    ]
    with pytest.raises(AssertionError, match="level-2 step before"):
        check_labels("Genomföra en inventering. Uppdrag att ...", rows, "example")


OCR_HELDOUT5 = (  # the fifth held-out set, collected 2026-12-07 (ocr_unseen/README.md)
    "ad-1994-103-forhandlingsskyldighet-overlatelse",
    "regionhalland-lakemedelskommitten-2018-terapigrupper",
    "regionhalland-terapirekommendationer-2018-anemi",
    "simrishamn-ks-2025-12-01-budgetanvisningar-2027-2031",
    "sou-2017-66-socialdataskydd-missiv",
    "sou-2025-96-produktivitetskommissionen-kommunsektorn",
)
OCR_COLLECTED_AFTER_HELDOUT3 = (  # heldout4 and heldout5, in the order collected
    "botkyrka-von-2025-00149-avgifter-vard-och-omsorg",
    "sundsvall-ks-2025-00512-tillvaxtstrategi",
    "nfs-2007-10-inventering-av-stora-rovdjur",
    "sosfs-2005-27-samverkan-in-och-utskrivning",
    "sou-2021-27-forbud-mot-rasistiska-organisationer",
    *OCR_HELDOUT5,
)


def test_ocr_heldout5_is_collected() -> None:
    """``heldout5``: six texts (held out until its one measurement, ``dev`` after) by five
    authorities none of which wrote an earlier text -- a kommun, a region, a court and two
    statliga kommittéer -- >= 5,000 words, UTF-8 with ``\\n`` line ends, each >= 800 words.

    Only ids, metadata and word counts are read here: no text is printed or repaired."""
    split = read_split(OCR_UNSEEN / "split.csv")
    assert all(split.get(stem) in {"heldout5", "dev"} for stem in OCR_HELDOUT5)
    with (OCR_UNSEEN / "sources.csv").open(encoding="utf-8", newline="") as handle:
        authority = {row["id"]: row["authority"] for row in csv.DictReader(handle)}
    mine = {authority[stem] for stem in OCR_HELDOUT5}
    older = {a for stem, a in authority.items() if stem not in OCR_COLLECTED_AFTER_HELDOUT3}
    older |= {authority[stem] for stem in OCR_COLLECTED_AFTER_HELDOUT3[:5]}
    assert len(mine) >= 5 and not mine & older
    assert any("kommun" in a for a in mine) and any(a.startswith("Region ") for a in mine)
    words = [word_count(read_text(OCR_UNSEEN / f"{stem}.txt")) for stem in OCR_HELDOUT5]
    assert min(words) >= 800 and sum(words) >= 5000, words


def held_out_set(name: str, stems: tuple[str, ...]) -> tuple[dict[str, str], list[int]]:
    """Check that ``stems`` are in split ``name`` (or ``dev``, once measured); return every
    text's authority (by :func:`authority_name`) and the word counts of ``stems``, whose files
    must be UTF-8 with ``\\n`` line ends."""
    split = read_split(OCR_UNSEEN / "split.csv")
    assert all(split.get(stem) in {name, "dev"} for stem in stems), name
    with (OCR_UNSEEN / "sources.csv").open(encoding="utf-8", newline="") as handle:
        authority = {row["id"]: authority_name(row["authority"]) for row in csv.DictReader(handle)}
    return authority, [word_count(read_text(OCR_UNSEEN / f"{stem}.txt")) for stem in stems]


OCR_HELDOUT6 = (  # the sixth held-out set, collected 2026-12-07 (ocr_unseen/README.md)
    "bolfs-2012-1-god-patentombudssed",
    "dir-1987-42-spelreglerna-offentliga-arbetsmarknaden",
    "helsingborg-sbf-2023-10-10-samsynsguiden-bygglov",
    "rgkfs-2011-2-uppgifter-om-insattare",
    "sjvfs-2014-15-vaxtskadegorare-genomforandebeslut",
    "sou-2021-59-tillganglighet-halso-och-sjukvard",
)


def test_ocr_heldout6_is_collected() -> None:
    """``heldout6``: six texts (held out until its one measurement) by five authorities new to
    the corpus -- a kommun among them -- and the government's 1987 directive, >= 5,000 words,
    UTF-8 with ``\\n`` line ends, each >= 600 words.

    Only ids, metadata and word counts are read here: no text is printed or repaired."""
    authority, words = held_out_set("heldout6", OCR_HELDOUT6)
    mine = {authority[stem] for stem in OCR_HELDOUT6}
    older = {a for stem, a in authority.items() if stem not in OCR_HELDOUT6}
    assert len(mine - older) >= 5 and mine & older == OCR_REPEATED_AUTHORITIES["heldout6"]
    assert any(a.endswith((" kommun", " stad")) for a in mine - older)
    assert min(words) >= 600 and sum(words) >= 5000, words


OCR_HELDOUT7 = (  # the seventh held-out set, collected 2026-12-07 (ocr_unseen/README.md)
    "hogsby-ks-2007-01-08-protokoll",
    "malmo-hvof-2025-rfi-lagkrav-vard-omsorg",
    "samordnare-2016-mer-flyg-och-bostader",
    "sou-2008-83-avgifter-arbetsloshetsforsakringen",
    "sou-2012-74-framlingsfienden-inom-oss",
    "vgr-2018-vatskebehandling-kapitel-2-8",
)


def is_kommun_or_region(authority: str) -> bool:
    """A kommun, a city (stad, or Stad as Göteborg writes it) or a region, by the authority's name.

    >>> [is_kommun_or_region(a) for a in ("Högsby kommun", "Malmö stad", "Region Halland")]
    [True, True, True]
    >>> [is_kommun_or_region(a) for a in ("Göteborgs Stad", "Västra Götalandsregionen")]
    [True, True]
    >>> [is_kommun_or_region(a) for a in ("Riksgäldskontoret", "Riksarkivet")]
    [False, False]
    """
    return authority.endswith((" kommun", " stad", " Stad", "regionen")) or authority.startswith(
        "Region "
    )


def test_ocr_heldout7_is_collected() -> None:
    """``heldout7``: six texts (held out until its one measurement) by six authorities none of
    which wrote an earlier text, three of them a kommun, a city and a region (a nämndprotokoll, a
    region's treatment advice with its tables flattened, a city's requirements), >= 5,000 words,
    UTF-8 with ``\\n`` line ends, each >= 600 words.

    Only ids, metadata and word counts are read here: no text is printed or repaired."""
    authority, words = held_out_set("heldout7", OCR_HELDOUT7)
    mine = {authority[stem] for stem in OCR_HELDOUT7}
    older = {a for stem, a in authority.items() if stem not in OCR_HELDOUT7}
    assert len(mine) >= 5 and not mine & older, mine & older
    assert sum(is_kommun_or_region(authority[stem]) for stem in OCR_HELDOUT7) >= 3
    assert min(words) >= 600 and sum(words) >= 5000, words


OCR_HELDOUT8 = (  # the eighth held-out set, collected 2026-12-07 (ocr_unseen/README.md)
    "falkenberg-ksf-2025-11-14-dpia-kunskapsportal",
    "kungsbacka-2024-11-08-taggning-av-bygglovshandlingar",
    "regionstockholm-2026-04-17-textverktyget-readme",
    "sou-1999-100-bibeln-texterna-forord",
    "sou-2025-83-nationellt-forbud-mot-tiggeri",
)


def test_ocr_heldout8_is_collected() -> None:
    """``heldout8``: five texts (held out until its one measurement) by five authorities none
    of which wrote an earlier text, three of them two kommuner and a region (a data protection
    impact assessment, a project's account of tagging bygglov drawings, a tool's installation
    guide), >= 5,000 words, UTF-8 with ``\\n`` line ends, each >= 600 words.

    Only ids, metadata and word counts are read here: no text is printed or repaired."""
    authority, words = held_out_set("heldout8", OCR_HELDOUT8)
    mine = {authority[stem] for stem in OCR_HELDOUT8}
    older = {a for stem, a in authority.items() if stem not in OCR_HELDOUT8}
    assert len(mine) >= 5 and not mine & older, mine & older
    assert len({a for a in mine if is_kommun_or_region(a)}) >= 3, mine
    assert min(words) >= 600 and sum(words) >= 5000, words


def new_authorities(name: str, stems: tuple[str, ...]) -> tuple[set[str], list[int]]:
    """The authorities of held-out set ``name`` (``stems``), checked to have written no other
    text of the corpus, and the word counts of ``stems`` (see :func:`held_out_set`)."""
    authority, words = held_out_set(name, stems)
    mine = {authority[stem] for stem in stems}
    older = {a for stem, a in authority.items() if stem not in stems}
    assert not mine & older, (name, mine & older)
    return mine, words


OCR_HELDOUT9 = (  # the ninth held-out set, collected 2026-12-07 (ocr_unseen/README.md)
    "digg-2023-bestandiga-identifierare-bakgrund",
    "goteborg-intraservice-2025-arsrapport-personal",
    "goteborg-kf-2023-11-09-protokoll-budget-2024",
    "goteborg-stadsrevisionen-2023-09-01-kompetensforsorjning-socialtjansten",
    "regiondalarna-kompetensforsorjning-sammanfattande-diskussion",
    "regionuppsala-laget-i-lanet-readme-rutin",
    "riksarkivet-historik-39-arbetsmiljo-arbetsmarknad",
)


def test_ocr_heldout9_is_collected() -> None:
    """``heldout9``: seven texts (held out until its one measurement) by five authorities none
    of which wrote an earlier text, three of them a city and two regions (a nämnd's årsrapport
    on personnel, the city auditors' review of kompetensförsörjning and a fullmäktige protokoll
    -- all Göteborgs Stad --, two regions' analysts' texts: kompetensförsörjning in Dalarna and
    a report routine), >= 5,000 words, UTF-8 with ``\\n`` line ends, each >= 600 words.

    Only ids, metadata and word counts are read here: no text is printed or repaired."""
    mine, words = new_authorities("heldout9", OCR_HELDOUT9)
    assert len(mine) >= 5 and len({a for a in mine if is_kommun_or_region(a)}) >= 3, mine
    assert min(words) >= 600 and sum(words) >= 5000, words


OCR_HELDOUT10 = (  # the tenth held-out set, collected 2026-12-07 (ocr_unseen/README.md)
    "bjurholm-ks-2023-10-25-risk-och-sarbarhetsanalys",
    "borlange-ks-2023-08-29-risk-och-sarbarhetsanalys",
    "forsakringskassan-2018-12-17-riktlinje-oppen-kallkod",
    "hagfors-ks-2024-01-15-risk-och-sarbarhetsanalys",
    "msb-2025-04-30-nrsb-slutsatser-personalbrist",
)


def test_ocr_heldout10_is_collected() -> None:
    """``heldout10``: five texts (held out until its one measurement) by five authorities none
    of which wrote an earlier text, three of them kommuner (the risk- och sårbarhetsanalyser of
    Bjurholm, Borlänge and Hagfors), with MSB's national assessment on personalbrist and
    Försäkringskassan's adopted riktlinje, >= 5,000 words, UTF-8 with ``\\n`` line ends, each
    >= 600 words.

    Only ids, metadata and word counts are read here: no text is printed or repaired."""
    mine, words = new_authorities("heldout10", OCR_HELDOUT10)
    assert len(mine) >= 5 and len({a for a in mine if is_kommun_or_region(a)}) >= 3, mine
    assert min(words) >= 600 and sum(words) >= 5000, words


OCR_HELDOUT11 = (  # the eleventh held-out set, collected 2026-12-07 (ocr_unseen/README.md)
    "karlskoga-2025-internkontroll-digitaliseringstakten",
    "skolverket-2025-09-04-dnp-anvandarhantering-readme",
    "sou-2014-67-inbyggd-integritet-isf-missiv-forfattningskommentar",
    "umea-lantmateri-2023-05-19-stadsdelsdialog-readme",
    "uppsala-2013-11-15-arkivering-av-webbplats-ntlm",
)


def test_ocr_heldout11_is_collected() -> None:
    """``heldout11``: five texts (held out until its one measurement) by five authorities none
    of which wrote an earlier text, three of them kommuner (Karlskoga's internal control of its
    digitalisation and its staff's digital competence, Uppsala's routine for archiving web
    sites, Umeå's README for a citizen-dialogue survey), with Skolverket's guidance to school
    organisers and the missive and författningskommentar of SOU 2014:67, >= 5,000 words, UTF-8
    with ``\\n`` line ends, each >= 600 words.

    Only ids, metadata and word counts are read here: no text is printed or repaired."""
    mine, words = new_authorities("heldout11", OCR_HELDOUT11)
    assert len(mine) >= 5 and len({a for a in mine if is_kommun_or_region(a)}) >= 3, mine
    assert min(words) >= 600 and sum(words) >= 5000, words


OCR_HELDOUT12 = (  # the twelfth held-out set, collected 2026-12-08 (ocr_unseen/README.md)
    "arbetsformedlingen-jobtech-2020-10-01-intervju-oppna-data",
    "folkhalsomyndigheten-2026-swedres-svarm-2025-sammanfattning",
    "migrationsverket-midas-sprak-klarsprak",
    "nacka-ksvu-2018-12-18-protokoll",
    "nacka-valfard-skola-2018-11-19-affarsplan-2019-2021",
    "sprakradet-2014-myndigheternas-skrivregler-kapitel-1-klarsprak",
)


def test_ocr_heldout12_is_collected() -> None:
    """``heldout12``: six texts (held out until its one measurement) by five authorities none
    of which wrote an earlier text, but only one of them a kommun (Nacka: an utskott's signed
    protokoll and its school production unit's affärsplan on its 2,600 staff), with Språkrådet's
    chapter on klarspråk, Folkhälsomyndigheten's Swedres-Svarm summary, an Arbetsförmedlingen
    interview and Migrationsverket's language guidance. The brief asked for three kommuner or
    regions; no second one with usable text was found (ocr_unseen/README.md), so this asserts
    the one. >= 5,000 words, UTF-8 with ``\\n`` line ends, each >= 600 words.

    Only ids, metadata and word counts are read here: no text is printed or repaired."""
    mine, words = new_authorities("heldout12", OCR_HELDOUT12)
    assert len(mine) >= 5 and len({a for a in mine if is_kommun_or_region(a)}) >= 1, mine
    assert min(words) >= 600 and sum(words) >= 5000, words


def test_the_final_held_out_set_is_left_out_unless_final(tmp_path: Path) -> None:
    """No reader of the corpus sees ``heldout17`` (or a text numbered 259 on) without --final;
    ``heldout16`` (texts 244-258, measured once) is development text."""
    (tmp_path / "split.csv").write_text(
        "id,split\n01-a,dev\n244-b,heldout16\n258-c,heldout17\n259-d,heldout17\n260-e,dev\n"
        "263-f,heldout17\n",
        encoding="utf-8",
    )
    stems = ("01-a", "244-b", "258-c", "259-d", "260-e", "263-f", "259-unnamed", "261-unnamed")
    for stem in (*stems, "250-unnamed"):
        (tmp_path / f"{stem}.txt").write_text("x", encoding="utf-8")
    assert corpus_split(tmp_path, final=False) == {"01-a": "dev", "244-b": "heldout16"}
    assert corpus_files(tmp_path, final=False) == ["01-a", "244-b", "250-unnamed"]
    assert len(corpus_split(tmp_path, final=True)) == 6
    assert len(corpus_files(tmp_path, final=True)) == 9
