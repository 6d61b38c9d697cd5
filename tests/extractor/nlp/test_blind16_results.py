"""Biomarker wordings of the records a patient assembles (blind16): appeal and authorisation
letters, trial worksheets, portal messages (sentences written for these tests).

- A drug's indication names the population it is approved for ("is indicated for HER2-positive
  breast cancer", "licensed for FLT3-ITD AML"): no result of this patient.
- What a result is contrasted with ("the opposite of MSI-high", "unlike EGFR-mutant disease") is
  not the patient's result.
- A gene named with its chromosome band in a FISH row ("TP53 (17p13.1) / CEP17 | deletion of 17p")
  is the probe: the row's event gives the result ("gain/amplification of 1q21" is CKS1B's), the
  probe names give no mutation or amplification rows of their own.
- A friend, neighbour or colleague is not the patient: their results are no rows, their drugs no
  treatments (as a relative's are not).
- A result asked about ("I'm HER2 positive??", "is it ALK-rearranged?") is not stated; a "?" that
  opens a word ("?MPN") is a query, not a question.
- A checklist row answering a variant criterion "NO" ("PDGFRA D842V mutation | NO") is a negative
  for it, never the named variant found.
- "HER2 (exon 20): not detected" is the gene sequenced (mutation), not the receptor stain.
- The reason a drug is "not indicated - KRAS mutant" is stated, not negated.
- A self-naming marker ("PSMA-avid", "MMR-deficient") keeps its own result beside another word's
  glued reading ("no PSMA-negative lesions") or the gene before it ("p53 wild-type | MMR-deficient").
- A result the report withdraws ("was reported in error", "has been withdrawn") is no result.
- "The mismatch repair genes" tested germline are the genes, not the tumour's MMR status.
"""

from __future__ import annotations

import pytest

from .conftest import Extract, agents, facts


@pytest.mark.parametrize(
    "text",
    [
        "The insurer notes that the drug is indicated for HER2-positive breast cancer.",
        "Quizartinib: not suitable - it is licensed for newly diagnosed FLT3-ITD AML, not for relapse.",
        "Tepotinib is approved only for patients with MET exon 14 skipping mutations.",
    ],
)
def test_a_drug_indication_states_no_result(extract: Extract, text: str) -> None:
    assert not facts(extract(text))


def test_an_indication_for_her_own_disease_keeps_the_result(extract: Extract) -> None:
    got = facts(extract("Trastuzumab was indicated for her HER2-positive disease (IHC 3+)."))
    assert ("ERBB2", "expression", "positive") in got


def test_a_label_for_the_treatment_of_a_population_states_no_result(extract: Extract) -> None:
    text = "The agent is approved for the treatment of adults with relapsed FLT3-mutated AML."
    assert not facts(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "My neighbour with lung cancer takes osimertinib because he is EGFR positive.",
        "A friend from my support group got Keytruda because her tumour was MSI-high.",
        "My coworker received olaparib for her BRCA2 mutation.",
    ],
)
def test_another_persons_result_and_drug_are_not_the_patients(extract: Extract, text: str) -> None:
    profile = extract(text)
    assert not facts(profile)
    assert not agents(profile)


@pytest.mark.parametrize(
    "text",
    [
        "The nurse told me on the phone that I'm HER2\npositive?? That is not what the surgeon said.",
        "Is my tumour ALK-rearranged?",
        "Would that make me EGFR negative?",
        "Was my colon cancer MSI-H?",
    ],
)
def test_a_result_asked_about_is_no_result(extract: Extract, text: str) -> None:
    assert not facts(extract(text))


def test_a_query_mark_before_a_word_is_no_question(extract: Extract) -> None:
    got = facts(extract("JAK2 V617F (requested on referral, ?MPN): NOT detected."))
    assert ("JAK2", "mutation", "negative") in got


@pytest.mark.parametrize(
    "row",
    [
        "X2 | KRAS G12C mutation | NO | KRAS wild type on tissue NGS (2024)",
        "Exclusion 3 | BRAF V600E | No | -",
        "E4 | EGFR exon 20 insertion | Absent | see report",
    ],
)
def test_a_variant_answered_no_in_a_checklist_row_is_negative(extract: Extract, row: str) -> None:
    got = facts(extract(row))
    assert not {f for f in got if f[2] == "positive"}
    assert any(f[2] == "negative" for f in got)


@pytest.mark.parametrize(
    "text",
    [
        "Her tumour was mismatch repair proficient (the opposite of MSI-high).",
        "This squamous tumour, unlike EGFR-mutant adenocarcinoma, will not respond to osimertinib.",
    ],
)
def test_what_a_result_is_contrasted_with_is_not_a_result(extract: Extract, text: str) -> None:
    assert not {f for f in facts(extract(text)) if f[2] == "positive"}


def test_genes_named_with_their_band_are_the_probes_of_a_fish_row(extract: Extract) -> None:
    text = (
        "FISH probe | Abnormality | Result\n"
        "TP53 (17p13.1) / CEP17 | deletion of 17p | Not detected\n"
        "CKS1B (1q21) / CDKN2C (1p32) | gain/amplification of 1q21 | Not detected\n"
        "MYC (8q24) | rearrangement | Not detected\n"
    )
    got = facts(extract(text))
    assert ("TP53", "deletion", "negative") in got
    assert not {f for f in got if f[0] in ("TP53", "CKS1B", "CDKN2C") and f[1] == "mutation"}
    assert ("CDKN2C", "amplification", "negative") not in got
    assert ("CKS1B", "amplification", "negative") in got
    assert ("MYC", "fusion", "negative") in got


@pytest.mark.parametrize(
    "text", ['- HER2 (exon 20): "not detected"', "HER2 exon 20: not detected on the NGS panel"]
)
def test_her2_named_with_an_exon_is_the_gene_sequenced(extract: Extract, text: str) -> None:
    assert facts(extract(text)) == {("ERBB2", "mutation", "negative")}


def test_the_reason_a_drug_is_not_indicated_is_not_negated(extract: Extract) -> None:
    text = "Not given | Anti-EGFR antibody | - | Not indicated - KRAS mutant"
    assert ("KRAS", "mutation", "negative") not in facts(extract(text))


def test_a_self_naming_marker_keeps_its_result_beside_other_lesions_readings(extract: Extract) -> None:
    text = "PSMA PET: PSMA-avid disease in bones, no PSMA-negative/FDG-positive lesions -> PSMA-positive."
    got = facts(extract(text))
    assert ("FOLH1", "expression", "positive") in got
    assert ("FOLH1", "expression", "negative") not in got


def test_a_self_naming_signature_does_not_take_the_gene_before_its_result(extract: Extract) -> None:
    text = "Molecular class | From IHC (p53 wild-type) | - | MMR-deficient endometrial carcinoma"
    got = facts(extract(text))
    assert ("MMR", "signature", "positive") in got
    assert ("MMR", "signature", "negative") not in got
    assert ("TP53", "mutation", "negative") in got


@pytest.mark.parametrize(
    "text",
    [
        'AMENDED (v2): the MSI call in v1 ("MSI-low, 1 of 5 markers") was issued in error; see below.',
        "Addendum: the KRAS G12V result in the first report has been withdrawn (specimen mix-up).",
    ],
)
def test_a_result_reported_in_error_is_no_result(extract: Extract, text: str) -> None:
    assert not facts(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "No germline pathogenic variant was found in the mismatch repair genes; the deficiency is sporadic.",
        "Germline testing of the MMR genes: no pathogenic variant.",
    ],
)
def test_the_mismatch_repair_genes_tested_are_not_the_mmr_status(extract: Extract, text: str) -> None:
    assert ("MMR", "signature", "negative") not in facts(extract(text))


def test_a_checklist_row_read_without_its_cell_rules_keeps_the_answer(extract: Extract) -> None:
    got = facts(extract("E2 KRAS G12C mutation NO KRAS wild type (2024 NGS)"))
    assert ("KRAS", "mutation", "positive") not in got
