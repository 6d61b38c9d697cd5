"""blind17: result wordings of genomic reports that were read positive where the report says otherwise."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts


def test_hotspot_list_shares_the_result_after_it(extract: Extract) -> None:
    # the first hotspot of a listed pair takes the pair's result, not "a named variant = found"
    got = facts(extract("Promoter region | TERT (C228T / C250T) by Sanger | Wild-type | n/a\n"))
    assert ("TERT", "mutation", "positive") not in got
    assert ("TERT", "mutation", "negative") in got


def test_hotspot_pair_in_brackets_then_colon(extract: Extract) -> None:
    got = facts(extract("TERT promoter hotspots (C228T, C250T): no variant detected.\n"))
    assert got == {("TERT", "mutation", "negative")}


def test_listed_variants_with_no_result_stay_positive(extract: Extract) -> None:
    got = facts(extract("Variants found: KRAS G12D, G13C at low allele fraction.\n"))
    assert ("KRAS", "mutation", "positive") in got


def test_cut_off_rule_in_a_threshold_cell_is_no_result(extract: Extract) -> None:
    text = "Marker | Call | Reference\nMSI (NGS) | MS-stable | MSI-H when >= 20% of loci are unstable\n"
    got = facts(extract(text))
    assert ("MSI", "signature", "positive") not in got


def test_tmb_cut_off_after_a_low_value(extract: Extract) -> None:
    got = facts(extract("Tumour mutational burden: 4 mut/Mb (TMB-High if at least 10 mut/Mb).\n"))
    assert ("TMB", "signature", "positive") not in got


def test_two_gene_label_whose_value_names_one_gene(extract: Extract) -> None:
    got = facts(extract("Somatic BRCA1/BRCA2 status:    BRCA2 likely pathogenic variant identified\n"))
    assert ("BRCA2", "mutation", "positive") in got
    assert ("BRCA1", "mutation", "positive") not in got


def test_two_gene_label_with_a_shared_value_keeps_both(extract: Extract) -> None:
    got = facts(extract("BRCA1 / BRCA2 status: no pathogenic variant\n"))
    assert {("BRCA1", "mutation", "negative"), ("BRCA2", "mutation", "negative")} <= got


def test_drug_class_with_drugs_in_brackets_is_no_result(extract: Extract) -> None:
    text = "RAS and BRAF wild-type; treat with an anti-EGFR antibody (panitumumab or cetuximab) + FOLFOX.\n"
    assert ("EGFR", "mutation", "positive") not in facts(extract(text))


def test_stain_clone_in_brackets_still_read(extract: Extract) -> None:
    assert ("ALK", "expression", "positive") in facts(extract("anti-ALK antibody (D5F3): positive\n"))


def test_variant_now_undetectable_is_negative(extract: Extract) -> None:
    got = facts(extract("Repeat plasma test: the NRAS Q61K reported last year is undetectable.\n"))
    assert ("NRAS", "mutation", "negative") in got
    assert ("NRAS", "mutation", "positive") not in got


def test_test_name_with_rearrangement_analysis_is_no_fusion(extract: Extract) -> None:
    text = "SOMATIC PALB2 / RAD51C SEQUENCING AND REARRANGEMENT ANALYSIS\nGene   Variant   Class\n"
    got = facts(extract(text))
    assert ("PALB2", "fusion", "positive") not in got
    assert ("RAD51C", "fusion", "positive") not in got


def test_any_negative_result_statement_is_no_result(extract: Extract) -> None:
    text = "Genomic instability score 61: HRD positive. An HRD-negative result would not preclude PARPi.\n"
    got = facts(extract(text))
    assert ("HRD", "signature", "positive") in got
    assert ("HRD", "signature", "negative") not in got


def test_patients_own_negative_result_is_kept(extract: Extract) -> None:
    got = facts(extract("Her HRD-negative result does not exclude benefit from niraparib.\n"))
    assert ("HRD", "signature", "negative") in got


def test_cut_off_before_the_label_is_no_result(extract: Extract) -> None:
    got = facts(extract("MSI by PCR fragment analysis (>= 2 of 5 markers = MSI-H). Call: MSS.\n"))
    assert ("MSI", "signature", "positive") not in got
    assert ("MSI", "signature", "negative") in got


def test_how_a_signature_is_calculated_is_no_result(extract: Extract) -> None:
    text = (
        "MSI status is estimated using 60 loci; TMB is calculated from synonymous and\n"
        "non-synonymous variants over 0.8 Mb, excluding hotspot drivers and germline variants.\n"
    )
    assert facts(extract(text)) == set()
