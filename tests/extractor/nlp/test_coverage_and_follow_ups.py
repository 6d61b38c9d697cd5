"""Results that need the words around them: a panel's coverage list after "No fusions detected",
copy-number call codes, lay wording ("a change was found", "Yours was high" after the sentence that
named the test), reclassified variants, a second test with its own result, and drug classes named
after their target ("anti-EGFR antibodies")."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts


@pytest.mark.parametrize(
    "text",
    [
        "No fusions were detected. The assay covers ALK, RET and NTRK1 breakpoints.",
        "No rearrangements identified (the panel includes ALK, RET, NTRK1).",
    ],
)
def test_a_coverage_list_after_none_detected_gives_negatives(extract, text: str) -> None:
    assert facts(extract(text)) == {
        ("ALK", "fusion", "negative"),
        ("RET", "fusion", "negative"),
        ("NTRK1", "fusion", "negative"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "The assay covers ALK, RET and NTRK1 breakpoints.",  # what it could see, not what it found
        "No other fusions were detected. The panel includes ALK and RET.",  # "other": beside a positive
    ],
)
def test_a_coverage_list_alone_states_no_result(extract, text: str) -> None:
    assert not extract(text).biomarkers


def test_a_gene_with_its_own_event_in_a_coverage_list_is_left_out(extract) -> None:
    text = "No fusions were detected. The panel also covers ALK and MET exon 14 skipping."
    assert facts(extract(text)) == {("ALK", "fusion", "negative")}


def test_copy_number_call_codes_name_the_event(extract) -> None:
    text = "Gene | Call | Fold change | Band\nMYC | AMP | 5.1 | 8q24\nPTEN | HOMDEL | - | 10q23"
    assert facts(extract(text)) == {("MYC", "amplification", "positive"), ("PTEN", "deletion", "positive")}


def test_amp_as_the_guideline_body_is_no_amplification(extract) -> None:
    text = "NRAS: AMP/ASCO/CAP tier III, variant of uncertain significance."
    assert facts(extract(text)) == {("NRAS", "mutation", "uncertain")}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("- KRAS: a change was found in this gene.", "positive"),
        ("- KRAS: no change was found.", "negative"),
        ("- KRAS: a change was not found.", "negative"),
    ],
)
def test_lay_change_found(extract, text: str, status: str) -> None:
    assert facts(extract(text)) == {("KRAS", "mutation", status)}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("We also measured PD-L1. The result came back as insufficient.", ("CD274", "expression", "unknown")),
        ("The lab counted the tumour mutational burden. Yours was low.", ("TMB", "signature", "negative")),
        ("The lab counted the tumour mutational burden. It was high.", ("TMB", "signature", "positive")),
    ],
)  # fmt: skip
def test_a_result_in_the_next_sentence_belongs_to_the_gene_named_before(extract, text: str, fact) -> None:  # noqa: ANN001
    assert facts(extract(text)) == {fact}


def test_an_unrelated_next_sentence_gives_the_gene_no_result(extract) -> None:
    assert not extract("We also measured PD-L1 on the biopsy. Your scan was stable.").biomarkers


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("ATM c.200A>G (VUS). ATM VUS since reclassified as likely benign.", ("ATM", "mutation", "negative")),
        ("ATM c.200A>G (VUS). ATM VUS reclassified to likely pathogenic.", ("ATM", "mutation", "positive")),
    ],
)  # fmt: skip
def test_a_reclassified_variant_replaces_the_vus(extract, text: str, fact) -> None:  # noqa: ANN001
    assert facts(extract(text)) == {fact}


def test_mmr_stains_all_intact_are_proficient(extract) -> None:
    found = facts(extract("MMR immunohistochemistry: MLH1, PMS2, MSH2 and MSH6 retained (proficient)."))
    assert ("MMR", "signature", "negative") in found


def test_one_lost_mmr_stain_is_never_proficient(extract) -> None:
    found = facts(extract("MMR IHC: MSH2 and MSH6 intact; MLH1 and PMS2 lost."))
    assert ("MMR", "signature", "negative") not in found
    assert ("MLH1", "loss", "positive") in found


def test_microsatellite_status_colon_stable(extract) -> None:
    assert facts(extract("Microsatellite status: stable.")) == {("MSI", "signature", "negative")}


def test_anti_gene_drug_class_is_no_result(extract) -> None:
    text = "NRAS Q61K mutated, so anti-EGFR antibodies are not indicated; the cetuximab order was cancelled."
    assert facts(extract(text)) == {("NRAS", "mutation", "positive")}


def test_a_second_test_keeps_its_own_result(extract) -> None:
    text = "Assessment: ALK positive by\nIHC with NGS pending."
    assert facts(extract(text)) == {("ALK", "expression", "positive"), ("ALK", "fusion", "unknown")}


@pytest.mark.parametrize(
    "text",
    [
        "MSH6, originally reported as intact, is now interpreted as lost with retained internal control.",
        "MSH6 previously intact, now lost (tumour nuclei unstained, retained internal control).",
    ],
)
def test_a_retained_internal_control_is_not_the_tumour(extract, text: str) -> None:
    assert facts(extract(text)) == {("MSH6", "loss", "positive")}
