"""Gene lists in germline and plasma reports (blind12 fixes): a "Genes analysed:" list that follows a
negative result on the same line is a list of negatives, never of findings, and the last item's own
"(deletion/duplication only)" note is that item's; a list item's own class word ("AR amplification")
is not overridden by the next item's variant; the olaparib-label HRR genes are in the lexicon; a
"biallelic X loss" restates the variants; "no pathogenic variants were found in the other genes,
including ..." is a negative list even under a VUS heading; "X carriers" in advice is a population;
a letter's "What this means for you" ends the VUS section; a comparison table with an earlier test
states old results; "(mutations and amplification)" tested both classes."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts

INLINE_GENES_ANALYSED = [
    (
        "Hereditary cancer panel (blood)\n"
        "RESULT: NEGATIVE. No pathogenic variants were identified. Genes tested: BRCA1, BRCA2, PALB2, "
        "ATM, CHEK2, MLH1, MSH2, EPCAM (del/dup analysis only). No VUS reported.\n",
        {"BRCA1", "BRCA2", "PALB2", "ATM", "CHEK2", "MLH1", "MSH2"},
        "EPCAM",
    ),
    (
        "Germline results: Negative. No pathogenic or likely pathogenic germline variants were detected. "
        "Genes analyzed: ATM, BRCA2, HOXB13, MSH6, PMS2, EPCAM (deletion/duplication only).\n",
        {"ATM", "BRCA2", "HOXB13", "MSH6", "PMS2"},
        "EPCAM",
    ),
]


@pytest.mark.parametrize(("text", "negatives", "deletion_only"), INLINE_GENES_ANALYSED)
def test_an_inline_genes_analysed_list_after_a_negative_result_is_negative(
    extract, text: str, negatives: set[str], deletion_only: str
) -> None:
    got = facts(extract(text))
    assert not {f for f in got if f[2] == "positive"}
    assert {(g, "mutation", "negative") for g in negatives} <= got
    assert (deletion_only, "deletion", "negative") in got
    assert not {f for f in got if f[1] == "deletion" and f[0] != deletion_only}


def test_a_genes_analysed_list_with_no_result_states_nothing(extract) -> None:
    got = facts(
        extract(
            "Panel: hereditary 12-gene. Genes analysed: BRCA1, BRCA2, EPCAM (deletion/duplication only).\n"
        )
    )
    assert not {f for f in got if f[2] == "positive"}


@pytest.mark.parametrize(
    ("text", "gene", "klass"),
    [
        ("Plasma NGS: CDK12 frameshift, AR amplification, TP53 R175H.", "AR", "amplification"),
        (
            "Tumour profile: ERBB2 amplification, PIK3CA E545K and TP53 R273H detected.",
            "ERBB2",
            "amplification",
        ),
        ("ctDNA: MET amplification, EGFR L858R.", "MET", "amplification"),
    ],
)
def test_a_list_item_keeps_its_own_class_word(extract, text: str, gene: str, klass: str) -> None:
    got = facts(extract(text))
    assert (gene, klass, "positive") in got
    assert (gene, "mutation", "positive") not in got


@pytest.mark.parametrize(
    "text",
    [
        "No pathogenic alterations were identified in RAD51B, RAD54L, CHEK1 or FANCL.",
        "- No alterations identified in BRCA1, CHEK1,\n   FANCL, RAD51B, RAD51C or RAD54L\n",
        "HRR genes not detected: CHEK1, FANCL, RAD51B, RAD54L.",
    ],
)
def test_the_olaparib_label_hrr_genes_are_read(extract, text: str) -> None:
    got = facts(extract(text))
    assert {(g, "mutation", "negative") for g in ("CHEK1", "FANCL", "RAD51B", "RAD54L")} <= got


@pytest.mark.parametrize(
    "text",
    [
        "CDK12 | c.2992C>T p.(Arg998*) | 9.5% | Pathogenic; with the frameshift above, "
        "consistent with biallelic CDK12 loss",
        "Two truncating CDK12 variants (p.Q389* and p.E901fs) indicate bi-allelic loss of CDK12.",
    ],
)
def test_biallelic_loss_restates_the_variants(extract, text: str) -> None:
    got = facts(extract(text))
    assert ("CDK12", "mutation", "positive") in got
    assert not {f for f in got if f[1] == "loss"}


VUS_THEN_NEGATIVES = (
    "Variant of uncertain significance (VUS):\n"
    "   PALB2  c.1010T>C  p.(Leu337Ser)   heterozygous\n"
    "\n"
    "No pathogenic variants were found in the remaining genes tested,\n"
    "including TP53, PTEN, CDH1, STK11 and CHEK2.\n"
)


def test_no_pathogenic_variants_in_the_other_genes_including_is_negative(extract) -> None:
    got = facts(extract(VUS_THEN_NEGATIVES))
    assert ("PALB2", "mutation", "uncertain") in got
    assert {(g, "mutation", "negative") for g in ("TP53", "PTEN", "CDH1", "STK11", "CHEK2")} <= got
    assert not {f for f in got if f[2] == "uncertain" and f[0] != "PALB2"}


def test_a_letter_heading_ends_the_vus_section(extract) -> None:
    text = (
        "POSITIVE - Pathogenic variant identified:\n"
        "   BRCA2  c.5946del  p.(Ser1982Argfs*22)\n"
        "\n"
        "Variant of uncertain significance (VUS):\n"
        "   ATM  c.4388T>G  p.(Phe1463Cys)\n"
        "\n"
        "What this result means for you\n"
        "The BRCA2 result explains why you developed breast cancer at a young age.\n"
    )
    got = facts(extract(text))
    assert {("BRCA2", "mutation", "positive"), ("ATM", "mutation", "uncertain")} <= got
    assert ("BRCA2", "mutation", "uncertain") not in got


@pytest.mark.parametrize(
    "text",
    [
        "You carry a pathogenic BRCA1 variant. Prostate screening is not routinely offered to BRCA1 carriers "
        "without a family history.",
        "Your BRCA1 c.68_69del result is positive. MRI surveillance is not advised for "
        "BRCA1 carriers over 75.",
    ],
)
def test_carriers_in_advice_are_a_population(extract, text: str) -> None:
    got = facts(extract(text))
    assert ("BRCA1", "mutation", "negative") not in got


def test_a_comparison_with_an_earlier_test_states_old_results(extract) -> None:
    text = (
        "Detected alterations\n"
        "Gene | Alteration | VAF\n"
        "ESR1 | p.E380Q | 2.2%\n"
        "KRAS | p.G12D | 1.1%\n"
        "Pertinent negatives\n"
        "No reportable alterations were detected in AKT1 or PTEN.\n"
        "Comparison with prior test (collected 03/2023)\n"
        "Gene | 03/2023 | 06/2025 | Change\n"
        "ESR1 | Not detected | E380Q 2.2% | New\n"
        "KRAS | G12D 0.4% | G12D 1.1% | Increased\n"
    )
    got = facts(extract(text))
    assert ("ESR1", "mutation", "positive") in got
    assert ("ESR1", "mutation", "negative") not in got
    assert ("KRAS", "mutation", "negative") not in got


@pytest.mark.parametrize(
    "text",
    [
        "No reportable alterations were detected in AKT1, ERBB2 (mutations and amplification) or PTEN.",
        "ERBB2 (amplification and mutations): not detected.",
    ],
)
def test_mutations_and_amplification_tested_both_classes(extract, text: str) -> None:
    got = facts(extract(text))
    assert {("ERBB2", "mutation", "negative"), ("ERBB2", "amplification", "negative")} <= got


@pytest.mark.parametrize(
    "text",
    [
        "Ga-68 PSMA-11 PET/CT 05/2025: PSMA-avid nodal and osseous metastases (SUVmax 22); "
        "no PSMA-negative soft-tissue disease.",
        "Restaging confirmed PSMA-positive mCRPC, eligible for radioligand therapy.",
    ],
)
def test_psma_positive_disease_is_folh1_expression(extract, text: str) -> None:
    assert ("FOLH1", "expression", "positive") in facts(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Cycle 3 of 177Lu-PSMA-617 given on 03/02/2025.",
        "PSMA PET: prostate primary with left seminal vesicle involvement.",
        "Screened for the PSMAfore study.",
        "The hepatic lesion is not PSMA-avid (FDG-avid, discordant).",
        "No PSMA-avid disease; PSA 0.3.",
    ],
)
def test_psma_named_without_a_positive_reading_gives_no_row(extract, text: str) -> None:
    assert not {f for f in facts(extract(text)) if f[0] == "FOLH1"}
