"""A small corpus for the report tests: Östersund's seed plan and a planted hostile plan.

The hostile plan is what a student might paste from a web page: markup in its text, its title
and its municipality's name. The report must show it as text, never run it.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "data"
OSTERSUND = "004_2860dbc534337b64.txt"
HOSTILE_FILE = "hostile_plan.txt"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
# Literal tags are stripped by the parsers (HTML fragments are layout); the same tags written
# as entities come out of them as text: ``<script>alert(1)</script>`` in the unit's text.
HOSTILE_TEXT = f"""Kompetensförsörjning {SCRIPT} &lt;script&gt;alert(1)&lt;/script&gt;

Insatser

• Rekrytera fler lärare {IMG} &lt;img src=x onerror=alert(1)&gt;
• Utveckla introduktionen <a href="https://evil.example/">läs mer</a> &lt;a href="https://evil.example/"&gt;här&lt;/a&gt;
"""


def small_corpus(root: Path) -> Path:
    """Write the corpus under ``root`` (manifest.csv and raw/) and return ``root``."""
    raw = root / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED / "raw" / OSTERSUND, raw / OSTERSUND)
    (raw / HOSTILE_FILE).write_text(HOSTILE_TEXT, encoding="utf-8")
    with open(SEED / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    keep = [r for r in rows if r["file"] == OSTERSUND]
    hostile = dict(keep[0])
    hostile.update(
        plan_id="hostile-2025",
        file=HOSTILE_FILE,
        municipality="Ale <b>kommun</b>",
        municipality_source="stated",
        organisation="Kommunstyrelsen",
        title=f"Plan {SCRIPT}",
        doc_type="plan",
        period_start="2025",
        period_end="2025",
        form="generic",
        ocr="false",
    )
    with open(root / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([*keep, hostile])
    return root
