"""Test-session settings shared by the tests, the doctests and the notebooks (nbval).

The prepared Swedish tables (plancompare.swedish.cache) go to a temporary cache directory,
made fresh for the session and removed after it: a test run never reads or writes the user's
own cache, and every run exercises the cold build once. Child processes (CLI tests, notebook
kernels) inherit the setting. Every test, doctest and notebook cell starts with it set again,
so one that changes or deletes it (a doctest's own ``del os.environ[...]``) cannot send the
tests after it to the user's cache.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_CACHE = tempfile.mkdtemp(prefix="plancompare-test-cache-")
os.environ["PLANCOMPARE_CACHE_DIR"] = _CACHE


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    os.environ["PLANCOMPARE_CACHE_DIR"] = _CACHE  # before fixtures, which may set their own


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE, ignore_errors=True)
