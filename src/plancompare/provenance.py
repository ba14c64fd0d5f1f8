"""What produced a result: versions, commit, data hashes and date, recorded beside outputs.

:func:`run_info` gathers it; ``plancompare build`` writes it as ``units.meta.json`` beside
``units.csv`` and the report's front page shows it as a table (:func:`version_rows`), so that a
number can be tied to the code, packages and data that produced it.

Example:
    >>> info = run_info()
    >>> info["plancompare"] == plancompare.__version__, info["python"].startswith("3.")
    (True, True)
    >>> sorted(info["data"]["files"])[0]
    '000_f74a1a481f1a245e.txt'
"""

from __future__ import annotations

import hashlib
import platform
import re
import subprocess
import tomllib
import warnings
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import plancompare

from .errors import PlanError
from .manifest import read_manifest
from .paths import REPO_ROOT, manifest_path
from .paths import data_dir as resolve_data_dir
from .swedish.cache import installed_version

__all__ = ["run_info", "sha256_file", "version_rows"]


def sha256_file(path: str | Path) -> str:
    """The sha256 of a file's bytes, as hex (what ``sha256sum`` prints).

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = p.write_bytes(b"abc")
        >>> sha256_file(p)[:16]
        'ba7816bf8f01cfea'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_info(data_dir: str | Path | None = None) -> dict[str, Any]:
    """Versions and inputs of a run on ``data_dir`` (default: the repository's ``data/``).

    Returns a JSON-ready dict:

    - ``plancompare``: the package version;
    - ``git``: ``{"commit": full hash, "dirty": True if tracked or untracked files differ from
      it}`` when the package runs from a git checkout, else ``None``;
    - ``python`` and ``platform``;
    - ``packages``: name -> installed version for each of the project's dependencies;
    - ``data``: ``dir`` (absolute), ``manifest_sha256``, ``files`` (each raw file the manifest
      names -> its sha256) and ``sha256``, one hash over all of them: the sha256 of the lines
      ``"<sha256>  <path>"`` (manifest.csv first, then ``raw/<file>`` in name order), i.e. of
      the output of ``sha256sum manifest.csv raw/...`` run in the data directory. When the
      manifest cannot be read, ``data`` holds ``dir`` and ``error`` (the problems) instead;
    - ``run_date``: now, in UTC (ISO 8601, seconds).

    Example:
        >>> info = run_info()  # the repository's data/
        >>> sorted(info)
        ['data', 'git', 'packages', 'plancompare', 'platform', 'python', 'run_date']
        >>> len(info["data"]["sha256"]), "pandas" in info["packages"]
        (64, True)
    """
    return {
        "plancompare": plancompare.__version__,
        "git": _git_state(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {name: _installed(name) for name in _dependencies()},
        "data": _data_hashes(data_dir),
        "run_date": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    }


def version_rows(info: dict[str, Any]) -> list[tuple[str, str]]:
    """:func:`run_info` as (what, value) rows for a table people read.

    Example:
        >>> rows = dict(version_rows(run_info()))
        >>> rows["plancompare"] == plancompare.__version__
        True
        >>> list(rows)[-4:]
        ['data directory', 'manifest.csv sha256', 'data sha256 (manifest + 5 files)', 'run date']
    """
    git = info.get("git")
    if git:
        commit = git["commit"] + (" (with uncommitted changes)" if git["dirty"] else "")
    else:
        commit = "not a git checkout"
    data = info["data"]
    if "error" in data:
        hashes = [("data problem", data["error"])]
    else:
        hashes = [
            ("manifest.csv sha256", data["manifest_sha256"]),
            (f"data sha256 (manifest + {len(data['files'])} files)", data["sha256"]),
        ]
    return [
        ("plancompare", info["plancompare"]),
        ("git commit", commit),
        ("Python", f"{info['python']} ({info['platform']})"),
        *info["packages"].items(),
        ("data directory", data["dir"]),
        *hashes,
        ("run date", info["run_date"].replace("T", " ").replace("Z", " UTC")),
    ]


def _data_hashes(data_dir: str | Path | None) -> dict[str, Any]:
    root = resolve_data_dir(data_dir)
    try:
        with warnings.catch_warnings():  # the manifest's notes are reported by whoever loads it
            warnings.simplefilter("ignore")
            records = read_manifest(root)
    except PlanError as exc:
        return {"dir": str(root), "error": " ".join(str(exc).split())}
    manifest = sha256_file(manifest_path(root))
    files = {r.file: sha256_file(r.path) for r in sorted(records, key=lambda r: r.file)}
    lines = [f"{manifest}  manifest.csv", *(f"{h}  raw/{f}" for f, h in files.items())]
    combined = hashlib.sha256("".join(f"{line}\n" for line in lines).encode()).hexdigest()
    return {"dir": str(root), "manifest_sha256": manifest, "files": files, "sha256": combined}


def _dependencies() -> list[str]:
    """The project's declared runtime dependencies, by name (installed metadata, else pyproject)."""
    try:
        requires = metadata.requires("plancompare") or []
    except metadata.PackageNotFoundError:
        pyproject = REPO_ROOT / "pyproject.toml"
        requires = tomllib.loads(pyproject.read_text("utf-8"))["project"]["dependencies"]
    names = {
        re.split(r"[<>=!~\[ ;(]", r, maxsplit=1)[0].lower().replace("_", "-")
        for r in requires
        if "extra ==" not in r
    }
    return sorted(names)


def _installed(name: str) -> str:
    """The installed version of ``name`` (:func:`~plancompare.swedish.cache.installed_version`:
    the ``Version:`` line of its metadata headers), or ``"not installed"``."""
    try:
        return installed_version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_state() -> dict[str, Any] | None:
    """The checkout's commit and whether it has changes, if the package runs from one."""
    found = _git("rev-parse", "--show-toplevel", "HEAD")  # the checkout's folder, its commit
    if found is None or len(found.splitlines()) != 2:
        return None  # no git, or no commit yet
    top, commit = found.splitlines()
    if Path(top).resolve() != REPO_ROOT:
        return None  # installed elsewhere: no commit to claim
    status = _git("status", "--porcelain")
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def _git(*args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(REPO_ROOT), *args],
            capture_output=True, text=True, timeout=20, check=True,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip()
