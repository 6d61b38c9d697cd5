"""Scanned reports: what OCR does to a page must never flip a result's meaning, and a gene name OCR
damaged is repaired only where one symbol fits (rules/ocr.json). Sentences are our own, written in the
shapes Tesseract produces from 200-DPI scans (";" read as ":", a heading glued to the line above, "2"
doubled into "2z2", "*" read as a degree sign)."""

from __future__ import annotations

import pytest
from casewise_extractor.nlp.mentions import repair_ocr
from casewise_extractor.nlp.rulebook import load_rulebook
from casewise_extractor.nlp.sections import find_sections, section_at

from .conftest import facts


def _repair(text: str) -> str:
    return repair_ocr(text, load_rulebook())


# --- meaning flips -------------------------------------------------------------------------------


def test_heading_glued_to_a_negative_list_row_ends_the_list(extract) -> None:  # noqa: ANN001
    text = (
        "GENES WITH NO REPORTABLE ALTERATIONS (rearrangements)\n"
        "NTRK1 rearrangement No reportable alterations\n"
        "RET rearrangement No reportable alterations IMPRESSION\n"
        "\n"
        "EML4::ALK is detected in the RNA library.\n"
    )
    got = facts(extract(text))
    assert ("ALK", "fusion", "positive") in got
    assert ("ALK", "fusion", "negative") not in got
    assert ("RET", "fusion", "negative") in got


def test_glued_heading_opens_its_section_where_it_starts() -> None:
    text = "BRCA2 p.K3326* likely benign VARIANTS OF UNCERTAIN SIGNIFICANCE\nATM | p.S49C | 12%\n"
    spans = find_sections(text, load_rulebook().sections.sections)
    vus = section_at(spans, text.index("ATM"))
    assert vus is not None and vus.kind == "vus"
    assert section_at(spans, text.index("BRCA2")) is None  # the text before the heading is not in it


def test_capitals_that_are_a_result_open_no_section() -> None:
    text = "Genes with no reportable alterations: KRAS\nBRAF V600E mutation DETECTED\nNRAS p.Q61K\n"
    spans = find_sections(text, load_rulebook().sections.sections)
    assert section_at(spans, text.index("NRAS")).kind == "no_reportable"


def test_a_stated_positive_under_a_negative_list_is_not_turned_negative(extract) -> None:  # noqa: ANN001
    text = (
        "Genes with no reportable alterations:\n"
        "RET rearrangement: not detected\n"
        "KIF5B::ALK fusion is detected.\n"
    )
    got = facts(extract(text))
    assert ("ALK", "fusion", "negative") not in got  # abstains: the list and the sentence disagree
    assert ("RET", "fusion", "negative") in got


def test_msi_high_keeps_its_value_when_ocr_reads_the_semicolon_as_a_colon(extract) -> None:  # noqa: ANN001
    got = facts(extract("Summary: MMR deficient (loss of MSH2 and MSH6), MSI-high: p53 wild-type pattern."))
    assert ("MSI", "signature", "positive") in got
    assert ("MSI", "signature", "negative") not in got
    assert ("TP53", "mutation", "negative") in got


def test_msi_high_still_takes_its_own_negative_word(extract) -> None:  # noqa: ANN001
    got = facts(extract("Microsatellite status: MSI-High not detected."))
    assert ("MSI", "signature", "negative") in got


@pytest.mark.parametrize(
    "line",
    [
        "MSH6 ........ Loss of nuclear expression (AMENDED: previously: intact] Stroma with intact staining.",
        "MSH6: complete loss of nuclear staining (originally reported as retained)",
    ],
)
def test_the_value_an_amendment_replaced_is_history(extract, line: str) -> None:  # noqa: ANN001
    got = facts(extract(line))
    assert ("MSH6", "loss", "positive") in got
    assert ("MSH6", "loss", "negative") not in got


def test_previously_then_now_still_reads_the_new_value(extract) -> None:  # noqa: ANN001
    got = facts(extract("PMS2 previously reported as intact, now interpreted as lost."))
    assert ("PMS2", "loss", "positive") in got


def test_karyotype_colon_is_a_semicolon_and_its_bands_name_no_gene(extract) -> None:  # noqa: ANN001
    assert _repair("IGH/CCND1 t(11:14)(q13:q32) 2/200 normal") == "IGH/CCND1 t(11;14)(q13;q32) 2/200 normal"
    got = facts(extract("IGH/FGFR3 dual fusion t(4:14)(p16:q32) 3/200 nuclei (1.5%) normal"))
    assert not any(gene == "CDKN2A" for gene, _, _ in got)  # "p16" is a chromosome band here


def test_time_like_colons_are_left_alone() -> None:
    assert _repair("collected at 10:14 (q 12:30)") == "collected at 10:14 (q 12:30)"


# --- gene names OCR damaged ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("EGER | p.G719A | VAF 12%", "EGFR | p.G719A | VAF 12%"),
        ("COKN2A/B homozygous deletion: not detected", "CDKN2A/B homozygous deletion: not detected"),
        ("CDKNZ2A loss", "CDKN2A  loss"),
        ("RADS1C, RADS1D", "RAD51C, RAD51D"),
        ("MSh2: intact", "MSH2: intact"),
        ("MShH6: intact", "MSH6 : intact"),
        ("MSH2z2: intact", "MSH2  : intact"),
        ("PD-LI (SP263) TPS 5%", "PD-L1 (SP263) TPS 5%"),
        ("TTF-I positive", "TTF-1 positive"),
        ("DOG 1 ..... (+) patchy", "DOG1  ..... (+) patchy"),
        ("CHEK2 €.1100del", "CHEK2 c.1100del"),
        ("ATM | E1978° | 41%", "ATM | E1978* | 41%"),
    ],
)
def test_unambiguous_repairs(damaged: str, repaired: str) -> None:
    assert _repair(damaged) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "MSHE: intact nuclear expression",  # MSH2 or MSH6: no repair, no result
        "MSH: intact nuclear expression",
        "EGFR3 amplification",  # FGFR3 or garbage
        "body temperature 38° overnight",
        "fee 12€.50",
    ],
)
def test_ambiguous_damage_is_left_alone(text: str) -> None:
    assert _repair(text) == text


def test_no_gene_from_an_ambiguous_mmr_name(extract) -> None:  # noqa: ANN001
    got = facts(extract("MLH1: intact\nMSHE: loss of nuclear expression\nPMS2: intact"))
    assert not any(gene in ("MSH2", "MSH6") for gene, _, _ in got)


def test_repairs_keep_offsets() -> None:
    rules = load_rulebook()
    for fix in rules.ocr.fix_gene:
        assert len(fix.wrong) >= len(fix.right), fix.id  # padded with spaces, never longer
    sample = "EGER MSH2z2 t(4:14)(p16:q32) Q61° DOG 1 ... €.35del CDKNZ2A"
    assert len(_repair(sample)) == len(sample)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("EGER | p.L861Q | VAF 9%", ("EGFR", "mutation", "positive")),
        ("MSH2z2: Intact nuclear expression", ("MSH2", "loss", "negative")),
        ("IMMUNOHISTOCHEMISTRY:\nDOG 1 ...... (+) diffuse", ("ANO1", "expression", "positive")),
        ("PALB2 €.3113G>A heterozygous pathogenic", ("PALB2", "mutation", "positive")),
        ("ATM | R3008° | 33%", ("ATM", "mutation", "positive")),
    ],
)
def test_repaired_lines_give_their_result(extract, text: str, fact: tuple[str, str, str]) -> None:  # noqa: ANN001
    assert fact in facts(extract(text))
