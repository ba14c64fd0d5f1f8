"""Theme coding with an editable, validated codebook (issue 9).

Example:
    >>> from plancompare import load
    >>> codes = code_themes(load())
    >>> set(CODE_COLUMNS) <= set(codes.columns)
    True
"""

from .codebook import MALMO_TAGS, ON_TOPIC, STAGE, CodebookError, load_codebook, parse_pattern
from .coding import CODE_COLUMNS, code_themes, on_topic
from .tables import (
    NO_STAGE,
    coverage_table,
    kwic,
    stage_profile,
    theme_matrix,
    theme_members,
    topic_table,
)
from .validation import (
    Validation,
    bootstrap_scores,
    predicted_tags,
    read_hand_labels,
    scores,
    tag_table,
    validate_hand_labels,
    validate_own_tags,
)

__all__ = [
    "CODE_COLUMNS",
    "NO_STAGE",
    "Validation",
    "bootstrap_scores",
    "coverage_table",
    "kwic",
    "predicted_tags",
    "read_hand_labels",
    "scores",
    "stage_profile",
    "tag_table",
    "theme_matrix",
    "theme_members",
    "topic_table",
    "validate_hand_labels",
    "validate_own_tags",
    "MALMO_TAGS",
    "ON_TOPIC",
    "STAGE",
    "CodebookError",
    "code_themes",
    "load_codebook",
    "on_topic",
    "parse_pattern",
]
