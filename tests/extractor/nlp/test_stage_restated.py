"""A stage group stated loosely and restated exactly in the next words ("stage 3, more precisely
stage IIIB") is the exact group; a separate, later mention of another stage is not a restatement."""

from __future__ import annotations

import pytest
from casewise_extractor.nlp.stage import find_stage


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Because two nodes were involved, this is stage 3 - more precisely stage IIIB.", "IIIB"),
        ("Final stage: IV (AJCC stage IVA, single distant site).", "IVA"),
        ("The cancer is stage II; to be exact, stage IIA.", "IIA"),
    ],
)
def test_a_loose_group_restated_exactly_is_the_exact_group(text: str, group: str) -> None:
    found = find_stage(text)
    assert found is not None and found.group == group


def test_a_different_group_nearby_is_not_a_restatement() -> None:
    found = find_stage("Stage II at diagnosis in 2019; recurrence in 2024 was stage IVB.")
    assert found is not None and found.group == "II"
