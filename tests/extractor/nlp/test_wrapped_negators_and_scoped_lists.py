"""A negator that ends a wrapped line ("...; no\\nBRAF V600E mutation") governs the gene on the next line;
a form's yes/no answer ("Perineural invasion: no") ends its line. A negative list whose items carry the
scope each covered in brackets ("EGFR (exons 18-21), BRAF (incl. V600), MET") stays one list."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts


def test_no_at_the_end_of_a_wrapped_line(extract: Extract) -> None:
    text = (
        "Lung adenocarcinoma.\n"
        "Hotspot PCR (same block): KRAS G12V detected in the tumour DNA; no\n"
        "BRAF V600E mutation was identified.\n"
    )
    got = facts(extract(text))
    assert ("BRAF", "mutation", "positive") not in got
    assert ("BRAF", "mutation", "negative") in got
    assert ("KRAS", "mutation", "positive") in got


def test_not_at_the_end_of_a_wrapped_line(extract: Extract) -> None:
    text = (
        "Gastric adenocarcinoma.\n"
        "On the dual-probe assay of the resection block HER2 is not\n"
        "AMPLIFIED (ratio 1.3).\n"
    )
    got = facts(extract(text))
    assert ("ERBB2", "amplification", "positive") not in got
    assert ("ERBB2", "amplification", "negative") in got


def test_form_answer_no_ends_its_line(extract: Extract) -> None:
    text = "Lung adenocarcinoma.\nPerineural invasion: no\nEGFR exon 19 deletion detected.\n"
    assert ("EGFR", "mutation", "positive") in facts(extract(text))


def test_negative_list_with_scope_brackets(extract: Extract) -> None:
    text = (
        "Colon adenocarcinoma.\n"
        "No pathogenic variants found in KRAS (codons 12, 13, 61), NRAS (exons 2-4), BRAF (incl. V600E),"
        " or PIK3CA.\n"
    )
    got = facts(extract(text))
    for gene in ("KRAS", "NRAS", "BRAF", "PIK3CA"):
        assert (gene, "mutation", "negative") in got, gene
        assert (gene, "mutation", "positive") not in got, gene
