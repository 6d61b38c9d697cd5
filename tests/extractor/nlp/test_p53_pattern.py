"""p53 immunohistochemistry is read by its pattern, as a stand-in for TP53 mutation status.

A wild-type pattern (heterogeneous staining of varying intensity) means no TP53 mutation is
suggested; an aberrant pattern (strong diffuse overexpression, complete absence = "null", or
cytoplasmic staining) suggests one. Recording a wild-type pattern as "TP53 expression negative" would
read like a null stain, which is the aberrant result, so the pattern decides. Sentences are our own.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from casewise_core.profile import Profile

from .conftest import facts


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("p53 | IHC (clone DO-7) | Variable nuclear staining | Wild-type pattern", "negative"),
        ("p53 immunohistochemistry: normal staining pattern.", "negative"),
        ("p53 IHC: null pattern (no nuclear staining in tumour, internal control retained).", "positive"),
        ("Immunostain for p53 shows complete absence of nuclear staining.", "positive"),
        ("p53 immunostain: strong, diffuse nuclear overexpression in >90% of tumour cells.", "positive"),
        ("p53 IHC: wild-type; no aberrant staining is seen.", "negative"),
    ],
)
def test_p53_stain_pattern_gives_tp53_mutation_status(
    extract: Callable[[str], Profile], text: str, status: str
) -> None:
    assert facts(extract(text)) == {("TP53", "mutation", status)}


def test_pattern_detail_and_method_are_recorded(extract: Callable[[str], Profile]) -> None:
    (b,) = extract("p53 IHC: aberrant (null) pattern.").biomarkers
    assert (b.method, b.detail) == ("IHC", "IHC: aberrant pattern")
