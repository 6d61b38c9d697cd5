"""The drug lexicon and the safety check every answer passes before it is returned.

Lexicon: every therapy in actionability.csv plus common anticancer generics. The check: each drug
an answer names must appear in a passage the answer cites, and must not target a biomarker the
profile lists as negative (through the actionability rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from casewise_core.profile import Profile

from casewise_answerer.corpus import Corpus, Passage
from casewise_answerer.knowledge import DRUG_CLASSES, forbidden_drugs, is_class_word, received_drugs
from casewise_answerer.therapies import DRUG_ALIASES

_GENERICS = """
    abemaciclib abiraterone adagrasib afatinib alectinib alpelisib amivantamab anastrozole atezolizumab
    avelumab bevacizumab binimetinib bleomycin brigatinib cabozantinib capecitabine capivasertib capmatinib
    carboplatin cemiplimab ceritinib cetuximab cisplatin cobimetinib crizotinib cyclophosphamide dabrafenib
    dacomitinib darolutamide datopotamab docetaxel dostarlimab doxorubicin durvalumab elacestrant encorafenib
    enfortumab entrectinib enzalutamide erdafitinib eribulin erlotinib etoposide everolimus exemestane
    fulvestrant gefitinib gemcitabine ibrutinib imatinib inavolisib ipilimumab irinotecan ivosidenib lapatinib
    larotrectinib lazertinib lenvatinib letrozole lorlatinib lurbinectedin mobocertinib neratinib nilotinib
    niraparib nivolumab olaparib osimertinib oxaliplatin paclitaxel palbociclib panitumumab pembrolizumab
    pemetrexed pertuzumab pralsetinib ramucirumab regorafenib repotrectinib ribociclib rucaparib selpercatinib
    sorafenib sotorasib sunitinib talazoparib taletrectinib tamoxifen tepotinib tislelizumab topotecan
    trametinib trastuzumab tremelimumab tucatinib vemurafenib venetoclax vinorelbine zongertinib zenocutuzumab
    fluorouracil leucovorin temozolomide azacitidine cytarabine midostaurin gilteritinib
    quizartinib"""
COMMON_GENERICS = frozenset(_GENERICS.split())


@dataclass
class CheckResult:
    ungrounded: list[str]
    forbidden: list[str]
    missing_citations: bool

    @property
    def ok(self) -> bool:
        return not self.ungrounded and not self.forbidden and not self.missing_citations

    def reasons(self) -> list[str]:
        out = [f"names {d} without a cited passage that mentions it" for d in self.ungrounded]
        out += [f"names {d}, which targets a biomarker your records list as negative" for d in self.forbidden]
        if self.missing_citations:
            out.append("cites no passage")
        return out


class DrugLexicon:
    def __init__(self, corpus: Corpus) -> None:
        names = set(COMMON_GENERICS)
        for row in corpus.actions:
            names.update(row.drugs)
        for members in DRUG_CLASSES.values():
            names.update(members)
        # Class words in therapy cells ("platinum chemotherapy", "aromatase inhibitor") are not drugs.
        self.names = frozenset(n for n in names if n and not is_class_word(n))
        # a short name counts as its drug ("mirvetuximab" alone is still mirvetuximab soravtansine)
        self.aliases = {short: full for short, full in DRUG_ALIASES.items() if full in self.names}

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        alts = sorted(self.names | set(self.aliases), key=len, reverse=True)
        return re.compile(r"\b(" + "|".join(re.escape(a) for a in alts) + r")\b", re.IGNORECASE)

    def find(self, text: str) -> list[str]:
        """Drug names in ``text`` (short names as their drug), lower case, in order of first mention."""
        seen: list[str] = []
        for m in self._pattern.finditer(text):
            name = m.group(1).lower()
            name = self.aliases.get(name, name)
            if name not in seen:
                seen.append(name)
        return seen


def check_answer(
    text: str, cited: list[Passage], profile: Profile | None, corpus: Corpus, lexicon: DrugLexicon
) -> CheckResult:
    named = lexicon.find(text)
    # Drugs the patient has received are grounded in their own records (naming them is not advice).
    grounded = set(received_drugs(profile)) if profile else set()
    grounded |= {d for p in cited for d in lexicon.find(f"{p.index_text}\n{p.source_line()}")}
    forbidden = forbidden_drugs(profile, corpus) if profile else {}
    # The Sources list casewise appends names each cited passage's source as published: a label's
    # title ("FDA label (Kimmtrak, tebentafusp)") there is a citation, not a suggestion.
    advised = lexicon.find(text.split("## Sources", 1)[0])
    return CheckResult(
        ungrounded=[d for d in named if d not in grounded],
        forbidden=[d for d in advised if d in forbidden],
        missing_citations=not cited,
    )
