"""A drug stopped after a numbered cycle "due to" a toxicity was stopped: "cycle 3 due to" had matched
the wording of a cycle that is due ("cycle 4 due 12/03"), and the answer said the drug was ongoing."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, outcomes

LUNG = "Metastatic lung adenocarcinoma.\n"


def test_stopped_after_a_cycle_due_to_toxicity(extract: Extract) -> None:
    text = LUNG + "Pembrolizumab was discontinued after cycle 4 due to grade 3 colitis.\n"
    assert outcomes(extract(text)) == {"pembrolizumab": "stopped"}


def test_a_cycle_that_is_due_is_still_ongoing(extract: Extract) -> None:
    text = LUNG + "Pembrolizumab every 3 weeks: cycle 5 due 14/01/2026.\n"
    assert outcomes(extract(text)) == {"pembrolizumab": "ongoing"}
