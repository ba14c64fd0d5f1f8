"""The test session's own settings (the repository's conftest.py): tests never touch the
user's cache directory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from plancompare.paths import REPO_ROOT
from plancompare.swedish.cache import CACHE_ENV, cache_dir


def test_a_test_runs_with_the_sessions_own_cache():
    # conftest.py: a temporary directory made for the session, never ~/.cache/plancompare
    assert Path(os.environ[CACHE_ENV]).parent == Path(tempfile.gettempdir())
    assert cache_dir().name.startswith("plancompare-test-cache-")


def test_tests_after_the_cache_doctests_still_use_the_sessions_cache(tmp_path):
    # The cache module's doctests set the variable to a directory of their own and then
    # deleted it: every test, doctest and notebook after them (make test collects tests/,
    # then src/plancompare/, then notebooks/) read and wrote the user's ~/.cache/plancompare.
    # Run those doctests and then the test above in one session, the user's cache elsewhere.
    user = tmp_path / "user-cache"
    probe = f"{Path(__file__).relative_to(REPO_ROOT)}::test_a_test_runs_with_the_sessions_own_cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(user)}
    env.pop(CACHE_ENV)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "src/plancompare/swedish/cache.py", probe],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-2000:]
    assert not (user / "plancompare").exists()
