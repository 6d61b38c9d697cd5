"""Gene and marker mentions in text: lexicon symbols and aliases, fusions (CD74-ROS1, EZR::ROS1),
stand-alone signatures (MSI-H, dMMR), karyotype and FISH notation (t(4;14), del(17p)), with OCR
repair where it is safe and abstention where it is not (``EGFR3`` is FGFR3 or garbage, so nothing
is read from it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casewise_extractor.nlp.alternation import literal_alternation
from casewise_extractor.nlp.regex_gate import fold, gated_finditer, may_match
from casewise_extractor.nlp.rulebook import CytogeneticRule, GeneEntry, Rulebook, StandaloneRule
from casewise_extractor.nlp.variants import BARE_P, HGVS_P, normalise_protein

_STRICT_TAIL = re.compile(
    # "ER/PR:", "ER and PR:": receptors that share the result after them
    r"(?:\s*(?:/|&|\band\b)\s*(?:PR|ER|PgR|HER2|AR))*\s*(?:\([^)]{0,30}\))?\s*(?:status|expression|receptor)?\s*[:\-=]?\s*"
    # "| IHC |", "| IHC (SP1) |": the method column of a stain table
    r"(?:\|\s*(?:IHC|protein|nuclear|immunohistochemistry)\s*(?:\([^)|]{0,20}\)\s*)?)*"
    # "EMA | E29 | Focal ...": the clone column of a stain table (letters and a digit: E29, GP1.4, 1F5)
    r"(?:\|\s*(?:clone\s+)?(?=[\w.-]{0,10}\d)(?=[\w.-]{0,10}[A-Za-z])[A-Za-z0-9][\w.-]{1,10}\s*(?=\|))?\|?\s*"
    r"(?:(?:amplifi\w*|mutat\w*|fusion|copy number \w+)\s*[-:|]?\s*)?"
    # ("FH: negative for cancer" is family history: a result "for" something is not a stain result)
    r"(?:(?:positive|negative)(?!\s+for\b)|pos\b|neg\b|\+|\(?<?\s*\d{1,3}\s*%|equivocal|weak|strong|moderate|"
    r"focal|diffuse|patchy|"
    r"low\b|high\b|"
    r"not detected|detected|retained|lost)"
    # a genomic row names the event itself: "AR | Amplification | -", "AR   amplification", "AR T878A"
    r"|\s*(?:\||:|\s{2,}|\s)\s*(?:amplifi\w*|mutat\w*|fusion|rearrange\w*|copy number (?:gain|loss)|"
    r"(?-i:[A-Z]\d{2,4}[A-Z])\b|p\.\s?[A-Z])"
    # a stain table's symbol cell: "Insulin | ✗ |", "Gastrin | − |", after a source column ("MAL | N | - |")
    r"|\s*(?:\|\s*(?-i:[A-Z]{1,3}(?:\s*[+&/]\s*[A-Z]{1,3})*)\s*)?\|\s*[\u2713\u2714\u2717\u2718\u2212+-]\s*(?:\||$)"
    # a spaced or dotted panel line's lone sign: "CD8        -", "Calcitonin ...... -  (medullary)"
    r"|(?:[ \t]{2,}|[ \t]*\.{3,}[ \t]*)[\u2212\u2013+-](?=[ \t]*(?:\(|$))",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    gene: GeneEntry
    rule_id: str
    fusion: str | None = None  # "CD74::ROS1"
    standalone: StandaloneRule | None = None
    variant: str | None = None  # a second variant of the gene before it: "EGFR L858R and T790M"
    cytogenetic: CytogeneticRule | None = None  # "t(4;14)": the class and detail come from the rule


@dataclass(frozen=True)
class Lexicon:
    by_alias_cs: dict[str, GeneEntry]
    by_alias_ci: dict[str, GeneEntry]
    strict: frozenset[str]
    regex_cs: re.Pattern[str]
    regex_ci: re.Pattern[str]
    by_symbol: dict[str, GeneEntry]


def _alternation(names: list[str], flags: int = 0) -> str:
    return literal_alternation(sorted(names, key=len, reverse=True), flags)


_LEXICONS: dict[int, Lexicon] = {}


def _case_free(name: str) -> bool:
    """Words and phrases ("desmin", "estrogen receptor") match in any case; symbols ("ER") only as written."""
    return " " in name or (name.replace("-", "").isalpha() and name.islower()) or len(name) > 12


def build_lexicon(rules: Rulebook) -> Lexicon:
    """The compiled lexicon for ``rules`` (built once per rulebook object)."""
    if id(rules) in _LEXICONS:
        return _LEXICONS[id(rules)]
    cs: dict[str, GeneEntry] = {}
    ci: dict[str, GeneEntry] = {}
    strict: set[str] = set()
    for g in rules.biomarkers.genes:
        for name in [g.symbol, *g.aliases, *g.isoform_aliases]:
            if _case_free(name):
                ci[name.lower()] = g
            else:
                cs[name] = g
        strict.update(name.lower() if _case_free(name) else name for name in g.strict_aliases)
    b = r"(?<![A-Za-z0-9])(?:{})(?![A-Za-z0-9])"
    lex = _LEXICONS[id(rules)] = Lexicon(
        by_alias_cs=cs,
        by_alias_ci=ci,
        strict=frozenset(strict),
        regex_cs=re.compile(b.format(_alternation(list(cs)))),
        regex_ci=re.compile(b.format(_alternation(list(ci), re.IGNORECASE)), re.IGNORECASE),
        by_symbol={g.symbol: g for g in rules.biomarkers.genes},
    )
    return lex


_FUSION = re.compile(
    r"(?<![A-Za-z0-9-])([A-Z][A-Z0-9]{1,8})\s?(::|-|–)\s?([A-Z][A-Z0-9]{1,8})(?![A-Za-z0-9])"
)
_PARTNERS = {"ABL": "ABL1"}
_EXON_FUSION = re.compile(
    r"(?<![A-Za-z0-9-])([A-Z][A-Z0-9]{1,8})\s+(?:exon|ex|intron)\s?\d{1,2}\s?(?:::|\u2013|-)\s?"
    r"([A-Z][A-Z0-9]{1,8})\s+(?:exon|ex|intron)\s?\d{1,2}(?![A-Za-z0-9])"
)
# "KRAS - BRAF - MET ex14 -", "EGFR L858R -\nALK -", "ALK- ROS1- PD-L1 80%": a dash with a space on
# either side parts shorthand results; it names a fusion only when a fusion word follows ("EML4 - ALK fusion")
_SPACED_DASH = re.compile(r"\s[-\u2013]|[-\u2013]\s")
_FUSION_WORD = re.compile(
    r"[^\S\n]*(?:\(|gene\s+)?(?:fusion|rearrange|translocation|transcript)", re.IGNORECASE
)


def repair_ocr(text: str, rules: Rulebook) -> str:
    """Same-length repairs of known OCR confusions (offsets are unchanged): a wrong form longer than
    its symbol ("MSH2z2") is padded with spaces."""
    folded = fold(text)
    for char in rules.ocr.fix_chars:
        if not may_match(char.regex, folded):
            continue  # the fix's words are not in the text (see regex_gate)
        fixed = char.regex.sub(char.right, text)
        if fixed != text:  # a fix may make another's words: the later gates read the fixed text
            text, folded = fixed, fold(fixed)
    for fix in rules.ocr.fix_gene:
        if fix.wrong in text:
            right = fix.right.ljust(len(fix.wrong))
            text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(fix.wrong)}(?![A-Za-z0-9])", right, text)
    return text


def find_mentions(text: str, rules: Rulebook) -> list[Mention]:
    """Non-overlapping mentions in reading order. ``text`` must be OCR-repaired already."""
    lex = build_lexicon(rules)
    folded = fold(text)  # most rules cannot match most reports: regex_gate skips them cheaply
    blocked = [(m.start(), m.end()) for r in rules.ocr.abstain for m in gated_finditer(r.regex, text, folded)]
    found: list[Mention] = []
    loose: list[Mention] = []  # strict names without a result after them: kept only inside a gene list
    for rule in rules.biomarkers.standalone:
        for m in gated_finditer(rule.regex, text, folded):
            found.append(Mention(m.start(), m.end(), lex.by_symbol[rule.gene], rule.id, standalone=rule))
    for cyto in rules.biomarkers.cytogenetic:
        for m in gated_finditer(cyto.regex, text, folded):
            gene = lex.by_symbol[cyto.gene]
            found.append(Mention(m.start(), m.end(), gene, cyto.id, cytogenetic=cyto))
    at = 0
    while (fm := _FUSION.search(text, at)) is not None:
        # a pair that is no fusion gives its right-hand name back: "POSITIVE - ETV6::NTRK3"
        at = fm.start(3)
        left, sep, right = fm.group(1), fm.group(2), fm.group(3)
        left, right = _PARTNERS.get(left, left), _PARTNERS.get(right, right)
        gl, gr = lex.by_symbol.get(left), lex.by_symbol.get(right)
        driver = gr if gr and gr.fusion_driver else gl if gl and gl.fusion_driver else None
        if driver is None or (sep != "::" and not (gl and gr) and not re.search(r"\d", left + right)):
            continue
        if _SPACED_DASH.search(fm.group(0)) and not _FUSION_WORD.match(text, fm.end()):
            continue
        if sep != "::" and _paralogs(left, right):
            continue  # "NTRK1-NTRK3 fusions": a range of paralogs, not a fusion of two of them
        at = fm.end()
        found.append(Mention(fm.start(), fm.end(), driver, driver.id + "+fusion", fusion=f"{left}::{right}"))
    for m in _EXON_FUSION.finditer(text):  # "CD74 exon 6 :: ROS1 exon 34": the breakpoints name the fusion
        gl, gr = lex.by_symbol.get(m.group(1)), lex.by_symbol.get(m.group(2))
        driver = gr if gr and gr.fusion_driver else gl if gl and gl.fusion_driver else None
        if driver is not None and gl is not None and gr is not None and gl is not gr:
            fusion = f"{m.group(1)}::{m.group(2)}"
            found.append(Mention(m.start(), m.end(), driver, driver.id + "+fusion", fusion=fusion))
    for regex, table, ci in ((lex.regex_cs, lex.by_alias_cs, False), (lex.regex_ci, lex.by_alias_ci, True)):
        for m in regex.finditer(text):
            name = m.group(0)
            gene = table[name.lower() if ci else name]
            if (name.lower() if ci else name) in lex.strict and not _STRICT_TAIL.match(text, m.end()):
                loose.append(Mention(m.start(), m.end(), gene, gene.id + "+gene_list"))
                continue
            found.append(Mention(m.start(), m.end(), gene, gene.id))
    found += _list_members(text, found, loose)
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Mention] = []
    molecular_response: bool | None = None  # searched for at the first "MMR" only
    for mention in found:
        if any(s < mention.end and mention.start < e for s, e in blocked):
            continue
        if text[mention.start : mention.end] == "MMR":
            if molecular_response is None:
                molecular_response = bool(_MOLECULAR_RESPONSE.search(text))
            if molecular_response:
                continue  # BCR::ABL1 monitoring: MMR is "major molecular response", not mismatch repair
        if out and mention.start < out[-1].end:
            continue
        if not (mention.gene.fusion_driver or mention.fusion) and _AFTER_FUSION_SIGN.search(
            text[max(0, mention.start - 12) : mention.start]
        ):
            continue  # "EWSR1 (exon 7)::FLI1": the partner of a fusion reported on its driver, no finding
        out.append(mention)
    out = _without_bracketed_synonyms(text, _without_partner_echoes(text, _absorb_partners(text, out)))
    out = _with_variant_lists(text, _with_slash_siblings(text, [*out, *_family_lists(text, lex)], lex))
    return _with_method_clauses(text, out)


_AFTER_FUSION_SIGN = re.compile(r"::[ \t]*$")
_MOLECULAR_RESPONSE = re.compile(
    r"\bBCR::?ABL1?\b|\bBCR-ABL1?\b|\bmolecular response\b|\bMR[345](?:\.5)?\b|International Scale",
    re.IGNORECASE,
)
_OPEN_BRACKET = re.compile(r"\s*\(\s*")
_CLOSE_BRACKET = re.compile(r"\s*\)")


def _without_bracketed_synonyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "CD117 (KIT) positive" names one stain twice: one mention, and the protein's name decides
    what was measured (CD117 is the stain; a bare "KIT positive" outside a stain table would read
    as a mutation)."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.gene.symbol == m.gene.symbol
            and not (prev.fusion or m.fusion or prev.standalone or m.standalone)
            and _OPEN_BRACKET.fullmatch(text, prev.end, m.start)
            and _CLOSE_BRACKET.match(text, m.end)
        ):
            if (
                text[m.start : m.end] in m.gene.protein_aliases
                and text[prev.start : prev.end] not in m.gene.protein_aliases
            ):
                out[-1] = m
            continue
        out.append(m)
    return out


# what joins two items of a gene list: "TSC2, MTOR or FH", "MSH6 and FH"
_GENE_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+|\s*/\s*)")


def _list_members(text: str, found: list[Mention], loose: list[Mention]) -> list[Mention]:
    """Strict names ("FH", "AR") that are items of a list of sequenced genes: right after another
    gene's name, joined by a comma, "and" or "or" ("no alterations in SETD2, MTOR or FH"). Alone,
    "FH" is more often family history, so a strict name needs a result after it or this list."""
    if not loose:
        return []
    genes = sorted(
        (m for m in found if m.gene.kind == "gene" and not m.standalone and not m.cytogenetic),
        key=lambda m: m.end,
    )
    ends = {m.end: m for m in genes}
    out: list[Mention] = []
    for m in loose:
        if m.gene.kind != "gene":
            continue
        before = text[max(0, m.start - 8) : m.start]
        for cut in range(len(before)):
            if _GENE_LIST_GLUE.fullmatch(before[cut:]) and (m.start - len(before) + cut) in ends:
                out.append(m)
                break
    return out


# "ROS1 equivocal by IHC with FISH pending", "ROS1 - (IHC) -> FISH neg": a second test of the same
# gene with its own result
_SECOND_METHOD = re.compile(
    r"[^.;\n]{0,40}?(?:\b(?:by|on|via)\s+(?:IHC|immunohistochemistry)\b[^.;]{0,15}?"
    r"(?:\bwith\b|\band\b|\bbut\b|,)\s+|\(\s*(?:IHC|immunohistochemistry)\b[^()\n]{0,15}\)\s*(?:->|\u2192|=>)\s*)"
    r"(?:an?\s+|the\s+)?(?:reflex\s+|confirmatory\s+|break[- ]apart\s+)?"
    r"(?P<method>FISH|ISH|NGS|RT-PCR|PCR)\b",
    re.IGNORECASE,
)


def _with_method_clauses(text: str, mentions: list[Mention]) -> list[Mention]:
    """A mention of the gene on the second test's name, so each test keeps its own result ("ROS1
    equivocal by IHC" is expression; "with FISH pending" is the fusion test, unknown). HER2 reads its
    IHC and ISH results together (her2.py)."""
    extra: list[Mention] = []
    for i, m in enumerate(mentions):
        if m.gene.kind != "gene" or m.gene.symbol == "ERBB2" or m.standalone or m.fusion or m.cytogenetic:
            continue
        stop = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        hit = _SECOND_METHOD.match(text, m.end, stop)
        if hit is not None:
            a, b = hit.span("method")
            extra.append(Mention(a, b, m.gene, m.gene.id + "+method_clause"))
    return sorted([*mentions, *extra], key=lambda x: x.start) if extra else mentions


# what may stand between a karyotype event and its genes: "t(4;14) IGH::FGFR3/NSD2", "1p32 (CDKN2C)"
_PARTNER_GAP = re.compile(r"[\s/():,-]*(?:IGH\s*(?:::|/|-)?\s*)?")


def _absorb_partners(text: str, mentions: list[Mention]) -> list[Mention]:
    """A karyotype event takes in the gene names that follow it and name the same event, so
    "No t(4;14) IGH::FGFR3/NSD2 or t(14;16) IGH::MAF" stays one list of two events (a gene left
    on its own there would read as a separate finding, or break the list that "No" heads)."""
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and last.cytogenetic is not None
            and m.gene.symbol in {last.gene.symbol, *last.cytogenetic.partners}
            and _PARTNER_GAP.fullmatch(text, last.end, m.start)
        ):
            out[-1] = Mention(last.start, m.end, last.gene, last.rule_id, cytogenetic=last.cytogenetic)
            continue
        out.append(m)
    return out


_BREAKPOINT = re.compile(r"\s*\(?\s*(?:exon|ex|intron)\s?\d", re.IGNORECASE)


def _without_partner_echoes(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a fusion's partner gene named again just after it on its line ("FGFR2::BICC1 fusion
    (FGFR2 exon 17 :: BICC1 exon 3)"): the breakpoints describe the driver's fusion, and the partner
    is no finding of its own (a fusion is reported on its driver, see ``fusion_driver``)."""
    out: list[Mention] = []
    partners: set[str] = set()
    driver = ""
    line_end = -1
    for m in mentions:
        if m.start > line_end:
            partners, driver = set(), ""
        if m.fusion:
            partners = set(m.fusion.split("::")) - {m.gene.symbol}
            driver = m.gene.symbol
            nl = text.find("\n", m.end, m.end + 120)
            line_end = nl if nl >= 0 else m.end + 120
        elif m.gene.symbol in partners and not m.gene.fusion_driver and not m.standalone:
            continue
        elif m.gene.symbol in {*partners, driver} and not m.standalone and _BREAKPOINT.match(text, m.end):
            continue  # "ETV6::NTRK3 | ETV6 (exon 5) | NTRK3 (exon 15)": the fusion's breakpoints
        out.append(m)
    return out


def _paralogs(left: str, right: str) -> bool:
    return left[:-1] == right[:-1] and left[-1:].isdigit() and right[-1:].isdigit() and left != right


# "NTRK 1, 2, 3", "NTRK1, 2 and 3", "NTRK 1-3", "NTRK1-NTRK3", and a bare "NTRK fusion"
_FAMILY = re.compile(
    r"(?<![A-Za-z0-9])(?P<stem>[A-Z]{3,5})\s?(?P<first>[1-4])(?P<rest>(?:\s*(?:,|/|&|\band\b|\bor\b|-|\u2013)"
    r"\s*(?:(?P=stem)\s?)?[1-4])+)(?![\w+%]|\.\d)"
    r"|(?<![A-Za-z0-9-])(?P<bare>NTRK)(?=\s*(?:gene\s*)?(?:fusions?|rearrangements?)\b)"
)
_FAMILY_ITEM = re.compile(r"(-|\u2013)?\s*(?:[A-Z]{3,5}\s?)?([1-4])")


def _family_lists(text: str, lex: Lexicon) -> list[Mention]:
    """One mention per paralog in a family list; all but the first read as "+range_sibling" (a
    positive on the list does not say which paralog it is, see findings.py)."""
    out: list[Mention] = []
    for m in _FAMILY.finditer(text):
        if m.group("bare"):
            # one character each ("N", "T", "RK"): mentions must not overlap
            spans = [(m.start(), m.start() + 1), (m.start() + 1, m.start() + 2), (m.start() + 2, m.end())]
            for (a, b), n in zip(spans, (1, 2, 3), strict=True):
                if (g := lex.by_symbol.get(f"NTRK{n}")) is not None:
                    out.append(Mention(a, b, g, g.id + "+range_sibling"))
            continue
        stem, last = m.group("stem"), int(m.group("first"))
        first = lex.by_symbol.get(f"{stem}{last}")
        if first is None:
            continue
        items = [(m.start(), m.end("first"), first, first.id + "+family_list")]
        for it in _FAMILY_ITEM.finditer(m.group("rest")):
            n, at = int(it.group(2)), m.start("rest") + it.start(2)
            mid = lex.by_symbol.get(f"{stem}{last + 1}") if it.group(1) and n - last == 2 else None
            if mid is not None:  # "1-3": the middle paralog on the dash
                dash = m.start("rest") + it.start(1)
                items.append((dash, dash + 1, mid, mid.id + "+range_sibling"))
            if (g := lex.by_symbol.get(f"{stem}{n}")) is not None and g is not first:
                items.append((at, at + 1, g, g.id + "+range_sibling"))
            last = n
        if len({g.symbol for _, _, g, _ in items}) > 1:
            out += [Mention(a, b, g, rule) for a, b, g, rule in items]
    return out


_SLASH_SIBLINGS = re.compile(r"(?:/([0-9A-Z]))")


def _with_slash_siblings(text: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """ "NTRK1/2/3", "BRCA1/2", "CDKN2A/B": one mention per sibling symbol, on its own character."""
    extra: list[Mention] = []
    for m in mentions:
        symbol = m.gene.symbol
        if m.standalone or m.fusion or text[m.start : m.end] != symbol:
            continue
        pos = m.end
        while (s := _SLASH_SIBLINGS.match(text, pos)) is not None:
            sibling = lex.by_symbol.get(symbol[:-1] + s.group(1))
            after = text[s.end() : s.end() + 1]
            if sibling is None or sibling is m.gene or (after.isalnum()):
                break
            extra.append(Mention(s.start(1), s.end(1), sibling, sibling.id + "+slash_sibling"))
            pos = s.end()
        extra += _range_siblings(text, m, lex)
    if not extra:
        return _distinct(mentions)
    return _distinct([*mentions, *extra])


def _distinct(mentions: list[Mention]) -> list[Mention]:
    """Reading order with overlaps dropped (a family list and a slash list can name one digit twice)."""
    ordered = sorted(mentions, key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Mention] = []
    for m in ordered:
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


_RANGE = re.compile(r"[-\u2013]([2-9])(?![\w.-])")


def _range_siblings(text: str, m: Mention, lex: Lexicon) -> list[Mention]:
    """ "NTRK1-3": NTRK2 on the dash, NTRK3 on the digit (a range of at most three symbols)."""
    symbol = m.gene.symbol
    r = _RANGE.match(text, m.end)
    if r is None or not symbol[-1].isdigit() or not 0 < int(r.group(1)) - int(symbol[-1]) <= 2:
        return []
    out: list[Mention] = []
    spans = [(r.start(), r.start() + 1), (r.start(1), r.end(1))][2 - (int(r.group(1)) - int(symbol[-1])) :]
    for n, (a, b) in zip(range(int(symbol[-1]) + 1, int(r.group(1)) + 1), spans, strict=True):
        if (sibling := lex.by_symbol.get(symbol[:-1] + str(n))) is not None:
            out.append(Mention(a, b, sibling, sibling.id + "+range_sibling"))
    return out


_VARIANT_GAP = re.compile(r"(?:,|\band\b|/|;)\s*(?:p\.\s?)?$")
# "ATM | NM_000051.4: c.6067G>A, p.(Gly2023Arg)": the transcript and cDNA of the variant the protein
# change then names - one variant in two notations, not a second variant listed
_OWN_NOTATION = re.compile(
    r"[\s|:,(]*(?:(?:NM|NR|XM|ENST)_?\d+(?:\.\d+)?\s*[:|,(]?\s*)?(?:c\.[^\s,;|()]+[\s,;|:()]*)?(?:p\.\s?)?"
)
_SENTENCE_BREAK = re.compile(r"\.\s|\n")


# "EGFR: L858R DETECTED. T790M NOT DETECTED.": a result sentence that names only the variant
# ("... exon 19 deletion. The T790M thing was NOT there": a writer's words for the same)
_CARRIED = re.compile(
    r"\.?[ \t]+(?:the[ \t]+)?(?:p\.\s?)?(?=(?-i:[A-Z]\d{1,4}[A-Z*])\b)(\S+)(?=[ \t]*:?[ \t]*"
    r"(?:(?:thing|one|mutation|variant|change)[ \t]+)?(?:(?:was|is|were)[ \t]+)?(?:not[ \t]+)?"
    r"(?:detected|identified|present|absent|negative|positive|found|there)\b)",
    re.IGNORECASE,
)


def _carried_results(text: str, m: Mention, at: int) -> list[Mention]:
    """Mentions for variant-only result sentences right after gene ``m``'s (same line, at most 3)."""
    out: list[Mention] = []
    for _ in range(3):
        hit = _CARRIED.match(text, at)
        if hit is None or (p := normalise_protein(hit.group(1))) is None:
            break
        out.append(Mention(hit.start(1), hit.end(1), m.gene, m.gene.id + "+carried_result", variant=p[0]))
        nxt = _SENTENCE_BREAK.search(text, hit.end(1))
        if nxt is None:
            break
        at = nxt.start()
    return out


# "(including T315I, E255K)", "such as G12C": examples of what a gene's clause covers
_EXAMPLES = re.compile(r"\b(?:including|incl\.?|such as|e\.g\.?|i\.e\.?|for example)\s", re.IGNORECASE)
_NEGATION = re.compile(r"\bno\b|\bnot\b|\bnone\b|\bnegative\b|\bwithout\b|\babsent\b", re.IGNORECASE)


def _sentence_before(text: str, at: int) -> str:
    """The words of the sentence before offset ``at`` (back to the last sentence break)."""
    breaks = [b.end() for b in _SENTENCE_BREAK.finditer(text, max(0, at - 200), at)]
    return text[breaks[-1] if breaks else max(0, at - 200) : at]


def _with_variant_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    """Add a mention for each further variant listed after a gene's first one (same sentence)."""
    extra: list[Mention] = []
    for i, m in enumerate(mentions):
        if m.gene.kind != "gene" or m.standalone or m.fusion or m.cytogenetic:
            continue
        stop = mentions[i + 1].start if i + 1 < len(mentions) else min(len(text), m.end + 120)
        window = text[m.end : stop]
        if (brk := _SENTENCE_BREAK.search(window)) is not None:
            extra += _carried_results(text, m, m.end + brk.start()) if brk.start() < 60 else []
            window = window[: brk.start()]
        hits = [*HGVS_P.finditer(window), *BARE_P.finditer(window)]
        hits.sort(key=lambda h: h.start())
        negated = _NEGATION.search(_sentence_before(text, m.start) + window) is not None
        own_first = hits and (hits[0].start() < 25 or _OWN_NOTATION.fullmatch(window[: hits[0].start()]))
        for h in hits[1:] if own_first else hits:
            if not _VARIANT_GAP.search(window[: h.start()]) or h.start() < 3:
                continue
            if negated and _EXAMPLES.search(window[: h.start()]):
                continue  # "No ABL1 mutations (including T315I, E255K)": what the "no" covered
            p = normalise_protein(h.group(0))
            if p is not None:
                start = m.end + h.start()
                extra.append(
                    Mention(start, m.end + h.end(), m.gene, m.gene.id + "+variant_list", variant=p[0])
                )
    if not extra:
        return mentions
    merged = sorted([*mentions, *extra], key=lambda x: x.start)
    return [x for j, x in enumerate(merged) if j == 0 or x.start >= merged[j - 1].end]
