"""blind17: fusion rows of RNA panels (breakpoint columns, a result word before the fusion)."""

from __future__ import annotations

from tests.extractor.nlp.conftest import Extract, facts


def test_capital_result_word_before_a_fusion(extract: Extract) -> None:
    got = facts(extract("RESULT: POSITIVE - ETV6::NTRK3 fusion identified, in frame.\n"))
    assert ("NTRK3", "fusion", "positive") in got
    assert not any(g == "ETV6" for g, _, _ in got)  # the partner is no finding of its own


def test_breakpoints_with_exons_name_the_fusion_not_the_partner(extract: Extract) -> None:
    got = facts(extract("ROS1 rearrangement   DETECTED   CD74 exon 6 :: ROS1 exon 32 (in-frame)\n"))
    assert ("ROS1", "fusion", "positive") in got
    assert not any(g == "CD74" for g, _, _ in got)


def test_breakpoint_cells_after_a_fusion_are_no_mutation(extract: Extract) -> None:
    text = (
        "Fusion | 5' gene | 3' gene | Supporting reads | Result\n"
        "SQSTM1::NTRK2 | SQSTM1 (exon 6) | NTRK2 (exon 16) | 412 | DETECTED\n"
    )
    got = facts(extract(text))
    assert ("NTRK2", "fusion", "positive") in got
    assert ("NTRK2", "mutation", "positive") not in got
    assert not any(g == "SQSTM1" for g, _, _ in got)


def test_no_fusions_heading_over_a_gene_list(extract: Extract) -> None:
    text = (
        "RESULT SUMMARY\n"
        "No fusions were identified in the following targeted genes\n"
        "ALK, FGFR2, NTRK1, PLAG1, MAML2, ROS1.\n"
        "\nINTERPRETATION\nThe specimen was adequate.\n"
    )
    got = facts(extract(text))
    want = {(g, "fusion", "negative") for g in ("ALK", "FGFR2", "NTRK1", "PLAG1", "MAML2", "ROS1")}
    assert want <= got
    assert not any(s == "positive" for _, _, s in got)


def test_salivary_fusion_drivers_are_read(extract: Extract) -> None:
    text = "RNA panel: MYB::NFIB fusion detected; NR4A3 and HMGA2 rearrangements not detected.\n"
    got = facts(extract(text))
    assert ("MYB", "fusion", "positive") in got
    assert {("NR4A3", "fusion", "negative"), ("HMGA2", "fusion", "negative")} <= got


def test_partners_of_the_reported_fusion_under_a_negative_list(extract: Extract) -> None:
    text = (
        "Fusion detected: KIF5B::RET (exon 15 to exon 12).\n"
        "NO FUSIONS DETECTED INVOLVING THE FOLLOWING GENES\n"
        "ALK, ROS1, NTRK1.\n"
        "KIF5B and RET are the partners in the fusion described above; no further partner was seen.\n"
    )
    got = facts(extract(text))
    assert ("RET", "fusion", "positive") in got
    assert ("RET", "fusion", "negative") not in got
