"""Every custom spaCy extension casewise sets, declared in one place (idempotent)."""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = ("sections", "biomarker_findings", "treatment_findings", "procedure_findings")
MENTIONS_KEY = "casewise_mentions"


def register_extensions() -> None:
    """Declare the Doc extensions (safe to call many times)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
