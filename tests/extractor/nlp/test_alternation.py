"""Rule alternations split by first letter (nlp/alternation.py) match exactly as the plain
alternation they replace: same spans, same rule, the first rule in order winning."""

from __future__ import annotations

import random
import re

import pytest
from casewise_extractor.nlp.alternation import LETTERS, by_first_letter, first_letters, literal_alternation
from casewise_extractor.nlp.cancer import _compiled, _rule_index
from casewise_extractor.nlp.mentions import build_lexicon
from casewise_extractor.nlp.rulebook import load_rulebook


@pytest.mark.parametrize(
    ("pattern", "letters"),
    [
        ("lung", "l"),
        (r"(?<![\w-])(?:acute[\s.]+myeloid|aml)(?![\w-])", "a"),
        (r"(?:malignant[\s.]+)?(?:pleural[\s.]+)?mesothelioma", "mpm"),
        (r"[a-c]+x|q", "abcq"),
        (r"(?:non-)*small\s+cell|(?:hodgkin)", "nsh"),
        (r"\d+ cm|kidney", "k"),  # a digit starts no word of lower-case letters
    ],
)
def test_first_letters(pattern: str, letters: str) -> None:
    assert first_letters(pattern) == frozenset(letters)


@pytest.mark.parametrize("pattern", [r"\w+oma", r".oma", r"(?i:lung)", r"(?i)lung", r"x?", r"[^0-9]oma"])
def test_first_letters_unsure_is_every_letter(pattern: str) -> None:
    assert first_letters(pattern) == LETTERS


def test_by_first_letter_keeps_rule_order() -> None:
    groups = by_first_letter([r"s\w+", r"(?:large|small) cell", "small"])
    assert groups == {"l": [1], "s": [0, 1, 2]}


def _plain(patterns: list[str]) -> re.Pattern[str]:
    """The alternation as it was before it was split: one branch per rule, in order."""
    alts = "|".join(f"(?P<g{i}>{p})(?![a-z])" for i, p in enumerate(patterns))
    return re.compile(rf"(?<![a-z])(?=[a-z])(?:{alts})")


def _jumble(words: list[str], seed: int) -> str:
    rnd = random.Random(seed)
    seps = [" ", ", ", "-", ". ", "/", "\n", " of the ", " with ", " "]
    return "".join(rnd.choice(words) + rnd.choice(seps) for _ in range(3000))


def test_cancer_alternations_match_as_the_plain_ones() -> None:
    c = _compiled()
    words = [w for h in c.rules.histologies for w in (h.histology.lower(), h.id.replace("_", " "))]
    words += [s.id.replace("_", " ") for s in c.rules.sites] + ["metastatic", "carcinoma", "cell"]
    text = _jumble(words, seed=1)
    for rules, regex in ((c.rules.histologies, c.histologies), (c.rules.sites, c.sites)):
        plain = _plain([r.pattern for r in rules])
        want = [(m.start(), m.end(), int(m.lastgroup[1:])) for m in plain.finditer(text)]  # type: ignore[index]
        got = [(m.start(), m.end(), _rule_index(m)) for m in regex.finditer(text)]
        assert len(want) > 200
        assert got == want


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_literal_alternation_matches_as_the_plain_one(flags: int) -> None:
    names = ["ER", "ERBB2", "er", "HER2", "her2/neu", "K-RAS", "KRAS", "sox10", "ki-67", "FRα", "S100", "1p"]
    names.sort(key=len, reverse=True)
    text = _jumble([*names, "Er", "SOX10", "ſox10", "\u212ai-67", "kras", "HER", "fr"], seed=2)
    bounds = r"(?<![A-Za-z0-9])(?:{})(?![A-Za-z0-9])"
    plain = re.compile(bounds.format("|".join(re.escape(n) for n in names)), flags)
    split = re.compile(bounds.format(literal_alternation(names, flags)), flags)
    assert split.pattern != plain.pattern
    want = [m.span() for m in plain.finditer(text)]
    assert len(want) > 500
    assert [m.span() for m in split.finditer(text)] == want


def test_literal_alternation_sets_other_scripts_apart() -> None:
    """Case-free names opening on a Greek letter follow the factored groups unfactored; one opening on
    a letter that also matches an ASCII one ("ſ" matches "s") leaves the whole alternation plain."""
    names = ["beta-catenin", "β-catenin", "BCL6", "bcl2", "βIII-tubulin"]
    split = literal_alternation(names, re.IGNORECASE)
    assert split.startswith("b(?:") and split.endswith("|β\\-catenin|βIII\\-tubulin")
    assert literal_alternation(["ſox10", "sox9"], re.IGNORECASE) == "ſox10|sox9"
    text = _jumble([*names, "Β-CATENIN", "ϐ-catenin", "BETA-CATENIN", "βiii-TUBULIN"], seed=4)
    plain = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)
    want = [m.span() for m in plain.finditer(text)]
    assert len(want) > 100
    assert [m.span() for m in re.compile(split, re.IGNORECASE).finditer(text)] == want


def test_gene_lexicon_alternations_match_as_the_plain_ones() -> None:
    lex = build_lexicon(load_rulebook())
    bounds = r"(?<![A-Za-z0-9])(?:{})(?![A-Za-z0-9])"
    words = [*lex.by_alias_cs, *lex.by_alias_ci, *(n.upper() for n in lex.by_alias_ci)]
    text = _jumble(words, seed=3)
    for table, regex in ((lex.by_alias_cs, lex.regex_cs), (lex.by_alias_ci, lex.regex_ci)):
        alts = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
        plain = re.compile(bounds.format(alts), regex.flags)
        assert [m.span() for m in regex.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_cancer_alternation_groups_only_mark_the_rule() -> None:
    """Each rule's group is empty and follows the rule: a group around each rule makes ``re`` reset
    every earlier group's slot on each try, which cost ~2.5x the time on the TCGA reports."""
    c = _compiled()
    text = "Invasive ductal carcinoma of the left breast; lung adenocarcinoma; malignant melanoma."
    for regex in (c.histologies, c.sites):
        found = list(regex.finditer(text.lower()))
        assert found
        assert all(m.group(m.lastgroup) == "" for m in found)  # type: ignore[arg-type]
