"""Keyword vectors: a clinical tokeniser and BM25-style term weights for Qdrant sparse vectors.

The tokeniser keeps what general-purpose tokenisers break apart: gene symbols (ROS1, ERBB2),
protein changes (``p.G12C`` and ``G12C`` are one token, ``g12c``), resistance mutations
(``G2032R``), exons (``exon 19`` → ``exon19``) and fusions (``CD74-ROS1`` → the pair and both
genes). Common synonyms map onto one token (HER2 → erbb2, PD-L1 → cd274).

Document weights are BM25's saturated term frequency with a FIXED average length, so one
passage's vector never depends on the rest of the corpus: re-indexing by content hash stays
exact. Qdrant applies the IDF part itself (``Modifier.IDF`` on the sparse vector).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter

K1 = 1.2
B = 0.75
AVG_LEN = 120.0

_STOP = """a an and are as at be been but by can could did do does doing for from had has have how i if in
    into is it its me my mine of on or our so than that the their them then there these they this to
    was we were what when where which who why will with would you your yours about also any
    more most other some such only own same very just should may might"""
STOPWORDS = frozenset(_STOP.split())

SYNONYMS: dict[str, tuple[str, ...]] = {
    "her2": ("erbb2",),
    "erbb2": ("her2",),
    "pd-l1": ("cd274",),
    "pdl1": ("cd274",),
    "cd274": ("pd-l1",),
    "msi-h": ("msi",),
    "dmmr": ("mmr",),
    "tmb-h": ("tmb",),
    "brca": ("brca1", "brca2"),
    "nsclc": ("lung",),
    "chemo": ("chemotherapy",),
    "immunotherapy": ("immune",),
    "mutations": ("mutation",),
    "fusions": ("fusion",),
    "deletions": ("deletion",),
    "insertions": ("insertion",),
    "amplified": ("amplification",),
    "rearrangement": ("fusion",),
    "translocation": ("fusion",),
    "progressed": ("progression",),
    "progressing": ("progression",),
    "grows": ("progression",),
    "growing": ("progression",),
    "stopped": ("progression",),
    "resistant": ("resistance",),
    "inhibitors": ("inhibitor",),
    "trials": ("trial",),
    "tests": ("testing",),
    "test": ("testing",),
    "tested": ("testing",),
    "options": ("treatment",),
    "inherited": ("hereditary", "germline"),
    "inherit": ("hereditary", "germline"),
    "relative": ("hereditary", "family"),
    "colon": ("colorectal",),
    "rectal": ("colorectal",),
    "bowel": ("colorectal",),
    "leukemia": ("leukaemia",),
    "leukaemia": ("leukemia",),
    "tumor": ("tumour",),
    "tumour": ("tumor",),
    "counseling": ("counselling",),
    "treatments": ("treatment",),
    "treat": ("treatment",),
}

_VARIANT = re.compile(r"\b(?:p\.)?([A-Z][0-9]{1,4}(?:[A-Z]|fs|del|ins|\*|X)?)\b")
_EXON = re.compile(r"\bexon\s*(\d{1,2})\b", re.IGNORECASE)
_FUSION = re.compile(r"\b([A-Z][A-Z0-9]{1,9})[-:/]{1,2}([A-Z][A-Z0-9]{1,9})\b")
_SOURCE_MARK = re.compile(r"\[S\d+\]")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _plural(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Lower-case tokens with clinical entities kept whole (order kept; duplicates kept)."""
    text = _SOURCE_MARK.sub(" ", text)
    out: list[str] = []
    for m in _VARIANT.finditer(text):
        out.append(m.group(1).lower())
    for m in _EXON.finditer(text):
        out.append(f"exon{m.group(1)}")
    for m in _FUSION.finditer(text):
        a, b = m.group(1).lower(), m.group(2).lower()
        if a in {"pd", "her"} or not (any(c.isdigit() for c in a + b) or len(a) > 2):
            continue
        out.append(f"{a}-{b}")
    for m in _WORD.finditer(text.lower()):
        word = m.group(0)
        parts = [word, *word.split("-")] if "-" in word else [word]
        for w in parts:
            if w in STOPWORDS or len(w) < 2 and not w.isdigit():
                continue
            w = _plural(w)
            out.append(w)
            out.extend(SYNONYMS.get(w, ()))
    return out


def token_id(token: str) -> int:
    return zlib.crc32(token.encode()) & 0x7FFFFFFF


def doc_vector(text: str) -> tuple[list[int], list[float]]:
    """BM25 term-frequency weights for a passage (IDF is applied by Qdrant)."""
    counts = Counter(tokenize(text))
    length = sum(counts.values()) or 1
    norm = K1 * (1 - B + B * length / AVG_LEN)
    weights = {token_id(t): tf * (K1 + 1) / (tf + norm) for t, tf in counts.items()}
    indices = sorted(weights)
    return indices, [weights[i] for i in indices]


def query_vector(text: str, extra: dict[str, float] | None = None) -> tuple[list[int], list[float]]:
    """Each distinct question token weighs 1; expansion terms from the profile weigh less."""
    weights: dict[int, float] = {}
    for t in tokenize(text):
        weights[token_id(t)] = 1.0
    for term, w in (extra or {}).items():
        for t in tokenize(term):
            i = token_id(t)
            weights[i] = max(weights.get(i, 0.0), w)
    indices = sorted(weights)
    return indices, [weights[i] for i in indices]
