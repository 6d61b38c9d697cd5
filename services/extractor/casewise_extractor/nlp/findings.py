"""From mentions to biomarker findings: detail, value, status, context. Pure functions; the spaCy
component in pipeline.py only feeds sentences, sections and ConText flags in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from casewise_core.profile import AlterationClass, BiomarkerStatus

from casewise_extractor.nlp.coverage import coverage_results
from casewise_extractor.nlp.her2 import LABEL_RULE, ihc_alongside, label_word, with_level_words
from casewise_extractor.nlp.mentions import Mention
from casewise_extractor.nlp.rulebook import GeneEntry, Rulebook, SectionRule, StatusCue
from casewise_extractor.nlp.sequencing_words import sequencing_regex
from casewise_extractor.nlp.status import (
    GERMLINE_NOTE,
    RECLASSIFIED_ID,
    amended_cue,
    is_list_glue,
    reclassified,
    resolve_status,
    result_adjective,
    result_slot,
    segments,
    shorthand_cue,
    sign_cue,
    unknown_after_semicolon,
    variant_glue,
    without_leading_variant,
)
from casewise_extractor.nlp.variants import COPY_NUMBER_LOSS, GERMLINE, SOMATIC, read_detail

_SECTION_STATUS = {"negative_list": "negative", "uncertain_list": "uncertain", "tested_list": "negative"}
_COUNTED_BY = re.compile(r"\bblasts?\b[^.;|]{0,40}\b(?:on|by|with|per)\s*$", re.IGNORECASE)
_STAIN = re.compile(r"\s*(?:immuno)?(?:stain|histochem)", re.IGNORECASE)
_REQUESTED_FOR = re.compile(
    r"\b(?:request|order|sen[dt]\b|submitt|forward|reflex)\w*\b[^.;:|]{0,80}\bfor\b[^.;:|]*$"
    # "Requesting targetable alterations (IDH1, BRAF V600E, MSI-H)": the bracket lists what was asked for
    r"|\b(?:request(?:s|ed|ing)?|order(?:s|ed|ing)?)\b[^.;:|()]{0,60}\([^.;:|()]*$"
    # "lots of trial websites ask for \"MSI-H\"", "the study requires HER2-low": what a trial looks for
    r"|\b(?:trials?|studies|study|websites?|sites?)\b[^.;:|]{0,40}\b(?:ask(?:s|ed|ing)?|requir(?:e|es|ed|ing)|"
    r"need(?:s|ed)?|look(?:s|ing)?)(?:\s+for)?\s*[\"'\u201c]?\s*$",
    re.IGNORECASE,
)
# a stain named with its method right after it: "amplification" in the kit's name is the signal's
_IHC_KIT = re.compile(
    r"\s*(?:protein\s*)?[|(]?\s*(?:IHC|immunohistochem\w*|immunostain\w*)\s*\([^)]*\bamplif\w*[^)]*\)",
    re.IGNORECASE,
)
# "IHC: CD20+, CD10+, BCL2+, BCL6+": every item of a line that opens with a stain label is a stain
_STAIN_LINE = re.compile(
    r"\s*(?:IHC|immunohistochemistry|immunostains?|immunophenotype)\s*[:\-]", re.IGNORECASE
)
_IN_SITU = re.compile(r"\bEBER\b|\b(?:F|C|S|RNA[- ])?ISH\b|\bin[- ]situ\b", re.IGNORECASE)
_SEQUENCE_VARIANT = sequencing_regex("fusion_gene_sequenced")
_SERUM_BEFORE = re.compile(r"\b(?:serum|plasma|blood)\s*$", re.IGNORECASE)
# a stain's name that is also a blood test's, and the words of a blood level after it: "PSA high,
# rising", "CEA elevated" are serum levels; a stain reads "PSA: positive"
_SERUM_ANALYTE = re.compile(
    r"PSA|CEA|AFP|prostate[- ]specific antigen|carcinoembryonic antigen", re.IGNORECASE
)
_LEVEL_WORD = re.compile(
    r"[\s:=-]*(?:level\s+)?(?:(?:is|was|remains)\s+)?(?:high|low|elevated|raised|rising|falling|normal)\b",
    re.IGNORECASE,
)
_LAB_UNIT = re.compile(r"\d\s*(?:ng|pg|µg|ug|mg)/m?L\b|\d\s*(?:k?U|IU)/m?L\b", re.IGNORECASE)
_CELL_COUNT = re.compile(r"\s*\+\s*(?:\w+\s+)?cells\b")
_RESIDUAL = re.compile(r"\bresidual\b|\bMRD\b|\bremission\b|\bresponse\b", re.IGNORECASE)
_GATE = re.compile(r"\s*(?:\+\s*(?:[TB]|NK)[- ]?(?:cells?|lymphocytes)\b|/\s*SSC\b)")
_GATING = re.compile(r"\bgat(?:e|ed|ing)\b|\bof events\b|\bof lymphocytes\b", re.IGNORECASE)
_SNV_CLASS = sequencing_regex("snv_class")
_RETAINED, _LOST = "st.negative.intact", "st.positive.lost"
# "no loss", "without loss of expression": a stain kept, like "retained" (never a negative stain to flip)
_KEPT = (_RETAINED, "st.negative.no_loss")
_KEPT_OR_LOST = (*_KEPT, _LOST)
_EXPRESSION_WORDS = re.compile(r"\bexpress\w*|\bstain\w*|\bIHC\b|\bimmuno\w*", re.IGNORECASE)
_PROBE = re.compile(r"\bprobes?\b", re.IGNORECASE)
_TEST_NAME = re.compile(r"\b(?:for|of)\s*(?:the\s*)?$", re.IGNORECASE)
# Cues that read a stain ("MLH1 negative", "PMS2 +"): on an MMR protein they mean loss / intact.
# "No reportable alterations", "not detected", "wild-type" describe sequencing, never staining.
_STAINING_CUES = {
    "st.negative.negative", "st.negative.negative_for", "st.negative.minus_sign",
    "st.positive.plus_sign", "st.positive.positive_for", "st.positive.detected",
    "st.positive.table_symbol", "st.negative.table_symbol", "st.positive.strong_diffuse",
    "st.negative.stain_table_sign", "st.positive.stain_table_sign", "st.negative.leader_sign",
    "st.positive.leader_sign",
}  # fmt: skip
_CLAUSE_BREAK = re.compile(r";|\.\s|\n")
# an antibody clone names an IHC stain: "ALK (D5F3)", "ROS1 (D4D6)", "PD-L1 (SP263)"
_IHC_CONTEXT = re.compile(
    r"\bIHC\b|\bimmunohisto\w*|\bimmunostain|\bstain(?:s|ing|ed)?\b|"
    r"\b(?:D5F3|5A4|D4D6|SP384|SP263|SP142|22C3|28-8|4B5|CB11|EPR\d+|clone)\b",
    re.IGNORECASE,
)
# a list item's own class word before the next item: "ALK fusions, ROS1 fusions"
_OWN_CLASS = re.compile(
    r"^\s*(?:fusions?|rearrangements?|mutations?|amplifications?|alterations?)\s*,", re.IGNORECASE
)
# the class a gene list ends with, its result stated before the list: "No ERBB2 or MET amplification"
_CLASS_WORD = re.compile(
    r"^\s*(?:amplifications?|fusions?|rearrangements?|mutations?|deletions?)\b", re.IGNORECASE
)
# a bracketed note that limits one list item's test: "EPCAM (deletion/duplication only)"
_ITEM_ONLY = re.compile(r"^\s*\([^()]{0,60}\bonly\s*\)", re.IGNORECASE)
# "..., FH, SDHB, MET (including exon 14 and amplification)": what one item's test covered, its own
_ITEM_NOTE = re.compile(r"^\s*\(\s*(?:including|incl\.?|covering)\b[^()]{0,60}\)", re.IGNORECASE)
# "EPCAM (deletion analysis included)": what the item's test covered besides sequencing; the list's
# result and class stand ("no pathogenic variants" = mutation), the note names no class of its own
_ANALYSIS_NOTE = re.compile(
    r"^\s*\(\s*(?:(?:[\w/-]+\s+){1,3}(?:analysis|testing)\s+(?:included|performed|done)|"
    r"including\s+(?:[\w/-]+\s+){1,3}(?:analysis|testing)"
    # "EPCAM (3' deletion analysis)": what the test included ("... analysis only" is all it looked for)
    r"|(?:[\w'\u2019/-]+\s+){1,3}(?:analysis|testing))\s*\)",
    re.IGNORECASE,
)
# "deletion/duplication analysis", "del/dup": the copy-number test's name, not a deletion found
_DEL_DUP_TEST = re.compile(r"\bdel(?:etions?)?\s*(?:/|and|or|&)\s*dup(?:lications?)?\b", re.IGNORECASE)
# "consistent with biallelic CDK12 loss", "bi-allelic loss of CDK12": the listed variants restated
_BIALLELIC_BEFORE = re.compile(
    r"\bbi-?allelic\s+(?:(?:loss|inactivation)\s+of\s+(?:the\s+)?)?$", re.IGNORECASE
)
_LOSS_WORD = re.compile(r"^\s*(?:gene\s+)?(?:loss|inactivation)\b", re.IGNORECASE)
# "a second somatic DDX41 variant was not detected", "no additional TP53 hit": a further variant of a
# gene already reported, not the gene's result; "not considered an adverse-risk RUNX1 mutation": how
# a variant already listed is classified. Neither is a finding of its own
_FURTHER_VARIANT_BEFORE = re.compile(
    r"\b(?:second|another|additional|further|third)\s+(?:(?:somatic|germline|acquired|pathogenic|"
    r"concurrent|independent|distinct)\s+){0,2}$"
    r"|\bnot\s+(?:considered|classified|regarded|interpreted|counted)\s+(?:as\s+)?(?:an?\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_VARIANT_WORD = re.compile(r"^\s*(?:gene\s+)?(?:variants?|mutations?|hits?|alterations?|alleles?)\b", re.I)
# "not offered to BRCA1 carriers without ...": advice for a population of carriers, not a result
_CARRIERS = re.compile(
    r"^\s*(?:(?:mutation|variant|pathogenic variant)\s+)?(?:carriers|heterozygotes)\b", re.IGNORECASE
)
_POPULATION_BEFORE = re.compile(
    r"\b(?:for|to|in|among|all|most|many|some|other|female|male)\s+$", re.IGNORECASE
)
# a gene named with its chromosome band, as a FISH probe is ("CKS1B (1q21) / CDKN2C (1p32)"), and an
# arm-level event named in the same row ("gain/amplification of 1q21", "17p deletion")
_BAND_LABEL = re.compile(r"\s*\(\s*(?:\d{1,2}|X|Y)[pq]\d{1,2}(?:\.\d{1,2})?\s*\)")
_ARM_EVENT = re.compile(
    r"\b(?:gain|amplification|deletion|loss|del|amp)s?(?:/\w+)?\s+(?:of\s+)?(?:\d{1,2}|X|Y)[pq]\d*"
    r"|\b(?:\d{1,2}|X|Y)[pq]\d*(?:\.\d+)?\s*(?:gain|amplification|deletion|loss)",
    re.IGNORECASE,
)


def _probe_label(sentence: str, mention: Mention, own: str, mentions: list[Mention]) -> bool:
    """True for a gene named with its band ("TP53 (17p13.1)") in a row that names the chromosomal event
    it probes ("deletion of 17p"): the probe's name; the event's own words give the result."""
    if mention.cytogenetic or mention.variant or mention.fusion or not _BAND_LABEL.match(own):
        return False
    return any(m.cytogenetic for m in mentions) or bool(_ARM_EVENT.search(sentence))


# what the result is contrasted with: "proficient (the opposite of MSI-high)", "unlike EGFR-mutant disease"
_CONTRAST_BEFORE = re.compile(
    r"\b(?:(?:the\s+)?opposite\s+of|unlike|as\s+opposed\s+to|rather\s+than|instead\s+of|in\s+contrast\s+to)"
    r"\s+(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)
# "the mismatch repair (MMR) genes", "MMR gene panel": a signature's name for the genes behind it
_GENES_AFTER = re.compile(r"\s*(?:\(\s*MMR\s*\)\s*)?genes?\b", re.IGNORECASE)
# a result the report withdraws: "the MSI result in version 1 ("MSI-low") was reported in error"
_IN_ERROR = re.compile(
    r"\b(?:was|were|is|are|has been|had been|have been)\s+"
    r"(?:(?:reported|issued|entered|recorded|released)\s+in\s+error|withdrawn|retracted|rescinded)\b"
    r"|\bshould be disregarded\b",
    re.IGNORECASE,
)
# a gene's own words that end in a question ("I'm HER2 positive??", "is it ALK-rearranged?"), also in
# the value cell right after it ("CHEK2 | c.1100delC - VUS per our lab?"); a "?" that opens a word is
# a query, not a question ("(requested, ?MPN): NOT detected")
_QUESTIONED = re.compile(r"^[^.;|?]{0,60}?(?:\|(?:[^.;|?]|\.(?!\s)){0,60}?)?[\w)]\s*\?+(?![\w?])")
# "the drug is indicated for HER2-positive breast cancer", "licensed for newly diagnosed FLT3-ITD AML",
# "an option for MSI-H tumours", "a recurrence option for pMMR disease":
# a drug's indication names a population, not this patient's result ("indicated for her HER2-positive
# disease" is hers; "approved for funding given BRCA1 ..." gives the reason, which is)
_INDICATION_BEFORE = re.compile(
    r"\b(?:(?:indicated|approved|licen[sc]ed|label(?:l)?ed|options?)\s+(?:only\s+)?"
    # a writer's words for the same: "Tagrisso is only for EGFR-mutated cancers", "it only works in
    # BRAF-positive melanoma", "a pill meant for people with ALK"
    r"|(?:is|are)\s+(?:only|just|mainly|mostly)\s+(?:(?:used|given|meant|made|designed)\s+)?"
    r"|(?:is|are)\s+(?:meant|designed|made)\s+(?:only\s+)?"
    r"|(?:only\s+)?works?\s+(?:only\s+)?"
    # what a drug does for a population: "the standard for EGFR-mutated lung cancer", "menin inhibitors are
    # being studied in NPM1-mutated disease"
    r"|(?:standard(?:\s+(?:of\s+care|treatment|therapy|option))?|(?:being\s+)?(?:studied|tested|investigated|"
    r"evaluated|developed)|trials?|effective|active|first-line\s+(?:treatment|therapy)"
    # "the approach used in dMMR rectal cancer", "benefit is limited in dMMR disease", "benefit mainly for
    # ER-negative recurrences", "reserved for MSI-H tumours"
    r"|used|reserved|recommended|limited|benefits?(?:\s+(?:mainly|mostly|chiefly|largely|only))?)\s+)(?:for|in)\s+"
    r"(?:(?:use\s+in\s+)?(?:adult\s+)?(?:patients|people|adults|women|men|those|tumou?rs|cancers)\s+"
    r"(?:with|whose|harbou?ring)\s+)?"
    r"(?:(?!(?:her|his|their|this|given|because|due|since|as|owing)\b|the\s+patient)[\w/()-]+\s+){0,6}$",
    re.IGNORECASE,
)
# what a pattern is typically found with: "(sporadic), frequently with BRAF V600E", "usually associated
# with an IDH1 mutation": the pattern's company in general, not a result of this tumour
_TYPICALLY_WITH_BEFORE = re.compile(
    r"\b(?:often|frequently|usually|typically|commonly|classically|characteristically)\s+"
    r"(?:(?:associated|seen|found|accompanied|co-?occurring)\s+)?(?:with|by|alongside)\s+(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)
# a cascade test for a relative's known variant checks that one variant only, and its writer may be the
# relative: "NEGATIVE for mom's BRCA1 variant", "does not carry the familial MLH1 mutation"
_FAMILY_VARIANT_BEFORE = re.compile(
    r"\b(?:negative\s+for|(?:does|do|did)\s*(?:n['\u2019]t|\s+not)\s+(?:carry|have)|not\s+a\s+carrier\s+of)\s+"
    r"(?:(?:the|my|our|her|his|their)\s+)?(?:(?:known\s+)?famil(?:y|ial)|(?:mom|mum|mother|dad|father|sister|"
    r"brother|daughter|son|aunt|uncle|cousin|niece|nephew|sibling|grand(?:mother|father|ma|pa))['\u2019]s)\s*$",
    re.IGNORECASE,
)
# "NPM1 MRD negative": residual-disease monitoring, not the tumour's mutation status
# a panel's words that end on "of" before a gene ("the mismatch repair proteins show retained
# expression of MLH1, PMS2 and MSH2, with loss of MSH6") give the named genes' results, not the panel's
_OF_NEXT = re.compile(r"\bof\s*$", re.IGNORECASE)
_NOT_DONE = "st.unknown.not_done"
# "TP53 G245S ... acquired (wild-type on 2023 tissue)": the variant arose since an earlier test, so that
# test's "wild-type" restated in the same report is the earlier state (merge.py drops it)
_ACQUIRED = re.compile(
    r"\b(?:newly\s+)?acquired\b(?!\s+(?:from|through|via)\b)|\bemergent\b|\bnewly\s+emerged\b"
    # "(new since 2021)"
    r"|\bnew\s+since\s+(?:the\s+)?(?:(?:19|20)\d\d|prior|previous|last|earlier|baseline)\b"
    # "a new del(17p) ..., which was not there at diagnosis"
    r"|\b(?:was|were)\s+not\s+(?:there|present|seen|detected)\s+(?:at|on|in)\s+(?:the\s+)?"
    r"(?:diagnosis|baseline|presentation)\b",
    re.IGNORECASE,
)
ACQUIRED_ID = "st.acquired"
# a scoring breakdown gives each intensity its share of cells ("82% strong/moderate, 6% weak (1+), 12%
# negative"): "12% negative" is a share of the cells, not the stain's result
_SHARE = r"\d{1,3}(?:\.\d+)?\s*%\s*(?:of\s+(?:the\s+)?(?:tumou?r\s+)?cells\s+)?"
_SHARES = re.compile(
    _SHARE + r"(?:negative|no staining|unstained|absent|weak|moderate|strong|[0-3]\+|positive)", re.IGNORECASE
)
_NEGATIVE_SHARE = re.compile(_SHARE + r"(?:negative|no staining|unstained|absent)\b", re.IGNORECASE)
_NEGATIVE_WORD = re.compile(r"\bnegative\b|\bneg\b|\bno\b|\bnot\b|\babsent\b|\bunstained\b", re.I)


def _negative_share_only(own: str) -> bool:
    """True when the only negative words of a breakdown are its shares of unstained cells and some
    cells stain ("0% positive, 100% negative" is a negative stain)."""
    shares = [m.group(0) for m in _SHARES.finditer(own)]
    stained = [float(x.split("%")[0]) for x in shares if not _NEGATIVE_SHARE.fullmatch(x)]
    if len(shares) < 2 or not any(x >= 1 for x in stained):
        return False
    return not _NEGATIVE_WORD.search(_NEGATIVE_SHARE.sub(" ", own))


def _names_next(mention: Mention, own: str, mentions: list[Mention], i: int) -> bool:
    return (
        mention.standalone is None
        and mention.gene.kind == "signature"
        and i + 1 < len(mentions)
        and mentions[i + 1].gene.kind != "signature"
        and _OF_NEXT.search(own) is not None
    )


_MRD = re.compile(r"^[\s-]*(?:\w+\s+)?(?:MRD|(?:minimal|measurable) residual disease)\b", re.IGNORECASE)
# "BCR::ABL1 undetectable", "BCR::ABL1 qPCR: not detected (MR4.5)": a known fusion's transcript followed
# over treatment; a monitoring result (disease burden), never a negative test of the fusion itself
_FUSION_MONITORING = re.compile(
    r"\bundetect(?:able|ed)\b|\b(?:complete|major|deep)\s+molecular\s+(?:response|remission)\b"
    r"|\bMR\s?[2-5](?:\.5)?\b|\b\d(?:\.\d)?[- ]log\s+reduction\b|\bq(?:RT-?)?PCR\b|\bquantitative\b",
    re.IGNORECASE,
)
# "KRAS G12C inhibitors", "ALK-directed therapy": a drug class named after its target, not a result
_DRUG_CLASS = re.compile(
    r"^[\s-]*(?:p\.)?(?:[A-Z]\d{1,4}[A-Z]\s*)?(?:-?\s*(?:targeted|directed)\s*)?"
    r"(?:inhibitors?|blockers?|antagonists?|degraders?|(?:targeted )?(?:therapy|therapies|agents?|drugs?))\b",
    re.IGNORECASE,
)
# "anti-EGFR antibodies", "anti-HER2 therapy": a drug class named after its target
_ANTI_BEFORE = re.compile(r"\banti-?\s?$", re.IGNORECASE)
_ANTI_CLASS = re.compile(
    # "anti-EGFR antibody (cetuximab or ...)": a drug named in the brackets, not the stain's clone
    r"^[\s-]*(?:(?:monoclonal\s+)?(?:antibod(?:y|ies)|mAbs?)(?![\s:]*(?:\((?![^()]{0,40}?[a-z]mab\b)|clone\b|\[))|"
    r"therap(?:y|ies)|"
    r"agents?|drugs?|treatment|inhibitors?|blockade|(?:based|directed|targeted)\b)",
    re.IGNORECASE,
)
# a plural class word names what a row tested, not an event found: "FGFR2 fusions (intron 17) ..."
_CATEGORY = re.compile(r"\s*(?:gene\s+)?(?:fusions|rearrangements|amplifications|deletions)\b", re.IGNORECASE)
# the class named with the assay that looked for it: "FGFR2 rearrangement (DNA, intron 17 capture)" is
# a row's test name; its result (in a later cell) is stated apart
_ASSAY_SCOPE = re.compile(
    r"\s*(?:gene\s+)?(?:fusions?|rearrangements?|amplifications?|deletions?)\s*\(\s*(?:DNA|RNA)\b"
    # "BRCA1 / BRCA2 sequencing and large rearrangement analysis": the test's name, its result below
    r"|[^.;:|]{0,60}?\b(?:fusions?|rearrangements?|amplifications?|deletions?|copy[- ]number)"
    r"\s+(?:analysis|testing|assay|screen(?:ing)?|detection)\s*$",
    re.IGNORECASE,
)
# an RNA test of a fusion driver looks for fusions: "FGFR2: NGS RNA was QNS" is the fusion result
_RNA = re.compile(r"\bRNA\b(?![- ]?(?:ISH|in[- ]situ))", re.IGNORECASE)
# "MDM2/CEP12 ratio": a FISH probe's ratio, named after the gene's result
_CEP_RATIO = re.compile(r"\s*/\s*CEP\s*\d{1,2}\b(?:\s+(?:signal\s+)?ratio\b)?", re.IGNORECASE)
_NUMBERS_ONLY = re.compile(r"[\s\d.,:=<>~()x-]*")  # "ratio 1.1)": a number, no result of its own
# a list head naming genomic results ("No reportable alterations in the genes assayed:")
_GENOMIC_HEAD = re.compile(r"\bgenes?\b|\bvariants?\b|\balterations?\b|\bmutations?\b|\bsequenc", re.I)
# "(not HGBL-MYC/BCL2)", "not double-hit for MYC and BCL2": the lymphoma entity is defined by the
# genes' rearrangements, so its name reads their fusion status
_FUSION_HEAD = re.compile(
    r"\bfusions?\b|\brearrangements?\b|\btranslocations?\b|\b(?:double|triple)[- ]hit\b|\bHGB?C?L\b",
    re.IGNORECASE,
)
# a sentence or clause reports a genetic test (rules/sequencing.json, genetic_test)
_SEQUENCING = sequencing_regex("genetic_test")


# "t(4;14)(p16;q32)": chromosome bands in a translocation
_KARYOTYPE = re.compile(r"\(\s?[\dXYpq.]{1,8}\s?;\s?[\dXYpq.]{1,8}\s?\)")


def _outside_karyotypes(
    sentence: str, mentions: list[Mention], flags: list[Flags]
) -> tuple[list[Mention], list[Flags]]:
    """Drop mentions inside band notation: "t(4;14)(p16;q32)" names chromosome band 4p16, not p16."""
    bands = [m.span() for m in _KARYOTYPE.finditer(sentence)]
    if not bands:
        return mentions, flags
    kept = [
        (m, f) for m, f in zip(mentions, flags, strict=True) if not any(a <= m.start < b for a, b in bands)
    ]
    return [m for m, _ in kept], [f for _, f in kept]


# "p53 aberrant (null pattern)", "p53 wild-type pattern": a pattern is read on a stain
_PATTERN_WORD = re.compile(r"\bpattern\b", re.IGNORECASE)
_PROTEIN_NAME = re.compile(r"p\d{2,3}")  # "p53", "p16": a protein written by its weight, as stains are
_STAIN_RESULT = re.compile(
    r"\b(?:positive|negative)\b|%|\b[0-3]\+|\([+-]\)"
    # a stain's lone sign right after its name: "ALK  + nuclear and cytoplasmic", "ALK1 ....... -  (x)"
    r"|^\s*(?:\([^()|]{0,30}\)\s*)?(?:\.{3,}\s*)?(?:\+{1,3}(?=[\s(|]|$)|[-\u2212\u2013](?=\s*(?:$|\(|\|)))",
    re.IGNORECASE,
)


_CONCESSION = re.compile(r"\b(?:although|though|even though|despite|whilst)\b[^;]*;", re.IGNORECASE)


def _conceded(sentence: str, mention: Mention, mentions: list[Mention]) -> bool:
    """A concessive clause ("although X is expressed ...;") that the rest of the sentence overrules with
    its own reading of the same gene: the main clause states the result."""
    for m in _CONCESSION.finditer(sentence):
        if m.start() <= mention.start < m.end():
            return any(o.gene.symbol == mention.gene.symbol and o.start >= m.end() for o in mentions)
    return False


def _protein_alias(gene: GeneEntry, name: str) -> bool:
    return name.lower() in {a.lower() for a in gene.protein_aliases}


def _ihc_row(section: SectionRule | None, sentence: str, own: str) -> bool:
    """ "BCL2 | Positive | 90%" under an IHC heading: a stain result for the protein, unless the
    sentence reports sequencing ("EGFR mutation analysis: no mutation detected" in an addendum)."""
    if section is None or section.kind != "ihc" or _SEQUENCING.search(sentence):
        return False
    return bool(_STAIN_RESULT.search(own))


# "HER2 (exon 20): not detected": an exon named after the gene is a sequenced region, not a stain
_EXON_LABEL = re.compile(r"\s*\(?\s*exons?\s*\d{1,2}\b", re.IGNORECASE)
_MUTANT_ADJECTIVE = re.compile(r"\s*-(?:mutant|mutated)\b", re.IGNORECASE)
_NEGATED_BEFORE = re.compile(r"\b(?:no|not|without|negative\s+for)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _pattern_result(
    gene: GeneEntry, own: str, stained: bool
) -> tuple[AlterationClass, BiomarkerStatus, str] | None:
    """(alteration, status, detail) of a pattern-read stain (p53), or None when this is not one or
    the clause names both patterns or neither. A null or overexpressed p53 stain is "aberrant": a
    TP53 mutation surrogate, so it is positive although the stain may be absent."""
    pattern = gene.ihc_pattern
    if pattern is None or not stained:
        return None
    aberrant = [
        m for m in pattern.aberrant_regex.finditer(own) if not _NEGATED_BEFORE.search(own[: m.start()])
    ]
    normal = pattern.normal_regex.search(own) is not None
    if bool(aberrant) == normal:
        return None
    if aberrant:
        return pattern.alteration, "positive", "IHC: aberrant pattern"
    return pattern.alteration, "negative", "IHC: wild-type pattern"


def _mutation_clone(gene: GeneEntry, words: str) -> bool:
    """True when ``words`` name one of the gene's mutation-specific antibody clones ("BRAF (VE1)")."""
    return any(re.search(rf"\b{re.escape(c)}\b", words, re.IGNORECASE) for c in gene.mutation_clones)


# "HPV-independent squamous cell carcinoma" (WHO 2020 names): a viral marker glued to "independent"
# states the tumour is not virus-driven, whatever the words after it ("..., LVSI present") say
_VIRUS_INDEPENDENT = re.compile(r"[- ]?independent\b", re.IGNORECASE)
_INDEPENDENT = StatusCue(
    id="st.negative.virus_independent",
    pattern=_VIRUS_INDEPENDENT.pattern,
    status="negative",
    position="after",
)
# HER2 membrane staining that is faint, weak or incomplete is IHC 0 or 1+ (ASCO/CAP); "present" there
# describes the stain pattern, never a positive result (which needs complete, intense staining)
_FAINT_MEMBRANE = re.compile(r"\b(?:faint(?:ly)?|weak(?:ly)?|barely|incomplete)\b", re.IGNORECASE)
_STATED_POSITIVE = re.compile(r"\bpositive\b|\bpos\b|(?<![\d.])3\s?\+", re.IGNORECASE)


def _faint_membrane_only(own: str, cue: StatusCue | None) -> bool:
    """True when a HER2 mention's only positive word is "present"/"detected" of faint or incomplete
    membrane staining ("HER2: faint incomplete membrane staining is present in 5% of cells")."""
    return (
        cue is not None
        and cue.id == "st.positive.detected"
        and bool(_FAINT_MEMBRANE.search(own))
        and not _STATED_POSITIVE.search(own)
    )


def _stain_named(gene: GeneEntry, words: str) -> bool:
    """True for a protein stain named with its method, clone or reading ("PD-L1 IMMUNOHISTOCHEMISTRY
    (22C3)", "low PD-L1 expression"): a stain result is never a sequence variant of uncertain significance."""
    named = _IHC_CONTEXT.search(words) or _EXPRESSION_WORDS.search(words)
    return gene.kind == "ihc" and bool(named) and not _SEQUENCING.search(words)


# a negative result glossed as a loss: "negative (loss)", "negative (lost)", "negative - loss of staining"
_NEGATIVE_AS_LOSS = re.compile(r"\bnegative\s*(?:\(\s*|[-\u2013,]\s*)(?:loss|lost)\b", re.IGNORECASE)


def _stain_read(gene: GeneEntry, section: SectionRule | None, sentence: str, words: str, effect: str) -> bool:
    """True when a "loss" result read from a staining word is a stain: always for MMR proteins (read as
    loss only outside sequencing, see variants.py); for other loss markers (DAXX, ATRX, SDHB, MTAP)
    only in a stain context that reports no sequencing ("NGS: ATRX, DAXX negative" is no loss)."""
    if gene.mmr or _NEGATIVE_AS_LOSS.search(words):
        return True  # "ATRX: negative (loss)": the bracket says the negative is a stain gone
    if _IHC_CONTEXT.search(words) and not _SEQUENCING.search(words):
        return True  # "...; BAP1 protein is retained by IHC": its own clause names the stain, not NGS
    stained = (section is not None and section.kind == "ihc") or bool(_IHC_CONTEXT.search(words))
    return stained and not _sequencing(sentence, effect)


def _stain_row(
    gene: GeneEntry,
    mention: Mention,
    section: SectionRule | None,
    in_ihc: bool,
    words: str,
    alteration: str | None,
    detail: str | None,
) -> bool:
    """True when a mention is a stain's own row, whose lone sign is its result (status.sign_cue):
    a protein marker, or a gene under a stain heading or named with a stain word, with no variant, fusion
    or karyotype named and no pattern-read stain (a p53 "-" may be a null pattern, a mutation). A virus
    (EBER ISH) or MGMT (methylation) sign is left to the rows that name their test."""
    if detail or mention.fusion or mention.cytogenetic or gene.ihc_pattern is not None:
        return False
    if gene.default_alteration == "other":
        return False
    if alteration not in (None, "expression", "loss"):
        return False
    stain_section = section is not None and section.kind == "ihc"
    return gene.kind == "ihc" or in_ihc or stain_section or bool(_IHC_CONTEXT.search(words))


def _anti(sentence: str, mention: Mention, own: str) -> bool:
    """ "anti-EGFR antibodies not indicated": the drug class, not the EGFR result. A stain's
    antibody named with its clone ("anti-ALK antibody (D5F3): positive") is kept."""
    return bool(_ANTI_BEFORE.search(sentence[: mention.start])) and bool(_ANTI_CLASS.match(own))


def _tested_after_negative(before: str, previous: str, rules: Rulebook) -> str | None:
    """The id of a "genes analysed" section rule whose heading opens this sentence mid-line, when the
    sentence before (or its own words before the list) states that nothing was found ("RESULT:
    NEGATIVE. No pathogenic variants identified. Genes analysed: ATM, BRCA1, ..."): a tested list."""
    for rule in rules.sections.sections:
        if rule.effect != "tested_list" or rule.requires_regex is None:
            continue
        head = rule.regex.search(before)
        if head is None or before[head.end() :].strip():
            continue
        if rule.requires_regex.search(previous) or rule.requires_regex.search(before[: head.start()]):
            return rule.id
    return None


def _sequenced_only(mention: Mention, name: str) -> bool:
    """True for a gene that is read by sequencing only, never by a stain of its own (BRCA1, CHEK2,
    HOXB13; "EPCAM" by that name, not its BerEP4 antibody)."""
    g = mention.gene
    return (
        g.kind == "gene"
        and mention.standalone is None
        and mention.fusion is None
        and not (g.mmr or g.fusion_driver or g.stain_reads_loss or g.mutation_clones or g.ihc_pattern)
        and g.default_alteration in (None, "mutation")
        and g.symbol != "ERBB2"
        and name not in g.protein_aliases
    )


def _glued(sentence: str, mentions: list[Mention], j: int) -> bool:
    """True when mention ``j`` is joined to mention ``j - 1`` by list glue only (no ";"): one list."""
    between = sentence[mentions[j - 1].end : mentions[j].start]
    return ";" not in between and is_list_glue(between)


# a label followed by the condition that defines it: "MSI-H if >= 46 loci", "TMB-high when at least 10"
_THRESHOLD_TAIL = (
    r"\s*\(?\s*(?:if|when|where|=|(?:is\s+)?defined\s+as|means)\s*(?:[^.;|()]{0,40}?\s)?"
    r"(?:[\u2265\u2264<>]=?|at least|more than|greater than|fewer than|less than)\s*\d"
)
_THRESHOLD_RULE = re.compile(_THRESHOLD_TAIL, re.IGNORECASE)
# "(6.2 mut/Mb; bTMB-high defined as >= 16 mut/Mb)": a signature's level named in its cut-off
_LEVEL_THRESHOLD = re.compile(r"[\s-]*(?:high|low|H|L)\b" + _THRESHOLD_TAIL, re.IGNORECASE)
# "An HRD-negative result does not exclude benefit from ...": a statement about any such result
_ANY_BEFORE = re.compile(r"\b(?:an?|any)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_DOES_NOT_EXCLUDE = re.compile(
    r"[\s-]*(?:(?:negative|positive|high|low|stable|wild[- ]type)\s+)?(?:results?|tests?|status|findings?)\s+"
    r"(?:(?:does|do|would|will|should)\s+not|doesn't|don't)\s+(?:exclude|rule\s+out|preclude)\b",
    re.IGNORECASE,
)
# "ETV6 and NTRK3 participate in the fusion reported above": the partners of a fusion already read
_PARTNER_OF_ABOVE = re.compile(
    r"[\s,]*(?:and\s+|,\s*)?(?:(?:both\s+)?(?:participates?|(?:is|are)\s+(?:involved|the\s+partners?|partners?))\s+in"
    r"|(?:form|forms|make\s+up|constitute)s?)\s+the\s+(?:[\w-]+\s+){0,2}(?:fusion|rearrangement|translocation)\b",
    re.IGNORECASE,
)
# the cut-off before the label it defines: "(> 3.5% = MSI-H)", ">= 10 mut/Mb: TMB-high"
_THRESHOLD_BEFORE = re.compile(
    r"(?:[\u2265\u2264<>]=?|at least)\s*[\d.,]+\s*(?:(?:of|/)\s*\d+\s*)?"
    r"(?:%|mut(?:ations)?/Mb|loci|markers)?\s*(?:=|:|->|\u2192)\s*$",
    re.IGNORECASE,
)
# the words between a label's last gene and its value: "BRCA1/BRCA2 status   BRCA1 detected"
_LABEL_GAP = re.compile(r"\s*(?:status|results?|findings?)\s*[:|=\-\u2013]?\s*", re.IGNORECASE)


def _value_names_one(sentence: str, mentions: list[Mention], i: int) -> bool:
    """True when mention ``i`` is in a label naming several genes ("BRCA1/BRCA2 status") and the
    value after the label opens with one of them ("BRCA1 pathogenic variant detected"): the value
    says which gene the result is; the label's genes are not each given it."""

    def gap(j: int) -> str:
        return sentence[mentions[j - 1].end : mentions[j].start]

    first = last = i
    while first > 0 and _glued(sentence, mentions, first) and not _LABEL_GAP.fullmatch(gap(first)):
        first -= 1
    while (
        last + 1 < len(mentions)
        and _glued(sentence, mentions, last + 1)
        and not _LABEL_GAP.fullmatch(gap(last + 1))
    ):
        last += 1
    if last == first or last + 1 >= len(mentions) or not _LABEL_GAP.fullmatch(gap(last + 1)):
        return False
    label = {m.gene.symbol for m in mentions[first : last + 1]}
    return len(label) > 1 and mentions[last + 1].gene.symbol in label


def _sibling_status(
    sentence: str, mentions: list[Mention], i: int, cues: list[StatusCue]
) -> StatusCue | None:
    """The status of the gene's next listed variant when mention ``i``'s own clause states none:
    "TERT promoter (C228T / C250T): wild type" - both hotspots share the result after the list."""
    j = i + 1
    if j < len(mentions) and ";" in sentence[mentions[i].end : mentions[j].start]:
        return None  # "APC | R1450* ; E1309fs*4 | none": each variant its own clause
    while (
        j < len(mentions)
        and mentions[j].gene.symbol == mentions[i].gene.symbol
        and mentions[j].rule_id.endswith("+variant_list")
    ):
        if (cue := resolve_status(sentence, mentions, j, cues)) is not None:
            return cue
        j += 1
    return None


def _listed_with_sequenced(sentence: str, mentions: list[Mention], i: int) -> bool:
    """True when mention ``i`` is an item of a gene list (items joined by list glue, no ";") that also
    names a sequenced-only gene: "BRCA1, CHEK2, HOXB13, MLH1, MSH2, PMS2: negative" is a germline panel,
    so "negative" there is no variant, never a mismatch-repair stain lost."""
    lo = i
    while lo > 0 and _glued(sentence, mentions, lo):
        lo -= 1
    hi = i
    while hi + 1 < len(mentions) and _glued(sentence, mentions, hi + 1):
        hi += 1
    return any(
        _sequenced_only(m, sentence[m.start : m.end]) for m in mentions[lo : hi + 1] if m is not mentions[i]
    )


def _in_first_list(sentence: str, mentions: list[Mention], i: int) -> bool:
    """True when mention ``i`` is an item of the list the sentence opens with (joined to the first
    mention by list glue only, no ";")."""
    return all(_glued(sentence, mentions, j) for j in range(1, i + 1))


def _list_head(before: str, rules: Rulebook) -> str | None:
    """The id of the negative list head ending ``before`` ("Not detected among the genes analysed:")."""
    return next((h.id for h in rules.context.list_heads if h.regex.search(before)), None)


def _list_head_words(sentence: str, segs: list[tuple[str, str]], i: int) -> str:
    """The words before the first item of the list mention ``i`` belongs to ("" if not in a list)."""
    j = i
    while j > 0 and is_list_glue(segs[j][1] or " "):
        j -= 1
    return segs[j][1] if j != i else ""


def _list_origin(sentence: str, mentions: list[Mention], segs: list[tuple[str, str]], i: int) -> str | None:
    """ "germline" when the words before the list mention ``i`` is in name a germline test and none
    a somatic one ("Germline testing (saliva): no pathogenic variants in BRCA1, ..., TP53")."""
    j = i
    while j > 0 and is_list_glue(segs[j][1] or " "):
        j -= 1
    head = sentence[: mentions[j].start]
    if GERMLINE.search(head) and not SOMATIC.search(head):
        return "germline"
    return None


def _negation_reaches(sentence: str, mentions: list[Mention], i: int, flag: Flags, offset: int) -> bool:
    """A ConText negation applies to mention ``i`` only within its clause, not past a clause break
    ("FGFR2-BICC1 fusion; IDH1 wild type; ... ERBB2 amplification not detected")."""
    if not flag.negation_at:
        return True
    m = mentions[i]
    for at in (a - offset for a in flag.negation_at):
        between = sentence[m.end : at] if at >= m.end else sentence[at : m.start]
        if not _CLAUSE_BREAK.search(between):
            return True
    return False


def _list_tail(sentence: str, mentions: list[Mention], segs: list[tuple[str, str]], i: int) -> str:
    """The words after the last item of the list mention ``i`` is in (the list ends at a clause break).

    A later item that names its own class before a comma ("KRAS, BRAF, ALK fusions, ROS1 fusions:")
    shows the class words are per item, so a bare item borrows none of them. So does an item that
    names its own ("AR amplification, TP53 R248Q": R248Q is TP53's), and an item-only note in
    brackets ("..., PMS2, EPCAM (deletion/duplication only)") is the last item's alone."""
    if _OWN_CLASS.match(segs[i][0]):
        return ""
    for j in range(i + 1, len(mentions)):
        if not _glued(sentence, mentions, j):
            return ""
        if not is_list_glue(segs[j][0]):
            if variant_glue(segs[j][0]):
                continue  # "EGFR, ALK, MET exon 14 skipping and NTRK negative": MET's own variant
            if any(note.match(segs[j][0]) for note in (_ITEM_ONLY, _ITEM_NOTE, _ANALYSIS_NOTE)):
                return ""
            return without_leading_variant(segs[j][0])  # "..., MET exon 14 skipping: negative": not ALK's
        if _OWN_CLASS.match(segs[j][0]):
            return ""
        if j == len(mentions) - 1 and _CLASS_WORD.match(segs[j][0]):
            # "| No ERBB2 or MET amplification | -": the result came before the list, the class
            # after its last item is every item's
            return segs[j][0]
    return ""


# a gene's second clause with no gene of its own: "EGFR: no amplification; no pathogenic variant detected"
# a copy-number result's own words that also deny a sequence variant: "ERBB2 - no amplification, no
# mutation", "ERBB2: no mutation, no amplification"
_NO_VARIANT_OWN = re.compile(
    r"(?:^[\s:|=\-\u2013]*|[,;/]\s*|\band\s+)no\s+(?:pathogenic\s+|reportable\s+|clinically\s+significant\s+)?(?:sequence\s+)?"
    r"(?:variants?|mutations?|SNVs?)\b",
    re.IGNORECASE,
)
_NO_VARIANT_CLAUSE = re.compile(
    r"^\s*;\s*(?:and\s+)?no\s+(?:pathogenic\s+|reportable\s+|clinically\s+significant\s+)?(?:sequence\s+)?"
    r"(?:variants?|mutations?|SNVs?)\b(?:\s+(?:was\s+|were\s+)?(?:detected|identified|found))?\s*[.;]?\s*$",
    re.IGNORECASE,
)


def _to_next(sentence: str, mentions: list[Mention], i: int) -> str:
    """The words after mention ``i`` up to the next mention (or the sentence's end)."""
    return sentence[mentions[i].end : mentions[i + 1].start if i + 1 < len(mentions) else len(sentence)]


def _after_clause(sentence: str, mentions: list[Mention], segs: list[tuple[str, str]], i: int) -> str:
    """The words after mention ``i``'s own clause up to the next mention ("" when its clause runs on)."""
    after = _to_next(sentence, mentions, i)
    return after[len(segs[i][0]) :] if after.startswith(segs[i][0]) else ""


_REASON_END = re.compile(r"[.;](?!\s*(?:they|it|this|these|which)\b)")


def _own_reason(sentence: str, mention: Mention) -> str:
    """The words after a mention to its clause's end, other genes included ("not performed as EWSR1
    was positive") and a clause that only gives the reason ("; they are not needed") too."""
    tail = sentence[mention.end :]
    cut = _REASON_END.search(tail)
    return " ".join((tail[: cut.start()] if cut else tail).split())  # a clause wrapped over lines


def _generic(own: str, rules: Rulebook) -> bool:
    """True when the gene's own clause speaks of a population ("ROS1 IHC may stain weakly in
    non-rearranged tumours"): what a test or alteration does in general is no result of this patient."""
    flat = " ".join(own.split())
    return any(g.regex.search(flat) for g in rules.context.generic_clauses)


def _sequenced_list(section: SectionRule | None, effect: str) -> bool:
    """True inside a section that lists sequenced genes with a class of its own ("no variants detected")."""
    return section is not None and section.alteration is not None and effect == section.effect


def _sequencing(sentence: str, effect: str) -> bool:
    """True when the sentence reports sequencing (so an MMR gene there is a gene, not a stain)."""
    return effect in _SECTION_STATUS or bool(_SEQUENCING.search(sentence))


_FLIP = {"positive": "negative", "negative": "positive"}
# what ends the words of an MMR panel's result before its proteins are listed: "present - ", "intact ("
_PANEL_LEAD = re.compile(r"(?:[-\u2013:(]|\bin)\s*$")


def _mmr_panel_expressed(sentence: str, mentions: list[Mention], i: int) -> bool:
    """True when MMR gene ``i`` is listed right after "MMR stains present" (the panel's words name the
    stains, say they stain and end on a dash, colon or bracket): the list names the proteins that stain."""
    j = i
    while (
        j > 0 and mentions[j - 1].gene.mmr and is_list_glue(sentence[mentions[j - 1].end : mentions[j].start])
    ):
        j -= 1
    if j == 0 or mentions[j - 1].gene.symbol != "MMR":
        return False
    words = sentence[mentions[j - 1].start : mentions[j].start]
    return bool(_PANEL_LEAD.search(words) and _MMR_EXPRESSED.search(words) and not _MMR_LOST.search(words))


# the MMR proteins' stains named, and a word that says they stain (see the MMR signature in extract)
_MMR_EXPRESSED = re.compile(
    r"(?=.*\b(?:stain\w*|IHC|immuno\w*|proteins?)\b).*\b(?:present|expressed|positive|retained|preserved|intact|normal)\b",
    re.I | re.S,
)
_MMR_LOST = re.compile(r"defici|\blos[st]\b|\babsent\b|\babnormal|\bnegative\b|\bunstable\b|\bMSI-?H", re.I)
_LOSS_OF = "st.positive.loss_of"
_GENE_COLON_NO = "st.negative.gene_colon_no"
_NOT_HIGH = "st.negative.not_high"
_ISH_METHODS = {"FISH", "ISH", "SISH", "CISH", "DISH"}


@dataclass
class Flags:
    """ConText modifiers on one mention."""

    family: bool = False
    hypothetical: bool = False
    historical: bool = False
    possible: bool = False
    negated: bool = False
    rule_ids: list[str] = field(default_factory=list)
    negation_at: list[int] = field(default_factory=list)  # absolute offsets of negation triggers


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
    listed_only: bool = False  # negative only because the gene is in a "genes analyzed" list


def _covered(
    covered: list[tuple[Mention, str, str]],
    offset: int,
    length: int,
    flags: list[Flags],
    mentions: list[Mention],
) -> list[BiomarkerFinding]:
    """Negatives for the genes of a coverage list that a "none detected" statement covers."""
    family = {id(m) for m, f in zip(mentions, flags, strict=True) if f.family or f.hypothetical}
    return [
        BiomarkerFinding(
            gene=m.gene.symbol,
            alteration=alteration,
            status="negative",
            start=offset + m.start,
            end=offset + m.end,
            sentence=(offset, offset + length),
            rule_id=rule_id,
        )
        for m, alteration, rule_id in covered
        if id(m) not in family
    ]


_CELL = re.compile(r"\|")
_SYNONYM = re.compile(r"\s*\(\s*([^()]{1,40}?)\s*\)")


def _after_synonym(own: str, gene: GeneEntry) -> str:
    """A gene's own words less a bracketed synonym right after its name: "AMACR (P504S) negative" names
    the stain's other name (a clone), not the protein change p.P504S."""
    m = _SYNONYM.match(own)
    if m is not None and m.group(1) in (gene.symbol, *gene.aliases):
        return own[m.end() :]
    return own


def _boilerplate_scope(sentence: str, mentions: list[Mention]) -> str:
    """The words read for boilerplate: a table row that opens on its gene ("IDH1 | p.R132C DETECTED |
    Tier I: ivosidenib (FDA-approved ...)") is read in its first two cells only, as a comment cell's
    approval or method note annotates the result and does not void it. Any other sentence is read whole
    ("Osimertinib | EGFR exon 19 deletion | FDA approval" is a drug reference row)."""
    bars = [m.start() for m in _CELL.finditer(sentence)]
    if len(bars) < 2 or not mentions or mentions[0].start > bars[0] or sentence[: mentions[0].start].strip():
        return sentence
    return sentence[: bars[1]]


# a cross-reference opening the gene's clause: "(BRCA1/2: see HRD result)", "- refer to the MMR section"
_SEE_BEFORE = re.compile(r"^[\s(:;,\-\u2013]*(?:please\s+)?(?:see|refer\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
# an antibody clone named after its protein ("FOLR1-2.1 clone", "FOLR1-2.1 antibody"): no stain result
# a tumour named by its alteration ("CIC-rearranged sarcoma", "BCOR-altered tumours", "ALK-positive
# lymphoma"): a diagnosis, which words before it may weigh rather than state (rules "differential")
_ENTITY_NAME = re.compile(
    r"^\s*-?(?:rearranged|translocated|fused|altered|amplified|mutant|mutated|deficient|positive|driven)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:sarcomas?|tumou?rs?|neoplasms?|neoplasia|lymphomas?|leuka?emias?|carcinomas?|"
    r"adenocarcinomas?|NSCLC|entit(?:y|ies)|lesions?)\b",
    re.IGNORECASE,
)
_CLONE_NAME = re.compile(r"-[\w.]{0,8}\d[\w.]{0,8}\s+(?:clone|antibody)\b", re.IGNORECASE)
# a qualifier whose object was cut off (an OCR'd cell read line by line): "Below the laboratory's"
_DANGLING_QUALIFIER = re.compile(
    r"\b(?:below|under|beneath|short of|less than)\s+(?:the\s+)?(?:[\w-]+(?:'s|\u2019s)\s*)?[\s.:;,]*$",
    re.IGNORECASE,
)
# "RET fusion DETECTED: EGFR, KRAS, BRAF negative": OCR read the ";" as ":"; the bare gene list after
# one gene's result word has its own result
_RESULT_COLON = re.compile(r"\b(?:detected|positive|identified)\s*:", re.IGNORECASE)
_LIST_RESULT = re.compile(r"\s*(?:negative|not detected|wild[- ]?type)\b", re.IGNORECASE)


def _result_colon_break(sentence: str, mentions: list[Mention]) -> str:
    """``sentence`` with the ":" after a gene's result word read as ";" when a bare gene list follows
    whose last item states its own result (same length, so offsets hold)."""
    for colon in _RESULT_COLON.finditer(sentence):
        if not any(m.end <= colon.start() for m in mentions):
            continue  # "Detected: KRAS G12D": a heading, its items are the results
        items = [m for m in mentions if m.start >= colon.end()]
        if not items or sentence[colon.end() : items[0].start].strip():
            continue
        last = 0
        while last + 1 < len(items) and _glued(sentence, items, last + 1):
            last += 1
        if last == 0:
            continue
        tail = sentence[items[last].end : items[last + 1].start if last + 1 < len(items) else len(sentence)]
        if _LIST_RESULT.match(tail):
            sentence = sentence[: colon.end() - 1] + ";" + sentence[colon.end() :]
    return sentence


def sentence_findings(
    sentence: str,
    offset: int,
    mentions: list[Mention],
    flags: list[Flags],
    section: SectionRule | None,
    rules: Rulebook,
    previous: str = "",
) -> list[BiomarkerFinding]:
    """Findings for one sentence; ``mentions`` are relative to it, ``offset`` makes them absolute.
    ``previous`` is the sentence before when it named no gene ("No gene fusions detected.")."""
    effect = section.effect if section else "none"
    mentions, flags = _outside_karyotypes(sentence, mentions, flags)
    if effect == "family" and any(r.regex.search(sentence) for r in rules.context.patient_self):
        effect = "none"  # "Patient's own germline testing ...": ConText still catches relatives
    if effect in ("ignore", "family"):
        return []
    if (covered := coverage_results(sentence, mentions, previous, rules)) is not None:
        return _covered(covered, offset, len(sentence), flags, mentions)
    scope = _boilerplate_scope(sentence, mentions)
    if boiler := next((b for b in rules.context.boilerplate if b.regex.search(scope)), None):
        del boiler  # method text, definitions and disclaimers state no patient result
        return []
    cues = rules.context.status_cues
    effect_id = section.id if section else ""
    negative_head = False
    if mentions and (head := _list_head(sentence[: mentions[0].start], rules)):
        effect, effect_id = "negative_list", head  # "Not detected: ALK fusion, BRAF": every item is negative
        negative_head = True
    elif (
        mentions
        and effect in ("none", "positive_default")
        and (tested := _tested_after_negative(sentence[: mentions[0].start], previous, rules))
    ):
        effect, effect_id = "tested_list", tested  # "No pathogenic variants identified. Genes analysed: ..."
    out: list[BiomarkerFinding] = []
    sentence = _result_colon_break(sentence, mentions)
    segs = segments(sentence, mentions)
    for i, (mention, flag) in enumerate(zip(mentions, flags, strict=True)):
        if flag.family:
            continue
        own = segs[i][0]
        if mention.rule_id.endswith("+method_clause"):
            own = sentence[mention.start : mention.end] + own  # "FISH pending": the test names the class
            segs[i] = (segs[i][0], "")  # "positive by IHC with": the first test's words
        if _MRD.match(own) or _DRUG_CLASS.match(own) or _generic(own, rules) or _anti(sentence, mention, own):
            continue
        if is_list_glue(own) and i + 1 < len(mentions) and _DRUG_CLASS.match(segs[i + 1][0]):
            continue  # "a CDK4/6 inhibitor was not added", "EGFR or ALK inhibitors": the class names them all
        if _value_names_one(sentence, mentions, i):
            continue  # "BRCA1/BRCA2 status: BRCA1 variant detected": the value names the gene
        if _names_next(mention, own, mentions, i):
            continue  # "the mismatch repair proteins show retained expression of MLH1, PMS2": theirs
        if _conceded(sentence, mention, mentions):
            continue  # "although FRα is expressed ...; it does not meet the FRα-positive criterion"
        before = segs[i][1]
        if _SEE_BEFORE.search(before):
            continue  # "(BRCA1 and BRCA2: see HRD result)": where a result is, not a result
        if _CLONE_NAME.match(own):
            continue  # "IHC, FOLR1-2.1 clone | 45% ...": the antibody's name, the stain is named elsewhere
        if _DANGLING_QUALIFIER.search(own):
            continue  # "gain estimated Below the laboratory's" (the cell's rest read elsewhere): cut off
        if _BIALLELIC_BEFORE.search(before) and (_LOSS_WORD.match(own) or before.rstrip().endswith("of")):
            continue  # "consistent with biallelic CDK12 loss": the truncating variants listed, restated
        if _FURTHER_VARIANT_BEFORE.search(before) and _VARIANT_WORD.match(own):
            continue  # "a second somatic DDX41 variant was not detected": not the gene's own result
        if _CARRIERS.match(own) and _POPULATION_BEFORE.search(before):
            continue  # "screening is not recommended for BRCA1 carriers without ...": a population
        if mention.gene.kind == "signature" and mention.standalone is None and _GENES_AFTER.match(own):
            continue  # "no germline variant in the mismatch repair genes": the genes tested, not MMR status
        if (
            (ratio := _CEP_RATIO.match(own))
            and _NUMBERS_ONLY.fullmatch(own[ratio.end() :].split("|")[0])
            and mention.gene.symbol != "ERBB2"  # her2.py reads HER2's ratio and copy number
            and any(
                m.gene is mention.gene
                and m.end <= mention.start
                and any(c.regex.search(sentence[m.end : mention.start]) for c in cues)
                for m in mentions
            )
        ):  # "MDM2 FISH | not amplified (MDM2/CEP12 ratio 1.1)": the ratio of the result given before it
            continue
        if _probe_label(sentence, mention, own, mentions):
            continue  # "TP53 (17p13.1) / CEP17 | deletion of 17p": the probe; the event is the result's
        if _FAMILY_VARIANT_BEFORE.search(before):
            continue  # "NEGATIVE for mom's BRCA1 variant": one relative's variant checked, not the gene
        if any(r.search(before) for r in (_INDICATION_BEFORE, _CONTRAST_BEFORE, _TYPICALLY_WITH_BEFORE)):
            continue  # "indicated for HER2-positive breast cancer", "(the opposite of MSI-high)": not hers
        if mention.gene.kind == "ihc" and (
            _SERUM_BEFORE.search(before)
            or _LAB_UNIT.search(own)
            or (_SERUM_ANALYTE.fullmatch(sentence[mention.start : mention.end]) and _LEVEL_WORD.match(own))
        ):
            continue  # "Serum CEA high at 146 ng/mL": a blood test of the same protein, not a stain
        if _CELL_COUNT.match(own) and _RESIDUAL.search(sentence):
            continue  # "CD20+ cells (<1%), i.e. complete response": a count of residual cells
        if _GATE.match(own) and _GATING.search(sentence):
            continue  # "CD45/SSC lymphocyte gate; CD3+ T cells 21%": a flow gate names cells, not the clone
        if _COUNTED_BY.search(segs[i][1]) and _STAIN.match(own):
            continue  # "no increase in blasts on CD34 immunostaining": the stain counts blasts
        if _ANY_BEFORE.search(before) and _DOES_NOT_EXCLUDE.match(own):
            continue  # "an HRD-negative result does not exclude benefit": any such result, not hers
        if any(r.regex.search(segs[i][1]) for r in rules.context.left_open):
            continue  # "a negative screen does not exclude NTRK3 fusions": a test's limit, no result
        if any(
            (b := r.regex.match(sentence)) and b.end() <= mention.start for r in rules.context.bystander_cells
        ):
            continue  # "T cells: CD3+, CD4:CD8 = 2.4, no aberrancy": background cells, not the tumour
        if _ENTITY_NAME.match(own) and any(
            r.regex.search(sentence[: mention.start]) for r in rules.context.differential
        ):
            continue  # "ETV4 negative (argues against CIC-rearranged sarcoma)": a diagnosis weighed
        if any(
            r.regex.search(sentence[: mention.start] if r.scope == "sentence" else segs[i][1])
            for r in rules.context.superseded
        ):
            continue  # "the original report (PMS2 intact)": the value the amendment replaced
        if any(r.regex.search(segs[i][1]) for r in rules.context.unmarked):
            continue  # "[x] EGFR mutation  [ ] ALK rearrangement": ALK's box was left empty
        borrowed = is_list_glue(own)
        if borrowed:  # "MLH1, PMS2, MSH2 retained": list members share the tail's words
            own = own + _list_tail(sentence, mentions, segs, i)
        if _IN_ERROR.search(own):
            continue  # "(MSI-low, 1/5 markers unstable) was reported in error": a withdrawn result
        if _PARTNER_OF_ABOVE.match(own):
            continue  # "ETV6 and NTRK3 participate in the fusion reported above": that row, restated
        if _QUESTIONED.match(sentence[mention.start : mention.end] + own):
            continue  # "she said I'm HER2 positive??", "is it ALK-rearranged?": asked, not stated
        ids = [mention.rule_id]
        if mention.standalone is not None:
            if _THRESHOLD_RULE.match(own) or _THRESHOLD_BEFORE.search(sentence[: mention.start]):
                continue  # "MSI-H if >= 46 loci altered": the report's cut-off, not the result
            rule = mention.standalone
            status, alteration, detail, value = rule.status, rule.alteration, None, rule.value
            origin = method = None
            cue = resolve_status(sentence, mentions, i, cues, borrow_forward=rule.status != "positive")
            if rule.status == "positive" and cue is not None and cue.status != "positive":
                status = cue.status  # "MSI-High NOT DETECTED", "MSI-H: pending"
                ids.append(cue.id)
            if cue is None and _REQUESTED_FOR.search(sentence[: mention.start]):
                continue  # "Requesting targetable alterations (NTRK, MSI-H)": a test asked for, no result
        else:
            gene = mention.gene
            head_class = False  # the class read from a list head's words, not the gene's own
            if gene.kind == "signature" and _LEVEL_THRESHOLD.match(own):
                continue  # "bTMB-high defined as >= 16 mut/Mb": the report's cut-off, not the result
            rest = sentence[mention.start :]  # HER2 ISH numbers follow later mentions
            named = _after_synonym(own, gene)
            if (note := _ANALYSIS_NOTE.match(named)) is not None:
                named = named[note.end() :]  # "EPCAM (deletion analysis included)": the test's scope
            sequenced = _sequencing(sentence, effect) or (
                gene.mmr and _listed_with_sequenced(sentence, mentions, i)
            )
            d = read_detail(named, gene.kind, gene.symbol, gene.mmr, sequenced, rest)
            if borrowed:
                d.detail = None  # "BRAF, KRAS, MET exon 14 skipping": the exon belongs to MET only
            cyto = mention.cytogenetic  # "t(4;14)", "del(17p)": the notation names the event
            alteration = cyto.alteration if cyto else "mutation" if mention.variant else d.alteration
            if _sequenced_list(section, effect) and gene.kind == "ihc" and d.alteration == "expression":
                alteration = None  # "WT1 | Not detected" under "genes with no variant detected": the gene
            elif gene.kind == "ihc" and d.alteration == "expression" and not _IHC_CONTEXT.search(own):
                # a stain's gene in a list of genomic results: "Fusions not detected for: CIC, WT1", "No
                # reportable alterations in the genes assayed: ASXL1, WT1" name the gene's fusion or variant
                after_last = sentence[mentions[i - 1].end if i else 0 : mention.start]
                if ";" not in after_last and _FUSION_HEAD.search(
                    segs[i][1] + _list_head_words(sentence, segs, i)
                ):
                    alteration = "fusion"  # (a ";" ends the list: "RET fusions; PD-L1 TPS <1%" is a stain)
                elif negative_head and _GENOMIC_HEAD.search(sentence[: mentions[0].start]):
                    alteration = "mutation"
            if mention.fusion and (alteration is None or d.by_method or d.junction):
                alteration = "fusion"  # "EML4-ALK (FISH): positive" names the fusion
            elif (
                d.by_method and d.method in _ISH_METHODS and (gene.fish_alteration or gene.default_alteration)
            ):
                # "ALK FISH negative", "MYC FISH pending": break-apart, a fusion test
                alteration = gene.fish_alteration or gene.default_alteration
            if (
                alteration in ("amplification", "fusion", "deletion", "mutation")
                and not (cyto or mention.variant or mention.fusion)
                and _IHC_KIT.match(own)
            ):
                # "ALK IHC (D5F3, OptiView with amplification): NEGATIVE": the kit's signal amplification
                alteration = None
            in_ihc = _ihc_row(section, sentence, own) or bool(_STAIN_LINE.match(sentence))
            if (
                alteration is None
                and gene.kind == "gene"
                # "EBER ISH | Negative" in a stain table is a virus test; "MCPyV large T antigen" a stain
                and not (gene.default_alteration == "other" and _IN_SITU.search(sentence))
                and (in_ihc or _IHC_CONTEXT.search(segs[i][1] + own))
            ):
                # "IHC: CD117 (c-KIT) diffusely positive": the protein; a loss marker's stain reads loss
                alteration = "loss" if gene.default_alteration == "loss" else "expression"
            if (
                alteration is None
                and gene.fusion_driver
                and _RNA.search(own)
                and not re.search(r"\bDNA\b", own)
            ):
                alteration, d.by_method = (
                    "fusion",
                    True,
                )  # the test's class, not a fusion found: "RET - (RNA)"
            if (
                alteration is None
                and not result_adjective(own)  # "NRG1 fusion ... a KRAS-mutant tumor": KRAS's own word
                and _FUSION_HEAD.search(
                    segs[i][1]
                    + _list_head_words(sentence, segs, i)
                    # the whole head of a negative list: "Genes with fusions covered and negative include"
                    + (
                        sentence[: mentions[0].start]
                        if negative_head and _in_first_list(sentence, mentions, i)
                        else ""
                    )
                )
            ):
                alteration = "fusion"  # "no fusions detected involving ALK, ROS1, RET"
                head_class = True
            detail = mention.variant or mention.fusion or (cyto.detail if cyto else None) or d.detail
            value, origin, method = d.value, d.origin or _list_origin(sentence, mentions, segs, i), d.method
            if alteration in (None, "expression") and _mutation_clone(gene, segs[i][1] + own):
                alteration, method = "mutation", "IHC"  # "BRAF VE1 IHC equivocal": the V600E-specific stain
            if d.ocr_repaired:
                ids.append("ocr.fix.protein_position")
            if d.copy_number and alteration == "loss":
                ids.append(COPY_NUMBER_LOSS)  # "SMAD4 loss (exons 1-12)": maybe the deletion restated
            amended = amended_cue(own, cues, _to_next(sentence, mentions, i))
            cue = amended or resolve_status(sentence, mentions, i, cues)
            if (
                amended is None
                and cue is not None
                and cue.status == "uncertain"
                and detail
                and resolve_status(sentence, mentions, i, cues, borrow_forward=False) is None
            ):
                continue  # "KRAS G12D, TP53 R248Q, PALB2 VUS": the VUS is PALB2's; KRAS's class is unstated
            if (
                cue is not None
                and cue.id == _GENE_COLON_NO
                and mention.variant is not None
                and own.lstrip().startswith("|")
            ):
                cue = None  # "APC | R1450* ; E1309fs*4 | none | none": the variant is the result, "none" the
                # next column's (therapies)
            if cue is None:  # "EGFR T790M  -" on a handwritten slip: the sign is the whole result
                cue = shorthand_cue(sentence, segs[i][0], rules.context.shorthand_signs)
            if cue is None and _stain_row(
                gene, mention, section, in_ihc, segs[i][1] + own, alteration, detail
            ):
                # "PAX5 | DAK-Pax5 | + | nuclear", "CDX2 | - |", "TTF-1 ...... +": a stain's sign column
                # (unlike a variant table's "KRAS | G12C | -", whose dash is an empty VAF cell)
                cue = sign_cue(segs[i][0], rules.context.stain_signs)
                if cue is not None and alteration is None:
                    alteration = "loss" if gene.default_alteration == "loss" else "expression"
            if cue is None and not detail:  # a named variant is a result; a later "pending" is not its
                cue = unknown_after_semicolon(sentence, mentions, i, cues)
            if cue is not None and cue.id == "st.negative.wild_type" and gene.kind == "signature":
                cue = None  # "HRD | BRCA wild-type, GIS-high": a gene's word, never a signature's result
            if gene.default_alteration == "other" and _VIRUS_INDEPENDENT.match(own):
                cue = _INDEPENDENT  # "SCC, HPV-independent, ..., LVSI present": the virus is not the cause
            status = cue.status if cue else None
            if (
                cue is not None
                and cue.id == "st.negative.negative_for"
                and gene.symbol == "ERBB2"
                and (d.detail or "").startswith("IHC")
                and d.implied_status in ("positive", "equivocal")
            ):
                continue  # "her tumour is not HER2 3+": which score it is not, never HER2-negative
            if status == "positive" and gene.symbol == "ERBB2" and _faint_membrane_only(own, cue):
                cue, status = None, None  # "faint, incomplete staining is present in 5%": HER2 0/1+ described
            if status == "negative" and _negative_share_only(own):
                continue  # "CLDN18.2: 82% 2+/3+, 6% 1+, 12% negative": shares of cells by intensity
            if cue is not None and cue.id == _LOSS_OF and not detail and alteration in (None, "mutation"):
                alteration = "loss"  # "loss of MLH1 and PMS2": the words before the gene name the class
            if cue:
                ids.append(cue.id)
            if amended is not None and reclassified(own):
                ids.append(RECLASSIFIED_ID)  # the VUS row the reclassification replaced goes (pipeline.py)
            stained = in_ihc or bool(_IHC_CONTEXT.search(segs[i][1] + own) or _PATTERN_WORD.search(own))
            # "p53 (DO-7) ... ABNORMAL (mutant-type)": the protein's name (p53, not TP53) reads the stain
            stained = stained or bool(_PROTEIN_NAME.fullmatch(sentence[mention.start : mention.end]))
            named_stain = _stain_named(gene, segs[i][1] + sentence[mention.start : mention.end] + own)
            read = _pattern_result(gene, own, stained)  # "p53 aberrant (null pattern)": a stain's pattern
            if read is None and gene.ihc_pattern is not None:
                # "in keeping with the aberrant p53 immunostain": the pattern word before the name
                read = _pattern_result(gene, segs[i][1] + own, stained)
            if read is not None:  # "p53: wild-type pattern" reads TP53 mutation status, not expression
                alteration, status, detail = read
                method, cue = "IHC", None
                ids.append(f"ihc_pattern.{gene.symbol}")
            if d.implied_status and (
                status is None
                or (status == "positive" and d.implied_decisive)
                or (cue is not None and cue.id == _NOT_HIGH and d.implied_decisive)
            ):
                # the number decides: "PD-L1 positive (TPS 0%)" is not positive; a stated negative stays,
                # but "not high" only ranks a level ("PD-L1 TPS 20%, not high"), so a score decides it
                status = d.implied_status
                ids.append("value.threshold")
            label = label_word(segs[i][0]) if gene.symbol == "ERBB2" else None
            if label is not None and d.alteration != "amplification":  # "HER2-low), FISH ...": the ISH result
                if flag.negated and _negation_reaches(sentence, mentions, i, flag, offset):
                    continue  # "not HER2-low"
                # "HER2-low": HER2-negative by ASCO/CAP; the level is kept in the detail (see her2.py)
                scored = d.detail if d.detail and d.detail.startswith("IHC") else None
                alteration, status, method = "expression", "negative", "IHC"
                detail = f"{scored} ({label})" if scored else label  # "HER2-ultralow (IHC 0 ...)"
                ids = [mention.rule_id, LABEL_RULE]
            listed_only = False
            if (
                status is None
                and effect in _SECTION_STATUS
                and not (effect == "uncertain_list" and gene.kind == "signature")
                and not (effect == "uncertain_list" and named_stain)
            ):  # TMB or MSI, or a PD-L1 stain, under a VUS heading is no variant of uncertain significance
                status = _SECTION_STATUS[effect]
                ids.append(effect_id)
                listed_only = effect == "tested_list"
            if status is None and flag.negated and _negation_reaches(sentence, mentions, i, flag, offset):
                status = "negative"
                ids.extend(flag.rule_ids)
            if status is None and gene.mmr and _mmr_panel_expressed(sentence, mentions, i):
                status = "negative"  # "all 4 MMR stains present - MLH1, PMS2, MSH2, MSH6": each retained
                ids.append("st.mmr_staining")
            if status is None and effect != "positive_default" and _TEST_NAME.search(segs[i][1]):
                continue  # "FISH for HER2 amplification was sent": the name of a test, not a result
            if status is None and _REQUESTED_FOR.search(sentence[: mention.start]):
                continue  # "NGS requested for EGFR, KRAS, MET exon 14 skipping": tests asked for, no result
            if status is None and _PROBE.search(own):
                continue  # "FISH (BCR/ABL1 dual-fusion probe, 200 nuclei)": the test's reagent, not a result
            if status is None and (not detail or _IHC_CONTEXT.search(own)) and own.rstrip().endswith(":"):
                # "RET rearrangement by FISH:" heads a block; its result is stated below. So does a
                # mutation-specific stain ("BRAF V600E immunohistochemistry (clone VE1):"): the variant
                # is what the antibody detects, not a finding
                continue
            if status is None and effect == "plan":
                continue  # a plan names tests and targets; only a stated result is a finding
            if status is None and cyto is not None and cyto.needs_cue:
                continue  # "1q gain / 1p del" names what the probes detect; the result is stated elsewhere
            if status is None and not detail and (_ITEM_ONLY.match(own) or _DEL_DUP_TEST.search(own)):
                continue  # "EPCAM (deletion/duplication only)": what was tested; its result is elsewhere
            # "RNA panel | ALK, RET | Fusions (any partner)": the class cell after a list is what was tested
            tested = _CATEGORY.match(own.lstrip(" ,/&|")) or _ASSAY_SCOPE.match(own)
            if status is None and not detail and tested:
                continue  # "FGFR2 fusions (intron 17 capture) ...": a tested category, its result elsewhere
            if status is None and not detail and result_slot(own):
                continue  # "RET fusion: N/A", "MET amplification: ratio 1.3": a result we cannot read
            if status is None and detail and (sibling := _sibling_status(sentence, mentions, i, cues)):
                cue, status = sibling, sibling.status  # "(C228T / C250T): wild type": the list's result
                ids.append(sibling.id)
            if status is None and (
                detail
                # "RNA fusion panel was not sent given the EGFR driver": a class borrowed from the words
                # before, with no result word, names what a test looks for, never a fusion found
                or (alteration in ("amplification", "fusion", "deletion") and not (d.by_method or head_class))
            ):
                status = "positive"  # a named variant listed as a finding
                ids.append(section.id if section and effect == "positive_default" else "st.positive.listed")
            if status is None or (status == "positive" and mention.rule_id.endswith("+range_sibling")):
                continue  # "NTRK1-3 fusion: positive" does not say which NTRK gene is fused
            if effect == "uncertain_list" and status == "positive" and not named_stain:
                status = "uncertain"
            if (
                negative_head
                and status in ("uncertain", "positive")
                and cue is not None
                and not cue.regex.search(" ".join(segs[i][0].split()))
                and _in_first_list(sentence, mentions, i)
            ):
                # "No pathogenic, likely pathogenic or uncertain-significance variants were found in:
                # APC, ATM": the head's class words are what the "no" denies, never an item's result
                status = "negative"
                ids.append(effect_id)
            if effect == "negative_list" and status == "positive":
                if cue is not None and cue.status == "positive":
                    continue  # "BCR::ABL1 is detected" under a negative list: a heading was lost; abstain
                status = "negative"  # a gene in the no-reportable-alterations list is never positive
            if (
                status == "negative"
                and alteration == "fusion"
                and _FUSION_MONITORING.search(segs[i][1] + own)
            ):
                continue  # "BCR::ABL1 undetectable on ponatinib": molecular monitoring, not a negative fusion
            if alteration is None and (_MUTANT_ADJECTIVE.match(own) or _EXON_LABEL.match(own)):
                alteration = "mutation"  # "HER2-mutant lung adenocarcinoma", "HER2 (exon 20): not detected"
            if (
                alteration is None
                and gene.symbol == "ERBB2"
                and (
                    not sentence[mention.start : mention.end].upper().startswith("ERBB2")
                    or any(m.gene.kind == "ihc" for m in mentions)
                )
            ):
                alteration = "expression"  # "HER2-negative", "ER+/PR+/HER2-": the receptor (protein) status
            stain = _stain_read(gene, section, sentence, segs[i][1] + own, effect)
            if gene.default_alteration == "loss" and alteration in (None, "expression") and stain:
                alteration = "loss"  # "SDHB | − | no staining": a loss marker's stain reads loss
            if alteration == "loss" and cue is not None and cue.id in _STAINING_CUES and stain:
                status = _FLIP.get(status, status)  # MMR IHC: "MLH1 negative" = staining lost = deficient
                ids.append("st.mmr_staining" if gene.mmr else "st.loss_staining")
            if (
                gene.symbol == "MMR"
                and status == "positive"
                and cue is not None
                and cue.id in _STAINING_CUES
                and not _MMR_LOST.search(own)  # "MMR deficiency detected": the deficiency is the result
            ):
                # "all 4 MMR stains present", "MMR proteins: positive": the proteins are expressed, the
                # tumour proficient; a positive word on MMR without a stain named is no reading at all
                if not _MMR_EXPRESSED.search(segs[i][1] + sentence[mention.start : mention.end] + own):
                    continue
                status = "negative"
                ids.append("st.mmr_staining")
            if alteration is None and section is not None and _sequenced_list(section, effect):
                alteration = section.alteration  # "no variants detected (DNA hotspots)": ALK is a mutation
            if alteration is None and _protein_alias(gene, sentence[mention.start : mention.end]):
                alteration = "expression"  # "p16 positive", "metastatic p16+ SCC": the p16 stain
            if (
                alteration is None
                and gene.default_alteration == "fusion"
                and _SEQUENCE_VARIANT.search(sentence)
            ):
                alteration = (
                    "mutation"  # "Germline RET: no pathogenic variant detected": sequenced, not a fusion test
                )
            if alteration is None and gene.default_alteration == "loss" and _sequencing(sentence, effect):
                alteration = (
                    "mutation"  # "germline testing: no pathogenic variant in SDHB": the gene, sequenced
                )
            if alteration is None:
                alteration = gene.default_alteration or {"ihc": "expression", "signature": "signature"}.get(
                    gene.kind, "mutation"
                )
        gene_ = mention.gene
        reads_loss = gene_.default_alteration == "loss" or gene_.mmr or gene_.stain_reads_loss
        if alteration == "expression" and cue is not None and cue.id in _KEPT_OR_LOST and reads_loss:
            alteration = "loss"  # "PTEN IHC: retained": a tumour-suppressor stain reads loss, not expression
        elif alteration == "expression" and cue is not None and cue.id in _KEPT and status == "negative":
            status = "positive"  # "ER retained": a retained stain is expressed, never "expression negative"
        elif (
            alteration in ("expression", "loss")
            and cue is not None
            and cue.id in (_LOST, _LOSS_OF)
            and status == "positive"
            and not reads_loss
            and (gene_.kind == "ihc" or _EXPRESSION_WORDS.search(own + segs[i][1]))
        ):  # "ER: lost", "loss of CD20/CD79a": the protein is no longer made - never "CD20 positive"
            alteration, status = "expression", "negative"
        if alteration in ("loss", "expression"):
            origin = None  # a stain reads the tumour ("because of BAP1 loss he had germline testing")
        if status == "unknown" and any(
            r.regex.search(_own_reason(sentence, mention))
            or r.regex.search(_list_head_words(sentence, segs, i) or segs[i][1])
            for r in rules.context.not_ordered
        ):
            # "HER2: not performed (not indicated for squamous histology)", "...; they are not needed",
            # "FUS FISH was not performed as EWSR1 was positive"; a list's head says it for every item
            # ("Not tested on this specimen: BRAF, NF1")
            continue  # never ordered
        if flag.hypothetical and status != "unknown":
            continue  # "if ALK positive we would ..." states no result
        if flag.possible and status == "positive":
            status = "uncertain"
            ids.extend(flag.rule_ids)
        if (
            method is None
            and alteration == "expression"
            and ((section and section.kind == "ihc") or _IHC_CONTEXT.search(segs[i][1] + segs[i][0]))
        ):
            method = "IHC"
        if (
            status == "positive"
            and detail
            and (alteration == "mutation" or mention.cytogenetic is not None)  # "a new del(17p)"
            and _ACQUIRED.search(segs[i][1] + _to_next(sentence, mentions, i))
        ):
            ids.append(ACQUIRED_ID)  # "acquired TP53 G245S"
        if detail is None:  # "AR-V7 positive": the isoform's result (a name, not a variant found)
            detail = mention.gene.isoform_aliases.get(sentence[mention.start : mention.end])
        span = (offset + mention.start, offset + mention.end, (offset, offset + len(sentence)))
        finding = BiomarkerFinding(
            gene=mention.gene.symbol,
            alteration=alteration,
            status=status,
            start=span[0],
            end=span[1],
            sentence=span[2],
            rule_id="+".join(ids),
            detail=detail,
            value=value,
            origin=origin,
            method=method,
            listed_only=mention.standalone is None and listed_only,
        )
        out.append(finding)
        if status == "positive" and alteration == "mutation" and detail and GERMLINE_NOTE.search(own):
            # "somatic BRCA2 R2520* (germline negative)": the tumour's variant, and a germline test without it
            out.append(replace(finding, status="negative", origin="germline", detail=None, value=None))
        # a copy-number or fusion call of a gene, which a sequencing test of the gene may stand beside
        class_call = (
            alteration in ("amplification", "deletion", "fusion")
            and mention.standalone is None
            and not mention.fusion
        )
        if class_call and status in ("negative", "unknown") and _SNV_CLASS.search(own):
            # "PTEN | SNV/indel, homozygous deletion | Not detected": both classes were tested
            sequenced = replace(finding, alteration="mutation", detail=None, value=None)
            if finding.listed_only and alteration in ("amplification", "deletion"):
                # "DNA | KRAS, BRAF | SNV, indel, copy number" under genes assayed: a copy-number call
                # does not say which way, so only the sequence class is read from the listing
                out[-1] = sequenced
            else:
                out.append(sequenced)
        elif (
            class_call
            and status == "negative"
            and (
                _NO_VARIANT_CLAUSE.match(_after_clause(sentence, mentions, segs, i))
                or _NO_VARIANT_OWN.search(segs[i][0])
            )
        ):  # "EGFR: no amplification; no pathogenic variant", "ERBB2 - no amplification, no mutation":
            # the gene's second test, sequencing
            out.append(replace(finding, alteration="mutation", detail=None, value=None))
        if mention.standalone is None and mention.gene.symbol == "ERBB2" and alteration == "amplification":
            scored = ihc_alongside(own, finding)
            if status == "unknown" and _NOT_DONE in ids and scored and scored[0].status != "equivocal":
                out.remove(finding)  # "IHC 1+, ISH not performed": ISH is reflexed for an IHC 2+ only
            out += scored
    return with_level_words(sentence, out)
