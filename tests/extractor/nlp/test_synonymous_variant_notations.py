"""A synonymous change written in a bracketed or three-letter HGVS form ("p.(Leu1102=)",
"p.Ala1931Ala", "p.(S2414S)") is no pathogenic finding, wherever it is listed."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, facts


@pytest.mark.parametrize("change", ["p.(Leu1102=)", "p.Ala1931Ala", "p.(Ser2414Ser)", "p.(S2414S)"])
def test_synonymous_change_in_a_result_list(extract: Extract, change: str) -> None:
    text = f"Tubo-ovarian high-grade serous carcinoma.\nResult:\n PALB2 c.3306A>G {change} also listed.\n"
    assert ("PALB2", "mutation", "positive") not in facts(extract(text)), change


def test_missense_change_in_a_result_list_is_still_found(extract: Extract) -> None:
    text = "Tubo-ovarian high-grade serous carcinoma.\nResult:\n PALB2 c.3113G>A p.(Trp1038*) listed.\n"
    assert ("PALB2", "mutation", "positive") in facts(extract(text))
