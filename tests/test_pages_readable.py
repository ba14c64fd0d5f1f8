"""What a reviewer reads on the report's pages: tables with headers in words, the same names
for the same thing on every page (issue 10).

The committed notebooks' stored outputs are what the report shows (nbval re-checks them), so
their tables are read here as a page shows them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest

import plancompare
from plancompare import plots
from plancompare.compare import anatomy
from plancompare.paths import notebooks_dir
from plancompare.summary import describe, readable
from plancompare.themes import stage_profile

NOTEBOOKS = sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb"))
SNAKE_ID = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")  # leaves_carried_over, f1_low, n_boot


class _Headers(HTMLParser):
    """The text of every header cell, and whether it heads a row (in the table's body)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headers: list[tuple[str, bool]] = []
        self._in: list[str] | None = None
        self._body = False

    def handle_starttag(self, tag, attrs):
        if tag == "th":
            self._in = []
        self._body = self._body or tag == "tbody"

    def handle_data(self, data):
        if self._in is not None:
            self._in.append(data)

    def handle_endtag(self, tag):
        if tag == "th" and self._in is not None:
            self.headers.append((" ".join("".join(self._in).split()), self._body))
            self._in = None
        self._body = self._body and tag != "tbody"


def _table_headers(path) -> list[tuple[str, bool]]:
    nb = nbformat.read(path, as_version=4)
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            page = "".join(output.get("data", {}).get("text/html", ""))
            if "<table" in page:
                parser = _Headers()
                parser.feed(page)
                found += parser.headers
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_table_a_page_shows_has_headers_in_words(path):
    # audit27: notebook 01's plans table said leaves_carried_over, 02's validation f1_low and
    # tp, 03's scan ari_mean and n_boot; and 02's codebook table numbered its rows 20, 21, ...
    # (broken digit under digit at 1,280 px), as did every table of selected rows
    headers = _table_headers(path)
    assert headers, f"{path.name} shows no table"
    assert [h for h, _ in headers if SNAKE_ID.match(h)] == []
    assert [h for h, row in headers if row and h.isdigit()] == []  # columns: cluster 0, 1 ...


def test_describe_reads_leaves_carried_over_in_words_and_keeps_its_numbers():
    # Malmö's follow-up carries three of its twelve leaf measures over (4.2, 6.2 and 6.3 "förs
    # över"; tests/test_summary.py)
    frame = plancompare.load()
    table = describe(frame)
    shown = readable(table).shown()
    malmo = shown[shown["plan"] == "malmo-uppfoljning-2020-2021"].iloc[0]
    assert int(malmo["leaves carried over"]) == 3
    assert int(malmo["leaf measures"]) == 12
    assert "leaves_carried_over" in table.columns  # what researchers' code reads is unchanged
    html = readable(table)._repr_html_()
    assert "<th>leaves carried over</th>" in html and "leaves_carried_over" not in html


def test_readable_escapes_plan_text_and_cuts_it_like_a_dataframe():
    table = pd.DataFrame({"text": ["<script>alert(1)</script> " + "lång text " * 20]})
    with pd.option_context("display.max_colwidth", 40):
        page = readable(table, note="a <b>note</b>")._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "a &lt;b&gt;note&lt;/b&gt;" in page
    cell = re.search(r"<td>(.*?)</td>", page).group(1)
    assert len(cell.replace("&lt;", "<").replace("&gt;", ">")) == 40 and cell.endswith("...")


def test_a_stage_has_one_name_on_every_page():
    # notebook 02's stage profile said Utreda ... inget skede angivet, notebook 04's plan
    # anatomy Investigate ... no stage verb, for the same stages of the same measures
    frame = plancompare.load()
    codes = plancompare.code_themes(frame)
    book = plancompare.load_codebook()
    profile = plots.plot_stage_profile(stage_profile(frame, codes), book)
    anatomy_fig = plots.plot_anatomy(anatomy(frame, codes=codes))
    profile_names = [t.get_text() for t in profile.axes[0].get_legend().get_texts()]
    anatomy_names = [t.get_text() for t in anatomy_fig.axes[1].get_legend().get_texts()]
    assert profile_names == anatomy_names
    assert profile_names == ["Investigate", "Develop or plan", "Implement",
                             "Follow up or evaluate", "no stage verb"]  # fmt: skip


def test_a_figures_alt_text_says_what_it_shows():
    # the report's <img alt> came from nbconvert: "No description has been provided for this
    # image": now its title (the finding), its subtitle, its axes and its legend
    fig = plots.plot_units_by_kind(plancompare.load())
    alt = plots.style.figure_alt(fig)
    title, subtitle = (t.get_text() for t in fig.texts)
    assert alt.startswith(f"{title}. {' '.join(subtitle.split())}")
    assert "x: units (count)" in alt
    assert "kind: goal, measure, effect, context, follow_up, meta, furniture." in alt
