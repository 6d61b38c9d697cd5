"""Drugs joined by a hyphen ("carboplatin-paclitaxel", "cisplatin-etoposide-atezolizumab") are a
regimen, read as a slash list is; a drug name that holds a hyphen itself ("nab-paclitaxel") stays
whole, and a drug before an ordinary word ("cisplatin-resistant") names no regimen."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, agents

LUNG = "Small cell lung carcinoma, extensive stage.\n"


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("She completed four cycles of carboplatin-etoposide.", {"carboplatin", "etoposide"}),
        (
            "Treated with cisplatin-etoposide-atezolizumab in 2024.",
            {"cisplatin", "etoposide", "atezolizumab"},
        ),
        ("She received gemcitabine/nab-paclitaxel.", {"gemcitabine", "nab-paclitaxel"}),
        ("Platinum-resistant relapse; she received topotecan.", {"topotecan"}),
    ],
)
def test_hyphen_joined_drugs(extract: Extract, line: str, want: set) -> None:
    assert agents(extract(LUNG + line + "\n")) == want
