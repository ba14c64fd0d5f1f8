"""Notebook parameters: every choice a reader may change, in one cell, overridable per run.

Each notebook's first code cell is tagged ``parameters`` and holds only assignments, one per
choice, each with a comment saying what it means::

    data_dir = None  # data directory (manifest.csv, raw/); None = the repository's data/
    random_state = 0  # seed for everything random

A run with overrides follows papermill's convention: a copy of the notebook gets a cell
tagged ``injected-parameters`` right after the ``parameters`` cell, assigning the new values,
so later assignments win and the committed notebook is never changed. Overrides are Python
literals (``8``, ``"skr"``, ``[2, 3]``, ``None``); a name the parameters cell does not define
is an error, not a silently unused value.

Example:
    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> cell = new_code_cell("k_max = 6  # largest number of clusters tried")
    >>> cell.metadata["tags"] = ["parameters"]
    >>> nb = new_notebook(cells=[cell, new_code_cell("print(k_max)")])
    >>> notebook_parameters(nb)["k_max"]
    Parameter(name='k_max', default='6', help='largest number of clusters tried')
    >>> run = inject_parameters(nb, parse_params(["k_max=8"]))
    >>> [c.source for c in run.cells]
    ['k_max = 6  # largest number of clusters tried', '# Parameters\\nk_max = 8', 'print(k_max)']
"""

from __future__ import annotations

import ast
import copy
import html
import io
import tokenize
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import nbformat

from .errors import PlanError

__all__ = [
    "INJECTED_TAG",
    "PARAMETERS_TAG",
    "Parameter",
    "ParameterError",
    "inject_parameters",
    "notebook_parameters",
    "parameters_table_html",
    "parse_params",
]

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


class ParameterError(PlanError):
    """A parameter override or a notebook's parameters cell is not usable.

    Example:
        >>> str(ParameterError("no parameter 'k'", file="notebooks/03-cluster.ipynb"))
        "notebooks/03-cluster.ipynb: no parameter 'k'"
    """


@dataclass(frozen=True)
class Parameter:
    """One assignment in a ``parameters`` cell: its name, default (as written) and comment.

    Example:
        >>> Parameter("random_state", "0", "seed").default
        '0'
    """

    name: str
    default: str
    help: str


def parse_params(items: Iterable[str]) -> dict[str, Any]:
    """Parse ``name=value`` overrides; each value is a Python literal.

    Raises:
        ParameterError: no ``=``, a name that is not an identifier, or a value that is not a
            literal (a word without quotes is not a string: ``framework="skr"``).

    Example:
        >>> parse_params(["k_max=8", "kinds=['measure']", 'framework="skr"', "data_dir=None"])
        {'k_max': 8, 'kinds': ['measure'], 'framework': 'skr', 'data_dir': None}
        >>> parse_params(["framework=skr"])
        Traceback (most recent call last):
        ...
        plancompare.parameters.ParameterError: --param framework=skr: skr is not a Python \
literal (numbers as 8 or 0.5, text in quotes: --param 'framework="skr"', lists as [2, 3])
    """
    values: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise ParameterError(f"--param {item}: expected name=value, e.g. --param k_max=8")
        try:
            values[name] = ast.literal_eval(text.strip())
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            raise ParameterError(
                f"--param {item}: {text.strip() or 'an empty value'} is not a Python literal "
                f"(numbers as 8 or 0.5, text in quotes: --param '{name}=\"{text.strip()}\"', "
                "lists as [2, 3])"
            ) from None
    return values


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _parameters_index(nb: nbformat.NotebookNode) -> int | None:
    found = [i for i, c in enumerate(nb.cells) if PARAMETERS_TAG in _tags(c)]
    if len(found) > 1:
        raise ParameterError(f"{len(found)} cells are tagged '{PARAMETERS_TAG}'; keep one")
    if found and nb.cells[found[0]].cell_type != "code":
        raise ParameterError(f"the cell tagged '{PARAMETERS_TAG}' is not a code cell")
    return found[0] if found else None


def notebook_parameters(nb: nbformat.NotebookNode) -> dict[str, Parameter]:
    """The parameters a notebook defines: the assignments in its ``parameters`` cell, in order.

    An empty dict when no cell is tagged ``parameters``. Statements other than assignments
    (an import, say) are allowed and define no parameter.

    Raises:
        ParameterError: more than one cell is tagged, or the tagged cell is not plain Python.

    Example:
        >>> from nbformat.v4 import new_code_cell, new_notebook
        >>> cell = new_code_cell("# seed for k-means\\nrandom_state = 0\\nkinds = ('measure',)")
        >>> cell.metadata["tags"] = ["parameters"]
        >>> [(p.name, p.default, p.help)
        ...  for p in notebook_parameters(new_notebook(cells=[cell])).values()]
        [('random_state', '0', 'seed for k-means'), ('kinds', "('measure',)", '')]
    """
    index = _parameters_index(nb)
    if index is None:
        return {}
    source = nb.cells[index].source
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ParameterError(
            f"the '{PARAMETERS_TAG}' cell is not plain Python (line {exc.lineno}: {exc.msg})"
        ) from None
    comments = _comments(source)
    found: dict[str, Parameter] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        else:
            continue
        default = " ".join((ast.get_source_segment(source, value) or "").split())
        help_text = comments.get(stmt.end_lineno or stmt.lineno) or _above(source, stmt.lineno)
        for target in targets:
            if isinstance(target, ast.Name):
                found[target.id] = Parameter(target.id, default, help_text)
    return found


def _comments(source: str) -> dict[int, str]:
    """Comment text by line number (``#`` and surrounding space removed)."""
    out: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            out[tok.start[0]] = tok.string.lstrip("#").strip()
    return out


def _above(source: str, line: int) -> str:
    """The comment on the line right above ``line`` (1-based), if that line is only a comment."""
    lines = source.splitlines()
    above = lines[line - 2].strip() if line >= 2 else ""
    return above.lstrip("#").strip() if above.startswith("#") else ""


def inject_parameters(
    nb: nbformat.NotebookNode, values: Mapping[str, Any]
) -> nbformat.NotebookNode:
    """A copy of ``nb`` with ``values`` assigned in a cell right after its ``parameters`` cell.

    The new cell is tagged ``injected-parameters`` (papermill's convention) and assigns each
    value with ``repr``. With no values the copy has no new cell. ``nb`` is not modified.

    Raises:
        ParameterError: a name that the ``parameters`` cell does not define (or no such cell).

    Example:
        >>> from nbformat.v4 import new_code_cell, new_notebook
        >>> cell = new_code_cell("data_dir = None")
        >>> cell.metadata["tags"] = ["parameters"]
        >>> inject_parameters(new_notebook(cells=[cell]), {"k_max": 8})
        Traceback (most recent call last):
        ...
        plancompare.parameters.ParameterError: no parameter 'k_max' (this notebook's: data_dir)
    """
    nb = copy.deepcopy(nb)
    known = notebook_parameters(nb)
    unknown = [name for name in values if name not in known]
    if unknown:
        names = ", ".join(known) or f"none: no cell is tagged '{PARAMETERS_TAG}'"
        listed = ", ".join(repr(n) for n in unknown)
        raise ParameterError(f"no parameter {listed} (this notebook's: {names})")
    if values:
        lines = ["# Parameters", *(f"{name} = {value!r}" for name, value in values.items())]
        cell = nbformat.v4.new_code_cell("\n".join(lines))
        cell.metadata["tags"] = [INJECTED_TAG]
        nb.cells.insert(_parameters_index(nb) + 1, cell)
    return nb


def parameters_table_html(params: Mapping[str, Parameter], values: Mapping[str, Any]) -> str:
    """An HTML table of the parameters a run used: value, whether given or default, meaning.

    Every value and comment is escaped (a parameter may hold any text).

    Example:
        >>> p = {"k": Parameter("k", "6", "clusters"), "seed": Parameter("seed", "0", "")}
        >>> print(parameters_table_html(p, {"k": 8}))  # doctest: +NORMALIZE_WHITESPACE
        <table class="parameters">
        <thead><tr><th>parameter</th><th>value</th><th>set by</th><th>meaning</th></tr></thead>
        <tbody>
        <tr><td><code>k</code></td><td><code>8</code></td><td>this run</td><td>clusters</td></tr>
        <tr><td><code>seed</code></td><td><code>0</code></td><td>default</td><td></td></tr>
        </tbody>
        </table>
    """
    rows = []
    for name, param in params.items():
        given = name in values
        value = repr(values[name]) if given else param.default
        rows.append(
            f"<tr><td><code>{html.escape(name)}</code></td>"
            f"<td><code>{html.escape(value)}</code></td>"
            f"<td>{'this run' if given else 'default'}</td>"
            f"<td>{html.escape(param.help)}</td></tr>"
        )
    head = "<tr><th>parameter</th><th>value</th><th>set by</th><th>meaning</th></tr>"
    return "\n".join(
        ['<table class="parameters">', f"<thead>{head}</thead>", "<tbody>", *rows, "</tbody>"]
        + ["</table>"]
    )
