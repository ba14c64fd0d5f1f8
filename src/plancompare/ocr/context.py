"""Context: which reading of a real-word token fits where it stands.

When a damaged token is itself a word (``stod``/``stöd``, ``bor``/``bör``, ``Stark``/``Stärk``),
the token alone cannot decide. Its neighbours can:

* **function words** (``data/ocr/function_words.tsv``): after an infinitive marker (``att``,
  ``ska``, ``kan`` ...) an infinitive is expected and a finite verb is not; after a preposition,
  determiner or numeral a noun phrase is expected, so neither (and after a preposition a
  determiner is welcome: ``för våra``); after a subject pronoun a finite
  verb (``det är``), after a copula no infinitive (``är avsatta``); a modal verb is expected
  before an infinitive (``bör utveckla``), a
  finite verb before a sentence adverb (``är inte``), and two finite verbs do not follow each
  other (``Här spelar``, not ``Har spelar``);
* **slot rules** (``data/ocr/slot_rules.tsv``, declared as data with their grammar source): a
  reading gets a weight when its neighbours pass the rule's tests -- a modal before an
  infinitive or a conjunctive adverb (``bör avslås``, ``bör även``), a copula before an article,
  ``att`` or a participle (``är ett``, ``är att``, ``är komplicerade``), ``har`` before a
  supine, ``när`` before a subject, no preterite or supine after an adjective in ``-t`` or an
  article (``ett hållbart sätt``, ``långsiktigt stöd``), an imperative or a determiner, not a
  finite verb, opening a clause before a noun (``Stärk ledarskapet``, ``Vår genomgång``);
* **position**: the first word of a list item is, in a list of measures, most often an action verb
  in the imperative or infinitive (``Stärk``, ``Värna``, ``Höj``, ``Öka``:
  :func:`plancompare.swedish.is_action_verb`);
* **English**: a word in a run of English (``Teach for Sweden``) is left alone;
* corpus **bigrams** (:meth:`Lexicon.context`).

Example:
    >>> ctx = Context()
    >>> ctx.grammar("att", "stärka", None) > 0 > ctx.grammar("att", "stärker", None)
    True
    >>> ctx.grammar(None, "bör", "utveckla") > 0 == ctx.grammar(None, "bor", "utveckla")
    True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from plancompare import paths
from plancompare.swedish import lemma
from plancompare.swedish.derivation import is_verb, verb_tense
from plancompare.swedish.frequencies import zipf
from plancompare.swedish.verbs import verb_forms

from .lexicon import NUM, YEAR

__all__ = [
    "FILE_EXTENSIONS_PATH",
    "FUNCTION_WORDS_PATH",
    "NUMBER_ABBREVIATIONS_PATH",
    "PARTIES_PATH",
    "SLOT_RULES_PATH",
    "TITLES_PATH",
    "UNITS_PATH",
    "SLOT_TESTS",
    "ELEMENTS_PATH",
    "Context",
    "Elements",
    "SlotRule",
    "ContextParams",
    "finite_like",
    "infinitive_like",
    "chemical_notation",
    "is_item_start",
    "load_elements",
    "load_file_extensions",
    "load_parties",
    "present_like",
    "load_function_words",
    "load_number_abbreviations",
    "load_slot_rules",
    "load_titles",
    "load_units",
    "unit_expression",
]

FUNCTION_WORDS_PATH = paths.RESOURCES / "ocr" / "function_words.tsv"
SLOT_RULES_PATH = paths.RESOURCES / "ocr" / "slot_rules.tsv"
NUMBER_ABBREVIATIONS_PATH = paths.RESOURCES / "ocr" / "number_abbreviations.tsv"
TITLES_PATH = paths.RESOURCES / "ocr" / "name_titles.tsv"
UNITS_PATH = paths.RESOURCES / "ocr" / "units.tsv"
FILE_EXTENSIONS_PATH = paths.RESOURCES / "ocr" / "file_extensions.tsv"
PARTIES_PATH = paths.RESOURCES / "ocr" / "party_abbreviations.tsv"
ELEMENTS_PATH = paths.RESOURCES / "ocr" / "elements.tsv"
_WORD = re.compile(r"[^\W\d_]+")
_DEMONSTRATIVE = frozenset(("den", "det", "de", "dessa"))
_NOUN_PHRASE = frozenset(("preposition", "determiner", "numeral"))
#: word classes that open a clause or verb phrase of their own (Context.infinitive_later)
_CLAUSE_OPENERS = frozenset(
    (
        "infinitive_marker",
        "complementizer",
        "relative",
        "coordinator",
        "subordinator",
        "copula",
        "auxiliary",
    )
)
#: word classes after which a noun, not an infinitive, stands
_NOUN_SLOT = frozenset(("preposition", "determiner", "numeral", "article"))
MARKER = re.compile(r"[-–•*·▪►○●]|\d{1,2}[.)]|[a-zA-Z][.)]")


def load_function_words(path: str | Path | None = None) -> dict[str, frozenset[str]]:
    """Read the Swedish function-word classes (TSV: class, space-separated words).

    Example:
        >>> classes = load_function_words()
        >>> "att" in classes["infinitive_marker"], "för" in classes["preposition"]
        (True, True)
    """
    path = Path(path) if path is not None else FUNCTION_WORDS_PATH
    return {
        name.strip(): frozenset(" ".join(words).lower().split())
        for name, *words in _rows(path, "class")
    }


def load_number_abbreviations(path: str | Path | None = None) -> dict[str, str]:
    """Read the abbreviations that stand beside a number (TSV: abbreviation, side, meaning):
    ``{abbreviation in lower case: side}``, the side being ``after`` (the number stands before
    it: ``32 963 kr``), ``before`` (``nr 1907/2006``) or ``both``.

    Example:
        >>> table = load_number_abbreviations()
        >>> table["kr"], table["nr"], table["kwh"]
        ('after', 'before', 'after')
    """
    path = Path(path) if path is not None else NUMBER_ABBREVIATIONS_PATH
    table: dict[str, str] = {}
    for word, side, *_ in _rows(path, "abbreviation"):
        if side not in ("after", "before", "both"):
            raise ValueError(f"{path.name}: {word}: side must be after, before or both")
        table[word.strip().lower()] = side
    return table


def _rows(path: Path, header: str) -> list[list[str]]:
    """The data rows of a TSV file of ``data/ocr`` (comments, blank lines and header out)."""
    with path.open(encoding="utf-8") as fh:
        return [
            line.rstrip("\n").split("\t")
            for line in fh
            if line.strip() and not line.startswith("#") and not line.startswith(header + "\t")
        ]


def _first_column(path: Path, header: str) -> frozenset[str]:
    """The first column of a TSV file of ``data/ocr`` (:func:`_rows`), in lower case."""
    return frozenset(row[0].strip().lower() for row in _rows(path, header))


def load_titles(path: str | Path | None = None) -> frozenset[str]:
    """Read the titles written as abbreviations before a name (TSV: title, meaning), in lower
    case (``data/ocr/name_titles.tsv``).

    Example:
        >>> titles = load_titles()
        >>> "dr" in titles, "prof" in titles, "är" in titles
        (True, True, False)
    """
    return _first_column(Path(path) if path is not None else TITLES_PATH, "title")


def load_file_extensions(path: str | Path | None = None) -> frozenset[str]:
    """Read the file-name extensions (TSV: extension, format), in lower case
    (``data/ocr/file_extensions.tsv``).

    Example:
        >>> extensions = load_file_extensions()
        >>> "txt" in extensions, "pdf" in extensions, "och" in extensions
        (True, True, False)
    """
    return _first_column(Path(path) if path is not None else FILE_EXTENSIONS_PATH, "extension")


def load_parties(path: str | Path | None = None) -> frozenset[str]:
    """Read the party abbreviations of Swedish politics (TSV: abbreviation, party), in lower
    case (``data/ocr/party_abbreviations.tsv``).

    Example:
        >>> parties = load_parties()
        >>> "s" in parties, "mp" in parties, "och" in parties
        (True, True, False)
    """
    return _first_column(Path(path) if path is not None else PARTIES_PATH, "abbreviation")


@dataclass(frozen=True)
class Units:
    """Unit symbols (``unit``: may take an SI prefix; ``word``: may not) and SI prefixes."""

    units: frozenset[str]
    words: frozenset[str]
    prefixes: frozenset[str]

    def is_unit(self, part: str) -> bool:
        """Whether ``part`` is a unit, with an SI prefix or without (case as written: ``mg``,
        ``L``, ``mmol``, ``µg``; ``Mg`` would be megagram)."""
        if part in self.units or part in self.words:
            return True
        return any(part[:k] in self.prefixes and part[k:] in self.units for k in (1, 2))


def load_units(path: str | Path | None = None) -> Units:
    """Read the unit symbols and SI prefixes (TSV: symbol, kind, meaning;
    ``data/ocr/units.tsv``).

    Example:
        >>> units = load_units()
        >>> units.is_unit("mg"), units.is_unit("mmol"), units.is_unit("L"), units.is_unit("mål")
        (True, True, True, False)
    """
    path = Path(path) if path is not None else UNITS_PATH
    kinds: dict[str, set[str]] = {"unit": set(), "word": set(), "prefix": set()}
    for symbol, kind, *_ in _rows(path, "symbol"):
        if kind not in kinds:
            raise ValueError(f"{path.name}: {symbol}: kind must be unit, word or prefix")
        kinds[kind].add(symbol.strip())
    return Units(*(frozenset(kinds[k]) for k in ("unit", "word", "prefix")))


_UNIT_EDGE = "()[]{}\"'”«».,;:!?"
_LEADING_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def unit_expression(token: str, units: Units | None = None) -> bool:
    """Whether ``token`` is a quotient of units written as one token (``mg/ml``, ``g/L``,
    ``1g/l/dag.``, ``(mmol/L)``): every part between slashes a unit of ``data/ocr/units.tsv``,
    the first perhaps after a number, brackets and punctuation around it.

    Example:
        >>> [unit_expression(t) for t in ("mg/ml", "g/L", "1g/l/dag.", "(µg/l)", "ml/min.")]
        [True, True, True, True, True]
        >>> [unit_expression(t) for t in ("och/eller", "mg/mål", "18ng", "mg", "kr/ar")]
        [False, False, False, False, False]
    """
    if "/" not in token:
        return False
    units = units if units is not None else _units()
    parts = token.strip(_UNIT_EDGE).split("/")
    number = _LEADING_NUMBER.match(parts[0])
    if number:
        parts[0] = parts[0][number.end() :]
    return len(parts) >= 2 and all(units.is_unit(part) for part in parts)


@lru_cache(maxsize=1)
def _units() -> Units:
    return load_units()


@dataclass(frozen=True)
class Elements:
    """Chemical element symbols as written (``Na``, ``Cl``, ``K``) and the charges of their
    common monatomic ions (``{"Na": frozenset({"+"}), "Ca": frozenset({"2+"}), ...}``)."""

    ions: Mapping[str, frozenset[str]]

    def is_symbol(self, text: str) -> bool:
        """Whether ``text`` is an element's symbol, in its case (``Co``, not ``CO``)."""
        return text in self.ions


def load_elements(path: str | Path | None = None) -> Elements:
    """Read the chemical elements (TSV: symbol, name, ion charges; ``data/ocr/elements.tsv``).

    Example:
        >>> elements = load_elements()
        >>> len(elements.ions), elements.is_symbol("Na"), elements.is_symbol("NA")
        (118, True, False)
        >>> sorted(elements.ions["Fe"]), sorted(elements.ions["Cl"])
        (['2+', '3+'], ['-'])
    """
    path = Path(path) if path is not None else ELEMENTS_PATH
    ions: dict[str, frozenset[str]] = {}
    for symbol, _name, *charges in _rows(path, "symbol"):
        ions[symbol.strip()] = frozenset(" ".join(charges).split())
    return Elements(ions)


@lru_cache(maxsize=1)
def _elements() -> Elements:
    return load_elements()


_FORMULA = re.compile(r"((?:[A-Z][a-z]?\d*)+)([+\-−])?")
_FORMULA_GROUP = re.compile(r"([A-Z][a-z]?)(\d*)")


def chemical_notation(token: str, elements: Elements | None = None) -> bool:
    """Whether ``token`` is chemical notation that OCR damage does not make: an ion, a symbol
    of ``data/ocr/elements.tsv`` with one of its common charges (``Na+``, ``Cl-``, ``Ca2+``),
    or a formula of two or more symbols that ends in a count or a charge (``HCO3-``, ``CO2``,
    ``NH4+``); brackets and punctuation around it. A symbol alone is read in context (the
    repairer keeps one beside its amount: ``Na 40``); ``P4`` or ``K6P`` (``På``, ``KÖP`` with a
    digit for the letter) are no notation.

    Example:
        >>> [chemical_notation(t) for t in ("Na+", "K+", "Cl-", "Ca2+", "HCO3-", "(CO2)", "SO4,")]
        [True, True, True, True, True, True, True]
        >>> [chemical_notation(t) for t in ("Na", "Na-", "P4", "K6P", "ÅR", "Nå+", "CO")]
        [False, False, False, False, False, False, False]
    """
    m = _FORMULA.fullmatch(token.strip(_UNIT_EDGE))
    if m is None:
        return False
    elements = elements if elements is not None else _elements()
    groups = _FORMULA_GROUP.findall(m[1])
    if not all(elements.is_symbol(symbol) for symbol, _ in groups):
        return False
    sign = m[2] or ""
    if len(groups) == 1:
        symbol, count = groups[0]
        return bool(sign) and (count + sign.replace("−", "-")) in elements.ions[symbol]
    return bool(sign or groups[-1][1])


def infinitive_like(word: str) -> bool:
    """A base form that could be an infinitive (``vara``, ``stärka``, ``nå``), not ``våra``;
    or a passive infinitive (``införas``).

    Example:
        >>> infinitive_like("stärka"), infinitive_like("våra"), infinitive_like("nå")
        (True, False, True)
        >>> infinitive_like("införas"), infinitive_like("skolans")
        (True, False)
    """
    if word.endswith("as") and len(word) > 4:
        return infinitive_like(word[:-1])
    return lemma(word) == word and (word.endswith("a") or (len(word) <= 3 and word[-1] in "åeo"))


_NOUN_ENDINGS = ("n", "or", "orna", "ns", "ors", "ornas", "r", "rna", "rnas", "s", "e", "t")
_VERB_ENDINGS = ("r", "de", "te", "dde", "tte", "ade", "t", "tt", "ar", "er")


def finite_like(word: str) -> bool:
    """A finite verb form: present or past tense of another lemma (``är``, ``når``, ``stärker``,
    ``stod``), not a noun's plural (``former``, ``skolor``).

    The lemma must look like a verb (an infinitive in ``-a`` or a short one such as ``stå``);
    the form must be one a verb takes, or no form a noun takes (irregular: ``är``, ``stod``).

    Example:
        >>> [finite_like(w) for w in ("är", "stärker", "stod", "går")]
        [True, True, True, True]
        >>> [finite_like(w) for w in ("stärka", "skolor", "stöd", "hälso", "fortsatta", "sitt")]
        [False, False, False, False, False, False]
        >>> finite_like("dom"), finite_like("dör")  # dom: de, a pronoun; dör: dö
        (False, True)
    """
    base = lemma(word)
    if base == word or not base:
        return False
    if base.endswith("a"):
        stem = base[:-1]
        if any(word == stem + e or word == base + e for e in _VERB_ENDINGS):
            return word.endswith(("r", "de", "te", "dde", "tte", "ade"))
        # irregular: the stem's vowel changed (kom, är, gick); hälso- (hälsa) keeps its stem,
        # and a participle in -t, -a or -e is no finite verb (fortsatt, fortsatta, lagda)
        return (
            not word.startswith(stem)
            and word[-1] not in "taeo"
            and not any(word == stem + e or word == base + e for e in _NOUN_ENDINGS)
        )
    if len(base) <= 3 and base[-1] in "åeoö" and is_verb(base):
        # gå, stå, se, bo, dö: not the supine gått, nor dom (lemma de, a pronoun)
        return not word.endswith("tt")
    return False


def present_like(word: str) -> bool:
    """A regular present-tense verb: the lemma + ``r`` (``spelar``, ``går``) or the stem +
    ``er`` (``fyller``).

    Example:
        >>> present_like("spelar"), present_like("fyller"), present_like("nedsatt")
        (True, True, False)
    """
    base = lemma(word)
    return base != word and (
        word == base + "r" or (base.endswith("a") and word == base[:-1] + "er")
    )


def is_item_start(chunks: list[str], ti: int) -> bool:
    """Whether token ``ti`` of ``chunks`` (as :func:`split_whitespace` cuts them) opens a list
    item or a line of its own: it follows a bullet or number marker, or starts a line after a
    blank line, the start of the text, or a line ending in ``:`` or ``.`` -- not a line of
    hard-wrapped prose that goes on from the line before.

    Example:
        >>> from plancompare.ocr.tokens import split_whitespace
        >>> chunks = split_whitespace("Mål:\\nStark samverkan\\n2. Hoj lönerna och\\nstark tro")
        >>> [is_item_start(chunks, ti) for ti in range(9)]
        [True, True, False, False, True, False, False, False, False]
    """
    j = 2 * ti
    marker = False
    while True:
        if j == 0:
            return True
        ws = chunks[j - 1]
        if "\n" in ws:
            before = chunks[j - 2]
            return marker or ws.count("\n") >= 2 or not before or before[-1] in ":."
        before = chunks[j - 2]
        if not MARKER.fullmatch(before):
            return False
        marker = True
        j -= 2


@dataclass(frozen=True)
class SlotRule:
    """A real-word rule of ``slot_rules.tsv``: a candidate reading that passes ``reading`` gets
    ``weight`` (in units of the grammar weight) when its neighbours pass ``left`` and
    ``right`` (``any``: no condition)."""

    name: str
    left: str
    right: str
    reading: str
    weight: float


def load_slot_rules(path: str | Path | None = None) -> tuple[SlotRule, ...]:
    """Read the real-word slot rules (TSV: rule, left, right, reading, weight, example).

    Example:
        >>> rules = {r.name: r for r in load_slot_rules()}
        >>> r = rules["modal_before_infinitive"]
        >>> r.left, r.right, r.reading, r.weight
        ('any', 'infinitive_or_passive', 'class:modal', 1.0)
    """
    path = Path(path) if path is not None else SLOT_RULES_PATH
    rules: list[SlotRule] = []
    for name, left, right, reading, weight, *_ in _rows(path, "rule"):
        for test in (left, right, reading):
            if not (test.startswith("class:") or test in SLOT_TESTS or test == "any"):
                raise ValueError(f"{path.name}: rule {name}: unknown test {test!r}")
        rules.append(SlotRule(name, left, right, reading, float(weight)))
    return tuple(rules)


def _finite_form(word: str) -> bool:
    return verb_tense(word) in ("present", "passive", "preterite") or finite_like(word)


def _adjective_lemma_verb(word: str) -> bool:
    """An infinitive the lemmatizer reads as an adjective's plural (``gälla`` as ``gäll``,
    ``kalla`` as ``kall``) that the dictionary also conjugates as a verb; not ``andra``
    (lemma ``annan``) nor ``starka`` (no verb)."""
    return word.endswith("a") and lemma(word) + "a" == word and is_verb(word)


def _neuter_adjective(word: str) -> bool:
    """An adjective's neuter in ``-t`` (``hållbart``); not a definite noun (``schemat``: its
    lemma ends in a vowel) nor a verb form."""
    base = lemma(word)
    return (
        len(word) > 3
        and base + "t" == word
        and base[-1] not in "aeiouyåäö"
        and not verb_tense(word)
    )


def _adjective(word: str) -> bool:
    """An adjective's base form (``låg``, ``godtagbar``, ``tillämplig``): no verb form, ending in
    a consonant other than ``t``, its neuter in ``-t`` and its plural in ``-a`` both in the
    word list (zipf 2.5 or more); not a noun (``behov``, ``fall``: no ``fallt``)."""
    return (
        len(word) >= 3
        and word[-1] not in "aeiouyåäöt"
        and not verb_tense(word)
        and not finite_like(word)
        and zipf(word + "t") >= 2.5
        and zipf(word + "a") >= 2.5
    )


def _imperative(word: str) -> bool:
    """A verb's imperative that is not its infinitive (``stärk``, ``höj``; three letters at
    least, so not ``öl``): :func:`plancompare.swedish.verbs.verb_forms` of its lemma."""
    base = lemma(word)
    return len(word) >= 3 and word != base and word in verb_forms(base)


def _definite_noun(word: str) -> bool:
    """A definite noun: a form in ``-en``/``-et``/``-na`` of another lemma, no verb form
    (``ledarskapet``, ``uppföljningen``, ``kommunerna``)."""
    base = lemma(word)
    return (
        bool(base)
        and base != word
        and word.endswith(("en", "et", "na"))
        and not verb_tense(word)
        and not finite_like(word)
    )


def _participle(word: str) -> bool:
    """Whether ``word`` has the form of a present participle (``-ande``/``-ende``, six letters
    or more): ``fungerande``, ``föregående`` -- a verb's form or not.

    Example:
        >>> _participle("föregående"), _participle("ande")
        (True, False)
    """
    return len(word) > 5 and word.endswith(("ande", "ende"))


#: The tests a slot rule may name (besides ``class:NAME``), each on a lower-case word.
SLOT_TESTS = {
    "finite": _finite_form,
    "infinitive": lambda w: verb_tense(w) == "infinitive" or _adjective_lemma_verb(w),
    "infinitive_or_passive": lambda w: (
        verb_tense(w) in ("infinitive", "passive") or (w.endswith("a") and is_verb(w))
    ),
    "present_or_passive": lambda w: verb_tense(w) in ("present", "passive"),
    "passive": lambda w: verb_tense(w) == "passive",
    "present_participle": lambda w: _participle(w) and not verb_tense(w),
    "participle": _participle,
    "supine": lambda w: verb_tense(w) == "supine",
    "past": lambda w: verb_tense(w) in ("preterite", "supine"),
    "preterite": lambda w: verb_tense(w) == "preterite",
    "adjectival": lambda w: _neuter_adjective(w) or verb_tense(w) in ("preterite", "supine"),
    "neuter_adjective": _neuter_adjective,
    "adjective": _adjective,
    "imperative": _imperative,
    "content_nonverb": lambda w: not verb_tense(w) and not finite_like(w),
    "definite_noun": _definite_noun,
    "none": lambda w: False,  # no neighbour at all: decided in Context.grammar
    "year": lambda w: False,  # a year as a neighbour (YEAR): decided in Context._passes
}


@dataclass(frozen=True)
class ContextParams:
    """Weights of the context rules (log10 units; see :class:`OcrRepairer`)."""

    grammar_weight: float = 1.5
    english_margin: float = 1.0
    noun_phrase_weight: float = 3.0
    #: a modal reading when a bare infinitive follows a few words on (bör det införas): more
    #: than the one grammar weight a finite verb gets before the pronoun (bor det)
    infinitive_ahead_weight: float = 3.0
    #: a modal reading when a bare infinitive follows further on, past an adverbial or an
    #: inverted subject (bör i dessa fall kompletteras, bör Boverket på lämpligt sätt se)
    infinitive_later_weight: float = 1.5


class _Memo(dict):
    """A test of a word, remembered per word (up to half a million words)."""

    def __init__(self, test) -> None:
        super().__init__()
        self.test = test

    def __call__(self, word: str) -> bool:
        hit = self.get(word)
        if hit is None:
            hit = self.test(word)
            if len(self) < 500_000:
                self[word] = hit
        return hit


@lru_cache(maxsize=65536)
def _english_zipf(word: str) -> float:
    return zipf(word, lang="en")


class Context:
    """The context rules, with their data (function-word classes) loaded once."""

    def __init__(
        self,
        params: ContextParams | None = None,
        function_words: str | Path | None = None,
        slot_rules: str | Path | None = None,
    ) -> None:
        self.params = params if params is not None else ContextParams()
        self.classes: dict[str, tuple[str, ...]] = {}
        for name, words in load_function_words(function_words).items():
            for word in words:
                self.classes[word] = (*self.classes.get(word, ()), name)
        # function words proper: the verb tests leave them out (a copula is still a verb, a
        # time noun a noun)
        self.function = frozenset(
            w for w, c in self.classes.items() if set(c) - {"copula", "auxiliary", "time_noun"}
        )
        # the words that may stand between a modal and its infinitive (infinitive_ahead)
        self.between = frozenset(
            w
            for w, c in self.classes.items()
            if {"subject", "after_verb", "conjunctive_adverb"}.intersection(c)
        )
        # the slot rules whose reading test a word passes, in the rules' order, found once per
        # word: most readings pass none, and grammar then tries no rule at all
        self._rules_for = _Memo(self._passed_rules)
        self.rules = load_slot_rules(slot_rules)
        self.number_abbreviations = load_number_abbreviations()
        self.titles = load_titles()
        self.units = load_units()
        self.file_extensions = load_file_extensions()
        self.parties = load_parties()
        self.elements = load_elements()
        self._tests: dict[str, _Memo] = {}
        # the verb-form tests, remembered per word (the same words are asked again and again)
        self._finite = _Memo(finite_like)
        self._infinitive = _Memo(infinitive_like)
        self._present = _Memo(present_like)

    @property
    def rules(self) -> tuple[SlotRule, ...]:
        """The slot rules (``data/ocr/slot_rules.tsv``). Replacing them forgets which rules
        each word's readings pass (:meth:`grammar` finds those once per word)."""
        return self._rules

    @rules.setter
    def rules(self, rules: tuple[SlotRule, ...]) -> None:
        self._rules = tuple(rules)
        self._rules_for.clear()

    def grammar(
        self,
        left: str | None,
        word: str,
        right: str | None,
        ahead: bool = False,
        later: bool = False,
    ) -> float:
        """Function-word evidence for ``word`` between ``left`` and ``right`` (log10 units);
        ``ahead``: a bare infinitive follows a few words on (:meth:`infinitive_ahead`), which a
        modal verb wants (``bör det införas``) and another verb (``bor``) does not; ``later``:
        one follows further on, past an adverbial or a subject (:meth:`infinitive_later`),
        weighed less.

        Example:
            >>> ctx = Context()
            >>> ctx.grammar(None, "bör", "inte", True) > ctx.grammar(None, "bor", "inte", True)
            True
        """
        w = self.params.grammar_weight
        score = 0.0
        if ahead and self.is_modal(word):
            score += self.params.infinitive_ahead_weight
        elif later and self.is_modal(word):
            score += self.params.infinitive_later_weight
        if left is not None:
            classes = ("numeral",) if left == NUM else self.classes.get(left, ())
            if "infinitive_marker" in classes:
                if self._infinitive(word):
                    score += w
                elif self._finite(word) and word not in self.function:
                    score -= w
            elif "subject" in classes:
                if left in _DEMONSTRATIVE and word in ("här", "där"):
                    score += w  # det här, den där: a demonstrative, as likely as subject + verb
                elif (word not in self.function and self._finite(word)) or self.is_modal(word):
                    score += w
            elif "copula" in classes:
                if word not in self.function and self._infinitive(word):
                    score -= w  # som är avsatta, not är avsätta
            elif "preposition" in classes and "determiner" in self.classes.get(word, ()):
                score += w  # för våra lärare: a preposition opens a noun phrase
            elif _NOUN_PHRASE.intersection(classes) and word not in self.function:
                if self._finite(word):
                    score -= self.params.noun_phrase_weight  # tio år, per år: not tio är
                elif self._infinitive(word):
                    score -= w
        if right is not None:
            bare = NUM if right == YEAR else right  # a year is a number to these tests
            if self.is_modal(word) and self._infinitive(bare) and bare not in self.function:
                score += w
            finite = word not in self.function and self._finite(word)
            after = self.classes.get(bare, ())
            if "after_verb" in after and (
                finite
                # a modal is finite too (det bör inte); before a pronoun it may be a
                # preposition's slot (för det), before därför a slot rule weighs it
                or (self.is_modal(word) and not {"subject", "conjunctive_adverb"} & set(after))
            ):
                score += w  # det är inte, vi når också
            elif finite and bare not in self.function and self._present(bare):
                score -= w  # two finite verbs in a row: Har spelar -> Här spelar
        for rule in self._rules_for(word):
            if self._fits(rule.left, left) and self._fits(rule.right, right):
                score += rule.weight * w
        return score

    def _passed_rules(self, word: str) -> tuple[SlotRule, ...]:
        """The slot rules whose reading test ``word`` passes, in their order."""
        passed: dict[str, bool] = {}  # each reading test once: most readings fail most tests
        for rule in self.rules:
            if rule.reading not in passed:
                passed[rule.reading] = self._passes(rule.reading, word)
        return tuple(rule for rule in self.rules if passed[rule.reading])

    def infinitive_ahead(self, words: list[str | None]) -> bool:
        """Whether ``words`` (the words after a verb, up to the end of its clause: ``None``
        there) hold a bare infinitive (or passive) a modal verb could govern, after at most
        three words that may stand between them, each a subject pronoun or a sentence or
        conjunctive adverb (``after_verb``, ``conjunctive_adverb``: ``bör det införas``, ``bör
        inte heller inskränkas``); the first word itself is the right neighbour, which
        :meth:`grammar` weighs already, so an infinitive there does not count. A noun between
        them is not passed: ``den lär perioden genomsyras`` is no clause (``den här``).

        Example:
            >>> ctx = Context()
            >>> ctx.infinitive_ahead(["det", "införas", None])
            True
            >>> ctx.infinitive_ahead(["i", "en", "skola"]), ctx.infinitive_ahead(["ändras"])
            (False, False)
        """
        for i, word in enumerate(words[:4]):
            if word is None or word in (NUM, YEAR):
                return False
            if (
                i
                and word not in self.function
                and (
                    self._passes("infinitive_or_passive", word)
                    or (word.endswith("as") and self._infinitive(word))  # införas
                )
            ):
                return True
            if word in self.between:
                continue
            return False  # a noun (den här perioden), att, a preposition, a verb: another phrase
        return False

    def infinitive_later(self, words: list[str | None]) -> bool:
        """Whether ``words`` (the words after a verb, up to the end of its clause: ``None``
        there) hold a bare infinitive or passive further on in the verb's clause, past
        adverbs, prepositional phrases, numbers and noun phrases (an inverted subject): ``bör
        i dessa fall kompletteras``, ``bör vidare göra``, ``bör Boverket på lämpligt sätt
        se``. What opens another clause or phrase of its own ends the search: a conjunction,
        ``att``, a relative, a modal, a copula or ``har``, or any other verb form; a word after
        an article, determiner, numeral or preposition is a noun, not an infinitive (``bor i en
        skola``); a passive counts in its infinitive (``kompletteras``), not in the present
        (``krävs``). The first word is the right neighbour, weighed by :meth:`grammar` already.

        Example:
            >>> ctx = Context()
            >>> ctx.infinitive_later(["i", "dessa", "fall", "kompletteras", None])
            True
            >>> ctx.infinitive_later(["vidare", "göra", "en", "preliminär"])
            True
            >>> from plancompare.ocr.lexicon import YEAR
            >>> ctx.infinitive_later(["under", "hösten", YEAR, "utreda"])
            True
            >>> ctx.infinitive_later(["i", "en", "skola"]), ctx.infinitive_later(["kvar", "och", "kan", "arbeta"])
            (False, False)
        """  # noqa: E501
        noun_slot = False
        for i, word in enumerate(words[:8]):
            if word is None:
                return False
            if word in (NUM, YEAR):
                noun_slot = word == NUM  # tre rum; a year ends its phrase (hösten 2027 utreda)
                continue
            classes = self.classes.get(word, ())
            if classes:
                if _CLAUSE_OPENERS.intersection(classes):
                    return False
                noun_slot = bool(_NOUN_SLOT.intersection(classes))
                continue
            if (
                i
                and not noun_slot
                and self._infinitive(word)
                and self._passes("infinitive_or_passive", word)
            ):
                return True  # göra, kompletteras; not krävs, tas (a present passive, finite)
            if self._passes("finite", word) or verb_tense(word):
                return False
            noun_slot = False
        return False

    def _fits(self, test: str, neighbour: str | None) -> bool:
        """Whether a neighbour (``None``: there is none) passes a rule's side test."""
        if test == "any":
            return True
        if neighbour is None:
            return test == "none"
        return self._passes(test, neighbour)

    def _passes(self, test: str, word: str) -> bool:
        """Whether ``word`` passes a slot-rule test (``class:NAME`` or one of SLOT_TESTS);
        function words (a copula or ``har`` aside) pass only ``class:`` tests."""
        if test.startswith("class:"):
            return test[6:] in self.classes.get(word, ())
        if word == YEAR:
            return test == "year"
        if word == NUM:
            return False
        memo = self._tests.get(test)
        if memo is None:
            memo = self._tests[test] = _Memo(SLOT_TESTS[test])
        if word in self.function:
            return False
        return memo(word)

    def is_modal(self, word: str) -> bool:
        """A finite modal or auxiliary verb (bör, kan, ska, vill), not the marker att."""
        return word != "att" and "infinitive_marker" in self.classes.get(word, ())

    def looks_english(self, word: str, swedish_zipf: float) -> bool:
        """Whether ``word`` is clearly more English than Swedish."""
        if len(word) < 2 or not word.isalpha():
            return False
        en = _english_zipf(word)
        return en >= 3.0 and en >= swedish_zipf + self.params.english_margin
