"""Long rule alternations split by the letter a match can start with.

Python's ``re`` tries every branch of an alternation at every candidate position, and it can skip a
branch on its first character only when the branch opens with a literal: a branch that opens with a
capturing group (``(?P<g12>...)``, one per rule) is entered and left again. With a hundred-odd
histology rules that is most of the cost of reading a report. Grouping the branches by the letters
they can start with, each group behind a one-letter look-ahead, leaves a handful to try at a word;
the branches keep their order within a group, so the first branch that matches is the same one.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812 - the parser's op codes
import re._parser as P  # noqa: N812
from string import ascii_lowercase
from typing import Any

LETTERS = frozenset(ascii_lowercase)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def first_letters(pattern: str) -> frozenset[str]:
    """The lower-case ASCII letters a match of ``pattern`` (compiled without flags) can start with:
    a superset, every letter wherever the pattern is not plain enough to tell."""
    parsed = P.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return LETTERS
    codes, nullable = _first(list(parsed))
    if codes is None or nullable:
        return LETTERS
    return frozenset(chr(c) for c in codes if chr(c) in LETTERS)


def by_first_letter(patterns: list[str]) -> dict[str, list[int]]:
    """Letter -> indices of the patterns a match can start with it, in the patterns' order."""
    firsts = [first_letters(p) for p in patterns]
    out = {letter: [i for i, f in enumerate(firsts) if letter in f] for letter in ascii_lowercase}
    return {letter: idx for letter, idx in out.items() if idx}


def _first(items: list[tuple[Any, Any]]) -> tuple[set[int] | None, bool]:
    """(character codes a match of the sequence ``items`` can start with, or None for any;
    whether it can match the empty string)."""
    out: set[int] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # a look-around only narrows where a match starts
        if op is C.LITERAL:
            return out | {av}, False
        if op is C.IN:
            chars = _charset(av)
            return (None if chars is None else out | chars), False
        if op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
            sub = av if op is C.ATOMIC_GROUP else av[3]
            if op is C.SUBPATTERN and av[1] & re.IGNORECASE:
                return None, False
            first, nullable = _first(list(sub))
        elif op is C.BRANCH:
            first, nullable = set(), False
            for branch in av[1]:
                f, n = _first(list(branch))
                first = None if f is None or first is None else first | f
                nullable = nullable or n
        elif op in _REPEATS:
            low, _, sub = av
            first, nullable = _first(list(sub))
            nullable = nullable or low == 0
        else:
            return None, False  # any character, a back-reference, a category...
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


def _charset(items: list[tuple[Any, Any]]) -> set[int] | None:
    out: set[int] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(av)
        elif op is C.RANGE:
            low, high = av
            out.update(range(low, min(high, 0x7F) + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            continue  # a digit is no letter
        else:
            return None  # a negated set, \w, \s ...
    return out


def literal_alternation(names: list[str], flags: int = 0) -> str:
    """``name1|name2|...`` (escaped) factored on the first character: ``a(?:bc|d)|x(?:yz)``. The
    engine skips a factored group on one character where it entered every name; the names keep
    their order within a group and no character matches two groups, so each match is the same.
    Case-insensitive names opening on another script's letter ("β-catenin") follow unfactored."""
    fold = bool(flags & re.IGNORECASE)
    groups: dict[str, list[str]] = {}
    apart: list[str] = []  # case-free names opening on a non-ASCII letter ("β-catenin"): not factored
    for name in names:
        key = name[:1].lower() if fold else name[:1]
        if fold and key and not key.isascii():
            apart.append(name)
        else:
            groups.setdefault(key, []).append(name)
    if "" in groups or any(_ascii_alike(name[0]) for name in apart):
        # an empty name, or a first letter that case-folds to an ASCII one: left as it is
        return "|".join(re.escape(n) for n in names)
    rests = {key: "|".join(re.escape(n[1:]) for n in group) for key, group in groups.items()}
    factored = [f"{re.escape(key)}(?:{rest})" for key, rest in rests.items()]
    # no character matches both an ASCII first letter and one of these, so their place is free
    return "|".join([*factored, *(re.escape(n) for n in apart)])


# the only non-ASCII characters an ASCII character matches under re.IGNORECASE (Python's re docs)
_ASCII_ALIKE = "\u0130\u0131\u017f\u212a"


def _ascii_alike(char: str) -> bool:
    """Whether ``char`` matches, case-insensitively, a character an ASCII one also matches."""
    alike = [*map(chr, range(128)), *_ASCII_ALIKE]
    return any(re.fullmatch(re.escape(char), c, re.IGNORECASE) for c in alike)
