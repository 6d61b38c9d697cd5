"""Forms and screening logs: a tick box left empty states nothing about the gene beside it, each box is
its own item (a ticked one does not lend its words to the next), and a trial's inclusion/exclusion
criteria name the biomarkers a patient must have, not the ones she has. Also negatives worded as a test
ruling something out ("was ruled out", "excluded a ... mutation") and a sign in brackets typed as an en
dash ("EGFR (–)")."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, facts

LUNG = "Lung adenocarcinoma, right lower lobe.\n"


@pytest.mark.parametrize(
    ("form", "want"),
    [
        (
            "Driver found:  [x] EGFR exon 19 deletion   [ ] ALK rearrangement\n",
            {("EGFR", "mutation", "positive")},
        ),
        (
            "Driver found:  [ ] EGFR exon 19 deletion   [X] ALK rearrangement\n",
            {("ALK", "fusion", "positive")},
        ),
        (
            "Molecular:\n\u2610 ROS1 fusion\n\u2610 RET fusion\n\u2612 KRAS G12C\n",
            {("KRAS", "mutation", "positive")},
        ),
        ("( ) BRAF V600E   (x) MET exon 14 skipping\n", {("MET", "mutation", "positive")}),
    ],
)
def test_an_empty_box_states_nothing(extract: Extract, form: str, want: set) -> None:
    assert facts(extract(LUNG + form)) == want


def test_a_ticked_box_does_not_lend_its_class_to_the_next_item(extract: Extract) -> None:
    # the rearrangement is ALK's; "EGFR mutation" with no result word states nothing
    assert facts(extract(LUNG + "Result: [x] ALK rearrangement [x] EGFR mutation\n")) == {
        ("ALK", "fusion", "positive")
    }


@pytest.mark.parametrize(
    "criteria",
    [
        "Inclusion criteria: documented KRAS G12C mutation.\nPatient meets criterion: no.\n",
        "Key exclusion criteria:\n1. ALK rearrangement or ROS1 fusion\n2. Known MSI-high tumour\n",
        "Eligibility requirements (cohort B): HER2 amplification by FISH\n",
    ],
)
def test_trial_criteria_are_not_the_patients_results(extract: Extract, criteria: str) -> None:
    assert facts(extract(LUNG + criteria)) == set()


def test_results_after_a_criteria_paragraph_are_read(extract: Extract) -> None:
    text = (
        LUNG + "Inclusion criteria: documented KRAS G12C mutation.\n\nTissue NGS: KRAS G12C not detected.\n"
    )
    assert facts(extract(text)) == {("KRAS", "mutation", "negative")}


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("MET exon 14 skipping was ruled out by RNA sequencing.", ("MET", "mutation", "negative")),
        ("An EGFR mutation has been excluded (cobas).", ("EGFR", "mutation", "negative")),
        ("The PCR assay excluded a BRAF V600E mutation.", ("BRAF", "mutation", "negative")),
        ("ALK rearrangement: ruled out.", ("ALK", "fusion", "negative")),
        ("Negative results for ROS1.", ("ROS1", "fusion", "negative")),
        ("EGFR (\u2013)", ("EGFR", "mutation", "negative")),
        ("ALK (D5F3): no staining in tumour cells.", ("ALK", "expression", "negative")),
    ],
)
def test_ruled_out_and_dash_negatives(extract: Extract, line: str, row: tuple) -> None:
    assert facts(extract(LUNG + line + "\n")) == {row}


@pytest.mark.parametrize(
    "line",
    [
        "KRAS was excluded from the analysis because of low coverage.",
        "An EGFR mutation cannot be ruled out on this sample.",
        "FISH does not exclude an ALK rearrangement with an unusual partner.",
    ],
)
def test_excluded_from_or_not_ruled_out_is_no_negative(extract: Extract, line: str) -> None:
    assert not any(status == "negative" for _, _, status in facts(extract(LUNG + line + "\n")))
