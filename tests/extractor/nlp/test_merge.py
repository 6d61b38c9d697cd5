"""Merging a case: FISH beats IHC for HER2, a later NGS beats an earlier one, real conflicts are
kept, duplicates collapse, ids are set."""

from __future__ import annotations

from casewise_extractor.nlp import merge_profiles

from tests.extractor.nlp.conftest import facts


def test_her2_fish_beats_ihc(extract) -> None:
    ihc = extract("Report Date: 2024-01-15\nHER2 (IHC): 2+ (equivocal).", "ihc.txt")
    fish = extract("Report Date: 2024-01-22\nHER2 FISH: amplified, ratio 2.6.", "fish.txt")
    merged = merge_profiles([ihc, fish])
    her2 = [b for b in merged.biomarkers if b.gene == "ERBB2"]
    assert [(b.alteration, b.status, b.value) for b in her2] == [("amplification", "positive", "ratio 2.6")]
    assert not merged.conflicts


def test_later_ngs_beats_earlier(extract) -> None:
    old = extract("Report Date: 2023-01-10\nNGS: EGFR T790M not detected.", "ngs-2023.txt")
    new = extract("Report Date: 2024-06-01\nNGS: EGFR T790M detected.", "ngs-2024.txt")
    for order in ([old, new], [new, old]):  # dates decide, not argument order
        merged = merge_profiles(order)
        assert facts(merged) == {("EGFR", "mutation", "positive")}
        assert merged.biomarkers[0].evidence[0].document == "ngs-2024.txt"


def test_real_conflict_is_kept_and_flagged(extract) -> None:
    a = extract("Report Date: 2024-03-01\nKRAS G12C detected by NGS.", "lab-a.txt")
    b = extract("Report Date: 2024-03-01\nKRAS G12C not detected by NGS.", "lab-b.txt")
    merged = merge_profiles([a, b])
    assert len(merged.conflicts) == 1
    assert set(merged.conflicts[0].values) == {"positive", "negative"}
    assert merged.conflicts[0].field == "biomarker:KRAS:mutation:p.G12C"


def test_duplicates_collapse_with_merged_evidence_and_ids(extract) -> None:
    a = extract("BRAF V600E detected.", "a.txt")
    b = extract("Result: BRAF p.Val600Glu detected.", "b.txt")
    merged = merge_profiles([a, b])
    assert len(merged.biomarkers) == 1
    braf = merged.biomarkers[0]
    assert braf.id == "biomarker:BRAF:mutation:p.V600E"
    assert {e.document for e in braf.evidence} == {"a.txt", "b.txt"}
    assert merged.documents == ["a.txt", "b.txt"]


def test_same_month_disagreement_keeps_both_results(extract) -> None:
    one = extract("Signed: 2024-04-05\nPD-L1 (22C3): TPS 5%, positive.", name="path.txt")
    two = extract(
        "Report date: 2024-04-16\nPD-L1 (22C3) on the same block: TPS <1%, negative.", name="lab.txt"
    )
    merged = merge_profiles([one, two])
    assert {(b.gene, b.status) for b in merged.biomarkers} == {("CD274", "positive"), ("CD274", "negative")}
    assert [c.field for c in merged.conflicts] == ["biomarker:CD274:expression"]


def test_pending_never_undoes_a_result_and_a_result_replaces_pending(extract) -> None:
    pending = extract("Report date: 2024-05-02\nHER2 FISH: sent, result pending.", "biopsy.txt")
    result = extract("Report date: 2024-05-09\nHER2 FISH: amplified, ratio 3.1.", "addendum.txt")
    later = extract("Report date: 2024-05-20\nRepeat HER2 FISH on the resection: pending.", "note.txt")
    merged = merge_profiles([pending, result, later])
    assert facts(merged) == {("ERBB2", "amplification", "positive")}
    assert not merged.conflicts


def test_vus_reclassified_in_an_amended_report_takes_the_new_class(extract) -> None:
    first = extract("Report date: 2024-04-16\nVariants of uncertain significance: KEAP1 G333C.", "ngs.txt")
    amended = extract("Report date: 2024-04-30\nKEAP1 G333C: likely oncogenic (detected).", "amended.txt")
    merged = merge_profiles([first, amended])
    assert facts(merged) == {("KEAP1", "mutation", "positive")}
    assert not merged.conflicts


def test_a_later_metastatic_stage_replaces_an_exact_early_one(extract) -> None:
    early = extract("Report Date: 2019-03-04\nInvasive ductal carcinoma. pT1c pN0 cM0, stage IA.", "2019.txt")
    late = extract("Report Date: 2025-06-10\nBreast cancer, liver metastases. Stage: IV.", "2025.txt")
    merged = merge_profiles([early, late])
    assert merged.stage.group == "IV"
    assert [s.group for s in merged.stage_history][:1] == ["IA"]  # the diagnosis stage stays in the history


def test_a_code_and_its_oncotree_child_are_one_cancer(extract) -> None:
    first = extract(
        "Report Date: 2023-01-10\nDIAGNOSIS: chronic myeloid leukaemia, chronic phase.", "marrow.txt"
    )
    later = extract("Report Date: 2024-09-17\nCML, BCR::ABL1-positive. BCR::ABL1 e14a2 detected.", "pcr.txt")
    merged = merge_profiles([first, later])
    assert merged.cancer.oncotree_code == "CMLBCRABL1"
    assert not [c for c in merged.conflicts if c.field == "cancer"]
