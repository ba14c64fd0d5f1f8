"""`plancompare --help` and each command's help: plain text, each with an example."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from plancompare.cli import COMMANDS


def _help(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "plancompare.cli", *args, "--help"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def _assert_plain(text: str) -> None:
    # no reStructuredText or Sphinx roles: ``code``, :func:`x`, `link`_, .. directives
    assert "``" not in text
    assert not re.search(r":[a-z]+:`|`_|^\.\. ", text, re.MULTILINE), text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_main_help_is_plain_text_with_examples():
    text = _help()
    _assert_plain(text)
    assert text.startswith("usage: plancompare [-h] COMMAND ...")
    for name in ("check", "build", "report"):
        assert re.search(rf"^    {name} +\S", text, re.MULTILINE), name  # each command summarised
    examples = text.split("examples:\n", 1)[1]
    assert "  plancompare check" in examples and "  plancompare report --param" in examples


def test_python_dash_m_runs_the_same_command_line(tmp_path):
    # where the console script is not on PATH (a kernel's environment), `python -m plancompare`
    result = subprocess.run(
        [sys.executable, "-m", "plancompare", "check", "--data", str(tmp_path / "missing")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "missing" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_help_is_plain_text_with_an_example(command):
    text = _help(command)
    _assert_plain(text)
    # every command that reads plans takes the data directory; prepare reads none
    options = "[--top N]" if command == "prepare" else "[--data DIR]"
    assert text.startswith(f"usage: plancompare {command} [-h] {options}")
    assert re.search(rf"^examples?:\n  plancompare {command}\b", text, re.MULTILINE)


def test_report_help_names_its_options():
    text = _help("report")
    assert "--out DIR" in text and "--param NAME=VALUE" in text
    assert "Python" in text and "literal" in text  # how a value is written
