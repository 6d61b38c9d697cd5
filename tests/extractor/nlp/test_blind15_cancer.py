"""Cancer types of the blind15 breast, gynaecological and skin records (sentences written for these
tests, not the blind documents).

- Breast "invasive carcinoma of no special type (NST)" is the ductal type (IDC), as WHO renamed it.
- Squamous cell carcinoma of the vulva is VSC, not a skin SCC, though the report names skin margins.
- Acral (lentiginous) melanoma is ACRM; superficial spreading and lentigo maligna melanoma are
  cutaneous (SKCM).
- A spouse's cancer is a relative's, never the patient's.
"""

from __future__ import annotations

import pytest

from .conftest import cancer_code


@pytest.mark.parametrize(
    "text",
    [
        "DIAGNOSIS: Right breast, core biopsy: invasive carcinoma of no special type, grade 2.",
        "DIAGNOSIS: Left breast invasive breast carcinoma, NST, grade 3, 21 mm.",
    ],
)
def test_breast_carcinoma_of_no_special_type_is_idc(text: str) -> None:
    assert cancer_code(text) == "IDC"


def test_vulvar_squamous_cell_carcinoma_is_vsc() -> None:
    text = (
        "DIAGNOSIS: Right vulva, wide local excision: squamous cell carcinoma, keratinising, 15 mm; "
        "skin margins clear."
    )
    assert cancer_code(text) == "VSC"


def test_acral_lentiginous_melanoma_is_acrm() -> None:
    text = "DIAGNOSIS: Right great toe, excision: acral lentiginous melanoma, Breslow 2.1 mm."
    assert cancer_code(text) == "ACRM"


def test_a_spouses_cancer_is_not_the_patients() -> None:
    text = (
        "Diagnosis: Metastatic Merkel cell carcinoma of the left forearm (nodal relapse 2024).\n"
        "Her husband had a skin melanoma many years ago; I reassured her it is not related to her diagnosis."
    )
    assert cancer_code(text) == "MCC"


@pytest.mark.parametrize(
    "text",
    [
        "DIAGNOSIS: Left calf, excision: invasive melanoma, superficial spreading type, Breslow 1.4 mm.",
        "DIAGNOSIS: Cheek, excision: lentigo maligna melanoma, Breslow 0.8 mm.",
    ],
)
def test_a_cutaneous_melanoma_subtype_is_skcm(text: str) -> None:
    assert cancer_code(text) == "SKCM"
