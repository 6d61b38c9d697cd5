"""Results as patients and relatives write them: a gene called "normal" with the hotspot it lacks, a
drug's indication in the writer's words ("it is only for EGFR-mutated cancers"), MMR stains said to be
"present", and stains listed after the panel's result."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts


def test_gene_normal_with_the_hotspot_it_lacks_in_brackets(extract: Extract) -> None:
    got = facts(extract("Rectal adenocarcinoma. Genes: NRAS - normal (no Q61K).\n"))
    assert ("NRAS", "mutation", "positive") not in got
    assert ("NRAS", "mutation", "negative") in got


def test_gene_with_only_the_missing_hotspot_in_brackets(extract: Extract) -> None:
    got = facts(extract("Melanoma on my back. BRAF (no V600K), so no pills for now.\n"))
    assert ("BRAF", "mutation", "positive") not in got
    assert ("BRAF", "mutation", "negative") in got


def test_gene_fine_then_no_hotspot(extract: Extract) -> None:
    got = facts(extract("Melanoma. Dr Lee said the BRAF was fine - no V600E.\n"))
    assert ("BRAF", "mutation", "positive") not in got
    assert ("BRAF", "mutation", "negative") in got


def test_gene_came_back_normal(extract: Extract) -> None:
    got = facts(extract("Bowel cancer. KRAS came back normal. NRAS - normal.\n"))
    assert ("KRAS", "mutation", "negative") in got
    assert ("NRAS", "mutation", "negative") in got


def test_named_variant_found_stays_positive_beside_another_not_found(extract: Extract) -> None:
    got = facts(extract("Melanoma. BRAF V600E detected (no V600K).\n"))
    assert ("BRAF", "mutation", "positive") in got


def test_drug_indication_in_lay_words_is_no_result(extract: Extract) -> None:
    text = (
        "Lung adenocarcinoma, no ALK found.\n"
        "The nurse said lorlatinib is only for ALK-rearranged tumours, which my husband does not have.\n"
        "Alectinib works in ALK-positive cancers too.\n"
    )
    got = facts(extract(text))
    assert ("ALK", "fusion", "positive") not in got
    assert ("ALK", "fusion", "negative") in got


def test_drug_meant_for_a_population_is_no_result(extract: Extract) -> None:
    got = facts(extract("Lung cancer. The doctor said Tagrisso is meant for EGFR-mutated lung cancer.\n"))
    assert ("EGFR", "mutation", "positive") not in got


def test_mmr_stains_present_is_proficient(extract: Extract) -> None:
    got = facts(extract("Colon cancer. The MMR stains were all present.\n"))
    assert ("MMR", "signature", "positive") not in got
    assert ("MMR", "signature", "negative") in got


def test_mmr_positive_without_a_stain_named_gives_no_row(extract: Extract) -> None:
    got = facts(extract("Colon cancer. MMR positive.\n"))
    assert not {f for f in got if f[0] == "MMR"}


def test_mmr_deficiency_detected_stays_deficient(extract: Extract) -> None:
    got = facts(extract("Colon cancer. MMR deficiency detected by IHC.\n"))
    assert ("MMR", "signature", "positive") in got


def test_proteins_listed_after_the_panel_result_are_retained(extract: Extract) -> None:
    got = facts(extract("Colon cancer. MMR proteins present - MLH1, PMS2, MSH2 and MSH6 (she showed me).\n"))
    for gene in ("MLH1", "PMS2", "MSH2", "MSH6"):
        assert (gene, "loss", "negative") in got
        assert (gene, "loss", "positive") not in got
    assert ("MMR", "signature", "positive") not in got


def test_retained_expression_of_a_list(extract: Extract) -> None:
    text = "Endometrial carcinoma. Intact staining for MSH2 and MSH6, with loss of MLH1 and PMS2.\n"
    got = facts(extract(text))
    assert ("MSH2", "loss", "negative") in got
    assert ("MSH6", "loss", "negative") in got
    assert ("MLH1", "loss", "positive") in got
    assert ("PMS2", "loss", "positive") in got


def test_trial_websites_asking_for_a_signature_is_no_result(extract: Extract) -> None:
    got = facts(
        extract('Endometrial cancer. MSI: every trial website asks for "MSI-H" but mine was never run.\n')
    )
    assert ("MSI", "signature", "positive") not in got


def test_lay_variant_not_there_after_the_gene_sentence(extract: Extract) -> None:
    text = "Lung cancer. My EGFR result: L858R. The T790M one was not there, the doctor said.\n"
    got = extract(text)
    rows = {(b.gene, b.status, b.detail) for b in got.biomarkers}
    assert ("EGFR", "negative", "p.T790M") in rows
    assert ("EGFR", "positive", "p.L858R") in rows


def test_negative_for_a_relatives_variant_gives_no_row(extract: Extract) -> None:
    text = (
        "Ovarian cancer. Mom's germline result: BRCA2 POSITIVE.\n"
        "My own result (06/2025): NEGATIVE for mom's BRCA2 variant.\n"
    )
    got = facts(extract(text))
    assert ("BRCA2", "mutation", "negative") not in got
    assert ("BRCA2", "mutation", "positive") in got


def test_reply_after_a_questions_list_is_read(extract: Extract) -> None:
    text = (
        "Pancreatic cancer.\n\n"
        "OUR QUESTIONS\n"
        "1. Could he try a KRAS pill?\n"
        "2. Is the CA 19-9 useful?\n"
        "\n"
        "Reply from Dr. Osei: From the reports: KRAS p.G12V; TP53 p.R248W; no ALK fusion.\n"
    )
    got = facts(extract(text))
    assert ("TP53", "mutation", "positive") in got
    assert ("KRAS", "mutation", "positive") in got
