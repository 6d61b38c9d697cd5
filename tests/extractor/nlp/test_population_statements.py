"""What a drug is the standard for, or is being studied in, is a population ("the standard for
EGFR-mutated lung cancer", "being studied in NPM1-mutated disease"), not this patient's result: those
sentences had read EGFR and NPM1 positive. The patient's own "her EGFR-mutated cancer" still reads."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, facts

NOTE = "Clinic letter.\n"


@pytest.mark.parametrize(
    "line",
    [
        "Osimertinib is the standard of care for EGFR-mutated non-small cell lung cancer.",
        "Menin inhibitors are currently being investigated in NPM1-mutated leukaemia.",
        "Sotorasib is active in KRAS G12C-mutant lung cancer.",
        "Several trials in ALK-positive NSCLC are open at our centre.",
    ],
)
def test_a_population_named_by_its_marker_is_no_result(extract: Extract, line: str) -> None:
    assert facts(extract(NOTE + line + "\n")) == set()


def test_the_patients_own_marker_still_reads(extract: Extract) -> None:
    text = NOTE + "Osimertinib is the standard for her EGFR-mutated lung cancer.\n"
    assert facts(extract(text)) == {("EGFR", "mutation", "positive")}
