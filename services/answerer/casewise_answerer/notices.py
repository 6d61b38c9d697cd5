"""Short honest notices the composer puts in front of, or inside, an answer.

What the question assumes but the records do not show, questions the tool must not answer
(doses, promises of cure), what an inherited finding means for relatives, and which of a
document's "questions to ask" still make sense at this point of the patient's care.
"""

from __future__ import annotations

import re

from casewise_core.profile import Profile

from casewise_answerer import her2
from casewise_answerer import knowledge as kn
from casewise_answerer.phrasing import display_gene

_DOSE = re.compile(r"\b(dose|doses|dosing|dosage|how much|mg|milligrams?|how many pills)\b", re.I)
_CURE = re.compile(
    r"\b(cure|cured|curable|cures|survive|survival|life expectancy|how long do i have"
    r"|will (?:this|it) work)\b",
    re.I,
)


def where_tested(profile: Profile, gene: str, status: str = "negative") -> str:
    """'Your NGS report.pdf (page 2) shows' for the gene's result with ``status``, else
    'Your records show'."""
    for b in profile.biomarkers:
        if kn.gene_key(b.gene) == gene and b.status == status and b.evidence:
            ev = b.evidence[0]
            return f"Your {ev.document} (page {ev.page}) shows"
    return "Your records show"


def _negative_detail(profile: Profile, gene: str) -> str:
    """' (IHC 0)', ' (pMMR)': what the negative result says, when it says more than "negative"."""
    for b in profile.biomarkers:
        if kn.gene_key(b.gene) == gene and b.status == "negative":
            text = (b.detail or b.value or "").strip()
            if text and text.lower() not in {"negative", b.alteration, "not detected"}:
                return f" ({text})"
    return ""


def _her2_notice(profile: Profile, name: str) -> str | None:
    """HER2 results whose meaning the status field does not carry: IHC 2+ waiting on ISH, and a
    "negative" with no score (HER2-0 or HER2-low?). HER2-0 gets its name."""
    level = her2.profile_level(profile)
    if level == "equivocal":
        status = next((b.status for b in profile.biomarkers if her2.is_her2(b)), "equivocal")
        return (
            f"**Your {name} result:** {where_tested(profile, 'ERBB2', status)} {name} was tested: IHC 2+. "
            "This result is equivocal (borderline). An ISH test on the same sample decides: if the HER2 "
            "gene is amplified, the cancer is HER2-positive; if not, it is HER2-low. No ISH result was "
            "found in your records. Ask whether an ISH test was done and what it showed."
        )
    if level == "negative" and kn.cancer_applies("BREAST", profile.cancer.oncotree_code):
        return (
            f"**Your {name} result:** {where_tested(profile, 'ERBB2')} {name} was tested: negative"
            f"{_negative_detail(profile, 'ERBB2')}. The records do not give the IHC score (0, 1+ or 2+). "
            "Ask whether your cancer is HER2-0 or HER2-low: HER2-low has a treatment of its own."
        )
    if level == "zero":
        return (
            f"**Your {name} result:** {where_tested(profile, 'ERBB2')} {name} was tested: negative"
            f"{_negative_detail(profile, 'ERBB2')}. This is called HER2-0. Treatments aimed at {name} are "
            "not expected to help you."
        )
    return None


def asked_result(profile: Profile, gene: str, negative: bool) -> str:
    """What the records say about a gene the question asks about that is not a finding: tested
    negative (worded as found), a HER2 result that needs a second test, or truly not found."""
    name = display_gene(gene)
    special = _her2_notice(profile, name) if gene == "ERBB2" else None
    if special:
        return special
    if negative:
        return (
            f"**Your {name} result:** {where_tested(profile, gene)} {name} was tested: negative"
            f"{_negative_detail(profile, gene)}. Treatments aimed at {name} are not expected to help you."
        )
    return (
        f"**Not found in your records:** we did not find a positive {name} result in your records. "
        "If you were told about one, ask your care team for that report."
    )


def intent_notes(question: str, profile: Profile | None) -> list[str]:
    """Answers to the parts of a question casewise must not answer itself."""
    out: list[str] = []
    if _DOSE.search(question):
        out.append(
            "**About doses:** casewise does not give doses. Your oncologist and pharmacist set the "
            "dose for you. It depends on things like your weight, blood tests, other medicines and "
            "side effects. Ask them, and follow the plan they give you."
        )
    if _CURE.search(question):
        note = (
            "**About cure:** casewise cannot tell how well a treatment may work for you. Ask your "
            "oncologist what the goal of your treatment is: to cure the cancer, or to control it and "
            "help you feel well. Ask what results people in your situation usually have."
        )
        if profile is not None and kn.advanced(profile):
            note += (
                " When cancer has spread or grown on treatment, treatment often aims to control it "
                "for as long as possible."
            )
        out.append(note)
    return out


def germline_line(origin: str | None) -> str:
    if origin != "germline":
        return ""
    return (
        " This change was found in the genes you were born with (germline), so your blood relatives "
        "could carry it too. A genetic counselor can explain what it means for your family."
    )


def fitting_questions(questions: list[str], profile: Profile) -> list[str]:
    """Drop a document's questions that no longer fit: surgery questions in advanced cancer,
    "before surgery" after it, and first-choice questions once the cancer grew on treatment."""
    grew = any(t.outcome == "progression" for t in profile.treatments)
    received = kn.received_drugs(profile)
    out: list[str] = []
    for q in questions:
        low = q.lower()
        if kn.advanced(profile) and "surgery" in low:
            continue
        if kn.had_surgery(profile) and "before surgery" in low:
            continue
        if grew and (
            re.search(r"\bfirst\b", low) or any(re.search(rf"\b{re.escape(d)}\b", low) for d in received)
        ):
            continue
        out.append(q)
    return out
