"""Amended, corrected and superseded results (blind12): only the final value counts. A block the
report keeps "for the record" (the superseded original text, a correction log of old values), an
equivocal or pending result that the same report settles later or in its addendum, and a test
"not performed" because it is not indicated give no row of their own."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts


@pytest.mark.parametrize(
    "text",
    [
        "AMENDED REPORT\nHER2 IHC (4B5): 1+ (HER2-low), amended.\n\n"
        "Original report text (02/02/2025) - superseded\n"
        '  "HER2 IHC: 2+ (equivocal). FISH to follow in an addendum."\n\n'
        "Clinical history\nScreen-detected mass.",
        "Final HER2 immunohistochemistry score 1+ (negative).\n"
        "Superseded original report:\n"
        "HER2 (IHC) 2+, equivocal; reflex ISH has been requested.\n"
        "Gross description\nA lumpectomy specimen.",
    ],
)
def test_the_text_kept_for_the_record_is_no_result(extract, text: str) -> None:
    assert facts(extract(text)) == {("ERBB2", "expression", "negative")}


def test_a_correction_log_lists_old_values_not_results(extract) -> None:
    text = (
        "Results\nMLH1 | IHC | intact\nPMS2 | IHC | intact\nMSH2 | IHC | intact\n"
        "MSH6 | IHC | loss of nuclear staining (corrected)\n"
        "Amendment history\n"
        "Item | Originally reported | Amended to | Why\n"
        "MSH6 stain | Retained | Lost | Slide re-read\n"
        "Mismatch repair status | Proficient (pMMR) | Deficient (dMMR) | Follows from the MSH6 change\n"
        "Germline testing | Not advised | Advised | Follows from the MSH6 change\n"
        "Methods\nVentana platform."
    )
    got = facts(extract(text))
    assert ("MSH6", "loss", "positive") in got
    assert not {f for f in got if f[0] == "MSH6" and f != ("MSH6", "loss", "positive")}
    assert not {f for f in got if f[0] == "MMR" and f[2] == "negative"}


@pytest.mark.parametrize(
    "text",
    [
        "The mismatch repair protein stains show retained nuclear expression of MLH1, PMS2 and MSH2, "
        "with loss of MSH6 in the carcinoma and retained expression in adjacent normal mucosa and "
        "lymphocytes.",
        "Mismatch repair proteins: intact expression of MLH1 and PMS2; MSH6 lost in tumour cells, "
        "staining preserved in the surrounding benign colonic crypts.",
    ],
)
def test_a_panel_sentence_naming_one_lost_protein_is_not_proficient(extract, text: str) -> None:
    got = facts(extract(text))
    assert ("MSH6", "loss", "positive") in got
    assert ("MSH6", "loss", "negative") not in got
    assert ("MMR", "signature", "negative") not in got


def test_mismatch_repair_proteins_retained_is_still_proficient(extract) -> None:
    assert facts(extract("Mismatch repair proteins are retained.")) == {("MMR", "signature", "negative")}


@pytest.mark.parametrize(
    "text",
    [
        "=====\nADDENDUM 2 (2025-02-10) - POLE RESULT\nPOLE sequencing: no pathogenic variant detected.\n"
        "=====\nFINAL REPORT (2025-01-28)\nMolecular studies: POLE: pending, sent out.\n",
        "Addendum (12/03/2024): POLE hotspot analysis - no mutation identified.\n-----\n"
        "Ancillary studies\n  p53: wild-type pattern\n  POLE: awaited; will be issued as an addendum.\n",
    ],
)
def test_an_addendum_answers_the_reports_pending_test(extract, text: str) -> None:
    got = facts(extract(text))
    assert ("POLE", "mutation", "negative") in got
    assert ("POLE", "mutation", "unknown") not in got


def test_a_pending_test_after_a_result_outside_an_addendum_stays(extract) -> None:
    text = "ALK rearranged by FISH. Plasma ALK resistance mutation testing is pending."
    assert ("ALK", "fusion", "unknown") in facts(extract(text))


def test_an_equivocal_stain_settled_later_in_the_report_is_superseded(extract) -> None:
    text = (
        "Mismatch repair IHC:\n  MLH1 - intact\n  MSH2 - loss\n  MSH6 - loss\n"
        "The earlier curettage had MSH6 reported as equivocal (patchy weak staining).\n"
        "On the hysterectomy MSH6 shows unequivocal loss with intact internal control."
    )
    got = facts(extract(text))
    assert ("MSH6", "loss", "positive") in got
    assert ("MSH6", "loss", "equivocal") not in got


def test_an_equivocal_result_with_no_later_answer_stays(extract) -> None:
    assert ("ERBB2", "expression", "equivocal") in facts(extract("HER2 IHC: 2+ (equivocal)."))


@pytest.mark.parametrize(
    "text",
    [
        "HER2 testing was not done on this endometrioid tumour as per departmental protocol.",
        "HER2: not performed (not clinically indicated in squamous carcinoma).",
        "ALK IHC not routinely performed for squamous histology.",
    ],
)
def test_a_test_not_done_because_not_indicated_gives_no_row(extract, text: str) -> None:
    assert not extract(text).biomarkers


@pytest.mark.parametrize(
    "text",
    ["KRAS and NRAS testing were not performed.", "ROS1 FISH not performed (insufficient tumour)."],
)
def test_a_test_not_done_for_no_stated_policy_stays_unknown(extract, text: str) -> None:
    assert {f[2] for f in facts(extract(text))} == {"unknown"}
