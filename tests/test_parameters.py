"""Notebook parameters: one cell of choices, overrides per run, each page says what it ran with."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from plancompare.parameters import (
    INJECTED_TAG,
    PARAMETERS_TAG,
    ParameterError,
    inject_parameters,
    notebook_parameters,
    parse_params,
)
from plancompare.paths import data_dir, notebooks_dir
from plancompare.report import ReportError, build_report, execute_notebook

FIXTURES = Path(__file__).parent / "data" / "notebooks"
GOOD = FIXTURES / "01-fixture.ipynb"
FAILING = FIXTURES / "02-failing.ipynb"
NOTEBOOKS = sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb"))


def _params_cell(source: str) -> nbformat.NotebookNode:
    cell = new_code_cell(source)
    cell.metadata["tags"] = [PARAMETERS_TAG]
    return cell


def _rows(page: str) -> dict[str, tuple[str, str, str]]:
    """The parameters table of a page: name -> (value, set by, meaning), as HTML text."""
    table = re.search(r'<table class="parameters">(.*?)</table>', page, re.DOTALL)
    assert table, "page has no parameters table"
    cells = re.findall(
        r"<tr><td><code>(.*?)</code></td><td><code>(.*?)</code></td><td>(.*?)</td>"
        r"<td>(.*?)</td></tr>",
        table.group(1),
    )
    return {name: (value, by, meaning) for name, value, by, meaning in cells}


# ----------------------------------------------------------------------------- the notebooks


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_starts_with_one_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert PARAMETERS_TAG in code[0].metadata.get("tags", []), "first code cell is the parameters"
    assert sum(PARAMETERS_TAG in c.metadata.get("tags", []) for c in nb.cells) == 1
    params = notebook_parameters(nb)
    assert "data_dir" in params and params["data_dir"].default == "None"
    assert all(p.help for p in params.values()), "every parameter says what it means"
    # only choices in it: every statement is an assignment
    body = ast.parse(code[0].source).body
    assert all(isinstance(s, ast.Assign | ast.AnnAssign) for s in body)
    assert "PLANCOMPARE_DATA" not in path.read_text(encoding="utf-8")  # one mechanism only


# ----------------------------------------------------------------------------- parsing


def test_values_are_python_literals():
    assert parse_params(["k_max=8", "share=0.5", "on=True", 'name="Malmö"', "k=(2, 9)"]) == {
        "k_max": 8,
        "share": 0.5,
        "on": True,
        "name": "Malmö",
        "k": (2, 9),
    }
    assert parse_params([" x = [1, 2] "]) == {"x": [1, 2]}


@pytest.mark.parametrize(
    ("item", "says"),
    [
        ("framework=skr", "skr is not a Python literal"),
        ("k_max=", "an empty value is not a Python literal"),
        ("k_max=__import__('os')", "is not a Python literal"),
        ("k_max", "expected name=value"),
        ("2k=3", "expected name=value"),
    ],
)
def test_bad_overrides_say_what_is_wrong(item, says):
    with pytest.raises(ParameterError, match=re.escape(says)):
        parse_params([item])


def test_cell_parsing_reads_defaults_and_comments():
    cell = _params_cell(
        "from pathlib import Path\n\n"
        "# largest number of clusters tried\n"
        "k_max = 8\n"
        "kinds = (\n    'measure',\n    'goal',\n)  # which units\n"
        "framework: str = 'skr'\n"
        "seed = 0\n"
    )
    params = notebook_parameters(new_notebook(cells=[new_markdown_cell("# T"), cell]))
    assert {n: (p.default, p.help) for n, p in params.items()} == {
        "k_max": ("8", "largest number of clusters tried"),
        "kinds": ("( 'measure', 'goal', )", "which units"),
        "framework": ("'skr'", ""),
        "seed": ("0", ""),
    }


def test_two_parameters_cells_or_magics_are_refused():
    two = new_notebook(cells=[_params_cell("a = 1"), _params_cell("b = 2")])
    with pytest.raises(ParameterError, match="2 cells are tagged 'parameters'"):
        notebook_parameters(two)
    with pytest.raises(ParameterError, match="not plain Python"):
        notebook_parameters(new_notebook(cells=[_params_cell("%matplotlib inline\na = 1")]))


def test_injection_follows_papermill_and_leaves_the_notebook_alone():
    nb = new_notebook(cells=[new_markdown_cell("# T"), _params_cell("a = 1"), new_code_cell("a")])
    run = inject_parameters(nb, {"a": "två"})
    assert len(nb.cells) == 3
    assert [c.metadata.get("tags", []) for c in run.cells] == [
        [],
        ["parameters"],
        [INJECTED_TAG],
        [],
    ]
    assert run.cells[2].source == "# Parameters\na = 'två'"
    assert inject_parameters(nb, {}).cells == nb.cells


# ----------------------------------------------------------------------------- report runs


def _one_plan_corpus(root: Path) -> Path:
    """A data directory with one seed plan: build_report loads the corpus before the notebooks."""
    seeds = data_dir()
    lines = (seeds / "manifest.csv").read_text(encoding="utf-8").splitlines()
    (root / "raw").mkdir(parents=True, exist_ok=True)
    shutil.copy(seeds / "raw" / lines[1].split(",")[1], root / "raw")
    (root / "manifest.csv").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def param_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    data = _one_plan_corpus(tmp_path_factory.mktemp("data"))
    before = GOOD.read_bytes()
    values = {"greeting": '<script>alert("p")</script>', "repeat": 3}
    build_report(data_dir=data, notebooks=[GOOD], out_dir=out, parameters=values)
    assert GOOD.read_bytes() == before, "the committed notebook is not changed"
    return (out / "01-fixture.html").read_text(encoding="utf-8"), data


def test_overrides_reach_the_kernel(param_run):
    page, data = param_run
    assert 'greeting: &lt;script&gt;alert("p")&lt;/script&gt;' in page
    assert f"data: {data.resolve()}" in page


def test_page_states_the_parameters_it_ran_with(param_run):
    page, data = param_run
    rows = _rows(page)
    assert list(rows) == ["data_dir", "greeting", "repeat"]
    assert rows["data_dir"] == (repr(str(data.resolve())), "this run", "data directory")
    assert rows["greeting"][0] == """'&lt;script&gt;alert("p")&lt;/script&gt;'"""
    assert rows["greeting"][1:] == (
        "this run",
        "a text &lt;b&gt;parameter&lt;/b&gt; &amp; its comment",
    )
    assert rows["repeat"] == ("3", "this run", "")
    assert "<script>" not in page


def test_defaults_are_stated_too(tmp_path):
    build_report(notebooks=[GOOD], out_dir=tmp_path)
    rows = _rows((tmp_path / "01-fixture.html").read_text(encoding="utf-8"))
    assert rows["data_dir"] == ("None", "default", "data directory")
    assert rows["greeting"][:2] == ('"hej"', "default")


def test_unknown_parameter_is_an_error_and_writes_nothing(tmp_path):
    with pytest.raises(ReportError) as info:
        build_report(notebooks=[GOOD, FAILING], out_dir=tmp_path / "r", parameters={"k_max": 8})
    assert str(info.value) == (
        "no notebook has a parameter 'k_max' (parameters: data_dir, greeting, repeat)"
    )
    assert not (tmp_path / "r").exists()


def test_a_parameter_goes_only_to_notebooks_that_define_it(tmp_path):
    other = tmp_path / "02-other.ipynb"
    nbformat.write(
        new_notebook(cells=[_params_cell("data_dir = None  # d"), new_code_cell("1")]), other
    )
    build_report(notebooks=[GOOD, other], out_dir=tmp_path / "r", parameters={"repeat": 2})
    rows = _rows((tmp_path / "r" / "02-other.html").read_text(encoding="utf-8"))
    assert list(rows) == ["data_dir"]


def test_data_dir_must_reach_every_notebook(tmp_path):
    with pytest.raises(ReportError) as info:
        build_report(
            data_dir=_one_plan_corpus(tmp_path / "data"),
            notebooks=[FAILING],
            out_dir=tmp_path / "r",
        )
    assert info.value.file == str(FAILING)
    assert "no 'data_dir'" in info.value.message


def test_failing_cell_is_numbered_as_in_the_file(tmp_path):
    path = tmp_path / "01-x.ipynb"
    cells = [
        new_markdown_cell("# X"),
        _params_cell("x = 1  # x"),
        new_code_cell("raise KeyError(x)"),
    ]
    nbformat.write(new_notebook(cells=cells), path)
    with pytest.raises(ReportError) as info:
        execute_notebook(path, parameters={"x": 2})
    assert info.value.message == "cell 3: KeyError: 2"


# ----------------------------------------------------------------------------- the command line


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plancompare.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def test_cli_bad_param_is_one_line(tmp_path):
    result = _cli(
        "report", "--param", "max_colwidth=wide", "--out", str(tmp_path / "r"), cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr.startswith(
        "error: --param max_colwidth=wide: wide is not a Python literal"
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "r").exists()


def test_cli_report_runs_the_real_notebooks_with_data_out_and_param(tmp_path):
    """notebook 01 on a copy of the data, with a parameter changed, written to --out."""
    data = tmp_path / "my data"
    shutil.copytree(data_dir(), data, ignore=shutil.ignore_patterns("processed"))
    manifest = data / "manifest.csv"
    text = manifest.read_text(encoding="utf-8")
    assert "Östersunds kommun" in text
    manifest.write_text(text.replace("Östersunds kommun", "Östersunds kommun (kopia)"), "utf-8")
    out = tmp_path / "out"
    result = _cli(
        "report", "--data", str(data), "--out", str(out), "--param", "changes_shown=3", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    page = (out / "01-load-plans.html").read_text(encoding="utf-8")
    rows = _rows(page)
    assert rows["data_dir"][:2] == (repr(str(data.resolve())), "this run")
    assert rows["changes_shown"][:2] == ("3", "this run")
    assert rows["max_colwidth"][:2] == ("90", "default")
    assert "Östersunds kommun (kopia)" in page  # the copy was read, not the repository's data/
    after = page[page.index("tokens changed") :]  # the table of OCR changes follows that line
    changes = re.search(r"<tbody>(.*?)</tbody>", after, re.DOTALL).group(1)
    assert changes.count("<tr>") == 3  # changes_shown=3 (the notebook's default shows 30)
    assert "<td>Ansdkan</td>" in changes  # the file's first word, "Ansdkan om medel ..."
    # the front page's key findings, handed over by notebook 04's kernel, are those computed
    # here afresh on the same data (the report did not compute them itself)
    import html

    import plancompare
    from plancompare import findings

    index = (out / "index.html").read_text(encoding="utf-8")
    found = findings.key_findings(plancompare.load(data))
    assert found and all(f"<li>{html.escape(f.text)} <a " in index for f in found)
    assert index.count("<li>") - index.count('<li><a href="0') == len(found)
