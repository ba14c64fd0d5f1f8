"""One exception family for everything that can be wrong with a user's input.

Every error names the file it concerns and, where there is one, the line, so that
the command line can print one readable line per problem.

Example:
    >>> err = ManifestError("unknown form 'table'", file="data/manifest.csv", line=4)
    >>> str(err)
    "data/manifest.csv:4: unknown form 'table'"
"""

from __future__ import annotations

from pathlib import Path


class PlanError(Exception):
    """Base class: something in a plan, its file or the manifest is not usable.

    Example:
        >>> str(PlanError("file is empty", file="raw/x.txt"))
        'raw/x.txt: file is empty'
    """

    def __init__(self, message: str, *, file: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.file or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class ManifestError(PlanError):
    """The manifest is unreadable or one of its rows is invalid."""


class SourceFileError(PlanError):
    """A source file is missing, outside the data directory, or cannot be read."""


class EncodingError(SourceFileError):
    """A source file is binary, empty, too large, or not decodable as Swedish text."""


class ParseError(PlanError):
    """A parser could not turn a text into lossless units."""


class PlanErrors(PlanError):
    """Several problems found at once (e.g. by ``plancompare check``).

    Example:
        >>> errs = PlanErrors([PlanError("a", file="f"), PlanError("b", file="g", line=2)])
        >>> len(errs.errors)
        2
    """

    def __init__(self, errors: list[PlanError]):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} problem(s)")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
