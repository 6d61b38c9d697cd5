"""Answer benchmark (issue #5): retrieval recall@5 with and without the dense model, offline answer
checks, latency, and index build time, over the labelled questions in bench/data/questions.yaml.

    .venv/bin/python bench/answers.py [--corpus DIR] [--questions FILE] [--verbose]

Prints a markdown table and writes bench/out/answers.json. Each run builds fresh indexes in a
temporary directory (never the shared data dir). Timings depend on machine load: the load average
is recorded with them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from casewise_answerer.answerer import Answerer  # noqa: E402
from casewise_answerer.composer import DISCLAIMER  # noqa: E402
from casewise_answerer.corpus import default_corpus_dir  # noqa: E402
from casewise_answerer.drugs import check_answer  # noqa: E402
from casewise_answerer.embedder import (  # noqa: E402
    MODEL_SHA256,
    bundled_model_dir,
    load_embedder,
    model_sha256,
    resolve_model_dir,
)
from casewise_answerer.knowledge import forbidden_drugs  # noqa: E402
from casewise_answerer.readability import measure  # noqa: E402
from casewise_core.profile import Profile  # noqa: E402
from casewise_core.settings import AnswererSettings  # noqa: E402

K = 5


def load_questions(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    profiles = {k: Profile.model_validate(v) for k, v in data["profiles"].items()}
    out = []
    for i, q in enumerate(data["questions"], 1):
        out.append({**q, "n": i, "profile_obj": profiles[q["profile"]] if q.get("profile") else None})
    return out


def build(tmp: Path, corpus: Path, dense: str) -> tuple[Answerer, float]:
    started = time.perf_counter()
    a = Answerer.from_settings(AnswererSettings(data_dir=tmp, corpus_dir=corpus, dense_model=dense))
    return a, time.perf_counter() - started


def recall(
    a: Answerer, questions: list[dict[str, Any]], misses: list[str], split: str | None = None
) -> float:
    found = total = 0
    for q in questions:
        if split is not None and q.get("split", "tuning") != split:
            continue
        got = [r.passage.id for r in a.retrieve(q["question"], q["profile_obj"], k=K)]
        for want in q["passages"]:  # an entry may be a list of equally good alternatives
            total += 1
            if set(want if isinstance(want, list) else [want]) & set(got):
                found += 1
            else:
                misses.append(f"q{q['n']} {q['question']!r} [{q.get('profile')}]: want {want}, got {got}")
    return found / total if total else 0.0


def answer_checks(a: Answerer, questions: list[dict[str, Any]], failures: list[str]) -> dict[str, Any]:
    for q in questions[:3]:
        a.answer(q["question"], q["profile_obj"])  # warm-up (first calls pay for lazy setup)
    latencies: list[float] = []
    grades: list[float] = []
    prose_grades: list[float] = []
    stats = {"answers": 0, "mention_ok": 0, "disclaimer": 0, "two_citations": 0, "negative_target": 0,
             "ungrounded": 0}  # fmt: skip
    for q in questions:
        t0 = time.perf_counter()
        ans = a.answer(q["question"], q["profile_obj"])
        latencies.append(time.perf_counter() - t0)
        md = ans.answer_markdown
        grades.append(measure(md, drop=(DISCLAIMER,)).grade)
        prose_grades.append(measure(md, drop=(DISCLAIMER,), paragraphs_only=True).grade)
        stats["answers"] += 1
        stats["disclaimer"] += DISCLAIMER in md
        stats["two_citations"] += len(ans.citations) >= 2
        cited = [a.corpus.passages[c.id] for c in ans.citations]
        check = check_answer(md, cited, ans.profile, a.corpus, a.lexicon)
        stats["ungrounded"] += bool(check.ungrounded)
        forbidden = set(forbidden_drugs(ans.profile, a.corpus)) if ans.profile else set()
        # in the answer's body: its Sources list names each passage's source as published, and a
        # label's title ("FDA label (Kimmtrak, tebentafusp)") is no suggestion to take the drug
        body = md.split("## Sources", 1)[0]
        named_forbidden = [d for d in a.lexicon.find(body) if d in forbidden]
        stats["negative_target"] += bool(named_forbidden)
        missing = [s for s in q.get("must_mention", []) if s.lower() not in md.lower()]
        present = [s for s in q.get("must_not_mention", []) if s.lower() in md.lower()]
        ok = not missing and not present
        stats["mention_ok"] += ok
        shape_ok = DISCLAIMER in md and len(ans.citations) >= 2
        if not ok or named_forbidden or check.ungrounded or not shape_ok:
            failures.append(
                f"q{q['n']} {q['question']!r} [{q.get('profile')}]: missing {missing}, unwanted {present}, "
                f"negative-target {named_forbidden}, ungrounded {check.ungrounded}, "
                f"citations {len(ans.citations)}, disclaimer {DISCLAIMER in md}"
            )
    g = sorted(grades)
    stats["fk_grade_mean"] = round(statistics.fmean(g), 1)
    stats["fk_grade_p90"] = round(g[int(0.9 * (len(g) - 1))], 1)
    stats["fk_grade_le_9"] = sum(x <= 9 for x in g)
    pg = sorted(prose_grades)
    stats["fk_prose_grade_mean"] = round(statistics.fmean(pg), 1)
    stats["fk_prose_grade_p90"] = round(pg[int(0.9 * (len(pg) - 1))], 1)
    stats["fk_prose_grade_le_9"] = sum(x <= 9 for x in pg)
    lat = sorted(latencies)
    stats["p50_ms"] = round(1000 * statistics.median(lat), 1)
    stats["p95_ms"] = round(1000 * lat[int(0.95 * (len(lat) - 1))], 1)
    return stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=default_corpus_dir())
    ap.add_argument("--questions", type=Path, default=REPO / "bench" / "data" / "questions.yaml")
    ap.add_argument("--verbose", action="store_true", help="list every miss and failed check")
    args = ap.parse_args()
    questions = load_questions(args.questions)
    load_start = os.getloadavg()[0]
    result: dict[str, Any] = {
        "questions": len(questions),
        "held_out": sum(q.get("split") == "held-out" for q in questions),
        "profiles": len({q.get("profile") for q in questions if q.get("profile")}),
    }
    misses_dense: list[str] = []
    misses_sparse: list[str] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        sparse, sparse_s = build(Path(tmp) / "sparse", args.corpus, "none")
        result["index_build_s_sparse"] = round(sparse_s, 2)
        result["recall@5_sparse"] = round(recall(sparse, questions, misses_sparse), 3)
        result["recall@5_sparse_held_out"] = round(recall(sparse, questions, [], "held-out"), 3)
        result["p50_ms_sparse_only"] = answer_checks(sparse, questions, [])["p50_ms"]
        sparse.close()
        t0 = time.perf_counter()
        model_dir = resolve_model_dir("auto")
        if model_dir is not None:
            load_embedder(model_dir)  # cached: the build below reuses it
        result["model_load_s"] = round(time.perf_counter() - t0, 2)
        dense, dense_s = build(Path(tmp) / "dense", args.corpus, "auto")
        result["index_build_s_dense"] = round(dense_s, 2)  # model already loaded
        result["passages"] = len(dense.corpus.passages)
        result["fk_grade_corpus_passages"] = round(
            statistics.fmean(
                measure(p.text, paragraphs_only=True).grade for p in dense.corpus.passages.values()
            ),
            1,
        )
        labels = {w for q in questions for e in q["passages"] for w in (e if isinstance(e, list) else [e])}
        result["labels_missing_from_corpus"] = sorted(labels - set(dense.corpus.passages))
        result["dense"] = dense.dense
        t1 = time.perf_counter()
        resync = dense.index.sync(dense.corpus)
        result["index_resync_unchanged_s"] = round(time.perf_counter() - t1, 3)
        result["resync_embedded"] = resync.embedded
        result["recall@5_dense_sparse"] = round(recall(dense, questions, misses_dense), 3)
        result["recall@5_dense_sparse_held_out"] = round(recall(dense, questions, [], "held-out"), 3)
        result.update(answer_checks(dense, questions, failures))
        dense.close()
        result["total_s"] = round(time.perf_counter() - t0 + sparse_s, 1)
    model = bundled_model_dir()
    result["model_sha256_ok"] = bool(model and model_sha256(model) == MODEL_SHA256)
    result["loadavg"] = [round(load_start, 2), round(os.getloadavg()[0], 2)]

    n = result["answers"]
    rows = [
        (
            "questions (held out) / profiles",
            f"{result['questions']} ({result['held_out']}) / {result['profiles']}",
            "",
        ),
        ("passages indexed", result["passages"], ""),
        ("recall@5 dense + sparse (RRF)", result["recall@5_dense_sparse"], "≥ 0.95"),
        ("recall@5 sparse only (dense_model=none)", result["recall@5_sparse"], "≥ 0.95"),
        (
            "recall@5 on the held-out questions: hybrid / sparse only",
            f"{result['recall@5_dense_sparse_held_out']} / {result['recall@5_sparse_held_out']}",
            "",
        ),  # fmt: skip
        ("answers passing must/must-not mention", f"{result['mention_ok']}/{n}", ""),
        ("answers naming a therapy for a negative biomarker", result["negative_target"], "0"),
        ("answers naming an ungrounded drug", result["ungrounded"], "0"),
        ("answers with disclaimer", f"{result['disclaimer']}/{n}", "100%"),
        ("answers with ≥ 2 citations", f"{result['two_citations']}/{n}", "100%"),
        (
            "readability, Flesch-Kincaid grade, whole answer: mean / p90 / answers ≤ grade 9",
            f"{result['fk_grade_mean']} / {result['fk_grade_p90']} / {result['fk_grade_le_9']}/{n}",
            "~8",
        ),  # fmt: skip
        (
            "readability, FK grade, paragraphs only (no headings, lists): mean / p90 / ≤ grade 9",
            f"{result['fk_prose_grade_mean']} / {result['fk_prose_grade_p90']} / "
            f"{result['fk_prose_grade_le_9']}/{n}",
            "~8",
        ),  # fmt: skip
        ("readability of the corpus passages alone (FK grade, mean)", result["fk_grade_corpus_passages"], ""),
        (
            "offline answer latency p50 / p95 (ms, after load)",
            f"{result['p50_ms']} / {result['p95_ms']}",
            "p50 ≤ 300",
        ),
        ("offline answer latency p50, keyword only (ms)", result["p50_ms_sparse_only"], ""),
        ("dense model load (s, once per process)", result["model_load_s"], ""),
        ("index build from scratch, dense + sparse (s)", result["index_build_s_dense"], "≤ 60"),
        ("index build, keyword only (s)", result["index_build_s_sparse"], "≤ 60"),
        (
            "re-index unchanged corpus (s) / passages re-embedded",
            f"{result['index_resync_unchanged_s']} / {result['resync_embedded']}",
            "",
        ),  # fmt: skip
        ("model.safetensors sha256 matches recorded digest", result["model_sha256_ok"], "True"),
    ]
    print("| measure | value | target |\n| --- | --- | --- |")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")
    if result["labels_missing_from_corpus"]:
        print(f"\nWARNING: labelled passage ids not in the corpus: {result['labels_missing_from_corpus']}")
    print(f"\nload average: {result['loadavg'][0]} at start, {result['loadavg'][1]} at end")
    if args.verbose:
        for title, items in (("dense misses", misses_dense), ("sparse misses", misses_sparse),
                             ("answer check failures", failures)):  # fmt: skip
            print(f"\n{title} ({len(items)}):")
            for item in items:
                print("  " + item)
    result["misses_dense"], result["misses_sparse"], result["answer_failures"] = (
        misses_dense,
        misses_sparse,
        failures,
    )
    out = REPO / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "answers.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
