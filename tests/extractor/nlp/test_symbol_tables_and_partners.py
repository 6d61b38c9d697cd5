"""Stain tables read by symbol (check marks, minus signs, Det / ND call codes) with loss markers read
as loss, a fusion partner named again in the breakpoints, a tested category with its result on the
next line, a semicolon inside brackets, a germline findings section, and HER2 on two specimens."""

from __future__ import annotations

from tests.extractor.nlp.conftest import facts


def test_symbol_cells_in_a_stain_table(extract) -> None:
    text = (
        "IMMUNOHISTOCHEMISTRY\nMarker | Result | Note\nSynaptophysin | \u2713 | strong\n"
        "Gastrin | \u2717 | \nCalretinin | + | nuclear\nSDHB | \u2212 | no staining in tumour\n"
        "ATRX | + | retained\n"
    )
    assert facts(extract(text)) == {
        ("SYP", "expression", "positive"),
        ("GAST", "expression", "negative"),
        ("CALB2", "expression", "positive"),
        ("SDHB", "loss", "positive"),  # no SDHB staining = SDHB-deficient
        ("ATRX", "loss", "negative"),
    }


def test_call_codes_in_a_sequencing_table(extract) -> None:
    text = "Gene | Variant | Call\nMEN1 | p.R98* | Det\nNRAS | - | ND\n"
    assert facts(extract(text)) == {("MEN1", "mutation", "positive"), ("NRAS", "mutation", "negative")}


def test_a_negative_sequencing_result_on_a_loss_marker_is_never_a_loss(extract) -> None:
    p = extract("NGS panel results: DAXX and ATRX negative for mutations.")
    assert all(b.status == "negative" for b in p.biomarkers)


def test_the_partner_named_in_the_breakpoints_is_no_finding(extract) -> None:
    text = (
        "Fusion | Breakpoints\nFGFR2::BICC1 fusion (breaks in FGFR2 intron 17 and BICC1 intron 2) | detected"
    )
    assert facts(extract(text)) == {("FGFR2", "fusion", "positive")}


def test_a_tested_category_with_its_result_elsewhere_is_no_positive(extract) -> None:
    assert not extract("RET fusions (full intron capture) . . .").biomarkers


def test_a_semicolon_inside_brackets_ends_no_clause(extract) -> None:
    text = "NRAS / KRAS codons (G12; G13, Q61) | none detected"
    assert facts(extract(text)) == {("NRAS", "mutation", "negative"), ("KRAS", "mutation", "negative")}


def test_germline_findings_after_a_vus_table_are_results(extract) -> None:
    text = (
        "VARIANTS OF UNCERTAIN SIGNIFICANCE\nGene | Variant\nATM | p.D1853N\nGERMLINE FINDINGS\n"
        "Gene | Variant | Classification\nPALB2 | c.3113G>A (p.W1038*) | Pathogenic\n"
    )
    assert facts(extract(text)) == {("ATM", "mutation", "uncertain"), ("PALB2", "mutation", "positive")}


def test_her2_ish_on_a_metastasis_keeps_the_primary_ihc(extract) -> None:
    from casewise_extractor.nlp.merge import merge_profiles

    primary = extract("Report date: 2024-03-01\nStomach biopsy. HER2 IHC (4B5): 3+.", "primary.txt")
    met = extract(
        "Procedure date 2024-03-12; reported 2024-03-14.\nNodal metastasis.\nHER2 IHC: 1+, negative.\n"
        "HER2 ISH: not amplified, ratio 1.2.",
        "met.txt",
    )
    merged = merge_profiles([primary, met])
    her2 = {(b.alteration, b.status) for b in merged.biomarkers if b.gene == "ERBB2"}
    assert her2 == {("expression", "positive"), ("expression", "negative"), ("amplification", "negative")}
