"""A cheap test that a rule's pattern cannot match a text, so its regex need not run at all.

Most rule patterns open with ``\\b`` or a lookbehind, which keeps Python's ``re`` from scanning for a
literal prefix: each pattern is tried at every character of every report, and a few dozen such rules
cost more than the rest of the pipeline's rules together. But nearly every alternative of a rule
names a word it cannot match without ("\\bMSI[- ]?(?:H|high)\\b" needs "msi"; "\\bpMMR\\b|mismatch
repair[- ]proficient" needs "pmmr" or "mismatch repair"). ``literal_gate`` reads those words out of
the pattern's syntax tree; ``gated_finditer`` runs the regex only when the folded text holds the
words of at least one alternative.

The gate is conservative by construction: it only takes literal characters the pattern must match
in sequence (never one under an optional or zero-minimum repeat, a character class or a negative
lookaround), and compares ``fold``ed forms, so wherever the regex would match (case-insensitively
or not) the folded text holds a gate word: inside the match, or beside it where a positive
look-behind or look-ahead required it ("(?<=\\bpan-T)R" needs "pan-t" before the "R"). ``fold``
is ``str.casefold`` plus the two cases where ``re.IGNORECASE`` is looser than it (dotless "ı"
matches "i"; "İ" matches "i" but folds to "i" + a combining dot). A pattern whose alternatives
cannot all be gated gets no gate and always runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from re import _constants as _c  # the parser Python >= 3.11 names privately (sre_parse before)
from re import _parser as _p
from typing import Any

#: An alternative whose clauses need fewer characters than this in all (their shortest words'
#: lengths summed) passes too often to save anything: the pattern then has no gate.
MIN_GATE = 3

_FOLD_EXTRA = str.maketrans({"\u0131": "i", "\u0307": None})
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_GROUP_OPS = {_c.SUBPATTERN, getattr(_c, "ATOMIC_GROUP", _c.SUBPATTERN)}


def fold(text: str) -> str:
    """The form of ``text`` gate words are looked up in (compute it once per text)."""
    return text.casefold().translate(_FOLD_EXTRA)


Clause = frozenset[str]  # any one of these words
Gate = tuple[tuple[Clause, ...], ...]  # any one alternative, each needing all of its clauses


def _best(clauses: list[Clause]) -> Clause:
    """Of clauses that all hold, the one whose shortest word is longest (it passes least often)."""
    return max(clauses, key=lambda c: (min(map(len, c)), -len(c)))


def _clauses(items: Any) -> list[Clause]:
    """Clauses that every match of a sequence of items satisfies: its literal runs, and the clauses
    of its groups, required repeats and alternations (an alternation gives one clause: the best
    clause of each of its alternatives, any of them)."""
    out: list[Clause] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            out.append(frozenset({fold("".join(run))}))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        close_run()
        if op is _c.BRANCH:
            alts = [_clauses(alt) for alt in av[1]]
            if all(alts):
                out.append(frozenset().union(*(_best(a) for a in alts)))
        elif op in _GROUP_OPS:
            out += _clauses(av[-1] if op is _c.SUBPATTERN else av)
        elif op in _REPEATS and av[0] >= 1:
            out += _clauses(av[2])
        elif op is _c.ASSERT:  # a positive look-ahead or look-behind: the text holds its words too
            out += _clauses(av[1])
        # anything else (a class, AT, a negative lookaround, a group reference, an optional part) is skipped
    close_run()
    return out


@cache
def _gate_of(pattern: str, flags: int) -> Gate | None:
    try:
        tree = _p.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unparsable pattern simply gets no gate
        return None
    items = list(tree)
    # A top-level alternation is read alternative by alternative, with what stands around it
    # (the parser factors a shared prefix out: "\\bt\\(11;14\\)|\\bIGH::CCND1" is "\\b" + a branch).
    branches = [i for i, (op, _) in enumerate(items) if op is _c.BRANCH]
    alternatives = [items]
    if len(branches) == 1:
        i = branches[0]
        alternatives = [items[:i] + list(alt) + items[i + 1 :] for alt in items[i][1][1]]
    gate = []
    for alt in alternatives:
        clauses = sorted(set(_clauses(alt)), key=lambda c: -min(map(len, c)))  # most telling first
        if sum(min(map(len, c)) for c in clauses) < MIN_GATE:
            return None  # this alternative needs too little ("t", "(") for a gate to save anything
        gate.append(tuple(clauses))
    return tuple(gate)


def literal_gate(regex: re.Pattern[str]) -> Gate | None:
    """For each alternative of ``regex``, clauses of ``fold``ed words (each clause: any of its
    words) that every match of that alternative contains; None when there is no usable gate."""
    return _gate_of(regex.pattern, regex.flags)


def may_match(regex: re.Pattern[str], folded: str) -> bool:
    """False only when ``regex`` cannot match the text whose ``fold`` is ``folded``."""
    gate = literal_gate(regex)
    return gate is None or any(all(any(word in folded for word in clause) for clause in alt) for alt in gate)


def gated_finditer(regex: re.Pattern[str], text: str, folded: str) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, or nothing at once when the gate says it cannot match."""
    return regex.finditer(text) if may_match(regex, folded) else iter(())
