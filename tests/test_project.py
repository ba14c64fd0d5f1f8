"""Project hygiene a user relies on: one list of dependencies, raw data as delivered."""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

from plancompare.paths import REPO_ROOT, raw_dir

SEEDS = REPO_ROOT.parent / "shared" / "seeds"


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    wanted |= {_name(r) for r in project["optional-dependencies"]["dev"]}
    env = (REPO_ROOT / "environment.yml").read_text(encoding="utf-8")
    deps = env.split("dependencies:", 1)[1]
    conda = set()
    for line in deps.splitlines():
        item = re.match(r"^  -\s+([A-Za-z0-9_.\-]+)", line)  # top-level entries, not pip's
        if item and item.group(1) not in ("pip", "python"):
            conda.add(_name(item.group(1)))
    assert "-e ." in env
    assert conda == wanted


def test_raw_files_are_the_seeds_unchanged():
    names = sorted(p.name for p in raw_dir().glob("*.txt"))
    assert len(names) >= 5
    if SEEDS.is_dir():
        for seed in sorted(SEEDS.glob("*.txt")):
            mine = hashlib.sha256((raw_dir() / seed.name).read_bytes()).hexdigest()
            assert mine == hashlib.sha256(seed.read_bytes()).hexdigest(), seed.name


def test_every_raw_file_is_in_the_manifest():
    manifest = (raw_dir().parent / "manifest.csv").read_text(encoding="utf-8")
    for path in Path(raw_dir()).glob("*.txt"):
        assert path.name in manifest
