"""Words that look like results but are not: "non-rearranged" / "non amplified" are negatives,
a clause about what a stain does in a population is no result of the patient's, "wild-type allele
lost" is the second hit beside a pathogenic variant, and the examples a "no ... mutations" sentence
lists ("including T315I, E255K") are what the "no" covered."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ALK status by FISH: non-rearranged.", ("ALK", "fusion", "negative")),
        ("RET: non rearranged (break-apart probe).", ("RET", "fusion", "negative")),
        ("HER2 non amplified, ratio 1.1.", ("ERBB2", "amplification", "negative")),
        ("BRAF non-mutant by PCR.", ("BRAF", "mutation", "negative")),
    ],
)
def test_a_non_prefixed_result_word_is_negative(extract, text: str, want: tuple[str, str, str]) -> None:
    got = facts(extract(text))
    assert want in got
    assert not any(s == "positive" for _, _, s in got)


@pytest.mark.parametrize(
    "text",
    [
        "Note: ALK (D5F3) can show faint staining in some non-rearranged mucinous carcinomas.",
        "ROS1 immunostaining may be positive in non-rearranged lung tumours; interpret with care.",
        "RET fusions may occur in up to 2% of lung adenocarcinomas.",
    ],
)
def test_a_clause_about_a_population_is_no_result(extract, text: str) -> None:
    assert not [b for b in extract(text).biomarkers if b.status == "positive"]


def test_a_population_clause_leaves_the_patients_own_result_alone(extract) -> None:
    got = facts(extract("KRAS G12C detected; this variant can be found in 13% of lung adenocarcinomas."))
    assert got == {("KRAS", "mutation", "positive")}


@pytest.mark.parametrize(
    "text",
    [
        "TP53 c.743G>A (p.R248Q), pathogenic, wild-type allele lost in the tumour (LOH).",
        "PALB2 | p.Gln775* | Pathogenic | Tumour: loss of the wild-type allele",
        "CHEK2 | p.Thr367fs | Pathogenic | WT allele lost (second hit)",
    ],
)
def test_a_lost_wild_type_allele_keeps_the_pathogenic_variant_positive(extract, text: str) -> None:
    got = facts(extract(text))
    gene = text.split()[0]
    assert (gene, "mutation", "positive") in got
    assert (gene, "mutation", "negative") not in got


def test_examples_of_what_a_no_covered_are_not_found_variants(extract) -> None:
    text = "No FLT3 tyrosine kinase domain mutations were found (including D835Y, D835H, I836del) here."
    got = facts(extract(text))
    assert ("FLT3", "mutation", "negative") in got
    assert not any(s == "positive" for _, _, s in got)
