"""IHC work-up panels and heme rearrangement tables: OCR "CK2O", a negation that opens the next
marker ("and absent p40"), CD117 as the KIT stain, SDHB retained, arginase-1, "(incl. D842V)" inside
a negative row, "cannot be determined", and fusions keyed on the rearranged driver gene."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts


def test_ocr_ck2o_is_ck20(extract) -> None:
    assert ("KRT20", "expression", "negative") in facts(extract("Panel: CK7+ / CK2O- / CDX2-"))


def test_a_negation_before_the_next_marker_is_that_markers(extract) -> None:
    got = facts(extract("Profile: GATA3 with SOX10 co-expression and absent CK20 favours melanoma."))
    assert ("KRT20", "expression", "negative") in got
    assert ("SOX10", "expression", "negative") not in got


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Tumour cells: CD117 (+) and DOG1 (+).", ("KIT", "expression", "positive")),
        ("IMMUNOSTAINS\n CD117 ....... (+) diffuse\n", ("KIT", "expression", "positive")),
        ("SDHB .......... retained (intact)", ("SDHB", "loss", "negative")),
        ("Arginase-1: negative in the tumour.", ("ARG1", "expression", "negative")),
        ("CD34 .......... (+) focal", ("CD34", "expression", "positive")),
    ],
)
def test_stain_rows_read_as_the_protein(extract, text: str, want: tuple[str, str, str]) -> None:
    got = facts(extract(text))
    assert want in got
    assert ("KIT", "mutation", "positive") not in got


def test_an_example_variant_inside_a_negative_row_keeps_it_negative(extract) -> None:
    got = facts(extract("PDGFRA exons 12 and 18 (incl. D842V): no variant detected"))
    assert got == {("PDGFRA", "mutation", "negative")}


def test_cannot_be_determined_is_unknown(extract) -> None:
    assert facts(extract("Tumor mutational burden: cannot be determined (low coverage).")) == {
        ("TMB", "signature", "unknown")
    }


@pytest.mark.parametrize(
    ("text", "gene"),
    [
        ("TCF3::PBX1 fusion: not detected.", "TCF3"),
        ("P2RY8::CRLF2 fusion: not detected.", "CRLF2"),
        ("PAX8::PPARG fusion: not detected.", "PPARG"),
        ("ETV6::RUNX1 fusion: not detected.", "ETV6"),
    ],
)
def test_a_fusion_is_keyed_on_its_driver(extract, text: str, gene: str) -> None:
    assert facts(extract(text)) == {(gene, "fusion", "negative")}
