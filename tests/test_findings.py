"""Key findings: the sentences the report's front page states, their numbers and their links.

Expected numbers come from reading the seed plans (quoted in each test), not from the code.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbconvert import HTMLExporter
from nbformat.v4 import new_markdown_cell, new_notebook

import plancompare
from plancompare import findings
from plancompare.compare import all_gaps, anatomy
from plancompare.parameters import notebook_parameters
from plancompare.paths import notebooks_dir
from plancompare.themes import theme_members

NOTEBOOKS = {p.stem: p for p in sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb"))}


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return plancompare.load()


@pytest.fixture(scope="module")
def found(frame) -> list[findings.Finding]:
    return findings.key_findings(frame, validation_boot=200)


def _corpus(tmp_path: Path, frame: pd.DataFrame, files: list[str]) -> Path:
    """A data directory holding only ``files`` of the seed corpus."""
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    source = Path(frame.attrs["data_dir"])
    for name in files:
        shutil.copy(source / "raw" / name, data / "raw")
    lines = (source / "manifest.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0], *(r for r in lines[1:] if r.split(",")[1] in files)]
    (data / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return data


def _headings(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [
        m.group(1).strip()
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for m in re.finditer(r"^#{1,6} (.+)$", cell.source, re.MULTILINE)
    ]


# ----------------------------------------------------------------------------- links


def test_heading_anchor_is_the_id_nbconvert_gives_the_heading():
    headings = ["Plan x theme coverage", "Lön och VFU (Malmö)", "Gap analysis: 2024"]
    nb = new_notebook(cells=[new_markdown_cell(f"## {h}") for h in headings])
    html, _ = HTMLExporter().from_notebook_node(nb)
    for heading in headings:
        assert f'id="{findings.heading_anchor(heading)}"' in html, heading


def test_every_finding_links_to_a_plain_unique_heading_of_its_notebook(found):
    assert found, "the seeds give findings"
    for finding in found:
        assert finding.notebook in NOTEBOOKS, finding.notebook
        headings = _headings(NOTEBOOKS[finding.notebook])
        anchors = [findings.heading_anchor(h) for h in headings]
        assert anchors.count(finding.anchor) == 1, (finding.notebook, finding.anchor)
        heading = headings[anchors.index(finding.anchor)]
        assert heading.isascii() and not re.search(r"[*`_\[\]]", heading), heading
        assert finding.href == f"{finding.notebook}.html#{finding.anchor}"


def test_defaults_are_the_notebooks_defaults():
    defined: dict[str, list[tuple[str, object]]] = {}
    for stem, path in NOTEBOOKS.items():
        params = notebook_parameters(nbformat.read(path, as_version=4))
        for name, param in params.items():
            defined.setdefault(name, []).append((stem, ast.literal_eval(param.default)))
    for name, default in findings.DEFAULTS.items():
        assert name in defined, f"no notebook has the parameter {name!r}"
        for stem, value in defined[name]:
            assert value == default, (stem, name, value, default)


# ----------------------------------------------------------------------------- the seeds


def test_off_topic_finding_counts_the_measures_about_other_things(found):
    first = found[0]
    # leaf measures: Malmö's 12 numbered sub-activities (1.1 ... 7.1), Norrköping's 7 + 14
    # Insatser bullets and one strategy in prose, Östersund's 7 uppdrag and steps, Södertälje's
    # 4 insatser = 45. Of Norrköping's section on long-term sustainability, 13 of its 14 bullets
    # are about economy, premises, civil defence and the like; Östersund's procurement and
    # safety uppdrag are the 2 others: 15 in all.
    assert first.text == (
        "30 of 45 leaf measures (67 %) are about competence supply; "
        "of the 15 others, Norrköping has 13."
    )
    assert first.value == pytest.approx(30 / 45)
    assert first.anchor == "Measures-about-other-things"


def test_top_theme_finding_is_the_largest_count_of_the_coverage_table(frame, found):
    top = found[1]
    members = theme_members(frame)
    counts = members.groupby("theme").unit_id.nunique()
    assert top.value == pytest.approx(counts.max() / 30)  # of the 30 on-topic leaf measures
    book = plancompare.load_codebook().set_index("theme")
    assert top.text.startswith(book.loc[counts.idxmax(), "gloss_en"])
    assert f": {counts.max()} of 30 (" in top.text


def test_own_tags_finding_names_malmo_and_its_tagged_measures(found):
    own = found[2]
    # Malmö tags each activity ([Attrahera & rekrytera] ...); its 12 sub-activities inherit them
    assert own.text.startswith("The theme coding agrees with Malmö's own tags at macro-F1 ")
    assert own.text.endswith(", 12 measures).")
    assert f"macro-F1 {own.value:.2f} (95 % interval" in own.text


def test_concreteness_finding_reads_each_plans_own_fields(frame):
    # Malmö gives every sub-activity Utförare, Slutdatum, Kostnader and a follow-up; Östersund
    # names an owner but no date or cost; Norrköping's insatser and Södertälje's application
    # name none of them per measure
    finding = findings.concreteness_finding(anatomy(frame))
    assert finding.text.startswith(
        "Only Malmö names a responsible, a deadline, a cost and a follow-up for every measure; "
        "in the other plans, "
    )
    assert finding.value == 1


def test_gap_finding_counts_each_measure_once(frame):
    gaps = all_gaps(frame, threshold=0.2)
    table = findings.unique_by_group(gaps)
    # the 30 on-topic leaf measures, each counted once however many groups it is compared with
    assert table.measures.to_dict() == {
        "Malmö": 12,
        "Norrköping": 9,
        "Södertälje": 4,
        "Östersund": 5,
    }
    finding = findings.gap_finding(gaps, "on-topic leaf measures")
    assert finding.text.startswith(f"{table.unique.sum()} of 30 on-topic leaf measures ")


def test_parameters_change_the_findings_and_unknown_names_are_ignored(frame):
    found = findings.key_findings(
        frame, include_off_topic=True, validation_boot=50, k_max=8, greeting="hej"
    )
    top = found[1]
    assert top.text.endswith(" of 45 (" + top.text.split(" of 45 (")[1])
    assert "the theme most leaf measures touch" in top.text
    tops = findings.key_findings(frame, level=1, validation_boot=50)
    assert "level-1 measures" in tops[0].text


# ----------------------------------------------------------------------------- other corpora


def test_a_corpus_without_malmo_has_no_own_tags_finding(frame, tmp_path):
    data = _corpus(tmp_path, frame, ["000_f74a1a481f1a245e.txt", "002_f567410e60d5297f.txt"])
    found = findings.key_findings(plancompare.load(data), validation_boot=50)
    # one municipality: no gap finding (nothing to compare with), the others as usual
    assert [f.anchor for f in found] == [
        "Measures-about-other-things", "Plan-x-theme-coverage", "Stability-of-the-clusters",
        "Plan-anatomy",
    ]  # fmt: skip
    # Norrköping alone: 9 of its 22 leaf measures are on topic, the 13 others are its own
    assert found[0].text == (
        "9 of 22 leaf measures (41 %) are about competence supply; "
        "of the 13 others, Norrköping has 13."
    )


def test_one_plan_without_measures_gives_no_finding_and_no_error(frame, tmp_path):
    data = _corpus(tmp_path, frame, ["004_2860dbc534337b64.txt"])
    ostersund = plancompare.load(data)
    found = findings.key_findings(ostersund, validation_boot=50)
    assert [f.notebook for f in found] == [
        "02-code-themes", "02-code-themes", "03-cluster-measures", "04-compare-plans",
    ]  # fmt: skip
    assert findings.key_findings(ostersund, kinds=["effect"], validation_boot=50) == []


def test_a_notebooks_codes_and_fits_give_the_same_findings(frame, found):
    """Notebook 04 codes the themes and fits the vectorizer once and passes them on
    (``codes=``, ``features=`` of ``compare.shared_features``): the same findings and the same
    emphasis table as coding and fitting inside each call."""
    from plancompare import compare

    codes = plancompare.code_themes(frame)
    shared = compare.shared_features(frame, codes)
    assert [len(f.unit_ids) for f in shared] == [45, 30]  # the leaf measures, the on-topic ones
    again = findings.key_findings(frame, codes=codes, features=shared, validation_boot=200)
    assert [f.text for f in again] == [f.text for f in found]
    table = findings.emphasis_table(frame, codes, features=shared)
    pd.testing.assert_frame_equal(table, findings.emphasis_table(frame, codes))
    with pytest.raises(ValueError, match="other units"):  # one fit, of another selection
        findings.emphasis_table(frame, codes, features=shared[1])
