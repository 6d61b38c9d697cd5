"""Treatment outcomes in the wordings blind12 showed: a pathologic response at surgery after a
neoadjuvant sequence ("X + Y, followed by A + B") is every drug's of the sequence; an infusion paused
for a reaction and then run to its end is the dose given, not the drug stopped; a carboplatin dose in
AUC units names a drug given; an assessment of "X-based therapy" is the assessment of the regimen now
given with X (and of its completed induction partners). Each test's text is our own."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import outcomes as _outcomes

CASES = [
    (  # a pathologic response at surgery reaches every drug of the preoperative sequence
        "Neoadjuvant therapy 01/2024 to 06/2024: weekly paclitaxel and carboplatin, followed by doxorubicin "
        "and cyclophosphamide. Lumpectomy on 07/15/2024 showed a pathological complete response (ypT0 ypN0).",
        {
            "paclitaxel": "response",
            "carboplatin": "response",
            "doxorubicin": "response",
            "cyclophosphamide": "response",
        },
    ),
    (  # the adjuvant course given after the surgery keeps its own outcome
        "She received preoperative docetaxel + carboplatin + pembrolizumab then doxorubicin + "
        "cyclophosphamide + pembrolizumab. Surgery 05/2024: pCR. She now continues adjuvant "
        "pembrolizumab, cycle 6 given 11/2024.",
        {
            "docetaxel": "response",
            "carboplatin": "response",
            "doxorubicin": "response",
            "cyclophosphamide": "response",
            "pembrolizumab": "ongoing",
        },
    ),
    (  # a scan after two lines is not a pathologic response of a sequence: nobody's
        "History:\n- Carboplatin/paclitaxel x6, then letrozole. CT: partial response.\n",
        {"carboplatin": None, "paclitaxel": None, "letrozole": None},
    ),
    (  # an infusion paused for a reaction and resumed is the dose given, not the drug stopped
        "Cycle | Date | Notes\n"
        "C2 | 02/03/2025 | Docetaxel infusion stopped at 5 min for flushing; restarted at half rate after "
        "30 min, completed\n",
        {"docetaxel": "ongoing"},
    ),
    (
        "Cycle 2: paclitaxel 80 mg/m2 given; the infusion was interrupted for chest tightness, resumed at a "
        "slower rate and completed without further symptoms.",
        {"paclitaxel": "ongoing"},
    ),
    (  # a course held, resumed and completed is still a completed course
        "Capecitabine held for hand-foot syndrome, resumed at 75% dose and completed 8 cycles in 2023.",
        {"capecitabine": "stopped"},
    ),
    (  # a carboplatin dose in AUC units says it is given, however far the next drug's dose is
        "Order: CARBOPLATIN AUC 6 IV + GEMCITABINE 1000 mg/m2 days 1 and 8 every 21 days. "
        "Today: cycle 2 day 1.",
        {"carboplatin": "ongoing", "gemcitabine": "ongoing"},
    ),
    (  # "X-based therapy" is the regimen now given with X, and its completed induction partner
        "Treatment:\n"
        "1. Carboplatin + pemetrexed + pembrolizumab from 03/2024; carboplatin completed after 4 cycles; "
        "continuing pemetrexed + pembrolizumab maintenance.\n\n"
        "Impression:\nStable disease on pembrolizumab-based therapy.\n",
        {"carboplatin": "stable", "pemetrexed": "stable", "pembrolizumab": "stable"},
    ),
    (
        "Osimertinib + cisplatin + pemetrexed since 01/2025; cisplatin completed after 4 cycles as planned; "
        "remains on osimertinib + pemetrexed.\n\n"
        "Summary: sustained partial response to osimertinib-based treatment.\n",
        {"osimertinib": "response", "cisplatin": "response", "pemetrexed": "response"},
    ),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_blind12_outcome_wordings(extract, text: str, want: dict[str, str | None]) -> None:
    got = _outcomes(extract(text))
    assert {agent: got.get(agent, "missing") for agent in want} == want
