"""Request and response models of the public API, named by role (``CaseCreated``, ``JobPublic`` ...)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from casewise_core.storage.models import Document, Job
from pydantic import BaseModel, ConfigDict, Field

_EXAMPLE_ID = "3f2a9c0e6b1d4e7f9a8b7c6d5e4f3a2b"
_EXAMPLE_TIME = "2026-11-21T15:20:00Z"


class ErrorBody(BaseModel):
    code: str = Field(description="Stable error code, e.g. encrypted_pdf", examples=["encrypted_pdf"])
    message: str = Field(description="What happened and what to do, for a person")


class ErrorPublic(BaseModel):
    """Every error response has this shape."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "code": "encrypted_pdf",
                        "message": "This PDF is password-protected. Remove the password and upload again.",
                    }
                }
            ]
        }
    )
    error: ErrorBody


class CaseCreated(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"id": _EXAMPLE_ID, "token": "q8Zb...secret...Xw"}]}
    )
    id: str
    token: str = Field(
        description="Bearer token for this case. Shown once: store it; it cannot be recovered."
    )


class CasePublic(BaseModel):
    id: str
    created_at: datetime


class JobError(BaseModel):
    code: str
    message: str


class JobPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": _EXAMPLE_ID,
                    "status": "running",
                    "stage": "ocr",
                    "pages_done": 2,
                    "pages_total": 5,
                    "error": None,
                    "document_id": _EXAMPLE_ID,
                    "case_id": _EXAMPLE_ID,
                    "created_at": _EXAMPLE_TIME,
                    "started_at": _EXAMPLE_TIME,
                    "finished_at": None,
                    "updated_at": _EXAMPLE_TIME,
                }
            ]
        }
    )
    id: str
    status: Literal["queued", "running", "succeeded", "failed"]
    stage: Literal["queued", "reading", "ocr", "extracting", "merging", "done"]
    pages_done: int
    pages_total: int | None
    error: JobError | None
    document_id: str
    case_id: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    updated_at: datetime

    @classmethod
    def of(cls, job: Job) -> JobPublic:
        return cls.model_validate(job_fields(job))


def job_fields(job: Any) -> dict[str, Any]:
    """``JobPublic``'s fields in order, from a ``Job`` or any row with the same attribute names.

    The job poll serialises this dict straight to JSON (no model validation on the hot path);
    ``JobPublic.of`` validates it. Both therefore give the same JSON.
    """
    error = {"code": job.error_code, "message": job.error_message or ""} if job.error_code else None
    return {name: error if name == "error" else getattr(job, name) for name in JobPublic.model_fields}


class JobRef(BaseModel):
    id: str
    document_id: str
    status: str


class UploadAccepted(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"jobs": [{"id": _EXAMPLE_ID, "document_id": _EXAMPLE_ID, "status": "queued"}]}]
        }
    )
    jobs: list[JobRef]


class JobList(BaseModel):
    jobs: list[JobPublic]


class DocumentPublic(BaseModel):
    id: str
    name: str = Field(description="Display name (sanitised; never a path)")
    media_type: str
    size_bytes: int
    page_count: int | None
    sha256: str
    created_at: datetime
    job: JobPublic | None

    @classmethod
    def of(cls, doc: Document, job: Job | None) -> DocumentPublic:
        fields = {name: getattr(doc, name) for name in cls.model_fields if name != "job"}
        return cls(**fields, job=JobPublic.of(job) if job else None)


class DocumentList(BaseModel):
    documents: list[DocumentPublic]


class CorrectionCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "fact_id": "biomarker:ERBB2:amplification",
                    "action": "correct",
                    "field": "status",
                    "value": "negative",
                    "note": "Repeat FISH was negative",
                },
                {"fact_id": "stage", "action": "confirm"},
            ]
        },
    )
    fact_id: str = Field(min_length=1, max_length=255)
    action: Literal["confirm", "correct", "reject"]
    field: str | None = Field(default=None, max_length=64)
    value: str | None = Field(default=None, max_length=2000)
    note: str | None = Field(default=None, max_length=2000)


class QuestionCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"question": "What treatments exist for ROS1?"}]}
    )
    question: str = Field(min_length=1, max_length=2000)


class AnswerPending(BaseModel):
    id: str
    status: str
    poll_url: str


class ReadyReport(BaseModel):
    status: Literal["ready", "not_ready"]
    checks: dict[str, str]
    failing: list[str]


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the given error statuses, all ``ErrorPublic``."""
    return {status: {"model": ErrorPublic, "description": "Error"} for status in statuses}
