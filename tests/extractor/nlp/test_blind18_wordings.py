"""blind18: clinic shorthand - a wild type glued to another word, HPV genotypes, a new FISH lesion."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts


def test_wild_type_glued_to_another_word_is_not_her2s(extract: Extract) -> None:
    got = facts(extract("Sigmoid primary: HER2 3+, RAS-wt, MSS."))
    assert ("ERBB2", "expression", "negative") not in got
    assert ("ERBB2", "expression", "positive") in got


def test_wild_type_in_an_indication_bracket(extract: Extract) -> None:
    got = facts(
        extract("Next line: tucatinib + trastuzumab (trial criteria: HER2+ RAS-wt mCRC after oxaliplatin).")
    )
    assert ("ERBB2", "expression", "negative") not in got


def test_wild_type_before_the_next_gene_is_that_genes(extract: Extract) -> None:
    got = facts(extract("Tumour NGS: BRAF V600E, wild-type KRAS."))
    assert ("BRAF", "mutation", "positive") in got
    assert ("BRAF", "mutation", "negative") not in got
    assert ("KRAS", "mutation", "negative") in got


def test_wild_type_after_a_spaced_dash_is_the_gene_befores(extract: Extract) -> None:
    got = facts(
        extract("No anti-EGFR antibody although NRAS/BRAF wt - ERBB2 amplification predicts no benefit.")
    )
    assert ("ERBB2", "amplification", "negative") not in got


def test_cytogenetic_item_does_not_borrow_the_next_genes_wild_type(extract: Extract) -> None:
    got = facts(extract("Summary: 66F, CLL, IGHV-M, del(11q), TP53 wt."))
    assert ("ATM", "deletion", "negative") not in got
    assert ("TP53", "mutation", "negative") in got


def test_hpv_genotype_names(extract: Extract) -> None:
    assert ("HPV", "other", "positive") in facts(extract("Tonsil biopsy: HPV16 DNA detected by PCR."))
    assert ("HPV", "other", "negative") in facts(extract("HPV-18 E6/E7 mRNA: not detected."))


def test_new_fish_lesion_that_was_absent_at_diagnosis(extract: Extract) -> None:
    text = (
        "FISH at diagnosis (2020): del(17p) not detected.\n\n"
        "The relapse marrow shows that there is now a new del(17p) in 30% of plasma cells, which was not "
        "present at diagnosis."
    )
    got = facts(extract(text))
    assert ("TP53", "deletion", "positive") in got
    assert ("TP53", "deletion", "negative") not in got


def test_myeloid_flow_markers_each_keep_their_own_result(extract: Extract) -> None:
    got = facts(
        extract("Marrow flow: blasts 40%, CD117 positive, MPO positive, CD33 positive, HLA-DR negative.")
    )
    assert ("KIT", "expression", "negative") not in got
    assert {
        ("KIT", "expression", "positive"),
        ("MPO", "expression", "positive"),
        ("CD33", "expression", "positive"),
        ("HLA-DRA", "expression", "negative"),
    } <= got
