"""The unit-kind model as a scikit-learn estimator, for model selection and cross-validation.

Parsing uses :class:`plancompare.forms.kinds.KindModel` (NumPy only), so that importing or
loading plancompare never imports scikit-learn. :class:`KindScorer` is the same model with
scikit-learn's estimator contract: ``get_params``/``set_params``, ``clone``, ``score``
(accuracy), so ``benchmarks/fit_unit_kinds.py`` can grid-search and cross-validate it.

Example:
    >>> from sklearn.base import clone
    >>> from plancompare.forms.kinds import Candidate, features
    >>> X = [features(Candidate(t, item=True)) for t in ("Stärk A", "Öka B", "Lokaler")]
    >>> scorer = clone(KindScorer(C=10.0)).fit(X, ["measure", "measure", "other"])
    >>> scorer.get_params()["C"], scorer.score(X, ["measure", "measure", "other"])
    (10.0, 1.0)
"""

from __future__ import annotations

from sklearn.base import BaseEstimator, ClassifierMixin

from .kinds import KindModel

__all__ = ["KindScorer"]


class KindScorer(ClassifierMixin, BaseEstimator, KindModel):
    """:class:`~plancompare.forms.kinds.KindModel` with scikit-learn's estimator contract.

    Parameters, learned attributes, :meth:`fit`, :meth:`predict`, :meth:`to_csv` and
    :meth:`from_csv` are those of ``KindModel``.

    Example:
        >>> KindScorer(C=0.3, class_weight=None)
        KindScorer(C=0.3, class_weight=None)
    """

    def __init__(
        self, C: float = 1.0, class_weight: str | None = "balanced", prior: str | None = "shipped"
    ) -> None:
        super().__init__(C=C, class_weight=class_weight, prior=prior)
