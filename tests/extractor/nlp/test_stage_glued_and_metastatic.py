"""Stage wordings from blind10 and the TCGA dev reports: T tokens glued to what is around them
("T2CNXMX", "[AJCCT3N1]"), OCR "i" for "1" ("pTic"), prefixed group labels ("ypStage IIIA"), and a
report that restates its stage after metastasis (the M1 run is the current stage, the M0 one history).
All report text here is invented."""

from __future__ import annotations

from casewise_core.profile import Stage
from casewise_extractor.nlp.stage import find_stage, find_stages
from casewise_extractor.nlp.stage_history import supersedes


def _tnm(text: str) -> tuple[str | None, ...]:
    found = find_stage(text)
    assert found is not None, text
    return found.group, found.t, found.n, found.m


# --- glued and OCR-damaged T tokens -------------------------------------------------------------


def test_upper_case_subcategory_glued_to_the_n_token() -> None:
    assert _tnm("FINAL DIAGNOSIS ... pSTAGE: T2CNXMX. CPT 88309.") == (None, "T2c", "NX", "MX")
    assert _tnm("Pathologic staging: T3BN1M0") == (None, "T3b", "N1", "M0")
    # a capital letter that begins a word is not a subcategory
    assert find_stage("Tumour T2 Cells were seen") is None


def test_ocr_i_for_one_after_pt_only_before_a_subcategory() -> None:
    assert _tnm("T STAGE, PATHOLOGIC: pTic. N STAGE, PATHOLOGIC: pNO. M STAGE, PATHOLOGIC: pMX.")[1:] == (
        "T1c",
        "N0",
        "MX",
    )
    assert _tnm("ypTia ypN0")[1:3] == ("T1a", "N0")
    assert _tnm("pTis (DCIS), pNX")[1] == "Tis"  # "is" stays in situ
    # without the pathologic prefix an "i" is a letter, not a digit
    assert find_stage("the patient Tic was noted") is None
    assert find_stage("pTid") is None  # no T1d: only a/b/c make the "i" a digit


def test_ajcc_glued_before_the_token() -> None:
    assert _tnm("With available surgical material [AJCCT3N1] (7th edition, 2010).")[1:3] == ("T3", "N1")
    found = find_stage("with available surgical material,. AJCCpT1pN2. Lung, right fissure")
    assert found is not None
    assert (found.t, found.n, found.prefix) == ("T1", "N2", "p")
    # other letters glued before a T are still not a T token
    assert find_stage("MUTT3N1 variant") is None


# --- stage groups with a glued classification prefix --------------------------------------------


def test_prefixed_stage_label_reads_its_group() -> None:
    text = "Pathology: ypT1b ypN1 (1/22 nodes) M0,\n   residual tumor ~10%,\n   ypStage IIIA. R0."
    assert _tnm(text) == ("IIIA", "T1b", "N1", "M0")
    assert _tnm("pStage IB (pT2a pN0)")[0] == "IB"
    assert _tnm("cStage II, cT2 cN0")[0] == "II"


def test_post_neoadjuvant_group_is_not_lent_to_the_clinical_stage() -> None:
    text = (
        "Clinical staging: cT3 cN1 cM0, clinical stage III (AJCC 8th, SCC). Neoadjuvant chemoradiation. "
        "Esophagectomy. Pathology: ypT1b ypN1 (1/22 nodes) M0, residual tumor ~10%, ypStage IIIA. R0."
    )
    rows = [(f.prefix, f.group, f.t, f.n) for f in find_stages(text)]
    assert rows == [("yp", "IIIA", "T1b", "N1"), ("c", "III", "T3", "N1")]


# --- a stage restated after metastasis ----------------------------------------------------------

UVEAL = (
    "Oncologic history\nChoroidal melanoma, right eye, diagnosed 2021-06: thickness 7.9 mm; cT3a N0 M0, "
    "AJCC 8th stage IIB. Treated with plaque brachytherapy.\nHepatic metastases found on surveillance "
    "MRI 2024-09; core biopsy confirmed metastatic melanoma. Current stage: cT3a N0 M1b, AJCC stage IV."
)


def test_metastatic_restatement_is_the_current_stage() -> None:
    found = find_stages(UVEAL)
    assert [(f.prefix, f.group, f.t, f.n, f.m) for f in found] == [
        ("c", "IV", "T3a", "N0", "M1b"),
        ("c", "IIB", "T3a", "N0", "M0"),
    ]
    # the evidence of the current stage is the run that states the M1, not the 2021 one
    assert UVEAL[found[0].start :].startswith("cT3a N0 M1b")


def test_metastatic_restatement_keeps_the_earlier_stage_in_history(extract) -> None:
    p = extract(UVEAL, "follow-up.txt")
    assert (p.stage.group, p.stage.t, p.stage.m) == ("IV", "T3a", "M1b")
    assert [(s.group, s.m) for s in p.stage_history] == [("IIB", "M0"), ("IV", "M1b")]


def test_m1_without_an_earlier_m0_run_adds_no_history() -> None:
    assert len(find_stages("pT2 pN1 M1 (liver), stage IV")) == 1
    assert len(find_stages("pT2 pN0 cM0, stage IIA")) == 1
    found = find_stages("Resection: pT3 pN1a M0, stage IIIB. Now metastatic: pT3 pN1a M1a, stage IVA.")
    assert [(f.group, f.m) for f in found] == [("IVA", "M1a"), ("IIIB", "M0")]


# --- across documents ---------------------------------------------------------------------------


def test_a_later_metastatic_stage_supersedes_a_more_exact_earlier_one() -> None:
    early = Stage(group="IA", t="T1c", n="N0", m="M0", prefix="p")
    assert supersedes(Stage(group="IV"), early)  # "Stage: IV" (metastatic recurrence), no prefix
    assert supersedes(Stage(t="T2", m="M1a", prefix="c"), early)
    assert not supersedes(Stage(group="IIA"), early)  # a looser restatement does not replace it
    assert not supersedes(Stage(group="IV"), Stage(group="IVB", m="M1c", prefix="p"))
    assert not supersedes(Stage(m="M1"), early)  # a lone M1 is no stage
