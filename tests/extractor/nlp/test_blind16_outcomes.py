"""Outcomes in the records a patient assembles (blind16 wording families; sentences written for
these tests).

- A course named again with nothing new said of it (a diagnosis list's "melanoma on ipilimumab/
  nivolumab") does not become the latest course: the stop decided before it stands.
- CML: loss of a major molecular response (MMR) is progression, "MMR regained" a response; "loss
  of MMR protein expression" is a stain, no outcome.
- A drug "omitted from C6 onwards" was given and then stopped.
- An induction written with doses per day ("100 mg/m2/day continuous infusion days 1-7 and ...")
  is one regimen: the remission stated after it is every drug's.
"""

from __future__ import annotations

from .conftest import Extract, outcomes


def test_a_restated_course_does_not_undo_a_later_stop(extract: Extract) -> None:
    text = (
        "ONCOLOGIC HISTORY\n"
        "- Ipilimumab + nivolumab q3w x 3 cycles: partial response on CT 02/2026.\n"
        "\nHOSPITAL COURSE\n"
        "Given grade 3 colitis, ipilimumab will be permanently discontinued.\n"
        "\nDIAGNOSES\n"
        "1. Metastatic melanoma on ipilimumab/nivolumab\n"
    )
    got = outcomes(extract(text))
    assert got["ipilimumab"] == "stopped"
    assert got["nivolumab"] == "response"


def test_loss_and_regain_of_a_molecular_response_in_cml(extract: Extract) -> None:
    text = (
        "Date | Drug | Pharmacist note\n"
        "2024-05-02 | Bosutinib 400 mg tab | Refill; BCR-ABL1 IS 0.05% (MMR).\n"
        "2025-03-10 | Bosutinib 400 mg tab | STOPPED 2025-03-20: loss of major molecular response "
        "(IS 2.3%).\n"
        "2025-03-21 | Ponatinib 30 mg tab | NEW start.\n"
        "2025-09-01 | Ponatinib 30 mg tab | IS 0.08% - MMR regained per haematology.\n"
    )
    got = outcomes(extract(text))
    assert got["bosutinib"] == "progression"
    assert got["ponatinib"] == "response"


def test_loss_of_mmr_protein_staining_is_no_progression(extract: Extract) -> None:
    text = "Pembrolizumab started 03/2025 for loss of MMR protein expression (MLH1/PMS2)."
    assert outcomes(extract(text)).get("pembrolizumab") != "progression"


def test_a_drug_omitted_from_a_later_cycle_was_given_and_stopped(extract: Extract) -> None:
    text = (
        "Line | Regimen | Period | Response / remarks\n"
        "1st | CAPOX + bevacizumab x 8 cycles | 03/2024 - 09/2024 | PR after 4 cycles. Oxaliplatin omitted "
        "from C6 onwards - grade 2 neuropathy\n"
    )
    got = outcomes(extract(text))
    assert got["oxaliplatin"] == "stopped"
    assert got["capecitabine"] == "response"


def test_a_remission_after_an_induction_with_doses_per_day_is_the_whole_regimens(extract: Extract) -> None:
    text = (
        "FRONT-LINE THERAPY\n"
        "  - Induction 02/2025: cytarabine 100 mg/m2/day continuous infusion days 1-7 and\n"
        "    idarubicin 12 mg/m2 days 1-3, with midostaurin 50 mg twice daily days 8-21.\n"
        "    Day-28 marrow: complete remission (CR1).\n"
    )
    got = outcomes(extract(text))
    assert got["cytarabine"] == "response"
    assert got["idarubicin"] == "response"
