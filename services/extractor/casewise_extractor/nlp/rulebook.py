"""Rule files as typed data: every JSON file under ``rules/`` loads into a pydantic model that
forbids unknown keys, so a typo in a rule file fails at load time, not silently at run time.

Each rule has a stable ``id``; extracted facts carry it in ``Evidence.rule_id``.
"""

from __future__ import annotations

import json
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

from casewise_core.profile import AlterationClass, BiomarkerStatus, Outcome
from pydantic import BaseModel, ConfigDict, Field

RULES_DIR = Path(__file__).with_name("rules")


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _RegexRule(_Rule):
    id: str
    pattern: str

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)


class IhcPattern(_Rule):
    """How a pattern-read stain maps to a result. ``aberrant`` is checked for a negation in front
    ("no aberrant staining"); a clause matching both patterns, or neither, gives no pattern result."""

    alteration: AlterationClass
    aberrant: str
    normal: str

    @cached_property
    def aberrant_regex(self) -> re.Pattern[str]:
        return re.compile(self.aberrant, re.IGNORECASE)

    @cached_property
    def normal_regex(self) -> re.Pattern[str]:
        return re.compile(self.normal, re.IGNORECASE)


class GeneEntry(_Rule):
    id: str
    symbol: str
    aliases: list[str] = Field(default_factory=list)
    strict_aliases: list[str] = Field(default_factory=list)
    kind: Literal["gene", "ihc", "signature"] = "gene"
    fusion_driver: bool = False
    mmr: bool = False
    # class of a gene-level result that names no alteration ("ALK: negative" is a fusion result)
    default_alteration: AlterationClass | None = None
    # class of a FISH result that names no alteration: MYC/BCL2/BCL6 FISH in lymphoma is break-apart
    fish_alteration: AlterationClass | None = None
    # aliases that name the protein, not the gene: a bare result on "p16" is the p16 stain (CDKN2A
    # expression by IHC), never a CDKN2A mutation
    protein_aliases: list[str] = Field(default_factory=list)
    # a tumour suppressor whose stain is read for its loss even though its default class is not loss
    # (PTEN is sequenced as often as stained): "PTEN IHC retained" = PTEN loss negative
    stain_reads_loss: bool = False
    # a stain read for the gene's mutation status by its pattern (p53 IHC: wild-type pattern = no
    # TP53 mutation; overexpression, null or cytoplasmic = aberrant, a mutation surrogate)
    ihc_pattern: IhcPattern | None = None
    # mutation-specific antibody clones (BRAF VE1 = V600E): a stain with one reads the gene's mutation
    # status, never its expression
    mutation_clones: list[str] = Field(default_factory=list)
    # names of one isoform or splice variant of the protein ("AR-V7"): a result read on one is that
    # isoform's, so the name (mapped to its one spelling) is the finding's detail
    isoform_aliases: dict[str, str] = Field(default_factory=dict)


class StandaloneRule(_RegexRule):
    gene: str
    alteration: AlterationClass
    status: BiomarkerStatus
    value: str | None = None


class CytogeneticRule(_RegexRule):
    """A karyotype or FISH event named without its gene: t(4;14) is IGH::FGFR3, del(17p) is TP53.

    ``needs_cue``: the notation also names probe targets in a results table ("1p del" in the column
    of what a probe detects), so it is a finding only where a word states the result."""

    gene: str
    alteration: AlterationClass
    detail: str
    partners: list[str] = Field(default_factory=list)
    needs_cue: bool = True


class BiomarkerRules(_Rule):
    version: str
    description: str = ""
    genes: list[GeneEntry]
    standalone: list[StandaloneRule]
    cytogenetic: list[CytogeneticRule] = Field(default_factory=list)


class StatusCue(_RegexRule):
    status: BiomarkerStatus
    position: Literal["before", "after", "any"]


class NoneDetectedRule(_RegexRule):
    """ "No gene fusions detected": a statement that no event of one class was found."""

    alteration: AlterationClass


class SupersededRule(_RegexRule):
    """Words before a gene citing a replaced value; ``scope`` "sentence" reads all of the sentence
    before the gene ("The original report ... was based on ... partial CD23"), "clause" its clause."""

    scope: Literal["clause", "sentence"] = "clause"


class ContextRuleSpec(_Rule):
    id: str
    literal: str
    category: str
    direction: Literal["FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"]
    pattern: list[dict[str, Any]] | None = None


class ContextRules(_Rule):
    version: str
    description: str = ""
    status_cues: list[StatusCue]
    # a sentence opening with one of these ("Not detected: ALK fusion, BRAF, ...") is a negative list
    list_heads: list[_RegexRule] = Field(default_factory=list)
    # a sentence in a family-history section that is about the patient ("Patient's own testing ...")
    patient_self: list[_RegexRule] = Field(default_factory=list)
    boilerplate: list[_RegexRule]
    # a gene's own clause about a population ("may stain in non-rearranged tumours"), not a result
    generic_clauses: list[_RegexRule] = Field(default_factory=list)
    # the words before a gene that cite the value an amendment replaced ("the original report (")
    superseded: list[SupersededRule] = Field(default_factory=list)
    left_open: list[_RegexRule] = Field(default_factory=list)
    # the words before a tumour named by its alteration ("argues against CIC-rearranged sarcoma", "the
    # differential includes BCOR-altered sarcoma"): a diagnosis weighed, not the patient's result
    differential: list[_RegexRule] = Field(default_factory=list)
    # a sentence that opens on a non-neoplastic population ("Background T cells: CD3+", "T cells: CD3+,
    # no aberrancy"): the markers after it are that population's, not the tumour's (matched at the start)
    bystander_cells: list[_RegexRule] = Field(default_factory=list)
    # the words right before a gene that make it an unticked form option ("[ ] ALK rearrangement", "☐ EGFR"):
    # a box left empty states nothing about the gene
    unmarked: list[_RegexRule] = Field(default_factory=list)
    # "HER2: not performed (not indicated for squamous histology)": a test never ordered, no finding
    not_ordered: list[_RegexRule] = Field(default_factory=list)
    # "the panel includes ALK, ROS1, ...": what a test covers. It states no result by itself; with a
    # none_detected statement of one class in the same or the sentence before, each gene is negative
    coverage_lists: list[_RegexRule] = Field(default_factory=list)
    none_detected: list[NoneDetectedRule] = Field(default_factory=list)
    # a lone sign that is the whole result of a short shorthand line ("EGFR T790M  -", "ALK - (IHC)");
    # read only where status.shorthand_cue finds such a line, never in a table cell
    shorthand_signs: list[StatusCue] = Field(default_factory=list)
    # a lone sign that is a stain's result in its own table row or dotted-leader line ("PAX5 | L26 | +",
    # "CD34 | - | vessels +", "TTF-1 ...... +"); read only for a stain row (status.sign_cue)
    stain_signs: list[StatusCue] = Field(default_factory=list)
    context_rules: list[ContextRuleSpec]


class SectionRule(_Rule):
    id: str
    kind: str
    effect: Literal[
        "negative_list",
        "uncertain_list",
        "tested_list",
        "ignore",
        "positive_default",
        "family",
        "plan",
        "criteria",
        "none",
    ]
    pattern: str
    # the section applies only when the document also matches this ("No other pathogenic variants ...")
    requires: str | None = None
    # the class of a listed gene that names none: a "no variants detected (DNA hotspots)" list is
    # sequence variants, so ALK there is "mutation" (a DNA hotspot panel rules out no fusion)
    alteration: AlterationClass | None = None

    @cached_property
    def requires_regex(self) -> re.Pattern[str] | None:
        return re.compile(self.requires, re.IGNORECASE) if self.requires else None

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(r"[ \t>*#\-\d.)]*(?:" + self.pattern + ")", re.IGNORECASE | re.MULTILINE)


class SectionRules(_Rule):
    version: str
    description: str = ""
    sections: list[SectionRule]


class DrugEntry(_Rule):
    id: str
    generic: str
    brands: list[str] = Field(default_factory=list)
    codes: list[str] = Field(default_factory=list)  # development code names ("MCLA-128"), public and stable
    short: list[str] = Field(default_factory=list)
    in_regimen_only: bool = False
    # steroids given with this drug to offset its effects ("abiraterone + prednisone"), not anticancer
    # drugs of their own: a list that names both gives this drug only
    companions: list[str] = Field(default_factory=list)
    # the words right after a mention (matched from its end) that make it supportive care, not an
    # anticancer drug given ("leucovorin rescue" after high-dose methotrexate, unlike FOLFOX's leucovorin)
    supportive_after: str | None = None

    @cached_property
    def supportive_regex(self) -> re.Pattern[str] | None:
        return re.compile(self.supportive_after, re.IGNORECASE) if self.supportive_after else None


class RegimenRule(_RegexRule):
    name: str
    drugs: list[str]


class OutcomeRule(_RegexRule):
    outcome: Outcome
    before: str | None = None  # the words right before a drug that name its outcome ("progressed on")

    @cached_property
    def before_regex(self) -> re.Pattern[str] | None:
        return re.compile(rf"(?:{self.before})\s*$", re.IGNORECASE) if self.before else None


class ProcedureRule(_RegexRule):
    kind: Literal["surgery", "radiation", "other"]


class SettingRule(_RegexRule):
    """Words that name the current regimen's setting ("on ADT"); ``drugs``: the drugs it means, or
    none for a setting that means whatever single regimen is current ("on maintenance")."""

    drugs: list[str] = Field(default_factory=list)
    # the setting's drugs are a backbone kept through progression on a partner: androgen deprivation
    # goes on when the disease becomes castration-resistant on ADT + abiraterone, so that progression
    # is the partner's, not the ADT drug's
    backbone: bool = False


class TreatmentRules(_Rule):
    version: str
    description: str = ""
    drugs: list[DrugEntry]
    regimens: list[RegimenRule]
    received_cues: list[_RegexRule]
    not_received_cues: list[_RegexRule]
    # searched in all of a drug's clause after it ("X and Y were discussed"), not only nearby
    not_received_after: list[_RegexRule] = Field(default_factory=list)
    # a head earlier in the sentence that makes every drug after it one weighed or asked for, not given:
    # "Alternatives discussed: (a) ...; (b) X - ...", "Requested agent: X 5 mg/kg"
    not_given_heads: list[_RegexRule] = Field(default_factory=list)
    # "X was never given", "X on the outside record is an error": the record of X is withdrawn
    retraction_cues: list[_RegexRule] = Field(default_factory=list)
    outcomes: list[OutcomeRule]
    procedures: list[ProcedureRule]
    # headings under which a sentence that names no drug assesses the current regimen
    assessment_headings: list[_RegexRule] = Field(default_factory=list)
    settings: list[SettingRule] = Field(default_factory=list)


class AbstainRule(_RegexRule):
    note: str = ""

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)  # case matters: gene symbols are upper case


class FixRule(_Rule):
    id: str
    wrong: str
    right: str


class CharFixRule(_Rule):
    """A same-length character repair inside words ("n0t" -> "not", "8O%" -> "80%"); case matters."""

    id: str
    pattern: str
    right: str
    note: str = ""

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


class OcrRules(_Rule):
    version: str
    description: str = ""
    abstain: list[AbstainRule]
    fix_gene: list[FixRule]
    fix_chars: list[CharFixRule] = Field(default_factory=list)


class Rulebook(_Rule):
    biomarkers: BiomarkerRules
    context: ContextRules
    sections: SectionRules
    treatments: TreatmentRules
    ocr: OcrRules

    @property
    def versions(self) -> dict[str, str]:
        return {
            name: getattr(self, name).version
            for name in ("biomarkers", "context", "sections", "treatments", "ocr")
        }


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=4)
def load_rulebook(rules_dir: Path = RULES_DIR) -> Rulebook:
    """Load and validate every rule file (cached: rule files are read once per process)."""
    return Rulebook(
        biomarkers=BiomarkerRules.model_validate(_read(rules_dir / "biomarkers.json")),
        context=ContextRules.model_validate(_read(rules_dir / "context.json")),
        sections=SectionRules.model_validate(_read(rules_dir / "sections.json")),
        treatments=TreatmentRules.model_validate(_read(rules_dir / "treatments.json")),
        ocr=OcrRules.model_validate(_read(rules_dir / "ocr.json")),
    )
