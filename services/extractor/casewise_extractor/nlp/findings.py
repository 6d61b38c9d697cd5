"""From mentions to biomarker findings: detail, value, status, context. Pure functions; the spaCy
component in pipeline.py only feeds sentences, sections and ConText flags in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from casewise_extractor.nlp.mentions import Mention
from casewise_extractor.nlp.rulebook import Rulebook, SectionRule
from casewise_extractor.nlp.status import is_list_glue, resolve_status, segments
from casewise_extractor.nlp.variants import read_detail

_SECTION_STATUS = {"negative_list": "negative", "uncertain_list": "uncertain"}
_TEST_NAME = re.compile(r"\b(?:for|of)\s*(?:the\s*)?$", re.IGNORECASE)
_MMR_CUES = {"st.positive.lost", "st.negative.intact"}
_FLIP = {"positive": "negative", "negative": "positive"}


@dataclass
class Flags:
    """ConText modifiers on one mention."""

    family: bool = False
    hypothetical: bool = False
    historical: bool = False
    possible: bool = False
    negated: bool = False
    rule_ids: list[str] = field(default_factory=list)


@dataclass
class BiomarkerFinding:
    gene: str
    alteration: str
    status: str
    start: int  # absolute offsets of the mention in the page text
    end: int
    sentence: tuple[int, int]
    rule_id: str
    detail: str | None = None
    value: str | None = None
    origin: str | None = None
    method: str | None = None


def sentence_findings(
    sentence: str,
    offset: int,
    mentions: list[Mention],
    flags: list[Flags],
    section: SectionRule | None,
    rules: Rulebook,
) -> list[BiomarkerFinding]:
    """Findings for one sentence; ``mentions`` are relative to it, ``offset`` makes them absolute."""
    effect = section.effect if section else "none"
    if effect in ("ignore", "family"):
        return []
    if boiler := next((b for b in rules.context.boilerplate if b.regex.search(sentence)), None):
        del boiler  # method text, definitions and disclaimers state no patient result
        return []
    cues = rules.context.status_cues
    out: list[BiomarkerFinding] = []
    segs = segments(sentence, mentions)
    for i, (mention, flag) in enumerate(zip(mentions, flags, strict=True)):
        if flag.family:
            continue
        own = segs[i][0]
        if is_list_glue(own):  # "MLH1, PMS2, MSH2 retained": list members share the tail's words
            tail = next((segs[j][0] for j in range(i + 1, len(mentions)) if not is_list_glue(segs[j][0])), "")
            own = own + tail
        ids = [mention.rule_id]
        if mention.standalone is not None:
            rule = mention.standalone
            status, alteration, detail, value = rule.status, rule.alteration, None, rule.value
            origin = method = None
        else:
            gene = mention.gene
            d = read_detail(own, gene.kind, gene.symbol, gene.mmr)
            alteration = (
                "mutation" if mention.variant else d.alteration or ("fusion" if mention.fusion else None)
            )
            detail = mention.variant or mention.fusion or d.detail
            value, origin, method = d.value, d.origin, d.method
            if d.ocr_repaired:
                ids.append("ocr.fix.protein_position")
            cue = resolve_status(sentence, mentions, i, cues)
            status = cue.status if cue else None
            if cue:
                ids.append(cue.id)
            if d.implied_status and status in (None, "positive"):
                # the number decides: "PD-L1 positive (TPS 0%)" is not positive; a stated negative stays
                status = d.implied_status
                ids.append("value.threshold")
            if status is None and effect in _SECTION_STATUS:
                status = _SECTION_STATUS[effect]
                ids.append(section.id if section else "")
            if status is None and flag.negated:
                status = "negative"
                ids.extend(flag.rule_ids)
            if status is None and effect != "positive_default" and _TEST_NAME.search(segs[i][1]):
                continue  # "FISH for HER2 amplification was sent": the name of a test, not a result
            if status is None and effect == "plan":
                continue  # a plan names tests and targets; only a stated result is a finding
            if status is None and (
                detail or (alteration in ("amplification", "fusion", "deletion") and not d.by_method)
            ):
                status = "positive"  # a named variant listed as a finding
                ids.append(section.id if section and effect == "positive_default" else "st.positive.listed")
            if status is None:
                continue
            if effect == "uncertain_list" and status == "positive":
                status = "uncertain"
            if effect == "negative_list" and status == "positive":
                status = "negative"  # a gene in the no-reportable-alterations list is never positive
            if (
                alteration is None
                and gene.symbol == "ERBB2"
                and (
                    not sentence[mention.start : mention.end].upper().startswith("ERBB2")
                    or any(m.gene.kind == "ihc" for m in mentions)
                )
            ):
                alteration = "expression"  # "HER2-negative", "ER+/PR+/HER2-": the receptor (protein) status
            if alteration == "loss" and gene.mmr and cue is not None and cue.id not in _MMR_CUES:
                status = _FLIP.get(status, status)  # MMR IHC: "MLH1 negative" = staining lost = deficient
                ids.append("st.mmr_staining")
            if alteration is None:
                alteration = {"ihc": "expression", "signature": "signature"}.get(gene.kind, "mutation")
        if flag.hypothetical and status != "unknown":
            continue  # "if ALK positive we would ..." states no result
        if flag.possible and status == "positive":
            status = "uncertain"
            ids.extend(flag.rule_ids)
        if section and section.kind == "ihc" and method is None and alteration == "expression":
            method = "IHC"
        out.append(
            BiomarkerFinding(
                gene=mention.gene.symbol,
                alteration=alteration,
                status=status,
                start=offset + mention.start,
                end=offset + mention.end,
                sentence=(offset, offset + len(sentence)),
                rule_id="+".join(ids),
                detail=detail,
                value=value,
                origin=origin,
                method=method,
            )
        )
    return out
