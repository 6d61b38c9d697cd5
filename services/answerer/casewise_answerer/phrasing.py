"""How findings and passages are put into words: citations, sentences, finding names, the disclaimer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from casewise_core.answer import Citation
from casewise_core.profile import Biomarker

from casewise_answerer import her2
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
    """Whole sentences of the prose, never of bullet lists. A list breaks the prose into blocks, and
    a sentence that introduces a list (ends ':') is dropped with it, so "options include:" is not
    glued to the sentence after the list."""
    plain = re.sub(r"\s*\[S\d+\]", "", text)
    blocks: list[list[str]] = [[]]
    for line in plain.splitlines():
        if line.lstrip().startswith(("- ", "* ")) or not line.strip():
            blocks.append([])
        else:
            blocks[-1].append(line.strip())
    out: list[str] = []
    for block in blocks:
        for s in re.split(r"(?<=[.!?])\s+", " ".join(block)):
            s = s.strip()
            if s and not s.endswith(":"):
                out.append(s)
    return out


_YEAR_ASIDE = re.compile(r"\s*\((?:[^()]*\b(?:19|20)\d\d\b[^()]*)\)")


def plain(sentence: str, names_drug: bool = False) -> str:
    """A corpus sentence made easier to read without changing what it says: asides that only give
    approval years go (the treatment list gives them), and a list of drugs after a colon is cut
    when the sentence before it stands on its own (the list follows in the treatment section)."""
    s = _YEAR_ASIDE.sub("", sentence)
    head, colon, _ = s.partition(": ")
    if colon and names_drug and len(head.split()) >= 6:
        s = head.rstrip(",;") + "."
    return s


def bullets(text: str) -> list[str]:
    return [
        re.sub(r"\s*\[S\d+\]", "", ln.strip()[2:]).strip()
        for ln in text.splitlines()
        if ln.strip().startswith(("- ", "* "))
    ]


_DISPLAY = {"CD274": "PD-L1", "ERBB2": "HER2"}
#: Receptor levels are reported by the protein's name, not the gene's (ESR1 expression is "ER").
_PROTEIN = {"ESR1": "ER", "PGR": "PR"}
#: Signature results, in words first and the report's abbreviation after.
_SIGNATURES = {
    "msi-h": "MSI-high (MSI-H)",
    "dmmr": "mismatch repair deficient (dMMR)",
    "tmb-h": "high tumor mutational burden (TMB-H)",
    "hrd": "HRD-positive",
}


def describe(b: Biomarker, others: Sequence[Biomarker] = ()) -> str:
    """A finding as a patient reads it: "CD74-ROS1 fusion", "HER2 amplification", "ER 95% result",
    "HER2-low (IHC 1+) result" (``others``: the profile's results, for the ISH test of an IHC 2+)."""
    gene = _DISPLAY.get(b.gene, b.gene)
    level = her2.named(b, others) if her2.is_her2(b) else None
    if level:
        return f"{level} result"
    detail = (b.detail or "").strip()
    if b.alteration == "fusion":
        return f"{detail} fusion" if b.gene in detail else f"{gene} fusion"
    if b.alteration == "signature":
        value = (b.value or detail).strip()
        return f"{_SIGNATURES.get(value.lower(), value or gene)} result"
    if b.alteration == "expression":
        name = _PROTEIN.get(b.gene, gene)
        value = (b.value or detail).strip()
        if value.upper().startswith(name.upper()):
            return f"{value} result"
        return f"{name} {value} result" if value else f"{name} result"
    if b.alteration == "other":  # "HPV result", "MGMT promoter methylation result": no class word
        if not detail or detail.lower() == "other":
            return f"{gene} result"
        # a detail that names its gene says it once: "HLA-A*02:01 result", not "HLA-A HLA-A*02:01"
        return f"{detail} result" if detail.upper().startswith(gene.upper()) else f"{gene} {detail} result"
    if detail.lower() in {b.alteration, "amplified", "amplification", "loss", "deletion"}:
        detail = ""  # "amplification amplification" says nothing twice
    return f"{gene} {detail} {b.alteration}".replace("  ", " ").strip()


def period(text: str) -> str:
    """The text ending in a full stop (table cells often have none)."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."


def article(phrase: str) -> str:
    """'a' or 'an' before a finding, by how its first word is said (EGFR, MSI-high, NTRK → an)."""
    word = phrase.split(" ", 1)[0].split("-", 1)[0]
    letter = word[:1].upper()
    spelled = word.isupper() or any(c.isdigit() for c in word)
    vowel = letter in "AEIOU" or (spelled and letter in "FHLMNSX" and word.upper() not in {"MET", "HER2"})
    return f"{'an' if vowel else 'a'} {phrase}"


def where(b: Biomarker) -> str:
    if not b.evidence:
        return "Your records show"
    ev = b.evidence[0]
    return f"Your {ev.document} (page {ev.page}) shows"


_GENE_NAMES = {
    "CD274": "PD-L1",
    "ERBB2": "HER2",
    "NTRK1": "NTRK",
    "PGR": "PR (progesterone receptor)",
    "FOLR1": "FOLR1 (FRα)",  # reports name the protein, folate receptor alpha
}
#: Short names patients hear in clinic, shown after the generic name.
_DRUG_NICKNAMES = {"trastuzumab emtansine": "T-DM1", "trastuzumab deruxtecan": "T-DXd"}


def display_therapy(name: str) -> str:
    """'trastuzumab emtansine' → 'trastuzumab emtansine (T-DM1)'; other names unchanged."""
    for drug, nick in _DRUG_NICKNAMES.items():
        name = re.sub(rf"\b{drug}\b(?! \()", f"{drug} ({nick})", name)
    return name


def display_gene(gene: str) -> str:
    """The name patients see on reports (PD-L1, HER2; NTRK1 in standard_tests stands for NTRK1/2/3)."""
    return _GENE_NAMES.get(gene, gene)


def joined(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
