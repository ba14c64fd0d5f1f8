"""Synthetic frames of measures, for scale tests and benchmarks (never for results).

Real Swedish words (the ``wordfreq`` list shipped with the package) are drawn by a Zipf law
over a large vocabulary, so the text has the long tail of a national corpus and does not
flatter per-word caches; each unit mixes general words with the words of one of a few
hidden topics, so clusters exist to be found.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from wordfreq import top_n_list


def synthetic_frame(
    n_units: int = 1000,
    *,
    n_groups: int = 20,
    n_topics: int = 8,
    vocabulary: int = 100_000,
    words_per_unit: int = 25,
    topic_share: float = 0.4,
    random_state: int = 0,
) -> pd.DataFrame:
    """A frame of ``n_units`` leaf measures from ``n_groups`` municipalities.

    Columns: ``unit_id``, ``plan_id``, ``municipality``, ``kind`` (``measure``), ``parent``
    (empty), ``text``, and ``topic`` (the hidden topic a unit was drawn from). Words come
    from the ``vocabulary`` most frequent Swedish words with Zipf weights; ``topic_share`` of
    each unit's words come from its topic's own 200 words.

    Example:
        >>> frame = synthetic_frame(50, n_groups=5, random_state=1)
        >>> frame.shape, frame.municipality.nunique(), frame.kind.unique().tolist()
        ((50, 7), 5, ['measure'])
    """
    rng = np.random.default_rng(random_state)
    words = np.asarray(top_n_list("sv", vocabulary), dtype=object)
    weights = 1.0 / np.arange(1, len(words) + 1)
    weights /= weights.sum()
    topic_words = [rng.choice(words[200:20_000], 200, replace=False) for _ in range(n_topics)]
    topics = rng.integers(0, n_topics, n_units)
    groups = rng.integers(0, n_groups, n_units)
    n_topic_words = int(round(words_per_unit * topic_share))
    general = rng.choice(words, (n_units, words_per_unit - n_topic_words), p=weights)
    specific = rng.integers(0, 200, (n_units, n_topic_words))
    texts = [" ".join([*general[i], *topic_words[topics[i]][specific[i]]]) for i in range(n_units)]
    municipality = np.asarray([f"Kommun {g:03d}" for g in range(n_groups)], dtype=object)[groups]
    return pd.DataFrame(
        {
            "unit_id": [f"synthetic:{i:06d}" for i in range(n_units)],
            "plan_id": [f"plan-{g:03d}" for g in groups],
            "municipality": municipality,
            "kind": "measure",
            "parent": "",
            "text": texts,
            "topic": topics,
        }
    ).astype({"unit_id": "str", "plan_id": "str", "municipality": "str", "text": "str"})
