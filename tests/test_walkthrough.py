"""The README's ten-minute path, followed line by line on a temporary copy of the repository's data.

The shell block under "Your own plan in ten minutes" is read from the README itself: its `cp` and
`cat` lines run verbatim (bash, in a temporary folder holding copies of `data/` and `examples/`),
and its `make` lines run what the Makefile's recipes run (`make check DATA=D` is
`plancompare check --data D`; `make report DATA=D PARAMS='a=1'` is `plancompare build --data D`
then `plancompare report --data D --param a=1`), with the report written to the temporary folder.
The codebook edit the README describes in a comment (step 6) is done here to the copied file.
The `make report DATA=...` lines are run once, at the end, with all their parameters together:
each report run executes every notebook (slow), and the last run shows the plan, the changed
parameter and the edited theme at once. Expected values are read from the example files.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from plancompare.paths import data_dir

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
EXAMPLE = REPO / "examples" / "exempelby_2025.txt"
ROW = REPO / "examples" / "exempelby_2025.row.csv"
CODEBOOK = Path("src") / "plancompare" / "data" / "codebook" / "codebook.csv"


def walkthrough() -> list[str]:
    """The commands of the README's ten-minute block (comments and blank lines dropped)."""
    text = README.read_text(encoding="utf-8")
    marker = text.index("<!-- ten-minute path")
    block = re.search(r"```sh\n(.*?)```", text[marker:], re.DOTALL)
    assert block, "the ten-minute path has no ```sh block"
    lines = [line.split("  #")[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def _comment(step: str) -> str:
    """A comment line of the block, by its step number ("6.")."""
    text = README.read_text(encoding="utf-8")
    block = text[text.index("<!-- ten-minute path") :].split("```sh\n", 1)[1].split("```")[0]
    return next(line for line in block.splitlines() if line.startswith(f"# {step}"))


def _add_pattern(codebook: Path, theme: str, pattern: str) -> None:
    """What a student does in a spreadsheet: add ``pattern`` to one theme's ``patterns``."""
    rows = list(csv.reader(io.StringIO(codebook.read_text(encoding="utf-8"))))
    column, name = rows[0].index("patterns"), rows[0].index("theme")
    (row,) = [r for r in rows[1:] if r[name] == theme]
    row[column] += f"; {pattern}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    codebook.write_text(out.getvalue(), encoding="utf-8")


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plancompare.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip


def _make(line: str, cwd: Path, out: Path) -> list[subprocess.CompletedProcess[str]]:
    """Run a README `make` line as the Makefile's recipe does (the report goes to ``out``)."""
    words = shlex.split(line)
    target = words[1]
    settings = dict(w.split("=", 1) for w in words[2:])
    data = ["--data", settings.get("DATA", "data")]
    params = [a for p in settings.get("PARAMS", "").split() for a in ("--param", p)]
    if target == "check":
        return [_cli("check", *data, cwd=cwd)]
    assert target == "report", f"unexpected make target in the README: {line}"
    return [_cli("build", "--quiet", *data, cwd=cwd),
            _cli("report", "--quiet", *data, "--out", str(out), *params, cwd=cwd)]  # fmt: skip


def _copy_repository_inputs(root: Path) -> None:
    shutil.copytree(data_dir(), root / "data", ignore=shutil.ignore_patterns("processed"))
    shutil.copytree(REPO / "examples", root / "examples")
    (root / CODEBOOK).parent.mkdir(parents=True)
    shutil.copy(REPO / CODEBOOK, root / CODEBOOK)


def test_the_readme_block_names_the_shipped_example_files():
    lines = walkthrough()
    assert lines[0] == "make report"
    assert "cp -r data my-data" in lines
    assert f"cp examples/{EXAMPLE.name} my-data/raw/" in lines
    assert f"cat examples/{ROW.name} >> my-data/manifest.csv" in lines
    assert "make check DATA=my-data" in lines
    assert any(line.startswith("make report DATA=my-data PARAMS=") for line in lines)
    assert f"cp {CODEBOOK.as_posix()} my-data/codebook.csv" in lines
    assert _comment("6.") == (
        '# 6. in my-data/codebook.csv, row kollegialt_larande: add "; mentor" to its patterns, save'
    )


@pytest.fixture(scope="module")
def followed(tmp_path_factory):
    """Every line of the README block after the first `make report`, as a user runs them."""
    root = tmp_path_factory.mktemp("new user")
    _copy_repository_inputs(root)
    out = root / "reports"
    results = {}
    params = []
    for line in walkthrough():
        if line.startswith(("cp ", "cat ")):
            done = subprocess.run(["bash", "-c", line], cwd=root, capture_output=True, text=True)
            assert done.returncode == 0, f"{line}: {done.stderr}"
            if line.endswith("my-data/codebook.csv"):  # step 6, as its comment says
                _add_pattern(root / "my-data" / "codebook.csv", "kollegialt_larande", "mentor")
        elif line.startswith("make check"):
            results["check"] = _make(line, root, out)[0]
        elif line.startswith("make report DATA=my-data"):
            params += (
                shlex.split(line.split("PARAMS=", 1)[1])[0].split() if "PARAMS=" in line else []
            )
    last = f"make report DATA=my-data PARAMS={shlex.quote(' '.join(params))}"
    results["build"], results["report"] = _make(last, root, out)
    return root, out, results


def test_check_lists_the_new_plan_as_the_readme_says(followed):
    root, _, results = followed
    check = results["check"]
    assert check.returncode == 0, check.stderr
    readme_says = next(line for line in walkthrough() if line.startswith("make check"))
    said = README.read_text(encoding="utf-8").split(readme_says, 1)[1].split("\n")[0]
    expected = said.split("#", 1)[1].strip().removesuffix("...)").strip()  # "ok  exempelby…"
    assert expected in check.stdout
    assert "6 file(s) ok, 0 problem(s)" in check.stdout


def test_the_new_plans_units_carry_its_manifest_row(followed):
    root, _, results = followed
    assert results["build"].returncode == 0, results["build"].stderr
    (row,) = csv.reader(ROW.read_text(encoding="utf-8").splitlines())
    units = pd.read_csv(root / "my-data" / "processed" / "units.csv", encoding="utf-8-sig")
    mine = units[units.source_file == EXAMPLE.name]
    # The example plan's own structure: under "Mål" two sentences, under "Insatser" four bullets,
    # one background paragraph, one follow-up paragraph; the title, author line and the four
    # headings are meta.
    assert len(mine) == 14
    assert mine.kind.value_counts().to_dict() == {
        "meta": 6, "measure": 4, "goal": 2, "context": 1, "follow_up": 1,
    }  # fmt: skip
    bullets = [line[2:] for line in EXAMPLE.read_text("utf-8").splitlines() if line[:1] == "•"]
    assert mine[mine.kind == "measure"].text.tolist() == bullets
    plan_id, file, municipality, source, organisation, title, doc_type, start, end, form, ocr = row
    assert file == EXAMPLE.name
    for column, value in {
        "plan_id": plan_id, "municipality": municipality, "municipality_source": source,
        "organisation": organisation, "plan_title": title, "doc_type": doc_type, "form": form,
    }.items():  # fmt: skip
        assert set(mine[column]) == {value}, column
    assert set(mine.period_start) == {int(start)} and set(mine.period_end) == {int(end)}
    assert set(mine.ocr) == {ocr == "true"}
    # The shipped plans are all still there, untouched.
    assert set(units.source_file) == {EXAMPLE.name} | {
        p.name for p in (data_dir() / "raw").iterdir()
    }


def test_the_report_shows_the_plan_and_the_changed_parameter(followed):
    _, out, results = followed
    assert results["report"].returncode == 0, results["report"].stderr
    page = (out / "01-load-plans.html").read_text(encoding="utf-8")
    (row,) = csv.reader(ROW.read_text(encoding="utf-8").splitlines())
    for value in (EXAMPLE.name, row[2], row[4]):  # file, municipality, organisation
        assert html.escape(value, quote=False) in page, value
    params = re.search(r'<table class="parameters">(.*?)</table>', page, re.DOTALL).group(1)
    assert re.search(r"<code>changes_shown</code></td><td><code>5</code></td><td>this run", params)
    assert "01-load-plans.html" in (out / "index.html").read_text(encoding="utf-8")


def test_the_edited_theme_finds_the_new_plans_measure(followed):
    _, out, results = followed
    assert results["report"].returncode == 0, results["report"].stderr
    page = (out / "02-code-themes.html").read_text(encoding="utf-8")
    assert "Codebook <code>codebook.csv</code> (the data directory)" in page
    # Keyword in context of the edited theme: Exempelby's measure, "… med mentor för alla …".
    kwic = page[page.index("(kollegialt_larande):") :]
    rows = re.findall(r"<tr>(.*?)</tr>", kwic.split("</table>", 1)[0], re.DOTALL)
    mine = [r for r in rows if "<td>Exempelby</td>" in r]
    assert len(mine) == 1 and "<td>mentor</td>" in mine[0], mine


def test_a_bad_manifest_row_is_named_and_nothing_is_written(tmp_path):
    _copy_repository_inputs(tmp_path)
    for line in walkthrough():
        if line.startswith(("cp ", "cat ")):
            subprocess.run(["bash", "-c", line], cwd=tmp_path, check=True)
    manifest = tmp_path / "my-data" / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    assert lines[-1].endswith(",generic,false")
    lines[-1] = lines[-1].replace(",generic,false", ",generisk,false")  # a misspelt form
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    where = f"my-data/manifest.csv:{len(lines)}: unknown form 'generisk'"
    for args in (["check"], ["build", "--quiet"]):
        result = _cli(*args, "--data", "my-data", cwd=tmp_path)
        assert result.returncode == 1, args
        assert where in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "my-data" / "processed" / "units.csv").exists()
