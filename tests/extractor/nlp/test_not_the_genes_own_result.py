"""Sentences that name a gene and a result word but state no result of the gene itself: a further
variant not found, how a listed variant is classified, a list of tests not done, a test's scope, and
the therapy column after a variant."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts


def test_second_variant_not_found_is_no_negative(extract: Extract) -> None:
    text = (
        "CEBPA | c.68dup | p.(Leu24Alafs*84) | VAF 47% | pathogenic\n"
        "Comment: the variant may be constitutional; no additional somatic CEBPA mutation was identified.\n"
    )
    got = facts(extract(text))
    assert ("CEBPA", "mutation", "negative") not in got
    assert ("CEBPA", "mutation", "positive") in got


def test_another_hit_wording(extract: Extract) -> None:
    got = facts(extract("TP53 R248W detected. Another TP53 variant was not seen.\n"))
    assert ("TP53", "mutation", "negative") not in got


def test_classification_of_a_listed_variant_is_no_negative(extract: Extract) -> None:
    text = "ASXL1 | c.1934G>A | 4% | not regarded as a clinically significant ASXL1 mutation at this level.\n"
    assert ("ASXL1", "mutation", "negative") not in facts(extract(text))


def test_head_of_a_not_tested_list_covers_every_item(extract: Extract) -> None:
    text = "Not tested on this sample: NRAS codon 61, HRAS, and KIT exon 17 (insufficient indication).\n"
    got = facts(extract(text))
    assert not {f for f in got if f[0] in ("NRAS", "HRAS", "KIT")}


def test_scope_of_a_copy_number_test_in_brackets_is_no_deletion(extract: Extract) -> None:
    text = (
        "No pathogenic germline variants were found in the genes analysed: MSH2, MLH1, "
        "EPCAM (large deletion analysis), PMS2 and MSH6.\n"
    )
    got = facts(extract(text))
    assert ("EPCAM", "mutation", "negative") in got
    assert not {f for f in got if f[1] == "deletion"}


def test_none_in_a_therapy_column_after_a_second_variant(extract: Extract) -> None:
    text = "Genomic findings | Variant | Approved therapies | Trials\nPIK3CA | E545K ; H1047R | none | none\n"
    got = facts(extract(text))
    assert ("PIK3CA", "mutation", "negative") not in got
    assert ("PIK3CA", "mutation", "positive") in got
