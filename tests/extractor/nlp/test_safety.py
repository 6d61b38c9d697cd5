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


# --- Regressions from the blind set (bench/data/synthetic/blind/FIRST_RUN.md): each was a positive
# reported where the report says negative.


@pytest.mark.parametrize(
    "text", ["Microsatellite status: MSI-High NOT DETECTED", "MSI-H: not detected.", "MSI-high: negative."]
)
def test_msi_high_not_detected_is_negative(extract, text: str) -> None:
    assert {b.status for b in extract(text).biomarkers if b.gene == "MSI"} == {"negative"}


def test_items_after_a_not_detected_heading_are_negative(extract) -> None:
    p = extract(
        "Alterations or Biomarkers Not Detected: ALK fusion, BRAF, ERBB2, KRAS, MET exon 14 skipping, "
        "RET fusion, ROS1 fusion, NTRK1 fusion\n"
    )
    assert p.biomarkers and {b.status for b in p.biomarkers} == {"negative"}
    assert {(b.gene, b.alteration) for b in p.biomarkers} >= {("RET", "fusion"), ("ROS1", "fusion")}
    assert not [b for b in p.biomarkers if b.gene == "KRAS" and b.detail]  # MET's exon is not KRAS's


def test_a_criteria_legend_is_not_a_result(extract) -> None:
    p = extract(
        "c-MET FISH:\nInterpretation guide - c-MET FISH positive: Gene Amplification: Ratio more than two. "
        "Negative: ratio less than two.\nResult: MET/CEP7 ratio 1.1 - NOT AMPLIFIED.\n"
    )
    assert facts(p) == {("MET", "amplification", "negative")}


def test_no_before_a_gene_list_governs_every_gene(extract) -> None:
    p = extract("No BRCA1 or BRCA2 alterations identified in the tumor.")
    assert facts(p) == {("BRCA1", "mutation", "negative"), ("BRCA2", "mutation", "negative")}


def test_mmr_genes_in_a_no_alteration_list_are_negative_genes_not_protein_loss(extract) -> None:
    p = extract("Genes assayed with no reportable alterations: BRAF, MLH1, MSH2, MSH6, PMS2, STK11.\n")
    assert {b.status for b in p.biomarkers} == {"negative"}
    assert {b.alteration for b in p.biomarkers if b.gene.startswith(("MLH", "MSH", "PMS"))} == {"mutation"}


def test_mmr_ihc_staining_still_reads_loss_and_intact(extract) -> None:
    p = extract("MMR IHC: MLH1 and PMS2 loss; MSH2 and MSH6 retained.")
    assert facts(p) == {
        ("MLH1", "loss", "positive"), ("PMS2", "loss", "positive"),
        ("MSH2", "loss", "negative"), ("MSH6", "loss", "negative"),
    }  # fmt: skip


def test_gene_level_negative_for_a_fusion_gene_is_a_fusion_result(extract) -> None:
    p = extract("EGFR, KRAS and ALK: no alterations detected. ROS1 FISH: no rearrangement.")
    assert facts(p) == {
        ("EGFR", "mutation", "negative"), ("KRAS", "mutation", "negative"),
        ("ALK", "fusion", "negative"), ("ROS1", "fusion", "negative"),
    }  # fmt: skip


def test_slash_siblings_each_get_the_result(extract) -> None:
    p = extract("NTRK1/2/3 fusions not detected.")
    assert facts(p) == {(f"NTRK{i}", "fusion", "negative") for i in (1, 2, 3)}


def test_benign_polymorphism_heading_is_not_a_finding(extract) -> None:
    p = extract("Benign / likely benign variants (not reported as findings): TP53 p.P72R (c.215C>G).\n")
    assert not p.biomarkers


def test_family_section_relatives_stay_out_but_the_tumor_result_counts(extract) -> None:
    p = extract(
        "Tumor NGS: KRAS G12V. No BRCA1 or BRCA2 alterations identified in the tumor.\n\n"
        "Family history: his brother carries a pathogenic BRCA2 variant (c.5946delT).\n"
    )
    assert ("BRCA2", "mutation", "positive") not in facts(p)


@pytest.mark.parametrize(
    "text",
    [
        "Family history: the patient's mother had a BRCA1 mutation.",
        "Family History:\nPatient's sister carries a pathogenic BRCA1 variant.\n",
    ],
)
def test_a_patient_word_does_not_make_a_relatives_result_the_patients(extract, text: str) -> None:
    assert not [b for b in extract(text).biomarkers if b.gene == "BRCA1"]


def test_patients_own_pending_test_in_a_family_section_is_unknown(extract) -> None:
    p = extract(
        "Family history: brother carries a pathogenic BRCA2 variant.\n"
        "Patient's own germline testing (BRCA2 single-site) has been sent; result pending.\n"
    )
    assert facts(p) == {("BRCA2", "mutation", "unknown")}


def test_genes_analyzed_list_is_negative_only_with_a_no_other_variants_statement(extract) -> None:
    listed = "Genes analyzed: BRCA1, BRCA2, PALB2.\n"
    assert not extract(listed).biomarkers  # a panel list alone states no result
    p = extract(
        "BRCA2 | c.5946delT (p.Ser1982Argfs*22) | Pathogenic\n"
        + listed
        + "No other pathogenic or likely pathogenic variants were identified.\n"
    )
    assert facts(p) == {
        ("BRCA2", "mutation", "positive"),
        ("BRCA1", "mutation", "negative"),
        ("PALB2", "mutation", "negative"),
    }
    assert [b.detail for b in p.biomarkers if b.gene == "BRCA2"] == ["p.S1982fs"]


def test_her2_ihc_score_stated_with_ish_is_kept(extract) -> None:
    p = extract("HER2 not amplified (IHC 1+).")
    assert facts(p) == {("ERBB2", "amplification", "negative"), ("ERBB2", "expression", "negative")}


@pytest.mark.parametrize(
    "text",
    [
        "Her2/neu: Negative 0-1+, Equivocal 2+, Positive 3+.",
        "HER2 scoring: 0-1+ negative, 2+ equivocal, 3+ positive.",
        "EGFR FISH positive: Gene Amplification: Ratio more than two.",
    ],
)
def test_a_scoring_legend_states_no_result(extract, text: str) -> None:
    assert not extract(text).biomarkers


# --- Regressions from the second blind set (bench/data/synthetic/blind2/FIRST_RUN.md).


def test_mmr_stain_present_or_absent_after_a_dash(extract) -> None:
    p = extract("Mismatch repair IHC: MSH2 - absent; MSH6 - absent; MLH1 - present; PMS2 - present.")
    assert facts(p) >= {
        ("MSH2", "loss", "positive"), ("MSH6", "loss", "positive"),
        ("MLH1", "loss", "negative"), ("PMS2", "loss", "negative"),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "gene"),
    [("MET ex0n 14 skipping: n0t detected", "MET"), ("EGFR: p.T790M N0T DETECTED", "EGFR")],
)
def test_ocr_damaged_negation_is_still_a_negation(extract, text: str, gene: str) -> None:
    assert {b.status for b in extract(text).biomarkers if b.gene == gene} == {"negative"}


def test_a_semicolon_ends_a_list_and_a_negation(extract) -> None:
    p = extract("NGS: FGFR2-BICC1 fusion; IDH1 wild type; TMB 1 Muts/Mb. ERBB2 amplification not detected.")
    assert ("FGFR2", "fusion", "positive") in facts(p)
    assert ("IDH1", "mutation", "negative") in facts(p)


def test_hgvs_period_after_a_colon_does_not_split_the_sentence(extract) -> None:
    p = extract("KRAS: p.G12C DETECTED")
    assert [(b.gene, b.detail, b.status) for b in p.biomarkers] == [("KRAS", "p.G12C", "positive")]


def test_break_apart_fish_on_a_fusion_gene_is_a_fusion_test(extract) -> None:
    p = extract("EML4-ALK (Vysis ALK break-apart FISH): positive, 45% of nuclei with split signals.")
    assert facts(p) == {("ALK", "fusion", "positive")}


def test_a_benign_variant_in_a_germline_table_is_never_positive(extract) -> None:
    p = extract("APC      c.3920T>A (p.Ile1307Lys)        heterozygous    Benign (low penetrance)\n")
    assert facts(p) == {("APC", "mutation", "negative")}


def test_a_fish_heading_and_method_text_state_no_fusion(extract) -> None:
    p = extract(
        "RET rearrangement by FISH:\nMethod: Break-apart probe. A case is considered positive for RET "
        "fusion if >15% of tumor nuclei show split signals.\nResult: NEGATIVE (4% of nuclei).\n"
    )
    assert ("RET", "fusion", "positive") not in facts(p)


def test_internal_control_words_do_not_decide_an_mmr_stain(extract) -> None:
    p = extract(
        "MLH1 ........ LOSS of nuclear expression (internal control positive)\n"
        "MSH2 ........ Intact (retained)\n"
    )
    assert facts(p) == {("MLH1", "loss", "positive"), ("MSH2", "loss", "negative")}


def test_gene_deficient_wording_is_loss_not_intact(extract) -> None:
    assert facts(extract("Findings favor an MLH1-deficient tumor by IHC.")) == {("MLH1", "loss", "positive")}


def test_a_result_sentence_naming_only_the_variant_keeps_its_gene_and_status(extract) -> None:
    p = extract("EGFR (real-time PCR): L858R DETECTED. T790M NOT DETECTED.")
    got = {(b.gene, b.detail, b.status) for b in p.biomarkers}
    assert got == {("EGFR", "p.L858R", "positive"), ("EGFR", "p.T790M", "negative")}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("MGMT promoter: METHYLATED (pyrosequencing).", "positive"),
        ("MGMT promoter methylation status: unmethylated.", "negative"),
        ("MGMT promoter is not methylated.", "negative"),
    ],
)
def test_mgmt_promoter_methylation(extract, text: str, status: str) -> None:
    assert facts(extract(text)) == {("MGMT", "other", status)}


@pytest.mark.parametrize(
    ("text", "gene", "status"),
    [
        ("ALK (D5F3) IHC: POSITIVE (strong granular cytoplasmic staining).", "ALK", "positive"),
        ("ALK (D5F3, Ventana): POSITIVE - strong granular cytoplasmic staining.", "ALK", "positive"),
        ("ROS1 (D4D6) IHC: Negative.", "ROS1", "negative"),
        ("ALK (D5F3): positive.", "ALK", "positive"),
        ("ROS1 (D4D6) immunohistochemistry: positive, diffuse.", "ROS1", "positive"),
    ],
)
def test_alk_ros1_ihc_is_expression_never_a_fusion(extract, text: str, gene: str, status: str) -> None:
    p = extract(text)
    assert facts(p) == {(gene, "expression", status)}
    assert all(b.method == "IHC" for b in p.biomarkers)


def test_synonymous_section_yields_no_finding(extract) -> None:
    p = extract(
        "GENOMIC FINDINGS\nTP53 p.R273H detected.\n"
        "SYNONYMOUS / BENIGN VARIANTS (not reported as findings)\nKRAS p.G12= (synonymous)\n"
    )
    assert facts(p) == {("TP53", "mutation", "positive")}


@pytest.mark.parametrize("text", ["KRAS p.G12= (synonymous variant).", "KRAS c.36T>C synonymous."])
def test_inline_synonymous_variant_is_never_positive_or_uncertain(extract, text: str) -> None:
    assert {b.status for b in extract(text).biomarkers if b.gene == "KRAS"} <= {"negative"}
