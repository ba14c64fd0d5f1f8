"""A synthetic national corpus for the scale benchmarks: N organisations × M documents.

Real plans are recombined, reordered and perturbed so that the corpus behaves like a national
collection and not like one plan copied again and again (which flatters every per-word cache):

* **sources** -- the four seed forms (``data/raw``; for the application form the hand-corrected
  reference of the Södertälje OCR text, ``tests/data/ocr/003_reference.txt``, so that OCR
  damage is added afresh) and, as generic layouts, the dev texts of ``tests/data/plans`` (the
  held-out texts are never read) and the seed web pages;
* **items** -- a source is cut into a head, repeatable items and a tail: activity rows for the
  activity table (a row line and its description, up to the next row), paragraphs (blocks
  between blank lines) for every other form;
* **a document** -- a head, then runs of 1-4 consecutive items drawn from the form's sources in
  random order until the document reaches its size, then a tail; activities and numbered
  points are renumbered, and block forms get new headings (a role word from
  ``data/forms/heading_roles.csv`` and a drawn word) now and then;
* **words** -- in prose lines a share of the content words is replaced by words drawn by a Zipf
  law from wordfreq's Swedish list (the list :mod:`plancompare.swedish` uses), some of them
  joined into new compounds (``lönemodell`` + ``stöd`` → ``lönemodellsstöd``), as Swedish
  forms them: the vocabulary keeps growing with the corpus (Heaps' law, see :func:`heaps`);
  structure words (headings, field names, form labels, the first word of a line) stay;
* **OCR** -- every application form and a share of the others are marked ``ocr`` and damaged
  with :func:`plancompare.ocr.damage` at a rate and a seed of their own;
* **sizes** -- log-normal (median 10 KB), clipped to 2 KB-2 MB; a few files are written in
  cp1252, as a student's editor may save them.

Document ``(n, m)`` depends only on ``(seed, n, m)`` and the generator's inputs, so a smaller
corpus is a subset of a larger one. Files go to ``OUT/raw/`` and one manifest row each to
``OUT/manifest.csv``, so the whole pipeline (``plancompare check``, ``build``, the notebooks'
functions) runs on it unchanged.

**Inputs and key.** The generator draws on the repository and the library, not on itself alone:
the files of :func:`input_files` (seeds, OCR reference, dev plans and their split, the forms'
heading roles and furniture lines, the stop words, the OCR confusion model), the application
form's field names, wordfreq's Swedish list and the code of :func:`plancompare.ocr.damage`.
Any of them can move every later document (a protected word skips a random draw, so the rest
of the stream shifts). :func:`corpus_key` therefore names the generator's version and
:func:`inputs_digest`, a digest of all of them (and of this file): the same key always gives
the same bytes, from any working directory, and a changed input gives a new key.

    .venv/bin/python benchmarks/corpus.py --orgs 50 --docs 10 --out /tmp/corpus-50x10
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import inspect
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

import numpy as np
from wordfreq import top_n_list

from plancompare import paths, swedish
from plancompare.forms.application_form import FIELDS
from plancompare.forms.vocab import read_rows
from plancompare.ocr import channel as ocr_channel
from plancompare.ocr import damage
from plancompare.ocr import damage as ocr_damage_module
from plancompare.schema import MANIFEST_COLUMNS
from plancompare.swedish.stoplist import STOPWORDS_PATH

REPO = Path(__file__).resolve().parent.parent
PACKAGE = paths.RESOURCES.parent  # the imported library's package directory, wherever it lies
VERSION = "2"  # with inputs_digest() in the key (the runner's corpus cache key)

#: Share of documents per form.
FORM_SHARES = {
    "activity_table": 0.20,
    "application_form": 0.10,
    "goal_page": 0.20,
    "verksamhetsplan": 0.15,
    "generic": 0.35,
}
OCR_SHARE = 0.08  # of the documents in forms other than the application form
CP1252_SHARE = 0.03
SIZE_MEDIAN, SIZE_SIGMA = 10_000, 1.25
SIZE_MIN, SIZE_MAX = 2_000, 2_000_000
SUBSTITUTE = 0.2  # share of replaceable words replaced
COMPOUND = 0.15  # share of replacements that are new compounds
HEADING = 0.06  # chance of a new heading before an item (block forms)
FIRST_RANK = 150  # draw replacement words below the most frequent (function) words

_ROW = re.compile(r"^[^\t\n]*\t(\d+)\.?[ \t]", re.M)
_BLOCK_END = re.compile(r"\n[ \t]*\n\s*")
_NUMBERED = re.compile(r"^(\s*)(\d{1,2})(?=[.)]?\s)")
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]{4,}")
_ORGANISATIONS = (
    "Kommunstyrelsen",
    "Utbildningsförvaltningen",
    "Socialförvaltningen",
    "Vård- och omsorgsförvaltningen",
    "HR-avdelningen",
    "Barn- och utbildningsnämnden",
    "Kultur- och fritidsförvaltningen",
    "Samhällsbyggnadsförvaltningen",
)
_DOC_TYPES = {
    "activity_table": ("uppföljning", "Uppföljning av kompetensförsörjningsplan"),
    "application_form": ("ansökan", "Ansökan om medel ur kompetensförsörjningsfonden"),
    "goal_page": ("målsida", "Mål: Kompetensförsörjning och attraktiv arbetsgivare"),
    "verksamhetsplan": ("verksamhetsplan", "Verksamhetsplan"),
    "generic": ("plan", "Kompetensförsörjningsplan"),
}


@dataclass(frozen=True)
class Source:
    """A real text cut into a head, repeatable items and a tail."""

    name: str
    form: str
    head: str
    items: tuple[str, ...]
    tail: str
    rows: bool  # items are activity rows (else paragraphs)


def _rows_source(name: str, form: str, text: str) -> Source:
    starts = [m.start() for m in _ROW.finditer(text)]
    items = tuple(text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True))
    return Source(name, form, text[: starts[0]], items, "", True)


def _blocks(text: str) -> list[str]:
    """Paragraphs of ``text``, each ending in one blank line."""
    return [b.strip("\n") + "\n\n" for b in _BLOCK_END.split(text.strip("\n")) if b.strip()]


def _blocks_source(name: str, form: str, text: str, *, tail: int = 0) -> Source:
    blocks = _blocks(text)
    body = blocks[1 : len(blocks) - tail]
    return Source(name, form, blocks[0], tuple(body), "".join(blocks[len(blocks) - tail :]), False)


PLANS = REPO / "tests" / "data" / "plans"
OCR_REFERENCE = REPO / "tests" / "data" / "ocr" / "003_reference.txt"
#: Seed web pages used as layouts: (stem, form, paragraphs in the tail).
_WEB = (("000", "verksamhetsplan", 1), ("002", "verksamhetsplan", 1), ("004", "goal_page", 6))
_FORM_FILES = ("heading_roles.csv", "furniture_lines.csv")


def _seed(stem: str) -> Path:
    # this checkout's seeds, not the imported library's data directory (a snapshot has none)
    return next((REPO / "data" / "raw").glob(f"{stem}_*.txt"))


@cache
def _dev_plans() -> tuple[str, ...]:
    with open(PLANS / "split.csv", encoding="utf-8", newline="") as fh:
        return tuple(sorted(r["id"] for r in csv.DictReader(fh) if r["split"] == "dev"))


def input_files() -> tuple[Path, ...]:
    """Every file the generator reads, in a fixed order, whose bytes the key's digest covers
    (of ``tests/data/plans/split.csv`` only the dev ids count: they are in the digest instead,
    so that a new held-out set of plans does not change the key).

    Example:
        >>> names = [p.name for p in input_files()]
        >>> "003_reference.txt" in names and "heading_roles.csv" in names
        True
    """
    return (
        *(_seed(stem) for stem in ("001", *(w[0] for w in _WEB))),
        OCR_REFERENCE,
        *(PLANS / f"{name}.txt" for name in _dev_plans()),
        *(paths.RESOURCES / "forms" / name for name in _FORM_FILES),
        STOPWORDS_PATH,
        ocr_channel.CONFUSIONS_PATH,
    )


def repository_path(path: Path, package: Path = PACKAGE) -> str:
    """The name under which the key's digest takes an input file: its path in a checkout of
    the repository, also when the library is imported from elsewhere (a ``git archive``
    snapshot of an older commit, run with this generator to pair two libraries on one corpus).

    Example:
        >>> snapshot = Path("/tmp/rev-x/src/plancompare")
        >>> repository_path(snapshot / "data" / "forms" / "heading_roles.csv", snapshot)
        'src/plancompare/data/forms/heading_roles.csv'
        >>> repository_path(PACKAGE / "data" / "forms" / "heading_roles.csv")
        'src/plancompare/data/forms/heading_roles.csv'
        >>> repository_path(PLANS / "split.csv")
        'tests/data/plans/split.csv'
    """
    if path.is_relative_to(package):
        return (Path("src") / package.name / path.relative_to(package)).as_posix()
    return path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else path.name


@cache
def inputs_digest() -> str:
    """A digest of everything the generator draws on besides its arguments.

    The bytes of :func:`input_files` (named by :func:`repository_path`), the ids
    of the dev plans, this file's source, the application form's field names, wordfreq's
    Swedish list (and its version), the code of :mod:`plancompare.ocr.damage` and of the
    confusion model's reader, numpy's version (its random streams) and the manifest's columns.

    Example:
        >>> len(inputs_digest()), inputs_digest() == inputs_digest()
        (64, True)
    """
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("generator", Path(__file__).read_bytes())
    add("dev plans", "\n".join(_dev_plans()).encode())
    for path in input_files():
        add(repository_path(path), path.read_bytes())
    add("fields", repr(FIELDS).encode())
    words = "\n".join(top_n_list("sv", 10**7))
    add("wordfreq", f"{version('wordfreq')}\n{words}".encode())
    add("damage", inspect.getsource(ocr_damage_module).encode())
    add("channel", inspect.getsource(ocr_channel).encode())
    add("numpy", np.__version__.encode())
    add("manifest", repr(MANIFEST_COLUMNS).encode())
    return digest.hexdigest()


@cache
def sources() -> dict[str, tuple[Source, ...]]:
    """Every form's sources, read from the repository (seeds, OCR reference, dev plans)."""

    def seed(stem: str) -> str:
        return _seed(stem).read_text(encoding="utf-8")

    out: dict[str, list[Source]] = {form: [] for form in FORM_SHARES}
    out["activity_table"].append(_rows_source("001", "activity_table", seed("001")))
    reference = OCR_REFERENCE.read_text(encoding="utf-8")
    out["application_form"].append(_blocks_source("003", "application_form", reference))
    for stem, form, tail in _WEB:
        out[form].append(_blocks_source(stem, form, seed(stem), tail=tail))
        out["generic"].append(_blocks_source(stem, "generic", seed(stem), tail=tail))
    for name in _dev_plans():
        text = (PLANS / f"{name}.txt").read_text(encoding="utf-8")
        out["generic"].append(_blocks_source(name, "generic", text))
    return {form: tuple(s for s in found if s.items) for form, found in out.items()}


@cache
def _protected() -> frozenset[str]:
    """Words that carry a form's structure (headings, field names, labels): never replaced."""
    words = {w for r in read_rows("heading_roles.csv") for w in r["prefix"].split()}
    words |= {w for r in read_rows("furniture_lines.csv") for w in re.findall(r"\w+", r["pattern"])}
    words |= {w.casefold() for name, _ in FIELDS for w in re.split(r"\W+", name) if w}
    form_words = (
        "uppdrag uppdraget innebär förtydligande aktivitetsbeskrivning aktivetsbeskrivning "
        "kostnader utförare uppföljning utvärdering status aktivitet slutdatum klar pågående "
        "slutförd nämndernas fullmäktiges kontakt sidan uppdaterad publicerad"
    )
    words |= set(form_words.split())
    return frozenset(words)


@cache
def _vocabulary() -> tuple[np.ndarray, np.ndarray]:
    """Swedish words below the most frequent ones, with Zipf-law weights by rank."""
    words = [w for w in top_n_list("sv", 10**7) if re.fullmatch("[a-zåäöé]{3,}", w)]
    words = np.asarray(words[FIRST_RANK:], dtype=object)
    weights = 1.0 / np.arange(FIRST_RANK + 1, FIRST_RANK + 1 + len(words))
    return words, np.cumsum(weights) / weights.sum()


class _Words:
    """Replacement words for one document: Zipf draws, some joined into new compounds."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.words, self.cdf = _vocabulary()
        self.buffer: list[str] = []

    def draw(self) -> str:
        if not self.buffer:
            picks = np.searchsorted(self.cdf, self.rng.random(4096))
            self.buffer = self.words[np.minimum(picks, len(self.words) - 1)].tolist()
        return self.buffer.pop()

    def replacement(self) -> str:
        word = self.draw()
        if self.rng.random() < COMPOUND:
            first = self.draw()
            link = "s" if first[-1] not in "aeiouyåäös" and self.rng.random() < 0.5 else ""
            word = first + link + word
        return word


def _perturb(text: str, words: _Words, rng: np.random.Generator) -> str:
    """Replace a share of the content words of prose lines (six words or more)."""
    protected = _protected()
    stop = swedish.stopwords()

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        low = word.casefold()
        if low in protected or low in stop or word.isupper() or rng.random() >= SUBSTITUTE:
            return word
        new = words.replacement()
        return new.capitalize() if word[0].isupper() else new

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if len(line.split()) < 6:
            continue
        first = re.match(r"\s*(?:<p>)?\s*\S+", line)
        cut = first.end() if first else 0
        if "\t" in line[:40]:  # an activity row: status, number and title cell
            cut = line.index("\t") + 1
        lines[i] = line[:cut] + _WORD.sub(swap, line[cut:])
    return "\n".join(lines)


def _renumber_row(item: str, number: int) -> str:
    old = _ROW.match(item)
    if old is None:
        return item
    n = old.group(1)
    head = item[: old.start(1)] + str(number) + item[old.end(1) :]
    return re.sub(rf"(?<![\d.]){n}\.(\d)", rf"{number}.\1", head)


def _heading(words: _Words, rng: np.random.Generator) -> str:
    roles = [r["prefix"] for r in read_rows("heading_roles.csv") if r["role"] != "furniture"]
    role = roles[int(rng.integers(len(roles)))]
    return f"{role.capitalize()} {words.draw()}\n\n"


def document(form: str, size: int, rng: np.random.Generator) -> str:
    """One document of ``form``, about ``size`` characters, drawn with ``rng``."""
    pool = sources()[form]
    words = _Words(rng)
    first = pool[int(rng.integers(len(pool)))]
    parts = [_perturb(first.head, words, rng)]
    length = len(parts[0])
    number = 0
    while length < size:
        src = pool[int(rng.integers(len(pool)))]
        start = int(rng.integers(len(src.items)))
        for item in src.items[start : start + int(rng.integers(1, 5))]:
            text = _perturb(item, words, rng)
            number += 1
            if src.rows:
                text = _renumber_row(text, (number - 1) % 99 + 1)
                text = text if text.endswith("\n") else text + "\n"
            else:
                if rng.random() < HEADING:
                    parts.append(_heading(words, rng))
                    number = 1
                text = _NUMBERED.sub(lambda m, k=number: f"{m.group(1)}{(k - 1) % 20 + 1}", text)
            parts.append(text)
            length += len(text)
    parts.append(first.tail)
    return "".join(parts).rstrip() + "\n"


@dataclass(frozen=True)
class Doc:
    """One generated document and its manifest row."""

    row: dict[str, str]
    text: str
    encoding: str


def make_doc(seed: int, org: int, doc: int) -> Doc:
    """Document ``doc`` of organisation ``org``: depends on ``(seed, org, doc)`` only."""
    rng = np.random.default_rng([seed, org, doc])
    forms = list(FORM_SHARES)
    form = forms[int(rng.choice(len(forms), p=list(FORM_SHARES.values())))]
    size = int(np.clip(rng.lognormal(math.log(SIZE_MEDIAN), SIZE_SIGMA), SIZE_MIN, SIZE_MAX))
    text = document(form, size, rng)
    ocr = form == "application_form" or rng.random() < OCR_SHARE
    if ocr:
        text = damage(text, rate=float(rng.uniform(0.3, 0.9)), seed=int(rng.integers(2**31)))
    encoding = "utf-8"
    if rng.random() < CP1252_SHARE:
        try:
            text.encode("cp1252")
            encoding = "cp1252"
        except UnicodeEncodeError:
            pass
    year = 2015 + doc % 10
    doc_type, title = _DOC_TYPES[form]
    row = {
        "plan_id": f"k{org:03d}-{doc:02d}-{doc_type}",
        "file": f"k{org:03d}_{doc:02d}.txt",
        "municipality": f"Kommun {org:03d}",
        "municipality_source": "stated",
        "organisation": _ORGANISATIONS[int(rng.integers(len(_ORGANISATIONS)))],
        "title": f"{title} {year}",
        "doc_type": doc_type,
        "period_start": str(year),
        "period_end": str(year + int(rng.integers(0, 3))),
        "form": form,
        "ocr": "true" if ocr else "false",
    }
    return Doc(row, text, encoding)


def iter_docs(orgs: int, docs: int, seed: int = 0) -> Iterator[Doc]:
    """The corpus's documents, organisation by organisation."""
    for org in range(orgs):
        for doc in range(docs):
            yield make_doc(seed, org, doc)


def write_corpus(out: str | Path, orgs: int, docs: int, seed: int = 0) -> Path:
    """Write ``orgs × docs`` documents to ``out/raw`` and ``out/manifest.csv``; return ``out``."""
    out = Path(out)
    (out / "raw").mkdir(parents=True, exist_ok=True)
    with open(out / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(MANIFEST_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for d in iter_docs(orgs, docs, seed):
            (out / "raw" / d.row["file"]).write_bytes(d.text.encode(d.encoding))
            writer.writerow(d.row)
    return out


def heaps(texts: Iterator[str], points: int = 12) -> tuple[list[tuple[int, int]], float, float]:
    """Vocabulary growth: ``(tokens, types)`` at log-spaced points, and Heaps' ``K, β``.

    ``types ≈ K · tokens^β`` fitted by least squares on the logs (β ≈ 0.4-0.7 for natural
    text; a corpus of copies has β → 0 once the first copy is read).
    """
    seen: set[str] = set()
    curve: list[tuple[int, int]] = []
    n = 0
    for text in texts:
        for token in _WORD_ANY.findall(text):
            n += 1
            seen.add(token.casefold())
        curve.append((n, len(seen)))
    picks = np.unique(np.geomspace(1, len(curve), points).astype(int) - 1)
    curve = [curve[i] for i in picks]
    x, y = np.log([c[0] for c in curve]), np.log([c[1] for c in curve])
    beta, log_k = np.polyfit(x, y, 1)
    return curve, float(math.exp(log_k)), float(beta)


_WORD_ANY = re.compile(r"[^\W\d_]+(?:[-:'][^\W\d_]+)*")


def corpus_key(orgs: int, docs: int, seed: int) -> str:
    """A short key for a generated corpus: the generator's version, :func:`inputs_digest` and
    the parameters (the same key always gives the same bytes).

    Example:
        >>> corpus_key(5, 1, 0) == corpus_key(5, 1, 0) != corpus_key(5, 1, 1)
        True
    """
    text = f"{VERSION} {inputs_digest()} {orgs} {docs} {seed}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _texts(data: Path) -> Iterator[str]:
    from plancompare.decode import read_source
    from plancompare.manifest import read_manifest

    for record in read_manifest(data):
        yield read_source(record.path).text


def heaps_report(data: Path) -> str:
    """Vocabulary growth of the corpus in ``data`` beside that of the seeds copied as often."""
    files = len(list((data / "raw").iterdir()))
    seeds = [t for t in _texts(paths.data_dir())]
    copies = (seeds[i % len(seeds)] for i in range(files))
    lines = []
    for name, texts in (("this corpus", _texts(data)), ("seed copies", copies)):
        curve, k, beta = heaps(texts)
        n, v = curve[-1]
        lines.append(
            f"{name:>12}: types ≈ {k:.1f} · tokens^{beta:.3f}  ({n:,} tokens, {v:,} types)"
        )
        half = next(c for c in curve if c[0] >= n / 10)
        lines.append(f"{'':>12}  at a tenth of the tokens ({half[0]:,}): {half[1]:,} types")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=5)
    parser.add_argument("--docs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--heaps", action="store_true", help="print the vocabulary growth")
    args = parser.parse_args()
    out = Path(args.out)
    if not (out / "manifest.csv").exists():
        write_corpus(out, args.orgs, args.docs, args.seed)
    files = sorted((out / "raw").iterdir())
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} files, {size / 1e6:.1f} MB, in {out}")
    if args.heaps:
        print(heaps_report(out))


if __name__ == "__main__":
    main()
