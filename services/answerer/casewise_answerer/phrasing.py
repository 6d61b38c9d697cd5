"""How findings and passages are put into words: citations, sentences, finding names, the disclaimer."""

from __future__ import annotations

import re

from casewise_core.answer import Citation
from casewise_core.profile import Biomarker

from casewise_answerer.corpus import Passage

DISCLAIMER = (
    "_casewise is an information tool, not medical advice. Talk with your oncologist before making any "
    "decision about tests or treatment._"
)
STATUS = {
    "fda-approved": "FDA-approved for this use",
    "guideline-listed": "listed in treatment guidelines",
    "trial-only": "being studied in clinical trials",
}


class Citations:
    """Passages in the order first cited; ``ref`` returns the ``[n]`` marker."""

    def __init__(self) -> None:
        self.passages: list[Passage] = []

    def ref(self, p: Passage) -> str:
        if p not in self.passages:
            self.passages.append(p)
        return f"[{self.passages.index(p) + 1}]"

    def build(self) -> list[Citation]:
        return [
            Citation(id=p.id, title=p.title, source=p.source_line(), number=i)
            for i, p in enumerate(self.passages, 1)
        ]


def sentences(text: str) -> list[str]:
    plain = re.sub(r"\s*\[S\d+\]", "", text)
    plain = " ".join(line for line in plain.splitlines() if not line.lstrip().startswith(("- ", "* ")))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", plain) if s.strip()]


def bullets(text: str) -> list[str]:
    return [
        re.sub(r"\s*\[S\d+\]", "", ln.strip()[2:]).strip()
        for ln in text.splitlines()
        if ln.strip().startswith(("- ", "* "))
    ]


_DISPLAY = {"CD274": "PD-L1 (CD274)", "ERBB2": "HER2 (ERBB2)"}


def describe(b: Biomarker) -> str:
    gene = _DISPLAY.get(b.gene, b.gene)
    detail = b.detail or ""
    if b.alteration == "fusion":
        return f"{detail} fusion" if b.gene in detail else f"{gene} fusion"
    if b.alteration in {"expression", "signature"}:
        value = b.value or detail
        return f"{gene} result of {value}" if value else f"{gene} result"
    return f"{gene} {detail} {b.alteration}".replace("  ", " ").strip()


def article(phrase: str) -> str:
    """'a' or 'an' before a finding, by how its first word is said (EGFR, MSI, NTRK → an)."""
    word = phrase.split(" ", 1)[0]
    letter = word[:1].upper()
    spelled = word.isupper() or any(c.isdigit() for c in word)
    vowel = letter in "AEIOU" or (spelled and letter in "FHLMNSX" and word.upper() not in {"MET", "HER2"})
    return f"{'an' if vowel else 'a'} {phrase}"


def where(b: Biomarker) -> str:
    if not b.evidence:
        return "Your records show"
    ev = b.evidence[0]
    return f"Your {ev.document} (page {ev.page}) shows"


_GENE_NAMES = {"CD274": "PD-L1", "ERBB2": "HER2", "NTRK1": "NTRK"}


def display_gene(gene: str) -> str:
    """The name patients see on reports (PD-L1, HER2; NTRK1 in standard_tests stands for NTRK1/2/3)."""
    return _GENE_NAMES.get(gene, gene)


def joined(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
