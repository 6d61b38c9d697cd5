"""'No evidence of amplification' is a negative result, never the word 'amplification' read as a
positive one (an OCR'd ';' that became ':' once joined such a clause to its gene). Our own sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from casewise_core.profile import Profile

from .conftest import facts


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ERBB2 copy number: no evidence of amplification.", {("ERBB2", "amplification", "negative")}),
        ("MET FISH: no signs of amplification.", {("MET", "amplification", "negative")}),
        ("BRAF: without evidence of a V600 mutation.", {("BRAF", "mutation", "negative")}),
    ],
)
def test_no_evidence_of_is_negative(
    extract: Callable[[str], Profile], text: str, want: set[tuple[str, str, str]]
) -> None:
    assert facts(extract(text)) == want
