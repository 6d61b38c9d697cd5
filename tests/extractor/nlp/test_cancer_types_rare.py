"""Cancer types blind7 showed the rules had no words for (each text here is our own): the
gastro-oesophageal junction and the gallbladder as sites of their own, anaplastic thyroid carcinoma,
neuroendocrine tumours by site, the WHO 2021 glioma names with their grade, liposarcoma subtypes,
Merkel cell carcinoma, neuroblastoma and the mesothelioma subtypes; a diagnosis a revision
superseded, and one the morphology "does not support", name no cancer."""

from __future__ import annotations

import pytest
from casewise_core.oncotree import load_oncotree
from casewise_extractor.nlp.cancer import find_cancer, load_rules


def _code(text: str) -> str | None:
    found = find_cancer(text)
    return found.oncotree_code if found else None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("DIAGNOSIS: adenocarcinoma of the gastro-oesophageal junction, poorly differentiated.", "GEJ"),
        ("DIAGNOSIS: GE junction biopsy: adenocarcinoma, diffuse type.", "GEJ"),
        ("DIAGNOSIS: distal oesophagus, biopsy: adenocarcinoma arising in Barrett mucosa.", "ESCA"),
        ("DIAGNOSIS: cholecystectomy: adenocarcinoma, moderately differentiated, invading muscle.", "GBAD"),
        ("DIAGNOSIS: metastatic adenocarcinoma, consistent with a gall bladder primary.", "GBAD"),
        ("DIAGNOSIS: common bile duct, brushing: adenocarcinoma.", "CHOL"),
    ],
)
def test_junction_and_gallbladder_are_sites_of_their_own(text: str, code: str) -> None:
    assert _code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Referral for a woman of 72 with anaplastic thyroid carcinoma, BRAF status awaited.", "THAP"),
        ("DIAGNOSIS: thyroid, core biopsy: anaplastic carcinoma with squamoid areas.", "THAP"),
        ("DIAGNOSIS: pancreatic tail: well-differentiated neuroendocrine tumour, grade 1.", "PANET"),
        ("DIAGNOSIS: left lower lobe of lung: typical carcinoid tumour, 1.8 cm.", "LNET"),
        ("INTEGRATED DIAGNOSIS: Astrocytoma, IDH-mutant, CNS WHO grade 2.", "ASTR2"),
        ("INTEGRATED DIAGNOSIS: Astrocytoma, IDH mutant, WHO grade 4.", "ASTR4"),
        ("INTEGRATED DIAGNOSIS: Oligodendroglioma, IDH-mutant and 1p/19q-codeleted.", "ODG"),
        ("DIAGNOSIS: Glioblastoma, IDH-wildtype, CNS WHO grade 4.", "GB"),
        ("DIAGNOSIS: cerebellum: pilocytic astrocytoma.", "PAST"),
        ("DIAGNOSIS: thigh mass: myxoid liposarcoma with a round cell component of 5%.", "MRLS"),
        ("DIAGNOSIS: retroperitoneum: well-differentiated liposarcoma, 22 cm.", "WDLS"),
        ("DIAGNOSIS: skin of the forearm: Merkel cell carcinoma, 1.4 cm, margins clear.", "MCC"),
        ("DIAGNOSIS: adrenal mass, core biopsy: neuroblastoma, poorly differentiated.", "NBL"),
        ("DIAGNOSIS: nasal cavity: olfactory neuroblastoma, Hyams grade 2.", "ONBL"),
        ("DIAGNOSIS: parietal pleura: malignant mesothelioma, sarcomatoid type.", "PLSMESO"),
        ("DIAGNOSIS: Left pleural mesothelioma, epithelioid subtype.", "PLEMESO"),
        ("DIAGNOSIS: omentum: epithelioid mesothelioma of the peritoneum.", "PEMESO"),
    ],
)
def test_rare_histologies_get_their_own_code(text: str, code: str) -> None:
    assert _code(text) == code


def test_a_superseded_diagnosis_gives_way_to_the_revised_one() -> None:
    text = (
        "Initial diagnosis (superseded): Astrocytoma, IDH-mutant, CNS WHO grade 3.\n"
        "Amended diagnosis after FISH review: Oligodendroglioma, IDH-mutant and 1p/19q-codeleted.\n"
    )
    assert _code(text) == "ODG"


def test_a_subtype_the_morphology_does_not_support_is_not_voted() -> None:
    text = (
        "DIAGNOSIS: DDIT3 FISH equivocal, but the morphology does not support myxoid liposarcoma;\n"
        "dedifferentiated liposarcoma of the retroperitoneum, FNCLCC grade 3.\n"
    )
    assert _code(text) == "DDLS"


def test_every_new_code_is_in_the_oncotree() -> None:
    tree = load_oncotree()
    for rule in load_rules().histologies:
        for code in [rule.default, *rule.codes.values()]:
            assert code is None or code in tree, (rule.id, code)
