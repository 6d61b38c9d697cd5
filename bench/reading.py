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
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
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


def cpu_seconds() -> float:
    """CPU time of this process and its waited-for children: stable when the machine is busy."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def bare_tesseract(image: Path) -> tuple[str, float, float]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start, cpu = time.perf_counter(), cpu_seconds()
    out = subprocess.run(["tesseract", str(image), "stdout"], capture_output=True, env=env, check=True)
    return out.stdout.decode(), time.perf_counter() - start, cpu_seconds() - cpu


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
    warm = png(tmp / "warm.png", TEXTS[0], dpi=dpi)
    read_document(warm, warm.name, settings=SETTINGS, workers=1)
    bare_tesseract(warm)
    for variant, options in VARIANTS.items():
        ours_t, bare_t, ours_cpu, bare_cpu, ours_cer, bare_cer = [], [], [], [], [], []
        for i, text in enumerate(TEXTS):
            image = png(tmp / f"{variant[:4]}-{i}.png", text, dpi=dpi, **options)
            start, cpu = time.perf_counter(), cpu_seconds()
            (page,) = read_document(image, image.name, settings=SETTINGS, workers=1).pages
            ours_t.append(time.perf_counter() - start)
            ours_cpu.append(cpu_seconds() - cpu)
            bare_text, seconds, cpu_used = bare_tesseract(image)
            bare_t.append(seconds)
            bare_cpu.append(cpu_used)
            ours_cer.append(cer(text, page.text))
            bare_cer.append(cer(text, bare_text))
        out[variant] = {
            "ours_s_per_page": round(statistics.mean(ours_t), 3),
            "bare_s_per_page": round(statistics.mean(bare_t), 3),
            "ratio": round(sum(ours_t) / sum(bare_t), 3),
            "cpu_ratio": round(sum(ours_cpu) / sum(bare_cpu), 3),
            "ours_cer_pct": round(100 * statistics.mean(ours_cer), 2),
            "bare_cer_pct": round(100 * statistics.mean(bare_cer), 2),
        }
    return out


def bench_throughput(tmp: Path, pages: int, rounds: int) -> dict[str, float]:
    """1 worker against all cores, alternating, best of ``rounds`` each (the machine is shared)."""
    pdf = scanned_pdf(tmp / "scan.pdf", [TEXTS[i % len(TEXTS)] for i in range(pages)])
    read_document(pdf, "warm-up.pdf", settings=SETTINGS, workers=1)
    cores = os.cpu_count() or 1
    times: dict[int, list[float]] = {1: [], cores: []}
    for _ in range(rounds):
        for workers in times:
            start = time.perf_counter()
            doc = read_document(pdf, "scan.pdf", settings=SETTINGS, workers=workers)
            times[workers].append(time.perf_counter() - start)
            assert [p.method for p in doc.pages] == ["ocr"] * pages
    # The ceiling on this machine right now: the same pages through bare tesseract, 1 vs N at once.
    images = [png(tmp / f"page-{i}.png", TEXTS[i % len(TEXTS)], dpi=300) for i in range(pages)]
    bare: dict[int, list[float]] = {1: [], cores: []}
    for _ in range(rounds):
        for workers in bare:
            bare[workers].append(_bare_parallel(images, workers))
    one, many = min(times[1]), min(times[cores])
    return {
        "bare_tesseract_speedup": round(min(bare[1]) / min(bare[cores]), 2),
        "pages": pages,
        "workers": cores,
        "executor": SETTINGS.ocr_executor,
        "s_per_page_1_worker": round(one / pages, 3),
        "s_per_page_all_workers": round(many / pages, 3),
        "speedup": round(one / many, 2),
        "all_runs_s": {str(k): [round(x, 2) for x in v] for k, v in times.items()},
    }


def _bare_parallel(images: list[Path], workers: int) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start = time.perf_counter()
    queue = list(images)
    running: list[subprocess.Popen[bytes]] = []
    while queue or running:
        while queue and len(running) < workers:
            cmd = ["tesseract", str(queue.pop(0)), "stdout"]
            running.append(
                subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            )
        time.sleep(0.005)
        running = [p for p in running if p.poll() is None]
    return time.perf_counter() - start


def _descendants_rss_kb(root: int) -> int:
    """Resident memory of every process below ``root`` (OCR workers, the forkserver, Tesseract)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        pid = int(status.parent.name)
        parents[pid] = int(fields["PPid"])
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total = 0
    for pid in rss:
        p = parents.get(pid, 0)
        while p and p != root:
            p = parents.get(p, 0)
        if p == root:
            total += rss[pid]
    return total


def memory_probe(pdf: Path) -> None:
    """Run in a fresh process: read a scan, print peak RSS of this process and of its descendants."""
    peak_children = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_children
        while not done.wait(0.1):
            peak_children = max(peak_children, _descendants_rss_kb(os.getpid()))

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    doc = read_document(pdf, "long.pdf", settings=SETTINGS)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"pages": len(doc.pages), "main_mb": main / 1024, "before_read_mb": before / 1024,
                      "children_peak_mb": peak_children / 1024, "seconds": seconds}))  # fmt: skip


def bench_memory(tmp: Path, pages: list[int]) -> list[dict[str, float]]:
    rows = []
    for n in pages:
        pdf = scanned_pdf(tmp / f"long-{n}.pdf", [TEXTS[i % len(TEXTS)] for i in range(n)])
        out = subprocess.run(
            [sys.executable, __file__, "--memory-probe", str(pdf)], capture_output=True, text=True, check=True
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append({k: round(v, 1) for k, v in row.items()})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer pages (a smoke run)")
    parser.add_argument("--memory-probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_probe:
        memory_probe(args.memory_probe)
        return
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        text = bench_text_layer(tmp, 8 if args.quick else 40)
        quality = bench_ocr_quality(tmp, dpi=300)
        throughput = bench_throughput(tmp, 4 if args.quick else 8, 1 if args.quick else 5)
        memory = bench_memory(tmp, [3, 6] if args.quick else [5, 50])
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


def _row(name: str, value: str, target: str = "", ok: bool | None = None) -> str:
    met = "" if ok is None else ("yes" if ok else "NO")
    return f"| {name} | {value} | {target} | {met} |"


def render(r: dict) -> str:  # type: ignore[type-arg]
    q, t, m, text = r["ocr"], r["throughput"], r["memory"], r["text_layer"]
    lines = ["| measure | value | target | met |", "| --- | --- | --- | --- |"]
    lines.append(
        _row("Text-layer page, median", f"{text['median_ms']} ms", "\u2264 50 ms", text["median_ms"] <= 50)
    )
    lines.append(_row("Text-layer page, mean incl. open", f"{text['mean_ms_incl_open']} ms"))
    for variant, v in q.items():
        lines.append(
            _row(
                f"OCR page {variant}, ours / bare tesseract (wall; CPU)",
                f"{v['ours_s_per_page']} s / {v['bare_s_per_page']} s = {v['ratio']}x; CPU {v['cpu_ratio']}x",
                "\u2264 1.15x (CPU)" if variant == "clean" else "",
                v["cpu_ratio"] <= 1.15 if variant == "clean" else None,
            )
        )
    lines.append(
        _row(
            f"OCR scan {t['pages']} pages, 1 worker / {t['workers']} {t['executor']} (best of runs)",
            f"{t['s_per_page_1_worker']} / {t['s_per_page_all_workers']} s/page = {t['speedup']}x "
            f"(bare tesseract, same pages, same run: {t['bare_tesseract_speedup']}x)",
            "\u2265 1.7x",
            t["speedup"] >= 1.7,
        )
    )
    for variant, v in q.items():
        target = 1.0 if variant == "clean" else 3.0
        ok = v["ours_cer_pct"] <= target
        lines.append(
            _row(
                f"CER {variant}, ours / bare",
                f"{v['ours_cer_pct']}% / {v['bare_cer_pct']}%",
                f"\u2264 {target:g}%",
                ok,
            )
        )
    for row in m:
        value = f"{row['main_mb']} MB / {row['children_peak_mb']} MB ({row['seconds']} s)"
        lines.append(_row(f"Peak RSS {row['pages']}-page scan, main / all workers", value))
    small, large = m[0], m[-1]
    flat = all(large[k] <= small[k] * 1.25 + 20 for k in ("main_mb", "children_peak_mb"))
    lines.append(
        _row(
            f"Memory flat from {small['pages']} to {large['pages']} pages", "yes" if flat else "no", "", flat
        )
    )
    mach = r["machine"]
    lines.append(
        f"\n{mach['cores']} cores; load average {mach['load_avg_start']:.1f} at start, "
        f"{mach['load_avg_end']:.1f} at end (other work on the machine slows wall-clock figures)."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
