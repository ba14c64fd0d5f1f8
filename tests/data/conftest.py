"""Fixture notebooks under tests/data/ are inputs for tests, not notebooks for nbval."""

collect_ignore_glob = ["*.ipynb"]
