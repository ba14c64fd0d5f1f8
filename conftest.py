"""Test-session settings shared by the tests, the doctests and the notebooks (nbval).

The prepared Swedish tables (plancompare.swedish.cache) go to a temporary cache directory,
made fresh for the session and removed after it: a test run never reads or writes the user's
own cache, and every run exercises the cold build once. Child processes (CLI tests, notebook
kernels) inherit the setting.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_CACHE = tempfile.mkdtemp(prefix="plancompare-test-cache-")
os.environ["PLANCOMPARE_CACHE_DIR"] = _CACHE


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE, ignore_errors=True)
