"""Cancer types a clinic names outright (medullary thyroid, Ewing sarcoma), a metastatic cancer
named with its organ before the histology, a hedged refinement of a stated diagnosis; drugs listed
as "not used" and a trial drug named by its development code. Sentences written for these tests."""

from __future__ import annotations

from casewise_extractor.nlp.cancer import find_cancer


def _code(text: str) -> str | None:
    c = find_cancer(text)
    return c.oncotree_code if c else None


def test_medullary_thyroid_carcinoma_in_a_clinic_note() -> None:
    assert (
        _code("Referral: 61-year-old man with medullary thyroid carcinoma, RET testing requested.") == "THME"
    )
    assert _code("DIAGNOSIS: Medullary carcinoma, left thyroid lobe, 1.9 cm.") == "THME"


def test_ewing_sarcoma() -> None:
    assert _code("DIAGNOSIS\nEwing sarcoma of the left iliac bone, biopsy.") == "ES"
    assert _code("Assessment: Ewing's sarcoma, localized, after induction chemotherapy.") == "ES"


def test_metastatic_cancer_with_its_organ_before_the_histology() -> None:
    assert (
        _code("Assessment: 66-year-old man with metastatic pancreatic adenocarcinoma, on second line.")
        == "PAAD"
    )
    # a spread preposition names where it went, not the primary
    assert _code("Summary: metastatic to the lung, adenocarcinoma; primary not established.") is None


def test_metastatic_cancer_whose_histology_names_its_organ() -> None:
    text = "Note: 47-year-old woman, de novo metastatic ER-positive invasive lobular carcinoma, on letrozole."
    assert _code(text) == "ILC"


def test_a_hedged_refinement_does_not_outvote_the_stated_diagnosis() -> None:
    assert (
        _code("Diagnosis: non-small cell lung carcinoma, favor adenocarcinoma (TTF-1 positive).") == "NSCLC"
    )
    # alone, a hedged diagnosis still names the cancer
    assert _code("Diagnosis: lung, core biopsy: carcinoma favouring adenocarcinoma.") == "LUAD"


def test_drugs_listed_as_not_used_are_not_treatments(extract) -> None:
    p = extract("Treatment: lenvatinib 24 mg daily since 2024-02. Sorafenib and vandetanib not used.")
    assert [t.agent for t in p.treatments] == ["lenvatinib"]


def test_a_trial_drug_named_by_its_code_is_the_generic(extract) -> None:
    p = extract("Since 2025-03-02 on study, receiving MCLA-128 every 2 weeks; stable disease.")
    assert [t.agent for t in p.treatments] == ["zenocutuzumab"]
