"""Result status of one finding from the words in its clause.

Why not ConText alone: report sentences list several results with opposite polarity ("EGFR
exon 19 deletion detected, ALK negative"; "KRAS, NRAS and BRAF: wild-type"), and ConText scopes
run to the sentence end. Here each gene owns the words up to the next gene; a gene whose own words
are only list glue ("," "and" "mutations") shares the result of its list, read forward first
("KRAS, NRAS: not detected") then backward ("negative for ALK, ROS1"). ConText still decides
family, hypothetical, historical and possible (see findings.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casewise_extractor.nlp.mentions import Mention
from casewise_extractor.nlp.rulebook import StatusCue

_WILD_TYPE = "st.negative.wild_type"  # a gene-level word: never the result of a named fusion or variant
# "Driver mutations: none (EGFR, KRAS G12C, ...)": a result word that opens a bracketed list
_NONE_THEN_LIST = "st.negative.none_then_list"
_EVENT_WORD = re.compile(r"\s*(?:fusion|rearrangement|translocation|amplification)\b", re.IGNORECASE)
PRIORITY = {"unknown": 5, "uncertain": 4, "negative": 3, "equivocal": 2, "positive": 1}
# an antibody clone in brackets after a stain's name ("MLH1 (ES05), PMS2 (EP51): retained") is no
# result of its own: letters and digits, never a protein change ("EGFR (L858R)")
_CLONE = r"(?-i:\((?=[^()]{0,11}\d)(?=[^()]{0,11}[A-Z])(?![A-Z]\d{1,4}[A-Z*]\))[A-Z0-9][\w.-]{1,10}\))"
_LIST_GLUE = re.compile(
    r"^[\s,/&|:;()\-]*(?:(?:and|or|nor|&|the|NTRK[\d/-]*|pan-?TRK|genes?|mutations?|alterations?|variants?|fusions?|"
    r"rearrangements?|amplifications?|status|testing|tested|" + _CLONE + r")[\s,/&|:()\-]*)*$",
    re.IGNORECASE,
)
# a semicolon inside brackets ends no clause: "t(4;14)", "IDH1 / IDH2 hotspots (R132; R140, R172): none"
_SEMICOLON = r";(?![^()\n]{0,60}\))"
#: a form's tick box, empty or ticked: "[ ]", "[x]", "( )", "\u2610", "\u2612"
_CHECKBOX = r"(?:\[[ xX\u2713\u2714]?\]|\([ xX\u2713\u2714]?\)|[\u2610\u2611\u2612])"
# "[x] ALK rearrangement [ ] EGFR mutation": each box opens its own item, the break just before the box
_BEFORE_BOX = r"|\s(?=" + _CHECKBOX + r"\s)"
_CLAUSE_END = re.compile(
    _SEMICOLON
    + r"|(?<!\.)(?<!\bincl)(?<!\bapprox)(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)\.\s"  # "incl. D842V" ends none
    + r"|\s-{2}\s|,\s*(?:and|but|while|whereas)\b|\bbut\b|\bhowever\b|\bwhereas\b|\bwhile\b"
    + _BEFORE_BOX,
    re.IGNORECASE,
)


# a row's label naming the class tested, before its result slot: "RET fusion: none", "MET amplification
# (FISH) = not amplified", "ALK rearrangement by FISH - negative", "MET amp: no". The slot's words are
# the result, read as they are after a bare gene ("RET: none"): cues anchored at the slot's start apply
_CLASS_LABEL = re.compile(
    r"^\s*(?:gene\s+)?(?:fusions?|rearrangements?|translocations?|amplifications?|deletions?|mutations?|"
    r"alterations?|variants?|copy[- ]number(?:\s+(?:gains?|changes?|status))?|"
    r"(?:amp|ampl|mut|rearr|del|fus)\.?)"
    r"(?:\s+(?:status|results?|testing|analysis|screen(?:ing)?))?(?:\s*\([^()]{0,30}\))?"
    r"(?:\s+(?:by|on|via)\s+[\w-]+)?(?=\s*[:=]|\s+[-\u2013]\s)",
    re.IGNORECASE,
)
# a result slot after the gene or its label: ": N/A", "= see comment", " - nil"; one that names the
# event ("CDKN2A/B: homozygous deletion") states it found
_RESULT_SLOT = re.compile(
    r"^\s*(?:[:=]|\s[-\u2013]\s)\s*(?!(?:(?:homozygous|hemizygous|heterozygous|biallelic|deep|focal|"
    r"high[- ]level|low[- ]level)\s+)?(?:deletions?|deleted|loss|amplifications?|amplified|gains?|fusions?|"
    r"rearrange\w*|translocat\w*|mutations?|mutated|duplications?|insertions?)\b)[^\s|]",
    re.IGNORECASE,
)


def unlabelled(own: str) -> str:
    """A gene's own words with a leading class label removed: " fusion: none" -> ": none"."""
    return _CLASS_LABEL.sub("", own, count=1)


def result_slot(own: str) -> bool:
    """True when a gene's own words open a result slot with something in it ("RET fusion: N/A"): the
    slot states the result, so a class word in the label ("fusion") is no finding by itself."""
    return bool(_RESULT_SLOT.match(unlabelled(own)))


_ISH_NEXT = re.compile(r"\s*(?:reflex\s+|dual[- ]probe\s+)?(?:FISH|ISH|SISH|CISH|DISH)\b", re.IGNORECASE)
# a clause break before a gene; "incl." "e.g." end no clause ("fusions detected (panel incl. ALK, RET)")
_PRE_BREAK = re.compile(
    _SEMICOLON + r"|,|(?<!\bincl)(?<!\bapprox)(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)\.|\band\b|\bbut\b"
    r"|->|=>|\u2192"  # "no PSMA-negative lesions -> PSMA-positive": an arrow opens the conclusion
    r"|\s[-\u2013]\s"  # "RAS/BRAF wt - ERBB2 amplification predicts resistance": a spaced dash
     + _BEFORE_BOX
)
# "EGFR-mutant disease": the adjective states the result; words before it ("not relevant in") do not
# ("the FRα-positive criterion", "an HER2-positive cut-off" name a rule, not this tumour's result)
_NOT_A_READING = r"(?!\s+(?:criteri|cut-?offs?\b|thresholds?\b|definitions?\b))"
_RESULT_ADJECTIVE = re.compile(
    r"-(?:mutant|mutated|positive|negative|rearranged|amplified|driven)\b" + _NOT_A_READING, re.I
)
# the same adjective glued to a variant named after the gene: "BRAF V600E-mutant", "EGFR exon 19-mutant"
_OWN_ADJECTIVE = re.compile(
    r"(?:\s*(?:p\.)?[A-Z][a-z]{0,2}\d+[A-Za-z*]*|\s*exon\s*\d+)?"
    r"-(?:mutant|mutated|positive|negative|rearranged|amplified|driven)\b" + _NOT_A_READING,
    re.IGNORECASE,
)


# another word's glued result in the words after a self-naming mention ("PSMA-avid disease, no
# PSMA-negative/FDG-positive lesions"): the lesions' reading, not the mention's
_GLUED_OTHER = re.compile(r"(?<=[\s/(])[A-Za-z][\w.]*-(?:negative|positive)\b", re.IGNORECASE)
# a word that is no gene mention glued to its own wild type ("RAS-wt", "RAS-wild-type"): its result,
# never the gene's before it
_GLUED_WILD_TYPE = re.compile(r"(?<=[\s/(,])[A-Za-z]{2}[\w.]*-(?:wt|wild[- ]?type)\b", re.IGNORECASE)
# a variant named right after its gene ("KRAS G12C and ...", "FLT3-ITD and ..."), then list glue
_LEADING_VARIANT = re.compile(
    # "BRAF (incl. V600E), PIK3CA: none": an example of what the item's test covered, in its bracket
    r"^[\s(-]*(?:(?i:incl\.?|including|e\.g\.?|such as)\s+)?"
    r"(?:p\.)?(?:[A-Z][a-z]{0,2}\d{1,4}(?:[A-Z][a-z]{0,2}|\*|fs\w*|del\w*|ins\w*|dup)?|ITD|TKD|"
    r"c\.[\w>+*_-]+|ex(?:on)?\s*\d+\s*(?:deletions?|insertions?|skipping|skip|del|ins)?)\)?(?=[\s,/&;:)]|$)"
)


def variant_glue(text: str) -> bool:
    """True when ``text`` is a variant name followed only by list glue ("G12C and", "-ITD,")."""
    m = _LEADING_VARIANT.match(text)
    return m is not None and bool(_LIST_GLUE.match(text[m.end() :]))


def without_leading_variant(text: str) -> str:
    """A list item's own words less the variant it names first ("exon 14 skipping and NTRK all
    negative" -> "and NTRK all negative"): what the other items of the list may borrow."""
    m = _LEADING_VARIANT.match(text)
    return text[m.end() :] if m is not None else text


def result_adjective(own: str) -> bool:
    """True when the gene's own words open with a result adjective ("-mutant", "-rearranged")."""
    return bool(_RESULT_ADJECTIVE.match(own))


def is_list_glue(text: str) -> bool:
    """True when ``text`` only joins list items ("," "and" "mutations")."""
    return bool(_LIST_GLUE.match(text))


# "(internal control positive)", "external controls stained appropriately", "with retained internal
# control": the control, not the tumour
_CONTROL = re.compile(
    # ("with negative reagent control", "isotype negative control": the kit's control slide)
    r"\(?\b(?:(?:retained|intact|preserved|adequate)\s+)?"
    r"(?:(?:internal|external|positive|negative|appropriate|reagent|isotype)\s+){0,2}"
    r"controls?\b[^();.]{0,40}\)?"
    # the cells that are the internal control: "lost in tumour cells with retained staining in
    # inflammatory cells", "retained in endothelium" (the stain worked; they are not the tumour)
    r"|\b(?:retained|intact|preserved|positive)\s+(?:(?:nuclear|cytoplasmic|staining|expression)\s+){0,2}"
    r"(?:in|within)\s+(?:the\s+)?(?:(?:background|adjacent|surrounding|admixed|non-?neoplastic|normal)\s+)?"
    r"(?:inflammatory cells|lymphocytes|stromal cells|stroma|endothelial cells|endothelium|immune cells|"
    r"non-?neoplastic (?:cells|tissue|mucosa|epithelium))\b"
    # "retained expression in adjacent normal mucosa", "intact in the uninvolved benign endometrium"
    r"|\b(?:retained|intact|preserved|positive)\s+(?:(?:nuclear|cytoplasmic|staining|expression)\s+){0,2}"
    r"(?:in|within)\s+(?:the\s+)?(?:(?:background|adjacent|surrounding|admixed|non-?neoplastic|normal|benign|"
    r"uninvolved)\s+){1,3}(?:\w+\s+)?(?:mucosa|epithelium|glands|tissue|cells|endometrium|crypts)\b",
    re.IGNORECASE,
)


_SPACE = re.compile(r"\s+")
# "Somatic (absent in normal)", "present in the matched normal": where a paired tumour/normal test
# found the variant (its origin), not whether the tumour has it
_MATCHED_NORMAL = re.compile(
    r"\b(?:absent|not present|not detected|present|detected)\s+(?:in|from)\s+(?:the\s+)?"
    r"(?:matched\s+|paired\s+)?normal\b(?:\s+(?:sample|tissue|DNA|specimen))?",
    re.IGNORECASE,
)


def _cue(text: str, cues: Sequence[StatusCue], position: str) -> StatusCue | None:
    best: StatusCue | None = None
    # "not\ndetected", "uncertain\nsignificance": line wraps
    text = _SPACE.sub(" ", _CONTROL.sub(" ", _MATCHED_NORMAL.sub(" ", text)))
    for cue in cues:
        if cue.position not in (position, "any"):
            continue
        if cue.regex.search(text) and (best is None or PRIORITY[cue.status] > PRIORITY[best.status]):
            best = cue
    return best


# a negation word that ends a gene's own words and opens the next gene's ("... and absent p40")
_NEXT_NEGATED = re.compile(
    r"(?:,|\band\b|\bor\b|\bwith\b|\bbut\b)\s+"
    r"(?:absent|no|negative for|without|loss of|absence of|lack of)\s*$",
    re.IGNORECASE,
)


# a stain's state word that ends a gene's own words and opens the next gene's ("loss of MLH1 and PMS2
# with retained MSH2 and MSH6", "PMS2 lost, intact MSH6"): the next gene's result, before its name
_NEXT_STAIN_STATE = re.compile(
    r"(?:,|;|\band\b|\bwith\b|\bbut\b|\bwhile\b|\bwhereas\b)\s+"
    r"(?:(?:retained|intact|preserved)(?:\s+(?:nuclear\s+)?(?:expression|staining)(?:\s+(?:of|for))?)?)\s*$",
    re.IGNORECASE,
)
_RETAINED_BEFORE = "st.negative.retained_of"
# also the tail of one a comma cut, on its own line and cell: OCR of a table row wraps one cell's bracket
# around the next cell ("(Heritage BRCA1, BRCA2, | Negative - no variants\nGenomics) PALB2"), and a tail
# read back over that is the other cell's result
_ASIDE = re.compile(r"\([^()|]*\)|^[^()|\n]*\)")
# a dash with a space before it, alone between two mentions: before a self-naming mention ("dMMR",
# "MSI-high") it parts the stains from their conclusion; it is no minus sign of the gene before
_SPACED_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")


def _in_cell(before: str, after: str, lead: str = "") -> bool:
    """True for a ";" inside one cell of a table row (a "|" before the gene, or between the gene and
    the semicolon, and another after the semicolon, before the next gene): it parts the cell's notes
    ("ratio >10; >40 signals | AMPLIFIED", "ERBB2 | SNV/indel; amplification | No mutation detected"),
    and the gene's result is in a later cell of its row."""
    return ("|" in before or "|" in lead) and "|" in after


def segments(sentence: str, mentions: Sequence[Mention]) -> list[tuple[str, str]]:
    """For each mention: (own words after it, words before it back to the last clause break)."""
    out = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1].start if i + 1 < len(mentions) else len(sentence)
        own = sentence[m.end : nxt]
        cut = _CLAUSE_END.search(own)
        if cut is not None and not own[: cut.start()].strip() and cut.group().strip() == "--":
            cut = _CLAUSE_END.search(own, cut.end())  # "PDGFRA -- no mutation identified"
        if (
            cut is not None
            and cut.group() == ";"
            and m.gene.symbol == "ERBB2"
            and _ISH_NEXT.match(own, cut.end())
        ):
            cut = _CLAUSE_END.search(own, cut.end())  # "HER2 IHC 2+; FISH amplified": HER2's own ISH result
        while (
            cut is not None
            and cut.group() == ";"
            and _in_cell(sentence[: m.start], own[cut.end() :], own[: cut.start()])
        ):
            cut = _CLAUSE_END.search(own, cut.end())  # "MYCN | FISH | ratio >10; HSR | AMPLIFIED"
        if cut is not None:
            own = own[: cut.start()]
        elif (tail := _NEXT_NEGATED.search(own)) is not None:
            own = own[: tail.start()]  # "TTF-1 and napsin A co-expression and absent p40": p40's word
        elif (state := _NEXT_STAIN_STATE.search(own)) is not None:
            own = own[: state.start()]  # "loss of MLH1 and PMS2 with retained MSH2": MSH2's word
        if i + 1 < len(mentions) and mentions[i + 1].standalone is not None and _SPACED_DASH.fullmatch(own):
            own = ""  # "retained MSH2 and MSH6 - MMR deficient": the dash opens the conclusion, no minus sign
        prev = mentions[i - 1].end if i > 0 else 0
        pre = sentence[prev : m.start]
        breaks = [b.end() for b in _PRE_BREAK.finditer(pre)]
        if i > 0 and _LIST_GLUE.match(pre):
            pre = ""
        elif breaks:
            pre = pre[breaks[-1] :]
        out.append((own, pre))
    return out


# the value an amendment replaced, cited after the current one: "lost [AMENDED; previously: intact]",
# "loss (originally reported as intact)"; a "previously X, now Y" clause is read by amended_cue first
_HISTORY = re.compile(
    r"[(\[]?\s*(?:amended\s*[;:,]?\s*)?\b(?:previously|originally|formerly|initially)\b"
    r"(?:\s+(?:reported|read|interpreted|called|scored))?(?:\s+as)?\s*[;:,]?",
    re.IGNORECASE,
)


# the earlier state of a result found now: "(new), which was not there at diagnosis", "not present on
# the 2021 marrow"
_ABSENT_BEFORE = re.compile(
    r",?\s*(?:which|that)\s+(?:was|were)\s+(?:not|absent)\s+(?:there|present|seen|detected|found)?\s*"
    r"(?:at|on|in)\s+(?:the\s+)?(?:diagnosis|baseline|presentation|prior|previous|first|initial|original|earlier)\b",
    re.IGNORECASE,
)
# a bracket after a named variant giving the other test's result: "somatic BRCA2 R2520* (germline
# negative)" - the variant is the tumour's; the bracket says the patient does not carry it
GERMLINE_NOTE = re.compile(
    r"\(\s*(?:germline|constitutional|inherited)\s*(?:testing|test|panel)?\s*[:=-]?\s*"
    r"(?:negative|neg|not detected|absent|wild[- ]?type)\s*\)",
    re.IGNORECASE,
)
# ("BRAF V600E, wild-type KRAS": the wild type is KRAS's)
_NEXT_PREMODIFIER = re.compile(
    r"\s*(?:,|;|\band\b|\bor\b)\s*"
    r"(?:positive|negative|dim|bright|wild[- ]?type|WT|unmutated|non-?mutated)\s*$",
    re.I,
)
_GIVEN = re.compile(
    r"\b(?:given|because of|due to|in view of|owing to)\b(?!.*\b(?:given|because of|due to)\b)"
    # "Imatinib is not appropriate (KIT D816V confers resistance)": the therapy is negated, not the gene
    # (only up to its bracket: "not indicated (no PDGFRA exon 18 mutation)" keeps the reason's own "no")
    r"|\bnot (?:appropriate|recommended|indicated|suitable|advised|an option)\b[^;(]*\("
    # "Anti-EGFR: not indicated - KRAS mutant": the reason after a dash or colon is stated, not negated
    r"|\bnot (?:appropriate|recommended|indicated|suitable|advised|an option)\b\s*[-\u2013:]\s*"
    # "Bevacizumab: not given (no indication with BRCA1)": the "no" is the drug's indication, not the gene's
    r"|\bno (?:clinical )?(?:indication|role|benefit|rationale)\b(?!\s+of\b)",
    re.I,
)


# a result cell "Not detected" split by a cell wrap: "Not" ends one line (then the next cell's words),
# its word starts a later line
_SPLIT_NOT = re.compile(
    r"\bNot[ \t]+(?=[A-Z(\[-])[^\n]*\n\s*(?P<word>detected|identified|amplified|present|found)\b"
)


def resolve_status(
    sentence: str,
    mentions: Sequence[Mention],
    index: int,
    cues: Sequence[StatusCue],
    *,
    borrow_forward: bool = True,
) -> StatusCue | None:
    """The cue that decides mention ``index``'s status, or None when the clause states none.

    ``borrow_forward=False`` for a mention that names its own result ("MSI-high"): it never takes the
    next gene's words as its own, so "MSI-high: p53 wild-type" (OCR read the ";" as ":") stays high."""
    segs = segments(sentence, mentions)
    own, pre = segs[index]
    if (split := _SPLIT_NOT.search(own)) is not None:
        # "MET | Amplification Not Plasma copy-number limited\ndetected": an OCR'd row whose "Not
        # detected" cell wrapped, with the next cell's words read in between
        own = own[: split.start()] + "not " + split.group("word")
    if (wt := _GLUED_WILD_TYPE.search(own)) is not None:
        own = own[: wt.start()]  # "HER2 3+, RAS-wt", "HER2+ RAS-wt mCRC": the wild type is RAS's
    glued = _GLUED_OTHER.search(own) if not borrow_forward else None
    if glued is not None and own[: glued.start()].strip():
        own = own[: glued.start()]  # "PSMA-avid disease, no PSMA-negative/FDG-positive lesions": theirs
    if adjective := _OWN_ADJECTIVE.match(own):
        # "BRAF V600E-mutant, RAS wild-type": the glued adjective is this gene's whole result; the
        # words after it belong to whatever comes next
        own, pre = adjective.group(0), ""
    if (note := GERMLINE_NOTE.search(own)) is not None and _LEADING_VARIANT.match(own[: note.start()]):
        own = own[: note.start()]  # "somatic BRCA2 R2520* (germline negative)": the germline test's result
    if (absent := _ABSENT_BEFORE.search(own)) is not None:
        own = own[: absent.start()]  # "del(17p) in 22% of cells, which was not there at diagnosis": the past
    if (history := _HISTORY.search(own)) is not None and own[: history.start()].strip(" .:-"):
        own = own[: history.start()]  # "Loss of expression (AMENDED: previously: intact]": the old value
    if index + 1 < len(mentions) and (nxt := _NEXT_PREMODIFIER.search(own)) is not None:
        own = own[: nxt.start()]  # "dim CD20 and negative CD79b": "negative" is CD79b's word, before its name
    if (given := max(_GIVEN.finditer(pre), key=lambda g: g.end(), default=None)) is not None:
        pre = pre[given.end() :]  # "not recommended given NRAS mutation": the reason is stated, not negated
    pre_cues = cues
    shared = index > 0 and bool(pre.strip()) and segs[index - 1][0].rstrip().endswith(pre.rstrip())
    if shared:
        # "HER2: negative (ER 95%)": the bracket after the gene before is that gene's own result;
        # "MLH1 retained MSH2 lost": so is a state word with no separator before this gene
        pre_cues = [c for c in cues if c.id not in (_NONE_THEN_LIST, _RETAINED_BEFORE)]
    if not borrow_forward and shared:
        # "(p53 wild-type) | MMR-deficient": the words before a self-naming mention are the gene
        # before's own; only a word that reads forward ("no", "negative for") is this mention's
        pre_cues = [c for c in pre_cues if c.position == "before"]
    # "Note (for the team, not part of the diagnosis): dMMR status ...": an aside negates nothing after it
    own_cue, pre_cue = _cue(unlabelled(own), cues, "after"), _cue(_ASIDE.sub(" ", pre), pre_cues, "before")
    stated = own_cue is not None and own_cue.status in ("negative", "equivocal")
    if stated and pre_cue is not None and pre_cue.status == "unknown":
        pre_cue = None  # "ISH not performed - HER2 negative": another test's words before a stated result
    found = [c for c in (own_cue, pre_cue) if c is not None]
    head = _list_head_cue(sentence, mentions, segs, index, cues)
    if head is not None and head.status == "positive":
        head = None  # only a "no" / "negative for" head overrides the tail of its list
    if found:
        # "No BRCA1 or BRCA2 alterations identified": the "no" governs both
        return max([*found, *([head] if head else [])], key=lambda c: PRIORITY[c.status])
    if (
        borrow_forward
        and (_LIST_GLUE.match(own) or variant_glue(own))  # "KRAS, NRAS: not detected"
        and not _named_again(sentence, mentions, segs, index)
    ):
        for j in range(index + 1, len(mentions)):
            nxt_own, nxt_pre = segs[j]
            if (
                not _LIST_GLUE.match(nxt_pre or " ")
                or ";" in sentence[mentions[j - 1].end : mentions[j].start]
            ):
                break  # "FGFR2-BICC1 fusion; IDH1 wild type": a semicolon ends the list
            if (c := _cue(nxt_own, cues, "after")) is not None:
                if c.id == _WILD_TYPE and (
                    mentions[index].fusion
                    or mentions[index].variant
                    or mentions[index].cytogenetic  # "del(11q), TP53 wt": the notation is the event
                    or _EVENT_WORD.match(own)
                ):
                    break  # "an FGFR2 fusion (FGFR2::BICC1) and IDH1 wild type": wild type is IDH1's
                # "No ALK, ROS1 or RET fusions detected": a middle item takes the head's "no" too
                return max([c, *([head] if head else [])], key=lambda x: PRIORITY[x.status])
            if not (_LIST_GLUE.match(nxt_own) or variant_glue(nxt_own)):
                break
    j = index
    # "negative for ALK, ROS1 and EGFR"; "none identified in EGFR, KRAS G12C or BRAF V600E": an item
    # may name its variant
    while j > 0 and _list_item_glue(between := sentence[mentions[j - 1].end : mentions[j].start]):
        if mentions[index].standalone is not None and _SPACED_DASH.fullmatch(between):
            break  # "retained MSH2 and MSH6 - dMMR": the conclusion after the dash reads itself
        j -= 1
        if (c := _cue(segs[j][1], cues, "before")) is not None:
            return c
    return None


def _named_again(sentence: str, mentions: Sequence[Mention], segs: list[tuple[str, str]], index: int) -> bool:
    """True when the bare gene ``index`` (a label's item) is named again, bare, later on its line
    ("ER / PgR | ER positive; PgR negative", "KRAS, NRAS: KRAS G12D, NRAS wild type"): the result
    is after its own second name, never the next item's."""
    m = mentions[index]
    if m.fusion or m.variant or not _LIST_GLUE.match(segs[index][0]):
        return False
    for k in range(index + 1, len(mentions)):
        if "\n" in sentence[m.end : mentions[k].start]:
            return False
        again = mentions[k]
        # named the same way: "NTRK1, NTRK2 fusions | failed; consider pan-TRK IHC" names a family
        if sentence[again.start : again.end].lower() == sentence[m.start : m.end].lower():
            return not (again.fusion or again.variant)
    return False


# what the item before covered, in its bracket: "EGFR (exons 18-21), BRAF", "MET (incl. exon 14 splice
# sites), PIK3CA", "KRAS (codons 12, 13, 61) and NRAS"
_SCOPE_NOTE = re.compile(
    r"^\s*\(\s*(?:incl\.?|including|e\.g\.?|such as|exons?|codons?|hotspots?|all exons|entire coding)"
    r"\b[^()]{0,60}\)"
)


def _list_item_glue(between: str) -> bool:
    """The words between two items of one list: list glue, or the item before's variant or the scope
    it covered, then glue."""
    if (scope := _SCOPE_NOTE.match(between)) is not None:
        between = between[scope.end() :]
    return bool(_LIST_GLUE.match(between) or variant_glue(between))


def _list_head_cue(
    sentence: str,
    mentions: Sequence[Mention],
    segs: list[tuple[str, str]],
    index: int,
    cues: Sequence[StatusCue],
) -> StatusCue | None:
    """The "before" cue of the list mention ``index`` belongs to, within one clause (no ";")."""
    j = index
    while j > 0:
        between = sentence[mentions[j - 1].end : mentions[j].start]
        # an item may name its variant: "No other mutations (SRSF2, U2AF1 Q157, EZH2) were detected"
        if ";" in between or not (_LIST_GLUE.match(between) or variant_glue(between)):
            break
        j -= 1
    return _cue(segs[j][1], cues, "before") if j != index else None


def unknown_after_semicolon(
    sentence: str, mentions: Sequence[Mention], index: int, cues: Sequence[StatusCue]
) -> StatusCue | None:
    """ "referred for MSH6 testing; result pending": a gene-less clause right after the gene's own
    clause that says the test is pending or failed. Only "unknown" is read this way: a gene-less
    "negative" after a semicolon may well be about something else."""
    m = mentions[index]
    nxt = mentions[index + 1].start if index + 1 < len(mentions) else len(sentence)
    own, sep, rest = sentence[m.end : nxt].partition(";")
    if not sep or _cue(own, cues, "after") is not None:
        return None
    cue = _cue(rest.split(";")[0], cues, "after")
    return cue if cue is not None and cue.status == "unknown" else None


# "MSH6 previously intact, now lost", "originally reported as negative; amended to positive"
_AMENDED = re.compile(
    r"\b(?:previously|originally|initially|formerly)\b.*?"
    r"\b(?:now|currently|(?:the|this)\s+(?:current|present|new|latest|repeat)\s+(?:sample|specimen|test|"
    r"biopsy|assay|result)|amended to|revised to|corrected to|re-?(?:interpreted|classified|scored) as)\b",
    re.IGNORECASE | re.DOTALL,
)


# "PALB2 VUS, since reclassified as likely benign": a variant's class changed by the lab
_RECLASSIFIED = re.compile(r"\b(?:re-?classified|downgraded|upgraded)\s+(?:as|to)\b", re.IGNORECASE)
RECLASSIFIED_ID = "st.reclassified"
# the class a variant was reclassified to; read only there ("pathogenic" elsewhere may be a heading)
_NOW_PATHOGENIC = re.compile(r"\s*(?:as\s+)?(?:likely[- ])?(?:pathogenic|oncogenic)\b", re.IGNORECASE)
_PATHOGENIC = StatusCue(
    id="st.positive.reclassified_pathogenic",
    pattern=_NOW_PATHOGENIC.pattern,
    status="positive",
    position="after",
)


def reclassified(own: str) -> bool:
    """True when a gene's own words give the class a variant was reclassified to."""
    return _RECLASSIFIED.search(own) is not None


def amended_cue(own: str, cues: Sequence[StatusCue], rest: str = "") -> StatusCue | None:
    """The cue of the amended value when a gene's own words give a prior value and then the new one
    ("previously intact, now lost", "VUS, reclassified as likely benign"): the words after "now" or
    "reclassified as" decide, the prior value is history. ``rest``, the words up to the next gene, lets
    the new value follow a clause break ("was not detected previously but is now detected")."""
    m = _AMENDED.search(own) or _RECLASSIFIED.search(own)
    if m is None and rest.startswith(own) and (wide := _AMENDED.search(rest)) and wide.start() < len(own):
        own, m = rest, wide
    if m is None:
        return None
    after = own[m.end() :]
    cue = _cue(after, cues, "after")
    if cue is None and _RECLASSIFIED.search(own) and _NOW_PATHOGENIC.match(after):
        return _PATHOGENIC  # "reclassified to likely pathogenic"
    return cue


# a shorthand slip line is short; a wider line, a "|" or a tab is a table row whose "-" is an empty cell
_SHORTHAND_MAX = 80
_TABLE_CELLS = re.compile(r"[|\t]")


def shorthand_cue(sentence: str, own: str, signs: Sequence[StatusCue]) -> StatusCue | None:
    """The lone sign that is a gene's whole result on a short shorthand line ("EGFR T790M  -",
    "ALK -  (IHC D5F3)", "KRAS -   BRAF -"), or None. Never in a table: "KRAS | G12C | -" leaves the
    VAF cell empty, and reading that "-" as negative would turn a found variant negative."""
    if _TABLE_CELLS.search(sentence) or len(sentence.strip()) > _SHORTHAND_MAX:
        return None
    return sign_cue(own, signs)


def sign_cue(own: str, signs: Sequence[StatusCue]) -> StatusCue | None:
    """The first of ``signs`` (lone "+" / "-" rules) that reads a gene's own words ``own``. Where a sign
    may be read is the caller's to say: a shorthand line (``shorthand_cue``) or a stain's own row."""
    return next((s for s in signs if s.regex.search(own)), None)
