"""Single results, footnotes, stains and cancer types of the blind14 GI, GU and lung wording families
(sentences written for these tests, not the blind documents).

- A result cell marked with a footnote sign whose legend says the signal is below the limit of
  detection ("* ... interpret as not detected") is no positive finding.
- An NGS copy-number gain "below the lab's amplification threshold" is not amplified; an exon-to-exon
  junction of one gene ("ex13::ex15") is an exon-skipping transcript, never a fusion.
- A relative by marriage (husband, wife, spouse) is not the patient: a result of theirs is no row.
- "No loss of MMR protein expression" is mismatch repair proficient; a scoring breakdown's "12%
  negative" is a share of cells at one intensity, not the stain's result.
- HER2 IHC 0, 1+ or 3+ with "ISH not performed" states no amplification result (ISH is reflexed only
  for 2+); "ISH not performed - HER2 negative" keeps the stated negative.
- A stain read beside its "negative reagent control" keeps its own result.
- Uroplakin II is the UPK2 stain; ERCC2 is a sequenced gene; AR-V7 is the AR splice-variant protein.
- Urothelial carcinoma of the renal pelvis or ureter is upper tract urothelial carcinoma (UTUC).
- A variant the report calls acquired supersedes the same report's restated "wild-type" of the gene.
"""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract
from tests.extractor.nlp.conftest import cancer_code as _code

from .conftest import facts

# --- footnote marks: below the limit of detection -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        (
            "Variants\nGene | Variant | VAF\nKRAS | G12D* | 0.4%*\nTP53 | R248W | 31%\n"
            "* Signal below the assay's validated limit of detection; to be interpreted as not detected."
        ),
        (
            "SNV results\nBRAF | V600E\u2020 | 0.2%\u2020\nTP53 | R248W | 31%\n"
            "\u2020 Below the lower limit of detection (LoD 0.5% VAF). Does not meet reporting criteria; "
            "regard as negative."
        ),
    ],
)
def test_a_variant_marked_below_the_limit_of_detection_is_not_positive(extract: Extract, text: str) -> None:
    got = facts(extract(text))
    assert ("TP53", "mutation", "positive") in got
    assert not any(a == "mutation" and s == "positive" and g in ("KRAS", "BRAF") for g, a, s in got)
    assert any(a == "mutation" and s == "negative" and g in ("KRAS", "BRAF") for g, a, s in got)


def test_a_legend_that_only_says_below_the_limit_abstains(extract: Extract) -> None:
    text = (
        "Gene | Variant | VAF\nPIK3CA | E545K* | 0.3%*\nTP53 | R273H | 22%\n"
        "* Detected below the validated limit of detection; orthogonal confirmation is suggested."
    )
    got = facts(extract(text))
    assert not any(g == "PIK3CA" for g, _, _ in got)
    assert ("TP53", "mutation", "positive") in got


def test_a_stop_codon_star_is_not_a_footnote_mark(extract: Extract) -> None:
    text = (
        "Gene | Variant | VAF\nSTK11 | Q37* | 28%\nEGFR | L858R* | 0.2%*\n"
        "* Below the limit of detection; interpret as not detected."
    )
    got = facts(extract(text))
    assert ("STK11", "mutation", "positive") in got
    assert ("EGFR", "mutation", "positive") not in got


def test_a_starred_result_without_a_detection_legend_stays_positive(extract: Extract) -> None:
    text = "Gene | Variant | VAF\nKRAS | G12C* | 18%\n* Tier I variant, FDA-approved therapy available."
    assert ("KRAS", "mutation", "positive") in facts(extract(text))


# --- copy number below the amplification threshold, exon junctions -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "MET copy number (NGS) | Copy number gain | 5.1 copies | Below the laboratory's amplification "
        "threshold (>= 6)",
        "ERBB2 copy-number gain, 4.2 copies, below the lab's reporting threshold for amplification.",
    ],
)
def test_a_gain_below_the_amplification_threshold_is_not_amplified(extract: Extract, text: str) -> None:
    got = {f for f in facts(extract(text)) if f[1] == "amplification"}
    assert got and all(s == "negative" for _, _, s in got)


@pytest.mark.parametrize(
    "text",
    [
        "Comment: focal ERBB2 amplification would be a separate biomarker; it is not seen in this sample.",
        "High-level MET amplification would represent an independent target; none is present here.",
    ],
)
def test_what_would_count_as_another_biomarker_is_no_result(extract: Extract, text: str) -> None:
    assert not any(s == "positive" for _, _, s in facts(extract(text)))


@pytest.mark.parametrize(
    "text",
    [
        "MET | c.3028+2T>C - splice site; MET ex13::ex15 transcript seen on RNA | 31% | POSITIVE",
        "RNA panel: MET exon 13::exon 15 junction reads detected (exon 14 skipping).",
    ],
)
def test_an_exon_junction_of_one_gene_is_no_fusion(extract: Extract, text: str) -> None:
    got = facts(extract(text))
    assert ("MET", "mutation", "positive") in got
    assert not any(a == "fusion" for _, a, _ in got)


def test_a_fusion_named_with_its_exon_junction_stays_a_fusion(extract: Extract) -> None:
    got = facts(extract("RNA: EML4::ALK (exon 13::exon 20) fusion transcript detected."))
    assert got == {("ALK", "fusion", "positive")}


# --- a spouse's result ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Her husband (treated with osimertinib for his own EGFR-mutant lung cancer) asked about testing.",
        "Her wife carries a BRCA2 pathogenic variant and asked about cascade testing.",
        "The patient's spouse has KRAS G12C colorectal cancer.",
    ],
)
def test_a_spouses_result_is_not_the_patients(extract: Extract, text: str) -> None:
    assert not extract(text).biomarkers


# --- MMR summary and a scoring breakdown ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "MMR summary: no loss of MMR protein expression.",
        "Mismatch repair IHC: no loss of mismatch repair proteins.",
    ],
)
def test_no_loss_of_mmr_expression_is_proficient(extract: Extract, text: str) -> None:
    assert facts(extract(text)) == {("MMR", "signature", "negative")}


@pytest.mark.parametrize(
    "text",
    [
        "CLDN18.2 scoring: 80% moderate/strong, 5% weak (1+), 15% negative; only 2+/3+ counts.",
        "Claudin 18.2 distribution: 78% 2+/3+, 10% 1+, 12% negative.",
    ],
)
def test_a_scoring_breakdown_share_of_negative_cells_is_not_the_result(extract: Extract, text: str) -> None:
    assert ("CLDN18", "expression", "negative") not in facts(extract(text))


def test_a_plain_negative_claudin_stain_stays_negative(extract: Extract) -> None:
    assert facts(extract("Claudin 18.2 (43-14A): negative, 0% of tumour cells.")) == {
        ("CLDN18", "expression", "negative")
    }


# --- HER2: ISH not performed beside a decisive IHC ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "HER2 IHC 1+ (4B5), ISH not performed - HER2 negative.",
        "HER2 IHC score 0; reflex ISH not performed.",
        "HER2: IHC 3+, ISH not done.",
    ],
)
def test_ish_not_performed_beside_a_decisive_ihc_gives_no_amplification_row(
    extract: Extract, text: str
) -> None:
    got = facts(extract(text))
    assert not any(a == "amplification" for _, a, _ in got)
    assert not any(s == "unknown" for _, _, s in got)
    assert len({s for g, a, s in got if (g, a) == ("ERBB2", "expression")}) == 1


def test_ish_not_performed_after_an_equivocal_ihc_stays_unknown(extract: Extract) -> None:
    got = facts(extract("HER2 IHC 2+ (equivocal); ISH not performed."))
    assert ("ERBB2", "amplification", "unknown") in got


# --- a stain beside its reagent control -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("ALK (D5F3, VENTANA, with negative reagent control): POSITIVE - granular staining", "positive"),
        ("GATA3 (L50-823, negative reagent control) | Positive | diffuse nuclear", "positive"),
    ],
)
def test_a_stain_beside_its_negative_reagent_control_keeps_its_result(
    extract: Extract, text: str, status: str
) -> None:
    gene = text.split()[0]
    assert {s for g, a, s in facts(extract(text)) if g == gene} == {status}


# --- lexicon: uroplakin II, ERCC2, AR-V7 ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "IHC: GATA3 positive, uroplakin II positive, p63 positive.",
        "Uroplakin-2 | Positive | membranous",
    ],
)
def test_uroplakin_ii_is_upk2(extract: Extract, text: str) -> None:
    assert ("UPK2", "expression", "positive") in facts(extract(text))


def test_ercc2_is_a_sequenced_gene(extract: Extract) -> None:
    got = facts(extract("ERCC2 | c.1021G>A p.(Asp341Asn) | 21% | Variant of uncertain significance"))
    assert got == {("ERCC2", "mutation", "uncertain")}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("CTC assay: AR-V7 POSITIVE (4 AR-V7+ CTCs per 7.5 mL).", "positive"),
        ("AR-V7 (circulating tumour cells): not detected.", "negative"),
        ("ARV7 status: positive on the liquid biopsy.", "positive"),
    ],
)
def test_ar_v7_is_the_ar_splice_variant_protein(extract: Extract, text: str, status: str) -> None:
    p = extract(text)
    assert facts(p) == {("AR", "expression", status)}
    assert [b.detail for b in p.biomarkers] == ["AR-V7"]


def test_ar_v7_test_sent_is_no_result(extract: Extract) -> None:
    assert not extract("Abiraterone stopped 11/2024; AR-V7 test sent.").biomarkers


# --- upper tract urothelial carcinoma -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "FINAL DIAGNOSIS\nLeft kidney and ureter, nephroureterectomy:\n- Invasive high-grade urothelial "
        "carcinoma of the renal pelvis, pT3.",
        "DIAGNOSIS: Right distal ureter, segmental ureterectomy: urothelial carcinoma, high grade, "
        "invading muscularis propria.",
        "Diagnosis: upper tract urothelial carcinoma (left renal pelvis), high grade.",
    ],
)
def test_urothelial_carcinoma_of_the_upper_tract_is_utuc(text: str) -> None:
    assert _code(text) == "UTUC"


@pytest.mark.parametrize(
    "text",
    [
        "DIAGNOSIS: Urinary bladder, TURBT: invasive high-grade urothelial carcinoma, muscularis "
        "propria present and involved.",
        "FINAL DIAGNOSIS\nBladder, radical cystectomy: urothelial carcinoma, high grade, pT2b. "
        "Ureteral margins: negative for carcinoma.",
    ],
)
def test_urothelial_carcinoma_of_the_bladder_stays_blca(text: str) -> None:
    assert _code(text) == "BLCA"


# --- an acquired variant supersedes a restated wild type ------------------------------------------


def test_an_acquired_variant_supersedes_the_restated_wild_type(extract: Extract) -> None:
    text = (
        "Clinical: EGFR-mutant NSCLC (TP53 wild-type on the 2022 biopsy) progressing on osimertinib.\n"
        "Gene | Alteration | VAF | Comment\n"
        "TP53 | p.(Arg248Gln) | 2.2% | Pathogenic; acquired since the prior tissue test"
    )
    got = {f for f in facts(extract(text)) if f[0] == "TP53"}
    assert got == {("TP53", "mutation", "positive")}


def test_a_wild_type_beside_a_variant_not_called_acquired_stays(extract: Extract) -> None:
    text = "KRAS G12C detected. Tissue NGS 2021: KRAS wild-type."
    got = {f for f in facts(extract(text)) if f[0] == "KRAS"}
    assert got == {("KRAS", "mutation", "positive"), ("KRAS", "mutation", "negative")}
