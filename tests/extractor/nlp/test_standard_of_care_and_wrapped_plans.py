"""Drugs named as a standard, a future administration, a reconsideration or an eligibility wrapped
over a line break are not drugs given: "the standard of care is chemoradiation with weekly
cisplatin", "cisplatin ... - to be given by medical oncology", "carboplatin would be reconsidered",
"oxaliplatin-based regimens remain standard", "eligible\\nfor adjuvant nivolumab"."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, agents

NOTE = "Oncology note.\n"


@pytest.mark.parametrize(
    "line",
    [
        "Here the standard of care is chemoradiation with weekly cisplatin followed by brachytherapy.",
        "Weekly cisplatin 40 mg/m2 for six cycles - to be given by the medical oncology team.",
        "Adjuvant carboplatin would be reconsidered at the time of any recurrence.",
        "Oxaliplatin-based adjuvant regimens (FOLFOX or CAPOX) remain standard.",
        "Patients with residual disease after surgery are eligible\nfor adjuvant nivolumab.",
        "She may be a candidate\nfor adjuvant pembrolizumab.",
    ],
)
def test_not_given(extract: Extract, line: str) -> None:
    assert agents(extract(NOTE + line + "\n")) == set()


def test_a_course_given_still_reads(extract: Extract) -> None:
    text = NOTE + "She received adjuvant capecitabine and oxaliplatin for eight cycles, completed in May.\n"
    assert agents(extract(text)) == {"capecitabine", "oxaliplatin"}
