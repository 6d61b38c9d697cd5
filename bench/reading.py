"""Reading benchmark: speed per page (text layer, OCR with 1 and all workers), memory on a 50-page
streamed scan, and OCR character error rate on rendered fixtures, against bare ``tesseract`` on the
same images in the same run.

    .venv/bin/python bench/reading.py [--quick]

Prints a markdown table and writes bench/out/reading.json. Timings depend on what else runs on the
machine: the load average at start and end is recorded with them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from casewise_core.settings import ReadingSettings  # noqa: E402
from casewise_extractor.reading import read_document  # noqa: E402

from tests.fixtures.records import (  # noqa: E402
    NGS_FINDINGS_TABLE,
    NGS_REPORT_PAGES,
    PATHOLOGY_REPORT_PAGES,
    png,
    scanned_pdf,
    text_pdf,
)

TEXTS = PATHOLOGY_REPORT_PAGES + NGS_REPORT_PAGES
VARIANTS: dict[str, dict[str, float]] = {
    "clean": {},
    "rotated 2\u00b0 + noise": {"rotate_deg": 2.0, "noise": 0.001},
    "blur": {"blur": 1.5},
}
SETTINGS = ReadingSettings(data_dir=Path(tempfile.gettempdir()))


def levenshtein(a: str, b: str) -> int:
    """Edit distance, one numpy row at a time (insertions via a running minimum)."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    codes = np.array([ord(c) for c in b])
    cols = np.arange(len(b) + 1)
    prev = cols.copy()
    for i, ch in enumerate(a, start=1):
        cand = np.empty(len(b) + 1, dtype=np.int64)
        cand[0] = i
        cand[1:] = np.minimum(prev[1:] + 1, prev[:-1] + (codes != ord(ch)))
        prev = np.minimum.accumulate(cand - cols) + cols
    return int(prev[-1])


def cer(truth: str, got: str) -> float:
    """Character error rate with whitespace runs collapsed (layout is not a character error)."""
    t, g = " ".join(truth.split()), " ".join(got.split())
    return levenshtein(t, g) / max(1, len(t))


def bare_tesseract(image: Path) -> tuple[str, float]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start = time.perf_counter()
    out = subprocess.run(["tesseract", str(image), "stdout"], capture_output=True, env=env, check=True)
    return out.stdout.decode(), time.perf_counter() - start


def bench_text_layer(tmp: Path, pages: int) -> dict[str, float]:
    texts = [TEXTS[i % len(TEXTS)] for i in range(pages)]
    tables = [NGS_FINDINGS_TABLE if i % len(TEXTS) == 3 else [] for i in range(pages)]
    pdf = text_pdf(tmp / "text.pdf", texts, tables=tables)
    read_document(pdf, "warm-up.pdf", settings=SETTINGS)
    stamps: list[float] = []
    start = time.perf_counter()
    doc = read_document(
        pdf, "text.pdf", settings=SETTINGS, progress=lambda *_: stamps.append(time.perf_counter())
    )
    total = time.perf_counter() - start
    assert all(p.method == "text_layer" for p in doc.pages)
    per_page = np.diff([start, *stamps])
    return {
        "pages": pages,
        "median_ms": round(statistics.median(per_page) * 1000, 1),
        "mean_ms_incl_open": round(total / pages * 1000, 1),
    }


def bench_ocr_quality(tmp: Path, dpi: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for variant, options in VARIANTS.items():
        ours_t, bare_t, ours_cer, bare_cer = [], [], [], []
        for i, text in enumerate(TEXTS):
            image = png(tmp / f"{variant[:4]}-{i}.png", text, dpi=dpi, **options)
            start = time.perf_counter()
            (page,) = read_document(image, image.name, settings=SETTINGS, workers=1).pages
            ours_t.append(time.perf_counter() - start)
            bare_text, seconds = bare_tesseract(image)
            bare_t.append(seconds)
            ours_cer.append(cer(text, page.text))
            bare_cer.append(cer(text, bare_text))
        out[variant] = {
            "ours_s_per_page": round(statistics.mean(ours_t), 3),
            "bare_s_per_page": round(statistics.mean(bare_t), 3),
            "ratio": round(sum(ours_t) / sum(bare_t), 3),
            "ours_cer_pct": round(100 * statistics.mean(ours_cer), 2),
            "bare_cer_pct": round(100 * statistics.mean(bare_cer), 2),
        }
    return out


def bench_throughput(tmp: Path, pages: int) -> dict[str, float]:
    pdf = scanned_pdf(tmp / "scan.pdf", [TEXTS[i % len(TEXTS)] for i in range(pages)])
    times = {}
    for workers in (1, os.cpu_count() or 1):
        start = time.perf_counter()
        doc = read_document(pdf, "scan.pdf", settings=SETTINGS, workers=workers)
        times[workers] = time.perf_counter() - start
        assert [p.method for p in doc.pages] == ["ocr"] * pages
    one, many = times[1], times[max(times)]
    return {
        "pages": pages,
        "workers": max(times),
        "s_per_page_1_worker": round(one / pages, 3),
        "s_per_page_all_workers": round(many / pages, 3),
        "speedup": round(one / many, 2),
    }


def memory_probe(pages: int) -> None:
    """Run in a fresh process: read a ``pages``-page scan, print peak RSS (main, largest child)."""
    with tempfile.TemporaryDirectory() as d:
        pdf = scanned_pdf(Path(d) / "long.pdf", [TEXTS[i % len(TEXTS)] for i in range(pages)])
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        doc = read_document(pdf, "long.pdf", settings=SETTINGS)
        seconds = time.perf_counter() - start
        assert len(doc.pages) == pages
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"pages": pages, "main_mb": main / 1024, "before_read_mb": before / 1024,
                      "largest_child_mb": children / 1024, "seconds": seconds}))  # fmt: skip


def bench_memory(pages: list[int]) -> list[dict[str, float]]:
    rows = []
    for n in pages:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-probe", str(n)], capture_output=True, text=True, check=True
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append({k: round(v, 1) for k, v in row.items()})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer pages (a smoke run)")
    parser.add_argument("--memory-probe", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_probe:
        memory_probe(args.memory_probe)
        return
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        text = bench_text_layer(tmp, 8 if args.quick else 40)
        quality = bench_ocr_quality(tmp, dpi=300)
        throughput = bench_throughput(tmp, 4 if args.quick else 8)
    memory = bench_memory([5, 10] if args.quick else [5, 50])
    result = {
        "machine": {
            "cores": os.cpu_count(),
            "load_avg_start": load_start,
            "load_avg_end": os.getloadavg()[0],
        },
        "text_layer": text,
        "ocr": quality,
        "throughput": throughput,
        "memory": memory,
    }
    out_dir = REPO / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "reading.json").write_text(json.dumps(result, indent=2) + "\n")
    print(render(result))


def render(r: dict) -> str:  # type: ignore[type-arg]
    q, t, m = r["ocr"], r["throughput"], r["memory"]
    clean = q["clean"]
    rows = [
        (
            "Text-layer page, median",
            f"{r['text_layer']['median_ms']} ms",
            "\u2264 50 ms",
            r["text_layer"]["median_ms"] <= 50,
        ),
        ("Text-layer page, mean incl. open", f"{r['text_layer']['mean_ms_incl_open']} ms", "", None),
        (
            "OCR page, clean 300 DPI (ours / bare tesseract)",
            f"{clean['ours_s_per_page']} s / {clean['bare_s_per_page']} s = {clean['ratio']}x",
            "\u2264 1.15x",
            clean["ratio"] <= 1.15,
        ),
        (
            f"OCR scan, 1 worker / {t['workers']} workers",
            f"{t['s_per_page_1_worker']} / {t['s_per_page_all_workers']} s/page = {t['speedup']}x",
            "\u2265 1.7x",
            t["speedup"] >= 1.7,
        ),
    ]
    for variant, v in q.items():
        target = 1.0 if variant == "clean" else 3.0
        rows.append(
            (
                f"CER {variant} (ours / bare)",
                f"{v['ours_cer_pct']}% / {v['bare_cer_pct']}%",
                f"\u2264 {target:g}%",
                v["ours_cer_pct"] <= target,
            )
        )
        if variant != "clean":
            rows.append((f"OCR time {variant} (ours / bare)", f"{v['ratio']}x", "", None))
    for row in m:
        rows.append((f"Peak RSS, {row['pages']}-page scan (main / largest child)",
                     f"{row['main_mb']} MB / {row['largest_child_mb']} MB ({row['seconds']} s)",
                     "flat in pages", None))  # fmt: skip
    flat = m[-1]["main_mb"] <= m[0]["main_mb"] * 1.25 + 20
    rows.append(("Memory bounded (largest vs smallest scan)", "yes" if flat else "no", "bounded", flat))
    lines = ["| measure | value | target | met |", "| --- | --- | --- | --- |"]
    for name, value, target, ok in rows:
        lines.append(f"| {name} | {value} | {target} | {'' if ok is None else ('yes' if ok else 'NO')} |")
    mach = r["machine"]
    lines.append(f"\n{mach['cores']} cores; load average {mach['load_avg_start']:.1f} at start, "
                 f"{mach['load_avg_end']:.1f} at end (other work on the machine slows every figure).")  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    main()
