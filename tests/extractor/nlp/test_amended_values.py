"""Amended reports print the value they replaced ("the original report (PMS2 intact)", "previously
intact, now lost"): only the amended value is a result. MLH1 promoter methylation is recorded as
MLH1 `other`, the way MGMT promoter methylation is."""

from __future__ import annotations

import pytest

from tests.extractor.nlp.conftest import facts


@pytest.mark.parametrize(
    "text",
    [
        "Comment: the initial report (MSH6 retained) was corrected after a repeat stain.",
        "Note that the prior result (MSH6 intact) no longer applies.",
    ],
)
def test_the_value_an_amendment_replaced_is_no_result(extract, text: str) -> None:
    assert not extract(text).biomarkers


@pytest.mark.parametrize(
    "text",
    [
        "MSH6 previously intact, now lost on the repeat stain.",
        "MSH6 (originally reported as retained) is now interpreted as lost.",
    ],
)
def test_the_amended_value_after_now_decides(extract, text: str) -> None:
    assert facts(extract(text)) == {("MSH6", "loss", "positive")}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("MLH1 promoter methylation (pyrosequencing): methylated.", "positive"),
        ("MLH1 promoter hypermethylation detected.", "positive"),
        ("MLH1 promoter methylation: not detected.", "negative"),
        ("MLH1 promoter methylation by MS-PCR: unmethylated.", "negative"),
    ],
)
def test_mlh1_promoter_methylation_is_mlh1_other(extract, text: str, status: str) -> None:
    assert facts(extract(text)) == {("MLH1", "other", status)}
