"""plancompare: Swedish municipal plans on competence supply, side by side.

The public API. Load every plan named in the manifest into one frame (one row per unit
of text, with its plan's metadata and exact provenance):

Example:
    >>> import plancompare
    >>> frame = plancompare.load()
    >>> frame.groupby("municipality").size().sort_index().index.tolist()
    ['Malmö', 'Norrköping', 'Södertälje', 'Östersund']
"""

from .decode import Decoded, read_source
from .errors import EncodingError, ManifestError, ParseError, PlanError, PlanErrors, SourceFileError
from .frame import COLUMNS, build_frame, fit_repairer, load, ocr_changes
from .manifest import PlanRecord, check_data, read_manifest
from .ocr import OcrRepairer, apply_changes, damage, evaluate, repair_changes, repair_ocr
from .themes import code_themes, load_codebook, on_topic

__version__ = "0.1.0"

# The analysis functions import scikit-learn (about 0.6 s): loaded on first use, so that
# `import plancompare` and `plancompare.load()` stay quick in every notebook kernel and CLI call.
_LAZY = {"distinctive_terms": "compare", "log_odds": "compare"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "COLUMNS",
    "Decoded",
    "EncodingError",
    "ManifestError",
    "OcrRepairer",
    "ParseError",
    "PlanError",
    "PlanErrors",
    "PlanRecord",
    "SourceFileError",
    "apply_changes",
    "build_frame",
    "check_data",
    "code_themes",
    "damage",
    "distinctive_terms",
    "evaluate",
    "fit_repairer",
    "load",
    "load_codebook",
    "log_odds",
    "ocr_changes",
    "on_topic",
    "read_manifest",
    "read_source",
    "repair_changes",
    "repair_ocr",
]
