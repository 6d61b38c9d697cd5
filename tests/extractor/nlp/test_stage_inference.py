"""Golden tests for T inferred from size/depth (rules/t_inference.json): each family, and its abstentions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from casewise_core.errors import RulesInvalid
from casewise_core.oncotree import load_oncotree
from casewise_extractor.nlp.stage import find_stage
from casewise_extractor.nlp.stage_inference import RULES_PATH, infer_t, load_rules


def _t(text: str, tissue: str) -> tuple[str | None, str | None]:
    found = find_stage(text, tissue=tissue)
    return (found.t, found.rule_id) if found else (None, None)


# --- the rule file ---------------------------------------------------------------------------


def test_rule_file_with_unknown_key_fails_loudly(tmp_path: Path) -> None:
    raw = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    raw["families"][0]["threshold"] = []
    bad = tmp_path / "t_inference.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(RulesInvalid):
        load_rules(bad)
    del raw["families"][0]["threshold"]
    raw["families"][0]["raise"] = ["skin (invasion"]
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(RulesInvalid):
        load_rules(bad)


def test_rule_ids_are_stable_unique_and_tissues_exist_in_oncotree() -> None:
    rules = load_rules()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\.\d+", rules.version)
    ids = [f.id for f in rules.families]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"stage\.t\.inferred_(size|depth|thickness)\.[a-z_]+", i) for i in ids)
    tree = load_oncotree()
    tissues = {n.tissue for n in tree.nodes.values() if n.tissue}
    assert {t for f in rules.families for t in f.tissues} <= tissues
    assert all(f.note for f in rules.families if not f.enabled)  # a dropped family says why


# --- size families ---------------------------------------------------------------------------


def test_breast_size_thresholds() -> None:
    text = "Invasive ductal carcinoma. Tumor size: 3.5 x 2.0 x 1.0 cm. Lymph nodes: 0/3. Skin: not involved."
    assert _t(text, "Breast") == ("T2", "stage.t.inferred_size.breast")
    assert _t("INVASIVE CARCINOMA MEASURES 1.8 CM IN GREATEST DIMENSION.", "Breast")[0] == "T1"
    assert _t("Size of invasive tumor: 2.0 cm (greatest dimension).", "Breast")[0] == "T1"  # 2.0 is T1
    assert _t("Tumor size: 6.4 x 5.2 x 2.5 CM.", "Breast")[0] == "T3"


def test_inferred_finding_points_at_the_measurement() -> None:
    text = (
        "Lung, left upper lobe: adenocarcinoma. Tumor size: 2.5 x 2 x 1.5 cm. Visceral pleura: not involved."
    )
    found = find_stage(text, tissue="Lung")
    assert found is not None
    assert (found.t, found.prefix, found.rule_id) == ("T1", None, "stage.t.inferred_size.lung")
    assert text[found.start : found.end] == "2.5 x 2 x 1.5 cm"


def test_kidney_lung_thyroid_oral_cavity_sizes() -> None:
    kidney = (
        "Clear cell renal cell carcinoma. The tumor measures 9.4 x 8.4 x 6 cm. Perinephric fat: uninvolved."
    )
    assert _t(kidney, "Kidney") == ("T2", "stage.t.inferred_size.kidney")
    assert _t("The tumor measures 45 mm in greatest dimension.", "Kidney")[0] == "T1"  # mm read as mm
    lung = "Squamous cell carcinoma of the lung. Tumor size: 5 X 5 X 5 cm."
    assert _t(lung, "Lung") == ("T2", "stage.t.inferred_size.lung")
    thyroid = (
        "Papillary thyroid carcinoma. Greatest diameter of tumor is 3.0 cm. Extrathyroidal extension: absent."
    )
    assert _t(thyroid, "Thyroid") == ("T2", "stage.t.inferred_size.thyroid")
    tongue = "Squamous cell carcinoma of the lateral tongue. The tumor measures 1.5 x 1.0 cm."
    assert _t(tongue, "Head and Neck") == ("T1", "stage.t.inferred_size.oral_cavity")


def test_size_family_abstains_when_extension_could_raise_t() -> None:
    base = "Clear cell renal cell carcinoma. The tumor measures 5.0 cm in greatest dimension. "
    assert _t(base + "Tumor invades perinephric fat.", "Kidney") == (None, None)
    assert _t(base + "Perinephric fat invasion: not identified.", "Kidney")[0] == "T1"
    # An organ named in the specimen list is not an extension.
    assert _t(base + "Specimen: kidney and adrenal gland.", "Kidney")[0] == "T1"
    breast = "Invasive ductal carcinoma. Tumor size: 3.0 cm. Direct invasion of the skin by tumor."
    assert _t(breast, "Breast") == (None, None)
    lung = "Adenocarcinoma of the lung. Tumor size: 2.0 cm. Visceral pleural invasion present."
    assert _t(lung, "Lung") == (None, None)
    nodes = "Adenocarcinoma of the lung. Tumor size: 2.0 cm. Carcinoma in 1 of 4 mediastinal lymph nodes."
    assert _t(nodes, "Lung")[0] == "T1"  # a node station is N, not an extension of T


def test_size_family_abstains_on_conflicting_sizes_and_non_tumour_sizes() -> None:
    two = "Invasive carcinoma measures 1.5 cm. A second focus: invasive carcinoma measures 3.2 cm."
    assert _t(two, "Breast") == (None, None)  # T1 and T2 sizes: several tumours
    node = "Lymph node, axillary: the metastatic carcinoma measures 2.5 cm in greatest dimension."
    assert infer_t(node, "Breast") is None
    specimen = "The specimen measures 19 x 18 x 3 cm. It consists of a breast."
    assert infer_t(specimen, "Breast") is None
    template = "Primary Tumor: Tumor more than 7 cm in greatest dimension, limited to the kidney."
    assert infer_t(template, "Kidney") is None  # the AJCC definition, not this tumour
    assert infer_t("Tumor size: 1.5 X 0 X 2 cm.", "Breast") is None  # OCR lost a digit


def test_size_does_not_decide_t_for_larynx() -> None:
    larynx = "Squamous carcinoma of larynx, supraglottic. The carcinoma measures 1.5 x 1.3 x 0.7 cm."
    assert _t(larynx, "Head and Neck") == (None, None)


# --- depth families --------------------------------------------------------------------------


def test_stomach_depth() -> None:
    t1 = "Stomach, gastrectomy: adenocarcinoma. Extent of invasion: Submucosa. Lymph nodes: 0/5."
    assert _t(t1, "Esophagus/Stomach") == ("T1", "stage.t.inferred_depth.stomach")
    t2 = "Gastric adenocarcinoma. The tumor invades into the muscularis propria."
    assert _t(t2, "Esophagus/Stomach")[0] == "T2"
    # Subserosa / serosa are T2b/T3 in AJCC 6 but T3/T4a in AJCC 7: abstain.
    serosa = "Gastric adenocarcinoma. Tumor extent: Serosa (visceral peritoneum)."
    assert _t(serosa, "Esophagus/Stomach") == (None, None)
    esophagus = "Adenocarcinoma of the distal esophagus and gastric cardia invading muscularis propria."
    assert _t(esophagus, "Esophagus/Stomach") == (None, None)


def test_bladder_depth_only_from_a_cystectomy() -> None:
    text = "Radical cystectomy: urothelial carcinoma. The tumor invades the muscularis propria (detrusor)."
    assert _t(text, "Bladder/Urinary Tract") == ("T2", "stage.t.inferred_depth.bladder")
    deeper = text + " Tumor extends into perivesical fat."
    assert _t(deeper, "Bladder/Urinary Tract")[0] == "T3"
    turbt = "TURBT: invasive urothelial carcinoma. Local invasion: Muscularis propria."
    assert _t(turbt, "Bladder/Urinary Tract") == (None, None)  # a resection chip only shows a minimum


# --- when inference is not applied -----------------------------------------------------------


def test_stated_t_wins_and_unknown_tissue_abstains() -> None:
    text = "Invasive ductal carcinoma. Tumor size: 3.5 cm. Pathologic stage: pT1c pN0."
    assert _t(text, "Breast") == ("T1c", "stage.t.prefixed")
    assert find_stage("Invasive ductal carcinoma. Tumor size: 3.5 cm.") is None  # no tissue given
    assert infer_t("Invasive ductal carcinoma. Tumor size: 3.5 cm.", None) is None


def test_dropped_families_are_off() -> None:
    colon = "Adenocarcinoma of the sigmoid colon. The tumor invades through the muscularis propria."
    assert _t(colon, "Bowel") == (None, None)
    adrenal = "Adrenocortical carcinoma. Tumor size: 11 cm."
    assert _t(adrenal, "Adrenal Gland") == (None, None)
    melanoma = "Malignant melanoma. Breslow thickness: 1.5 mm."
    assert _t(melanoma, "Skin") == (None, None)


def test_n_and_m_kept_alongside_an_inferred_t() -> None:
    found = find_stage("Invasive lobular carcinoma. Tumor size: 1.2 cm. Stage: pN0 M0.", tissue="Breast")
    assert found is not None
    assert (found.t, found.n, found.m) == ("T1", "N0", "M0")
    assert found.rule_id == "stage.t.inferred_size.breast"
