"""Flesch-Kincaid grade level of an answer, as a patient reads it.

Grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59. Only the prose counts:
the "## Sources" list, citation markers [1], markdown marks and the fixed disclaimer are removed;
headings and list items count as sentences of their own (that is how they are read). Syllables
are counted by the usual vowel-group rule (a silent final "e" dropped, a final consonant + "le"
kept); abbreviations such as EGFR or NGS count as spoken words of one or two syllables, which
slightly flatters texts full of gene names. A screening measure to compare phrasings, not a
substitute for reading the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_VOWELS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Readability:
    grade: float
    words: int
    sentences: int
    syllables: int


def syllables(word: str) -> int:
    w = word.lower().strip("'’")
    if len(w) <= 3:
        return 1
    n = len(_VOWELS.findall(w))
    if w.endswith("e") and not re.search(r"[^aeiouy]le$", w):
        n -= 1
    if re.search(r"[^aeiouy](es|ed)$", w) and not re.search(r"[td]ed$|[cgsxz]es$|[cs]hes$", w):
        n -= 1  # "treated" keeps its "ed", "grows"/"named" do not add one
    return max(1, n)


def prose(markdown: str, drop: tuple[str, ...] = (), *, paragraphs_only: bool = False) -> str:
    """The text a patient reads: no sources list, citation markers or markdown marks.

    ``paragraphs_only`` also drops headings and list items, which are short and would flatter the
    running text's grade.
    """
    text = markdown.split("## Sources", 1)[0]
    for d in drop:
        text = text.replace(d, "")
    if paragraphs_only:
        text = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith(("#", "- ", "* ")))
    text = re.sub(r"\[\d+\]", "", text)
    return re.sub(r"[*_`#>]", "", text)


def measure(markdown: str, drop: tuple[str, ...] = (), *, paragraphs_only: bool = False) -> Readability:
    """Flesch-Kincaid grade of ``markdown`` (see the module docstring for what counts)."""
    text = prose(markdown, drop, paragraphs_only=paragraphs_only)
    sents: list[list[str]] = []
    for line in text.splitlines():
        line = line.strip().lstrip("-").strip()
        for s in re.split(r"(?<=[.!?])\s+", line):
            words = _WORD.findall(s)
            if words:
                sents.append(words)
    words = [w for s in sents for w in s]
    if not words:
        return Readability(0.0, 0, 0, 0)
    syl = sum(syllables(w) for w in words)
    grade = 0.39 * len(words) / len(sents) + 11.8 * syl / len(words) - 15.59
    return Readability(round(grade, 2), len(words), len(sents), syl)
