"""The extraction bench's reading modes and scores: a layout drawn as a PDF comes back through the real
reading stage (pdfplumber for the text layer, Tesseract for the scan) the way the text mode prints it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from casewise_core.profile import Biomarker, Cancer, Profile, ProfileConflict, Stage, Treatment
from casewise_core.settings import ReadingSettings
from casewise_extractor.reading import read_document

from bench._layouts import flatten, scanned, text_layer_pdf
from bench._scores import Tally

GENE_TABLE = [
    ["Gene", "Alteration", "Result"],
    ["KRAS", "p.G12C", "Detected (VAF 21.4%)"],
    ["EGFR", "No alteration", "Not detected"],
    ["STK11", "p.Q37*", "Detected (VAF 18.0%)"],
]
LAYOUT = [
    [
        {"heading": "GENOMIC FINDINGS"},
        {"text": "Specimen: lung, right upper lobe core biopsy; tumour content 40%."},
        {"table": GENE_TABLE},
    ]
]


@pytest.fixture
def settings(tmp_path: Path) -> ReadingSettings:
    return ReadingSettings(data_dir=tmp_path)


def test_layout_table_reads_back_as_cell_rows(settings: ReadingSettings) -> None:
    doc = read_document(text_layer_pdf(LAYOUT), "ngs.layout.json", settings=settings)
    [page] = doc.pages
    assert page.method == "text_layer"
    # pdfplumber found a ruled table (not text with pipes): the cells come back as drawn.
    assert [t.rows for t in page.tables] == [GENE_TABLE]
    lines = page.text.split("\n")
    assert "KRAS | p.G12C | Detected (VAF 21.4%)" in lines
    # The negative row is its own line, not run into the positive rows around it.
    assert "EGFR | No alteration | Not detected" in lines
    assert [line for line in lines if "EGFR" in line] == ["EGFR | No alteration | Not detected"]
    # Text mode prints what the reading stage prints: same lines, same order.
    assert lines == flatten(LAYOUT[0]).split("\n")


def test_long_text_wraps_and_flows_onto_more_pages(settings: ReadingSettings) -> None:
    lines = [f"Line {i}: " + "carboplatin and pemetrexed every three weeks, " * 3 for i in range(80)]
    doc = read_document(text_layer_pdf([[{"lines": "\n".join(lines)}]]), "note.txt", settings=settings)
    assert len(doc.pages) >= 2
    text = "\n".join(p.text for p in doc.pages)
    assert all(f"Line {i}:" in text for i in range(80))  # nothing falls off the page edge


@pytest.mark.slow
def test_scan_mode_has_no_text_layer_and_ocr_reads_the_table(settings: ReadingSettings) -> None:
    doc = read_document(scanned(text_layer_pdf(LAYOUT), seed=1), "ngs.layout.json", settings=settings)
    [page] = doc.pages
    assert page.method == "ocr"
    assert "GENOMIC FINDINGS" in page.text
    assert any("KRAS" in line and "p.G12C" in line for line in page.text.split("\n"))


def test_tally_scores_each_axis_only_where_gold_has_it() -> None:
    profile = Profile(
        cancer=Cancer(name="lung adenocarcinoma", oncotree_code="LUAD"),
        stage=Stage(group="IVA", t="T2a", n="N2", m=None),
        biomarkers=[
            Biomarker(gene="KRAS", alteration="mutation", status="positive"),
            Biomarker(gene="EGFR", alteration="mutation", status="positive"),
        ],
        treatments=[Treatment(agent="carboplatin", outcome="response"), Treatment(agent="pemetrexed")],
        conflicts=[ProfileConflict(field="biomarker:KRAS:mutation:p.G12C", values=["positive", "negative"])],
    )
    gold = {
        "biomarkers": [["KRAS", "mutation", "positive"], ["EGFR", "mutation", "negative"]],
        "treatments": ["carboplatin", "pemetrexed", "pembrolizumab"],
        "outcomes": {"carboplatin": "response", "pemetrexed": "ongoing", "pembrolizumab": "response"},
        "cancer": "LUAD",
        "stage": {"group": "IVA", "t": "T2a", "n": "N2", "m": "M1a"},
        "conflicts": [["KRAS", "mutation"], ["ERBB2", "amplification"]],
    }
    tally = Tally()
    misses = tally.add(profile, gold)
    s = tally.summary()
    assert s["positive_when_gold_negative"] == 1 and s["biomarker_f1"] == 0.5
    assert s["outcome_n"] == 2 and s["outcome_acc"] == 0.5  # pembrolizumab was not extracted
    assert s["cancer_acc"] == 1.0
    assert (s["stage_group_acc"], s["stage_m_acc"], s["stage_acc"]) == (1.0, 0.0, 0.75)
    assert (s["conflict_p"], s["conflict_r"]) == (1.0, 0.5)
    assert any(m.startswith("stage m got None want M1a") for m in misses)
    bare = Tally()
    bare.add(profile, {"biomarkers": gold["biomarkers"], "treatments": gold["treatments"]})
    assert not {"outcome_acc", "cancer_acc", "stage_acc", "conflict_p"} & bare.summary().keys()


def test_stage_history_is_scored_only_where_gold_has_it() -> None:
    at_diagnosis = Stage(group="IIA", t="T2", n="N0", m="M0", prefix="c")
    after = Stage(t="T1a", n="N0", prefix="yp")
    profile = Profile(stage=after, stage_history=[at_diagnosis, after])
    base = {"biomarkers": [], "treatments": [], "stage": {"group": None, "t": "T1a", "n": "N0", "m": None}}
    tally = Tally()
    assert tally.add(profile, base) == []
    assert "stage_history_acc" not in tally.summary()  # no gold has the key yet: nothing changes
    right = [{"prefix": "c", "group": "IIA", "t": "T2"}, {"prefix": "yp", "t": "T1a", "n": "N0"}]
    assert tally.add(profile, {**base, "stage_history": right}) == []
    misses = tally.add(profile, {**base, "stage_history": right[1:]})  # the stage at diagnosis missing
    assert misses and misses[0].startswith("stage_history got")
    assert (tally.summary()["stage_history_acc"], tally.summary()["stage_history_n"]) == (0.5, 2)
