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
    [PosixPath('.../reports/01-load-plans.html'), ..., PosixPath('.../reports/index.html')]
"""

from __future__ import annotations

import copy
import html
import importlib
import json
import logging
import os
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import bleach
import nbformat
import pandas as pd
from bleach.html5lib_shim import Filter
from jinja2 import DictLoader
from jupyter_client.kernelspec import NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter
from traitlets.config import Config

from plancompare import paths
from plancompare.atomic import write_text_atomic
from plancompare.errors import PlanError, PlanErrors
from plancompare.links import APPENDIX_PAGE, unit_anchor
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
from plancompare.summary import leaf_measures, period_label

__all__ = [
    "Page",
    "ReportError",
    "appendix_html",
    "build_report",
    "execute_notebook",
    "export_html",
    "versions_table_html",
]

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"
PARAMETERS_TABLE_TAG = "parameters-table"  # the Markdown cell that shows a run's parameters
EXTRA_CELL_TAG = "report-extra"  # a cell the report runs after a notebook's own, never shown
# Run by the kernel before the notebook's first cell (IPython's exec_lines: no cell, no
# execution count, no name left in the notebook's namespace): every figure gets an alt text.
_KERNEL_SETUP = "__import__('plancompare.plots.style', fromlist=['_']).show_alt_text()"
# A notebook whose code computes the key findings hands them to the report (see
# _findings_code): the line it prints starts with this marker, then the findings as JSON.
FINDINGS_MARKER = "plancompare-report-key-findings: "
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
    extra_code: str | None = None,
) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` in a fresh ``python3`` kernel and return it.

    ``parameters`` (name -> value) and ``data_dir`` (given to the notebook as its
    ``data_dir`` parameter, made absolute) are injected after the notebook's ``parameters``
    cell (papermill's convention, see :mod:`plancompare.parameters`), followed by a Markdown
    cell with the table of the parameters the run used. The kernel runs in the notebook's
    folder with ``MPLBACKEND`` set to matplotlib's headless *inline* backend
    (:data:`MPL_BACKEND`). Plain ``Agg`` would be headless too, but in a kernel it suppresses
    the figure outputs: ipykernel only selects the inline backend when ``MPLBACKEND`` is
    unset. Before the first cell the kernel registers :func:`plancompare.plots.style.show_alt_text`,
    so each figure's output carries its alt text (title, subtitle, axes and legend) for
    :func:`export_html`. ``extra_code`` runs as a last cell (tagged :data:`EXTRA_CELL_TAG`), in the
    notebook's kernel after its own cells. The file is not modified; cell numbers in errors
    are the file's own.

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
    if extra_code is not None:
        extra = nbformat.v4.new_code_cell(extra_code, metadata={"tags": [EXTRA_CELL_TAG]})
        extra.id = EXTRA_CELL_TAG  # not random: the page is the same from run to run
        nb.cells.append(extra)
    env = _kernel_env()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL_NAME,
        extra_arguments=[f"--IPKernelApp.exec_lines={_KERNEL_SETUP}"],
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
    # The cells a run adds get fixed ids, not nbformat's random ones: the page's anchors
    # (id="cell-id=...") are then the same from run to run, and so is the page.
    for n, cell in enumerate(c for c in nb.cells if _tagged(c, INJECTED_TAG)):
        cell.id = f"{INJECTED_TAG}-{n}" if n else INJECTED_TAG
    if params:
        at = next(i for i, c in enumerate(nb.cells) if _tagged(c, PARAMETERS_TAG, INJECTED_TAG))
        while at + 1 < len(nb.cells) and _tagged(nb.cells[at + 1], INJECTED_TAG):
            at += 1
        table = "**Parameters of this run**\n\n" + parameters_table_html(params, values)
        cell = nbformat.v4.new_markdown_cell(table, id=PARAMETERS_TABLE_TAG)
        cell.metadata["tags"] = [PARAMETERS_TABLE_TAG]
        nb.cells.insert(at + 1, cell)
    return nb


def _tagged(cell: nbformat.NotebookNode, *tags: str) -> bool:
    return any(t in cell.get("metadata", {}).get("tags", []) for t in tags)


def _own_cells(nb: nbformat.NotebookNode) -> list[tuple[int, nbformat.NotebookNode]]:
    """The notebook file's own cells with their numbers (injected cells left out)."""
    own = [
        c for c in nb.cells if not _tagged(c, INJECTED_TAG, PARAMETERS_TABLE_TAG, EXTRA_CELL_TAG)
    ]
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
# A figure's <img> carries the alt text its output's metadata holds (the kernel's figures get
# one from plancompare.plots.style.show_alt_text, see _KERNEL_SETUP); the lab template
# writes none, and nbconvert then fills in "No description has been provided for this image".
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
{%- block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- set alt = output | get_metadata('alt', 'image/png') %}
{%- if alt %} alt="{{ alt | escape_html }}"{% endif %}
{%- set width = output | get_metadata('width', 'image/png') %}
{%- if width is not none %} width={{ width | escape_html }}{% endif %}
{%- set height = output | get_metadata('height', 'image/png') %}
{%- if height is not none %} height={{ height | escape_html }}{% endif %}>
</div>
{%- endblock data_png %}
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
        "var", "wbr",
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


def export_html(
    nb: nbformat.NotebookNode, *, title: str, base_dir: Path | None = None, code: bool = True
) -> str:
    """Render an (executed) notebook as one self-contained, sanitized HTML page.

    Uses nbconvert's ``HTMLExporter`` (``lab`` template, ``sanitize_html=True``,
    ``embed_images=True``) with the offline template extension described in the module
    docstring. ``title`` becomes the page ``<title>``; ``base_dir`` is where relative image
    paths in Markdown cells are resolved (so they can be embedded). ``code=False`` leaves out
    the code cells' source and the In/Out prompts (their outputs stay): the reader's page.
    ``nb`` is not modified.

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
        exclude_input=not code,
        exclude_input_prompt=not code,
        exclude_output_prompt=not code,
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
    """Execute each ``NN-*.ipynb`` and write the report to ``out_dir``.

    Per notebook ``NN-*.html`` (the reader's page: outputs and prose, code hidden) and
    ``NN-*.code.html`` (the same with its code), linked to each other and to the index; then
    ``units.html``, the appendix of every unit of ``plancompare.load(data_dir)`` that the
    count tables link to (:func:`appendix_html`); and ``index.html``, the front page: the
    corpus, the key findings of ``plancompare.findings.key_findings(frame, **parameters)``
    (each linked to the section behind it), the notebooks with their first paragraph, and
    the versions table.

    ``notebooks`` defaults to ``notebooks/NN-*.ipynb``; pages are built in name order.
    ``out_dir`` defaults to the repository's ``reports/``. ``data_dir`` reaches every notebook
    as its ``data_dir`` parameter; each of ``parameters`` (name -> value, see
    :func:`plancompare.parameters.parse_params`) goes to the notebooks that define it, and a
    name that no notebook defines is an error. The corpus is loaded and all notebooks are
    executed and exported before anything is written, and each file is written atomically,
    so a failed run leaves ``out_dir`` exactly as it was. Returns the files written,
    ``index.html`` last. ``progress`` shows a bar over the notebooks (``None``: on a
    terminal, for runs over a second; ``False``: never).

    Raises:
        ReportError: no notebooks found, a parameter no notebook defines, a notebook
            failed (see :func:`execute_notebook`; it names the notebook) or the key findings
            failed.
        PlanError: the corpus in ``data_dir`` cannot be loaded, or the codebook the
            notebooks will use (``DATA/codebook.csv``, the shipped one, or the ``codebook``
            parameter, a relative path read from the current folder) is missing or has a bad
            row: names the file and line, before any notebook runs.

    Example:
        >>> pages = build_report(data_dir=Path("data"), out_dir=Path("/tmp/r"),
        ...                      parameters={"random_state": 1})  # doctest: +SKIP
        >>> [p.name for p in pages]  # doctest: +SKIP
        ['01-load-plans.html', '01-load-plans.code.html', 'units.html', 'index.html']
    """
    if notebooks is None:
        nb_dir = paths.notebooks_dir()
        notebooks = sorted(nb_dir.glob(NOTEBOOK_GLOB))
        if not notebooks:
            raise ReportError(f"no notebooks named {NOTEBOOK_GLOB}", file=nb_dir)
    notebooks = sorted((Path(p) for p in notebooks), key=lambda p: p.name)
    out = Path(out_dir) if out_dir is not None else paths.reports_dir()
    values = _absolute_codebook(dict(parameters or {}))
    per_notebook = _share_parameters(notebooks, values)
    frame = _load_frame(data_dir)  # the run's units: the appendix, the front page, findings
    _check_codebook(data_dir, values)

    pages: list[Page] = []
    handed: list[Any] | None = None  # the key findings a notebook's kernel computed already
    bar = progress_bar(notebooks, progress=progress, desc="notebooks", unit="nb")
    for nb_path in bar:
        bar.set_postfix_str(nb_path.name)
        log.info("executing %s", nb_path)
        extra = _findings_code(values) if _computes_key_findings(nb_path) else None
        executed = execute_notebook(
            nb_path,
            data_dir=data_dir,
            parameters=per_notebook[nb_path],
            timeout=timeout,
            extra_code=extra,
        )
        handed = _handed_findings(executed) if extra is not None else handed
        pages.append(_page(executed, nb_path))

    info = run_info(data_dir)
    findings = handed if handed is not None else _key_findings(frame, values)
    files = {}
    for page in pages:
        files[page.name] = page.html
        files[page.code_name] = page.code_html
    files[APPENDIX_PAGE] = appendix_html(frame)
    files["index.html"] = _index_html(pages, frame, findings, info)
    out.mkdir(parents=True, exist_ok=True)
    return [write_text_atomic(out / name, text) for name, text in files.items()]


@dataclass(frozen=True)
class Page:
    """One notebook's pages in the report: without code (``name``) and with (``code_name``)."""

    stem: str
    title: str
    summary: str  # sanitized HTML: the first paragraph under the notebook's title
    html: str
    code_html: str

    @property
    def name(self) -> str:
        return f"{self.stem}.html"

    @property
    def code_name(self) -> str:
        return f"{self.stem}.code.html"


def _page(executed: nbformat.NotebookNode, nb_path: Path) -> Page:
    stem = nb_path.stem
    title = _first_heading(executed) or stem
    reader, coder = f"{stem}.html", f"{stem}.code.html"
    hidden = export_html(executed, title=title, base_dir=nb_path.parent, code=False)
    shown = export_html(executed, title=title, base_dir=nb_path.parent, code=True)
    nav = (
        '<a href="index.html">\u2190 Report index</a> \u00b7 '
        f'<a href="{APPENDIX_PAGE}">All units</a> \u00b7 '
    )
    return Page(
        stem=stem,
        title=title,
        summary=_first_paragraph(executed),
        html=_decorate(hidden, nav + f'<a href="{quote(coder)}">This page with its code</a>'),
        code_html=_decorate(shown, nav + f'<a href="{quote(reader)}">This page without code</a>'),
    )


def _load_frame(data_dir: Path | None):
    import plancompare  # the package itself: report sits at the end of the one-way flow

    return plancompare.load(data_dir=data_dir)


def _check_codebook(data_dir: Path | None, values: Mapping[str, Any]) -> None:
    """Raise every problem of the codebook the notebooks will code with, before they run.

    That is the ``codebook`` parameter when a run sets it (made absolute by
    :func:`_absolute_codebook`), else ``DATA/codebook.csv`` or the shipped one, as the
    notebooks' ``codebook = None`` means. A student's bad row is then named with its file and
    line, each problem on its own line, and no notebook runs. So is a theme or framework a
    run names (``kwic_themes``, ``framework``, ``frameworks``) that the codebook does not
    have -- a theme renamed or removed would otherwise show as a theme with 0 hits.
    """
    from .themes import load_codebook

    codebook = values.get("codebook")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the notebooks show their own warnings
        book = load_codebook(codebook, data_dir=data_dir)
    known = {"kwic_themes": set(book.theme), "framework": set(book.framework)}
    known["frameworks"] = known["framework"]
    errors: list[PlanError] = []
    for name, ids in known.items():
        given = values.get(name)
        for value in [given] if isinstance(given, str) else given or ():
            if value not in ids:
                what = "theme" if name == "kwic_themes" else "framework"
                errors.append(
                    PlanError(
                        f"parameter {name}: {value!r} is not a {what} of the codebook "
                        f"(its {what}s: {', '.join(sorted(ids))})",
                        file=book.attrs["path"],
                    )
                )
    if errors:
        raise PlanErrors(errors)


def _absolute_codebook(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with a relative ``codebook`` parameter made absolute from the current folder.

    A relative path is read where the run was started, as ``--data`` and ``--out`` are: a
    kernel runs in ``notebooks/`` and would look for ``notebooks/my-data/codebook.csv``, after
    the notebooks before it had run, while the front page's findings read the file from here.

    Example:
        >>> _absolute_codebook({"codebook": "my-data/codebook.csv"})["codebook"] == str(
        ...     Path("my-data/codebook.csv").resolve())
        True
        >>> _absolute_codebook({"codebook": None, "k": 3})
        {'codebook': None, 'k': 3}
    """
    codebook = values.get("codebook")
    if isinstance(codebook, (str, os.PathLike)):
        values["codebook"] = str(Path(codebook).expanduser().resolve())
    return values


def _computes_key_findings(nb_path: Path) -> bool:
    """Whether a code cell of the notebook calls ``key_findings`` (notebook 04 does)."""
    nb = _read_notebook(nb_path)
    return any(c.cell_type == "code" and "key_findings(" in c.source for c in nb.cells)


def _findings_code(values: Mapping[str, Any]) -> str:
    """The cell that hands a kernel's key findings to the report.

    The notebook has computed them as ``key`` (:func:`plancompare.findings.key_findings`,
    with the codes and vectorizer fit it made for its own tables); when they were computed
    with the parameters the report's own call would use (``values``, the run's parameters),
    the cell prints them after :data:`FINDINGS_MARKER` as JSON, else ``null``, and the
    report computes them itself as before. The front page is the same either way; the
    report then neither codes the themes nor clusters, validates and compares again.
    """
    return (
        "import json as _json\n"
        "from plancompare import findings as _findings\n"
        f"_wanted = _findings.key_parameters(**{dict(values)!r})\n"
        "_found = globals().get('key')\n"
        "_rows = None\n"
        "if getattr(_found, 'parameters', None) == _wanted:\n"
        "    _rows = [[f.text, f.value, f.notebook, f.anchor] for f in _found]\n"
        "try:\n"
        "    _text = _json.dumps(_rows, default=lambda v: v.item())  # numpy numbers\n"
        "except (TypeError, AttributeError, ValueError):\n"
        "    _text = 'null'\n"
        f"print({FINDINGS_MARKER!r} + _text)"
    )


def _handed_findings(executed: nbformat.NotebookNode) -> list[Any] | None:
    """The findings :func:`_findings_code` printed, the extra cell taken out of ``executed``."""
    if not executed.cells or not _tagged(executed.cells[-1], EXTRA_CELL_TAG):
        return None
    cell = executed.cells.pop()
    text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")
    line = next((ln for ln in text.splitlines() if ln.startswith(FINDINGS_MARKER)), None)
    rows = json.loads(line[len(FINDINGS_MARKER) :]) if line is not None else None
    if rows is None:
        return None
    finding = importlib.import_module("plancompare.findings").Finding
    return [finding(*row) for row in rows]


def _key_findings(frame, values: Mapping[str, Any]) -> list[Any] | None:
    """``plancompare.findings.key_findings`` on the run's frame and parameters, if it exists.

    ``None`` when the package has no ``findings`` module (the front page then says so); an
    error inside it stops the report like a failing notebook.
    """
    try:
        findings = importlib.import_module("plancompare.findings")
    except ModuleNotFoundError as exc:
        if exc.name != "plancompare.findings":
            raise
        return None
    try:
        return list(findings.key_findings(frame, **values))
    except PlanError:
        raise
    except Exception as exc:
        raise ReportError(
            _one_line(f"key findings: {type(exc).__name__}: {_first_line(str(exc))}"),
            file=Path(findings.__file__),
        ) from exc


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


# --------------------------------------------------------------------------------------------
# pages written by the report itself: the front page and the appendix of all units

# Shared by the front page and the appendix (the notebook pages carry nbconvert's CSS).
_BASE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem 3rem; line-height: 1.5;
       color: #222; overflow-wrap: break-word; }
h1 { font-size: 1.7rem; line-height: 1.25; }
h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
a { color: #0b57a4; }
small, .muted { color: #666; }
.pc-nav { font-size: 0.9rem; margin-bottom: 1rem; }
table { border-collapse: collapse; font-size: 0.9rem; max-width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.6rem 0.25rem 0;
         border-bottom: 1px solid #eee; }
th { font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.versions th { font-weight: normal; color: #555; white-space: nowrap; }
table.versions code { word-break: break-all; }
ol.findings li, ol.notebooks li { margin: 0.6rem 0; }
table.units { width: 100%; table-layout: fixed; }
table.units col.id { width: 12.5rem; } table.units col.who { width: 7rem; }
table.units col.kind { width: 5.5rem; } table.units col.level { width: 3.2rem; }
table.units col.source { width: 12rem; }
table.units th { overflow-wrap: normal; }
table.plans td:nth-child(3) { white-space: nowrap; }
table.units td.text { white-space: pre-wrap; }
table.units code { font-size: 0.8rem; word-break: break-all; }
table.units tr:target { background: #fff3b0; }
table.units .section { display: block; color: #666; font-size: 0.8rem; white-space: normal; }
"""

# Added to nbconvert's page: text left, numbers right, wide tables scroll inside their cell
# (never the page), the units behind a count highlighted when a link leads to them. Headers
# break between words only: the notebooks show their tables with headers in words
# (plancompare.summary.readable: "leaves carried over", not leaves_carried_over) and without
# row numbers. The rule before (a header may break anywhere, for headers that were ids) made
# a narrow header column the one a table squeezed first: "Mal|mö", "municipali|ty", and a
# row number "2|0" digit under digit.
_NOTEBOOK_CSS = """
body.jp-Notebook { max-width: 72rem; margin: 0 auto; padding: 0 1rem 3rem; }
.pc-nav { font-family: system-ui, sans-serif; font-size: 0.9rem; padding: 0.8rem 0 0.4rem;
          border-bottom: 1px solid #ddd; margin-bottom: 0.5rem; }
.pc-nav a { color: #0b57a4; }
.jp-OutputArea-output { max-width: 100%; overflow-x: auto; }
.jp-RenderedHTMLCommon table { table-layout: auto; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { text-align: left !important;
       vertical-align: top !important; overflow-wrap: break-word; }
.jp-RenderedHTMLCommon p.pc-note { margin-top: 0.3rem; color: #555; max-width: 60rem; }
.jp-RenderedHTMLCommon td[data-num] { text-align: right !important;
       font-variant-numeric: tabular-nums; white-space: nowrap; }
.jp-RenderedHTMLCommon caption { caption-side: top; text-align: left; font-weight: 600;
       padding-bottom: 0.3rem; }
.jp-RenderedHTMLCommon ul.pc-count-units { font-size: 0.85rem; }
.jp-RenderedHTMLCommon ul.pc-count-units li:target { background: #fff3b0; }
"""

# A table cell that holds only a number (perhaps a link around it, a sign, a % sign).
_NUMBER_CELL = re.compile(
    r"<td((?:\s[^>]*)?)>(\s*(?:<a\s[^>]*>)?\s*[-\u2212+]?\d[\d\s,.\u00a0]*%?\s*(?:</a>)?\s*)</td>"
)
_BODY_OPEN = re.compile(r"<body\b[^>]*>")


def _decorate(page: str, nav: str) -> str:
    """A sanitized nbconvert page with the report's CSS, a navigation line and number cells
    marked (``data-num``) so that they align right while text aligns left."""
    page = page.replace("</head>", f"<style>{_NOTEBOOK_CSS}</style>\n</head>", 1)
    body = _BODY_OPEN.search(page)
    if body:
        at = body.end()
        page = page[:at] + f'\n<nav class="pc-nav">{nav}</nav>' + page[at:]
    return _NUMBER_CELL.sub(r"<td\1 data-num>\2</td>", page)


def _first_paragraph(nb: nbformat.NotebookNode) -> str:
    """The first paragraph under the notebook's title, as sanitized inline HTML ("" if none)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    seen_title = False
    for cell in nb.cells:
        if cell.cell_type != "markdown" or _tagged(cell, PARAMETERS_TABLE_TAG):
            continue
        for block in re.split(r"\n\s*\n", cell.source):
            block = block.strip()
            if not block:
                continue
            if _ATX_HEADING.match(block.splitlines()[0]):
                if seen_title:
                    return ""
                seen_title = True
                rest = "\n".join(block.splitlines()[1:]).strip()
                if not rest:
                    continue
                block = rest
            if seen_title:
                rendered = _clean_html(markdown2html_mistune(block)).strip()
                return re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.DOTALL)
    return ""


def _html_page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
{_CSP_META}
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(title)}</title>
<style>{_BASE_CSS}</style>
</head>
<body>
{body}
</body>
</html>
"""


def _plans(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per plan (municipality, then plan id): who, what, when and how many units and
    leaf measures (the most specific, which the notebooks and the key findings count)."""
    first = frame.drop_duplicates("plan_id").set_index("plan_id")
    sizes = frame.groupby("plan_id").size()
    measures = leaf_measures(frame).groupby("plan_id").size()  # as the notebooks count them
    plans = pd.DataFrame(
        {
            "municipality": first["municipality"].astype(str),
            "attributed": first["municipality_source"].astype(str) == "attributed",
            "title": first["plan_title"].astype(str),
            "period": [
                period_label(a, b)
                for a, b in zip(first.period_start, first.period_end, strict=True)
            ],
            "files": frame.groupby("plan_id")["source_file"].nunique(),
            "units": sizes,
            "measures": measures.reindex(first.index, fill_value=0),
        }
    )
    order = sorted(plans.index, key=lambda pid: (plans.at[pid, "municipality"].lower(), pid))
    return plans.loc[order]


def appendix_html(frame: pd.DataFrame) -> str:
    """The report's appendix: every unit of ``frame``, grouped by plan, each row an anchor.

    Row ``id`` = :func:`plancompare.links.unit_anchor` (``u-<unit_id>``), the target of the
    count tables' links (``units.html#u-<unit_id>``). Per unit: its id, municipality, kind,
    level, text (wrapped, with its section), source file, line and character span
    ``[start, end)``. All text is escaped; the page is self-contained.

    Example:
        >>> import plancompare
        >>> page = appendix_html(plancompare.load())
        >>> '<tr id="u-004_2860dbc534337b64:023">' in page
        True
        >>> "Samordna och stärk kommunens kompetensförsörjning" in page
        True
    """
    esc = html.escape
    plans = _plans(frame)
    has_line = "line" in frame.columns
    toc, sections = [], []
    for plan_id, plan in plans.iterrows():
        who = esc(plan.municipality) + (" (attributed)" if plan.attributed else "")
        heading = f"{who}: {esc(plan.title)}" + (f" ({esc(plan.period)})" if plan.period else "")
        anchor = esc(f"plan-{plan_id}")
        toc.append(f'<li><a href="#{anchor}">{heading}</a> <small>{plan.units} units</small></li>')
        units = frame[frame["plan_id"] == plan_id].sort_values(
            ["source_file", "char_start"], kind="stable"
        )
        rows = []
        for unit in units.itertuples(index=False):
            level = "" if pd.isna(unit.level) else str(int(unit.level))
            where = [esc(unit.source_file)]
            if has_line and not pd.isna(unit.line):
                where.append(f"line {int(unit.line)}")
            where.append(f"chars {int(unit.char_start)}\u2013{int(unit.char_end)}")
            section = getattr(unit, "section", "")
            section = "" if pd.isna(section) or not section else str(section)
            rows.append(
                f'<tr id="{esc(unit_anchor(unit.unit_id))}">'
                f'<td><a href="#{esc(quote(unit_anchor(unit.unit_id), safe=":"))}">'
                f"<code>{esc(unit.unit_id)}</code></a></td>"
                f"<td>{esc(unit.municipality)}</td><td>{esc(unit.kind)}</td>"
                f'<td class="num">{level}</td>'
                f'<td class="text">{esc(str(unit.text))}'
                + (f'<span class="section">{esc(section)}</span>' if section else "")
                + f"</td><td><small>{'<br>'.join(where)}</small></td></tr>"
            )
        sections.append(
            f'<h2 id="{anchor}">{heading}</h2>\n'
            f'<p class="muted">Plan <code>{esc(str(plan_id))}</code>, {plan.units} units '
            f"from {plan.files} file{'s' if plan.files != 1 else ''}.</p>\n"
            '<table class="units"><colgroup><col class="id"><col class="who"><col class="kind">'
            '<col class="level"><col class="text"><col class="source"></colgroup>\n'
            "<thead><tr><th>Unit</th><th>Municipality</th><th>Kind</th><th>Level</th>"
            "<th>Text</th><th>Source</th></tr></thead>\n<tbody>\n"
            + "\n".join(rows)
            + "\n</tbody></table>"
        )
    intro = (
        f"<p>Every unit of text in the corpus: {len(frame)} units in {len(plans)} plans. "
        "Each has its kind (goal, measure, effect, context, follow-up, meta or furniture), "
        "its level (1 = a top-level measure, 2 = one of its steps), its text, and where it "
        "is in its source file: the line it starts on and its characters <code>[start, end)"
        "</code>, counted from 0 in the decoded file. The counts in the report's tables link "
        "here.</p>"
    )
    body = (
        '<nav class="pc-nav"><a href="index.html">\u2190 Report index</a></nav>\n'
        "<h1>All units</h1>\n" + intro + '\n<ul class="toc">\n' + "\n".join(toc) + "\n</ul>\n"
        + "\n".join(sections)
    )  # fmt: skip
    return _html_page("All units \u2014 plancompare report", body)


def _corpus_html(frame: pd.DataFrame, info: Mapping[str, Any]) -> str:
    esc = html.escape
    plans = _plans(frame)
    names = sorted(set(plans["municipality"]), key=str.lower)
    years = [int(y) for y in pd.concat([frame.period_start, frame.period_end]).dropna()]
    span = f"{min(years)}\u2013{max(years)}" if years else "no stated period"
    git = info.get("git") or {}
    commit = f", commit <code>{esc(git['commit'][:10])}</code>" if git.get("commit") else ""
    date = str(info.get("run_date", "")).replace("T", " ").replace("Z", " UTC")
    n_measures = int((frame["kind"] == "measure").sum())
    n_leaves = int(plans["measures"].sum())  # the plans table's leaf measures, added up
    lead = (
        f"<p>{len(plans)} plan{'s' if len(plans) != 1 else ''} on competence supply "
        f"(<i>kompetensförsörjning</i>) from {len(names)} "
        f"municipalit{'ies' if len(names) != 1 else 'y'} ({esc(', '.join(names))}), "
        f"periods {span}, in {frame['source_file'].nunique()} source files: {len(frame)} units "
        f"of text, {n_measures} of them measures, {n_leaves} of those the most specific (leaf "
        "measures: an activity's steps, not the activity as well), which the findings and the "
        f"notebooks compare. Report run {esc(date)} with plancompare "
        f"{esc(str(info.get('plancompare', '')))}{commit}.</p>"
    )
    rows = "\n".join(
        f"<tr><td>{esc(p.municipality)}{' <small>(attributed)</small>' if p.attributed else ''}"
        f'</td><td><a href="{APPENDIX_PAGE}#{esc(quote(f"plan-{plan_id}"))}">{esc(p.title)}</a>'
        f'</td><td>{esc(p.period)}</td><td class="num">{p.units}</td>'
        f'<td class="num">{p.measures}</td></tr>'
        for plan_id, p in plans.iterrows()
    )
    table = (
        '<table class="plans"><thead><tr><th>Municipality</th><th>Plan</th><th>Period</th>'
        '<th class="num">Units</th><th class="num">Leaf measures</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody></table>"
    )
    return lead + "\n" + table


def _findings_html(findings: list[Any] | None, pages: list[Page]) -> str:
    if findings is None:
        return "<p>(This version of plancompare has no key findings module.)</p>"
    if not findings:
        return "<p>No key finding could be computed on this corpus.</p>"
    titles = {p.stem: p.title for p in pages}
    items = []
    for f in findings:
        text = html.escape(str(f.text))
        if f.notebook in titles:
            section = unquote(str(f.anchor)).replace("-", " ")
            where = f"{titles[f.notebook]} \u203a {section}"
            text += f' <a href="{html.escape(f.href)}">{html.escape(where)}</a>'
        else:
            text += " <small>(its notebook is not part of this report)</small>"
        items.append(f"<li>{text}</li>")
    return '<ol class="findings">\n' + "\n".join(items) + "\n</ol>"


def _index_html(
    pages: list[Page], frame: pd.DataFrame, findings: list[Any] | None, info: Mapping[str, Any]
) -> str:
    esc = html.escape
    notebooks = "\n".join(
        f'<li><a href="{esc(quote(p.name))}">{esc(p.title)}</a>'
        + (f"<br>{p.summary}" if p.summary else "")
        + f' <small>(<a href="{esc(quote(p.code_name))}">with code</a>)</small></li>'
        for p in pages
    )
    body = f"""<h1>Competence supply in Swedish municipal plans, side by side</h1>
{_corpus_html(frame, info)}
<h2 id="key-findings">Key findings</h2>
{_findings_html(findings, pages)}
<h2 id="notebooks">Notebooks</h2>
<p>Each page shows the analysis without its code; the code is one click away.</p>
<ol class="notebooks">
{notebooks}
</ol>
<h2 id="appendix">Appendix</h2>
<p><a href="{APPENDIX_PAGE}">All {len(frame)} units</a>: each unit's kind, text, and source file
with line and character span. The counts of the key tables (municipality &times; theme,
cluster &times; municipality, gaps, the measures using each distinctive term) link to the units
behind them there.</p>
<h2 id="versions">Versions</h2>
<p>What produced these pages: the code, the packages and the data (sha256 of the files).</p>
{versions_table_html(info)}"""
    return _html_page("plancompare report", body)
