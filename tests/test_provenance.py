"""Versions recorded: units.meta.json beside units.csv, the report's versions table, CITATION.cff.

Also the spreadsheet side of units.csv: UTF-8 with a BOM for Excel, read back by pandas.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tomllib
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

import pandas as pd
import pytest

import plancompare
from plancompare.cli import main
from plancompare.frame import CHANGES_FILE
from plancompare.manifest import ManifestWarning, read_manifest
from plancompare.paths import REPO_ROOT, data_dir
from plancompare.processed import CACHE_FILE
from plancompare.provenance import run_info, version_rows
from plancompare.report import build_report

GOOD = Path(__file__).parent / "data" / "notebooks" / "01-fixture.ipynb"
MALMO = "001_b3ac81e63263b8c1.txt"


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the repository's data (manifest + the five seeds), nothing processed."""
    return Path(
        shutil.copytree(data_dir(), tmp_path / "data", ignore=shutil.ignore_patterns("processed"))
    )


def _sha256sum_of_data(root: Path) -> str:
    """What `sha256sum manifest.csv raw/<each file named in the manifest> | sha256sum` prints."""
    names = sorted(
        line.split(",")[1] for line in (root / "manifest.csv").read_text("utf-8").splitlines()[1:]
    )
    lines = [f"{hashlib.sha256((root / 'manifest.csv').read_bytes()).hexdigest()}  manifest.csv"]
    for name in names:
        lines.append(
            f"{hashlib.sha256((root / 'raw' / name).read_bytes()).hexdigest()}  raw/{name}"
        )
    return hashlib.sha256("".join(f"{ln}\n" for ln in lines).encode()).hexdigest()


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO_ROOT), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


# ----------------------------------------------------------------------------- run_info


def test_run_info_records_versions_data_and_date(data):
    before = datetime.now(UTC).replace(microsecond=0)
    info = run_info(data)
    assert info["plancompare"] == plancompare.__version__
    assert info["python"] == __import__("platform").python_version()
    assert info["packages"]["pandas"] == metadata.version("pandas") == pd.__version__
    assert info["packages"]["scikit-learn"] == metadata.version("scikit-learn")
    # read from the metadata's Version line: what importlib.metadata gives, for every package
    assert info["packages"] == {name: metadata.version(name) for name in info["packages"]}
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert len(info["packages"]) == len(project["dependencies"])  # every runtime dependency
    assert info["data"]["dir"] == str(data.resolve())
    assert sorted(info["data"]["files"]) == sorted(p.name for p in (data / "raw").glob("*.txt"))
    assert (
        info["data"]["files"][MALMO]
        == hashlib.sha256((data / "raw" / MALMO).read_bytes()).hexdigest()
    )
    assert info["data"]["sha256"] == _sha256sum_of_data(data)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", info["run_date"])
    when = datetime.strptime(info["run_date"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert before <= when <= datetime.now(UTC) + timedelta(seconds=1)
    json.dumps(info)  # JSON-ready


def test_any_change_to_the_data_changes_its_hash(data):
    first = run_info(data)["data"]
    raw = data / "raw" / MALMO
    raw.write_bytes(raw.read_bytes() + b" ")
    second = run_info(data)["data"]
    assert second["files"][MALMO] != first["files"][MALMO]
    assert second["sha256"] != first["sha256"]
    assert second["manifest_sha256"] == first["manifest_sha256"]


def test_git_commit_is_the_checkouts(data):
    try:
        head = _git("rev-parse", "HEAD")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not running from a git checkout")
    git = run_info(data)["git"]
    assert git["commit"] == head
    assert git["dirty"] == bool(_git("status", "--porcelain"))


def test_unreadable_manifest_is_recorded_not_raised(tmp_path):
    info = run_info(tmp_path)
    assert info["data"] == {"dir": str(tmp_path.resolve()), "error": info["data"]["error"]}
    assert "manifest" in info["data"]["error"]
    assert ("data problem", info["data"]["error"]) in version_rows(info)


# ----------------------------------------------------------------------------- build outputs


def test_build_writes_units_csv_for_excel_and_the_sidecar(data, capsys):
    assert main(["build", "--data", str(data)]) == 0
    assert "units.meta.json" in capsys.readouterr().out
    csv = data / "processed" / "units.csv"
    raw = csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfunit_id,")  # UTF-8 byte-order mark: Excel reads UTF-8
    assert "Malmö".encode() in raw
    units = pd.read_csv(csv, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert units.columns[0] == "unit_id"
    frame = plancompare.load(data)
    assert list(units.columns) == list(frame.columns)
    assert units.municipality.tolist() == frame.municipality.tolist()
    # Excel without the BOM would decode the same bytes as cp1252: what the BOM prevents
    assert "MalmÃ¶" in raw[3:].decode("cp1252", errors="replace")

    meta = json.loads((data / "processed" / "units.meta.json").read_text("utf-8"))
    assert meta["units_csv"] == {
        "rows": len(frame),
        "encoding": "utf-8-sig",
        "sha256": hashlib.sha256(raw).hexdigest(),
    }
    assert meta["data"]["sha256"] == _sha256sum_of_data(data)
    assert meta["plancompare"] == plancompare.__version__
    assert meta["data"]["dir"] == str(data.resolve())


def test_failed_build_keeps_the_previous_sidecar(data):
    assert main(["build", "--data", str(data)]) == 0
    meta = data / "processed" / "units.meta.json"
    good = meta.read_bytes()
    (data / "raw" / MALMO).write_bytes(b"%PDF-1.7\n\x00\x01binary")
    assert main(["build", "--data", str(data)]) == 1
    assert meta.read_bytes() == good
    names = sorted(p.name for p in meta.parent.iterdir())
    assert names == [CACHE_FILE, CHANGES_FILE, "units.csv", "units.meta.json"]


def test_excel_utf8_csv_manifest_loads_with_semicolons(data):
    """Excel's "CSV UTF-8" save: BOM, semicolons, CRLF; cp1252 "CSV" is in test_manifest."""
    rows = pd.read_csv(data / "manifest.csv", dtype=str, keep_default_na=False)
    semi = rows.to_csv(sep=";", index=False, lineterminator="\r\n")
    (data / "manifest.csv").write_bytes(b"\xef\xbb\xbf" + semi.encode("utf-8"))
    assert "," not in semi.splitlines()[0]
    records = read_manifest(data)
    assert [r.municipality for r in records] == rows.municipality.tolist()
    malmo = next(r for r in records if r.file == MALMO)
    assert malmo.title == "Bilaga 1, Uppföljning plan 2020-2021"  # a comma inside a cell
    # cp1252 as "CSV (semikolonavgränsad)" writes it: loads, with a note saying so
    (data / "manifest.csv").write_bytes(semi.encode("cp1252"))
    with pytest.warns(ManifestWarning, match="not UTF-8"):
        assert [r.municipality for r in read_manifest(data)] == rows.municipality.tolist()


# ----------------------------------------------------------------------------- the report


def test_report_front_page_shows_the_versions_table(data, tmp_path):
    build_report(data_dir=data, notebooks=[GOOD], out_dir=tmp_path / "r")
    index = (tmp_path / "r" / "index.html").read_text("utf-8")
    table = re.search(r'<table class="versions">(.*?)</table>', index, re.DOTALL).group(1)
    rows = dict(re.findall(r"<tr><th>(.*?)</th><td>(.*?)</td></tr>", table))
    assert rows["plancompare"] == plancompare.__version__
    assert rows["pandas"] == metadata.version("pandas")
    assert rows["data sha256 (manifest + 5 files)"] == f"<code>{_sha256sum_of_data(data)}</code>"
    assert rows["data directory"] == f"<code>{data.resolve()}</code>"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", rows["run date"])
    assert rows["Python"].startswith(__import__("platform").python_version())


# ----------------------------------------------------------------------------- citation


def test_citation_carries_the_package_version():
    cff = (REPO_ROOT / "CITATION.cff").read_text("utf-8")
    cited = re.search(r"^version:\s*['\"]?([^'\"\s]+)", cff, re.MULTILINE).group(1)
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert cited == plancompare.__version__ == project["version"]
