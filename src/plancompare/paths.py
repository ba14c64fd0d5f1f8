"""Repository-anchored default paths; nothing else in the package knows where ``data/`` is.

Example:
    >>> data_dir().name
    'data'
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent.parent
RESOURCES = PACKAGE_DIR / "data"


def data_dir(path: str | Path | None = None) -> Path:
    """Return the data directory: ``path`` if given, else the repository's ``data/``.

    Example:
        >>> data_dir("/tmp/x")
        PosixPath('/tmp/x')
    """
    return Path(path).expanduser().resolve() if path is not None else REPO_ROOT / "data"


def manifest_path(data: str | Path | None = None) -> Path:
    """Return ``DATA/manifest.csv``.

    Example:
        >>> manifest_path("/tmp/x").name
        'manifest.csv'
    """
    return data_dir(data) / "manifest.csv"


def raw_dir(data: str | Path | None = None) -> Path:
    """Return ``DATA/raw``, where source files live (never edited in place).

    Example:
        >>> raw_dir("/tmp/x").name
        'raw'
    """
    return data_dir(data) / "raw"


def processed_dir(data: str | Path | None = None) -> Path:
    """Return ``DATA/processed``, where derived files are written.

    Example:
        >>> processed_dir("/tmp/x").name
        'processed'
    """
    return data_dir(data) / "processed"


CODEBOOK_FILE = "codebook.csv"
"""A data directory's own theme codebook, when it has one: ``DATA/codebook.csv``."""


def shipped_codebook() -> Path:
    """Return the theme codebook shipped with the package (``data/codebook/codebook.csv``).

    Example:
        >>> shipped_codebook().relative_to(RESOURCES).as_posix()
        'codebook/codebook.csv'
    """
    return RESOURCES / "codebook" / CODEBOOK_FILE


def codebook_path(data: str | Path | None = None) -> Path:
    """Return ``DATA/codebook.csv`` when that file exists, else the shipped codebook.

    A student who wants another codebook copies the shipped one into the data directory
    and edits it there; every function that takes ``data_dir`` then uses that copy.

    Example:
        >>> codebook_path("/tmp/no-such-dir") == shipped_codebook()
        True
    """
    own = data_dir(data) / CODEBOOK_FILE
    return own if own.is_file() else shipped_codebook()


def hand_labels_path() -> Path:
    """Return the hand labels that theme coding is validated against (made by reading).

    Example:
        >>> hand_labels_path().name
        'hand_labels.csv'
    """
    return REPO_ROOT / "tests" / "data" / "themes" / "hand_labels.csv"


def notebooks_dir() -> Path:
    """Return the repository's ``notebooks/`` directory.

    Example:
        >>> notebooks_dir().name
        'notebooks'
    """
    return REPO_ROOT / "notebooks"


def reports_dir() -> Path:
    """Return the repository's ``reports/`` directory (generated HTML).

    Example:
        >>> reports_dir().name
        'reports'
    """
    return REPO_ROOT / "reports"
