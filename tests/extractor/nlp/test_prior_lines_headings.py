"""A treatment history is often headed by its lines rather than the word "history": "Prior lines:",
"Lines of therapy:", "Previous regimens:". The drugs under such a heading were given; they had been
read as mere names (no treatment at all)."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, agents, outcomes

LUNG = "Metastatic lung adenocarcinoma.\n"


@pytest.mark.parametrize(
    "history",
    [
        "Prior lines: 1) cisplatin/pemetrexed (PD), 2) docetaxel (PD).",
        "Prior lines of therapy:\n1. cisplatin + pemetrexed - progression\n2. docetaxel - progression",
        "Lines of therapy: cisplatin/pemetrexed, then docetaxel; both ended in progression.",
        "Previous regimens: cisplatin-pemetrexed (2023, PD) and docetaxel (2024, PD).",
    ],
)
def test_drugs_under_a_lines_heading_were_given(extract: Extract, history: str) -> None:
    profile = extract(LUNG + history + "\n")
    assert agents(profile) == {"cisplatin", "pemetrexed", "docetaxel"}
    assert outcomes(profile)["docetaxel"] == "progression"
