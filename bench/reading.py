"""Reading benchmark: speed per page (text layer, OCR with 1 and all workers), memory on a 50-page
streamed scan, and OCR character error rate on rendered fixtures, against bare ``tesseract`` on the
same images in the same run.

    .venv/bin/python bench/reading.py [--quick]

Prints a markdown table and writes bench/out/reading.json. The machine is shared, so every OCR figure
is taken both as wall time and as CPU time (``getrusage`` of this process plus its children, which
other people's load barely moves), repeated, and reported as a median; ours and bare tesseract run
back to back so that ratios compare like with like. The load average at start and end is recorded.
The 2-worker speedup needs two idle cores, so it is reported next to bare tesseract's speedup in the
same run, and with a load-proof check of the executor: how long each reader thread leaves its core
without a Tesseract run between pages. ``--parts ocr,throughput`` runs a subset and prints its JSON
only (for tuning).
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
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from casewise_core.settings import ReadingSettings  # noqa: E402
from casewise_extractor.reading import TesseractEngine, read_document  # noqa: E402

from tests.fixtures.records import (  # noqa: E402
    NGS_FINDINGS_TABLE,
    NGS_REPORT_PAGES,
    PATHOLOGY_REPORT_PAGES,
    png,
    scanned_pdf,
    text_pdf,
)

T = TypeVar("T")
PARTS = ("text", "ocr", "throughput", "memory")
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


def bare_tesseract(image: Path) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out = subprocess.run(["tesseract", str(image), "stdout"], capture_output=True, env=env, check=True)
    return out.stdout.decode()


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


def _timed(run: Callable[[], T]) -> tuple[T, float, float]:
    """``run()``, its wall seconds and its CPU seconds (this process and its children)."""
    start, cpu = time.perf_counter(), cpu_seconds()
    out = run()
    return out, time.perf_counter() - start, cpu_seconds() - cpu


def _median_pair_ratio(ours: list[float], bare: list[float]) -> float:
    """Median of ours/bare over back-to-back pairs: drift in the machine's load cancels out."""
    return round(statistics.median(a / b for a, b in zip(ours, bare, strict=True)), 3)


def bench_ocr_quality(tmp: Path, dpi: int, repeats: int) -> dict[str, dict[str, float]]:
    """Each page read by us then by bare tesseract, back to back, ``repeats`` times; medians."""
    out: dict[str, dict[str, float]] = {}
    warm = png(tmp / "warm.png", TEXTS[0], dpi=dpi)
    read_document(warm, warm.name, settings=SETTINGS, workers=1)
    bare_tesseract(warm)
    for variant, options in VARIANTS.items():
        wall: dict[str, list[float]] = {"ours": [], "bare": []}
        cpu: dict[str, list[float]] = {"ours": [], "bare": []}
        ours_cer, bare_cer = [], []
        images = [png(tmp / f"{variant[:4]}-{i}.png", t, dpi=dpi, **options) for i, t in enumerate(TEXTS)]
        for round_ in range(repeats):
            for text, image in zip(TEXTS, images, strict=True):
                doc, w, c = _timed(lambda im=image: read_document(im, im.name, settings=SETTINGS, workers=1))
                bare_text, bw, bc = _timed(lambda im=image: bare_tesseract(im))
                wall["ours"].append(w)
                cpu["ours"].append(c)
                wall["bare"].append(bw)
                cpu["bare"].append(bc)
                if round_ == 0:
                    ours_cer.append(cer(text, doc.pages[0].text))
                    bare_cer.append(cer(text, bare_text))
        out[variant] = {
            "ours_wall_s": round(statistics.median(wall["ours"]), 3),
            "bare_wall_s": round(statistics.median(wall["bare"]), 3),
            "ours_cpu_s": round(statistics.median(cpu["ours"]), 3),
            "bare_cpu_s": round(statistics.median(cpu["bare"]), 3),
            "wall_ratio": _median_pair_ratio(wall["ours"], wall["bare"]),
            "cpu_ratio": _median_pair_ratio(cpu["ours"], cpu["bare"]),
            "runs": len(wall["ours"]),
            "ours_cer_pct": round(100 * statistics.mean(ours_cer), 2),
            "bare_cer_pct": round(100 * statistics.mean(bare_cer), 2),
        }
    return out


def bench_throughput(tmp: Path, pages: int, rounds: int) -> dict[str, Any]:
    """1 worker then all cores, back to back, ``rounds`` times; the same for bare tesseract."""
    pdf = scanned_pdf(tmp / "scan.pdf", [TEXTS[i % len(TEXTS)] for i in range(pages)])
    read_document(pdf, "warm-up.pdf", settings=SETTINGS, workers=1)
    cores = os.cpu_count() or 1
    wall: dict[int, list[float]] = {1: [], cores: []}
    cpu: dict[int, list[float]] = {1: [], cores: []}
    # The ceiling on this machine right now: the same pages through bare tesseract, 1 vs N at once.
    images = [png(tmp / f"page-{i}.png", TEXTS[i % len(TEXTS)], dpi=300) for i in range(pages)]
    bare: dict[int, list[float]] = {1: [], cores: []}
    for _ in range(rounds):
        for workers in wall:
            doc, w, c = _timed(lambda n=workers: read_document(pdf, "scan.pdf", settings=SETTINGS, workers=n))
            wall[workers].append(w)
            cpu[workers].append(c)
            assert [p.method for p in doc.pages] == ["ocr"] * pages
        for workers in bare:
            bare[workers].append(_bare_parallel(images, workers))
    gap_ms, second_start_s = _reader_gaps(pdf, cores)
    speedups = [a / b for a, b in zip(wall[1], wall[cores], strict=True)]
    bare_speedups = [a / b for a, b in zip(bare[1], bare[cores], strict=True)]
    return {
        "pages": pages,
        "workers": cores,
        "executor": SETTINGS.ocr_executor,
        "rounds": rounds,
        "s_per_page_1_worker": round(statistics.median(wall[1]) / pages, 3),
        "s_per_page_all_workers": round(statistics.median(wall[cores]) / pages, 3),
        "cpu_s_per_page_1_worker": round(statistics.median(cpu[1]) / pages, 3),
        "cpu_s_per_page_all_workers": round(statistics.median(cpu[cores]) / pages, 3),
        "speedup_median": round(statistics.median(speedups), 2),
        "speedup_best": round(min(wall[1]) / min(wall[cores]), 2),
        "reader_gap_ms_median": gap_ms,
        "last_reader_starts_s": second_start_s,
        "bare_tesseract_speedup_median": round(statistics.median(bare_speedups), 2),
        "bare_tesseract_speedup_best": round(min(bare[1]) / min(bare[cores]), 2),
        "all_runs_s": {str(k): [round(x, 2) for x in v] for k, v in wall.items()},
        "bare_runs_s": {str(k): [round(x, 2) for x in v] for k, v in bare.items()},
    }


class _TimedEngine(TesseractEngine):
    """Tesseract that records when each of its runs starts and ends, per thread."""

    def __init__(self) -> None:
        super().__init__()
        self.runs: list[tuple[int, float, float]] = []

    def _run(self, image: Any, args: list[str], timeout_s: float) -> str:
        start = time.perf_counter()
        out = super()._run(image, args, timeout_s)
        self.runs.append((threading.get_ident(), start, time.perf_counter()))
        return out


def _reader_gaps(pdf: Path, workers: int) -> tuple[float, float]:
    """How long a reader thread leaves its core without Tesseract between two pages (median ms), and
    when the last reader starts its first run: robust to other load, unlike the speedup itself."""
    engine = _TimedEngine()
    start = time.perf_counter()
    read_document(pdf, "scan.pdf", settings=SETTINGS, workers=workers, engine=engine)
    by_thread: dict[int, list[tuple[float, float]]] = {}
    for thread, a, b in engine.runs:
        by_thread.setdefault(thread, []).append((a, b))
    gaps = [
        runs[i + 1][0] - runs[i][1] for runs in map(sorted, by_thread.values()) for i in range(len(runs) - 1)
    ]
    last_start = max(min(a for a, _ in runs) for runs in by_thread.values()) - start
    return round(statistics.median(gaps) * 1000, 1), round(last_start, 3)


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
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated subset of " + str(PARTS))
    parser.add_argument("--memory-probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_probe:
        memory_probe(args.memory_probe)
        return
    load_start = os.getloadavg()[0]
    parts = set(args.parts.split(","))
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        text = bench_text_layer(tmp, 8 if args.quick else 40) if "text" in parts else {}
        repeats = 1 if args.quick else 3
        quality = bench_ocr_quality(tmp, dpi=300, repeats=repeats) if "ocr" in parts else {}
        rounds = 1 if args.quick else 5
        throughput = bench_throughput(tmp, 4 if args.quick else 8, rounds) if "throughput" in parts else {}
        memory = bench_memory(tmp, [3, 6] if args.quick else [5, 50]) if "memory" in parts else []
    if parts != set(PARTS):  # a partial run (while tuning): print it, keep the last full result
        print(json.dumps({"ocr": quality, "throughput": throughput, "text_layer": text, "memory": memory}))
        return
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
                f"OCR page {variant}, ours / bare tesseract, median of {v['runs']} (wall; CPU)",
                f"{v['ours_wall_s']} s / {v['bare_wall_s']} s = {v['wall_ratio']}x; "
                f"CPU {v['ours_cpu_s']} s / {v['bare_cpu_s']} s = {v['cpu_ratio']}x",
                "\u2264 1.15x" if variant == "clean" else "",
                max(v["cpu_ratio"], v["wall_ratio"]) <= 1.15 if variant == "clean" else None,
            )
        )
    lines.append(
        _row(
            f"OCR scan {t['pages']} pages, 1 worker / {t['workers']} {t['executor']}, "
            f"median of {t['rounds']} (wall; CPU)",
            f"{t['s_per_page_1_worker']} / {t['s_per_page_all_workers']} s/page = "
            f"{t['speedup_median']}x (best {t['speedup_best']}x); CPU {t['cpu_s_per_page_1_worker']} / "
            f"{t['cpu_s_per_page_all_workers']} s/page",
            "\u2265 1.7x",
            t["speedup_median"] >= 1.7,
        )
    )
    lines.append(
        _row(
            "Idle gap between a reader's Tesseract runs, median; last reader's first run at (load-proof)",
            f"{t['reader_gap_ms_median']} ms; {t['last_reader_starts_s']} s",
        )
    )
    lines.append(
        _row(
            "Bare tesseract, same machine same run, 1 / all at once",
            f"{t['bare_tesseract_speedup_median']}x (best {t['bare_tesseract_speedup_best']}x)",
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
