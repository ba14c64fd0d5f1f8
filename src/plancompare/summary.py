"""Tables people read, made from the frame: plans, units by kind, coverage, measures.

Analyses count measures at one level of the plans' hierarchy, so that a parent and its
children are never counted twice: :func:`select_units` picks the level (by default the
most specific measures, the *leaves*: measures that are no unit's ``parent``).

Example:
    >>> import plancompare
    >>> frame = plancompare.load()
    >>> table = describe(frame)
    >>> int(table.loc["malmo-uppfoljning-2020-2021", "leaf_measures"])
    12
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .decode import read_source
from .paths import raw_dir
from .schema import KINDS, OUTCOMES, PLAN_COLUMNS

Level = str | int
"""``"leaf"`` (measures that are no unit's parent), ``"all"``, or a level number (1 = top)."""


def kind_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Units by kind for each plan and file (what ``plancompare build`` prints).

    Example:
        >>> from plancompare import load
        >>> table = kind_table(load())
        >>> int(table.loc[("malmo-uppfoljning-2020-2021", "001_b3ac81e63263b8c1.txt"), "measure"])
        19
    """
    table = frame.groupby(["plan_id", "source_file"])["kind"].value_counts().unstack(fill_value=0)
    table = table.reindex(columns=list(KINDS), fill_value=0)
    table["total"] = table.sum(axis=1)
    table.columns.name = "kind"
    return table


def plans_table(frame: pd.DataFrame, *, compact: bool = False) -> pd.DataFrame:
    """One row per source file: its plan's metadata (what the manifest said about it).

    ``compact`` gives a table that fits a page: one ``period`` column (``2020–2021``, or one
    year, or empty) in place of ``period_start`` and ``period_end``, and no ``plan_title``.

    Example:
        >>> from plancompare import load
        >>> plans_table(load()).loc["004_2860dbc534337b64.txt", "municipality"]
        'Östersund'
        >>> plans_table(load(), compact=True).loc["001_b3ac81e63263b8c1.txt", "period"]
        '2020–2021'
    """
    columns = ["source_file", *PLAN_COLUMNS]
    plans = frame[columns].drop_duplicates("source_file").set_index("source_file")
    if not compact:
        return plans
    spans = zip(plans.period_start, plans.period_end, strict=True)
    periods = pd.Series([period_label(a, b) for a, b in spans], plans.index, dtype="str")
    plans.insert(plans.columns.get_loc("period_start"), "period", periods)
    return plans.drop(columns=["plan_title", "period_start", "period_end"])


def period_label(start: object, end: object) -> str:
    """A plan's period as a reader writes it: ``2020–2021``, one year, or empty when unknown.

    Example:
        >>> period_label(2020, 2021), period_label(2023, 2023), period_label(None, 2024)
        ('2020–2021', '2023', '2024')
        >>> period_label(pd.NA, pd.NA)
        ''
    """
    years = [str(int(y)) for y in (start, end) if not pd.isna(y)]
    return "\u2013".join(dict.fromkeys(years))


def author(frame: pd.DataFrame) -> pd.Series:
    """Who wrote each unit's plan: the municipality, or the organisation when there is none.

    Regions and agencies have no municipality; their organisation names them.

    Example:
        >>> df = pd.DataFrame({"municipality": ["Malmö", ""],
        ...                    "organisation": ["GVF", "Region Jämtland Härjedalen"]})
        >>> author(df).tolist()
        ['Malmö', 'Region Jämtland Härjedalen']
    """
    named = frame["municipality"].astype("str")
    return named.where(named != "", frame["organisation"].astype("str")).rename("author")


def source_texts(frame: pd.DataFrame, data_dir: str | Path | None = None) -> dict[str, str]:
    """The decoded text of every source file of ``frame`` (file name -> text), each read once.

    Pass it as ``texts=`` to :func:`source_span`, :func:`source_spans` and :func:`coverage`,
    which otherwise read the files themselves: a notebook that needs the sources more than
    once reads them once.

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> texts = source_texts(frame)
        >>> sorted(texts) == sorted(frame.source_file.unique())
        True
        >>> coverage(frame, texts=texts).equals(coverage(frame))
        True
        >>> source_spans(frame, texts=texts).equals(source_spans(frame))
        True
    """
    raw = raw_dir(data_dir)
    files = sorted(pd.unique(frame["source_file"].astype("str")))
    return {file: read_source(raw / file).text for file in files}


def _source_reader(
    data_dir: str | Path | None, texts: Mapping[str, str] | None
) -> Callable[[str], str]:
    """A source file's text by its name: taken from ``texts``, or read from ``DATA/raw``
    (the directory resolved once, not once per file)."""
    if texts is not None:
        return texts.__getitem__
    raw = raw_dir(data_dir)
    return lambda file: read_source(raw / file).text


def source_span(
    row: pd.Series, data_dir: str | Path | None = None, *, texts: Mapping[str, str] | None = None
) -> str:
    """The exact source characters a frame row came from (its provenance, read afresh, or
    taken from ``texts``, :func:`source_texts`).

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> row = frame[(frame.kind == "measure") & (frame.ref == "4.2")].iloc[0]
        >>> source_span(row)[:26]
        '4.2. Utveckla ett koncept '
    """
    text = _source_reader(data_dir, texts)(str(row["source_file"]))
    return text[int(row["char_start"]) : int(row["char_end"])]


def source_spans(
    units: pd.DataFrame,
    data_dir: str | Path | None = None,
    *,
    texts: Mapping[str, str] | None = None,
) -> pd.Series:
    """The exact source characters of every row of ``units``, each file read once (or taken
    from ``texts``, :func:`source_texts`).

    What :func:`source_span` gives for one row, for many rows at once (reading a file per
    row would read a national corpus's files hundreds of thousands of times). Indexed like
    ``units``.

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> measures = frame[frame.kind == "measure"]
        >>> spans = source_spans(measures)
        >>> spans[measures.ref == "4.2"].iloc[0][:26]
        '4.2. Utveckla ett koncept '
        >>> bool((spans == [source_span(row) for _, row in measures.iterrows()]).all())
        True
    """
    starts = units["char_start"].to_numpy(dtype=np.int64)
    ends = units["char_end"].to_numpy(dtype=np.int64)
    spans = [""] * len(units)
    source = _source_reader(data_dir, texts)
    for file, rows in units.groupby("source_file", sort=True, observed=True).indices.items():
        text = source(file)
        for i in rows:
            spans[i] = text[starts[i] : ends[i]]
    return pd.Series(spans, index=units.index, name="source", dtype="str")


def with_enclosing(frame: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """The rows of ``frame`` that ``mask`` marks and every unit enclosing one of them.

    A unit's ``parent`` encloses it (a sub-activity's activity, a step's uppdrag), and so on
    up. Theme coding lets a unit inherit what the units enclosing it are about
    (:func:`plancompare.code_themes`), so coding these rows gives the marked ones the same
    codes as coding the whole frame, at the cost of the rows coded. In the frame's order.

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> malmo = (frame.municipality == "Malmö") & (frame.kind == "measure")
        >>> steps = malmo & frame.ref.isin(["3.1", "3.2"])  # two sub-activities
        >>> with_enclosing(frame, steps).ref.tolist()  # and their activity
        ['3', '3.1', '3.2']
    """
    keep = np.asarray(mask, dtype=bool).copy()
    parent_row = parent_rows(frame)
    todo = np.flatnonzero(keep)
    while len(todo):
        up = parent_row[todo]
        rows = up[up >= 0]
        todo = np.unique(rows[~keep[rows]])
        keep[todo] = True
    return frame[keep]


def parent_rows(frame: pd.DataFrame) -> np.ndarray:
    """Each row's parent as a row number of ``frame`` (-1: no parent, or one not in ``frame``).

    A unit id that occurs twice names its last row, as a dict built over the rows would.

    Example:
        >>> units = pd.DataFrame({"unit_id": list("abc"), "parent": ["", "a", "x"]})
        >>> parent_rows(units).tolist()
        [-1, 0, -1]
    """
    ids = pd.Index(frame["unit_id"].astype(str).to_numpy(dtype=object))
    parents = frame["parent"].fillna("").astype(str).to_numpy(dtype=object)
    rows = np.arange(len(ids))
    if not ids.is_unique:  # the last row of each id, as {id: row} keeps it
        last = ~ids.duplicated(keep="last")
        ids, rows = ids[last], rows[last]
    found = ids.get_indexer(parents)
    return np.where((found >= 0) & (parents != ""), rows[found], -1)


def coverage(
    frame: pd.DataFrame,
    data_dir: str | Path | None = None,
    *,
    texts: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Per source file: non-whitespace characters in the file, covered by units, and by furniture.

    ``covered_once`` equals ``chars`` (and ``covered_twice`` is 0) when nothing is lost
    and nothing doubled; ``uncovered`` counts characters no unit holds. The files are read
    here, or taken from ``texts`` (:func:`source_texts`).

    Example:
        >>> from plancompare import load
        >>> cov = coverage(load())
        >>> bool((cov.covered_once == cov.chars).all()), int(cov.covered_twice.sum())
        (True, 0)
    """
    files = frame.groupby("source_file", sort=True, observed=True)
    group = files.ngroup().to_numpy()  # each row's file, numbered in sorted order
    order = np.argsort(group, kind="stable")  # rows file by file, in frame order within a file
    bounds = np.searchsorted(group[order], np.arange(files.ngroups + 1))
    starts = frame["char_start"].to_numpy(dtype=np.int64)[order]
    ends = frame["char_end"].to_numpy(dtype=np.int64)[order]
    furniture = (frame["kind"] == "furniture").to_numpy(dtype=bool)[order]
    rows = []
    source = _source_reader(data_dir, texts)
    for k, file in enumerate(files.size().index):
        mine = slice(bounds[k], bounds[k + 1])
        text = source(file)
        rows.append(
            {"source_file": file, **_coverage(text, starts[mine], ends[mine], furniture[mine])}
        )
    return pd.DataFrame(rows).set_index("source_file")


def _coverage(text: str, starts: np.ndarray, ends: np.ndarray, furniture: np.ndarray) -> dict:
    """One file's row of :func:`coverage`: its units' spans counted over its characters.

    The number of units holding a character changes only where a unit starts or ends, so
    the text is cut at those places and each piece's solid characters are counted at once
    (from the running count of solid characters), not character by character.

    Example:
        >>> row = _coverage("ab cd ef", np.array([0, 3, 3]), np.array([2, 5, 8]),
        ...                 np.array([False, False, True]))
        >>> [row[k] for k in ("chars", "covered_once", "covered_twice", "uncovered")]
        [6, 4, 2, 0]
        >>> row["furniture_chars"]
        4
    """
    solid = ~_is_space(text)
    solid_before = np.zeros(len(text) + 1, dtype=np.int64)  # solid characters before i
    np.cumsum(solid, out=solid_before[1:])
    # where the count of units changes: +1 at a start, -1 at an end, and the text's two ends
    places = np.concatenate([starts, ends, [0, len(text)]])
    steps = np.concatenate([np.ones(len(starts)), -np.ones(len(ends)), [0, 0]]).astype(np.int64)
    order = np.argsort(places, kind="stable")
    places, depth = places[order], np.cumsum(steps[order])
    # piece i runs from places[i] to places[i + 1] and lies under depth[i] units; a count
    # below 0 (a span that ends before it starts) is counted nowhere, as before
    pieces = solid_before[places[1:]] - solid_before[places[:-1]]
    by_depth = np.bincount(np.clip(depth[:-1], -1, 2) + 1, weights=pieces, minlength=4)[1:]
    return {
        "units": len(starts),
        "chars": int(solid_before[-1]),
        "covered_once": int(by_depth[1]),
        "covered_twice": int(by_depth[2]),
        "uncovered": int(by_depth[0]),
        "furniture_chars": int(
            (solid_before[ends[furniture]] - solid_before[starts[furniture]]).sum()
        ),
    }


_SPACES = np.array([c for c in range(0x3100) if chr(c).isspace()], dtype=np.uint32)
_IS_SPACE = np.zeros(0x3101, dtype=bool)  # by code point; 0x3100 stands for every one above
_IS_SPACE[_SPACES] = True


def _is_space(text: str) -> np.ndarray:
    """Whether each character of ``text`` is whitespace (``str.isspace``), as an array.

    Example:
        >>> _is_space("a b\u00a0c\u3000").tolist()
        [False, True, False, True, False, True]
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return _IS_SPACE[np.minimum(codes, len(_IS_SPACE) - 1)]


def leaf_measures(frame: pd.DataFrame) -> pd.DataFrame:
    """Measures that are no unit's ``parent``: the most specific actions each plan commits to.

    Malmö's activities have sub-activities, so the sub-activities are the leaves; a measure
    without steps is its own leaf.

    Example:
        >>> from plancompare import load
        >>> leaves = leaf_measures(load())
        >>> sorted(leaves[leaves.municipality == "Malmö"].ref)[:4]
        ['1.1', '2.1', '3.1', '3.2']
    """
    return frame[_leaf_mask(frame)]


def _leaf_mask(frame: pd.DataFrame) -> np.ndarray:
    """Which rows of ``frame`` are leaf measures (the rows taken once, not twice)."""
    leaf = (frame["kind"] == "measure").to_numpy(dtype=bool, copy=True)
    parents = frame.loc[frame["parent"] != "", "parent"].unique()
    leaf[leaf] = ~isin_strings(frame["unit_id"][leaf], parents)
    return leaf


def isin_strings(values: pd.Series, wanted: Iterable[str]) -> np.ndarray:
    """Whether each of ``values`` is one of the strings ``wanted`` (as ``Series.isin``).

    An Arrow-backed string column (the frame's) is looked up by Arrow's ``is_in`` on its own
    buffers, other values as Python objects through one hash table: pandas' ``isin`` on an
    Arrow column first makes an Arrow scalar of every wanted value, 0.8 s for 190,000 ids
    against 0.1 s as objects; 1.4 million theme codes' ids among 83,000 take 0.20 s as
    objects and 0.04 s in Arrow. A missing value is no string: never wanted.

    Example:
        >>> ids = pd.Series(["a", "b", None, "c"], dtype="str")
        >>> isin_strings(ids, {"c", "a"}).tolist(), isin_strings(ids.astype(object), ["b"]).tolist()
        ([True, False, False, True], [False, True, False, False])
    """
    wanted = np.asarray(list(wanted) if isinstance(wanted, set | frozenset) else wanted, object)
    dtype = values.dtype
    arrow = isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"
    if arrow and all(isinstance(w, str) for w in wanted):
        import pyarrow as pa
        import pyarrow.compute as pc

        column = values.array.__arrow_array__()
        found = pc.is_in(column, value_set=pa.array(wanted, type=column.type))
        return found.fill_null(False).to_numpy().astype(bool, copy=False)
    return values.astype(object).isin(wanted).to_numpy(dtype=bool)


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` of integers, found by a sort: NumPy's hash-based unique takes
    many times as long on wide-ranging keys such as pair codes, and sorts its answer anyway.

    Example:
        >>> sorted_distinct(np.array([7, 3, 7, 10**12, 3])).tolist()
        [3, 7, 1000000000000]
    """
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def select_units(
    frame: pd.DataFrame, kinds: Iterable[str] = ("measure",), level: Level = "leaf"
) -> pd.DataFrame:
    """Units of some kinds, with measures taken at one level of the plans' hierarchy.

    ``level`` applies to measures only (other kinds have none): ``"leaf"`` keeps measures
    that are no unit's parent (the default, so nothing is counted twice), ``"all"`` keeps
    every measure, and a number keeps measures of that level (1 = top-level).

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> malmo = frame[frame.municipality == "Malmö"]
        >>> [len(select_units(malmo, level=x)) for x in ("leaf", 1, 2, "all")]
        [12, 7, 12, 19]
        >>> sorted(set(select_units(malmo, kinds=("goal", "measure"), level=1).kind))
        ['goal', 'measure']
    """
    kinds = tuple(kinds)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown kinds {unknown} (known: {', '.join(KINDS)})")
    chosen = frame[frame["kind"].isin(kinds)]
    is_measure = chosen["kind"] == "measure"
    if level == "all":
        keep = pd.Series(True, index=chosen.index)
    elif level == "leaf":
        keep = chosen.index.isin(frame.index[_leaf_mask(frame)]) | ~is_measure
    elif isinstance(level, int) and not isinstance(level, bool) and level >= 1:
        keep = (chosen["level"] == level).fillna(False) | ~is_measure
    else:
        raise ValueError(f"level must be 'leaf', 'all' or a level number >= 1, not {level!r}")
    return chosen[keep]


def describe(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per plan: who wrote it, its period and form, and what it holds.

    Counts goals, top-level measures (level 1), leaf measures, and the leaves' outcomes
    (as the plans' own follow-up states them).

    Example:
        >>> from plancompare import load
        >>> row = describe(load()).loc["ostersund-mal-2024"]
        >>> row.author, int(row.top_measures), int(row.leaf_measures)
        ('Östersund', 5, 7)
    """
    by = frame["plan_id"]
    first = frame.drop_duplicates("plan_id").set_index("plan_id")  # each plan's first row
    plans = frame.groupby(by, sort=True, observed=True)
    sizes = plans.size()
    first = first.loc[sizes.index]  # the plans, sorted as groupby sorts them
    order = pd.Index([str(p) for p in sizes.index], name="plan_id")
    leaves = frame.loc[_leaf_mask(frame), ["plan_id", "outcome"]]  # the columns counted
    leaf_by = leaves["plan_id"]

    def count(mask: pd.Series, keys: pd.Series = by) -> np.ndarray:
        """How many rows per plan ``mask`` marks (NA counts as not marked), in ``order``."""
        found = mask.fillna(False).astype(bool).groupby(keys, sort=True, observed=True).sum()
        found.index = [str(p) for p in found.index]
        return found.reindex(order, fill_value=0).to_numpy(dtype=np.int64)

    forms = _joined_forms(frame)
    table = {
        "author": author(first).tolist(),
        "period": [
            "–".join(dict.fromkeys(str(y) for y in (start, end) if pd.notna(y)))
            for start, end in zip(first["period_start"], first["period_end"], strict=True)
        ],
        "form": [forms[p] for p in order],
        "files": plans["source_file"].nunique().to_numpy(dtype=np.int64),
        "units": sizes.to_numpy(dtype=np.int64),
        "goals": count(frame["kind"] == "goal"),
        "top_measures": count((frame["kind"] == "measure") & (frame["level"] == 1)),
        "leaf_measures": count(pd.Series(True, index=leaves.index), leaf_by),
    }
    table |= {f"leaves_{o}": count(leaves["outcome"] == o, leaf_by) for o in OUTCOMES}
    return pd.DataFrame(table, index=order)


def _joined_forms(frame: pd.DataFrame) -> dict[str, str]:
    """Each plan's forms, sorted and joined by commas: one pass over the distinct (plan,
    form) pairs as strings, not a Python function per plan over categorical values.

    Example:
        >>> pairs = {"plan_id": ["a", "a", "b", "a"],
        ...          "form": ["generic", "activity_table", "generic", "generic"]}
        >>> _joined_forms(pd.DataFrame(pairs))
        {'a': 'activity_table, generic', 'b': 'generic'}
    """
    pairs = frame[["plan_id", "form"]].drop_duplicates()
    forms: dict[str, set[str]] = {}
    for plan, form in zip(pairs["plan_id"].tolist(), pairs["form"].tolist(), strict=True):
        forms.setdefault(str(plan), set()).add(form)
    return {plan: ", ".join(sorted(found)) for plan, found in forms.items()}


# --------------------------------------------------------------------------------------------
# tables as the pages show them (display only: what the functions above return is unchanged)

#: Words a page shows for the column names of the library's tables. Researchers' code keeps
#: the names (``leaves_carried_over``); a reader sees "leaves carried over". A name not
#: listed is shown with its underscores as spaces.
HEADERS: dict[str, str] = {
    "plan_id": "plan",
    "unit_id": "unit",
    "source_file": "file",
    "municipality_source": "municipality is",
    "doc_type": "document type",
    "ocr": "OCR text",
    "follow_up": "follow-up",
    "top_measures": "top-level measures",
    "leaf_measures": "leaf measures",
    "leaves_done": "leaves done",
    "leaves_carried_over": "leaves carried over",
    "leaves_not_done": "leaves not done",
    "leaves_unknown": "leaves, outcome unknown",
    "ref": "plan's no.",
    "status": "plan's status",
    "outcome_evidence": "outcome read from",
    "chars": "characters",
    "covered_once": "covered once",
    "covered_twice": "covered twice",
    "uncovered": "not covered",
    "furniture_chars": "of which furniture",
    "label_sv": "Swedish label",
    "gloss_en": "English gloss",
    "malmo_tag": "Malmö's tag",
    "f1": "F1",
    "f1_low": "F1 low",
    "f1_high": "F1 high",
    "kappa_low": "kappa low",
    "kappa_high": "kappa high",
    "tp": "both",
    "fp": "coded only",
    "fn": "given only",
    "tn": "neither",
    "ari_mean": "ARI mean",
    "ari_low": "ARI 5 %",
    "ari_high": "ARI 95 %",
    "n_boot": "resamples",
    "top_terms": "top terms",
    "jaccard": "Jaccard",
    "central": "central measures",
    "on_topic": "on topic",
    "ami": "AMI",
    "n_measures": "measures",
    "theme_share": "theme's share",
    "others_share": "others' share",
    "stage_share": "stage's share",
}


def header(name: object, headers: Mapping[str, str] | None = None) -> str:
    """The words a page shows for column ``name``: ``headers``, then :data:`HEADERS`.

    Example:
        >>> header("leaves_carried_over"), header("kind", {"kind": "change"})
        ('leaves carried over', 'change')
    """
    text = str(name)
    return {**HEADERS, **(headers or {})}.get(text, text.replace("_", " "))


class ReaderTable:
    """A table as a page shows it: headers in words, no row numbers, a note under it.

    Made by :func:`readable`; ``table`` is the table as computed, unchanged. In a notebook it
    displays as HTML (:meth:`_repr_html_`, plan text escaped, long text cut at pandas'
    ``display.max_colwidth`` like a DataFrame's); ``repr`` is the same as plain text.
    """

    def __init__(self, table: pd.DataFrame, headers: Mapping[str, str], note: str) -> None:
        self.table = table
        self.headers = dict(headers)
        self.note = note

    def shown(self) -> pd.DataFrame:
        """The table with its headers in words and long text cut, as the page shows it.

        A column of whole numbers made floats by a gap (counts beside a row of means) shows
        them as whole numbers and the gap empty: ``3``, not ``3.0`` beside ``NaN``.
        """
        width = pd.get_option("display.max_colwidth")
        shown = self.table.copy()
        for column in shown.columns:
            values = shown[column]
            if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
                shown[column] = [_cut(v, width) for v in values]
            elif values.dtype.kind == "f" and values.isna().any() and values.notna().any():
                known = values.dropna().to_numpy()
                if (known == known.round()).all():
                    whole = values.astype("Int64").astype(object)
                    shown[column] = whole.where(values.notna(), "")
        return shown.rename(columns=lambda c: header(c, self.headers))

    def __repr__(self) -> str:
        text = self.shown().to_string(index=False)
        return f"{text}\n{self.note}" if self.note else text

    def _repr_html_(self) -> str:
        import html

        table = self.shown().to_html(index=False, border=0, na_rep="", classes="pc-table")
        table = _CELL_TEXT.sub(lambda m: _ID_JOINT.sub(r"\1<wbr>", m.group(0)), table)
        note = f'\n<p class="pc-note"><small>{html.escape(self.note)}</small></p>'
        return table + (note if self.note else "")


# A cell's text, and in it the joints of an id (unit ids, file names, form names): after an
# underscore or a colon between letters or digits, or the dot of a file's extension, a line
# may break (<wbr>), so that a column of ids narrows like a column of words and a table fits
# the page. The text is unchanged: copied or searched for, 001_b3ac81e63263b8c1:003 is still
# one word.
_CELL_TEXT = re.compile(r"(?<=<td>)[^<]+(?=</td>)")
_ID_JOINT = re.compile(r"(?<=\w)([_:]|\.(?=[a-z]{2,4}\b))(?=\w)")


def _cut(value: object, width: int | None) -> object:
    if width and isinstance(value, str) and len(value) > width:
        return value[: width - 3] + "..."
    return value


def readable(
    table: pd.DataFrame,
    *,
    index: bool | None = None,
    headers: Mapping[str, str] | None = None,
    note: str = "",
) -> ReaderTable:
    """``table`` for a page: headers in words (:data:`HEADERS`, then ``headers``), a note.

    The row index becomes the first column(s) when it names something (``index=None`` and
    a named index, or ``index=True``) and is left out when it only numbers rows; a reader
    sees "leaves carried over" where code reads ``leaves_carried_over``, and no row numbers
    broken digit under digit in a narrow first column. ``note`` goes under the table (what a
    term means, what a share is of). ``table`` is not changed.

    Example:
        >>> import plancompare
        >>> shown = readable(describe(plancompare.load())[["author", "leaves_carried_over"]])
        >>> list(shown.shown().columns)
        ['plan', 'author', 'leaves carried over']
        >>> print(repr(readable(pd.DataFrame({"f1_low": [0.5]}), note="F1: ...")))
         F1 low
            0.5
        F1: ...
    """
    keep = table.index.names != [None] if index is None else index
    shown = table.reset_index() if keep else table.reset_index(drop=True)
    shown.columns.name = None  # a header cell of its own over no column (kind_table's "kind")
    if keep and table.index.names == [None]:
        shown = shown.rename(columns={"index": ""})
    return ReaderTable(shown, headers or {}, note)
