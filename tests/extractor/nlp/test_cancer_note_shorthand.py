"""Cancer types as clinicians write them in their own notes: abbreviations (IDC, CLL, "gr 2"), a record
number ("Hosp No ...") that is no denial, and a metastasis biopsy the note
attributes to its primary. Each text is our own."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import cancer_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # "No" before a record number is not "no carcinoma"
        ("Unit No 55 201 9934   Ward 7\nDiagnosis:\nIgA lambda multiple myeloma, ISS stage II.", "PCM"),
        ("Clinic No TRH-7745120\nDiagnosis | High-grade serous carcinoma of the ovary, FIGO IIIB", "HGSOC"),
        # shorthand histology and grade
        ("HPI: 58F with R breast IDC, grade 3, ER+/HER2-, s/p lumpectomy.", "IDC"),
        ("Background: CLL diagnosed 2019 on routine bloods; treated with FCR in 2020.", "CLLSLL"),
        ("Impression: L temporal IDH-mutant astrocytoma, gr 2, after subtotal resection.", "ASTR2"),
        ("#1 Astrocytoma, CNS WHO gr 3 (IDH1 R132H) - on temozolomide.", "ASTR3"),
        # a lung biopsy of a known head and neck primary
        (
            "Problem list\n1. Oropharyngeal SCC (base of tongue), HPV-related\n"
            "   - 2023: lung nodules; bx LUL: SCC, consistent with the oropharyngeal primary.",
            "OPHSC",
        ),
    ],
)
def test_note_shorthand_names_the_cancer(text: str, code: str) -> None:
    assert cancer_code(text) == code


def test_no_before_a_word_still_denies() -> None:
    assert cancer_code("Bone marrow: no evidence of multiple myeloma.") is None


def test_an_idh_wildtype_astrocytoma_is_not_graded_as_idh_mutant() -> None:
    assert cancer_code("Diagnosis: diffuse astrocytoma, IDH-wildtype, grade 2.") not in {"ASTR2", "ASTR"}
