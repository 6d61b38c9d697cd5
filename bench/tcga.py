"""Cancer type and TNM extraction on real OCR'd TCGA pathology reports (dev half of the T14 set).

Labels come from TCGA structured data, so precision (when we output a value) and coverage are
reported separately. Rows are split deterministically (md5 of report_id) into a 2/3 development
split, on which the rules were tuned, and a 1/3 check split that was only measured.

    .venv/bin/python bench/tcga.py [--csv PATH] [--errors t|n|m|tissue]

Prints a markdown table and writes bench/out/tcga.json.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
from pathlib import Path

from casewise_extractor.nlp.cancer import find_cancer
from casewise_extractor.nlp.stage import find_stage
from casewise_extractor.nlp.stage_inference import infer_t, load_rules

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CSV = REPO.parent / "shared" / "data" / "tcga-reports" / "dev.csv"
OUT = Path(__file__).resolve().parent / "out" / "tcga.json"

TISSUE = {
    "BRCA": "Breast",
    "LUAD": "Lung",
    "LUSC": "Lung",
    "KIRC": "Kidney",
    "KIRP": "Kidney",
    "KICH": "Kidney",
    "COAD": "Bowel",
    "READ": "Bowel",
    "STAD": "Esophagus/Stomach",
    "ESCA": "Esophagus/Stomach",
    "HNSC": "Head and Neck",
    "THCA": "Thyroid",
    "PRAD": "Prostate",
    "LIHC": "Liver",
    "BLCA": "Bladder/Urinary Tract",
    "CESC": "Cervix",
    "PAAD": "Pancreas",
    "ACC": "Adrenal Gland",
    "MESO": "Pleura",
    "TGCT": "Testis",
    "UVM": "Eye",
    "SKCM": "Skin",
    "CHOL": "Biliary Tract",
}
BASELINE_T = re.compile(r"pT([0-4])")
# Any T-category-looking token at all: an upper bound on the T coverage a text-only reader can reach.
ANY_T = re.compile(r"(?<![A-Za-z0-9])[pcyPr]{0,2}\s?T\s?[0-4lIO][a-dA-D]?(?![A-Za-z0-9])")


def split_of(report_id: str) -> str:
    return "check" if int(hashlib.md5(report_id.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def digit(label: str | None) -> str | None:
    """'T2a' -> '2'; TX / MX / empty -> None (no comparable value)."""
    if not label:
        return None
    m = re.match(r"[TNM](\d|is)", label)
    return m.group(1) if m else None


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def score(rows: list[dict[str, str]], preds: list[dict[str, str | None]]) -> dict[str, object]:
    out: dict[str, object] = {"reports": len(rows)}
    for axis in ("tissue", "t", "t_stated", "t_inferred", "n", "m", "baseline_t"):
        label_key = axis if axis in ("tissue", "n", "m") else "t"
        labelled = [(r, p) for r, p in zip(rows, preds, strict=True) if r[label_key]]
        given = [(r, p) for r, p in labelled if p[axis]]
        right = [
            1 for r, p in given if p[axis] == (r[label_key] if axis == "tissue" else digit(r[label_key]))
        ]
        out[axis] = {
            "precision": _rate(len(right), len(given)),
            "coverage": _rate(len(given), len(labelled)),
            "output": len(given),
            "labelled": len(labelled),
        }
    # Per inference family: when applied (no stated T) and in shadow (run on every labelled report,
    # stated T or not: more reports, so a steadier precision estimate for keeping or dropping it).
    fams: dict[str, dict[str, int]] = {}
    for r, p in zip(rows, preds, strict=True):
        if not r["t"] or not p["shadow_rule"]:
            continue
        f = fams.setdefault(
            p["shadow_rule"], {"applied": 0, "applied_right": 0, "shadow": 0, "shadow_right": 0}
        )
        f["shadow"] += 1
        f["shadow_right"] += p["shadow_t"] == digit(r["t"])
        if p["t_rule"] == p["shadow_rule"]:
            f["applied"] += 1
            f["applied_right"] += p["t"] == digit(r["t"])
    out["families"] = dict(sorted(fams.items()))
    labelled_t = [p for r, p in zip(rows, preds, strict=True) if r["t"]]
    out["t_ceiling"] = _rate(sum(1 for p in labelled_t if p["any_t"]), len(labelled_t))
    return out


def predict(row: dict[str, str]) -> tuple[dict[str, str | None], dict[str, str | None]]:
    text = row["text"]
    cancer = find_cancer(text)
    tissue = cancer.tissue if cancer else None
    stage = find_stage(text, tissue=tissue)
    stated = find_stage(text)
    shadow = infer_t(text, tissue)
    inferred = stage is not None and stage.rule_id.startswith("stage.t.inferred")
    base = BASELINE_T.search(text)
    pred = {
        "tissue": tissue,
        "t": digit(stage.t) if stage else None,
        "t_stated": digit(stated.t) if stated else None,
        "t_inferred": digit(stage.t) if stage and inferred else None,
        "t_rule": stage.rule_id if stage and inferred else None,
        "shadow_t": digit(shadow.t) if shadow else None,
        "shadow_rule": shadow.rule_id if shadow else None,
        "n": digit(stage.n) if stage else None,
        "m": digit(stage.m) if stage else None,
        "baseline_t": base.group(1) if base else None,
        "any_t": "1" if ANY_T.search(text) else None,
    }
    raw = {
        "code": cancer.oncotree_code if cancer else None,
        "cancer_rule": cancer.rule_id if cancer else None,
        "stage": f"{stage.group} {stage.t} {stage.n} {stage.m} [{stage.rule_id}]" if stage else None,
        "shadow": f"{shadow.t} [{shadow.rule_id}] {text[shadow.start : shadow.end]!r}" if shadow else None,
    }
    return pred, raw


def _cell(d: dict[str, object], key: str) -> str:
    v = d[key]
    assert isinstance(v, dict)
    if v["precision"] is None:
        return "—"
    if key == "t_inferred":  # share of labelled reports given a T by inference, and how many
        return f"{v['precision']:.3f} / {v['coverage']:.2f} ({v['output']})"
    return f"{v['precision']:.3f} / {v['coverage']:.2f}"


def table(results: dict[str, dict[str, object]]) -> str:
    lines = [
        "| split | reports | tissue acc / cov | T prec / cov | T stated only | T inferred only (n) "
        "| N prec / cov | M prec / cov | baseline `pT[0-4]` T prec / cov | any T token "
        "| ms / report (wall, CPU) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['reports']} | {_cell(r, 'tissue')} | {_cell(r, 't')} | {_cell(r, 't_stated')} "
            f"| {_cell(r, 't_inferred')} | {_cell(r, 'n')} "
            f"| {_cell(r, 'm')} | {_cell(r, 'baseline_t')} | {r['t_ceiling']:.2f} "
            f"| {r['ms_per_report']:.2f}, {r['cpu_ms_per_report']:.2f} |"
        )
    return "\n".join(lines)


def family_table(results: dict[str, dict[str, object]]) -> str:
    """Per inference family and split: precision when applied, and in shadow over all labelled reports."""
    lines = [
        "| split | family | applied prec (n) | shadow prec (n) |",
        "| --- | --- | --- | --- |",
    ]
    for name, r in results.items():
        fams = r["families"]
        assert isinstance(fams, dict)
        for fam, f in fams.items():
            lines.append(
                f"| {name} | {fam.removeprefix('stage.t.')} | {_rate(f['applied_right'], f['applied'])} "
                f"({f['applied']}) | {_rate(f['shadow_right'], f['shadow'])} ({f['shadow']}) |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument(
        "--errors", choices=["tissue", "t", "shadow_t", "n", "m"], help="list dev-split errors of one axis"
    )
    ap.add_argument("--families", action="store_true", help="also print per inference family precision")
    args = ap.parse_args(argv)
    if not args.csv.exists():
        print(f"no data at {args.csv}", file=sys.stderr)
        return 2
    with args.csv.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["tissue"] = TISSUE.get(r["tcga_project"], "")
    find_cancer("warm up")
    find_stage("warm up")
    results: dict[str, dict[str, object]] = {}
    for name in ("dev", "check", "all"):
        part = [r for r in rows if name == "all" or split_of(r["report_id"]) == name]
        t0, c0 = time.perf_counter(), time.process_time()
        outs = [predict(r) for r in part]
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        res = score(part, [p for p, _ in outs])
        # Both extractors plus the baseline regex; CPU time is the fair figure on a shared machine.
        res["ms_per_report"] = round(1000 * elapsed / len(part), 3)
        res["cpu_ms_per_report"] = round(1000 * cpu / len(part), 3)
        results[name] = res
        if args.errors and name == "dev":
            for r, (p, raw) in zip(part, outs, strict=True):
                want = (
                    r["tissue"] if args.errors == "tissue" else digit(r[args.errors.removeprefix("shadow_")])
                )
                if p[args.errors] and want and p[args.errors] != want:
                    print(r["report_id"], r["tcga_project"], "want", want, "got", p[args.errors], raw)
    print(table(results))
    if args.families:
        print(f"\nT inference rules {load_rules().version}\n")
        print(family_table(results))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
