"""Rules prompted by the blind3 documents: results stated apart from their gene, list and
abbreviation forms, OCR'd drug names, and signatures in new wordings."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts


def test_a_gene_less_result_line_under_a_fish_heading_is_its_result(extract) -> None:
    p = extract(
        "RET rearrangement by FISH:\nMethod: Break-apart probe (Vysis RET Break Apart FISH Probe Kit).\n"
        "Result: NEGATIVE (4% of 100 nuclei showed split signals).\n"
    )
    assert facts(p) == {("RET", "fusion", "negative")}
    assert "Result: NEGATIVE" in p.biomarkers[0].evidence[0].text


def test_a_result_line_after_another_genes_finding_is_not_borrowed(extract) -> None:
    p = extract("RET rearrangement by FISH:\nKRAS G12C detected.\nResult: POSITIVE.\n")
    assert ("RET", "fusion", "positive") not in facts(p)


def test_abbreviation_period_does_not_end_a_negative_fusion_list(extract) -> None:
    p = extract("No actionable fusions detected (RNA panel incl. ALK, ROS1, RET, NTRK1-3).")
    assert {
        ("ALK", "fusion", "negative"),
        ("ROS1", "fusion", "negative"),
        ("RET", "fusion", "negative"),
    } <= facts(p)


def test_a_gene_family_name_inside_a_fusion_list_is_glue(extract) -> None:
    p = extract("Fusions (RET, NTRK, ALK): none detected")
    assert facts(p) == {("RET", "fusion", "negative"), ("ALK", "fusion", "negative")}


def test_gene_mutant_adjective_is_not_negated_by_earlier_words(extract) -> None:
    p = extract("TMB 12 is not relevant in EGFR-mutant disease.")
    assert ("EGFR", "mutation", "negative") not in facts(p)


def test_double_dash_right_after_the_gene_does_not_drop_its_result(extract) -> None:
    assert facts(extract("PDGFRA -- no mutation identified")) == {("PDGFRA", "mutation", "negative")}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("MSI stable.", ("MSI", "signature", "negative")),
        ("Mismatch Repair Status   Proficient", ("MMR", "signature", "negative")),
    ],
)
def test_signature_wordings(extract, text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(extract(text))


def test_ocr_rn_for_m_in_a_drug_name(extract) -> None:
    p = extract("The patient previously received gerncitabine + cisplatin x 8 cycles.")
    assert {t.agent for t in p.treatments} == {"gemcitabine", "cisplatin"}


def test_a_candidate_drug_list_on_the_next_line_is_not_received(extract) -> None:
    p = extract(
        "Patient may be a candidate for PARP inhibitor maintenance\n(olaparib + bevacizumab per label)."
    )
    assert p.treatments == []


def test_a_fusions_heading_makes_a_listed_fusion_driver_a_fusion_result(extract) -> None:
    assert ("BRAF", "fusion", "negative") in facts(extract("Fusions (ALK, BRAF): none detected"))


def test_no_rule_module_holds_a_control_character() -> None:
    """A "\\b" typed into a non-raw string once became a backspace and silently disabled a rule."""
    from pathlib import Path

    import casewise_extractor.nlp as nlp

    for path in Path(nlp.__file__).parent.rglob("*.py"):
        assert "\x08" not in path.read_text(encoding="utf-8"), path.name


def test_a_gene_range_expands_for_negatives_but_never_invents_a_positive(extract) -> None:
    neg = facts(extract("FGFR1-3 fusions not detected."))
    assert neg == {
        ("FGFR1", "fusion", "negative"),
        ("FGFR2", "fusion", "negative"),
        ("FGFR3", "fusion", "negative"),
    }
    pos = facts(extract("NTRK1-3 fusion: positive (ETV6-NTRK3)."))
    assert ("NTRK2", "fusion", "positive") not in pos
    assert ("NTRK3", "fusion", "positive") in pos


def test_a_prior_therapy_label_mid_line_marks_the_drug_received(extract) -> None:
    p = extract("Tumor type: Non-small cell lung carcinoma   Prior therapy: osirnertinib (2024-2026)")
    assert {t.agent for t in p.treatments} == {"osimertinib"}
