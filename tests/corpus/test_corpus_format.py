"""The knowledge corpus obeys its format contract (corpus/README.md) and keeps its verified facts.

Every check is a small function returning a list of problems, so the same checks run on the real
corpus and on deliberately broken copies (the fault-injection tests at the bottom).
"""

from __future__ import annotations

import csv
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import get_args

import pytest
import yaml
from casewise_core.oncotree import load_oncotree
from casewise_core.profile import AlterationClass

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOCS = CORPUS / "docs"

REQUIRED_KEYS = {"id", "title", "cancer_types", "genes", "topics", "sources", "last_reviewed"}
OPTIONAL_KEYS = {"alterations"}
TOPICS = {
    *("what-it-is", "testing", "treatment-approaches", "first-line", "after-progression", "resistance"),
    *("side-effects", "clinical-trials", "questions-to-ask", "hereditary", "adjuvant-neoadjuvant"),
    *("unusual-finding", "general"),
}
SOURCE_KINDS = {"fda-label", "guideline", "pubmed", "other"}
SETTINGS = {
    *("first-line", "after-prior-therapy", "after-progression", "adjuvant", "neoadjuvant", "maintenance"),
    "any",
}
STATUSES = {"fda-approved", "guideline-listed", "trial-only"}
ALTERATIONS = set(get_args(AlterationClass)) - {"other"}
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CITE = re.compile(r"\[S(\d+)\]")
# Dosing never belongs in the corpus: amounts with units, schedules, and prescribing abbreviations.
DOSING = re.compile(
    r"\b\d+(\.\d+)?\s*(mg|mcg|µg|g|ml|units?|iu)(/(m2|m²|kg|day|d|dl))?\b"
    r"|\bmg\b|\bmg/|\b(once|twice|three times) (a |per )?(day|daily|week|weekly)\b"
    r"|\b(bid|tid|qid|qd|q[1-9]w)\b",
    re.IGNORECASE,
)
HEADERS = {
    "actionability.csv": "id,cancer_type,gene,alteration,detail,therapy,setting,after,status,approval_year,"
    "source,doc_id",
    "standard_tests.csv": "cancer_type,min_stage,gene,alteration,detail,why,source",
    "expected_contexts.csv": "gene,alteration,detail,typical_cancer_types,note,source",
    "exclusions.csv": "actionability_id,cancer_type,reason",
    "conditions.csv": "actionability_id,gene,required_status,reason,detail",
}


def split_doc(text: str) -> tuple[dict[str, object], str]:
    lines = text.splitlines()
    if not lines or lines[0] != "---" or "---" not in lines[1:]:
        raise ValueError("no front matter between '---' lines")
    end = lines.index("---", 1)
    meta = yaml.safe_load("\n".join(lines[1:end]))
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, "\n".join(lines[end + 1 :])


def sections(body: str) -> tuple[str, list[tuple[str, str]]]:
    """The intro (text before the first H2) and each (heading, text) H2 section."""
    parts = re.split(r"^## (.+)$", body, flags=re.MULTILINE)
    intro, rest = parts[0].strip(), parts[1:]
    return intro, [(rest[i].strip(), rest[i + 1].strip()) for i in range(0, len(rest), 2)]


def slug(heading: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", heading.lower()))


def check_doc(path: Path) -> list[str]:
    try:
        meta, body = split_doc(path.read_text(encoding="utf-8"))
    except (ValueError, yaml.YAMLError) as exc:
        return [f"{path.name}: {exc}"]
    errs: list[str] = []
    keys = set(meta)
    errs += [f"{path.name}: missing key {k}" for k in sorted(REQUIRED_KEYS - keys)]
    errs += [f"{path.name}: unknown key {k}" for k in sorted(keys - REQUIRED_KEYS - OPTIONAL_KEYS)]
    if errs:
        return errs
    if meta["id"] != path.stem or not KEBAB.match(str(meta["id"])):
        errs.append(f"{path.name}: id {meta['id']!r} must be kebab-case and equal the file name")
    tree = load_oncotree()
    errs += [f"{path.name}: unknown OncoTree code {c}" for c in meta["cancer_types"] or [] if c not in tree]
    errs += [f"{path.name}: unknown topic {t}" for t in meta["topics"] if t not in TOPICS]
    if not isinstance(meta["last_reviewed"], date):
        errs.append(f"{path.name}: last_reviewed must be YYYY-MM-DD")
    sources = meta["sources"] or []
    for s in sources:
        if not {"id", "title", "kind", "year"} <= set(s) or s["kind"] not in SOURCE_KINDS:
            errs.append(f"{path.name}: bad source {s}")
        elif not isinstance(s["year"], int) or not 1990 <= s["year"] <= 2025:
            errs.append(f"{path.name}: source year {s['year']} out of range")
    if len({s.get("id") for s in sources}) != len(sources):
        errs.append(f"{path.name}: duplicate source ids")
    intro, secs = sections(body)
    if not intro:
        errs.append(f"{path.name}: no intro paragraph before the first section")
    if len(secs) < 2:
        errs.append(f"{path.name}: fewer than two '## ' sections")
    slugs = [slug(h) for h, _ in secs]
    if len(set(slugs)) != len(slugs):
        errs.append(f"{path.name}: two sections share a slug")
    errs += [f"{path.name}: section '{h}' is empty" for h, t in secs if not t]
    cited = {int(n) for n in CITE.findall(body)}
    bad = [n for n in sorted(cited) if not 1 <= n <= len(sources)]
    errs += [f"{path.name}: cites [S{n}] but lists {len(sources)} sources" for n in bad]
    errs += [f"{path.name}: source S{i} is never cited" for i in range(1, len(sources) + 1) if i not in cited]
    errs += [f"{path.name}: dosing text {m.group(0)!r}" for m in DOSING.finditer(body)]
    return errs


def read_table(path: Path) -> tuple[str, list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        header = fh.readline().strip()
        fh.seek(0)
        return header, list(csv.DictReader(fh))


@cache
def doc_bodies() -> dict[str, str]:
    return {p.stem: split_doc(p.read_text(encoding="utf-8"))[1].lower() for p in DOCS.glob("*.md")}


def other_is_safe(row: dict[str, str]) -> bool:
    """``other`` (a result with no class: an HLA type, a virus) names exactly the result it needs.

    With an empty detail it would match any unclassified result for the gene (any HLA-A typing,
    positive for whichever allele); with ``wild-type`` it would open a drug on a negative result.
    """
    details = [d.strip() for d in row["detail"].split("|") if d.strip()]
    return row["alteration"] == "other" and bool(details) and "wild-type" not in details


def check_actionability(rows: list[dict[str, str]], bodies: dict[str, str]) -> list[str]:
    tree, errs, seen = load_oncotree(), [], set()
    for r in rows:
        rid = r["id"]
        if rid in seen or not KEBAB.match(rid):
            errs.append(f"{rid}: duplicate or non-kebab id")
        seen.add(rid)
        if r["cancer_type"] != "ANY" and r["cancer_type"] not in tree:
            errs.append(f"{rid}: unknown cancer_type {r['cancer_type']}")
        if r["alteration"] not in ALTERATIONS and not other_is_safe(r):
            errs.append(f"{rid}: alteration {r['alteration']} is not a profile alteration class")
        if r["setting"] not in SETTINGS or r["status"] not in STATUSES:
            errs.append(f"{rid}: bad setting or status")
        if r["status"] == "fda-approved" and not re.fullmatch(r"(19|20)\d\d", r["approval_year"]):
            errs.append(f"{rid}: an FDA approval needs its year")
        if r["approval_year"] and r["approval_year"] not in r["source"]:
            errs.append(f"{rid}: source does not name the approval year")
        if r["therapy"] != r["therapy"].lower() or not r["source"]:
            errs.append(f"{rid}: therapy must be lower case and a source given")
        body = bodies.get(r["doc_id"])
        if body is None:
            errs.append(f"{rid}: doc_id {r['doc_id']} does not exist")
            continue
        for drug in (d.strip() for d in r["therapy"].split("+")):
            if not re.search(rf"\b{re.escape(drug)}\b", body):
                errs.append(f"{rid}: '{drug}' is not mentioned in {r['doc_id']}")
    return errs


def test_every_document_follows_the_contract() -> None:
    paths = sorted(DOCS.glob("*.md"))
    assert len(paths) >= 30
    errors = [e for p in paths for e in check_doc(p)]
    assert errors == []


def test_tables_have_exact_headers() -> None:
    for name, header in HEADERS.items():
        assert read_table(CORPUS / name)[0] == header, name


def test_actionability_rows_parse_and_point_at_documents_that_name_the_therapy() -> None:
    _, rows = read_table(CORPUS / "actionability.csv")
    assert len(rows) > 100
    assert check_actionability(rows, doc_bodies()) == []


def test_standard_tests_and_expected_contexts_use_real_codes_and_classes() -> None:
    tree = load_oncotree()
    _, tests = read_table(CORPUS / "standard_tests.csv")
    for t in tests:
        assert t["cancer_type"] in tree and t["alteration"] in ALTERATIONS, t
        assert re.fullmatch(r"any|(0|I{1,3}|IV)[A-C]?", t["min_stage"]), t
        assert t["why"] and t["source"], t
    _, contexts = read_table(CORPUS / "expected_contexts.csv")
    for c in contexts:
        codes = c["typical_cancer_types"].split("|")
        assert c["alteration"] in ALTERATIONS and all(code in tree for code in codes), c


def test_exclusions_name_real_rows_and_codes() -> None:
    _, rows = read_table(CORPUS / "actionability.csv")
    ids = {r["id"] for r in rows}
    _, excl = read_table(CORPUS / "exclusions.csv")
    assert excl and all(e["actionability_id"] in ids and e["cancer_type"] in load_oncotree() for e in excl)


def test_conditions_name_real_rows_and_known_statuses() -> None:
    _, rows = read_table(CORPUS / "actionability.csv")
    ids = {r["id"] for r in rows}
    _, conds = read_table(CORPUS / "conditions.csv")
    assert conds
    for c in conds:
        assert c["actionability_id"] in ids and c["reason"], c
        assert c["required_status"] in {"positive", "negative", "not-positive"}, c
    # A wild-type row without a "negative" condition would match nobody (or everybody).
    wild = {r["id"] for r in rows if r["detail"] == "wild-type"}
    assert wild == {c["actionability_id"] for c in conds if c["required_status"] == "negative"}


def test_no_dosing_in_tables() -> None:
    for name in HEADERS:
        text = (CORPUS / name).read_text(encoding="utf-8")
        assert not DOSING.search(text), name


# Facts verified against FDA announcements (see corpus/README.md); a change here is a review event.
VERIFIED = [
    ("NSCLC", "ROS1", "taletrectinib", "first-line", "2025"),
    ("NSCLC", "EGFR", "amivantamab + lazertinib", "first-line", "2024"),
    ("NSCLC", "EGFR", "amivantamab + carboplatin + pemetrexed", "after-progression", "2024"),
    ("NSCLC", "EGFR", "datopotamab deruxtecan", "after-progression", "2025"),
    ("NSCLC", "ALK", "alectinib", "adjuvant", "2024"),
    ("NSCLC", "ERBB2", "zongertinib", "after-prior-therapy", "2025"),
    ("NSCLC", "ERBB2", "sevabertinib", "after-prior-therapy", "2025"),
    ("NSCLC", "NRG1", "zenocutuzumab", "after-progression", "2024"),
    ("BREAST", "ESR1", "imlunestrant", "after-progression", "2025"),
    ("BREAST", "PIK3CA", "inavolisib + palbociclib + fulvestrant", "first-line", "2024"),
    ("COADREAD", "MSI", "nivolumab + ipilimumab", "first-line", "2025"),
    ("COADREAD", "KRAS", "sotorasib + panitumumab", "after-prior-therapy", "2025"),
    ("AML", "NPM1", "revumenib", "after-progression", "2025"),
    ("AML", "NPM1", "ziftomenib", "after-progression", "2025"),
    ("AML", "KMT2A", "revumenib", "after-progression", "2024"),
    ("ANY", "ERBB2", "trastuzumab deruxtecan", "after-prior-therapy", "2024"),
    # Kimmtrak: HLA-A*02:01-positive unresectable or metastatic uveal melanoma, 26 Jan 2022
    ("UM", "HLA-A", "tebentafusp", "any", "2022"),
]


@pytest.mark.parametrize(("cancer", "gene", "therapy", "setting", "year"), VERIFIED)
def test_verified_facts_stay_in_the_table(
    cancer: str, gene: str, therapy: str, setting: str, year: str
) -> None:
    _, rows = read_table(CORPUS / "actionability.csv")
    key = (cancer, gene, therapy, setting)
    hits = [r for r in rows if (r["cancer_type"], r["gene"], r["therapy"], r["setting"]) == key]
    assert hits and all(r["approval_year"] == year for r in hits)


def test_safety_exclusions_and_contexts() -> None:
    _, excl = read_table(CORPUS / "exclusions.csv")
    pairs = {(e["actionability_id"], e["cancer_type"]) for e in excl}
    assert ("any-braf-dabrafenib-trametinib", "COADREAD") in pairs
    _, contexts = read_table(CORPUS / "expected_contexts.csv")
    ros1 = next(c for c in contexts if c["gene"] == "ROS1" and c["alteration"] == "fusion")
    tree = load_oncotree()
    assert not any(code in tree.ancestors("AML") for code in ros1["typical_cancer_types"].split("|"))


# Fault injection: the checks above must catch a broken corpus, or they prove nothing.
def test_check_doc_catches_bad_citation_dosing_and_unknown_code(tmp_path: Path) -> None:
    text = (DOCS / "nsclc-ros1.md").read_text(encoding="utf-8")
    bad = text.replace("cancer_types: [NSCLC]", "cancer_types: [NOTACODE]").replace("[S1][S2]", "[S9]", 1)
    bad = bad.replace("## Clinical trials", "## Clinical trials\nTake 600 mg once daily.", 1)
    path = tmp_path / "nsclc-ros1.md"
    path.write_text(bad, encoding="utf-8")
    errors = " ".join(check_doc(path))
    assert "NOTACODE" in errors and "[S9]" in errors and "dosing" in errors


def test_check_doc_catches_wrong_id_and_empty_section(tmp_path: Path) -> None:
    path = tmp_path / "other-name.md"
    path.write_text((DOCS / "nsclc-alk.md").read_text(encoding="utf-8") + "\n## Empty\n", encoding="utf-8")
    errors = " ".join(check_doc(path))
    assert "equal the file name" in errors and "'Empty' is empty" in errors


def test_check_actionability_catches_missing_doc_and_unmentioned_drug() -> None:
    _, rows = read_table(CORPUS / "actionability.csv")
    row = dict(rows[0])
    broken = [
        dict(row, id="x-1", therapy="osimertinib + madeupinib"),
        dict(row, id="x-2", doc_id="no-such-doc"),
    ]
    errors = " ".join(check_actionability(broken, doc_bodies()))
    assert "madeupinib" in errors and "no-such-doc" in errors


def test_check_actionability_allows_other_only_for_a_named_result() -> None:
    _, rows = read_table(CORPUS / "actionability.csv")
    hla = next(r for r in rows if r["id"] == "um-hla-a-tebentafusp")
    assert hla["alteration"] == "other" and check_actionability([hla], doc_bodies()) == []
    unsafe = [dict(hla, id="x-any-hla", detail=""), dict(hla, id="x-wt-hla", detail="wild-type")]
    errors = check_actionability(unsafe, doc_bodies())
    assert len(errors) == 2 and all("not a profile alteration class" in e for e in errors)
