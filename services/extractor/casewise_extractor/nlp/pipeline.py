"""The spaCy pipeline: scispaCy tokenizer, clinical sentences, sections, gene mentions, medspaCy
ConText, then findings. Each component is a thin factory over pure functions.

scispaCy's AbbreviationDetector is the ``casewise_abbreviations`` component, run on demand
(``defined_abbreviations(nlp, doc)``): no extraction rule reads its pairs (the rule files name the short
forms themselves), and running it on every report cost ~10% of a report's time (its Matcher visits every
token).

``build_nlp("blank")`` is the offline default; any other name is passed to ``spacy.load`` (an
installed package such as ``en_core_sci_sm``, or a path) and casewise adds its components to it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol, TypeVar

import numpy as np
import spacy
from medspacy.context import ConText, ConTextRule
from scispacy.abbreviation import AbbreviationDetector
from scispacy.custom_tokenizer import combined_rule_tokenizer
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from casewise_extractor.nlp.class_grid import Grid, grid_heading, grid_row
from casewise_extractor.nlp.control_column import control_heading, mask_control
from casewise_extractor.nlp.criteria import mask_criteria
from casewise_extractor.nlp.extensions import MENTIONS_KEY, register_extensions
from casewise_extractor.nlp.findings import Flags, sentence_findings
from casewise_extractor.nlp.footnotes import below_detection
from casewise_extractor.nlp.heading_origin import heading_line, with_heading_origin
from casewise_extractor.nlp.history_clauses import without_restated_history
from casewise_extractor.nlp.mentions import Mention, find_mentions, repair_ocr
from casewise_extractor.nlp.merge import ADDENDUM
from casewise_extractor.nlp.regex_gate import fold, gated_finditer, may_match
from casewise_extractor.nlp.rulebook import Rulebook, load_rulebook
from casewise_extractor.nlp.sections import find_sections, section_at
from casewise_extractor.nlp.status import RECLASSIFIED_ID
from casewise_extractor.nlp.timeline_entries import without_older_entries
from casewise_extractor.nlp.treatment_items import link_item_outcomes
from casewise_extractor.nlp.treatments import (
    HYPOTHETICAL,
    TAKEN_BACK,
    sentence_procedures,
    sentence_treatments,
    treatment_word_positions,
)
from casewise_extractor.nlp.wrapped_lists import BULLET, LIST_LABEL, list_tail, negator_after_colon

_NEWLINE = re.compile(r"\n+")
# a line ending in a comma, conjunction, preposition, copula or auxiliary goes on ("ROS1 equivocal by\nIHC",
# "his sister ... does\nNOT carry the variant")
_JOIN = re.compile(
    r"(?:,|\band|\bor|\bof|\bfor|\bin|\bwith|\bthe|\bby|\bas|\bwas|\bwere|\bis|\bare|(?<=[A-Za-z])-"
    r"|\b(?:does|did|do|has|have|had|will|would|could|should|must|cannot)"
    # "...; no\nMET exon 14 skipping": a negator in prose waits for its noun; a form's answer
    # ("Perineural invasion: no", "LVI   no") ends its line
    r"|[^\s:|=?\-][ \t](?:no|not|nor|neither))\s*$",
    re.I,
)
_HGVS_PREFIX = re.compile(r"(?<![A-Za-z0-9])[pcgmnr]\.(?=[A-Z*(\d\-])")
_CATEGORY = {
    "FAMILY": "family",
    "HYPOTHETICAL": "hypothetical",
    "HISTORICAL": "historical",
    "POSSIBLE_EXISTENCE": "possible",
    "NEGATED_EXISTENCE": "negated",
}


#: ``Doc.user_data`` key of the doc's text: the extractor puts the text it tokenized there, so no
#: component pays for ``Doc.text`` (which builds every token to join them; ~15% of a report's time).
TEXT_KEY = "casewise_text"


#: ``Doc.user_data`` key of the whole document's text when the doc is one page of it: a "genes
#: assayed" appendix on page 3 lists negatives because page 1 says nothing else was found.
DOCUMENT_TEXT_KEY = "casewise_document_text"


class _Fact(Protocol):
    @property
    def gene(self) -> str: ...
    @property
    def alteration(self) -> str: ...
    @property
    def status(self) -> str: ...


_F = TypeVar("_F", bound=_Fact)


def without_listed_restatements(findings: list[_F], listed: Callable[[_F], bool]) -> list[_F]:
    """A gene's "listed as tested" negative (``listed``: read from a "genes analysed" list only)
    is dropped where the document gives that gene a result of its own: the same class, or any
    alteration found (a CDKN2A deletion beside the DNA panel's list is no "CDKN2A mutation
    negative"). A separate negative of another class keeps it ("ERBB2 amplification: not detected"
    and ERBB2 in the DNA list: no ERBB2 mutation either)."""
    own = [f for f in findings if not listed(f)]
    said = {(f.gene, f.alteration) for f in own}
    altered = {f.gene for f in own if f.status != "negative"}
    return [
        f for f in findings if not listed(f) or (f.gene not in altered and (f.gene, f.alteration) not in said)
    ]


def _text(doc: Doc) -> str:
    """The doc's text, read once per doc."""
    if TEXT_KEY not in doc.user_data:
        doc.user_data[TEXT_KEY] = doc.text
    return str(doc.user_data[TEXT_KEY])


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each sentence, as ``doc.sents`` gives them, from the token arrays
    (iterating ``doc.sents`` builds a Span and its Tokens per sentence: ~15% of a report's time)."""
    if len(doc) == 0:
        return []
    arr = doc.to_array([SENT_START, IDX, LENGTH])
    starts = [0, *(int(i) for i in np.flatnonzero(arr[1:, 0] == 1) + 1)]
    ends = [*starts[1:], len(doc)]
    return [(int(arr[a, 1]), int(arr[b - 1, 1] + arr[b - 1, 2])) for a, b in zip(starts, ends, strict=True)]


_BRACKET = re.compile(r"\([^()\n]{1,120}\)")
_STOP = re.compile(r"[.?!]")
# "Started on Inj. pemetrexed": a prescriber's "Inj." (injection) ends no sentence
_ABBREV = re.compile(r"\b(?:incl|approx|vs|e\.g|i\.e|cf|inj)\.(?=[ \t])", re.IGNORECASE)


def line_sentence_starts(doc: Doc) -> Doc:
    """Reports are line-structured (headers, table rows, list items): a line break ends a sentence
    unless the line plainly continues (ends in a comma or "and", or the next line starts lower case)."""
    text = _text(doc)
    hgvs = _HGVS_PREFIX.search(text)
    abbrevs = list(gated_finditer(_ABBREV, text, fold(text)))
    brackets = [m for m in _BRACKET.finditer(text) if _STOP.search(m.group(0))]
    if "\n" not in text and hgvs is None and not abbrevs and not brackets:
        return doc
    starts = doc.to_array([IDX])
    for m in brackets:  # "(requested on referral, ?MPN): NOT detected": no sentence ends inside brackets
        i = int(np.searchsorted(starts, m.start() + 1))
        while i < len(doc) and starts[i] < m.end():
            doc[i].is_sent_start = False
            i += 1
    for m in abbrevs:  # "(panel incl. ALK, ROS1)": the period ends an abbreviation, not a sentence
        i = int(np.searchsorted(starts, m.end()))
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc):
            doc[i].is_sent_start = False
    for m in _HGVS_PREFIX.finditer(text) if hgvs else ():
        i = int(np.searchsorted(starts, m.end()))  # "EGFR: p.L858R": the period is HGVS, not a stop
        if 0 < i < len(doc) and starts[i] == m.end():
            doc[i].is_sent_start = False
    for nl in _NEWLINE.finditer(text):
        i = int(np.searchsorted(starts, nl.end()))  # first token at or after the line start
        while i < len(doc) and doc[i].is_space:
            i += 1
        if i == 0 or i >= len(doc):
            continue
        tok = doc[i]
        before = text[max(0, nl.start() - 40) : nl.start()].rstrip()
        # a line opening with "(" continues the last: "maintenance\n(olaparib + bevacizumab)"
        # a table row after a table row is a row of its own, whatever it opens with ("tucatinib | ...")
        tok.is_sent_start = _row_after_row(text, nl.start(), nl.end()) or not (
            tok.text[:1].islower()
            or tok.text[:1] == "("
            or bool(_JOIN.search(before))
            or _closes_bracket(text, nl.start(), nl.end())
            or _result_wrapped(before, text, tok.idx)
            or _wrapped_item(text, nl.start(), nl.end())
            or _hanging_list(text, nl.start(), nl.end())
            or negator_after_colon(text, nl.start(), nl.end())
        )
    return doc


def _row_after_row(text: str, line_end: int, next_start: int) -> bool:
    """The line before and the next line are both table rows (cells joined by " | ")."""
    end = text.find("\n", next_start)
    nxt = text[next_start : end if end >= 0 else len(text)]
    return " | " in nxt and " | " in text[text.rfind("\n", 0, line_end) + 1 : line_end]


# an item's bullet ("- ", "* ", "2) "): the item's text starts after it
_WRAP_MIN = 60  # a wrapped line is long; a short one ("  EGFR L858R") is a line of its own
_WRAP_TAIL = re.compile(r"[A-Za-z0-9]$")
_LEADER = re.compile(r"\.{3,}|\u2026")  # "p16 IHC ........ positive": a form's label and value
_LABEL = re.compile(r"[^\s:][^:\n]{0,40}:(?:\s|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _wrapped_item(text: str, line_end: int, next_start: int) -> bool:
    """A long line of prose wrapped inside an indented item goes on where the next line is indented to
    the item's text and opens no item of its own ("- Genetic testing: my sister tested\n  BRCA2
    positive, so I was tested too"): a word processor's hanging indent, not a new sentence. A line
    ending in punctuation, a blank line, a bullet, a line with columns (runs of spaces) or dot
    leaders, and a next line that opens with a label ("DOG1: positive") end it."""
    if next_start - line_end != 1:
        return False
    line = text[text.rfind("\n", 0, line_end) + 1 : line_end].rstrip()
    column = _indent(line)
    if (bullet := BULLET.match(line, column)) is not None:
        column = bullet.end()
    if column < 2 or len(line) < _WRAP_MIN or not _WRAP_TAIL.search(line) or "   " in line[column:]:
        return False
    end = text.find("\n", next_start)
    nxt = text[next_start : end if end >= 0 else len(text)]
    if _indent(nxt) != column or BULLET.match(nxt, column) or _LEADER.search(line) or _LEADER.search(nxt):
        return False
    # a line of its own: "Progesterone receptor: POSITIVE", "MSH6  - LOSS", "DOG1: diffuse positive"
    return _LABEL.match(nxt, column) is None and "  " not in nxt[column : column + 40]


# a line's label and the spaces after it ("  NOT DETECTED: "): where the label's text starts


def _hanging_list(text: str, line_end: int, next_start: int) -> bool:
    """A ";"-list after a label, wrapped onto a line indented to the label's text ("  NOT DETECTED: KRAS;
    TP53;\n                RET fusions; ALK fusions"): the list and its head go on. A PDF's text
    layer and OCR drop the indent, so a next line at the label line's own margin goes on too where
    it is more of the list: items (a ";" or "," in it, or a short tail) under no label, bullet or
    cells of its own ("NOT DETECTED: KRAS; TP53;\nRET fusions; ALK fusions.")."""
    if next_start - line_end != 1 or not text[:line_end].rstrip(" \t").endswith(";"):
        return False
    line = text[text.rfind("\n", 0, line_end) + 1 : line_end]
    label = LIST_LABEL.match(line)
    end = text.find("\n", next_start)
    nxt = text[next_start : end if end >= 0 else len(text)]
    if label is None or not nxt.strip():
        return False
    if _indent(nxt) == label.end():
        return True
    return _indent(nxt) == _indent(line) and list_tail(nxt)


# "...; TTF-1 NEGATIVE; synaptophysin\nPOSITIVE; chromogranin POSITIVE": a list of stain results wrapped
# between a marker and its result word
_RESULT_START = re.compile(r"(?:positive|negative|detected|not detected|equivocal|retained|lost)\b", re.I)
_LIST_WRAP_END = re.compile(r";[^;]*[A-Za-z0-9)]$")


# "BCR::ABL1 RT-PCR (blood, outside):\nNEGATIVE.": a line that is only the result of the label before it
_RESULT_ALONE = re.compile(_RESULT_START.pattern + r"[ \t.;,]*(?:\([^()\n]{0,60}\)[ \t.;,]*)?(?:\n|$)", re.I)


def _result_wrapped(before: str, text: str, at: int) -> bool:
    """The next line opens on a result word and the line before ends a ";"-list item on a name, or the
    next line is a bare result and the line before a label ending in ":"."""
    if before.endswith(":") and _RESULT_ALONE.match(text, at):
        return True
    return bool(_LIST_WRAP_END.search(before)) and bool(_RESULT_START.match(text, at))


def _closes_bracket(text: str, line_end: int, next_start: int) -> bool:
    """The next line closes a bracket the line before left open: one bracket wrapped over two lines
    ("FGFR3 fusions (incl.\nFGFR3::TACC3)"), as OCR and PDF reading wrap table cells; its content
    is not a sentence of its own."""
    line = text[text.rfind("\n", 0, line_end) + 1 : line_end]
    if line.count("(") <= line.count(")"):
        return False
    end = text.find("\n", next_start)
    nxt = text[next_start : end if end >= 0 else len(text)]
    close, open_ = nxt.find(")"), nxt.find("(")
    return close >= 0 and (open_ < 0 or close < open_)


class OnDemandAbbreviations:
    """scispaCy's AbbreviationDetector, kept in the pipeline but run only when asked (see the module
    docstring): ``find(doc)`` gives the short forms the text defines ("non-small cell lung cancer
    (NSCLC)"), each with ``._.long_form``."""

    def __init__(self, nlp: Language) -> None:
        self.detector = AbbreviationDetector(nlp)

    def __call__(self, doc: Doc) -> Doc:
        return doc

    def find(self, doc: Doc) -> list[Span]:
        doc._.abbreviations = []
        return list(self.detector(doc)._.abbreviations)


@Language.factory("casewise_abbreviations")
def _make_abbreviations(nlp: Language, name: str) -> OnDemandAbbreviations:
    return OnDemandAbbreviations(nlp)


def defined_abbreviations(nlp: Language, doc: Doc) -> list[Span]:
    """The abbreviations ``doc`` defines, each short-form span with its ``._.long_form``."""
    component = nlp.get_pipe("casewise_abbreviations")
    assert isinstance(component, OnDemandAbbreviations)
    return component.find(doc)


@Language.factory("casewise_sentences")
def _make_sentences(nlp: Language, name: str) -> Any:
    return line_sentence_starts


@Language.factory("casewise_sections")
def _make_sections(nlp: Language, name: str) -> Any:
    rules = load_rulebook()

    def sections(doc: Doc) -> Doc:
        doc._.sections = find_sections(_text(doc), rules.sections.sections)
        return doc

    return sections


@Language.factory("casewise_mentions")
def _make_mentions(nlp: Language, name: str) -> Any:
    rules = load_rulebook()

    def mentions(doc: Doc) -> Doc:
        # same length: offsets hold. A trial's criteria are blanked: what she must have, not has
        text = mask_criteria(repair_ocr(_text(doc), rules), doc._.sections)
        doc.user_data["casewise_repaired"] = text  # findings read results ("n0t detected") from it too
        found = find_mentions(text, rules)
        bounds = sentence_bounds(doc)
        doc.user_data["casewise_sentences"] = bounds
        starts = [b[0] for b in bounds]
        spans = []
        for m in found:
            k = bisect.bisect_right(starts, m.start) - 1
            if k < 0 or m.end > bounds[k][1]:
                continue  # a mention across a sentence break is not one
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                s0 = bounds[k][0]
                local = replace(m, start=m.start - s0, end=m.end - s0)
                spans.append((Span(doc, span.start, span.end, label=m.gene.symbol), local))
        doc.spans[MENTIONS_KEY] = [s for s, _ in spans]
        doc.user_data["casewise_mentions"] = [m for _, m in spans]
        return doc

    return mentions


@Language.factory("casewise_context")
def _make_context(nlp: Language, name: str) -> Any:
    context = ConText(nlp, name=name, rules=None, input_span_type="group", span_group_name=MENTIONS_KEY)
    context.add(context_rules(load_rulebook()))

    def context_of_mentions(doc: Doc) -> Doc:
        """medspaCy ConText on the gene mentions (negated, historical, family ...). A doc that names
        no gene has nothing for it to mark, so its matcher is not run over it (three TCGA reports
        in four name none; ConText was ~5% of a report's time)."""
        return context(doc) if doc.spans[MENTIONS_KEY] else doc

    return context_of_mentions


def _flags(span: Span) -> Flags:
    flags = Flags()
    for mod in span._.modifiers:
        attr = _CATEGORY.get(mod.category)
        if attr:
            setattr(flags, attr, True)
            flags.rule_ids.append(str((mod.rule.metadata or {}).get("id", mod.category)))
            if attr == "negated":
                flags.negation_at.append(span.doc[mod.modifier_span[0]].idx)
    return flags


@Language.factory("casewise_findings")
def _make_findings(nlp: Language, name: str) -> Any:
    rules = load_rulebook()

    def findings(doc: Doc) -> Doc:
        spans = list(doc.spans[MENTIONS_KEY])
        mentions = doc.user_data.get("casewise_mentions", [])
        biomarkers, treatments, procedures = [], [], []
        k = 0
        heading: _Heading | None = None
        full = str(doc.user_data.get("casewise_repaired", _text(doc)))
        hits = treatment_word_positions(full, rules)
        sections = []
        plain = ""  # the sentence before when it named no gene ("No gene fusions detected.")
        asked: _Asked | None = None  # the sentence before when it named one gene and no result
        grid: Grid | None = None  # the class-per-column grid whose rows these are (class_grid.py)
        control: tuple[int, int] | None = None  # a stain table's control column (control_column.py)
        last: list[Any] = []  # the findings of the sentence before, and where its text ended
        last_end: int | None = None
        addenda = addendum_spans(full, doc._.sections)
        whole = str(doc.user_data.get(DOCUMENT_TEXT_KEY, full))  # "no other ... found" on page 1
        required: dict[re.Pattern[str], bool] = {}  # each section's ``requires``, searched once per doc
        clonal = may_match(_CLONAL_HAEMATOPOIESIS, fold(full))  # searched per sentence only if it may be
        for s0, s1 in doc.user_data["casewise_sentences"]:
            section = section_at(doc._.sections, s0)
            sections.append(section)
            if section is not None and (req := section.requires_regex) is not None:
                if req not in required:
                    required[req] = req.search(whole) is not None
                if not required[req]:
                    section = None  # "Genes analyzed:" lists negatives only where "no other ... identified"
            mine, flags = [], []
            while k < len(spans) and spans[k].start_char < s1:
                m = mentions[k]
                mine.append(m)
                flags.append(_flags(spans[k]))
                k += 1
            text = full[s0:s1]
            if not text.strip():
                continue  # a blank line between a gene's sentence and its result sentence joins nothing
            grid = grid_heading(text) or (grid if grid is not None and "|" in text else None)
            control = control_heading(text) or (control if control is not None and "|" in text else None)
            if control is not None and mine:  # "PMS2 | Loss in tumour | Intact": the control cell is not hers
                text = mask_control(text, control, [(m.start - s0, m.end - s0) for m in mine])
            gridded = grid_row(grid, text, s0, mine, flags) if grid is not None and mine else None
            if gridded is not None:
                here = gridded  # "BRAF | ND | ND | -": one result per class column
            else:
                here = sentence_findings(text, s0, mine, flags, section, rules, plain) if mine else []
            if here:  # "Germline results (hereditary panel)" over its negatives: germline ones
                here = with_heading_origin(here, heading_line(doc._.sections, s0, full))
            if here and any(a0 <= s0 < a1 for a0, a1 in addenda):  # see merge.ADDENDUM
                here = [replace(f, rule_id=f"{f.rule_id}+{ADDENDUM}") for f in here]
            plain = "" if mine else text
            if clonal and (ch := _CLONAL_HAEMATOPOIESIS.search(text)) is not None:
                # "DNMT3A p.R882H ... This pattern is most consistent with clonal haematopoiesis and is not
                # tumour-derived": the blood's own variant, not the cancer's (this sentence's genes, or the
                # sentence just before it in the same paragraph)
                lo = max(text.rfind(";", 0, ch.start()), text.rfind(". ", 0, ch.start())) + 1
                own = [
                    f for f in here if s0 + lo <= f.start
                ]  # "KRAS G12D; a TET2 variant reflects CH": TET2's
                # "a TET2 variant at 0.8%; its pattern is characteristic of CH": this sentence's, before
                # the sentence before it
                before = last if last_end is not None and "\n\n" not in full[last_end:s0] else []
                said = own or here or before
                biomarkers = [f for f in biomarkers if not _blood_variant(f, said)]
                here = [f for f in here if not _blood_variant(f, said)]
            last, last_end = here, s0 + len(text.rstrip())
            biomarkers += here
            heading, late = _heading_result(heading, text, s0, mine, flags, section, bool(here), rules)
            biomarkers += late
            biomarkers += _follow_up(asked, text, s0, mine, rules)
            asked = (s0, text, mine, flags, section) if mine and not here else None
            i = bisect.bisect_left(hits, s0)
            if i < len(hits) and hits[i] < s1:
                hypothetical = bool(HYPOTHETICAL.search(text))
                taken_back = TAKEN_BACK.match(full, s1) is not None  # "docetaxel? NO sorry that was Len"
                treatments += sentence_treatments(
                    text, s0, section, rules, hypothetical, taken_back=taken_back
                )
                procedures += sentence_procedures(text, s0, section, rules, hypothetical)
        if treatments or hits:  # "Best response PR. PD 3/2025.": outcomes stated after the drug's sentence
            link_item_outcomes(full, doc.user_data["casewise_sentences"], sections, treatments, rules)
        biomarkers = below_detection(full, biomarkers, [s.start_char for s in spans])  # "L858R*"
        biomarkers = _without_reclassified_vus(biomarkers)
        biomarkers = without_older_entries(full, biomarkers)  # a copy-forward history's older entry
        biomarkers = without_restated_history(full, biomarkers, whole)  # "IDC 2019 (ER/PR+)"
        doc._.biomarker_findings = without_listed_restatements(biomarkers, lambda f: f.listed_only)
        doc._.treatment_findings = treatments
        doc._.procedure_findings = procedures
        return doc

    return findings


# "ADDENDUM 1 (2025-04-16) - POLE SEQUENCING", "Addendum #2:", "AMENDMENT NOTE (03/21/2025)": a
# heading that opens results written after the report; it runs to the next heading or ruled line
_ADDENDUM_HEAD = re.compile(
    r"^[ \t*=#>-]*(?:addendum|amendment)\b(?![ \t]*(?:#?\d+[ \t]*)?(?:signed|issued|by|date)\b)[^\n]{0,120}$",
    re.IGNORECASE | re.MULTILINE,
)
_RULED_LINE = re.compile(r"^[ \t]*[=_*-]{5,}[ \t]*$", re.MULTILINE)


def addendum_spans(text: str, sections: list[Any]) -> list[tuple[int, int]]:
    """Where the addenda of a report are: each from its heading to the next section heading or
    ruled line ("=====")."""
    spans = []
    for head in _ADDENDUM_HEAD.finditer(text):
        ends = [s.start for s in sections if s.start > head.end()]
        ends += [m.start() for m in (_RULED_LINE.search(text, head.end()),) if m]
        spans.append((head.start(), min(ends, default=len(text))))
    return spans


def _without_reclassified_vus(findings: list[Any]) -> list[Any]:
    """A VUS row of a gene the document also reports as reclassified ("PALB2 VUS ... lab letter:
    PALB2 VUS reclassified as likely benign") is the value the reclassification replaced."""
    moved = {(f.gene, f.alteration) for f in findings if RECLASSIFIED_ID in f.rule_id.split("+")}
    if not moved:
        return findings
    return [
        f
        for f in findings
        if not (f.status == "uncertain" and (f.gene, f.alteration) in moved)
        or RECLASSIFIED_ID in f.rule_id.split("+")
    ]


# "RET rearrangement by FISH:" ... method text ... "Result: NEGATIVE (4% of nuclei)"
_RESULT_LINE = re.compile(
    r"\s*(?:final )?(?:result|interpretation)s?\s*:\s*(\S.*)", re.IGNORECASE | re.DOTALL
)
# the first line under a heading that opens on a bare result word ("ALK (D5F3) IHC:\n  NEGATIVE in
# tumour cells"); never a control's ("Positive and negative controls reacted appropriately")
_BARE_RESULT = re.compile(
    r"\s*((?:positive|negative|equivocal|indeterminate|inconclusive|(?:not )?detected)\b"
    r"(?![ \t]+(?:and[ \t]+(?:positive|negative)[ \t]+)?controls?\b).*)",
    re.IGNORECASE | re.DOTALL,
)
_Heading = tuple[int, str, Mention, Flags, Any, int]


def _heading_result(
    heading: _Heading | None,
    text: str,
    s0: int,
    mine: list[Mention],
    flags: list[Flags],
    section: Any,
    found: bool,
    rules: Any,
) -> tuple[_Heading | None, list[Any]]:
    """A gene heading with no result ("RET rearrangement by FISH:") takes the first gene-less
    "Result: ..." line within four sentences; sentences on the same gene that state nothing
    (method text) may come between. Returns the heading still open and any finding made."""
    if len(mine) == 1 and not found and mine[0].standalone is None and text.rstrip().endswith(":"):
        return (s0, text.rstrip(), mine[0], flags[0], section, 0), []
    if heading is None or found or any(m.gene.symbol != heading[2].gene.symbol for m in mine):
        return None, []
    r = _RESULT_LINE.match(text) or (_BARE_RESULT.match(text) if heading[5] == 0 else None)
    if not mine and r is not None:
        h0, htext, m, flag, sec, _ = heading
        made = sentence_findings(f"{htext} {r.group(1)}", h0, [m], [flag], sec, rules)
        span = (h0, s0 + len(text.rstrip()))  # evidence: the heading through the result line
        return None, [replace(f, sentence=span, rule_id=f.rule_id + "+heading_result") for f in made]
    return ((*heading[:5], heading[5] + 1) if heading[5] < 3 else None), []


# "We also looked at a protein called PD-L1. The result came back as 'not assessable'.": a sentence
# that names no gene and opens on the result of the one the sentence before named, or has a clause
# that does ("The laboratory's range is 8-12%; the result is equivocal.")
_FOLLOW_UP = re.compile(
    r"(?:^|(?<=;))\s*"
    r"(?:(?:yours|your (?:result|score|level|test)|the (?:result|score|test result|test)|this|it)\s+"
    r"(?:was|is|were|are|came back|has come back|showed|shows)\b"
    r"|(?:result|tumou?r proportion score(?:\s*\(TPS\))?|combined positive score(?:\s*\(CPS\))?|TPS|CPS)"
    r"\s*:)",
    re.IGNORECASE,
)
_Asked = tuple[int, str, list[Mention], list[Flags], Any]
# stated as the finding's explanation, not as a possibility ("CH cannot be excluded" keeps the variant)
_CLONAL_HAEMATOPOIESIS = re.compile(
    r"\b(?:consistent with|attributed to|represents?|reflects?|due to|likely|favou?rs?|characteristic of|"
    r"typical of|suggestive of|indicative of|in keeping with)\s+(?:an?\s+)?"
    r"(?:\w+\s+){0,2}?clonal\s+ha?ematopoiesis\b|\bnot\s+(?:considered\s+)?tumou?r[- ]derived\b",
    re.IGNORECASE,
)


def _blood_variant(finding: Any, said: list[Any]) -> bool:
    return (
        any(finding is f for f in said) and finding.alteration == "mutation" and finding.status == "positive"
    )


def _follow_up(asked: _Asked | None, text: str, s0: int, mine: list[Mention], rules: Any) -> list[Any]:
    """Findings of a sentence that named genes and no result, read with the gene-less sentence right
    after it when that opens on "Yours was" / "The result came back" (lay letters, clinic notes) or a
    result label ("RESULT: insufficient for NGS", "Tumour Proportion Score (TPS): 60%"). Several genes
    share a negative or failed result; a bare "positive" does not say which of them was found."""
    if asked is None or mine or (hit := _FOLLOW_UP.search(text)) is None:
        return []
    a0, atext, genes, flags, section = asked
    said = text[hit.start() :].split(";")[0]  # the result clause alone, not the words before it
    joined = f"{atext.rstrip().rstrip('.:')}: {said}"  # one clause: a full stop would end the gene's words
    made = sentence_findings(joined, a0, genes, flags, section, rules)
    if len(genes) > 1:
        made = [f for f in made if f.status != "positive"]
    span = (a0, s0 + len(text.rstrip()))
    return [replace(f, sentence=span, rule_id=f.rule_id + "+follow_up") for f in made]


def context_rules(rules: Rulebook) -> list[ConTextRule]:
    return [
        ConTextRule(r.literal, r.category, direction=r.direction, pattern=r.pattern, metadata={"id": r.id})
        for r in rules.context.context_rules
    ]


def build_nlp(model: str = "blank") -> Language:
    """The casewise pipeline on top of ``model`` ("blank" = scispaCy tokenizer on a blank English)."""
    register_extensions()
    if model == "blank":
        nlp = spacy.blank("en")
        nlp.tokenizer = combined_rule_tokenizer(nlp)
    else:
        nlp = spacy.load(model, exclude=["ner", "lemmatizer"])
    for pipe in (
        "casewise_sections",
        "casewise_mentions",
        "medspacy_context",
        "casewise_context",
        "casewise_findings",
    ):
        if pipe in nlp.pipe_names:
            nlp.remove_pipe(pipe)
    if (
        "parser" not in nlp.pipe_names
        and "senter" not in nlp.pipe_names
        and "sentencizer" not in nlp.pipe_names
    ):
        nlp.add_pipe("sentencizer")
    if "casewise_sentences" not in nlp.pipe_names:
        # Before a parser (which then keeps these breaks); spaCy refuses sentence edits after one.
        nlp.add_pipe("casewise_sentences", before="parser" if "parser" in nlp.pipe_names else None)
    if "casewise_abbreviations" not in nlp.pipe_names:
        nlp.add_pipe("casewise_abbreviations")
    nlp.add_pipe("casewise_sections")
    nlp.add_pipe("casewise_mentions")
    nlp.add_pipe("casewise_context")
    nlp.add_pipe("casewise_findings")
    return nlp
