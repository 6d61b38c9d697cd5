"""Alteration details and values read from the words next to a gene: HGVS protein changes in any
notation (p.G12C, p.Gly12Cys, G12C -> p.G12C), exon-level events, fusions, IHC scores, PD-L1,
ER/PR, TMB, VAF. Pure functions over a short text segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casewise_core.profile import AlterationClass

from casewise_extractor.nlp.her2 import read_her2
from casewise_extractor.nlp.sequencing_words import sequencing_regex

AA3 = {
    "Ala": "A", "Arg": "R", "Asn": "N", "Asp": "D", "Cys": "C", "Gln": "Q", "Glu": "E", "Gly": "G",
    "His": "H", "Ile": "I", "Leu": "L", "Lys": "K", "Met": "M", "Phe": "F", "Pro": "P", "Ser": "S",
    "Thr": "T", "Trp": "W", "Tyr": "Y", "Val": "V", "Ter": "*", "Xaa": "X",
}  # fmt: skip
_AA = "(?:" + "|".join(AA3) + "|[ACDEFGHIKLMNPQRSTVWY])"
_POS = r"(\d[\dOlI]{0,3}|[OlI]?\d[\dOlI]{0,2})"  # OCR: O->0, l/I->1 inside a position
_TAIL = (
    r"((?:"
    + _AA
    + r")?fs\*?\d*|del(?:ins[A-Za-z]+)?|dup|ins[A-Za-z]*|_"
    + _AA
    + r"\d+(?:del|dup|ins[A-Za-z]*|delins[A-Za-z]+)|=|\*|X|"
    + _AA
    + ")"
)
HGVS_P = re.compile(r"\bp\.\s?\(?" + "(" + _AA + ")" + _POS + _TAIL + r"\)?")
# "(?!/A8)": an antibody clone's name ("BCL6 | GI191E/A8 | +"), not a protein change and its alternative
BARE_P = re.compile(
    r"(?<![\w.])([ACDEFGHIKLMNPQRSTVWY])"
    + _POS
    + r"([ACDEFGHIKLMNPQRSTVWY*]|fs\*?\d*)(?![\w])(?!/[A-Za-z]\d(?!\d))"
)
EXON = re.compile(
    r"\bexon\s?(\d{1,2})\s*(deletions?|del\b|insertions?|ins\b|skipping|skip\b|duplications?|dup\b|"
    r"mutations?|alterations?|in-?frame deletion)|\bex(\d{1,2})\s?(del|ins|skip)\b|\bdel\s?(19)\b",
    re.IGNORECASE,
)
CDNA = re.compile(r"\bc\.[-*]?\d+[_+\-\d]*[ACGTacgt>delinsdup]+\w*")  # c.-124C>T: a promoter (5' UTR) variant
ITD = re.compile(r"\bITD\b|internal tandem duplication", re.IGNORECASE)
TKD = re.compile(r"\bTKD\b", re.IGNORECASE)
# copy-number call codes in a results table ("CDKN2A | HOMDEL", "GATA6 | AMP | 3.4"): "AMP" only as
# the call itself, first after the gene, since "AMP" elsewhere is the Association for Molecular Pathology
AMP = re.compile(
    r"\bamplifi(?:cation|ed)\b|\bcopy number (?:gain|amplification)\b|^[\s|:]*(?-i:AMP|Amp|amp)\b(?![/-])",
    re.IGNORECASE,
)
# "extra copies of the BCL2 signal", "MYC gain": a copy gain, the amplification class's test
# ("gain-of-function" names what a sequence variant does)
_COPY_GAIN = re.compile(
    r"\bextra\s+(?:[\w-]+\s+){0,2}?copies\b|(?<![\w-])gains?\b(?![- ]of[- ]function)", re.IGNORECASE
)
FUSION = re.compile(r"\bfusions?\b|\brearrange(?:ment|d)\b|\btranslocation\b|::", re.IGNORECASE)
# a break-apart probe detects only rearrangements: "MYC break-apart FISH" is a fusion test (a method,
# not a result, so it never makes a finding positive by itself)
# an exon-skipping transcript joins two exons of one gene ("exon 13::exon 15"): a splice-site mutation
_SKIPPING = re.compile(r"\bexon\s?\d{1,2}\s*(?:skipping|skip)\b|\bex\d{1,2}\s?skip\b", re.IGNORECASE)
# the junction itself, named alone after the gene ("MET ex13::ex15 transcript"): exons between skipped
_JUNCTION = re.compile(r"\bex(?:on)?\s?(\d{1,2})\s*::\s*ex(?:on)?\s?(\d{1,2})\b", re.IGNORECASE)
# a gene's sequencing result stated before a later cell names a fusion test ("KRAS | wild-type - no
# variant in exons 2-4 | triggered reflex RNA fusion testing"): the fusion words are the comment's
_WILD_TYPE_CELL = re.compile(
    r"\bwild[- ]?type\b|\bno (?:pathogenic )?(?:variants?|mutations?)\b", re.IGNORECASE
)
BREAK_APART = re.compile(r"\bbreak[- ]?apart\b", re.IGNORECASE)
# ("an in-frame deletion" is a sequence variant, a mutation, not a copy-number deletion)
DELETION = re.compile(
    r"(?<!in-frame )(?<!inframe )(?<!in frame )\b(?:homozygous |deep )?deletion\b|\bdeleted\b|\bHOMDEL\b"
    r"|\bdel/dup\b",
    re.IGNORECASE,
)
# a deletion named with its cDNA change ("a second BRCA1 deletion in cis, c.64_81del") is a sequence
# variant, a mutation; a copy-number deletion has no c. notation
_SMALL_DELETION = re.compile(r"\bc\.\d+[_+\-\d]*del", re.IGNORECASE)
_CODELETION = re.compile(r"\bco-?delet(?:ions?|ed)\b", re.IGNORECASE)
# a copy-number test named without its direction: what it looks for in a solid tumour is a gain
COPY_NUMBER = re.compile(r"\bcopy[- ]number\b|\bCNV?\b|\bCNA\b", re.IGNORECASE)
# "loss-of-function" names what a sequence variant does, and "loss of heterozygosity" / "wild-type
# allele lost" the second hit beside it: neither is a loss of the protein or gene
LOSS = re.compile(
    r"\bloss\b(?![- ]of[- ](?:function|heterozygosity|(?:the\s+)?(?:wild[- ]?type|WT|normal|other|"
    r"remaining|second)\s+(?:alleles?|copy)))|(?<!allele )(?<!alleles )\blost\b",
    re.IGNORECASE,
)
# a chromosome arm's loss beside the gene ("VHL mutation with 3p loss", "loss of chromosome 3p"): the
# second hit on the arm, not a loss read for the gene itself
_ARM_LOSS = re.compile(
    r"\b(?:chromosome\s+|chr\.?\s*)?(?:\d{1,2}|[XY])[pq](?:\d{1,2}(?:\.\d{1,2})?)?"
    r"(?:\s+(?:arm|copy[- ]number))?\s+loss\b"
    r"|\bloss\s+of\s+(?:(?:the\s+)?(?:short|long)\s+arm\s+of\s+)?(?:chromosome\s+|chr\.?\s*)?"
    r"(?:\d{1,2}|[XY])[pq]?\b",
    re.IGNORECASE,
)


def _gene_loss(segment: str) -> bool:
    """True when a loss word in ``segment`` is not a chromosome arm's."""
    arms = [m.span() for m in _ARM_LOSS.finditer(segment)]
    return any(not any(a <= m.start() < b for a, b in arms) for m in LOSS.finditer(segment))


EXPRESSION = re.compile(
    r"\bexpression\b|\bstain(?:s|ing|ed)?\b|\bIHC\b|\bTPS\b|\bCPS\b|\bH-?score\b|\b[0-3]\+|\d\s*%|\bnuclear\b",
    re.IGNORECASE,
)
MMR_WORDS = re.compile(
    r"\bintact\b|\blost\b|\bloss\b|\bretained\b|\bpreserved\b|\bexpression\b|\bstain(?:s|ing|ed)?\b|"
    r"\bIHC\b|\bimmunohisto\w*",
    re.IGNORECASE,
)
# rules/sequencing.json: an MMR segment names a sequence change (no IHC loss); a protein marker's
# row says the gene was sequenced (a mutation result)
_SEQUENCE_WORDS = sequencing_regex("sequence_change")
_SEQUENCED = sequencing_regex("sequenced")
# "SMAD4 loss (exons 1-12)", "CDKN2A loss, homozygous": a loss by copy number, which the report may
# also print as the gene's deletion (extractor.py keeps that one row); beside a stain word ("PTEN loss
# by IHC") the loss is the protein's
_COPY_NUMBER_LOSS = sequencing_regex("copy_number_loss")
COPY_NUMBER_LOSS = "seq.copy_number_loss"  # the rule id a finding carries for such a loss
_STAIN_WORDS = re.compile(r"\bIHC\b|\bimmuno\w*|\bstain\w*|\bexpression\b|\bnuclear\b", re.IGNORECASE)
GERMLINE = re.compile(r"\bgermline\b|\bhereditary\b|\bconstitutional\b", re.IGNORECASE)
# a germline origin only raised, or a test to settle it ("may be germline", "?germline", "germline
# testing recommended"): the variant's origin is not stated, so none is given (a patient told "germline"
# would read an inherited syndrome into a tumour result)
_GERMLINE_OPEN = re.compile(
    r"(?:\b(?:may|might|could|possibly|potentially|suspected|presumed|probably|likely)\s+(?:be\s+|represent\s+"
    r"(?:an?\s+)?|of\s+)?|\?\s*)(?:germline|hereditary|constitutional)\b"
    r"|\b(?:germline|constitutional)\s+(?:testing|confirmation|analysis|test|origin|follow-up)\s+(?:is\s+|was\s+)?"
    r"(?:recommended|advised|suggested|indicated|warranted|offered|to be considered|should be considered|"
    r"cannot be (?:excluded|ruled out))",
    re.IGNORECASE,
)
SOMATIC = re.compile(r"\bsomatic\b|\btumou?r[- ]only\b", re.IGNORECASE)
METHOD = re.compile(
    r"\b(IHC|immunohistochemi\w+|FISH|ISH|SISH|CISH|NGS|next[- ]generation sequencing|PCR|ddPCR|RT-PCR|"
    r"Sanger|ctDNA|liquid biopsy)\b",
    re.IGNORECASE,
)
# a second test the note says was not needed: "(HER2-neg, no reflex ISH needed)", "IHC 0, ISH not
# required", "no need for FISH": the test never ran, so it names neither the method nor the class
TEST_NOT_NEEDED = re.compile(
    r"\bno\s+need\s+(?:for|of)\s+(?:a\s+)?(?:reflex\s+)?(?:F|S|C|D)?ISH\b"
    r"|\bno\s+(?:reflex(?:ed)?\s+)?(?:F|S|C|D)?ISH\s+(?:was\s+|is\s+)?"
    r"(?:needed|required|indicated|necessary|warranted)\b"
    r"|\b(?:reflex(?:ed)?\s+)?(?:F|S|C|D)?ISH\s+(?:was\s+|is\s+)?(?:not|un)\s*"
    r"(?:needed|required|indicated|necessary|warranted)\b",
    re.IGNORECASE,
)
PERCENT = re.compile(r"((?:<|≤|\b(?:fewer|less) than|\bunder|\bbelow)\s*)?(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*%")
VAF = re.compile(
    r"\b(?:VAF|variant allele (?:frequency|fraction)|allele frequency|AF|MAF)\s*[:=]?\s*"
    r"(\d{1,3}(?:\.\d+)?)\s*%",
    re.IGNORECASE,
)
PDL1 = re.compile(
    r"\b(TPS|CPS|TC|IC|tumou?r proportion score|combined positive score)\b"
    r"[^%\d]{0,20}?(<\s*)?(\d{1,3})\s*(%)?",
    re.IGNORECASE,
)
# "PDL1 90 (22C3, TPS)" on a shorthand slip: a bare score right after the name, then only its label
PDL1_BARE = re.compile(
    r"^\s*[:=]?\s*(<\s*)?(\d{1,3})(?![\d.,/-])\s*(%)?(?=\s*(?:$|[(;,]|TPS\b|CPS\b))", re.IGNORECASE
)
TMB = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:mut(?:ation)?s?\s*/\s*Mb|muts/Mb|mutations per megabase)", re.IGNORECASE
)
# "low" read as the TMB result, not the sample's ("low coverage", "low tumour content")
TMB_LOW = re.compile(
    r"\blow\b(?!\s+(?:coverage|tumou?r|purity|input|quality|DNA|cellularity))(?!\s*\(?\s*(?:if|when)\b)",
    re.IGNORECASE,
)
# a cut-off beside the result, never the result: "High if >= 10 mutations/Mb", "Low (<10 mut/Mb)",
# "threshold of 10 mut/Mb" (a scan that moves the result's own unit to another line leaves only it)
_TMB_CUT_OFF = re.compile(
    r"(?:[<>\u2264\u2265]|\bat least|\b(?:more|greater|fewer|less|lower|higher) than|"
    r"\b(?:below|under|above|over)|"
    r"\b(?:cut-?off|threshold)(?:\s+(?:of|at|is))?)\s*=?\s*$",
    re.IGNORECASE,
)
# a higher cut-off stated right after a CPS: "CPS 5 (<10 ...)", "CPS 4, below the threshold of 10"
_BELOW_CUT_OFF = re.compile(
    r"\s*[(\[,;:\u2013-]?\s*(?:i\.e\.,?\s*|which is\s+)?(?:<|\u2264|below|under|less than|lower than)\s*"
    r"(?:(?:the|a)\s+)?(?:[\w-]+\s+){0,2}?(?:(?:cut-?off|threshold)\s+(?:of\s+)?)?(\d{1,3})\b(?!\s*%)",
    re.IGNORECASE,
)
_HLA_ALLELE = re.compile(r"\s?\*\s?(\d{2,3}(?::\d{2,3}){1,3})")
# the lab's own level right after the number; "(high if >= 10 ...)" is the scale, not a level
_TMB_LABEL = re.compile(
    r"\s*[(\[,;-]?\s*(?:TMB[- ])?(low|high)\b(?!\s*\(?\s*(?:if|when|whenever|(?:is\s+)?defined\s+as)\b)",
    re.IGNORECASE,
)
_METHOD_NAMES = {
    "immunohistochemistry": "IHC", "next-generation sequencing": "NGS", "next generation sequencing": "NGS",
    "liquid biopsy": "ctDNA", "ctdna": "ctDNA", "ddpcr": "ddPCR",
}  # fmt: skip


def _tmb_result(segment: str) -> re.Match[str] | None:
    """The first TMB number in ``segment`` that is the result, not a cut-off (``_TMB_CUT_OFF``)."""
    for m in TMB.finditer(segment):
        if not _TMB_CUT_OFF.search(segment, max(0, m.start() - 30), m.start()):
            return m
    return None


def _percent(m: re.Match[str]) -> tuple[str, str | None]:
    """ "95%" -> positive, "0%" and "<1%" -> negative (the 1% cut-off of ER/PR and PD-L1 TPS); "fewer
    than 30%" settles nothing by itself (CD38 in CLL is called at 30%): the words around it decide."""
    less, num = bool(m.group(1)), float(m.group(2))
    value = f"{'<' if less else ''}{m.group(2)}%"
    if num < 1 or (less and num <= 1):
        return value, "negative"
    return value, None if less else "positive"


# "CD23 dim partial (8% of the clonal B cells)": a flow antigen's share of the clone. Flow cytometry
# calls an antigen expressed on >= 20% of the population, so a smaller share is not expression
_CLONE_SHARE = re.compile(
    r"\s*(?:of|in)\s+(?:the\s+)?(?:mono)?(?:clonal|gated|(?:kappa|lambda)[- ]restricted)\s+"
    r"(?:(?:[BT]|NK|plasma)[- ]?)?(?:cells?|lymphocytes|population|events)\b",
    re.IGNORECASE,
)
_FLOW_CUT_OFF = 20.0


def _clone_share(segment: str, m: re.Match[str]) -> tuple[str, str | None]:
    """``_percent`` of a stain, except that a share of a flow clone below the flow cut-off is negative."""
    value, status = _percent(m)
    if _CLONE_SHARE.match(segment, m.end()) and not m.group(1) and float(m.group(2)) < _FLOW_CUT_OFF:
        return value, "negative"
    return value, status


def _pd_l1_score(label: str, less: bool, num: int) -> tuple[str, str]:
    """ "TPS 90%" -> positive, "TPS 0%" and "<1%" -> negative: PD-L1 is positive at >= 1 (TPS or CPS)."""
    unit = "%" if label != "CPS" else ""
    value = f"{label} {'<' if less else ''}{num}{unit}"
    return value, "negative" if (less and num <= 1) or num == 0 else "positive"


def _position(raw: str) -> str:
    return raw.replace("O", "0").replace("l", "1").replace("I", "1")


def normalise_protein(segment: str, allow_bare: bool = True) -> tuple[str, bool] | None:
    """First protein change in ``segment`` as one-letter HGVS (``p.G12C``); flag if OCR-repaired."""
    m = HGVS_P.search(segment) or (BARE_P.search(segment) if allow_bare else None)
    if m is None:
        return None
    ref, pos, alt = m.group(1), m.group(2), m.group(3)
    ref = AA3.get(ref, ref)
    if "fs" in alt and not alt.startswith("_"):
        alt = "fs"  # p.Ser1982Argfs*22 -> p.S1982fs
    elif alt in AA3:
        alt = AA3[alt]
    elif alt.startswith("_"):
        alt = re.sub("|".join(AA3), lambda a: AA3[a.group(0)], alt)
    fixed = _position(pos)
    return f"p.{ref}{fixed}{alt}", fixed != pos


@dataclass
class Detail:
    alteration: AlterationClass | None = None
    detail: str | None = None
    value: str | None = None
    origin: str | None = None
    method: str | None = None
    ocr_repaired: bool = False
    implied_status: str | None = None  # a value that decides the status (HER2 3+, TPS 0%)
    implied_decisive: bool = True  # False: the value only fills a silence (HER2 ISH groups 2-4)
    by_method: bool = False  # the class was inferred from the test (FISH), not read from a word
    junction: bool = False  # read from an exon-to-exon junction alone (a fusion's own exons, if it is one)
    copy_number: bool = False  # a "loss" qualified as copy number ("loss (exons 1-12)"), not a stain's


def read_detail(
    segment: str, kind: str, symbol: str, mmr: bool, sequencing: bool = False, context: str = ""
) -> Detail:
    """Alteration class, detail and value from the words that belong to one gene mention; ``context``
    (the sentence from the mention on) is read only for what HER2 ISH reports after a later mention."""
    d = Detail()
    segment = TEST_NOT_NEEDED.sub(lambda m: " " * len(m.group(0)), segment)
    context = TEST_NOT_NEEDED.sub(lambda m: " " * len(m.group(0)), context)
    if symbol.startswith("HLA-") and (allele := _HLA_ALLELE.match(segment)) is not None:
        d.detail = f"{symbol}*{allele.group(1)}"  # "HLA-A*02:01 positive": the allele typed
    germline = GERMLINE.search(_GERMLINE_OPEN.sub(lambda m: " " * len(m.group(0)), segment))
    somatic = SOMATIC.search(segment)
    if germline is not None and (somatic is None or germline.start() < somatic.start()):
        d.origin = "germline"
    elif somatic is not None:  # "R273C in ctDNA is somatic - no germline testing needed": the nearer word
        d.origin = "somatic"
    if (m := METHOD.search(segment)) is not None:
        name = m.group(1)
        d.method = _METHOD_NAMES.get(
            name.lower(), "IHC" if name.lower().startswith("immuno") else name.upper()
        )
    if kind == "signature":
        d.alteration = "signature"
        if symbol == "TMB" and (m := _tmb_result(segment)):
            d.value = f"{m.group(1)} mut/Mb"
            d.implied_status = "positive" if float(m.group(1)) >= 10 else "negative"
            label = _TMB_LABEL.match(segment, m.end())
            if label is not None and (label.group(1).lower() == "high") != (d.implied_status == "positive"):
                # "41 mut/Mb (low)": the number and the lab's own word disagree (an OCR'd "1" read as
                # "41"); neither is trusted, so no status is implied and only a stated word can decide
                d.implied_status = None
        elif symbol == "TMB" and TMB_LOW.search(segment):
            d.implied_status, d.implied_decisive = "negative", False  # "TMB: low", "Yours was low"
        return d
    if symbol == "CD274":
        d.alteration = "expression"
        if (m := PDL1.search(segment)) is not None:
            label = {"tumor proportion score": "TPS", "tumour proportion score": "TPS"}.get(
                m.group(1).lower(), m.group(1).upper()
            )
            label = "CPS" if label.lower() == "combined positive score" else label
            d.value, d.implied_status = _pd_l1_score(label, bool(m.group(2)), int(m.group(3)))
            cut = _BELOW_CUT_OFF.match(segment, m.end())
            if label == "CPS" and cut is not None and int(m.group(3)) < int(cut.group(1)):
                # "CPS 5 (<10: not eligible ...)": the note reads the score against the cut-off it names;
                # only fills a silence, a stated "positive (CPS >= 1)" stays
                d.implied_status, d.implied_decisive = "negative", False
        elif (m := PERCENT.search(segment)) is not None:
            d.value, d.implied_status = _percent(m)
        elif (m := PDL1_BARE.match(segment)) is not None and int(m.group(2)) <= 100:
            # TPS unless the line names CPS; the status is the same either way (positive at >= 1)
            label = "CPS" if re.search(r"\bCPS\b", segment, re.IGNORECASE) else "TPS"
            d.value, d.implied_status = _pd_l1_score(label, bool(m.group(1)), int(m.group(2)))
        return d
    if (
        mmr
        and not normalise_protein(segment)
        and (MMR_WORDS.search(segment) or not (sequencing or _SEQUENCE_WORDS.search(segment)))
    ):
        # MMR genes are reported by IHC (staining intact or lost) unless a sequence change is named
        d.alteration = "loss"
        d.method = d.method or "IHC"
        return d
    if symbol == "ERBB2" and (her2 := read_her2(segment, context or segment, d.method)) is not None:
        d.alteration, d.method, d.detail, d.value = her2.alteration, her2.method, her2.detail, her2.value  # type: ignore[assignment]
        d.implied_status, d.implied_decisive, d.by_method = her2.implied_status, her2.decisive, her2.by_method
        return d
    fusion = FUSION.search(segment)
    protein = HGVS_P.search(segment) or BARE_P.search(segment)
    if fusion is not None and protein is not None and protein.start() < fusion.start():
        fusion = None  # "TP53 R175H, no RNA fusions": the variant is the gene's; the fusion words are not
    wild = _WILD_TYPE_CELL.search(segment, 0, fusion.start()) if fusion is not None else None
    if fusion is not None and wild is not None and "|" in segment[wild.end() : fusion.start()]:
        fusion = None  # "KRAS | WILD-TYPE | reflex RNA fusion testing": the comment's test, not KRAS's
    skip = _SKIPPING.search(segment)
    if fusion is not None and skip is not None and skip.start() < fusion.start():
        fusion = None  # "MET exon 14 skipping (exon 13::exon 15 junction)": one gene's splice variant
    junction = _JUNCTION.search(segment)
    if (
        fusion is not None
        and junction is not None
        and junction.start() <= fusion.start() < junction.end()
        and int(junction.group(2)) > int(junction.group(1)) + 1
        and FUSION.search(segment, junction.end()) is None
    ):
        # "MET ex13::ex15 transcript": exon 13 joined to exon 15 of one gene, exon 14 skipped
        first, last = int(junction.group(1)) + 1, int(junction.group(2)) - 1
        skipped = f"{first}" if first == last else f"{first}-{last}"
        d.alteration, d.detail, d.junction = "mutation", f"exon {skipped} skipping", True
    elif fusion is not None:
        d.alteration = "fusion"
    elif (ex := EXON.search(segment)) is not None:
        exon = ex.group(1) or ex.group(3) or ex.group(5)
        word = (ex.group(2) or ex.group(4) or "deletion").lower()
        event = (
            "deletion" if word.startswith("del") or "deletion" in word
            else "insertion" if word.startswith("ins")
            else "skipping" if word.startswith("skip")
            else "duplication" if word.startswith("dup")
            else "mutation"
        )  # fmt: skip
        d.alteration, d.detail = "mutation", f"exon {exon} {event}"
    elif (p := normalise_protein(segment)) is not None:
        d.alteration, d.detail, d.ocr_repaired = "mutation", p[0], p[1]
    elif ITD.search(segment):
        d.alteration, d.detail = "mutation", "ITD"
    elif TKD.search(segment):
        d.alteration, d.detail = "mutation", "TKD"
    elif AMP.search(segment) or _COPY_GAIN.search(segment):
        d.alteration = "amplification"
    elif DELETION.search(segment) and not _SMALL_DELETION.search(segment):
        d.alteration = "deletion"
    elif kind == "gene" and _gene_loss(segment):
        d.alteration = "loss"
        d.copy_number = bool(_COPY_NUMBER_LOSS.search(segment)) and not _STAIN_WORDS.search(segment)
    elif COPY_NUMBER.search(segment) and not _CODELETION.search(segment):
        # "MYC (copy number): indeterminate": the CN test; "1p/19q | copy number | no codeletion" is
        # the arm-level deletion's test, which the marker's own class (deletion) already says
        d.alteration, d.by_method = "amplification", True
    elif (c := CDNA.search(segment)) is not None:
        d.alteration, d.detail = "mutation", c.group(0)
    elif kind == "ihc" and _SEQUENCED.search(segment):
        d.alteration = "mutation"  # "ESR1 | NGS | Wild Type": the gene, sequenced
    elif kind == "ihc" or (symbol in {"ESR1", "PGR", "AR"} and EXPRESSION.search(segment)):
        d.alteration = "expression"
        d.method = d.method or "IHC"
    elif EXPRESSION.search(segment) and kind == "gene" and re.search(r"\bIHC\b|\bstain", segment, re.I):
        d.alteration = "expression"
    if d.alteration is None and BREAK_APART.search(segment):
        d.alteration, d.by_method = "fusion", True
    if d.alteration is None and d.method in ("FISH", "ISH", "SISH", "CISH"):
        d.alteration, d.by_method = "amplification", True  # "EGFR FISH negative"
    # a HER2 percentage is the share of cells at a staining intensity, not a positive/negative cut-off
    if (
        d.alteration == "expression"
        and d.value is None
        and symbol != "ERBB2"
        and (m := PERCENT.search(segment))
    ):
        d.value, d.implied_status = _clone_share(segment, m)
    if d.alteration == "mutation" and (v := VAF.search(segment)):
        d.value = f"VAF {v.group(1)}%"
    elif (
        d.alteration == "mutation"
        and ("|" in segment or len(segment) < 40)
        and (pc := PERCENT.search(segment))
    ):
        d.value = f"VAF {pc.group(2)}%"  # a table row (gene | variant | VAF), with or without rules
    return d
