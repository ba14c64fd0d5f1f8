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
