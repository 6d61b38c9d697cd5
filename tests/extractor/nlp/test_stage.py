"""Golden tests for stage extraction (rules/stage_rules.json): text in, group/T/N/M out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casewise_core.errors import RulesInvalid
from casewise_core.profile import Stage
from casewise_extractor.nlp.stage import RULES_PATH, find_stage, load_rules


def _tnm(text: str) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    found = find_stage(text)
    assert found is not None, text
    return found.group, found.t, found.n, found.m, found.prefix


def test_rule_file_with_unknown_key_fails_loudly(tmp_path: Path) -> None:
    raw = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    raw["cues"][0]["teir"] = 3
    bad = tmp_path / "stage_rules.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(RulesInvalid):
        load_rules(bad)
    del raw["cues"][0]["teir"]
    raw["cues"][0]["pattern"] = "primary (tumou?r"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(RulesInvalid):
        load_rules(bad)
    ids = [r.id for r in [*load_rules().tokens, *load_rules().cues, *load_rules().exclusions]]
    assert len(ids) == len(set(ids))


# --- synoptic lines -------------------------------------------------------------------------


def test_synoptic_checklist_lines() -> None:
    text = (
        "Primary Tumor (pT): pT2a: Tumor limited to the pancreas. Regional Lymph Nodes (pN): pN1: "
        "Regional lymph node metastasis. Distant Metastasis (pM): Not applicable."
    )
    assert _tnm(text) == (None, "T2a", "N1", None, "p")


def test_synoptic_labelled_values_without_prefix() -> None:
    text = "Grade: 3. T Stage: 2 N Stage: 0 M Stage: 0 Treatment: none."
    assert _tnm(text)[1:4] == ("T2", "N0", "M0")


def test_pathological_label_then_bare_value() -> None:
    text = "Grade X - Unknown. Pathological T. T2b. Pathological N. N0. Number of Nodes Sampled. 5."
    found = find_stage(text)
    assert found is not None
    assert (found.t, found.n) == ("T2b", "N0")
    assert text[found.start : found.end] == "T2b"
    assert found.rule_id == "stage.t.cued"


# --- free text ------------------------------------------------------------------------------


def test_free_text_group_with_clinical_tnm() -> None:
    text = "Lung adenocarcinoma, clinical stage IVB (cT2a cN2 M1c), EGFR exon 19 deletion."
    found = find_stage(text)
    assert found is not None
    assert (found.group, found.t, found.n, found.m, found.prefix) == ("IVB", "T2a", "N2", "M1c", "c")
    assert text[found.start : found.end] == "cT2a cN2 M1c"


def test_post_neoadjuvant_prefix() -> None:
    assert _tnm("Residual tumour after chemotherapy: ypT1c ypN0 (0/14).")[1:] == ("T1c", "N0", None, "yp")


def test_pathologic_beats_clinical() -> None:
    assert _tnm("Clinical: cT3 cN1 M0. Pathology after surgery: pT2 pN0.")[1:3] == ("T2", "N0")


def test_bare_tnm_run() -> None:
    assert _tnm("AJCC Stage: T2 NO Mx. CLINICAL DATA: cough.")[1:4] == ("T2", "N0", "MX")


def test_compound_token() -> None:
    assert _tnm("Concluding tumor classification: G II, pT2N3aL0V0R0.")[1:3] == ("T2", "N3a")


# --- OCR damage -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "t", "n", "m"),
    [
        ("Pathologic stage: p T 4 N 0 MX.", "T4", "N0", "MX"),
        ("AJCC Staging: pTla pNla Mla.", "T1a", "N1a", "M1a"),
        ("pTNM stage: pT3a, pNO, cMO.", "T3a", "N0", "M0"),
        ("ACCO stage (6th Tlb NO Mx. CLINICAL DATA", "T1b", "N0", "MX"),
        ("AJCC staging: pT4A. pNO. pMx.", "T4a", "N0", "MX"),
        ("Primary tumor (pT) : pT2 : Tumor invades muscularis propria.", "T2", None, None),
    ],
)
def test_ocr_damaged_forms_are_normalised(text: str, t: str, n: str | None, m: str | None) -> None:
    assert _tnm(text)[1:4] == (t, n, m)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("AJCC stage lA (pT1a pN0).", "IA"),
        ("Pathologic stage IIIC.", "IIIC"),
        ("stage lIB per AJCC 8th edition, pT2b", "IIB"),
        ("Overall stage: IV.", "IV"),
    ],
)
def test_stage_group(text: str, group: str) -> None:
    assert _tnm(text)[0] == group


def test_ambiguous_ocr_group_abstains() -> None:
    # "IC" is as likely an OCR-damaged "IIC": keep T/N, drop the group.
    assert _tnm("AJCC stage IC (pT2 pN1).")[:3] == (None, "T2", "N1")


@pytest.mark.parametrize(
    "text",
    [
        "Background liver: periportal fibrosis (stage 2), mild steatosis.",
        "Cirrhotic liver (stage 4 fibrosis) with mild steatosis.",
        "This assay predicts recurrence in stage II, node-positive breast cancer patients.",
    ],
)
def test_stage_words_that_are_not_this_cancer_stage(text: str) -> None:
    assert find_stage(text) is None


def test_labelled_t_stage_is_not_a_group() -> None:
    assert _tnm("Grade: 2. T Stage: 2 N Stage: 2a M Stage: 0")[:4] == (None, "T2", "N2a", "M0")


# --- not staging ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "MRI: hyperintense on T1 weighted and T2-weighted images.",
        "Compression fracture of the T12 vertebra; T11-T12 disc bulge.",
        "Sections: 4 x T2 blocks submitted.",
        "TISSUE FROM THE TONGUE. NO TUMOR SEEN. TOTAL 3 NODES, NONE INVOLVED.",
        "Original CRF reads T1 but see comment.",
        "Bone marrow: acute myeloid leukemia, 45% blasts. Karyotype 46,XY,t(8;21).",  # AML has no TNM
        "",
    ],
)
def test_unrelated_t_mentions_are_ignored(text: str) -> None:
    assert find_stage(text) is None


# --- several mentions -----------------------------------------------------------------------


def test_two_tumours_take_the_highest_t() -> None:
    text = "Tumor 1 (upper lobe): pT1b. Tumor 2 (lower lobe): pT2a. Lymph nodes: pN0."
    assert _tnm(text)[1:3] == ("T2a", "N0")


def test_template_listing_every_category_abstains_on_t() -> None:
    text = "pT1: Tumor 2 cm or less. pT2: Tumor more than 2 cm. pT3: Tumor more than 5 cm. pN0: no nodes."
    assert _tnm(text)[1:3] == (None, "N0")


@pytest.mark.parametrize(
    "text",
    ["ypT2 ypN1a M0, stage IIB", "rT3 N0", "cT1c cN0 cM0 stage IA3", "Stage lIIB", "pTis pNX"],
)
def test_findings_fit_the_core_profile_schema(text: str) -> None:
    found = find_stage(text)
    assert found is not None
    stage = Stage(group=found.group, t=found.t, n=found.n, m=found.m, prefix=found.prefix)
    assert stage.t is None or stage.t.startswith("T")
