"""The patient profile: what extraction produces and everything downstream reads.

``casewise extract --json``, ``GET /v1/cases/{id}/profile`` and the answerer all use this one
schema. Every fact carries ``evidence`` (document, page, character span, sentence) and the id of
the rule that produced it, so a patient or clinician can check it against the record.

Status semantics matter for safety: ``negative`` means a test was done and the alteration was not
found; ``unknown`` means the test failed, was insufficient or was not done. "Not tested" is never
``negative``. ``uncertain`` is a variant of uncertain significance (VUS).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BiomarkerStatus = Literal["positive", "negative", "equivocal", "uncertain", "unknown"]
AlterationClass = Literal[
    "mutation", "fusion", "amplification", "loss", "expression", "signature", "deletion", "other"
]
Origin = Literal["somatic", "germline"]
Outcome = Literal["response", "stable", "progression", "ongoing", "stopped"]
StagePrefix = Literal["c", "p", "yp", "yc", "r", "a"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """Where a fact was read: the sentence, and the exact span on the page."""

    document: str = Field(description="Document name as uploaded (display only)")
    document_id: str | None = Field(default=None, description="Document id in the service; None on the CLI")
    page: int = Field(ge=1)
    start: int | None = Field(default=None, description="Character offset of the mention in Page.text")
    end: int | None = None
    text: str = Field(description="The sentence (or table row) the fact was read from")
    rule_id: str | None = Field(default=None, description="Id of the extraction rule that fired")
    document_date: str | None = Field(
        default=None, description="Report date (ISO) when the report states one"
    )


class Cancer(_Model):
    name: str | None = None
    oncotree_code: str | None = None
    histology: str | None = None
    tissue: str | None = Field(default=None, description="OncoTree tissue, e.g. Lung")
    evidence: list[Evidence] = Field(default_factory=list)


class Stage(_Model):
    group: str | None = Field(default=None, description="AJCC group, e.g. IIIA or IVB")
    t: str | None = Field(default=None, description="e.g. T2a (without prefix)")
    n: str | None = Field(default=None, description="e.g. N1a")
    m: str | None = Field(default=None, description="e.g. M1c")
    prefix: StagePrefix | None = Field(
        default=None, description="c (clinical), p (pathologic), yp (after therapy)"
    )
    evidence: list[Evidence] = Field(default_factory=list)


class Biomarker(_Model):
    id: str = Field(default="", description="Stable key within a profile, used for corrections")
    gene: str = Field(
        description="HGNC symbol, a signature name (TMB, MSI, HRD, MMR), a chromosomal marker (1p/19q) "
        "or a viral marker (HPV, MCPyV)"
    )
    alteration: AlterationClass
    detail: str | None = Field(
        default=None, description="p.G12C, exon 19 deletion, CD74-ROS1, 3+ (IHC) ... normalised"
    )
    status: BiomarkerStatus
    value: str | None = Field(default=None, description="TPS 80%, ratio 2.4, 12 mut/Mb, VAF 23% ...")
    origin: Origin | None = None
    method: str | None = Field(default=None, description="IHC, FISH, NGS, PCR ... where stated")
    evidence: list[Evidence] = Field(default_factory=list)


class Treatment(_Model):
    id: str = ""
    agent: str = Field(description="Generic drug name, lower case (e.g. osimertinib)")
    start: str | None = Field(default=None, description="ISO date or partial date (2024-03)")
    end: str | None = None
    outcome: Outcome | None = None
    line: int | None = Field(default=None, description="Line of therapy where stated")
    regimen: str | None = Field(default=None, description="Regimen name when given as one (FOLFOX)")
    evidence: list[Evidence] = Field(default_factory=list)


class Procedure(_Model):
    id: str = ""
    kind: Literal["surgery", "radiation", "other"]
    name: str
    date: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class ProfileConflict(_Model):
    """Two documents disagree and neither clearly wins: kept for a person to decide."""

    field: str = Field(description="e.g. biomarker:ERBB2:amplification or stage.t")
    values: list[str]
    evidence: list[Evidence] = Field(default_factory=list)
    note: str = ""


class Flag(_Model):
    """Something a clinician should look at: e.g. a finding unusual for the cancer type."""

    code: str = Field(description="e.g. unusual_for_cancer_type")
    message: str
    fact_id: str | None = None


class Correction(_Model):
    """A patient's confirmation or correction of a fact. Never overwrites the extracted evidence."""

    id: str = ""
    fact_id: str = Field(description="Biomarker/treatment id, or 'cancer' / 'stage'")
    action: Literal["confirm", "correct", "reject"]
    field: str | None = Field(default=None, description="Field corrected, e.g. status")
    value: str | None = None
    note: str | None = None
    by: str = "patient"
    at: datetime | None = None


class Profile(_Model):
    cancer: Cancer = Field(default_factory=Cancer)
    stage: Stage = Field(
        default_factory=Stage,
        description="The current stage: the latest and most definitive one stated (after neoadjuvant "
        "therapy, the yp stage). Its history is in stage_history.",
    )
    stage_history: list[Stage] = Field(
        default_factory=list,
        description="Every distinct stage the records state, oldest first, each with its prefix and "
        "evidence (document date where the report gives one): e.g. the clinical stage at diagnosis "
        "(cT2 cN0, IIA) and then the stage after neoadjuvant therapy (ypT1a ypN0). A y stage records "
        "what therapy left; it does not restage the cancer at diagnosis (AJCC 8th ed.), so both are "
        "kept. The same stage restated, or restated with less detail, appears once.",
    )
    biomarkers: list[Biomarker] = Field(default_factory=list)
    treatments: list[Treatment] = Field(default_factory=list)
    procedures: list[Procedure] = Field(default_factory=list)
    conflicts: list[ProfileConflict] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    corrections: list[Correction] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list, description="Documents the profile was built from")

    def positive_biomarkers(self) -> list[Biomarker]:
        return [b for b in self.biomarkers if b.status == "positive"]

    def negative_genes(self) -> set[str]:
        """Genes tested negative for every alteration found for them (never positive anywhere)."""
        positive = {b.gene for b in self.biomarkers if b.status == "positive"}
        return {b.gene for b in self.biomarkers if b.status == "negative"} - positive


def fact_id(kind: str, *parts: str | None) -> str:
    """A stable, readable id for a fact: ``biomarker:EGFR:mutation:p.L858R``."""
    return ":".join([kind, *[(p or "").replace(":", "-").replace(" ", "_") for p in parts]]).rstrip(":")
