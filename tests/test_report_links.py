"""Traceable counts (plancompare.links): numbers that link to the units behind them.

Expected counts are read from the seed plans themselves (see shared/seeds/README.md):
Malmö's follow-up table gives each of its seven activities a status (Klar: 1 and 7;
Pågående: 4, 5 and 6; Ej slutförd: 2 and 3); Östersund's page lists three uppdrag from
fullmäktige and two from the nämnder.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

import plancompare
from plancompare.links import APPENDIX_PAGE, count_table, unit_anchor, unit_href
from plancompare.report import export_html


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return plancompare.load()


@pytest.fixture(scope="module")
def top_measures(frame) -> pd.DataFrame:
    return frame[(frame.kind == "measure") & (frame.level == 1)]


class _Links(HTMLParser):
    """Every <a>: (href, text), and every element id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[list[str]] = []
        self.ids: list[str] = []
        self._in_a = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a":
            self.links.append([attrs.get("href") or "", ""])
            self._in_a = True

    def handle_data(self, data):
        if self._in_a:
            self.links[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_a = False


def _links(page: str) -> _Links:
    parser = _Links()
    parser.feed(page)
    return parser


def test_malmo_activity_status_counts_from_the_plan(top_measures):
    malmo = top_measures[top_measures.municipality == "Malmö"]
    table = count_table(
        malmo, "status", "municipality", row_order=["Klar", "Pågående", "Ej slutförd"]
    )
    assert table.counts["Malmö"].to_dict() == {"Klar": 2, "Pågående": 3, "Ej slutförd": 2}
    # activity 1 ("Utveckla förvaltningens arbete med VFU") and 7 ("Kvalitetssäkra
    # rekryteringsprocessen") are the two marked Klar
    done = malmo[malmo.unit_id.isin(table.units("Klar", "Malmö"))].text.tolist()
    assert len(done) == 2
    assert done[0].startswith("Utveckla förvaltningens arbete med VFU")
    assert done[1].startswith("Kvalitetssäkra rekryteringsprocessen")


def test_every_nonzero_count_links_to_its_units(top_measures, frame):
    table = count_table(
        top_measures,
        "municipality",
        "kind",
        row_order=["Malmö", "Norrköping", "Södertälje", "Östersund", "Umeå"],
    )
    assert table.counts.loc["Östersund", "measure"] == 5  # 3 from fullmäktige + 2 nämnd uppdrag
    assert table.counts.loc["Umeå", "measure"] == 0  # listed row without units
    page = table._repr_html_()
    parsed = _links(page)
    count_links = {text: href for href, text in parsed.links if href.startswith("#")}
    unit_links = [(href, text) for href, text in parsed.links if not href.startswith("#")]
    # Östersund's 5 links to its list item, which links each of the five uppdrag
    anchor = count_links["5"][1:]
    assert anchor in parsed.ids
    item = re.search(rf'<li id="{re.escape(anchor)}">(.*?)</li>', page, re.DOTALL).group(1)
    ostersund = top_measures[top_measures.municipality == "Östersund"]
    assert [h for h, _ in _links(item).links] == [unit_href(u) for u in ostersund.unit_id]
    samordna = ostersund[ostersund.text.str.startswith("Samordna och stärk")].unit_id.item()
    assert f'href="{APPENDIX_PAGE}#u-{samordna}"' in item
    assert "Samordna och stärk kommunens" in item  # the unit's text shown beside its link
    # every unit in the table is listed exactly once; zero is plain text
    assert sorted(t for _, t in unit_links) == sorted(top_measures.unit_id)
    assert "<td>0</td>" in page
    assert len(count_links) == int((table.counts > 0).to_numpy().sum())


def test_counts_distinct_units_and_keeps_all_zero_columns():
    members = pd.DataFrame(
        {
            "unit_id": ["a:1", "a:1", "a:2", "b:1"],
            "plan": ["A", "A", "A", "B"],
            "theme": ["recruit", "recruit", "retain", "recruit"],
        }
    )
    table = count_table(
        members, "plan", "theme", column_order=["retain", "recruit", "lead"], labels={"A": "Plan A"}
    )
    assert table.counts.columns.tolist() == ["retain", "recruit", "lead"]
    assert table.counts.to_dict("index") == {
        "A": {"retain": 1, "recruit": 1, "lead": 0},
        "B": {"retain": 0, "recruit": 1, "lead": 0},
    }
    assert table.counts.index.name == "plan" and table.counts.columns.name == "theme"
    assert '<th scope="row">Plan A</th>' in table._repr_html_()
    assert "lead" in repr(table)


def test_text_is_escaped(frame):
    members = pd.DataFrame(
        {
            "unit_id": ["x<1>"],
            "plan": ["<script>alert(1)</script>"],
            "theme": ['<img src=x onerror="alert(2)">'],
            "text": ["<b>fet</b> & <i>kursiv</i>"],
        }
    )
    page = count_table(members, "plan", "theme", caption="A & <B>")._repr_html_()
    assert "<script" not in page and "<img" not in page and "<b>fet" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<caption>A &amp; &lt;B&gt;</caption>" in page
    assert "&lt;b&gt;fet&lt;/b&gt; &amp; &lt;i&gt;kursiv&lt;/i&gt;" in page
    assert 'href="units.html#u-x%3C1%3E"' in page


def test_same_input_same_html(top_measures):
    first = count_table(top_measures, "municipality", "kind")._repr_html_()
    shuffled = top_measures.sample(frac=1, random_state=3)
    assert count_table(shuffled, "municipality", "kind")._repr_html_() == first
    other = count_table(top_measures, "municipality", "kind", caption="other")
    assert other.table_id != re.search(r'id="(ct-[0-9a-f]+)"', first).group(1)


def test_nothing_dropped_silently():
    members = pd.DataFrame({"unit_id": ["a", "b"], "r": ["x", "y"], "c": ["p", None]})
    with pytest.raises(ValueError, match="NA.*'c'"):
        count_table(members, "r", "c")
    members["c"] = ["p", "q"]
    with pytest.raises(ValueError, match=r"not in its order: 'y'"):
        count_table(members, "r", "c", row_order=["x"])
    with pytest.raises(ValueError, match="no column 'theme'"):
        count_table(members, "r", "theme")


def test_unit_anchor_scheme():
    assert unit_anchor("003_fe82394e5538ee61:007") == "u-003_fe82394e5538ee61:007"
    assert unit_href("003_fe82394e5538ee61:007") == "units.html#u-003_fe82394e5538ee61:007"


def test_report_sanitizer_keeps_count_links(top_measures):
    """The exported page keeps the links and anchors (no kernel: the output is made here)."""
    table = count_table(top_measures, "municipality", "kind", caption="Top-level measures")
    cell = new_code_cell("table")
    cell.outputs = [
        new_output(
            "execute_result",
            data={"text/html": table._repr_html_(), "text/plain": repr(table)},
            execution_count=1,
        )
    ]
    page = export_html(new_notebook(cells=[cell]), title="Counts")
    parsed = _links(page)
    hrefs = [h for h, _ in parsed.links]
    in_page = [h[1:] for h in hrefs if h.startswith("#")]
    assert len(in_page) == 4  # one non-zero cell per municipality
    assert set(in_page) <= set(parsed.ids)  # every count's anchor resolves in the page
    assert sum(h.startswith("units.html#u-") for h in hrefs) == len(top_measures)
    assert table.table_id in parsed.ids
    assert nbformat.validate(new_notebook(cells=[cell])) is None
