"""An inline label that silences what it covers ("Family history: ...", "Synonymous variant: ...")
covers its own paragraph only: the next labelled line is the patient's result again, and a relative's
result on its own line stays a relative's. Our own sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from casewise_core.profile import Profile

from .conftest import facts


@pytest.mark.parametrize(
    "label",
    [
        "Family history: mother with breast cancer (BRCA2 carrier).",
        "Synonymous variant: KRAS p.G12= (c.36T>C), not reported as a finding.",
    ],
)
def test_next_labelled_line_is_read_again(extract: Callable[[str], Profile], label: str) -> None:
    text = f"{label}\nEGFR exon 19 deletion: detected (VAF 23%)."
    assert facts(extract(text)) == {("EGFR", "mutation", "positive")}


def test_a_relatives_result_on_its_own_line_stays_the_relatives(extract: Callable[[str], Profile]) -> None:
    text = "Family history: mother with breast cancer, BRCA2 carrier.\nSister: PALB2 mutation positive.\n"
    assert facts(extract(text)) == set()
