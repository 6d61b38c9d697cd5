"""Haematological reports: karyotype and FISH notation (rules/biomarkers.json "cytogenetic"), lymphoma
IHC panels, break-apart FISH, and the heme cancer types. Sentences are our own, written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from casewise_core.profile import Profile
from casewise_extractor.nlp.cancer import find_cancer


def _triples(p: Profile) -> set[tuple[str, str, str]]:
    return {(b.gene, b.alteration, b.status) for b in p.biomarkers}


def test_translocation_not_detected_is_negative(extract: Callable[[str], Profile]) -> None:
    # the semicolon inside t(4;14) must not cut "No evidence of" off from the events it negates
    p = extract(
        "Summary: No evidence of t(4;14) IGH::FGFR3/NSD2 or t(14;16) IGH::MAF rearrangement was found."
    )
    got = _triples(p)
    assert ("FGFR3", "fusion", "negative") in got
    assert ("MAF", "fusion", "negative") in got
    assert not [b for b in p.biomarkers if b.status == "positive"]


def test_probe_row_read_normal_is_negative(extract: Callable[[str], Profile]) -> None:
    text = (
        "RESULTS\n"
        "IGH/FGFR3 dual fusion     t(4;14)(p16;q32)     4/200 (2%)     normal\n"
        "TP53/CEP17                17p13.1 deletion     10/200 (5%)    within normal limits\n"
    )
    got = _triples(extract(text))
    assert ("FGFR3", "fusion", "negative") in got
    assert ("TP53", "deletion", "negative") in got
    assert not {t for t in got if t[2] == "positive"}


def test_deletion_below_cut_off_is_not_positive(extract: Callable[[str], Profile]) -> None:
    p = extract("Interpretation: deletion of 17p (TP53) not identified above the laboratory cut-off.")
    assert ("TP53", "deletion", "negative") in _triples(p)
    assert ("TP53", "mutation", "negative") not in _triples(p)  # the gene in brackets names the event


def test_karyotype_events_name_their_genes(extract: Callable[[str], Profile]) -> None:
    p = extract("FISH summary: positive for t(11;14)(q13;q32). Gain of 1q21 (CKS1B) in 40% of cells.")
    got = _triples(p)
    assert ("CCND1", "fusion", "positive") in got
    assert ("CKS1B", "amplification", "positive") in got


def test_probe_target_column_alone_is_no_result(extract: Callable[[str], Profile]) -> None:
    # "1p del" is what the probe looks for; the row states no result for it
    got = _triples(extract("CDKN2C (1p32) probe        1p del        see interpretation\n"))
    assert not {t for t in got if t[0] == "CDKN2C"}


def test_lymphoma_ihc_table_rows_are_protein_expression(extract: Callable[[str], Profile]) -> None:
    text = (
        "IMMUNOHISTOCHEMISTRY:\n"
        "BCL2 | Positive | 70% of tumour cells\n"
        "MYC | Positive | 45% of nuclei\n"
        "CD10 | Negative |\n"
        "MUM1 | Positive |\n"
        "Cyclin D1 | Negative |\n"
    )
    got = _triples(extract(text))
    for triple in [
        ("BCL2", "expression", "positive"),
        ("MYC", "expression", "positive"),
        ("MME", "expression", "negative"),
        ("IRF4", "expression", "positive"),
        ("CCND1", "expression", "negative"),
    ]:
        assert triple in got
    assert not {t for t in got if t[1] in ("mutation", "fusion")}


def test_pending_break_apart_fish_is_an_unknown_fusion(extract: Callable[[str], Profile]) -> None:
    got = _triples(
        extract("Comment: BCL6 and BCL2 break-apart FISH studies are pending at the reference lab.")
    )
    assert ("BCL2", "fusion", "unknown") in got
    assert ("BCL6", "fusion", "unknown") in got
    assert not {t for t in got if t[1] == "amplification"}


def test_break_apart_named_with_a_negative_result_stays_negative(extract: Callable[[str], Profile]) -> None:
    got = _triples(
        extract("MOLECULAR RESULTS\nMYC (FISH, break-apart probe): No MYC rearrangement identified.")
    )
    assert ("MYC", "fusion", "negative") in got
    assert not {t for t in got if t[2] == "positive"}


def test_inverted_conditional_is_hypothetical(extract: Callable[[str], Profile]) -> None:
    p = extract("Should a MYC rearrangement be found, the case would be reclassified.")
    assert not [b for b in p.biomarkers if b.status == "positive"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Diagnosis: diffuse large B-cell lymphoma, activated B-cell type.", "ABC"),  # most specific code
        ("Assessment: IgA lambda multiple myeloma, R-ISS stage II.", "PCM"),
        ("Impression: chronic lymphocytic leukaemia, Rai stage I.", "CLLSLL"),
        ("Diagnosis: high-grade serous carcinoma of the left ovary.", "HGSOC"),
        ("Diagnosis: endometrioid adenocarcinoma of the endometrium, FIGO grade 2.", "UEC"),
        ("Diagnosis: squamous cell carcinoma of the left tonsil, p16 positive.", "OPHSC"),
        ("Interpretation: NPM1-mutated AML with normal karyotype.", "AMLNPM1"),  # WHO entity named
    ],
)
def test_heme_and_gynae_cancer_types(text: str, code: str) -> None:
    found = find_cancer(text)
    assert found is not None and found.oncotree_code == code


def test_lymphoma_outweighs_a_breast_cancer_in_the_history() -> None:
    text = (
        "History: invasive ductal carcinoma of the right breast in 2012, treated with surgery.\n"
        "Diagnosis: diffuse large B-cell lymphoma, germinal centre type, stage IIA."
    )
    found = find_cancer(text)
    assert found is not None and found.oncotree_code == "GCB"  # DLBCL, germinal centre B-cell type
