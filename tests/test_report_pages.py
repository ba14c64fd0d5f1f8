"""The report's pages: the appendix of all units, the front page, the reader's page without
code and its variant with code, and the planted hostile plan (plan text is data, never markup).

One report is built (one kernel run) on a small corpus: Östersund's seed plan and a hostile
plan (tests/report_corpus.py) whose text, title and municipality carry <script>, <img onerror>
and remote links.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import types
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from report_corpus import HOSTILE_FILE, OSTERSUND, small_corpus

import plancompare
from plancompare.findings import Finding
from plancompare.paths import shipped_codebook
from plancompare.report import (
    _decorate,
    appendix_html,
    build_report,
    execute_notebook,
    export_html,
)

CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)

NOTEBOOK = [
    new_markdown_cell(
        "# 01 \u2014 Units of the corpus\n\nShows the **units** of the data directory.\n\n"
        "A second paragraph that is not the summary."
    ),
    new_code_cell("data_dir = None  # data directory", metadata={"tags": ["parameters"]}),
    new_code_cell(
        "import plancompare\nfrom plancompare.links import count_table\n\n"
        "frame = plancompare.load(data_dir)\n"
        "hostile = frame[frame.plan_id == 'hostile-2025']\n"
        "hostile[['unit_id', 'municipality', 'text']]"
    ),
    new_markdown_cell("## Counts by kind"),
    new_code_cell("count_table(frame, 'municipality', 'kind', caption='Units by kind')"),
    new_code_cell("for text in hostile.text:\n    print(text)"),
    new_markdown_cell("## Plans"),
    new_code_cell(
        "from plancompare.summary import describe, readable\n\nreadable(describe(frame))"
    ),
    new_markdown_cell("## Figure"),
    new_code_cell(
        "%matplotlib inline\nfrom plancompare import plots\n\nplots.plot_units_by_kind(frame)"
    ),
]


class _Page(HTMLParser):
    """What a browser would build: elements, attributes, ids, links, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())

    @property
    def joined(self) -> str:  # text as written, highlighted code included
        return "".join(self.text)

    def hrefs(self) -> list[str]:
        return [a.get("href") or "" for t, a in self.tags if t == "a"]


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _fake_findings(monkeypatch, found=None, calls=None):
    module = types.ModuleType("plancompare.findings")

    def key_findings(frame, **params):
        if calls is not None:
            calls.append((len(frame), params))
        return list(found or [])

    module.key_findings = key_findings
    module.__file__ = "findings.py"
    monkeypatch.setitem(sys.modules, "plancompare.findings", module)
    monkeypatch.setattr(plancompare, "findings", module, raising=False)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """(out dir, data dir, key_findings calls) of one report on the small corpus."""
    root = tmp_path_factory.mktemp("report")
    data = small_corpus(root / "data")
    nb_dir = root / "notebooks"
    nb_dir.mkdir()
    nbformat.write(new_notebook(cells=NOTEBOOK), nb_dir / "01-units.ipynb")
    found = [
        Finding("Östersund <b>leads</b> with 5 uppdrag.", 5, "01-units", "Counts-by-kind"),
        Finding("A finding whose notebook is not in this run.", 1, "09-elsewhere", "X"),
    ]
    calls: list = []
    with pytest.MonkeyPatch.context() as mp:
        _fake_findings(mp, found, calls)
        build_report(data_dir=data, notebooks=[nb_dir / "01-units.ipynb"], out_dir=root / "out")
    return root / "out", data, calls


def _read(report, name: str) -> str:
    return (report[0] / name).read_text(encoding="utf-8")


# -- the appendix ---------------------------------------------------------------------------


def test_appendix_lists_every_unit_with_its_source(report):
    _, data, _ = report
    frame = plancompare.load(data)
    page = _parse(_read(report, "units.html"))
    assert {f"u-{u}" for u in frame.unit_id} <= page.ids
    # Östersund's first uppdrag, as the plan writes it on line 27 of the file
    source = (data / "raw" / OSTERSUND).read_text(encoding="utf-8")
    sentence = "Samordna och stärk kommunens kompetensförsörjning."
    start = source.index(sentence)
    assert source.count("\n", 0, start) + 1 == 27
    unit = frame[frame.text.str.startswith(sentence)].iloc[0]
    html = _read(report, "units.html")
    row = re.search(rf'<tr id="u-{re.escape(unit.unit_id)}">(.*?)</tr>', html, re.DOTALL)[1]
    assert sentence in row and ">measure<" in row and ">1<" in row
    assert f"{OSTERSUND}<br>line 27<br>chars {start}\u2013" in row
    assert int(unit.char_start) == start
    assert "Östersund" in row


def test_appendix_self_contained_and_readable(report):
    html = _read(report, "units.html")
    assert "Content-Security-Policy" in html
    assert re.search(r"table\.units td\.text \{ white-space: pre-wrap", html)  # wrapped text
    assert "table-layout: fixed" in html  # columns fit the page: no sideways scrolling
    assert 'href="index.html"' in html


def test_appendix_of_seed_frame_in_document_order():
    frame = plancompare.load()
    html = appendix_html(frame)
    ids = re.findall(r'<tr id="u-([^"]+)">', html)
    assert sorted(ids) == sorted(frame.unit_id)
    malmo = [i for i in ids if i.startswith("001_")]
    assert malmo == sorted(malmo)  # units in the order of the file
    assert "Malmö: Bilaga 1, Uppföljning plan 2020-2021 (2020\u20132021)" in html


# -- hostile plan text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["01-units.html", "01-units.code.html", "units.html", "index.html"]
)
def test_hostile_plan_is_text_never_markup(report, name):
    html = _read(report, name)
    page = _parse(html)
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "iframe" not in tags
    assert all(not k.startswith("on") for _, attrs in page.tags for k in attrs), (
        "an event handler attribute reached the page"
    )
    images = [a.get("src") or "" for t, a in page.tags if t == "img"]
    assert all(src.startswith("data:image/") for src in images)  # embedded, nothing fetched
    assert not any(h.startswith(("http:", "https:", "//")) for h in page.hrefs() if "evil" in h)
    if name != "index.html":  # the units' text: visible as text
        assert "<script>alert(1)</script>" in page.visible
    if name in ("units.html", "01-units.html"):
        assert "<img src=x onerror=alert(1)>" in page.visible
        assert '<a href="https://evil.example/">här</a>' in page.visible
    # the hostile municipality and title stay text too (index, appendix and notebook table)
    if name in ("units.html", "index.html"):
        assert "Ale <b>kommun</b>" in page.visible
        assert "Plan <script>alert(1)</script>" in page.visible


def test_only_plain_links_go_remote(report):
    for name in ("01-units.html", "01-units.code.html", "units.html", "index.html"):
        page = _parse(_read(report, name))
        for tag, attrs in page.tags:
            for key in ("src", "href", "data", "action", "poster", "srcset"):
                value = (attrs.get(key) or "").strip().lower()
                if "http" in value or value.startswith("//"):
                    assert tag == "a" and key == "href", (name, tag, key, value)


# -- the notebook pages -----------------------------------------------------------------------


def test_reader_page_hides_code_and_links_the_code_variant(report):
    reader = _read(report, "01-units.html")
    coder = _read(report, "01-units.code.html")
    source = "hostile = frame[frame.plan_id"
    assert source not in _parse(reader).joined
    assert source in _parse(coder).joined
    assert "In\u00a0[" not in reader and "In&nbsp;[" not in reader
    assert _parse(reader).hrefs()[:3] == ["index.html", "units.html", "01-units.code.html"]
    assert _parse(coder).hrefs()[:3] == ["index.html", "units.html", "01-units.html"]
    assert "Units by kind" in _parse(reader).visible  # outputs stay


def test_figures_carry_an_alt_text_that_says_what_they_show(report):
    # nbconvert wrote "No description has been provided for this image" for every figure
    frame = plancompare.load(report[1])
    for name in ("01-units.html", "01-units.code.html"):
        (alt,) = [a.get("alt") or "" for t, a in _parse(_read(report, name)).tags if t == "img"]
        assert f"{len(frame)} units from {frame.source_file.nunique()} files" in alt
        assert "x: units (count)" in alt and "kind: goal, measure" in alt


def test_count_links_resolve_in_the_report(report):
    out = report[0]
    ids = {name: _parse(_read(report, name)).ids for name in ("01-units.html", "units.html")}
    hrefs = _parse(_read(report, "01-units.html")).hrefs()
    counts = [h for h in hrefs if h.startswith("#ct-")]
    units = [h for h in hrefs if h.startswith("units.html#")]
    assert counts and units
    assert all(h[1:] in ids["01-units.html"] for h in counts)
    assert all(h.split("#", 1)[1] in ids["units.html"] for h in units)
    assert (out / "units.html").exists()


def test_numbers_right_text_left():
    page = _decorate(
        "<html><head></head><body class='x'><table><tr><td>Malmö</td><td>12</td>"
        '<td><a href="#ct-1-0-0">3</a></td><td>67 %</td><td>2020\u20132021</td></tr></table>'
        "</body></html>",
        '<a href="index.html">index</a>',
    )
    assert "<td>Malmö</td><td data-num>12</td>" in page
    assert '<td data-num><a href="#ct-1-0-0">3</a></td><td data-num>67 %</td>' in page
    assert "<td>2020\u20132021</td>" in page
    assert '<body class=\'x\'>\n<nav class="pc-nav"><a href="index.html">index</a></nav>' in page
    assert "text-align: left !important" in page


def _laid_out(page: Path, width: int, expression: str) -> Any:
    """The value of a JavaScript ``expression`` (JSON) on ``page`` as headless Chromium lays it
    out ``width`` pixels wide (without the page's Content-Security-Policy, so a script runs)."""
    probe_js = (
        f"<script>(() => {{ const p = document.createElement('pre'); p.id = 'probe';"
        f" p.textContent = JSON.stringify({expression}); document.body.appendChild(p); }})();"
        "</script>"
    )
    text = re.sub(r"<meta[^>]*Content-Security-Policy[^>]*>", "", page.read_text("utf-8"))
    probe = page.with_name(f"probe-{page.name}")
    probe.write_text(text.replace("</body>", probe_js + "</body>"), encoding="utf-8")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={width},900",
         "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    found = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.DOTALL)
    assert found, result.stderr[-2000:]
    return json.loads(html.unescape(found.group(1)))


def _table_overflow(page: Path, width: int) -> list[str]:
    """Tables a browser ``width`` pixels wide draws wider than the space they are given.

    One line per table that overflows, with its header row (see :func:`_laid_out`).
    """
    return _laid_out(
        page, width, "Array.from(document.querySelectorAll('table')).filter(t =>"
        "  t.scrollWidth > t.parentElement.clientWidth + 1"
        "  || t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
        " .map(t => t.getBoundingClientRect().width + ': ' + t.rows[0].textContent.trim()"
        "  .replace(/\\s+/g, ' '))",
    )  # fmt: skip


@pytest.mark.skipif(CHROMIUM is None, reason="needs a Chromium to lay the page out")
def test_tables_fit_the_page_without_scrolling_sideways(report):
    # a reviewer reads the plans table (describe, its headers in words: leaves carried over)
    # and the count tables on a 1024-pixel screen: no table wider than the page's column
    assert _table_overflow(report[0] / "01-units.html", 1024) == []


@pytest.mark.skipif(CHROMIUM is None, reason="needs a Chromium to lay the page out")
def test_a_count_tables_row_names_keep_their_words_whole(tmp_path):
    # notebook 02's municipality x theme table (twelve themes) was squeezed in its row names
    # first: the header rule let "Malmö" and "Norrköping" break inside the word, 3 lines each
    from plancompare.links import count_table

    book = plancompare.load_codebook()
    themes = book[book.framework == "plan_themes"]
    places = ["Norrköping", "Södertälje", "Östersund", "Malmö"]
    members = pd.DataFrame(
        [(m, t, f"{m}:{t}") for m in places for t in themes.theme],
        columns=["who", "theme", "unit_id"],
    )
    table = count_table(
        members, "who", "theme", column_order=list(themes.theme),
        labels=dict(zip(themes.theme, themes.label_sv, strict=True)),
    )  # fmt: skip
    cell = new_code_cell("table")
    cell.outputs = [
        nbformat.v4.new_output(
            "execute_result", data={"text/html": table._repr_html_()}, execution_count=1
        )
    ]
    nb = new_notebook(cells=[new_markdown_cell("# Counts"), cell])
    page = tmp_path / "counts.html"
    page.write_text(_decorate(export_html(nb, title="Counts", code=False), ""), encoding="utf-8")
    lines = _laid_out(
        page, 1280, "Array.from(document.querySelectorAll('table.pc-counts tbody th'), th => {"
        " const r = document.createRange(); r.selectNodeContents(th);"
        " return th.textContent.trim() + ' ' + r.getClientRects().length; })",
    )  # fmt: skip
    assert sorted(lines) == sorted(f"{m} 1" for m in places)


# -- the front page ---------------------------------------------------------------------------


def test_index_describes_the_corpus(report):
    html = _read(report, "index.html")
    text = _parse(html).visible
    assert "2 plans on competence supply" in text
    assert "from 2 municipalities (Ale <b>kommun</b>, Östersund)" in text
    assert "periods 2024\u20132025" in text
    assert f"with plancompare {plancompare.__version__}" in text
    assert re.search(r"Report run \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", text)
    assert '<table class="versions">' in html  # the versions table stays
    assert 'href="units.html"' in html


def test_index_counts_the_leaf_measures_the_findings_count(report):
    # the front page said "Measures": Malmö 19 (its seven activities and their twelve
    # sub-activities) beside findings of "45 leaf measures"; Östersund's five uppdrag, two
    # of them with steps ("Uppdraget innebär att ..."), are seven leaf measures
    html = _read(report, "index.html")
    assert '<th class="num">Leaf measures</th>' in html
    row = re.search(r"<tr><td>Östersund</td>.*?</tr>", html, re.DOTALL).group(0)
    assert re.findall(r'<td class="num">(\d+)</td>', row)[1] == "7"
    assert "of those the most specific (leaf measures" in _parse(html).visible


def test_index_states_findings_with_links(report):
    _, _, calls = report
    html = _read(report, "index.html")
    assert (
        "<li>Östersund &lt;b&gt;leads&lt;/b&gt; with 5 uppdrag. "
        '<a href="01-units.html#Counts-by-kind">01 \u2014 Units of the corpus \u203a Counts by'
        " kind</a></li>"
    ) in html
    assert "A finding whose notebook is not in this run. <small>" in html
    assert len(calls) == 1 and calls[0][1] == {}
    assert "Counts-by-kind" in _parse(_read(report, "01-units.html")).ids  # the anchor exists


def test_index_lists_notebooks_with_their_first_paragraph(report):
    html = _read(report, "index.html")
    assert (
        '<li><a href="01-units.html">01 \u2014 Units of the corpus</a>'
        "<br>Shows the <strong>units</strong> of the data directory."
        ' <small>(<a href="01-units.code.html">with code</a>)</small></li>'
    ) in html
    assert "second paragraph" not in html


def test_parameters_reach_key_findings(tmp_path, monkeypatch):
    calls: list = []
    _fake_findings(monkeypatch, [], calls)
    nb = tmp_path / "01-p.ipynb"
    cells = [
        new_markdown_cell("# P"),
        new_code_cell("data_dir = None\nrandom_state = 0", metadata={"tags": ["parameters"]}),
    ]
    nbformat.write(new_notebook(cells=cells), nb)
    data = small_corpus(tmp_path / "data")
    build_report(
        data_dir=data, notebooks=[nb], out_dir=tmp_path / "out", parameters={"random_state": 3}
    )
    assert calls == [(len(plancompare.load(data)), {"random_state": 3})]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "No key finding could be computed on this corpus." in index


def test_failing_findings_stop_the_report(tmp_path, monkeypatch):
    module = types.ModuleType("plancompare.findings")

    def key_findings(frame, **params):
        raise KeyError("theme")

    module.key_findings = key_findings
    module.__file__ = "findings.py"
    monkeypatch.setitem(sys.modules, "plancompare.findings", module)
    nb = tmp_path / "01-p.ipynb"
    cells = [
        new_markdown_cell("# P"),
        new_code_cell("data_dir = None", metadata={"tags": ["parameters"]}),
    ]
    nbformat.write(new_notebook(cells=cells), nb)
    from plancompare.report import ReportError

    with pytest.raises(ReportError, match=r"findings.py: key findings: KeyError: 'theme'"):
        build_report(data_dir=small_corpus(tmp_path / "d"), notebooks=[nb], out_dir=tmp_path / "o")
    assert not (tmp_path / "o").exists()


def test_bad_corpus_stops_before_any_notebook(tmp_path):
    data = small_corpus(tmp_path / "data")
    (data / "raw" / HOSTILE_FILE).unlink()
    nb = tmp_path / "01-p.ipynb"
    cells = [
        new_markdown_cell("# P"),
        new_code_cell("data_dir = None", metadata={"tags": ["parameters"]}),
    ]
    nbformat.write(new_notebook(cells=cells), nb)
    with pytest.raises(plancompare.PlanError, match=HOSTILE_FILE):
        build_report(data_dir=data, notebooks=[nb], out_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert Path(nb).exists()


def test_bad_codebook_in_the_data_directory_stops_before_any_notebook(tmp_path):
    # README, Theme coding: a student copies the codebook to DATA/codebook.csv and edits it;
    # a bad row is named with file and line before the notebooks run, and nothing is written
    data = small_corpus(tmp_path / "data")
    lines = shipped_codebook().read_text(encoding="utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.split(",")[1] == "arbetsmiljo")
    lines[at] = lines[at].replace(",arbetsmiljo,", ",arbets miljö,", 1)
    (data / "codebook.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    nb, ran = tmp_path / "01-p.ipynb", tmp_path / "ran"
    cells = [
        new_markdown_cell("# P"),
        new_code_cell("data_dir = None", metadata={"tags": ["parameters"]}),
        new_code_cell(f"open({str(ran)!r}, 'w').close()"),
    ]
    nbformat.write(new_notebook(cells=cells), nb)
    with pytest.raises(plancompare.PlanError, match=rf"codebook.csv:{at + 1}: theme 'arbets"):
        build_report(data_dir=data, notebooks=[nb], out_dir=tmp_path / "out")
    assert not ran.exists()  # no notebook ran (minutes each, on a real corpus)
    assert not (tmp_path / "out").exists()


def test_a_theme_the_codebook_does_not_have_stops_before_any_notebook(tmp_path):
    # README step 7 names a theme for the keyword-in-context list; after a student renames
    # that theme in DATA/codebook.csv, the old id is named as unknown, not shown with 0 hits
    data = small_corpus(tmp_path / "data")
    lines = shipped_codebook().read_text(encoding="utf-8").splitlines()
    book = "\n".join(lines).replace(",kollegialt_larande,", ",kollegialt,", 1)
    (data / "codebook.csv").write_text(book + "\n", encoding="utf-8")
    nb, ran = tmp_path / "01-p.ipynb", tmp_path / "ran"
    cells = [
        new_markdown_cell("# P"),
        new_code_cell(
            "data_dir = None\nkwic_themes = None\nframework = 'plan_themes'",
            metadata={"tags": ["parameters"]},
        ),
        new_code_cell(f"open({str(ran)!r}, 'w').close()"),
    ]
    nbformat.write(new_notebook(cells=cells), nb)
    params = {"kwic_themes": ["kollegialt_larande", "kollegialt"], "framework": "plan_theme"}
    with pytest.raises(plancompare.PlanErrors) as raised:
        build_report(data_dir=data, notebooks=[nb], out_dir=tmp_path / "out", parameters=params)
    messages = [str(e) for e in raised.value.errors]
    assert len(messages) == 2
    assert "kwic_themes: 'kollegialt_larande' is not a theme of the codebook" in messages[0]
    assert "framework: 'plan_theme' is not a framework" in messages[1]
    assert str(data / "codebook.csv") in messages[0]
    assert not ran.exists() and not (tmp_path / "out").exists()
    # the themes the codebook has pass
    build_report(
        data_dir=data, notebooks=[nb], out_dir=tmp_path / "out",
        parameters={"kwic_themes": ["kollegialt"], "framework": "plan_themes"},
    )  # fmt: skip
    assert ran.exists()


def test_a_relative_codebook_parameter_is_read_from_the_current_folder(tmp_path, monkeypatch):
    # README Parameters: make report PARAMS='codebook="my-data/codebook.csv"' from the
    # repository's folder. A kernel runs in the notebook's folder, where that relative path
    # names nothing; the run reads it from where it was started, as --data, and checks it first
    data = small_corpus(tmp_path / "data")
    lines = shipped_codebook().read_text(encoding="utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.split(",")[1] == "arbetsmiljo")
    bad = lines.copy()
    bad[at] = bad[at].replace(",arbetsmiljo,", ",arbets miljö,", 1)
    (tmp_path / "bad.csv").write_text("\n".join(bad) + "\n", encoding="utf-8")
    (tmp_path / "good.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "nb").mkdir()
    nb, ran = tmp_path / "nb" / "01-p.ipynb", tmp_path / "ran"
    cells = [
        new_markdown_cell("# P"),
        new_code_cell("data_dir = None\ncodebook = None", metadata={"tags": ["parameters"]}),
        new_code_cell(
            "from pathlib import Path\n"
            f"Path({str(ran)!r}).write_text(str(Path(codebook).is_file()))"
        ),
    ]
    nbformat.write(new_notebook(cells=cells), nb)
    monkeypatch.chdir(tmp_path)
    run = {"data_dir": data, "notebooks": [nb], "out_dir": tmp_path / "out"}
    with pytest.raises(plancompare.PlanError, match=rf"bad.csv:{at + 1}: theme 'arbets"):
        build_report(**run, parameters={"codebook": "bad.csv"})
    assert not ran.exists()  # named before any notebook ran
    with pytest.raises(plancompare.PlanError, match="missing.csv: codebook not found"):
        build_report(**run, parameters={"codebook": "missing.csv"})
    assert not ran.exists()
    build_report(**run, parameters={"codebook": "good.csv"})
    assert ran.read_text() == "True"  # the kernel (in nb/) found the file given from here


def test_two_runs_give_the_same_page(tmp_path):
    # a researcher reran the report and diffed the pages: every number matched, but each
    # run gave the cells it adds (the injected parameters, their table) new random ids, so
    # the pages' anchors (id="cell-id=...") differed from run to run
    nb = tmp_path / "01-p.ipynb"
    cells = [
        new_markdown_cell("# P"),
        new_code_cell("k = 1  # a choice", metadata={"tags": ["parameters"]}),
        new_code_cell("print(k * 2)"),
    ]
    nbformat.write(new_notebook(cells=cells), nb)
    pages = [
        export_html(execute_notebook(nb, parameters={"k": 3}, extra_code="print(k)"), title="P")
        for _ in range(2)
    ]
    assert "this run" in pages[0] and "cell-id=" in pages[0]
    assert pages[0] == pages[1]


HANDING = [  # a notebook that has its key findings as ``key``, as notebook 04 does
    new_markdown_cell("# 04 \u2014 Handing\n\nKey findings computed in the kernel."),
    new_code_cell("data_dir = None\nk = None\nk_max = 10", metadata={"tags": ["parameters"]}),
    new_markdown_cell("## Where"),
    new_code_cell(
        "from plancompare import findings\n"
        "# as a notebook computes them: key = findings.key_findings(frame, ...)\n"
        "key = findings.KeyFindings([findings.Finding('Handed over.', 1, '04-h', 'Where')],\n"
        "                           findings.key_parameters(k=k))\n"
        "print('own output')"
    ),
]


@pytest.mark.parametrize(("values", "handed"), [({"k": 3}, True), ({"k_max": 8}, False)])
def test_key_findings_computed_by_a_notebook_are_handed_to_the_front_page(
    tmp_path, monkeypatch, values, handed
):
    """A notebook whose code calls ``key_findings`` hands the findings it holds as ``key`` to
    the report when they were computed with the run's parameters (the report does not compute
    them again); else (here ``k_max``, which the notebook's call did not pass on) the report
    computes them itself. The cell that hands them over is not on the page."""
    calls: list = []

    def own(frame, **params):
        calls.append(params)
        return [Finding("Computed by the report.", 2, "04-h", "Where")]

    monkeypatch.setattr(plancompare.findings, "key_findings", own)
    nb = tmp_path / "04-h.ipynb"
    nbformat.write(new_notebook(cells=HANDING), nb)
    data = small_corpus(tmp_path / "data")
    build_report(data_dir=data, notebooks=[nb], out_dir=tmp_path / "out", parameters=values)
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    page = (tmp_path / "out" / "04-h.html").read_text(encoding="utf-8")
    assert ("Handed over." in index) is handed
    assert ("Computed by the report." in index) is not handed
    assert calls == ([] if handed else [values])
    assert "own output" in page and "plancompare-report-key-findings" not in page
