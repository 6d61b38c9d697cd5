"""Stage history: the stage at diagnosis is kept beside the stage after neoadjuvant therapy, in one
document and across documents; restatements collapse; the current stage keeps its meaning."""

from __future__ import annotations

from casewise_core.profile import Profile, Stage
from casewise_extractor.nlp import merge_profiles
from casewise_extractor.nlp.stage import find_stage, find_stages

# invented reports in the shape of a neoadjuvant breast course (biopsy, surgery, follow-up)
BIOPSY = (
    "Report Date: 2024-02-05\nCORE BIOPSY, right breast: invasive ductal carcinoma.\n"
    "Clinical stage cT2 cN0 cM0\n(anatomic stage IIA)."
)
SURGERY = (
    "Report Date: 2024-07-26\nSURGICAL PATHOLOGY (POST-NEOADJUVANT)\n"
    "Clinical history: right breast IDC, cT2 cN0. Completed neoadjuvant TCHP.\n"
    "Post-therapy pathologic stage (AJCC 8th) | ypT1a ypN0"
)
FOLLOW_UP = (
    "Report Date: 2024-08-20\nSummary: right breast IDC, initially cT2 cN1 cM0 (clinical stage IIB). "
    "Lumpectomy: residual disease, ypT1c ypN0 (cM0), post-neoadjuvant stage IA."
)


def _rows(stages: list[Stage]) -> list[tuple[str | None, ...]]:
    return [(s.prefix, s.group, s.t, s.n, s.m) for s in stages]


def test_each_time_point_keeps_its_own_group() -> None:
    found = find_stages(FOLLOW_UP)
    rows = [(f.prefix, f.group, f.t, f.n) for f in found]
    assert rows == [("yp", "IA", "T1c", "N0"), ("c", "IIB", "T2", "N1")]
    # a group written beside the clinical stage is not lent to the stage after therapy
    found = find_stages("Clinical stage cT2 cN0 cM0 (anatomic stage IIA). After therapy: ypT1a ypN0.")
    assert [(f.prefix, f.group, f.t) for f in found] == [("yp", None, "T1a"), ("c", "IIA", "T2")]


def test_one_time_point_is_read_as_before() -> None:
    for text in ("pT2 pN0 cM0, stage IIA", "Pathologic stage: pT3 N1 M0", "Stage IV lung adenocarcinoma"):
        main = find_stage(text)
        assert main is not None
        assert find_stages(text) == [main]
    assert find_stages("pT2 pN0 ... cM0") == [find_stage("pT2 pN0 ... cM0")]  # a lone cM0 is no stage


def test_one_document_lists_the_stage_at_diagnosis_first(extract) -> None:
    p = extract(FOLLOW_UP, "follow-up.txt")
    assert (p.stage.prefix, p.stage.group, p.stage.t) == ("yp", "IA", "T1c")  # the current stage
    assert _rows(p.stage_history) == [("c", "IIB", "T2", "N1", "M0"), ("yp", "IA", "T1c", "N0", "M0")]
    assert all(e.document_date == "2024-08-20" for s in p.stage_history for e in s.evidence)
    assert _rows(extract(BIOPSY).stage_history) == [("c", "IIA", "T2", "N0", "M0")]


def test_case_keeps_both_stages_and_collapses_restatements(extract) -> None:
    docs = [extract(BIOPSY, "biopsy.txt"), extract(SURGERY, "surgery.txt")]
    for order in (docs, docs[::-1]):  # report dates decide, not upload order
        merged = merge_profiles(order)
        assert (merged.stage.prefix, merged.stage.t, merged.stage.n) == ("yp", "T1a", "N0")
        assert _rows(merged.stage_history) == [
            ("c", "IIA", "T2", "N0", "M0"),
            ("yp", None, "T1a", "N0", None),
        ]
        clinical = merged.stage_history[0]  # stated in both reports, once with less detail
        assert {e.document for e in clinical.evidence} == {"biopsy.txt", "surgery.txt"}
        assert merged.stage_history[1].evidence[0].document_date == "2024-07-26"


def test_a_stage_first_restated_later_goes_before_the_stage_it_preceded() -> None:
    surgery = Profile(
        stage=Stage(t="T1c", n="N0", prefix="yp"), stage_history=[Stage(t="T1c", n="N0", prefix="yp")]
    )
    note = Profile(
        stage=Stage(group="IA", t="T1c", n="N0", m="M0", prefix="yp"),
        stage_history=[
            Stage(group="IIB", t="T2", n="N1", prefix="c"),
            Stage(group="IA", t="T1c", n="N0", m="M0", prefix="yp"),
        ],
    )
    merged = merge_profiles([surgery, note])
    assert _rows(merged.stage_history) == [("c", "IIB", "T2", "N1", None), ("yp", "IA", "T1c", "N0", "M0")]
    # a profile without a history (stored before it existed) still contributes its stage
    older = merge_profiles([Profile(stage=Stage(group="IIIA", t="T2a", prefix="p"))])
    assert _rows(older.stage_history) == [("p", "IIIA", "T2a", None, None)]
