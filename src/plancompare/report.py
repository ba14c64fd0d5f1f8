"""Run the notebooks and turn them into self-contained HTML reports for reviewers.

A report page must be readable without Python and without network, and the plan texts
shown in it are data, never markup. Three things make that so:

* the HTML is exported with nbconvert's ``lab`` template, extended (in memory, see
  ``_TEMPLATE``) so that it emits no ``<script src>`` for require.js, MathJax, Mermaid or
  the widget renderer, and carries a Content-Security-Policy that forbids scripts and any
  remote load; all CSS is inlined by nbconvert and figures are base64 ``data:`` images;
* ``sanitize_html=True`` is set, and nbconvert's ``clean_html`` filter is replaced by
  :func:`_clean_html`: the stock filter escapes ``<h1>``, ``<p>``, ``<th>``, ``<thead>`` and
  ``<tbody>``, which mangles every Markdown cell and DataFrame. Ours keeps presentational
  tags, drops ``<style>`` elements (pandas' scoped table CSS), keeps images only as
  ``data:image/...`` and escapes everything else (``<script>``, ``<iframe>``, ``on*=``...);
* notebooks are executed in memory; the committed ``.ipynb`` files are never rewritten.

Each notebook's ``parameters`` cell (see :mod:`plancompare.parameters`) receives the run's
overrides and the data directory (as ``data_dir``); every page shows a table of the
parameters it ran with, right after that cell.

Example:
    >>> from plancompare.report import build_report
    >>> build_report(data_dir=Path("data"))  # doctest: +SKIP
    [PosixPath('.../reports/01-overview.html'), PosixPath('.../reports/index.html')]
"""

from __future__ import annotations

import copy
import html
import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import bleach
import nbformat
from bleach.html5lib_shim import Filter
from jinja2 import DictLoader
from jupyter_client.kernelspec import NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter
from traitlets.config import Config

from plancompare import paths
from plancompare.atomic import write_text_atomic
from plancompare.errors import PlanError
from plancompare.parallel import progress_bar
from plancompare.parameters import (
    INJECTED_TAG,
    PARAMETERS_TAG,
    ParameterError,
    inject_parameters,
    notebook_parameters,
    parameters_table_html,
)
from plancompare.provenance import run_info, version_rows

__all__ = ["ReportError", "build_report", "execute_notebook", "export_html"]

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"
PARAMETERS_TABLE_TAG = "parameters-table"  # the Markdown cell that shows a run's parameters
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
# Headless (renders with Agg) and sends each figure to the notebook as an image/png output.
MPL_BACKEND = "module://matplotlib_inline.backend_inline"

# No scripts at all, nothing fetched from anywhere: styles are inline, images are data: URIs.
# Browsers enforce this even if something slipped through the template or the sanitizer.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)
_CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'


class ReportError(PlanError):
    """A notebook could not be read or executed, so no report was written for it.

    ``file`` is the notebook; the message is one line (cell number, error name and message).

    Example:
        >>> str(ReportError("cell 3: KeyError: 'kommun'", file="notebooks/01-overview.ipynb"))
        "notebooks/01-overview.ipynb: cell 3: KeyError: 'kommun'"
    """


# --------------------------------------------------------------------------------------------
# execution


def execute_notebook(
    path: Path,
    *,
    data_dir: Path | None = None,
    parameters: Mapping[str, Any] | None = None,
    timeout: int = 600,
) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` in a fresh ``python3`` kernel and return it.

    ``parameters`` (name -> value) and ``data_dir`` (given to the notebook as its
    ``data_dir`` parameter, made absolute) are injected after the notebook's ``parameters``
    cell (papermill's convention, see :mod:`plancompare.parameters`), followed by a Markdown
    cell with the table of the parameters the run used. The kernel runs in the notebook's
    folder with ``MPLBACKEND`` set to matplotlib's headless *inline* backend
    (:data:`MPL_BACKEND`). Plain ``Agg`` would be headless too, but in a kernel it suppresses
    the figure outputs: ipykernel only selects the inline backend when ``MPLBACKEND`` is
    unset. The file is not modified; cell numbers in errors are the file's own.

    Raises:
        ReportError: the notebook is unreadable, a parameter is not defined by its
            ``parameters`` cell, a cell raised, a cell ran longer than ``timeout`` seconds,
            or the kernel could not start or died.

    Example:
        >>> nb = execute_notebook(Path("notebooks/01-load-plans.ipynb"), data_dir=Path("data"))
        ... # doctest: +SKIP
        >>> nb.cells[1].outputs[0].output_type  # doctest: +SKIP
        'execute_result'
    """
    path = Path(path)
    nb = _with_parameters(_read_notebook(path), path, data_dir, parameters or {})
    env = _kernel_env()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(path.resolve().parent)}},
        # CurveZMQ keys when the kernel declares support (quiet, and nothing in plain text).
        config=Config({"KernelManager": {"transport_encryption": "auto"}}),
    )
    try:
        client.execute(env=env)
    except CellExecutionError as exc:
        where = _failed_cell(nb)
        raise ReportError(
            _one_line(f"{where}{exc.ename}: {_first_line(exc.evalue)}"), file=path
        ) from exc
    except CellTimeoutError as exc:
        where = _running_cell(nb)
        raise ReportError(f"{where}timed out after {timeout} s", file=path) from exc
    except DeadKernelError as exc:
        raise ReportError(_one_line(f"kernel died: {exc}"), file=path) from exc
    except NoSuchKernel as exc:
        raise ReportError(
            f"Jupyter kernel {KERNEL_NAME!r} not found (run `make install`)", file=path
        ) from exc
    except TimeoutError as exc:  # kernel did not start in time
        raise ReportError(_one_line(f"kernel did not start: {exc}"), file=path) from exc
    return nb


def _read_notebook(path: Path) -> nbformat.NotebookNode:
    try:
        return nbformat.read(path, as_version=4)
    except (OSError, ValueError) as exc:  # missing file, not JSON, not a notebook
        raise ReportError(_one_line(f"cannot read notebook: {exc}"), file=path) from exc


def _with_parameters(
    nb: nbformat.NotebookNode, path: Path, data_dir: Path | None, values: Mapping[str, Any]
) -> nbformat.NotebookNode:
    """The notebook to run: overrides injected, the parameters table after them."""
    values = dict(values)
    if data_dir is not None:
        values["data_dir"] = str(Path(data_dir).expanduser().resolve())
    try:
        params = notebook_parameters(nb)
        if data_dir is not None and "data_dir" not in params:
            raise ParameterError(
                f"no 'data_dir' in a cell tagged '{PARAMETERS_TAG}', so the data directory "
                "cannot reach this notebook"
            )
        nb = inject_parameters(nb, values)
    except ParameterError as exc:
        raise ReportError(exc.message, file=path) from None
    if params:
        at = next(i for i, c in enumerate(nb.cells) if _tagged(c, PARAMETERS_TAG, INJECTED_TAG))
        while at + 1 < len(nb.cells) and _tagged(nb.cells[at + 1], INJECTED_TAG):
            at += 1
        table = "**Parameters of this run**\n\n" + parameters_table_html(params, values)
        cell = nbformat.v4.new_markdown_cell(table)
        cell.metadata["tags"] = [PARAMETERS_TABLE_TAG]
        nb.cells.insert(at + 1, cell)
    return nb


def _tagged(cell: nbformat.NotebookNode, *tags: str) -> bool:
    return any(t in cell.get("metadata", {}).get("tags", []) for t in tags)


def _own_cells(nb: nbformat.NotebookNode) -> list[tuple[int, nbformat.NotebookNode]]:
    """The notebook file's own cells with their numbers (injected cells left out)."""
    own = [c for c in nb.cells if not _tagged(c, INJECTED_TAG, PARAMETERS_TABLE_TAG)]
    return list(enumerate(own, start=1))


def _kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    env["MPLBACKEND"] = MPL_BACKEND
    # The kernel imports the same plancompare as the caller, installed or not.
    src = str(paths.PACKAGE_DIR.parent)
    pythonpath = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if src not in pythonpath:
        env["PYTHONPATH"] = os.pathsep.join([src, *pythonpath])
    return env


def _failed_cell(nb: nbformat.NotebookNode) -> str:
    for number, cell in _own_cells(nb):
        if any(out.get("output_type") == "error" for out in cell.get("outputs", [])):
            return f"cell {number}: "
    return ""


def _running_cell(nb: nbformat.NotebookNode) -> str:
    # nbclient marks the cell it is executing; the last code cell with a start time is it.
    last = ""
    for number, cell in _own_cells(nb):
        if cell.cell_type == "code" and cell.get("metadata", {}).get("execution", {}):
            last = f"cell {number}: "
    return last


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _first_line(text: str) -> str:
    lines = [ln for ln in _ANSI.sub("", text or "").splitlines() if ln.strip()]
    if not lines:
        return ""
    return lines[0] + (" ..." if len(lines) > 1 else "")


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(_ANSI.sub("", text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------------------------
# export

# Extends nbconvert's lab template: no remote <script src> (require.js, MathJax, Mermaid, the
# widget renderer), a CSP instead, no raw passthrough for Mermaid / widget outputs and no
# widget-state <script> block in the footer. The page contains no <script> at all.
_TEMPLATE_NAME = "plancompare-offline.html.j2"
_TEMPLATE = (
    """\
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
"""
    + _CSP_META
    + """
{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block data_mermaid scoped -%}
<div class="jp-RenderedText jp-OutputArea-output {{ extra_class }}" data-mime-type="text/plain">
<pre>{{ output.data['text/vnd.mermaid'] | escape_html }}</pre>
</div>
{%- endblock data_mermaid %}
{%- block data_widget_view scoped %}
<div class="jp-RenderedText jp-OutputArea-output {{ extra_class }}" data-mime-type="text/plain">
<pre>{{ output.data.get('text/plain', '(interactive widget: not shown in this report)')
      | escape_html }}</pre>
</div>
{%- endblock data_widget_view %}
{% block footer %}
</html>
{% endblock footer %}
"""
)

_ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "acronym", "b", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
        "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
        "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
        "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
        "var",
    }
)  # fmt: skip
_GLOBAL_ATTRS = frozenset({"class", "id", "title", "lang", "dir"})
_TAG_ATTRS = {
    "a": frozenset({"href", "name"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "table": frozenset({"border"}),
    "th": frozenset({"colspan", "rowspan", "align", "valign", "scope"}),
    "td": frozenset({"colspan", "rowspan", "align", "valign"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "ul": frozenset({"type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
}
# "data" is needed for embedded images; _allowed_attr keeps it off links.
_PROTOCOLS = frozenset({"http", "https", "mailto", "data"})
_URI_NOISE = re.compile(r"[`\000-\040\177-\240\s]+")
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)


def _allowed_attr(tag: str, name: str, value: str) -> bool:
    if name in _GLOBAL_ATTRS:
        return True
    if name not in _TAG_ATTRS.get(tag, ()):
        return False
    uri = _URI_NOISE.sub("", value).lower()
    if tag == "img" and name == "src":
        return uri.startswith("data:image/")  # embedded only: nothing fetched
    if tag == "a" and name == "href":
        return not uri.startswith("data:")
    return True


class _DropUnloadableImages(Filter):
    """Drop ``<img>`` tags whose ``src`` the sanitizer removed (nothing left to show)."""

    def __iter__(self):
        for token in super().__iter__():
            if (
                token["type"] in ("StartTag", "EmptyTag")
                and token["name"] == "img"
                and (None, "src") not in token.get("data", {})
            ):
                continue
            yield token


def _clean_html(element: str | bytes) -> str:
    """Sanitize an HTML fragment from a notebook (replaces nbconvert's ``clean_html``).

    Example:
        >>> _clean_html('<h2>Mål</h2><img src=x onerror=alert(1)><b onclick=f()>bra</b>')
        '<h2>Mål</h2><b>bra</b>'
        >>> _clean_html('<script>alert(1)</script><iframe src="https://x.se"></iframe>')
        '&lt;script&gt;alert(1)&lt;/script&gt;&lt;iframe src="https://x.se"&gt;&lt;/iframe&gt;'
    """
    text = element.decode() if isinstance(element, bytes) else str(element)
    text = _STYLE_ELEMENT.sub("", text)
    cleaner = bleach.Cleaner(
        tags=_ALLOWED_TAGS,
        attributes=_allowed_attr,
        protocols=_PROTOCOLS,
        strip=False,  # disallowed markup is shown as text, so a reader sees what the plan says
        strip_comments=True,
        filters=[_DropUnloadableImages],
    )
    return cleaner.clean(text)


def export_html(nb: nbformat.NotebookNode, *, title: str, base_dir: Path | None = None) -> str:
    """Render an (executed) notebook as one self-contained, sanitized HTML page.

    Uses nbconvert's ``HTMLExporter`` (``lab`` template, ``sanitize_html=True``,
    ``embed_images=True``) with the offline template extension described in the module
    docstring. ``title`` becomes the page ``<title>``; ``base_dir`` is where relative image
    paths in Markdown cells are resolved (so they can be embedded). ``nb`` is not modified.

    Example:
        >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hej")])
        >>> page = export_html(nb, title="Hej")
        >>> "<title>Hej</title>" in page and "<script src=" not in page
        True
    """
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
        template_file=_TEMPLATE_NAME,
        filters={"clean_html": _clean_html},
        sanitize_html=True,
        embed_images=True,
        require_js_url="",
        mathjax_url="",
        widget_renderer_url="",
    )
    resources = {"metadata": {"name": title, "path": str(base_dir) if base_dir else ""}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


# --------------------------------------------------------------------------------------------
# the report directory


def build_report(
    *,
    data_dir: Path | None = None,
    notebooks: list[Path] | None = None,
    out_dir: Path | None = None,
    parameters: Mapping[str, Any] | None = None,
    timeout: int = 600,
    progress: bool | None = None,
) -> list[Path]:
    """Execute each ``NN-*.ipynb`` and write ``NN-*.html`` plus ``index.html`` to ``out_dir``.

    ``notebooks`` defaults to ``notebooks/NN-*.ipynb``; pages are built in name order.
    ``out_dir`` defaults to the repository's ``reports/``. ``data_dir`` reaches every notebook
    as its ``data_dir`` parameter; each of ``parameters`` (name -> value, see
    :func:`plancompare.parameters.parse_params`) goes to the notebooks that define it, and a
    name that no notebook defines is an error. All notebooks are executed and exported before
    anything is written, and each file is written atomically, so a failed run leaves
    ``out_dir`` exactly as it was. Returns the pages written, ``index.html`` last.
    ``progress`` shows a bar over the notebooks (``None``: on a terminal, for runs over a
    second; ``False``: never).

    Raises:
        ReportError: no notebooks found, a parameter no notebook defines, or a notebook
            failed (see :func:`execute_notebook`); it names the notebook.

    Example:
        >>> pages = build_report(data_dir=Path("data"), out_dir=Path("/tmp/r"),
        ...                      parameters={"random_state": 1})  # doctest: +SKIP
        >>> [p.name for p in pages]  # doctest: +SKIP
        ['01-load-plans.html', 'index.html']
    """
    if notebooks is None:
        nb_dir = paths.notebooks_dir()
        notebooks = sorted(nb_dir.glob(NOTEBOOK_GLOB))
        if not notebooks:
            raise ReportError(f"no notebooks named {NOTEBOOK_GLOB}", file=nb_dir)
    notebooks = sorted((Path(p) for p in notebooks), key=lambda p: p.name)
    out = Path(out_dir) if out_dir is not None else paths.reports_dir()
    per_notebook = _share_parameters(notebooks, dict(parameters or {}))

    pages: list[tuple[str, str, str]] = []  # (file name, title, html)
    bar = progress_bar(notebooks, progress=progress, desc="notebooks", unit="nb")
    for nb_path in bar:
        bar.set_postfix_str(nb_path.name)
        log.info("executing %s", nb_path)
        executed = execute_notebook(
            nb_path, data_dir=data_dir, parameters=per_notebook[nb_path], timeout=timeout
        )
        title = _first_heading(executed) or nb_path.stem
        pages.append(
            (
                f"{nb_path.stem}.html",
                title,
                export_html(executed, title=title, base_dir=nb_path.parent),
            )
        )

    index = _index_html(pages, versions_table_html(run_info(data_dir)))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, _, page in pages:
        written.append(write_text_atomic(out / name, page))
    written.append(write_text_atomic(out / "index.html", index))
    return written


def _share_parameters(notebooks: list[Path], values: dict[str, Any]) -> dict[Path, dict[str, Any]]:
    """Each notebook's share of ``values``: the names its ``parameters`` cell defines."""
    defined: dict[Path, set[str]] = {}
    for nb_path in notebooks:
        try:
            defined[nb_path] = set(notebook_parameters(_read_notebook(nb_path)))
        except ParameterError as exc:
            raise ReportError(exc.message, file=nb_path) from None
    known = set().union(*defined.values())
    unknown = [name for name in values if name not in known]
    if unknown:
        raise ReportError(
            f"no notebook has a parameter {', '.join(repr(n) for n in unknown)} "
            f"(parameters: {', '.join(sorted(known)) or 'none'})"
        )
    return {p: {k: v for k, v in values.items() if k in defined[p]} for p in notebooks}


_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")


def _first_heading(nb: nbformat.NotebookNode) -> str | None:
    """Text of the first ATX heading (``# ...``) in the notebook's Markdown cells."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        in_fence = False
        for line in cell.source.splitlines():
            if _FENCE.match(line):
                in_fence = not in_fence
            elif not in_fence and (m := _ATX_HEADING.match(line)):
                return m.group(1).strip()
    return None


def versions_table_html(info: Mapping[str, Any]) -> str:
    """The versions table of a report: what produced it, from
    :func:`plancompare.provenance.run_info` (rows as :func:`~plancompare.provenance.version_rows`).

    A self-contained ``<table class="versions">`` (escaped; hashes and paths in ``<code>``),
    for any page that should say which code, packages and data made it.

    Example:
        >>> from plancompare.provenance import run_info
        >>> table = versions_table_html(run_info())
        >>> table.startswith('<table class="versions">') and "<th>pandas</th>" in table
        True
    """
    rows = []
    for what, value in version_rows(dict(info)):
        shown = html.escape(str(value))
        if what in ("git commit", "data directory") or "sha256" in what:
            shown = f"<code>{shown}</code>"
        rows.append(f"<tr><th>{html.escape(what)}</th><td>{shown}</td></tr>")
    return '<table class="versions">\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>"


def _index_html(pages: list[tuple[str, str, str]], versions: str) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(quote(name))}">{html.escape(title)}</a>'
        f" <small>{html.escape(name)}</small></li>"
        for name, title, _ in pages
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
{_CSP_META}
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>plancompare reports</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }}
li {{ margin: 0.4rem 0; }}
small {{ color: #666; }}
table.versions {{ border-collapse: collapse; font-size: 0.9rem; }}
table.versions th, table.versions td {{ text-align: left; vertical-align: top;
       padding: 0.15rem 0.8rem 0.15rem 0; border-bottom: 1px solid #eee; }}
table.versions th {{ font-weight: normal; color: #555; white-space: nowrap; }}
table.versions code {{ word-break: break-all; }}
</style>
</head>
<body>
<h1>plancompare reports</h1>
<ol>
{items}
</ol>
<h2>Versions</h2>
<p>What produced these pages: the code, the packages and the data (sha256 of the files).</p>
{versions}
</body>
</html>
"""
