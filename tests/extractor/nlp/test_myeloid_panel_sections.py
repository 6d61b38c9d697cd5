"""A myeloid NGS panel: the "no variant detected" gene list ends at an "Interpretation and comments"
heading (the comments restate the variants found, which must not read as negatives); the panel's
less common genes are in the lexicon; a start-loss variant is no protein loss."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts

PANEL = """MYELOID NGS PANEL
VARIANTS DETECTED
NPM1 | c.860_863dup | p.(Trp288Cysfs*12) | 40%
IDH2 | c.419G>A | p.(Arg140Gln) | 38%
GENES SEQUENCED WITH NO VARIANT DETECTED
ASXL1, CBL, CSF3R, PHF6, PPM1D, RAD21, SETBP1, SMC1A, SMC3, TP53
INTERPRETATION AND COMMENTS
1. NPM1 mutation with IDH2 R140Q: enasidenib is an option at relapse for IDH2-mutated disease.
"""


def test_comments_after_a_negative_list_keep_the_variants_found(extract: Extract) -> None:
    rows = facts(extract(PANEL))
    assert ("NPM1", "mutation", "positive") in rows and ("IDH2", "mutation", "positive") in rows
    assert ("NPM1", "mutation", "negative") not in rows and ("IDH2", "mutation", "negative") not in rows


def test_the_panels_less_common_genes_are_read_as_tested_negative(extract: Extract) -> None:
    rows = facts(extract(PANEL))
    for gene in ("CBL", "CSF3R", "PHF6", "PPM1D", "RAD21", "SETBP1", "SMC1A", "SMC3"):
        assert (gene, "mutation", "negative") in rows


def test_a_start_loss_variant_is_no_protein_loss(extract: Extract) -> None:
    p = extract(
        "Pancreatic adenocarcinoma. SMAD4 stop-loss variant at 31% VAF; PTEN start-loss variant at 12% VAF.\n"
    )
    assert not [b for b in p.biomarkers if b.alteration == "loss"]
