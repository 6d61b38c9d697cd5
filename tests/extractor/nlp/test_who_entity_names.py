"""A WHO myeloid diagnosis that names its defining mutation ("AML with mutated NPM1") states that
mutation found; the name in a hypothetical or a denied diagnosis does not."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, facts


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("Final diagnosis: acute myeloid leukaemia with mutated NPM1.", ("NPM1", "mutation", "positive")),
        ("Bone marrow: AML with CEBPA mutation (bZIP, in-frame).", ("CEBPA", "mutation", "positive")),
        ("Impression: MDS with SF3B1 mutation and low blasts.", ("SF3B1", "mutation", "positive")),
    ],
)
def test_the_diagnosis_name_states_the_mutation(extract: Extract, text: str, row: tuple) -> None:
    assert row in facts(extract(text))


def test_a_hypothetical_diagnosis_name_states_nothing(extract: Extract) -> None:
    p = extract("Marrow pending. If this proves to be AML with NPM1 mutation, induction would follow.")
    assert not [b for b in p.biomarkers if b.status == "positive"]
