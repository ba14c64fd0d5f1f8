"""The committed notebooks keep every key count traceable (README, *Every count traceable*).

The plan x theme table (02), the cluster x municipality table (03) and the gap table (04)
are :func:`plancompare.links.count_table` tables: in the stored outputs that the report and
nbval show, every non-zero count links to the list of its units, each of which links to the
unit's row of the appendix (``units.html#u-<unit_id>``), where its file, line and span are.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from plancompare.paths import notebooks_dir


def _count_tables(stem: str) -> list[str]:
    (path,) = notebooks_dir().glob(f"{stem}-*.ipynb")
    nb = nbformat.read(path, as_version=4)
    return [
        "".join(output.get("data", {}).get("text/html", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if 'class="pc-counts"' in "".join(output.get("data", {}).get("text/html", ""))
    ]


def _n_links(html: str) -> int:
    return len(re.findall(r'href="units\.html#u-[^"]+"', html))


@pytest.mark.parametrize(("stem", "columns"), [("02", "theme"), ("03", "cluster"), ("04", "")])
def test_key_count_tables_link_every_count_to_its_units(stem, columns):
    # 02's plan x theme counts were a plain pandas crosstab: numbers a reviewer could not
    # follow to a sentence without Python (themes.theme_members)
    tables = [t for t in _count_tables(stem) if columns in t.split("</caption>", 1)[0]]
    assert tables, f"notebook {stem} shows no linked count table"
    for table in tables:
        body = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        cells = re.findall(r"<td>(.*?)</td>", body)
        counts = [c for c in cells if re.fullmatch(r"\d+|<a href=\"#[^\"]+\">\d+</a>", c)]
        assert any(c.startswith("<a ") for c in counts)
        for cell in counts:
            if not cell.startswith("<a "):
                assert cell == "0", cell  # a plain number only for an empty cell
                continue
            anchor = re.search(r'href="#([^"]+)"', cell).group(1)
            listed = table.split(f'id="{anchor}"', 1)[1].split("</li>", 1)[0]
            assert _n_links(listed) == int(re.search(r">(\d+)<", cell).group(1))
