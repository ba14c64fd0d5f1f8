"""Project hygiene a user relies on: one list of dependencies, locked; raw data as delivered."""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from plancompare.paths import REPO_ROOT, raw_dir

SEEDS = REPO_ROOT.parent / "shared" / "seeds"
PROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
EXTRAS = sorted(set(PROJECT.get("optional-dependencies", {})) - {"dev"})


def _requirements(*extras: str) -> list[Requirement]:
    """pyproject's runtime dependencies plus those of ``extras``."""
    reqs = list(PROJECT["dependencies"])
    for extra in extras:
        reqs += PROJECT["optional-dependencies"][extra]
    return [Requirement(r) for r in reqs]


def _conda_specs() -> dict[str, str]:
    """environment.yml's top-level conda entries (not pip's), name -> version spec."""
    env = (REPO_ROOT / "environment.yml").read_text(encoding="utf-8")
    specs = {}
    for line in env.split("dependencies:", 1)[1].splitlines():
        item = re.match(r"^  -\s+([A-Za-z0-9_.\-]+)\s*([<>=!~][^\s:]*)?\s*$", line)
        if item:
            specs[canonicalize_name(item.group(1))] = item.group(2) or ""
    return specs


def _lock(name: str) -> dict[str, tuple[Version, int]]:
    """A lock file's pins: package -> (version, number of hashes)."""
    text = (REPO_ROOT / name).read_text(encoding="utf-8")
    pins: dict[str, tuple[Version, int]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        pin = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;\\]+)", block)
        if pin:
            hashes = len(re.findall(r"--hash=sha256:[0-9a-f]{64}\b", block))
            pins[canonicalize_name(pin.group(1))] = (Version(pin.group(2)), hashes)
    return pins


def test_environment_yml_lists_the_same_packages_as_pyproject():
    wanted = {canonicalize_name(r.name): str(r.specifier) for r in _requirements("dev")}
    conda = _conda_specs()
    assert conda.pop("python") == "=3.11"  # the Python the lock is made for
    assert conda.pop("pip") == ""
    assert conda == wanted  # same names and the same lower bounds
    assert "-e ." in (REPO_ROOT / "environment.yml").read_text(encoding="utf-8")


def test_lock_pins_every_dependency_with_hashes():
    """requirements.lock (``make lock``) pins each dependency at a version pyproject allows."""
    pins = _lock("requirements.lock")
    assert len(pins) > len(_requirements("dev"))  # transitive dependencies are pinned too
    for req in _requirements("dev"):
        version, _ = pins[canonicalize_name(req.name)]  # KeyError: run `make lock`
        assert version in req.specifier, f"{req}: lock has {version}; run `make lock`"
    assert all(hashes for _, hashes in pins.values()), "every pin needs a hash"
    assert "plancompare" not in pins  # the project itself is installed with --no-deps


def test_lock_is_for_the_supported_python():
    header = (REPO_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()[:2]
    assert "uv pip compile pyproject.toml" in header[1]
    assert "--python-version 3.11" in header[1] and "--universal" in header[1]
    assert PROJECT["requires-python"] == ">=3.11"


_NO_EXTRA = pytest.param(None, marks=pytest.mark.skip(reason="no optional extra but dev"))


@pytest.mark.parametrize("extra", EXTRAS or [_NO_EXTRA])
def test_each_other_extra_has_its_own_lock_agreeing_with_the_main_one(extra):
    main, pins = _lock("requirements.lock"), _lock(f"requirements-{extra}.lock")
    for req in _requirements("dev", extra):
        version, _ = pins[canonicalize_name(req.name)]  # KeyError: run `make lock`
        assert version in req.specifier, f"{req}: lock has {version}; run `make lock`"
    assert all(hashes for _, hashes in pins.values())
    for name, (version, _) in main.items():  # same versions for the packages they share
        assert pins.get(name, (version, 0))[0] == version, name


SEED_HASHES = REPO_ROOT / "tests" / "data" / "seed_hashes.sha256"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _seed_hashes() -> dict[str, str]:
    """The seeds' SHA-256, as recorded when they were copied in (``sha256sum`` format)."""
    lines = SEED_HASHES.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (ln.split(maxsplit=1) for ln in lines if ln.strip())}


def test_raw_files_are_the_seeds_unchanged():
    recorded = _seed_hashes()
    assert len(recorded) == 5
    for name, digest in sorted(recorded.items()):
        assert _sha256(raw_dir() / name) == digest, f"data/raw/{name} was changed"


def test_shared_seeds_match_the_recorded_hashes():
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not on this machine (the raw copies are checked above)")
    seeds = {p.name: _sha256(p) for p in sorted(SEEDS.glob("*.txt"))}
    assert seeds == _seed_hashes()


def test_every_raw_file_is_in_the_manifest():
    manifest = (raw_dir().parent / "manifest.csv").read_text(encoding="utf-8")
    for path in Path(raw_dir()).glob("*.txt"):
        assert path.name in manifest
