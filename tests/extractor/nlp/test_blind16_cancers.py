"""Cancer types as patients' records name them (blind16 wording families; sentences written here).

- "clear cell RCC" / "ccRCC" is clear cell renal cell carcinoma; "GIST" alone is a gastrointestinal
  stromal tumour.
"""

from __future__ import annotations

import pytest

from .conftest import cancer_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("69M, metastatic clear cell RCC (nephrectomy 2020, ISUP grade 3).", "CCRCC"),
        ("Diagnosis: ccRCC, ISUP grade 2.", "CCRCC"),
        ("Resection 2022 (Hillcrest Pathology): spindle-cell GIST, 7 cm, 8 mitoses/5 mm2.", "GIST"),
    ],
)
def test_cancer_names_from_patient_records(text: str, code: str) -> None:
    assert cancer_code(text) == code
