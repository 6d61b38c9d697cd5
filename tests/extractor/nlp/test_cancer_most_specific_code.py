"""The cancer code is the most specific OncoTree code the record supports: a WHO entity that names
its defining genetic change (AML with mutated NPM1), a DLBCL with a stated cell of origin, an AML
whose report finds its defining marker, an oral-cavity SCC. And what names a cancer the patient does
not have (a trial's exclusion criterion, an unticked box, "not", a retracted diagnosis) votes for
none."""

from __future__ import annotations

import pytest
from casewise_extractor.nlp import merge_profiles

from tests.extractor.nlp.conftest import Extract, cancer_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Final diagnosis: acute myeloid leukaemia with mutated NPM1.", "AMLNPM1"),
        ("Assessment: NPM1-mutant AML in first remission after 7+3.", "AMLNPM1"),
        ("Impression: NPM1-mutated, FLT3-ITD-positive AML, ELN intermediate risk.", "AMLNPM1"),
        ("Diagnosis: AML (NPM1 mutated), normal karyotype.", "AMLNPM1"),
        ("Diagnosis: AML with an NPM1 mutation.", "AMLNPM1"),
        ("Diagnosis: APL with PML::RARA, low risk (WBC 3.1).", "APLPMLRARA"),
        ("Diagnosis: AML with t(8;21)(q22;q22.1); RUNX1::RUNX1T1.", "AMLRUNX1RUNX1T1"),
        ("Diagnosis: acute myeloid leukemia with inv(16)(p13.1q22); CBFB::MYH11.", "AMLCBFBMYH11"),
        ("Diagnosis: acute myeloid leukemia with maturation; NPM1 wild-type.", "AML"),
        ("Diagnosis: AML without NPM1 mutation; FLT3 negative.", "AML"),
    ],
)
def test_who_entity_with_its_genetic_change(text: str, code: str) -> None:
    assert cancer_code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Diagnosis: DLBCL, germinal center B-cell type (Hans).", "GCB"),
        ("Diagnosis: diffuse large B cell lymphoma, NOS, GCB subtype by Hans algorithm.", "GCB"),
        ("Impression: relapsed GCB-type DLBCL after R-CHOP.", "GCB"),
        ("Diagnosis: diffuse large B-cell lymphoma of activated B-cell (ABC) type.", "ABC"),
        ("Diagnosis: DLBCL, non-GCB (activated B-cell-like) subtype by Hans.", "ABC"),
        ("Impression: ABC-DLBCL, stage IIIA.", "ABC"),
        # Hans non-GCB is a surrogate, not the activated B-cell type itself: no finer code
        ("Diagnosis: diffuse large B-cell lymphoma, non-germinal centre B-cell type (Hans).", "DLBCLNOS"),
        ("Diagnosis: DLBCL, non-GCB phenotype.", "DLBCLNOS"),
    ],
)
def test_dlbcl_cell_of_origin(text: str, code: str) -> None:
    assert cancer_code(text) == code


def test_aml_refined_by_its_marker_found(extract: Extract) -> None:
    p = extract(
        "Bone marrow: acute myeloid leukaemia, 54% blasts.\nNPM1 exon 12 insertion: DETECTED (type A).\n"
    )
    assert p.cancer.oncotree_code == "AMLNPM1"
    assert any(e.rule_id == "msub.aml_npm1" for e in p.cancer.evidence)


def test_aml_not_refined_by_a_marker_not_found(extract: Extract) -> None:
    p = extract(
        "Bone marrow: acute myeloid leukaemia, 54% blasts.\nNPM1: not detected. FLT3-ITD: not detected.\n"
        "Menin inhibitors are being studied in NPM1-mutated disease.\n"
    )
    assert p.cancer.oncotree_code == "AML"


def test_aml_with_pml_rara_found_is_apl(extract: Extract) -> None:
    p = extract(
        "Peripheral blood: acute myeloid leukemia.\nFISH: PML::RARA fusion detected in 88% of nuclei.\n"
    )
    assert p.cancer.oncotree_code == "APLPMLRARA"


def test_marker_from_another_document_refines_the_case(extract: Extract) -> None:
    marrow = extract("Marrow biopsy 03/2025: acute myeloid leukemia.\n", "marrow.txt")
    panel = extract("Myeloid panel 03/2025\nNPM1 p.W288fs: detected, VAF 40%.\n", "panel.txt")
    assert merge_profiles([marrow, panel]).cancer.oncotree_code == "AMLNPM1"


def test_trial_exclusion_criterion_names_no_cancer(extract: Extract) -> None:
    text = (
        "Screening log\n"
        "Marrow morphology | AML, 70% blasts\n"
        "\n"
        "# | Criterion | Status | Comment\n"
        "IN-1 | Untreated acute myeloid leukemia | MET | marrow 01/2025\n"
        "EX-1 | Acute promyelocytic leukemia | NOT EXCLUDED | PML::RARA FISH negative\n"
        "EX-2 | Chronic myeloid leukemia in blast phase | NO | BCR::ABL1 not detected\n"
    )
    assert extract(text).cancer.oncotree_code == "AML"


def test_trial_inclusion_criterion_met_names_the_cancer(extract: Extract) -> None:
    text = (
        "Eligibility checklist\n"
        "# | Criterion | Met? | Evidence\n"
        "1 | Histologically confirmed adenocarcinoma of the prostate | YES | biopsy 2023, Gleason 4+4\n"
        "2 | Small-cell carcinoma of the lung | NO | none\n"
    )
    assert extract(text).cancer.oncotree_code == "PRAD"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Histology: [x] High-grade serous   [ ] Clear cell   [ ] Mucinous\n", "HGSOC"),
        ("Breast primary. Histology: [x] Invasive ductal (NST)  [ ] Lobular\n", "IDC"),
        ("Histology: [ ] High-grade serous  [ ] Clear cell carcinoma  [x] Other\n", None),
    ],
)
def test_form_ticked_and_unticked_options(text: str, code: str | None) -> None:
    assert cancer_code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Comment: not primary mediastinal large B-cell lymphoma and not a classic Hodgkin lymphoma;"
            " diffuse large B-cell lymphoma, NOS.\n",
            "DLBCLNOS",
        ),
        (
            "Final diagnosis: mantle cell lymphoma.\n"
            "Comment: CD5+ with dim CD23, atypical for CLL; the phenotype can mimic CLL, but the nodes are"
            " lacking typical CLL morphology.\n",
            "MCL",
        ),
        (
            "AMENDED DIAGNOSIS\n - Follicular lymphoma, grade 1-2.\n"
            " [Initial diagnosis kept for the record: chronic lymphocytic leukemia - WITHDRAWN]\n"
            " [chronic lymphocytic leukemia - RETRACTED]\n",
            "FL",
        ),
    ],
)
def test_names_the_report_says_it_is_not(text: str, code: str) -> None:
    assert cancer_code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Diagnosis: squamous cell carcinoma of the lateral tongue, depth of invasion 6 mm.", "OCSC"),
        ("Diagnosis: invasive squamous cell carcinoma, left buccal mucosa.", "OCSC"),
        ("Diagnosis: squamous cell carcinoma of the glottic larynx.", "LXSC"),
        ("Diagnosis: squamous cell carcinoma of the base of tongue, p16 positive.", "OPHSC"),
    ],
)
def test_head_and_neck_subsite(text: str, code: str) -> None:
    assert cancer_code(text) == code


def test_past_oncologic_history_weighs_less() -> None:
    text = (
        "Diagnoses: Diffuse large B-cell lymphoma (DLBCL), germinal center B-cell type.\n"
        "Past oncologic history: invasive ductal carcinoma of the right breast, treated 2014.\n"
    )
    assert cancer_code(text) == "GCB"
