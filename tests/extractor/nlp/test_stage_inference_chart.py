"""Golden tests for the chart family of the T inference rules (rules 2026-11-23.3): uveal melanoma
T from the AJCC 7th ed. chart of largest basal diameter by thickness, and its abstentions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casewise_core.errors import RulesInvalid
from casewise_extractor.nlp.stage_inference import RULES_PATH, infer_t, load_rules

_UVEAL = "stage.t.inferred_size.uveal_melanoma"


def _t(text: str, tissue: str = "Eye") -> tuple[str | None, str | None]:
    found = infer_t(text, tissue)
    return (found.t, found.rule_id) if found else (None, None)


def _globe(measure: str, extra: str = "") -> str:
    return (
        "Right eye, enucleation: malignant melanoma of the choroid, mixed cell type. "
        f"{measure} The optic nerve margin is free of tumour. {extra}"
    )


def test_uveal_melanoma_size_categories_from_the_chart() -> None:
    # thickness <= 3 mm: T1 up to 12 mm wide, T2 to 18 mm, T4 beyond
    assert _t(_globe("Largest basal diameter: 11 mm; thickness: 2.5 mm.")) == ("T1", _UVEAL)
    assert _t(_globe("Largest basal diameter: 16 mm; thickness: 2 mm.")) == ("T2", _UVEAL)
    # 6.1-9 mm thick and 12.1-15 mm wide is category 3; 3.1-6 mm and 15.1-18 mm too
    assert _t(_globe("LBD 14 mm, height 7 mm.")) == ("T3", _UVEAL)
    assert _t(_globe("The tumour has a 17 x 15 mm base and a 4 mm height.")) == ("T3", _UVEAL)
    # wider than 18 mm is category 4 at any thickness; thicker than 15 mm at any width
    assert _t(_globe("The tumour has a 22 mm base and 5 mm height.")) == ("T4", _UVEAL)
    assert _t(_globe("Apical height: 16 mm; largest basal diameter: 10 mm.")) == ("T4", _UVEAL)
    # 9 mm wide and 5 mm thick is still category 1 (the bounds are inclusive)
    assert _t(_globe("Basal diameter 9 mm, thickness 5 mm.")) == ("T1", _UVEAL)


def test_the_finding_points_at_the_measurement_pair() -> None:
    text = _globe("The tumour measures 12 x 10 mm base x 8 height.")
    found = infer_t(text, "Eye")
    assert found is not None and found.t == "T2"
    assert text[found.start : found.end] == "12 x 10 mm base x 8 height"


def test_uveal_melanoma_abstains_on_extraocular_extension() -> None:
    measure = "LBD 14 mm, height 7 mm."
    assert _t(_globe(measure, "Extrascleral extension: present, 6 mm nodule.")) == (None, None)
    assert _t(_globe(measure, "The tumour grows through the sclera into the orbital fat.")) == (None, None)
    # stated absent, it raises nothing
    assert _t(_globe(measure, "There is no extraocular extension.")) == ("T3", _UVEAL)


def test_uveal_melanoma_abstains_on_iris_treatment_or_disagreeing_pairs() -> None:
    assert _t(_globe("LBD 14 mm, height 7 mm.")) == ("T3", _UVEAL)  # the same measure, untreated
    iris = "Iris melanoma, enucleation. Largest basal diameter: 8 mm; thickness: 2 mm."
    assert _t(iris) == (None, None)
    treated = _globe("LBD 14 mm, height 7 mm.", "Enucleated after plaque brachytherapy.")
    assert _t(treated) == (None, None)
    two = _globe("LBD 13 mm, height 6 mm. Macroscopy: 13 mm base and 7 mm height.")  # T2 and T3
    assert _t(two) == (None, None)
    # a chart family reads nothing for another tissue, or without a choroid / ciliary body tumour
    assert _t(_globe("LBD 14 mm, height 7 mm."), tissue="Skin") == (None, None)
    assert _t("Conjunctiva, excision. Base 14 mm, thickness 7 mm.") == (None, None)


def test_the_uveal_chart_is_a_chart_family() -> None:
    fam = next(f for f in load_rules().families if f.id == _UVEAL)
    assert fam.kind == "chart" and fam.chart is not None and fam.enabled
    assert len(fam.chart.t) == len(fam.chart.height_max_mm) == 6
    assert all(len(row) == len(fam.chart.base_max_mm) == 7 for row in fam.chart.t)


@pytest.mark.parametrize("breakage", ["short_row", "bounded_last_column", "no_measure"])
def test_a_broken_chart_fails_loudly(tmp_path: Path, breakage: str) -> None:
    raw = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    fam = next(f for f in raw["families"] if f["id"] == _UVEAL)
    if breakage == "short_row":
        fam["chart"]["t"][0] = fam["chart"]["t"][0][:-1]
    elif breakage == "bounded_last_column":
        fam["chart"]["base_max_mm"][-1] = 30.0
    else:
        fam["measure"] = "no_such_measure"
    bad = tmp_path / "t_inference.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(RulesInvalid):
        load_rules(bad)
