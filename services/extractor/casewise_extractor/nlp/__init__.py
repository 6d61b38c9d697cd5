"""Clinical NLP over report text: cancer type, stage, biomarkers, treatments.

Public API (the Celery worker and the CLI call these)::

    from casewise_extractor.nlp import load_extractor, merge_profiles
    extractor = load_extractor(settings)      # loads spaCy once per process
    profile = extractor.extract(document)     # one document -> Profile
    case = merge_profiles([p1, p2])           # several documents -> one Profile
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casewise_extractor.nlp.lazy_imports import trim_cold_imports

trim_cold_imports()  # before any submodule imports spaCy: no torch for thinc, lazy nltk (see module)

if TYPE_CHECKING:
    from casewise_extractor.nlp.extractor import Extractor, load_extractor
    from casewise_extractor.nlp.merge import merge_profiles

__all__ = ["Extractor", "load_extractor", "merge_profiles"]


def __getattr__(name: str) -> Any:
    # Lazy: importing the package (e.g. for merge_profiles) must not load spaCy.
    if name in ("Extractor", "load_extractor"):
        from casewise_extractor.nlp import extractor

        return getattr(extractor, name)
    if name == "merge_profiles":
        from casewise_extractor.nlp.merge import merge_profiles

        return merge_profiles
    raise AttributeError(name)
