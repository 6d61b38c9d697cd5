"""Which drugs a patient received: a drug a relative took, one a label or guideline statement names,
one that was discussed, offered, never started or recorded in error is not a treatment; a later
document that says a drug was never given withdraws it from the case; drugs the lexicon lacked
(BTK inhibitors, myeloma regimens, intravesical agents) are read; and a restaged tumour keeps the
stage group stated beside its post-treatment TNM."""

from __future__ import annotations

import pytest
from casewise_core.profile import Profile
from casewise_extractor.nlp import merge_profiles
from casewise_extractor.nlp.stage import find_stage


def _agents(profile: Profile) -> set[str]:
    return {t.agent for t in profile.treatments}


NOT_RECEIVED = [
    ("Social history: his brother was treated with erlotinib for lung cancer in 2015.", {"erlotinib"}),
    ("Family: the patient's aunt received letrozole 2.5 mg daily for five years.", {"letrozole"}),
    ("Capmatinib 400 mg twice daily is FDA approved for adults with MET exon 14 skipping.", {"capmatinib"}),
    (
        "Treatment history: tucatinib 300 mg + capecitabine 1000 mg/m2 and lapatinib 1250 mg were all "
        "discussed at length at the visit; she chose to wait.",
        {"tucatinib", "capecitabine", "lapatinib"},
    ),
    ("Treatment history: regorafenib 160 mg was offered in 03/2024; the patient declined.", {"regorafenib"}),
    ("Medications: Erlotinib | 150 mg daily | — | Ordered 01/2025; never started (cost)", {"erlotinib"}),
    ("Medications: Cabozantinib (Cabometyx) | 60 mg daily | 2024 | Not started", {"cabozantinib"}),
    ("Treatment history: 2. Obtain an echocardiogram before trastuzumab 6 mg/kg.", {"trastuzumab"}),
]


@pytest.mark.parametrize(("text", "absent"), NOT_RECEIVED)
def test_drugs_not_received_are_not_treatments(extract, text: str, absent: set[str]) -> None:
    assert not _agents(extract(text)) & absent


RECEIVED = [
    ("Treatment history: zanubrutinib (Brukinsa) 160 mg twice daily started 03/2024.", {"zanubrutinib"}),
    ("Hydroxyurea 1 g daily x4 days was given for leukocytosis.", {"hydroxyurea"}),
    ("Treatment history: bicalutamide 50 mg daily x 30 days (01/2024).", {"bicalutamide"}),
    (
        "Received intravesical BCG x6 weekly instillations (2023) after mitomycin C 40 mg post-TURBT.",
        {"bcg", "mitomycin"},
    ),
    (
        "Induction: RVd x4 cycles (2022), then high-dose melphalan 200 mg/m2 with ASCT.",
        {"bortezomib", "lenalidomide", "dexamethasone", "melphalan"},
    ),  # fmt: skip
    ("Treatment history: AC x4 before paclitaxel/trastuzumab (2023).", {"paclitaxel", "trastuzumab"}),
    ("Avelumab maintenance from 06/2024 after platinum chemotherapy.", {"avelumab"}),
    ("Cycle 2 Day 1: fam-trastuzumab deruxtecan-nxki 5.4 mg/kg IV given.", {"trastuzumab deruxtecan"}),
]


@pytest.mark.parametrize(("text", "present"), RECEIVED)
def test_drugs_received_are_read(extract, text: str, present: set[str]) -> None:
    assert present <= _agents(extract(text))


def test_dexamethasone_only_counts_inside_a_regimen(extract) -> None:
    got = _agents(extract("Treatment history: docetaxel 75 mg/m2 x4 with dexamethasone 8 mg premedication."))
    assert got == {"docetaxel"}
    assert "dexamethasone" in _agents(extract("Treatment history: VRd x4 cycles (2023)."))


def test_a_later_note_saying_a_drug_was_never_given_withdraws_it(extract) -> None:
    first = extract("Date: 2024-02-01\nTreatment: started FOLFIRI + cetuximab on 01/20/2024.", "a.txt")
    later = extract(
        "Date: 2024-03-01\nAddendum: the earlier note was wrong. Cetuximab was never ordered or given; "
        "the patient has received FOLFIRI alone.",
        "b.txt",
    )
    assert "cetuximab" in _agents(first)
    merged = merge_profiles([first, later])
    assert _agents(merged) == {"fluorouracil", "leucovorin", "irinotecan"}


def test_a_drug_listed_in_error_is_not_a_treatment(extract) -> None:
    got = extract("Medications: sorafenib on the referral letter is an error; he never received sorafenib.")
    assert "sorafenib" not in _agents(got)


def test_restaged_tumour_takes_the_group_beside_its_post_treatment_tnm() -> None:
    text = (
        "Presented with cT3 cN1 cM0 disease (clinical stage IIIA). After neoadjuvant chemotherapy the "
        "resection showed ypT1b ypN0, post-neoadjuvant stage IA."
    )
    s = find_stage(text)
    assert s is not None
    assert (s.group, s.t, s.n, s.prefix) == ("IA", "T1b", "N0", "yp")
