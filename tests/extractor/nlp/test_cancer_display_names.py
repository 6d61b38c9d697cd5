"""The cancer's name a patient reads is the OncoTree name in sentence case, but acronyms, genes,
one-letter parts and people's names keep their capitals: an answer had said "Your records describe Aml
with mutated npm1"."""

from __future__ import annotations

import pytest
from casewise_extractor.nlp.cancer import find_cancer

from tests.extractor.nlp.conftest import Extract


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bone marrow: acute myeloid leukemia with mutated NPM1.", "AML with mutated NPM1"),
        (
            "Diffuse large B-cell lymphoma, germinal centre B-cell type (Hans).",
            "Germinal center B-cell type",
        ),
        ("Lymph node: classical Hodgkin lymphoma, nodular sclerosis type.", "Hodgkin"),
        ("Lung, right upper lobe: invasive adenocarcinoma.", "Lung adenocarcinoma"),
    ],
)
def test_display_names_keep_their_capitals(text: str, name: str) -> None:
    found = find_cancer(text)
    assert found is not None and name in found.name


def test_a_code_refined_by_a_panel_marker_keeps_its_capitals(extract: Extract) -> None:
    # AML named plainly, refined to AMLNPM1 by the panel's NPM1 row (cancer_markers.py)
    profile = extract(
        "Bone marrow: acute myeloid leukemia.\nMyeloid NGS: NPM1 p.W288fs detected (VAF 41%).\n"
    )
    assert profile.cancer.oncotree_code == "AMLNPM1"
    assert profile.cancer.name == "AML with mutated NPM1"
