"""The regex gate may skip a rule only when the rule cannot match: a wrong gate would silently drop
findings (a "not detected" cue, a signature, a regimen), so it is checked against every rule and
every benchmark text, and its case folding against every character ``re.IGNORECASE`` equates."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from casewise_extractor.nlp.regex_gate import fold, gated_finditer, literal_gate, may_match
from casewise_extractor.nlp.rulebook import RULES_DIR, load_rulebook
from pydantic import BaseModel

REPO = Path(__file__).resolve().parents[3]
SYNTHETIC = REPO / "bench" / "data" / "synthetic"


def _gate(regex: str) -> set[frozenset[frozenset[str]]] | None:
    """The gate as a set of alternatives, each a set of clauses (each clause: any of its words)."""
    gate = literal_gate(re.compile(regex, re.IGNORECASE))
    return None if gate is None else {frozenset(alt) for alt in gate}


def _alt(*clauses: set[str]) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(c) for c in clauses)


@pytest.mark.parametrize(
    ("pattern", "gate"),
    [
        (r"\bMSI[- ]?(?:H|high)\b", {_alt({"msi"}, {"h"}), _alt({"msi"}, {"high"})}),
        (r"colou?r", {_alt({"colo"}, {"r"})}),  # "u" is optional: the gate must not ask for "colour"
        (r"(?:abc){0,2}xyz", {_alt({"xyz"})}),  # a repeat that may be absent adds nothing
        (r"(?:abc)+q", {_alt({"abc"}, {"q"})}),
        (r"EGFR(?=\d)", {_alt({"egfr"})}),  # a class in a lookahead adds nothing
        # a positive lookaround's words must be in the text too (beside the match); a negative one's not
        (r"(?<=\bpan-T)RK(?=\s+IHC)", {_alt({"pan-t"}, {"rk"}, {"ihc"})}),
        (r"(?<!no )EGFR(?! wild)", {_alt({"egfr"})}),
        (r"ab[cd]ef", {_alt({"ab"}, {"ef"})}),  # a class breaks the run
        (r"abc(?:def|ghi)", {_alt({"abcdef"}), _alt({"abcghi"})}),  # the top alternation, distributed
        # two alternations: not distributed, each gives one clause (any of its alternatives' words)
        (r"(x)(def|ghi)(j)k(lm|no)", {_alt({"x"}, {"def", "ghi"}, {"j"}, {"k"}, {"lm", "no"})}),
    ],
)
def test_gate_takes_only_what_every_match_contains(
    pattern: str, gate: set[frozenset[frozenset[str]]]
) -> None:  # noqa: E501
    assert _gate(pattern) == gate


@pytest.mark.parametrize("pattern", [r"abc|d+", r"(?:abcdef)?", r"\d+", r"t\(", r"[A-Z]{3,5}\d"])
def test_no_gate_when_some_match_needs_too_little(pattern: str) -> None:
    assert literal_gate(re.compile(pattern)) is None


def test_each_alternative_is_its_own_gate() -> None:
    regex = re.compile(r"\bpMMR\b|mismatch repair[- ]proficient", re.IGNORECASE)
    assert may_match(regex, fold("Mismatch repair-proficient (pMMR)"))
    assert may_match(regex, fold("MISMATCH REPAIR PROFICIENT"))
    assert not may_match(regex, fold("mismatch repair deficient"))  # neither alternative's words
    assert list(gated_finditer(regex, "MMR proteins intact", fold("MMR proteins intact"))) == []


def test_folding_covers_what_ignorecase_equates() -> None:
    """Dotless "ı" matches "i", and "İ" matches "i" while ``casefold`` makes it "i" + a dot."""
    for text in ("MSİ-high", "MSı-high", "msi-HIGH"):
        assert re.search(r"msi-high", text, re.IGNORECASE)
        assert may_match(re.compile(r"\bmsi-high\b", re.IGNORECASE), fold(text)), text


def _rule_patterns(node: Any) -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern of the rulebook: each rule's ``regex`` and other ``*_regex``."""
    if isinstance(node, BaseModel):
        for name in dir(type(node)):
            if name == "regex" or name.endswith("_regex"):
                value = getattr(node, name, None)
                if isinstance(value, re.Pattern):
                    yield f"{getattr(node, 'id', type(node).__name__)}.{name}", value
        for field in type(node).model_fields:
            yield from _rule_patterns(getattr(node, field))
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _rule_patterns(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from _rule_patterns(item)


def _benchmark_texts() -> list[str]:
    texts = []
    for path in sorted(SYNTHETIC.rglob("*")):
        if path.suffix == ".txt" or path.name.endswith(".layout.json"):
            texts.append(path.read_text(encoding="utf-8"))  # layout JSON: its strings are in the text
    return texts


def test_no_rule_is_skipped_where_it_matches() -> None:
    patterns = list(_rule_patterns(load_rulebook()))
    gated = [(name, rx) for name, rx in patterns if literal_gate(rx) is not None]
    assert len(gated) >= 40, "the gate should apply to most standalone, karyotype and regimen rules"
    texts = _benchmark_texts()
    assert len(texts) > 150
    matched = 0
    for name, rx in gated:
        for text in texts:
            hits = list(rx.finditer(text))
            if not hits:
                continue
            matched += 1
            assert may_match(rx, fold(text)), f"{name} matches but its gate says it cannot"
            for m in hits:  # each match holds an alternative's words, or beside it a lookaround's
                near = text[max(0, m.start() - 40) : m.end() + 200]  # sig.pmmr looks ~120 ahead
                assert may_match(rx, fold(near)), f"{name}: {near!r}"
            assert [m.span() for m in gated_finditer(rx, text, fold(text))] == [m.span() for m in hits]
    assert matched > 50  # the check ran on real matches, not only on rules that never fire


def test_fold_agrees_with_ignorecase_on_every_rule_character() -> None:
    """Every character a rule file holds, matched case-insensitively against all of Unicode: any
    character ``re`` equates with it folds to the same string (so a gate word is found in the folded
    text wherever the regex matches)."""
    chars = {c for path in RULES_DIR.glob("*.json") for c in path.read_text(encoding="utf-8")}
    chars |= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    universe = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
    for c in sorted(chars):
        for other in re.findall(re.escape(c), universe, re.IGNORECASE):
            assert fold(other) == fold(c), (c, hex(ord(other)))


def test_a_rule_matching_one_letter_after_a_lookbehind_is_gated() -> None:
    """A "pan-TRK" stain names NTRK1-3 by one letter each ("(?<=\\bpan-T)R(?=K\\b)"): the
    lookbehind's words gate the rule, which otherwise ran over every report (~3% of a report's time
    for the two rules)."""
    rules = {r.id: r.regex for r in load_rulebook().biomarkers.cytogenetic}
    for rid in ("cyto.pan_trk_ntrk2", "cyto.pan_trk_ntrk3"):
        assert literal_gate(rules[rid]) is not None, rid
        text = "pan-TRK IHC: negative"
        assert may_match(rules[rid], fold(text)) and rules[rid].search(text), rid
        assert not may_match(rules[rid], fold("NTRK1 fusion not detected; TRK negative")), rid
