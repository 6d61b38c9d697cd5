"""Golden tests for cancer type extraction (rules/cancer_types.json): text in, finding out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casewise_core.errors import RulesInvalid
from casewise_core.oncotree import load_oncotree
from casewise_extractor.nlp.cancer import RULES_PATH, find_cancer, load_rules


def test_every_code_in_the_rule_file_exists_in_oncotree() -> None:
    tree = load_oncotree()
    rules = load_rules()
    codes = {c for h in rules.histologies for c in [h.default, *h.codes.values()] if c}
    site_ids = {s.id for s in rules.sites}
    assert codes, "rule file has no codes"
    assert sorted(c for c in codes if c not in tree) == []
    # Every site a histology maps must be a declared site, and every site tissue a real OncoTree tissue.
    assert sorted(s for h in rules.histologies for s in h.codes if s not in site_ids) == []
    tissues = {n.tissue for n in tree.nodes.values()}
    assert sorted(s.tissue for s in rules.sites if s.tissue not in tissues) == []
    ids = [r.id for r in [*rules.sections, *rules.sites, *rules.histologies]]
    assert len(ids) == len(set(ids))


def test_rule_file_with_unknown_key_fails_loudly(tmp_path: Path) -> None:
    raw = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    raw["histologies"][0]["defualt"] = "LUAD"
    bad = tmp_path / "cancer_types.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(RulesInvalid) as err:
        load_rules(bad)
    assert err.value.code == "nlp_rules_invalid"


@pytest.mark.parametrize(
    ("text", "code", "tissue", "histology"),
    [
        (
            "FINAL DIAGNOSIS: Lung, right upper lobe, lobectomy: invasive adenocarcinoma, acinar type.",
            "LUAD",
            "Lung",
            "adenocarcinoma",
        ),
        (
            "DIAGNOSIS. Lung, left lower lobe: squamous cell carcinoma, keratinizing, 3.1 cm.",
            "LUSC",
            "Lung",
            "squamous cell carcinoma",
        ),
        (
            "DIAGNOSIS: Sigmoid colon, resection: adenocarcinoma, moderately differentiated.",
            "COAD",
            "Bowel",
            None,
        ),
        (
            "DIAGNOSIS: Rectum, low anterior resection: adenocarcinoma invading muscularis.",
            "READ",
            "Bowel",
            None,
        ),
        ("DIAGNOSIS: Left breast, mastectomy: Invasive ductal carcinoma, grade 2.", "IDC", "Breast", None),
        ("Prostate, radical prostatectomy: adenocarcinoma, Gleason 3+4=7.", "PRAD", "Prostate", None),
        ("Thyroid, total thyroidectomy: papillary thyroid carcinoma, classic type.", "THPA", "Thyroid", None),
        (
            "Kidney, left, radical nephrectomy: renal cell carcinoma, clear cell type, grade 2.",
            "CCRCC",
            "Kidney",
            None,
        ),
        ("Eye, left, enucleation: malignant melanoma of the choroid, mixed cell type.", "UM", "Eye", None),
        (
            "Liver, right lobe, resection: hepatocellular carcinoma, moderately differentiated.",
            "HCC",
            "Liver",
            None,
        ),
        ("Bone marrow aspirate and biopsy: acute myeloid leukemia with maturation.", "AML", "Myeloid", None),
        # OCR turns line breaks inside a phrase into ". "
        (
            "Specimen type: Floor of. mouth. Histologic type: Squamous. cell carcinoma.",
            "OCSC",  # oral cavity SCC: the most specific code the site gives
            "Head and Neck",
            None,
        ),
    ],
)
def test_histology_and_site_give_the_code(text: str, code: str, tissue: str, histology: str | None) -> None:
    found = find_cancer(text)
    assert found is not None
    assert (found.oncotree_code, found.tissue) == (code, tissue)
    if histology is not None:
        assert found.histology == histology
    span = text[found.start : found.end].lower()
    assert any(word in span for word in ("carcinoma", "melanoma", "leukemia"))
    assert found.rule_id.startswith("hist.")


def test_main_mention_span_points_at_the_diagnosis() -> None:
    text = "CLINICAL HISTORY: cough. FINAL DIAGNOSIS: Lung, right upper lobe: adenocarcinoma, solid."
    found = find_cancer(text)
    assert found is not None
    assert text[found.start : found.end] == "adenocarcinoma"
    assert found.name == "Lung adenocarcinoma"
    assert found.rule_id == "hist.adenocarcinoma+site.lung"


@pytest.mark.parametrize(
    "text",
    [
        "DIAGNOSIS: adenocarcinoma, moderately differentiated.",  # adenocarcinoma of unknown site
        "Lymph node, biopsy: metastatic adenocarcinoma.",
        "DIAGNOSIS: Lung, wedge: no evidence of malignancy. Negative for carcinoma.",
        "Skin, shave: benign seborrheic keratosis.",
        "",
    ],
)
def test_abstains_when_unsure(text: str) -> None:
    assert find_cancer(text) is None


def test_negated_mention_does_not_flip_the_primary() -> None:
    text = (
        "DIAGNOSIS: Prostate, radical prostatectomy: adenocarcinoma, Gleason 3+4=7. "
        "Bladder neck margin: negative for urothelial carcinoma. Seminal vesicles: no carcinoma."
    )
    found = find_cancer(text)
    assert found is not None and found.oncotree_code == "PRAD"


def test_metastasis_at_another_site_does_not_flip_the_primary() -> None:
    text = (
        "FINAL DIAGNOSIS: 1. Lung, right upper lobe, lobectomy: squamous cell carcinoma, 3 cm. "
        "2. Esophagus, wall nodule: metastatic squamous cell carcinoma. "
        "3. Esophagus, lower third, biopsy: metastatic squamous cell carcinoma."
    )
    found = find_cancer(text)
    assert found is not None and found.oncotree_code == "LUSC"


def test_metastatic_from_names_the_primary() -> None:
    text = (
        "DIAGNOSIS: Liver, segment 6, resection: metastatic adenocarcinoma, consistent with colonic primary."
    )
    found = find_cancer(text)
    assert found is not None and (found.oncotree_code, found.tissue) == ("COAD", "Bowel")


def test_prior_cancer_mentioned_in_the_diagnosis_does_not_flip_the_primary() -> None:
    text = (
        "DIAGNOSIS: Lung, right upper lobe, lobectomy: squamous cell carcinoma. "
        "Compared with the prior invasive ductal carcinoma of the left breast, morphology differs."
    )
    found = find_cancer(text)
    assert found is not None and found.oncotree_code == "LUSC"


def test_history_section_weighs_less_than_the_diagnosis() -> None:
    text = (
        "CLINICAL HISTORY: History of breast carcinoma, left mastectomy 2015. "
        "FINAL DIAGNOSIS: Lung, right upper lobe, lobectomy: squamous cell carcinoma."
    )
    found = find_cancer(text)
    assert found is not None and found.oncotree_code == "LUSC"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # An institution's "<ORGAN> TISSUE CHECKLIST" is a synoptic section even though the organ
        # word comes first; its mention then outweighs a borrowed document site.
        (
            "Comments. GASTRIC TISSUE CHECKLIST. Specimen type: Resection. Tumor site: Body. "
            "Tumor size: 5 X 4 X 1 cm. Tumor features: Ulcerated. Histologic type: Adenocarcinoma, "
            "diffuse type. Histologic grade: Poorly differentiated.",
            "STAD",
        ),
        # Grade words between "urothelial" and "carcinoma".
        (
            "PRIMARY SITE: Bladder. Cystoprostatectomy: bladder and prostate. Papillary urothelial high "
            "grade carcinoma infiltrating the muscularis propria.",
            "BLCA",
        ),
        # OCR damage to the first letter of "hepatocellular" (H read as R or M).
        (
            "FINAL DIAGNOSIS: Liver, segment 7, resection: Repatocellular carcinoma, moderately "
            "differentiated.",
            "HCC",
        ),
    ],
)
def test_template_and_ocr_forms(text: str, code: str) -> None:
    found = find_cancer(text)
    assert found is not None and found.oncotree_code == code
