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
from pathlib import Path
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

__all__ = ["ReportError", "build_report", "execute_notebook", "export_html"]

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"
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
    path: Path, *, data_dir: Path | None = None, timeout: int = 600
) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` in a fresh ``python3`` kernel and return it.

    The kernel runs in the notebook's folder with ``PLANCOMPARE_DATA`` set to the absolute
    ``data_dir`` (or removed when it is None, so the notebook uses the package default) and
    ``MPLBACKEND`` set to matplotlib's headless *inline* backend (:data:`MPL_BACKEND`). Plain
    ``Agg`` would be headless too, but in a kernel it suppresses the figure outputs: ipykernel
    only selects the inline backend when ``MPLBACKEND`` is unset. The file is not modified.

    Raises:
        ReportError: the notebook is unreadable, a cell raised, a cell ran longer than
            ``timeout`` seconds, or the kernel could not start or died.

    Example:
        >>> nb = execute_notebook(Path("notebooks/01-overview.ipynb"), data_dir=Path("data"))
        ... # doctest: +SKIP
        >>> nb.cells[1].outputs[0].output_type  # doctest: +SKIP
        'execute_result'
    """
    path = Path(path)
    nb = _read_notebook(path)
    env = _kernel_env(data_dir)
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


def _kernel_env(data_dir: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env["MPLBACKEND"] = MPL_BACKEND
    if data_dir is not None:
        env["PLANCOMPARE_DATA"] = str(Path(data_dir).expanduser().resolve())
    else:
        env.pop("PLANCOMPARE_DATA", None)
    # The kernel imports the same plancompare as the caller, installed or not.
    src = str(paths.PACKAGE_DIR.parent)
    pythonpath = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if src not in pythonpath:
        env["PYTHONPATH"] = os.pathsep.join([src, *pythonpath])
    return env


def _failed_cell(nb: nbformat.NotebookNode) -> str:
    for number, cell in enumerate(nb.cells, start=1):
        if any(out.get("output_type") == "error" for out in cell.get("outputs", [])):
            return f"cell {number}: "
    return ""


def _running_cell(nb: nbformat.NotebookNode) -> str:
    # nbclient marks the cell it is executing; the last code cell with a start time is it.
    last = ""
    for number, cell in enumerate(nb.cells, start=1):
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
    timeout: int = 600,
) -> list[Path]:
    """Execute each ``NN-*.ipynb`` and write ``NN-*.html`` plus ``index.html`` to ``out_dir``.

    ``notebooks`` defaults to ``notebooks/NN-*.ipynb``; pages are built in name order.
    ``out_dir`` defaults to the repository's ``reports/``. All notebooks are executed and
    exported before anything is written, and each file is written atomically, so a failed
    run leaves ``out_dir`` exactly as it was. Returns the pages written, ``index.html`` last.

    Raises:
        ReportError: no notebooks found, or one of them failed (see
            :func:`execute_notebook`); it names the notebook.

    Example:
        >>> pages = build_report(data_dir=Path("data"), out_dir=Path("/tmp/r"))  # doctest: +SKIP
        >>> [p.name for p in pages]  # doctest: +SKIP
        ['01-overview.html', 'index.html']
    """
    if notebooks is None:
        nb_dir = paths.notebooks_dir()
        notebooks = sorted(nb_dir.glob(NOTEBOOK_GLOB))
        if not notebooks:
            raise ReportError(f"no notebooks named {NOTEBOOK_GLOB}", file=nb_dir)
    notebooks = sorted((Path(p) for p in notebooks), key=lambda p: p.name)
    out = Path(out_dir) if out_dir is not None else paths.reports_dir()

    pages: list[tuple[str, str, str]] = []  # (file name, title, html)
    for nb_path in notebooks:
        log.info("executing %s", nb_path)
        executed = execute_notebook(nb_path, data_dir=data_dir, timeout=timeout)
        title = _first_heading(executed) or nb_path.stem
        pages.append(
            (
                f"{nb_path.stem}.html",
                title,
                export_html(executed, title=title, base_dir=nb_path.parent),
            )
        )

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, _, page in pages:
        written.append(write_text_atomic(out / name, page))
    written.append(write_text_atomic(out / "index.html", _index_html(pages)))
    return written


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


def _index_html(pages: list[tuple[str, str, str]]) -> str:
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
</style>
</head>
<body>
<h1>plancompare reports</h1>
<ol>
{items}
</ol>
</body>
</html>
"""
