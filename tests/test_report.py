"""Report generation: notebooks executed in a fresh kernel, exported to offline, sanitized HTML.

Two fixture notebooks are executed (a few seconds each); everything is written to tmp_path.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from report_corpus import small_corpus

from plancompare.atomic import write_text_atomic
from plancompare.errors import PlanError
from plancompare.report import (
    ReportError,
    build_report,
    execute_notebook,
    export_html,
)

FIXTURES = Path(__file__).parent / "data" / "notebooks"
GOOD = FIXTURES / "01-fixture.ipynb"
FAILING = FIXTURES / "02-failing.ipynb"
PNG = (  # 1x1 pixel
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)


class _Resources(HTMLParser):
    """Collects what a browser would fetch or run: script src/bodies, links, images, frames."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetched: list[str] = []  # every URL the page would load
        self.scripts: list[str] = []  # every <script> element (src or body)
        self.handlers: list[str] = []  # on*= attributes
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [k for k in attrs if k.startswith("on")]
        if tag == "script":
            self.scripts.append(attrs.get("src") or "")
            self._in_script = True
        if tag in ("script", "img", "iframe", "embed", "source", "audio", "video"):
            self.fetched.append(attrs.get("src") or "")
        if tag == "link":
            self.fetched.append(attrs.get("href") or "")
        if tag == "object":
            self.fetched.append(attrs.get("data") or "")

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def _parse(page: str) -> _Resources:
    parser = _Resources()
    parser.feed(page)
    return parser


def _assert_offline(page: str) -> None:
    found = _parse(page)
    remote = [url for url in found.fetched if url and not url.startswith("data:")]
    assert remote == [], remote
    assert found.scripts == []
    assert found.handlers == []
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page)
    assert "Content-Security-Policy" in page


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build the good fixture once: (written paths, out dir, source bytes before the run)."""
    out = tmp_path_factory.mktemp("reports")
    data = small_corpus(tmp_path_factory.mktemp("data"))
    before = GOOD.read_bytes()
    written = build_report(data_dir=data, notebooks=[GOOD], out_dir=out)
    return written, out, data, before


@pytest.fixture(scope="module")
def page(built) -> str:
    written, out, _, _ = built
    return (out / "01-fixture.html").read_text(encoding="utf-8")


def test_build_writes_pages_appendix_and_index_only(built):
    written, out, _, before = built
    names = ["01-fixture.html", "01-fixture.code.html", "units.html", "index.html"]
    assert written == [out / name for name in names]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert GOOD.read_bytes() == before, "report generation must not rewrite the notebook"


def test_kernel_environment(page, built):
    _, _, data, _ = built
    assert f"data: {data.resolve()}" in page  # PLANCOMPARE_DATA, absolute
    assert "cwd: notebooks" in page  # the notebook's own folder
    assert "backend: module://matplotlib_inline.backend_inline" in page


def test_plan_text_is_escaped_not_live(page):
    # DataFrame cells, raw HTML output, Markdown output and stdout all carry plan text.
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert '&lt;script&gt;alert("raw")&lt;/script&gt;' in page
    assert "&lt;iframe" in page
    assert '&lt;script&gt;alert("stdout")&lt;/script&gt;' in page
    assert "<script>alert" not in page
    assert "<iframe" not in page
    assert not re.search(r"<[a-z][^>]*\sonerror=", page, re.IGNORECASE)
    # the sanitizer keeps ordinary markup readable
    assert "<strong>Mål:</strong>" in page
    assert "<p>rå</p>" in page
    assert re.search(r"<h1[^>]*>Fixture:", page)
    assert "<thead>" in page and "<th>kommun</th>" in page


def test_no_remote_resources(page):
    _assert_offline(page)
    for cdn in ("cdnjs", "unpkg", "require.js", "mathjax", "mermaid"):
        assert cdn not in page.lower()


def test_figure_is_embedded(page):
    assert re.search(r'<img[^>]+src="data:image/png;base64,[A-Za-z0-9+/=]{100,}"', page)


def test_index_lists_notebook_with_escaped_title(built):
    _, out, _, _ = built
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="01-fixture.html">Fixture: &lt;Plan&gt; &amp; mål</a>' in index
    _assert_offline(index)
    title = re.search(r"<title>(.*?)</title>", (out / "01-fixture.html").read_text("utf-8"))
    assert title and title.group(1) == "Fixture: &lt;Plan&gt; &amp; mål"


def test_failing_notebook_raises_and_writes_nothing(tmp_path):
    before = FAILING.read_bytes()
    with pytest.raises(ReportError) as info:
        build_report(notebooks=[GOOD, FAILING], out_dir=tmp_path / "reports")
    err = info.value
    assert isinstance(err, PlanError)
    assert err.file == str(FAILING)
    assert err.message == "cell 3: ValueError: planen saknas ..."
    assert "\n" not in str(err)
    assert not (tmp_path / "reports").exists()  # all or nothing: not even 01's page
    assert FAILING.read_bytes() == before


def test_failed_run_keeps_previous_reports(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("old index")
    with pytest.raises(ReportError):
        build_report(notebooks=[FAILING], out_dir=out)
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text() == "old index"


def test_timeout_names_the_cell(tmp_path):
    slow = tmp_path / "01-slow.ipynb"
    cells = [new_markdown_cell("# Slow"), new_code_cell("import time\ntime.sleep(60)")]
    nbformat.write(new_notebook(cells=cells), slow)
    with pytest.raises(ReportError) as info:
        execute_notebook(slow, timeout=2)
    assert str(info.value) == f"{slow}: cell 2: timed out after 2 s"


def test_unreadable_notebook(tmp_path):
    broken = tmp_path / "01-broken.ipynb"
    broken.write_text("{ not json")
    with pytest.raises(ReportError) as info:
        build_report(notebooks=[broken], out_dir=tmp_path / "out")
    assert info.value.file == str(broken)
    assert info.value.message.startswith("cannot read notebook:")


def test_export_sanitizes_every_output_kind():
    """No kernel: hand-made outputs of each kind, plus notebook metadata asking for widgets."""
    evil = '<script>alert(1)</script><img src="https://evil.example/x.png" onerror=alert(2)>'
    cell = new_code_cell("x")
    cell.outputs = [
        new_output(
            "display_data", data={"text/html": f"<style>body{{display:none}}</style>{evil}"}
        ),
        new_output("display_data", data={"text/markdown": evil}),
        new_output("display_data", data={"application/javascript": "alert(3)"}),
        new_output("display_data", data={"text/vnd.mermaid": f"graph TD; A-->B</pre>{evil}"}),
        new_output("display_data", data={"image/svg+xml": f"<svg>{evil}</svg>"}),
        new_output("display_data", data={"image/png": PNG}),
        new_output("stream", name="stdout", text=evil),
        new_output("error", ename="ValueError", evalue=evil, traceback=[evil]),
    ]
    md = new_markdown_cell(f"# Rubrik\n\n[länk](https://example.org) {evil}\n\n$x^2$")
    widget = {"model_id": "m1", "version_major": 2, "version_minor": 0}
    cell.outputs.append(
        new_output(
            "display_data",
            data={"application/vnd.jupyter.widget-view+json": widget, "text/plain": "Slider"},
        )
    )
    state = {"state": {"m1": {}}, "version_major": 2, "version_minor": 0}
    widgets = {"application/vnd.jupyter.widget-state+json": state}
    nb = new_notebook(cells=[md, cell], metadata={"widgets": widgets})
    page = export_html(nb, title="<Titel>")
    _assert_offline(page)
    assert "alert(3)" not in page  # javascript output dropped entirely
    assert "<pre>Slider</pre>" in page  # widget shown by its text fallback
    assert "display:none" not in page  # <style> from outputs removed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="https://example.org">länk</a>' in page  # plain links stay
    assert re.search(r'<img [^>]*src="data:image/png;base64,iVBOR', page)  # figure kept
    assert "<title>&lt;Titel&gt;</title>" in page
    assert nb.metadata.get("title") is None  # input not modified


def test_markdown_image_embedded_from_base_dir(tmp_path):
    import base64

    (tmp_path / "fig.png").write_bytes(base64.b64decode(PNG))
    nb = new_notebook(cells=[new_markdown_cell("# Bild\n\n![figur](fig.png)")])
    page = export_html(nb, title="Bild", base_dir=tmp_path)
    assert '<img alt="figur" src="data:image/png;base64,' in page
    _assert_offline(page)


def test_write_atomic_leaves_nothing_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "index.html"
    target.write_text("old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        write_text_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]
