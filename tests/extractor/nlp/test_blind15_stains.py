"""Stain and signature wordings of the blind15 breast, gynaecological and skin families (sentences
written for these tests, not the blind documents).

- "No loss" / "without loss" of a loss-read stain (MMR proteins, PTEN, BAP1) is the stain kept:
  loss NEGATIVE. It had read as a negative stain and flipped to a loss found (a false dMMR).
- HER2 membrane staining described as faint, weak or incomplete "present in 5% of cells" is the
  IHC 0 / 1+ pattern, never HER2 positive.
- A reporting-category legend ("Positive >10%; Low positive 1-10%; Negative <1%") is no result.
- "HPV-independent" (WHO name of the squamous carcinomas) states HPV negative, whatever follows.
- "p53 ... ABNORMAL (mutant-type)" names the stain by its protein: the pattern is read.
- An antibody clone in brackets after each MMR protein keeps the list's shared result.
- "FRa" is folate receptor alpha; a clone named after the protein ("FOLR1-2.1 clone") is no result.
- "not HER2 3+" says which score it is not, never HER2 negative.
- "wild-type" is a gene's word, never a signature's (HRD); "see HRD result" is a cross-reference.
- A ";" list of stain results wrapped between a marker and its "POSITIVE" is one sentence.
"""

from __future__ import annotations

import pytest

from .conftest import Extract, facts

# --- no loss ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "genes"),
    [
        ("Mismatch repair immunostains: MLH1 no loss, PMS2 no loss.", ("MLH1", "PMS2")),
        ("There is no loss of MSH2 or MSH6 nuclear expression in the tumour.", ("MSH2", "MSH6")),
        ("PTEN immunohistochemistry: staining kept in tumour cells (no loss).", ("PTEN",)),
        ("BAP1 stain performed: without loss of nuclear staining.", ("BAP1",)),
    ],
)
def test_no_loss_of_a_stain_is_loss_negative(extract: Extract, text: str, genes: tuple[str, ...]) -> None:
    got = facts(extract(text))
    for gene in genes:
        assert (gene, "loss", "negative") in got
        assert (gene, "loss", "positive") not in got


def test_a_negative_stain_still_reads_as_loss(extract: Extract) -> None:
    got = facts(extract("MMR IHC: MLH1 negative, PMS2 negative; MSH2 and MSH6 intact."))
    assert {("MLH1", "loss", "positive"), ("PMS2", "loss", "positive")} <= got


# --- HER2 staining described --------------------------------------------------------------------


def test_faint_incomplete_her2_staining_present_is_not_positive(extract: Extract) -> None:
    text = (
        "HER2 note: very faint, incomplete membrane staining is present in about 4% of the invasive "
        "cells; reported as IHC 0."
    )
    assert ("ERBB2", "expression", "positive") not in facts(extract(text))


def test_complete_her2_staining_present_stays_positive(extract: Extract) -> None:
    got = facts(extract("HER2: intense, complete membrane staining present in 95% of tumour cells."))
    assert ("ERBB2", "expression", "positive") in got


def test_reporting_category_legend_is_no_result(extract: Extract) -> None:
    text = "Categories used | ER/PR: Positive >10%; Low positive 1-10%; Negative <1% |"
    assert not any(g in ("ESR1", "PGR") for g, _, _ in facts(extract(text)))


def test_not_her2_three_plus_is_no_negative(extract: Extract) -> None:
    text = "HER2 IHC 2+. A HER2 antibody-drug conjugate is off-label here as the tumour is not HER2 3+."
    got = facts(extract(text))
    assert ("ERBB2", "expression", "equivocal") in got
    assert ("ERBB2", "expression", "negative") not in got


# --- viral marker, p53 protein name --------------------------------------------------------------


def test_hpv_independent_is_hpv_negative(extract: Extract) -> None:
    text = (
        "Vulva, excision: squamous cell carcinoma, HPV-independent type, 18 mm, perineural invasion present."
    )
    got = facts(extract(text))
    assert ("HPV", "other", "negative") in got
    assert ("HPV", "other", "positive") not in got


def test_neither_present_is_negative(extract: Extract) -> None:
    text = "Tumours driven by the virus show HR-HPV RNA signals - neither is present in this case."
    got = facts(extract(text))
    assert ("HPV", "other", "positive") not in got


@pytest.mark.parametrize(
    "text",
    ["p53 (DO-7) ....... ABNORMAL (mutant-type).", "Both specimens agree: p53 abnormal."],
)
def test_p53_named_by_its_protein_reads_the_pattern(extract: Extract, text: str) -> None:
    assert ("TP53", "mutation", "positive") in facts(extract(text))


# --- clones in a list, FRa ------------------------------------------------------------------------


def test_clone_brackets_keep_the_lists_shared_result(extract: Extract) -> None:
    text = (
        "MMR panel | MLH1 (M1), PMS2 (A16-4), MSH2 (G219-1129), MSH6 (SP93) | "
        "nuclear staining retained in all four | pMMR"
    )
    got = facts(extract(text))
    assert {("MLH1", "loss", "negative"), ("PMS2", "loss", "negative"), ("MSH2", "loss", "negative")} <= got


def test_fra_is_folate_receptor_alpha(extract: Extract) -> None:
    text = "FRa immunohistochemistry: 90% of viable tumour cells at 2+ or 3+ - FRa POSITIVE."
    assert ("FOLR1", "expression", "positive") in facts(extract(text))


def test_a_clone_named_after_its_protein_is_no_result(extract: Extract) -> None:
    text = (
        "IHC, FOLR1-2.1 clone | % tumour cells at >= 2+ | 30% at >= 2+ (50% at 1+) | "
        "FRa NEGATIVE (under the 75% cut-off)"
    )
    got = facts(extract(text))
    assert ("FOLR1", "expression", "negative") in got
    assert ("FOLR1", "expression", "positive") not in got


# --- signatures -------------------------------------------------------------------------------------


def test_wild_type_is_never_a_signatures_result(extract: Extract) -> None:
    got = facts(extract("HRD | BRCA wild-type, genomic scar score high | HRD POSITIVE"))
    assert ("HRD", "signature", "positive") in got
    assert ("HRD", "signature", "negative") not in got


def test_see_a_result_elsewhere_is_a_cross_reference(extract: Extract) -> None:
    text = (
        "No pathogenic variants were detected in: ATM, CHEK2, PALB2. (For BRCA1 and BRCA2 see HRD "
        "result above.)"
    )
    assert not any(g == "HRD" for g, _, _ in facts(extract(text)))


def test_a_stain_list_wrapped_before_a_result_word_keeps_it(extract: Extract) -> None:
    text = (
        "Stains: tumour cells are CK7 POSITIVE; TTF-1 NEGATIVE; chromogranin\n"
        "POSITIVE; synaptophysin POSITIVE.\n"
    )
    assert ("CHGA", "expression", "positive") in facts(extract(text))
