"""Cancer types that templates, heme panels and classifier reports state: a bare "DIAGNOSIS" line
heads the diagnosis section; GIST and B-lymphoblastic leukaemia have their own codes, refined to the
BCR::ABL1 subtype only where the report finds the fusion; a risk estimate names no cancer."""

from __future__ import annotations

import pytest
from casewise_core.oncotree import load_oncotree
from casewise_extractor.nlp.cancer import find_cancer, load_rules


def _code(text: str) -> str | None:
    found = find_cancer(text)
    return found.oncotree_code if found else None


def test_a_diagnosis_heading_alone_on_its_line_weighs_as_a_diagnosis() -> None:
    text = "Clinical history: right breast mass.\nDIAGNOSIS\nInvasive ductal carcinoma, grade 1.\n"
    assert _code(text) == "IDC"


def test_gastrointestinal_stromal_tumour() -> None:
    text = "FINAL DIAGNOSIS:\nSmall bowel, segmental resection: gastrointestinal stromal tumour, 4 cm.\n"
    assert _code(text) == "GIST"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "DIAGNOSIS: B-lymphoblastic leukemia/lymphoma. FISH: BCR::ABL1 fusion detected in 80% of nuclei.",
            "BLLBCRABL1",
        ),
        ("DIAGNOSIS: precursor B-ALL, Philadelphia chromosome positive.", "BLLBCRABL1"),
        ("DIAGNOSIS: B-lymphoblastic leukemia.\nBCR::ABL1 (p190/p210): not detected.", "BLL"),
        ("DIAGNOSIS: B-cell acute lymphoblastic leukemia, BCR-ABL1-like signature.", "BLL"),
    ],
)
def test_b_lymphoblastic_leukaemia_and_its_bcr_abl1_subtype(text: str, code: str) -> None:
    assert _code(text) == code


def test_a_risk_estimate_names_no_cancer() -> None:
    text = (
        "INTERPRETATION\n"
        "This molecular result carries a high probability of malignancy (papillary carcinoma or "
        "follicular carcinoma) in this thyroid nodule; excision is recommended.\n"
    )
    assert _code(text) is None


def test_subtype_codes_exist_in_oncotree() -> None:
    tree = load_oncotree()
    assert all(s.code in tree and s.parent in tree for s in load_rules().subtypes)
