"""Tests for plancompare.swedish.cache: prepared tables built once, reused, never half-read."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
import time
from array import array
from pathlib import Path

import pytest
import simplemma

from plancompare import paths, swedish
from plancompare.swedish import cache
from plancompare.swedish.frequencies import Vocabulary
from plancompare.swedish.lemmatize import _simplemma, lemma_table


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _sections(n: int = 1000) -> dict[str, bytes | array]:
    return {"words": "\n".join(f"ord{i}" for i in range(n)).encode(), "n": array("d", range(n))}


def test_the_cache_directory_follows_the_environment(cache_dir):
    assert cache.cache_dir() == cache_dir


def test_an_artefact_is_built_once_and_then_read_from_disk(cache_dir):
    builds = []

    def build():
        builds.append(1)
        return _sections()

    first = cache.load_artefact("demo", build, packages=["plancompare"], files=[])
    second = cache.load_artefact("demo", build, packages=["plancompare"], files=[])
    assert len(builds) == 1
    assert bytes(first["words"]) == bytes(second["words"])
    assert list(second["n"])[:3] == [0.0, 1.0, 2.0]
    assert [p.name.startswith("demo-") for p in cache_dir.iterdir()] == [True]


def test_an_edited_data_file_makes_a_new_artefact_and_removes_the_oldest(cache_dir, tmp_path):
    data = tmp_path / "words.txt"
    data.write_text("bär\n", encoding="utf-8")

    def build():
        return {"words": data.read_bytes()}

    old = cache.load_artefact("demo", build, packages=[], files=[data])
    first = cache.artefact_key("demo", [], [data])
    os.utime(cache_dir / f"demo-{first}.bin", (1, 1))  # written long ago
    data.write_text("bär\nbör\n", encoding="utf-8")
    new = cache.load_artefact("demo", build, packages=[], files=[data])
    assert bytes(old["words"]) == "bär\n".encode()
    assert bytes(new["words"]) == "bär\nbör\n".encode()
    # the first version is kept beside the new one (another checkout may still use it) ...
    assert len(list(cache_dir.glob("demo-*.bin"))) == 2
    for edit in ("bär\nbör\nbar\n", "bär\nbör\nbar\nbor\n"):
        data.write_text(edit, encoding="utf-8")
        cache.load_artefact("demo", build, packages=[], files=[data])
    # ... until KEEP_OTHER_KEYS newer ones were written: the oldest goes first
    kept = sorted(cache_dir.glob("demo-*.bin"))
    assert len(kept) == 1 + cache.KEEP_OTHER_KEYS
    assert cache_dir / f"demo-{first}.bin" not in kept


def test_two_versions_sharing_a_cache_keep_each_others_word_store(cache_dir):
    """Two checkouts of different versions (another key) alternating on one cache directory:
    a compaction of one store no longer deletes the other's (scale runs started empty)."""
    from plancompare.swedish.lemmatize import analysis_store

    cache_dir.mkdir()
    store = analysis_store()
    table, _ = store.paths()
    other = [table.with_name(f"{store.name}-0123456789abcdef0123{s}") for s in (".bin", ".log")]
    for path in other:
        path.write_bytes(b"")
    store.log_bytes = 0  # fold at once
    store.put("lärarna", ("lärare", "lärare"))
    store.save()
    assert all(path.exists() for path in other)
    assert store.get("lärarna") == ("lärare", "lärare")


def test_a_data_files_hash_is_remembered_until_the_file_changes(cache_dir, tmp_path):
    data = tmp_path / "words.txt"
    data.write_text("bär\n", encoding="utf-8")
    cache_dir.mkdir()
    first = cache.artefact_key("demo", [], [data])
    cache._digests().save()
    (memo,) = cache_dir.glob("file-digests-*.json")
    assert hashlib.sha256(b"b\xc3\xa4r\n").hexdigest() in memo.read_text(encoding="utf-8")
    assert cache.artefact_key("demo", [], [data]) == first
    # the same size, another content and time: hashed again, another key
    data.write_text("bör\n", encoding="utf-8")
    os.utime(data, ns=(data.stat().st_atime_ns, data.stat().st_mtime_ns + 10**9))
    assert cache.artefact_key("demo", [], [data]) != first


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_a_damaged_file_is_rebuilt(cache_dir, damage):
    cache.load_artefact("demo", _sections, packages=[], files=[])
    (path,) = cache_dir.glob("demo-*.bin")
    raw = path.read_bytes()
    path.write_bytes(
        {"truncate": raw[: len(raw) // 2], "garbage": b"x" * len(raw), "empty": b""}[damage]
    )
    again = cache.load_artefact("demo", _sections, packages=[], files=[])
    assert bytes(again["words"]) == bytes(_sections()["words"])


def test_an_unwritable_cache_still_gives_the_table(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    table = cache.load_artefact("demo", _sections, packages=[], files=[])
    assert list(table["n"])[-1] == 999.0


def _slow_sections() -> dict[str, bytes | array]:
    time.sleep(0.2)
    return _sections(200_000)


def _build_in_child(directory: str, queue) -> None:
    os.environ[cache.CACHE_ENV] = directory
    table = cache.load_artefact("race", _slow_sections, packages=[], files=[])
    queue.put((len(bytes(table["words"])), sum(table["n"])))


def _read_while_building(directory: str, key: str, stop, queue) -> None:
    """Read the artefact file over and over while others write it: whole or absent, never half."""
    seen = 0
    last_pass = False
    while not last_pass:
        last_pass = stop.is_set()  # one more pass after the builders are done
        for path in Path(directory).glob("race-*.bin"):
            found = cache._read(path, key)
            if found is not None:
                assert sum(found["n"]) == sum(range(200_000))
                seen += 1
    queue.put(seen)


def test_concurrent_builds_never_expose_a_half_written_file(cache_dir):
    cache_dir.mkdir()
    ctx = multiprocessing.get_context("spawn")
    queue, stop = ctx.Queue(), ctx.Event()
    key = cache.artefact_key("race", [], [])
    reader = ctx.Process(target=_read_while_building, args=(str(cache_dir), key, stop, queue))
    reader.start()
    builders = [ctx.Process(target=_build_in_child, args=(str(cache_dir), queue)) for _ in range(3)]
    for p in builders:
        p.start()
    results = [queue.get(timeout=120) for _ in builders]
    stop.set()
    seen = queue.get(timeout=60)
    for p in [*builders, reader]:
        p.join(timeout=60)
        assert p.exitcode == 0
    expected = (len(bytes(_sections(200_000)["words"])), float(sum(range(200_000))))
    assert results == [expected] * 3
    assert seen >= 1  # the finished file was read whole at least once
    assert [p.name for p in cache_dir.iterdir() if p.suffix == ".tmp"] == []
    assert len(list(cache_dir.glob("race-*.bin"))) == 1


def test_a_vocabulary_survives_storage():
    freqs = {"bär": 0.02, "bar": 0.01, "bör": 0.03, "öka": 0.001}
    stored = Vocabulary.from_sections(
        {k: memoryview(v) for k, v in Vocabulary.from_frequencies(freqs).sections().items()}
    )
    assert {w: stored.prob(w) for w in stored} == freqs
    assert stored.words("b*r") == ("bär", "bör")


def _every_prefix_and_neighbour(keys: list[str]) -> list[str]:
    found = {"", "*", "a", "ö", "zzzz", "\U0010ffff"}
    for k in keys:
        found.update(k[:j] for j in range(1, len(k) + 1))
        found.update((k + "a", k[:-1] + "z", k[:-1]))
    return sorted(found)


def test_the_stored_vocabulary_searches_its_keys_as_the_sorted_list_does():
    """A stored vocabulary searches its keys in blocks (every block's first key in a list,
    the rest decoded when searched): the same words and prefixes as the plain vocabulary's
    sorted list, for every prefix of every key, at block edges and for keys that many words
    share (``b*r``: bär, bår, bör), also across a block edge."""
    words = {
        f"{a}{b}{c}": (i + 1) / 1000
        for i, (a, b, c) in enumerate(
            (a, b, c) for a in "bbåäöx" for b in "aäöoå" for c in ("", "r", "na", "rna", "ra")
        )
    }
    words |= {f"ord{i:03d}": 0.001 for i in range(100)}
    plain = Vocabulary.from_frequencies(words)
    stored = Vocabulary.from_sections({k: memoryview(v) for k, v in plain.sections().items()})
    assert type(stored).__name__ == "StoredVocabulary" and len(stored) == len(plain)
    assert plain.words("b*r") == ("bär", "bår", "bör")
    size = stored._block_size
    shared = [i for i in range(1, len(plain)) if plain._keys[i] == plain._keys[i - 1]]
    assert any(i % size == 0 for i in shared)  # words of one key on both sides of a block edge
    queries = _every_prefix_and_neighbour(plain._keys)
    assert [stored.search(q) for q in queries] == [plain.search(q) for q in queries]
    assert [stored.prob(w) for w in queries] == [plain.prob(w) for w in queries]
    assert list(stored) == list(plain)


def test_prefix_length_is_where_a_walk_over_prefixes_stops():
    """The compound search asks once per position how far the rest of a word stays a prefix
    of some key (``prefix_length``) instead of asking for every piece (``has_prefix``): the
    two answers agree for every query, in the plain and the stored vocabulary, at block edges
    and past both ends of the sorted keys."""
    words = {f"{a}{b}{c}": 0.001 for a in "bbåäöx" for b in "aäöoå" for c in ("", "r", "rna")}
    words |= {f"ord{i:03d}": 0.001 for i in range(100)} | {"kompetens": 0.01, "komma": 0.01}
    plain = Vocabulary.from_frequencies(words)
    stored = Vocabulary.from_sections({k: memoryview(v) for k, v in plain.sections().items()})
    queries = _every_prefix_and_neighbour(plain._keys)
    queries += [q + tail for q in queries for tail in ("", "s", "*rande", "\U0010ffff")]
    for vocabulary in (plain, stored):
        walked = []
        for q in queries:
            m = 0
            while m < len(q) and vocabulary.has_prefix(q[: m + 1]):
                m += 1
            walked.append(m)
        assert [vocabulary.prefix_length(q) for q in queries] == walked
    assert plain.prefix_length("kompetensförsörjning") == len("kompetens")
    assert plain.prefix_length("kommun") == len("komm") and plain.prefix_length("q") == 0


def test_the_shared_word_list_searches_as_its_words_sorted_in_a_list():
    from array import array

    from plancompare.swedish.frequencies import vocabulary

    stored = vocabulary()
    keys = [stored._key(i) for i in range(len(stored))]
    words = list(stored)
    plain = Vocabulary(
        keys,
        [w if w != k else "" for w, k in zip(words, keys, strict=True)],
        array("d", stored._probs),
    )
    assert keys == sorted(keys) and len(keys) > 300_000
    sample = keys[:: len(keys) // 3000] + keys[-3:]
    queries = _every_prefix_and_neighbour(sample)
    assert [stored.search(q) for q in queries] == [plain.search(q) for q in queries]
    assert [stored.prob(w) for w in words[::97]] == [plain.prob(w) for w in words[::97]]


def test_the_stored_vocabulary_finds_each_word_through_its_hash_index():
    """The stored vocabulary answers prob() through its hash index exactly as a binary search
    of the keys does, for listed words, words sharing a key and words not listed."""
    words = {
        f"{a}{b}{c}": (i + 1) / 1000
        for i, (a, b, c) in enumerate(
            (a, b, c) for a in "bbåäöx" for b in "aäöo" for c in ("", "r", "na", "rna")
        )
    }
    plain = Vocabulary.from_frequencies(words)
    stored = Vocabulary.from_sections({k: memoryview(v) for k, v in plain.sections().items()})
    assert plain._slots is None and stored._slots is not None
    queries = [*words, "b", "bärr", "x", "", "öööö", "b*r", "\U0010ffff"]
    assert [stored.prob(w) for w in queries] == [plain.prob(w) for w in queries]
    assert [stored.prob(w) for w in words] == list(words.values())
    empty = Vocabulary.from_sections(
        {k: memoryview(v) for k, v in Vocabulary.from_frequencies({}).sections().items()}
    )
    assert len(empty) == 0 and empty.prob("bär") == 0.0


def _seed_words() -> list[str]:
    words: set[str] = set()
    for path in sorted(paths.raw_dir().glob("*.txt")):
        words |= {t.text for t in swedish.tokenize(path.read_text(encoding="utf-8"))}
    return sorted(words)


def test_the_cached_dictionary_lemmatizes_exactly_as_simplemma_does():
    words = _seed_words()
    assert len(words) > 1000
    # and forms the seeds may lack: other case, numbers, apostrophes, not in the dictionary
    words += [w.lower() for w in words[::7]] + [w.capitalize() for w in words[::7]]
    words += ["2025", "½", "Lärarnas", "barn's", "SKR’s", "kompetensförsörjningsfonderna", "xqzv"]
    assert [_simplemma(w) for w in words] == [simplemma.lemmatize(w, "sv").lower() for w in words]
    assert len(lemma_table()) > 900_000


# words simplemma's dictionary lacks: its rules (stödfunktioner), hyphens (vfu-platser), a number,
# an apostrophe, none of them (xqzv)
_UNLISTED = ["stödfunktioner", "vfu-platser", "2020", "barn's", "xqzv", "Kostnadsreducerande"]


def _lemmatize_in_child(words: list[str]) -> tuple[list[str], bool]:
    """Lemmas of ``words`` in a fresh process, and whether it imported simplemma."""
    code = (
        "import json, sys\n"
        "from plancompare.swedish import lemma\n"
        "words = json.loads(sys.argv[1])\n"
        "print(json.dumps([[lemma(w) for w in words], 'simplemma' in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, json.dumps(words)], check=True, capture_output=True, text=True
    ).stdout
    lemmas, imported = json.loads(out)
    return lemmas, imported


def _stored(cache_dir: Path, word: str) -> tuple[str, ...] | None:
    """What the store of word analyses in ``cache_dir`` holds for ``word`` (read afresh)."""
    from plancompare.swedish.lemmatize import analysis_store

    store = analysis_store()
    store.clear()
    return store.get(word)


def test_words_the_dictionary_lacks_are_lemmatized_by_simplemma_once_then_remembered(cache_dir):
    expected = [simplemma.lemmatize(w, "sv").lower() for w in _UNLISTED]
    assert expected[:2] == ["stödfunktion", "vfu-plats"]  # its rules gave these, not the word
    first, first_imported = _lemmatize_in_child(_UNLISTED)
    assert (first, first_imported) == (expected, True)
    (log,) = cache_dir.glob("sv-word-analyses-*.log")
    assert _stored(cache_dir, "stödfunktioner") == ("stödfunktion",)
    # a later process finds them on disk: the same lemmas, and simplemma is not imported
    again, again_imported = _lemmatize_in_child(_UNLISTED)
    assert (again, again_imported) == (expected, False)
    # a new word is worked out and added; what was remembered stays
    more, _ = _lemmatize_in_child(["Lärarnas", "personalnyckeltalen"])
    assert more == [
        simplemma.lemmatize(w, "sv").lower() for w in ("Lärarnas", "personalnyckeltalen")
    ]
    assert _stored(cache_dir, "stödfunktioner") == ("stödfunktion",)
    assert _stored(cache_dir, "personalnyckeltalen") == (more[1],)


def test_a_damaged_log_of_word_analyses_is_skipped_line_by_line_and_rewritten(cache_dir):
    _lemmatize_in_child(_UNLISTED)
    (log,) = cache_dir.glob("sv-word-analyses-*.log")
    lines = log.read_bytes().split(b"\n")
    assert len(lines) == 7 and lines[-1] == b""  # six records, one a line
    damaged = [lines[0].replace("stödfunktion".encode(), "stöd".encode(), 1), *lines[1:]]
    log.write_bytes(b"\n".join(damaged)[:-5])  # the first line altered, the last cut short
    assert _stored(cache_dir, "stödfunktioner") is None  # its check sum does not match
    assert _stored(cache_dir, "vfu-platser") == ("vfu-plats",)  # the others stand
    lemmas, imported = _lemmatize_in_child(_UNLISTED)
    assert lemmas == [simplemma.lemmatize(w, "sv").lower() for w in _UNLISTED] and imported
    assert _stored(cache_dir, "stödfunktioner") == ("stödfunktion",)


def test_a_memo_is_not_written_where_its_cache_directory_was_removed(cache_dir):
    # a test session removes its cache directory before the process ends (when memos are
    # written): the memo must not make the directory again
    cache_dir.mkdir()
    memo = cache.WordMemo("demo-words", packages=(), files=())
    memo.put("lärarna", "lärare")
    cache_dir.rmdir()
    memo.save()
    assert not cache_dir.exists()
    cache_dir.mkdir()
    memo.put("barnen", "barn")
    memo.save()
    assert cache.WordMemo("demo-words", packages=(), files=()).get("barnen") == "barn"


def test_known_lemma_looks_up_exactly_as_simplemmas_dictionary_strategy():
    """known_lemma does simplemma's dictionary look-up on the table itself (the word, then its
    first letter's case turned, then apostrophe variants): the same answers, found or not."""
    from simplemma.strategies import DictionaryLookupStrategy

    from plancompare.swedish.lemmatize import _CachedDictionaryFactory, known_lemma

    strategy = DictionaryLookupStrategy(_CachedDictionaryFactory())
    words = _seed_words()
    words += [w.lower() for w in words] + [w.capitalize() for w in words] + [w[:-1] for w in words]
    words += ["Stockholm", "stockholm", "SKR:s", "barn's", "barn’s", "lärarnaʼs", "xqzv", ""]
    expected = [(strategy.get_lemma(w, "sv") or "").lower() or None if w else None for w in words]
    assert [known_lemma(w) for w in words] == expected
    assert sum(e is None for e in expected) > 100 < sum(e is not None for e in expected)


def test_vocabulary_answers_stay_right_when_its_memory_of_searches_is_full(monkeypatch):
    from plancompare.swedish import frequencies

    words = {f"ord{i}": 1.0 / (i + 1) for i in range(50)} | {"bär": 0.5, "bör": 0.25}
    vocab = Vocabulary.from_frequencies(words)
    monkeypatch.setattr(frequencies, "_MEMO_LIMIT", 7)
    queries = [f"ord{i}" for i in range(60)] + ["b*r", "b*", "o", "x", "ord1"] * 3
    for q in queries:
        assert vocab.words(q) == tuple(w for w in sorted(words) if frequencies.key(w) == q)
        assert vocab.has_prefix(q) == any(frequencies.key(w).startswith(q) for w in words)
    assert len(vocab._memo) <= 7


@pytest.mark.parametrize("hashed", [False, True])
def test_a_sorted_table_finds_every_string_and_only_those(hashed):
    """The look-up -- through the stored hash index, or without one through the in-memory
    index -- finds each stored string at its place in byte order, across many index steps,
    and nothing else (not a prefix, not a neighbour)."""
    from plancompare.swedish.tables import SortedStrings

    words = sorted({f"{a}{b}{c}" for a in "abåäö" for b in "xyzé" for c in ("", "s", "na", "e")})
    words += [w + "r" for w in words]
    blob, offsets = SortedStrings.pack(words)
    slots = SortedStrings.hash_slots(blob, offsets) if hashed else None
    table = SortedStrings(memoryview(blob), offsets, slots)
    in_byte_order = sorted(words, key=str.encode)
    assert len(words) > 3 * 32
    assert [table.find(w) for w in in_byte_order] == list(range(len(words)))
    for absent in ("", "a", "axx", "åzt", "öööö", "\x00", "\U0010ffff"):
        assert table.find(absent) == -1
    assert SortedStrings.from_strings([]).find("a") == -1
    if hashed:  # a power of two, at least twice the strings; each string in exactly one slot
        assert len(slots) >= 2 * len(words) and len(slots) & (len(slots) - 1) == 0
        assert sorted(i for i in slots if i >= 0) == list(range(len(words)))


def test_the_stored_lemma_table_has_its_hash_index():
    """The prepared dictionary is looked up through its hash index, and that index agrees
    with a binary search of the same forms."""
    from plancompare.swedish.tables import SortedStrings

    forms = lemma_table()._keys
    assert forms._slots is not None
    plain = SortedStrings(forms._blob, forms._offsets)
    for word in ("lärarna", "kompetens", "ska", "Stockholm", "xqzv", "lärare", "ö"):
        assert forms.find(word) == plain.find(word)
    assert forms.find("lärarna") >= 0 and forms.find("xqzv") == -1


def _store(**kwargs) -> cache.WordStore:
    return cache.WordStore("demo-analyses", packages=(), files=(), **kwargs)


def test_a_word_store_folds_a_long_log_into_its_table_and_evicts_the_oldest_words(cache_dir):
    cache_dir.mkdir()
    for batch in range(5):  # 5 x 300 words, a compaction whenever the log passes 4 kB
        store = _store(limit=1000, log_bytes=4000)
        for i in range(300):
            store.put(f"ord{batch * 300 + i}", (f"lemma{i}", "del", f"batch{batch}"))
        store.save()
    (table,) = cache_dir.glob("demo-analyses-*.bin")
    (log,) = cache_dir.glob("demo-analyses-*.log")
    assert log.stat().st_size == 0  # all folded into the table
    store = _store(limit=1000)
    words = [f"ord{i}" for i in range(1500)]
    found = store.get_many(words)
    # the 1,000 newest words are kept, the 500 oldest evicted; each as it was put
    assert found[:500] == [None] * 500
    assert found[500:] == [(f"lemma{i % 300}", "del", f"batch{i // 300}") for i in range(500, 1500)]
    assert [store.get(w) for w in words] == found
    assert store.get("ord") is None and store.get("ord15000") is None


def test_a_later_record_of_a_word_replaces_the_earlier_in_log_and_table(cache_dir):
    cache_dir.mkdir()
    first = _store(log_bytes=0)  # every save folds the log into the table
    first.put("lärarna", ("lärare",))
    first.save()
    second = _store()
    second.put("lärarna", ("lärare", "lärare"))
    second.save()  # in the log: the newer record wins over the table's
    assert _store().get("lärarna") == ("lärare", "lärare")
    third = _store(log_bytes=0)
    third.put("barnen", ("barn", "barn"))
    third.save()  # folded: the table holds the newer record only
    assert _store().get_many(["lärarna", "barnen"]) == [("lärare", "lärare"), ("barn", "barn")]
    (table,) = cache_dir.glob("demo-analyses-*.bin")
    assert table.read_bytes().count("lärarna".encode()) == 1


def _put_in_child(directory: str, batch: int) -> None:
    os.environ[cache.CACHE_ENV] = directory
    for part in range(4):
        store = _store(log_bytes=2000)
        for i in range(100):
            store.put(f"ord{batch}-{part}-{i}", (f"lemma{batch}", str(i)))
        store.save()


def test_processes_adding_to_a_word_store_at_once_lose_no_record(cache_dir):
    cache_dir.mkdir()
    ctx = multiprocessing.get_context("spawn")
    children = [ctx.Process(target=_put_in_child, args=(str(cache_dir), b)) for b in range(3)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=120)
        assert child.exitcode == 0
    words = [f"ord{b}-{p}-{i}" for b in range(3) for p in range(4) for i in range(100)]
    expected = [(f"lemma{b}", str(i)) for b in range(3) for p in range(4) for i in range(100)]
    assert _store().get_many(words) == expected


def test_a_damaged_table_of_word_analyses_is_ignored_and_rebuilt(cache_dir):
    cache_dir.mkdir()
    store = _store(log_bytes=0)
    store.put("lärarna", ("lärare",))
    store.save()
    (table,) = cache_dir.glob("demo-analyses-*.bin")
    table.write_bytes(table.read_bytes()[:40])  # cut short
    assert _store().get("lärarna") is None
    again = _store(log_bytes=0)
    again.put("barnen", ("barn",))
    again.save()
    assert _store().get_many(["lärarna", "barnen"]) == [None, ("barn",)]


def test_a_word_store_is_not_written_where_its_cache_directory_was_removed(cache_dir):
    cache_dir.mkdir()
    store = _store()
    store.put("lärarna", ("lärare",))
    cache_dir.rmdir()
    store.save()
    assert not cache_dir.exists()


def test_the_store_of_word_analyses_removes_the_memos_it_replaced(cache_dir):
    from plancompare.swedish.lemmatize import analysis_store

    cache_dir.mkdir()
    old = [cache_dir / "sv-lemma-fallbacks-0123.json", cache_dir / "word-analyses-4567.json"]
    for path in old:
        path.write_text("{}", encoding="utf-8")
    store = analysis_store()
    store.log_bytes = 0  # fold at once
    store.put("lärarna", ("lärare", "lärare"))
    store.save()
    assert not any(path.exists() for path in old)
    assert store.get("lärarna") == ("lärare", "lärare")


def test_prepared_word_analyses_are_those_the_search_gives_and_are_made_once(cache_dir):
    cache_dir.mkdir()
    words = ["kompetensförsörjningsfonden", "skolledarna", "lönestrategi", "kommun"]
    assert swedish.prepare_word_analyses(words) == 4
    assert swedish.prepare_word_analyses(words) == 0  # all in the store now
    assert [_stored(cache_dir, w)[1:] for w in words] == [
        ("kompetens", "försörjning", "fond"),
        ("skola", "ledare"),
        ("lön", "strategi"),
        ("kommun",),
    ]
    assert [swedish.compound_parts(w) for w in words[:2]] == [
        ("kompetens", "försörjning", "fond"),
        ("skola", "ledare"),
    ]


def test_a_word_written_with_capitals_takes_its_parts_from_the_lower_case_record(
    cache_dir, monkeypatch
):
    from plancompare.swedish import compounds

    cache_dir.mkdir()
    lower = ["kompetensförsörjningen", "stärk"]
    assert swedish.word_analyses(lower) == [
        ("kompetensförsörjning", ("kompetens", "försörjning")),
        ("stärka", ("stärka",)),
    ]

    def no_search(word):
        raise AssertionError(f"{word} searched again")

    monkeypatch.setattr(compounds, "_parts_of", no_search)  # only the stored records answer
    assert swedish.word_analyses(["Kompetensförsörjningen", "KOMPETENSFÖRSÖRJNINGEN", "Stärk"]) == [
        ("kompetensförsörjning", ("kompetens", "försörjning")),
        ("kompetensförsörjning", ("kompetens", "försörjning")),
        ("stärka", ("stärka",)),
    ]
    assert _stored(cache_dir, "Stärk") == ("stärka", "stärka")
    with pytest.raises(AssertionError, match="searched again"):
        swedish.word_analyses(["Kompetensutvecklingen"])  # no lower-case record: searched
