"""A staging note's current stage, when it also writes stages it does not give as current.

A stage it replaces (in active or passive voice, as "historical", "not current", "for comparison"),
a stage under an older edition of a system it also uses, a population's or a trial's stage, and a
hypothetical one ("were it a metastasis this would be M1b") are not the patient's stage now.
"""

from __future__ import annotations

import pytest
from casewise_extractor.nlp.stage import find_stage, find_stages


def _main(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    found = find_stages(text)
    assert found, text
    s = found[0]
    return s.group, s.t, s.n, s.m


@pytest.mark.parametrize(
    "text",
    [
        # active voice: what follows "supersedes" is the old stage
        "Impression: cT2 cN1 cM0, clinical stage IIB. This replaces the earlier staging of\n"
        "cT3 N2 (stage IIIB), which had counted a reactive node.",
        # passive voice: the sentence's stage is the old one
        "Staging: cT2 cN1 cM0. The referral letter's stage IIIB is outdated and no longer\n"
        "current. Correct stage: IIB.",
        # "superseded by": what comes before it is old
        "Outside staging of cT3 N2, stage IIIB, is superseded by our review. Stage IIB (cT2 cN1 cM0).",
        # a table row labelled as kept for comparison
        "System | T | N | M | Group\nOld TNM (for comparison only) | T3 | N2 | M0 | stage IIIB\n"
        "Current | cT2 | cN1 | cM0 | stage IIB",
    ],
)
def test_a_superseded_stage_is_not_the_current_one(text: str) -> None:
    group, t, n, _ = _main(text)
    assert (group, t, n) == ("IIB", "T2", "N1")


def test_a_stage_called_historical_gives_no_group_to_the_current_one() -> None:
    text = (
        "Original tumour 2018: pT1c pN0 cM0, stage IA.\n\n"
        "Recurrence restaging: rpT1b cN0 cM0 (no group assigned; the 2018 stage IA is historical)."
    )
    assert _main(text) == (None, "T1b", "N0", "M0")


def test_an_older_edition_beside_a_newer_one_is_not_the_stage() -> None:
    text = (
        "Staging (7th edition AJCC): T2 N2b M0 - stage IVA.\n"
        "Staging (AJCC 8th, HPV-associated): cT2 cN1 cM0 - clinical stage I."
    )
    group, t, n, m = _main(text)
    assert (group, t, n, m) == ("I", "T2", "N1", "M0")


def test_a_figo_table_reads_the_newest_edition_and_keeps_the_tnm() -> None:
    text = "TNM | pT1b pN0\nFIGO 2009 | IB\nFIGO 2023 (anatomic) | IIC - high-grade histotype with invasion"
    assert _main(text)[:3] == ("IIC", "T1b", "N0")


def test_a_figo_2023_molecular_stage_is_read_as_its_anatomic_stage() -> None:
    assert _main("Final: pT1a pN0(sn). FIGO 2023 stage: IAmPOLEmut.")[:3] == ("IA", "T1a", "N0")
    # the TNM beside an older FIGO label is still the tumour's
    text = "FIGO 2009 / AJCC stage IA (pT1a pN0). FIGO 2023 stage: IAmPOLEmut."
    assert _main(text)[:3] == ("IA", "T1a", "N0")


@pytest.mark.parametrize(
    "text",
    [
        "ypT2a ypN0 (cM0). Men with ypT2-ypT4a or ypN+ disease after cisplatin qualify for adjuvant therapy.",
        "ypT2a ypN0 (cM0). Trial entry criteria: ypT3 or ypT4a, any N.",
    ],
)
def test_a_populations_stage_is_not_the_patients(text: str) -> None:
    assert _main(text)[1:3] == ("T2a", "N0")


def test_a_trials_criteria_in_brackets_do_not_give_the_patient_an_m() -> None:
    text = "pT3a pN0. Under the study's criteria (pT2 grade 4, or pT3 any grade, N0, M0) she qualifies."
    assert _main(text) == (None, "T3a", "N0", None)


def test_a_hypothetical_stage_is_not_the_stage() -> None:
    text = (
        "The liver lesion is a haemangioma. If the lesion were malignant this would be M1c and stage IV.\n"
        "Summary: cT3 cN1 cM0, clinical stage IIIB."
    )
    assert _main(text) == ("IIIB", "T3", "N1", "M0")


def test_capitalised_words_are_not_a_tnm_run() -> None:
    # "TO MID" reads as T0 M1d with O and I taken for digits
    found = find_stage("EXAM: MRI SPINE C1 TO MID-THORACIC LEVEL\nFindings: no lesion.")
    assert found is None or (found.t, found.m) == (None, None)


def test_a_bare_n_beside_a_clinical_t_is_clinical() -> None:
    # the bare N0 belongs to the clinical run: it does not outrank the clinical cN2
    text = "Outside CT read cT2b N0. PET/CT: cT2b cN2 cM0."
    assert _main(text)[1:] == ("T2b", "N2", "M0")


def test_a_stage_after_therapy_is_later_than_the_one_before() -> None:
    text = "Baseline MRI: mrT3c N1b; clinical stage cT3 cN1b cM0.\nRestaging after TNT: ymrT2 ymrN0."
    _, t, n, _ = _main(text)
    assert (t, n) == ("T2", "N0")
    text = "Clinical stage IIIA (cT2b cN2 cM0). After chemo-immunotherapy, radiology: ycT1b ycN0."
    assert _main(text)[1:3] == ("T1b", "N0")


def test_a_recurrence_stage_is_later_than_the_first_tumours() -> None:
    text = "Lumpectomy 2017: pT1c pN0(sn), stage IA.\nRecurrence 2024: rpT1b rpNX."
    assert find_stages(text)[0].t == "T1b"


def test_a_post_therapy_group_written_with_leaders_is_read() -> None:
    text = (
        "Extent of invasion .......... inner half of muscularis propria (pT2a)\n"
        "Post-therapy stage .......... ypT2a ypN0 (cM0)\n"
        "Stage group (post-therapy) .. II\n"
        "Initial clinical stage cT3 cN0 cM0 (stage IIIA)."
    )
    assert _main(text) == ("II", "T2a", "N0", "M0")
