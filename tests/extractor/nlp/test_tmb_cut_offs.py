"""A TMB cut-off is not a TMB result. Reports print the scale beside the number ("High if >= 10
mutations/Mb", "Low (<10 mut/Mb)"); when a scan drops the table's cell borders or moves the result's
unit to the next line, the cut-off is the only number left with a unit, and "High if" the only level
word. Neither may make the TMB high: the row is read from the result, or not at all."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import Extract, facts

TUMOUR = "Metastatic colorectal adenocarcinoma, liver biopsy.\n"


@pytest.mark.parametrize(
    "line",
    [
        "Tumour mutational burden 4 High if >= 10 mutations/Mb",  # the result's unit on the next line
        "TMB 3 (called high when at least 10 mut/Mb)",
        "Tumor mutational burden: 5 high if \u2265 10 mut/Mb",
        "TMB 2, high defined as > 10 mut/Mb",
    ],
)
def test_a_level_word_that_defines_the_cut_off_is_not_a_high_tmb(extract: Extract, line: str) -> None:
    assert ("TMB", "signature", "positive") not in facts(extract(TUMOUR + line + "\n"))


@pytest.mark.parametrize(
    "line",
    [
        "TMB: Low (<10 mut/Mb)",
        "Tumour mutational burden - low (below 10 mutations/Mb)",
        "TMB low; threshold for high is 10 mut/Mb",
    ],
)
def test_a_stated_low_with_its_cut_off_is_negative(extract: Extract, line: str) -> None:
    assert ("TMB", "signature", "negative") in facts(extract(TUMOUR + line + "\n"))


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("TMB 14 mut/Mb (high; cut-off 10 mut/Mb)", "positive"),
        ("TMB-High (>= 10 mut/Mb)", "positive"),
        ("Tumour mutational burden 6 mut/Mb (high if >= 10 mut/Mb)", "negative"),
        ("TMB: 3 mutations/Mb; threshold of 10 mutations/Mb", "negative"),
    ],
)
def test_the_result_beside_its_cut_off_is_still_read(extract: Extract, line: str, status: str) -> None:
    assert ("TMB", "signature", status) in facts(extract(TUMOUR + line + "\n"))
