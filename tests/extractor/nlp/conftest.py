"""The NLP pipeline loads once per test session (as scispaCy caches its models)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from casewise_core.document import Document, Page
from casewise_core.profile import Profile


def make_document(
    text: str, name: str = "report.txt", tables: list[list[list[str]]] | None = None
) -> Document:
    from casewise_core.document import Table

    page = Page(number=1, text=text, method="plain_text", tables=[Table(rows=t) for t in tables or []])
    return Document(name=name, media_type="text/plain", sha256="0" * 64, pages=[page])


@pytest.fixture(scope="session")
def extractor():  # noqa: ANN201
    from casewise_extractor.nlp import load_extractor

    return load_extractor()


@pytest.fixture(scope="session")
def extract(extractor) -> Callable[[str], Profile]:  # noqa: ANN001
    def run(text: str, name: str = "report.txt") -> Profile:
        return extractor.extract(make_document(text, name))

    return run


def facts(profile: Profile) -> set[tuple[str, str, str]]:
    return {(b.gene, b.alteration, b.status) for b in profile.biomarkers}


#: The ``extract`` fixture's type: report text in, profile out.
Extract = Callable[[str], Profile]


def agents(profile: Profile) -> set[str]:
    return {t.agent for t in profile.treatments}


def outcomes(profile: Profile) -> dict[str, str | None]:
    return {t.agent: t.outcome for t in profile.treatments}


def cancer_code(text: str) -> str | None:
    """The OncoTree code ``find_cancer`` reads from ``text`` (None when it finds no cancer)."""
    from casewise_extractor.nlp.cancer import find_cancer

    found = find_cancer(text)
    return found.oncotree_code if found else None
