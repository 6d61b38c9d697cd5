"""Cancer type and stage on a handful of real OCR'd TCGA reports (../shared/data; skipped when absent).

The full measurement is bench/tcga.py; this keeps a regression guard in the test suite.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from casewise_extractor.nlp.cancer import find_cancer
from casewise_extractor.nlp.stage import find_stage

CSV = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "tcga-reports" / "dev.csv"
ROWS = 60
TISSUE = {
    "BRCA": "Breast", "LUAD": "Lung", "LUSC": "Lung", "KIRC": "Kidney", "KIRP": "Kidney", "KICH": "Kidney",
    "COAD": "Bowel", "READ": "Bowel", "STAD": "Esophagus/Stomach", "ESCA": "Esophagus/Stomach",
    "HNSC": "Head and Neck", "THCA": "Thyroid", "PRAD": "Prostate", "LIHC": "Liver",
    "BLCA": "Bladder/Urinary Tract", "CESC": "Cervix", "PAAD": "Pancreas", "ACC": "Adrenal Gland",
    "MESO": "Pleura", "TGCT": "Testis", "UVM": "Eye", "SKCM": "Skin", "CHOL": "Biliary Tract",
}  # fmt: skip


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    if not CSV.exists():
        pytest.skip(f"TCGA reports not present at {CSV} (shared data folder)")
    with CSV.open(newline="", encoding="utf-8") as fh:
        return sorted(csv.DictReader(fh), key=lambda r: r["report_id"])[:ROWS]


def _digit(label: str | None) -> str | None:
    m = re.match(r"[TNM](\d)", label or "")
    return m.group(1) if m else None


def test_tissue_precision_on_tcga(rows: list[dict[str, str]]) -> None:
    found = [(r, find_cancer(r["text"])) for r in rows]
    given = [(r, f) for r, f in found if f is not None]
    right = sum(1 for r, f in given if f.tissue == TISSUE[r["tcga_project"]])
    assert len(given) >= 0.8 * len(rows)
    assert right / len(given) >= 0.95


def test_t_and_n_precision_on_tcga(rows: list[dict[str, str]]) -> None:
    stages = [(r, find_stage(r["text"])) for r in rows]
    t_given = [(r, _digit(s.t)) for r, s in stages if s is not None and _digit(s.t)]
    n_given = [(r, _digit(s.n)) for r, s in stages if s is not None and _digit(s.n) and r["n"]]
    assert len(t_given) >= 0.5 * len(rows)
    assert sum(1 for r, d in t_given if d == _digit(r["t"])) / len(t_given) >= 0.9
    assert len(n_given) >= 0.3 * len(rows)
    assert sum(1 for r, d in n_given if d == _digit(r["n"])) / len(n_given) >= 0.9


def test_t_inferred_from_size_keeps_precision_on_tcga(rows: list[dict[str, str]]) -> None:
    plain = [(r, find_stage(r["text"])) for r in rows]
    tissues = [find_cancer(r["text"]) for r in rows]
    with_size = [
        (r, find_stage(r["text"], tissue=c.tissue if c else None)) for r, c in zip(rows, tissues, strict=True)
    ]
    given = [(r, _digit(s.t)) for r, s in with_size if s is not None and _digit(s.t)]
    assert len(given) >= sum(1 for _, s in plain if s is not None and _digit(s.t))
    inferred = [(r, s) for r, s in with_size if s is not None and s.rule_id.startswith("stage.t.inferred")]
    assert all(s.t == p.t for (_, s), (_, p) in zip(with_size, plain, strict=True) if p is not None and p.t)
    assert sum(1 for r, d in given if d == _digit(r["t"])) / len(given) >= 0.9
    assert sum(1 for r, s in inferred if _digit(s.t) == _digit(r["t"])) >= 0.8 * len(inferred)


@pytest.mark.parametrize(
    "text",
    [
        "Right orchiectomy; nonseminoma, 2.2 cm; tumour confined to the testis.",
        "Testis, radical orchiectomy: non-seminomatous germ cell tumor, 3.1 cm.",
    ],
)
def test_a_nonseminoma_is_a_non_seminomatous_germ_cell_tumour(text: str) -> None:
    c = find_cancer(text)
    assert c is not None and (c.oncotree_code, c.tissue) == ("NSGCT", "Testis")


@pytest.mark.parametrize(
    "text",
    [
        "Resected tumour of the tongue. Histopathological diagnosis: carcinoma planoepitheliale, G2.",
        "Larynx: Ca planoepitheliale keratodes invasivum, G1.",
    ],
)
def test_carcinoma_planoepitheliale_is_a_squamous_cell_carcinoma(text: str) -> None:
    c = find_cancer(text)
    assert c is not None and c.histology == "squamous cell carcinoma" and c.tissue == "Head and Neck"
