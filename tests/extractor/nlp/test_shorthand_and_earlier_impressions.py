"""Two wordings from clinic shorthand and history: a dash glued to one gene and spaced from the next
("ALK- ROS1+") parts two results, it joins no fusion; and what a result was "thought to be" is an
earlier impression, never a finding stated positive."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts

LUNG = "Lung adenocarcinoma, right lower lobe.\n"


def test_a_dash_glued_to_one_gene_parts_two_results(extract: Extract) -> None:
    p = extract(LUNG + "Drivers: EGFR- ALK- ROS1+ PD-L1 60%.\n")
    assert ("ALK", "fusion", "negative") in facts(p)
    assert ("ROS1", "fusion", "positive") in facts(p)
    assert ("EGFR", "mutation", "negative") in facts(p)
    assert not [b for b in p.biomarkers if b.detail and "::" in b.detail]


def test_a_spaced_dash_still_names_a_fusion_when_a_fusion_word_follows(extract: Extract) -> None:
    p = extract(LUNG + "RNA sequencing: CD74- ROS1 fusion detected.\n")
    assert [(b.gene, b.detail, b.status) for b in p.biomarkers] == [("ROS1", "CD74::ROS1", "positive")]


def test_what_a_result_was_thought_to_be_is_not_a_positive(extract: Extract) -> None:
    p = extract(
        LUNG + "ALK was initially thought to be positive on the outside stain, but our FISH was negative.\n"
    )
    assert not [b for b in p.biomarkers if b.status == "positive"]
    p = extract(LUNG + "He was presumed to be EGFR-mutant because he never smoked.\n")
    assert not [b for b in p.biomarkers if b.status == "positive"]
