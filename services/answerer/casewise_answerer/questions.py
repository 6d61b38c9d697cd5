"""Reading a patient's question in the context of their cancer, before retrieval and answering.

Some words mean different things in different cancers, and some names reach us in forms the gene
and drug look-ups cannot see:

- In chronic myeloid leukaemia (any BCR::ABL1 context) "MMR" is a *major molecular response*, a
  treatment goal, not mismatch repair: "What does MMR mean in my CML report?" must never be
  answered with dMMR immunotherapy.
- Folate receptor alpha is written "FRα", "FRalpha", "FR-alpha" or spelled out; its gene is FOLR1
  (a word splitter drops the Greek letter, leaving "FR").
- Patients shorten some drug names ("mirvetuximab" for mirvetuximab soravtansine).

``read_question`` returns the question with those made explicit; it is idempotent, so reading a
read question changes nothing. The patient's own words stay on the answer.
"""

from __future__ import annotations

import re

from casewise_core.profile import Profile

from casewise_answerer.knowledge import ancestors, gene_key
from casewise_answerer.therapies import DRUG_ALIASES

#: Words that put a question in CML (or another BCR::ABL1 leukaemia), where MMR is a response level.
_CML_WORDS = re.compile(
    r"\b(?:CML|chronic myeloid|chronic myelogenous|Philadelphia|Ph\+|BCR[-:]{0,2}ABL1?|dasatinib|nilotinib"
    r"|bosutinib|asciminib|ponatinib)(?![\w+])",
    re.I,
)
#: Words that say the question is about mismatch repair after all.
_REPAIR_WORDS = re.compile(r"mismatch|\b[dp]MMR\b|\bMSI|microsatellite|\bLynch\b", re.I)
_MMR = re.compile(r"\bMMR\b", re.I)
MMR_MEANING = "major molecular response"
#: Terms ``read_question`` writes into a question: the answer explains them first.
SPELLED_OUT = (MMR_MEANING,)
_FRA = re.compile(
    r"(?<!FOLR1 \()"  # already read
    r"(?:\bFR[- ]?(?:α|alpha)(?!\w)|\bFRa\b|\bfolate receptor[- ]?(?:α|alpha|1)\b)",
    re.I,
)
_DRUGS = [(re.compile(rf"\b{re.escape(short)}\b(?!\s+{re.escape(full.split(' ', 1)[1])})", re.I), full)
          for short, full in DRUG_ALIASES.items()]  # fmt: skip


def cml_context(question: str, profile: Profile | None) -> bool:
    """The question or the records place the patient in CML (or a BCR::ABL1 leukaemia)."""
    if _CML_WORDS.search(question):
        return True
    if profile is None:
        return False
    if any(gene_key(b.gene) in {"MMR", "MSI"} for b in profile.biomarkers):
        return False  # a mismatch repair result in the records: the question alone must say CML
    code = profile.cancer.oncotree_code
    if code and "CML" in ancestors(code):
        return True
    if _CML_WORDS.search(profile.cancer.name or ""):
        return True
    return any(
        gene_key(b.gene) == "ABL1" and b.alteration == "fusion" and b.status == "positive"
        for b in profile.biomarkers
    )


def mmr_is_response(question: str, profile: Profile | None) -> bool:
    """In this question, MMR means a major molecular response, not mismatch repair."""
    if not _MMR.search(question) or _REPAIR_WORDS.search(question):
        return False
    return cml_context(question, profile)


def read_question(question: str, profile: Profile | None) -> str:
    """The question with context-dependent abbreviations and short names made explicit."""
    q = question
    if mmr_is_response(q, profile):
        q = _MMR.sub(MMR_MEANING, q)
    q = _FRA.sub(lambda m: f"FOLR1 ({m.group(0)})", q)
    for pattern, full in _DRUGS:
        q = pattern.sub(full, q)
    return q
