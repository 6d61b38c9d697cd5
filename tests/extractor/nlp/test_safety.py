"""Safety: a negative, uncertain, pending, family or vendor-listed finding is never a positive
biomarker or a treatment received; OCR damage never invents a gene."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts

NEGATIONS = [
    "EGFR mutation: not detected.",
    "Negative for EGFR mutation.",
    "No evidence of EGFR mutation.",
    "EGFR wild-type.",
    "EGFR: no reportable alterations.",
    "EGFR: negative.",
    "No EGFR mutation was identified.",
    "KRAS, NRAS and EGFR: not detected.",
    "Negative for ALK, ROS1 and EGFR alterations.",
    "EGFR: no pathogenic kinase domain mutation detected.",
]


@pytest.mark.parametrize("text", NEGATIONS)
def test_every_negation_form_is_negative_never_positive(extract, text: str) -> None:
    egfr = [b for b in extract(text).biomarkers if b.gene == "EGFR"]
    assert egfr and all(b.status == "negative" for b in egfr)


@pytest.mark.parametrize(
    "text",
    ["BRCA2 p.R2336H: variant of uncertain significance.", "BRCA2 VUS p.R2336H.", "BRCA2 p.R2336H (VUS)"],
)
def test_vus_is_uncertain(extract, text: str) -> None:
    assert facts(extract(text)) == {("BRCA2", "mutation", "uncertain")}


def test_no_reportable_alterations_list_is_negative(extract) -> None:
    p = extract(
        "Genes assayed with no reportable alterations:\nALK, BRAF, EGFR, ERBB2, KRAS, MET, RET, ROS1\n"
    )
    assert {b.status for b in p.biomarkers} == {"negative"}
    assert len(p.biomarkers) == 8


@pytest.mark.parametrize(
    "text", ["ALK testing pending.", "ALK FISH not performed.", "ALK IHC failed: insufficient tumor."]
)
def test_pending_or_failed_is_unknown_not_negative(extract, text: str) -> None:
    assert {b.status for b in extract(text).biomarkers if b.gene == "ALK"} == {"unknown"}


@pytest.mark.parametrize(
    "text",
    [
        "Family history of BRCA2 mutation.",
        "Her mother had a BRCA2 mutation.",
        "Family History: sister carries a BRCA2 pathogenic variant.",
    ],
)
def test_family_history_is_not_a_patient_biomarker(extract, text: str) -> None:
    assert not [b for b in extract(text).biomarkers if b.gene == "BRCA2"]


def test_hypothetical_result_is_not_a_finding(extract) -> None:
    p = extract("If ALK positive, we would start alectinib.")
    assert not p.biomarkers and not p.treatments


def test_vendor_therapy_and_trial_lists_are_not_treatments(extract) -> None:
    text = (
        "GENOMIC FINDINGS\nEGFR L858R\n\nASSOCIATED FDA-APPROVED THERAPIES\nosimertinib, erlotinib\n\n"
        "THERAPIES WITH POTENTIAL BENEFIT\namivantamab\n\nCLINICAL TRIALS\nNCT0001: lazertinib 240 mg daily\n"
    )
    p = extract(text)
    assert not p.treatments
    assert facts(p) == {("EGFR", "mutation", "positive")}


@pytest.mark.parametrize(
    "text", ["Plan: will consider osimertinib.", "We recommend osimertinib if EGFR positive."]
)
def test_planned_drugs_are_not_treatments_received(extract, text: str) -> None:
    assert not extract(text).treatments


def test_egfr3_on_a_scan_never_reports_egfr(extract) -> None:
    assert not [b for b in extract("EGFR3 amplification detected.").biomarkers if b.gene in {"EGFR", "FGFR3"}]


def test_evidence_spans_point_at_the_mention(extract) -> None:
    text = "Summary.\nKRAS G12C detected."
    b = extract(text).biomarkers[0]
    ev = b.evidence[0]
    assert text[ev.start : ev.end] == "KRAS" and ev.text == "KRAS G12C detected." and ev.page == 1


@pytest.mark.parametrize(
    "text", ["Progesterone receptor negative (<1%).", "PR: <1%", "PD-L1 positive (TPS 0%)."]
)
def test_a_percentage_below_the_cut_off_is_never_positive(extract, text: str) -> None:
    statuses = {b.status for b in extract(text).biomarkers}
    assert statuses == {"negative"}


def test_second_variant_of_a_gene_keeps_its_own_status(extract) -> None:
    p = extract("EGFR exon 19 deletion positive NSCLC, T790M negative on plasma.")
    got = {(b.detail, b.status) for b in p.biomarkers}
    assert got == {("exon 19 deletion", "positive"), ("p.T790M", "negative")}
