"""A "genes ... negative include" list head names a negative list whose class is the head's; a known
fusion's transcript followed over treatment ("BCR::ABL1 undetectable") is molecular monitoring, not a
negative fusion."""

from __future__ import annotations

import pytest

from .conftest import Extract, facts


@pytest.mark.parametrize(
    "line",
    [
        "Loci with fusion junctions assessed and NEGATIVE include ROS1, BRAF, MET, RET.",
        "Genes sequenced for fusions and found negative include ROS1, BRAF, MET and RET.",
        "Fusion targets not detected were: ROS1, BRAF, MET, RET.",
    ],
)
def test_genes_negative_include_list_is_negative_fusion(extract: Extract, line: str) -> None:
    got = facts(extract(f"Lung adenocarcinoma.\nRNA panel: EML4::ALK fusion detected.\n{line}\n"))
    for gene in ("ROS1", "BRAF", "MET", "RET"):
        assert (gene, "fusion", "negative") in got
        assert (gene, "mutation", "negative") not in got
    assert ("ALK", "fusion", "positive") in got


@pytest.mark.parametrize(
    "line",
    [
        "Imatinib continued; BCR::ABL1 became undetectable by month 6.",
        "Peripheral blood BCR-ABL1 quantitative PCR: undetected (sensitivity 1 in 100,000).",
        "BCR::ABL1 transcripts not detected (MR4.5) on the latest sample.",
    ],
)
def test_fusion_transcript_monitoring_is_not_a_negative_fusion(extract: Extract, line: str) -> None:
    got = facts(extract(f"Ph-positive B-ALL on treatment.\n{line}\n"))
    assert not {f for f in got if f[0] in ("ABL1", "BCR") and f[2] == "negative"}


def test_diagnostic_fusion_negative_still_read(extract: Extract) -> None:
    got = facts(extract("B-ALL at diagnosis.\nBCR::ABL1 fusion: not detected by FISH.\n"))
    assert ("ABL1", "fusion", "negative") in got
