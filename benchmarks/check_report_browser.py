"""Render the report's pages in a real headless browser with the network off.

    .venv/bin/python benchmarks/check_report_browser.py [reports/] [--shots DIR]

For every ``*.html`` in the report directory: Debian's ``chromium`` renders it headless inside a
network namespace with no interfaces (``unshare -n``; without it, through a proxy address that
refuses every connection), prints the DOM after loading and takes a screenshot. The check fails
when a page does not render, when an image is not embedded (``data:`` URI) or did not decode
(the rendered DOM is compared with the file's), when a page asks for anything on the network,
when a link's ``#anchor`` has no element with that id in its target page, when a figure has
no alt text of its own (nbconvert's "No description has been provided for this image"), or
when a table, a figure or printed output is wider than the space it is given in a window 1,280
or 1,024 pixels wide (a reader would scroll sideways) or a table's header is one word broken
over lines ("municipali|ty", a row number "2|0" digit under digit; measured by a script in a
copy of the page without its Content-Security-Policy; code, on the pages with code, may
scroll). Screenshots go to
``--shots`` (default: ``reports/screenshots/``) for a person to look at.

Needs ``chromium`` (``apt-get install chromium``); exits 0 with a note when it is missing, so
machines without a browser (CI) are not failed by it. Exit 1 lists every problem found.
"""

from __future__ import annotations

import argparse
import html
import html.parser
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(html.parser.HTMLParser):
    """Ids, links, image sources and anything that would load from elsewhere."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.images: list[str] = []
        self.alts: list[str] = []
        self.remote: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "img":
            self.images.append(a.get("src", ""))
            self.alts.append(a.get("alt", ""))
        for key in ("src", "srcset", "data", "poster"):
            if a.get(key, "").startswith(("http:", "https:", "//")):
                self.remote.append(f"<{tag} {key}={a[key][:60]}>")
        if tag == "link" and a.get("href", "").startswith(("http:", "https:", "//")):
            self.remote.append(f"<link href={a['href'][:60]}>")
        if tag == "script":
            self.remote.append("<script>")


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _render(browser: str, page: Path, shot: Path) -> tuple[str, str]:
    """The DOM after loading, and chromium's stderr (a screenshot is written to ``shot``)."""
    offline = ["unshare", "-n"] if shutil.which("unshare") else []
    with tempfile.TemporaryDirectory() as profile:
        common = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            f"--user-data-dir={profile}", "--proxy-server=127.0.0.1:9",
            "--window-size=1280,2000",
        ]  # fmt: skip
        dom = subprocess.run(
            [*offline, *common, "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        if dom.returncode != 0 and offline:  # no permission for a namespace: proxy only
            offline = []
            dom = subprocess.run(
                [*common, "--dump-dom", page.as_uri()],
                capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
        subprocess.run(
            [*offline, *common, f"--screenshot={shot}", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    return dom.stdout, dom.stderr


#: What nbconvert writes as the alt text of an image that has none.
NO_ALT = "No description has been provided for this image"

#: Window widths at which no table, figure or printed output may be wider than its space.
WIDTHS = (1280, 1024)

_MEASURE = (
    "<script>(() => { const out = [], page = document.documentElement.clientWidth;"
    " document.querySelectorAll('table, img, .jp-OutputArea pre').forEach(e => {"
    "  const box = e.getBoundingClientRect(), room = e.parentElement.clientWidth;"
    "  if (box.right > page + 1 || e.scrollWidth > room + 1 || box.width > room + 1)"
    "   out.push(e.tagName.toLowerCase() + ' ' + Math.round(Math.max(box.width, e.scrollWidth))"
    "    + ' px in ' + room + ': ' + (e.rows ? e.rows[0].textContent : e.alt || e.textContent)"
    "    .trim().replace(/\\s+/g, ' ').slice(0, 60)); });"
    " document.querySelectorAll('th').forEach(th => { const text = th.textContent.trim();"
    "  const r = document.createRange(); r.selectNodeContents(th);"
    "  const lines = new Set(Array.from(r.getClientRects(), b => Math.round(b.top))).size;"
    "  if (text && !/[\\s-]/.test(text) && lines > 1)"
    "   out.push('header broken inside a word over ' + lines + ' lines: ' + text.slice(0, 40)); });"
    " const p = document.createElement('pre'); p.id = 'pc-width-probe';"
    " p.textContent = JSON.stringify(out); document.body.appendChild(p); })();</script>"
)


def _too_wide(browser: str, page: Path, width: int) -> list[str]:
    """What is wider than its space on ``page`` in a window ``width`` pixels wide."""
    text = re.sub(r"<meta[^>]*Content-Security-Policy[^>]*>", "", page.read_text("utf-8"))
    with tempfile.TemporaryDirectory() as work:
        probe = Path(work) / page.name
        probe.write_text(text.replace("</body>", _MEASURE + "</body>", 1), encoding="utf-8")
        dom = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={work}/profile", "--proxy-server=127.0.0.1:9",
             f"--window-size={width},900", "--dump-dom", probe.as_uri()],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    found = re.search(r'<pre id="pc-width-probe">(.*?)</pre>', dom.stdout, re.DOTALL)
    if found is None:
        return [f"not measured at {width} px ({dom.stderr.strip()[-200:]})"]
    found = json.loads(html.unescape(found.group(1)))
    return [
        f"at {width} px {what}" if what.startswith("header") else f"too wide at {width} px {what}"
        for what in found
    ]


def check(report: Path, shots: Path) -> list[str]:
    """Every problem found in the pages of ``report`` (empty: all pages pass)."""
    browser = _chromium()
    if browser is None:
        print("chromium not found: browser check skipped (apt-get install chromium)")
        return []
    shots.mkdir(parents=True, exist_ok=True)
    pages = sorted(report.glob("*.html"))
    if not pages:
        return [f"{report}: no pages"]
    parsed = {p.name: _parse(p.read_text(encoding="utf-8")) for p in pages}
    problems: list[str] = []
    for page in pages:
        source = parsed[page.name]
        dom, err = _render(browser, page, shots / f"{page.stem}.png")
        rendered = _parse(dom)
        if "<body" not in dom:
            problems.append(f"{page.name}: did not render ({err.strip()[-200:]})")
            continue
        if len(rendered.images) != len(source.images):
            problems.append(
                f"{page.name}: {len(source.images)} images, {len(rendered.images)} rendered"
            )
        for src in source.images:
            if not src.startswith("data:image/"):
                problems.append(f"{page.name}: image not embedded: {src[:60]}")
        for alt in source.alts:
            if not alt.strip() or alt == NO_ALT:
                problems.append(f"{page.name}: a figure without alt text ({alt or 'none'})")
        problems.extend(f"{page.name}: loads {what}" for what in source.remote)
        for href in source.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # a plain link out (a source's address): followed only by a reader
            target = parts.path or page.name
            if target not in parsed:
                problems.append(f"{page.name}: link to a missing page: {href}")
            elif (
                parts.fragment
                and not {parts.fragment, unquote(parts.fragment)} & parsed[target].ids
            ):  # a browser tries the fragment as written, then percent-decoded (HTML spec)
                problems.append(f"{page.name}: anchor not found: {href}")
        wide = [what for width in WIDTHS for what in _too_wide(browser, page, width)]
        problems.extend(f"{page.name}: {what}" for what in wide)
        n_links = sum(1 for h in source.links if "#" in h)
        print(
            f"{page.name}: rendered, {len(source.images)} images embedded, "
            f"{n_links} anchor links checked, {len(wide)} too wide or broken at "
            f"{' and '.join(map(str, WIDTHS))} px, screenshot {shots / (page.stem + '.png')}"
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", nargs="?", type=Path, default=Path("reports"))
    parser.add_argument("--shots", type=Path, default=None)
    args = parser.parse_args(argv)
    report = args.report.resolve()  # pages are opened as file:// URIs, which must be absolute
    problems = check(report, (args.shots or report / "screenshots").resolve())
    for problem in problems:
        print("problem:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
