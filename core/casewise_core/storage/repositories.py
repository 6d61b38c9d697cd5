"""Queries the API runs: cases and their tokens, documents with their jobs, profiles, answers.

Routes stay short by calling these; every function takes a ``Session`` and leaves committing to
the caller unless its name says otherwise. Tokens are never stored: only their SHA-256, compared
in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, bindparam, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casewise_core.corrections import apply_corrections, validate_correction
from casewise_core.errors import Forbidden, NotFound
from casewise_core.profile import Profile
from casewise_core.storage.models import (
    Answer,
    Case,
    CaseProfile,
    Correction,
    Document,
    DocumentProfile,
    Job,
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, token_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), token_hash)


# --- cases -------------------------------------------------------------------------------------


def create_case(s: Session, token: str) -> Case:
    case = Case(token_hash=hash_token(token))
    s.add(case)
    s.flush()
    return case


def get_case(s: Session, case_id: str) -> Case | None:
    return s.get(Case, case_id)


def authorize_case(s: Session, case_id: str, token: str) -> Case:
    """The case, if ``token`` is its token: ``NotFound`` for no such case, ``Forbidden`` otherwise."""
    case = s.get(Case, case_id)
    if case is None:
        raise NotFound("No case with this id. It may have been deleted.")
    if not token_matches(token, case.token_hash):
        raise Forbidden()
    return case


def delete_case(s: Session, case_id: str) -> list[str]:
    """Delete the case and (by cascade) all its rows; returns the storage keys of its files."""
    keys = list(s.scalars(select(Document.storage_key).where(Document.case_id == case_id)))
    # Explicit deletes (children first) so the result does not depend on the FK pragma/cascade.
    for model in (Job, Correction, Answer):
        s.execute(delete(model).where(model.case_id == case_id))
    s.execute(delete(DocumentProfile).where(DocumentProfile.case_id == case_id))
    s.execute(delete(CaseProfile).where(CaseProfile.case_id == case_id))
    s.execute(delete(Document).where(Document.case_id == case_id))
    s.execute(delete(Case).where(Case.id == case_id))
    return keys


# --- documents and jobs ------------------------------------------------------------------------


@dataclass
class StoredUpload:
    document: Document
    job: Job
    created: bool


def find_document(s: Session, case_id: str, sha256: str) -> Document | None:
    return s.scalars(select(Document).where(Document.case_id == case_id, Document.sha256 == sha256)).first()


def latest_job(s: Session, document_id: str) -> Job | None:
    return s.scalars(
        select(Job).where(Job.document_id == document_id).order_by(Job.created_at.desc()).limit(1)
    ).first()


def store_document(
    s: Session,
    *,
    case_id: str,
    sha256: str,
    name: str,
    media_type: str,
    size_bytes: int,
    page_count: int | None,
    storage_key: str,
) -> StoredUpload:
    """Insert a document and its queued job and COMMIT, or return the rows already there for these bytes.

    The same bytes again return the existing job (``created=False``), unless that job failed: then
    a new queued job is created for the existing document (``created=True``: enqueue it).

    Safe under concurrent uploads of the same file: the UNIQUE(case_id, sha256) constraint decides
    the winner; the loser rolls back its insert and returns the winner's rows. (No SAVEPOINT: the
    pysqlite driver's savepoints are unreliable, so each document commits on its own.)
    """
    existing = find_document(s, case_id, sha256)
    if existing is None:
        doc = Document(
            case_id=case_id,
            sha256=sha256,
            name=name,
            media_type=media_type,
            size_bytes=size_bytes,
            page_count=page_count,
            storage_key=storage_key,
        )
        job = Job(case_id=case_id, document=doc, pages_total=page_count)
        s.add_all([doc, job])
        try:
            s.commit()
            return StoredUpload(doc, job, created=True)
        except IntegrityError:
            s.rollback()
            existing = find_document(s, case_id, sha256)
            if existing is None:
                raise
    last = latest_job(s, existing.id)
    if last is not None and last.status != "failed":
        return StoredUpload(existing, last, created=False)
    # Uploading a file again after its job failed is how a patient retries: a fresh job.
    retry = Job(case_id=case_id, document_id=existing.id, pages_total=existing.page_count)
    s.add(retry)
    s.commit()
    return StoredUpload(existing, retry, created=True)


def list_documents(s: Session, case_id: str) -> list[tuple[Document, Job | None]]:
    docs = list(s.scalars(select(Document).where(Document.case_id == case_id).order_by(Document.created_at)))
    jobs: dict[str, Job] = {}
    for job in s.scalars(select(Job).where(Job.case_id == case_id).order_by(Job.created_at)):
        jobs[job.document_id] = job  # the newest wins
    return [(d, jobs.get(d.id)) for d in docs]


def list_jobs(s: Session, case_id: str) -> list[Job]:
    return list(s.scalars(select(Job).where(Job.case_id == case_id).order_by(Job.created_at)))


def _authorized(row: Any, token: str) -> Any:
    if row is None:
        raise NotFound("No job with this id.")
    if not token_matches(token, row.token_hash):
        raise Forbidden()
    return row


def get_job_for_token(s: Session, job_id: str, token: str) -> Job:
    """The job if ``token`` belongs to its case (one indexed query: job by PK joined to its case)."""
    row = s.execute(
        select(Job, Case.token_hash).join(Case, Case.id == Job.case_id).where(Job.id == job_id)
    ).first()
    job: Job = _authorized(row, token).Job
    return job


#: What a job poll reads: the public job columns, ``version`` (the ETag) and the case's token hash.
_JOB_POLL = select(
    Job.id,
    Job.status,
    Job.stage,
    Job.pages_done,
    Job.pages_total,
    Job.error_code,
    Job.error_message,
    Job.document_id,
    Job.case_id,
    Job.created_at,
    Job.started_at,
    Job.finished_at,
    Job.updated_at,
    Job.version,
    Case.token_hash,
).join(Case, Case.id == Job.case_id)
# Built once with a bound parameter: executing the very same statement object lets SQLAlchemy reuse
# its compiled form and result map as is (a fresh ``.where()`` per call costs a third of the read).
_JOB_POLL_BY_ID = _JOB_POLL.where(Job.id == bindparam("job_id"))


def poll_job(connection: Connection, job_id: str, token: str) -> Row[Any]:
    """The job poll's row (attributes named as on ``Job``) if ``token`` belongs to its case.

    The hot path of every front end: one primary-key read of only the needed columns on a bare
    ``Connection`` (no ORM identity map, no entity), ``NotFound``/``Forbidden`` as for
    ``get_job_for_token``.
    """
    row: Row[Any] = _authorized(connection.execute(_JOB_POLL_BY_ID, {"job_id": job_id}).first(), token)
    return row


def job_counts(s: Session) -> dict[str, int]:
    return {status: n for status, n in s.execute(select(Job.status, func.count()).group_by(Job.status))}


def job_totals(s: Session) -> dict[str, float]:
    """Figures for metrics from finished job rows: count, queue wait and processing seconds, pages."""
    done = s.execute(
        select(Job.created_at, Job.started_at, Job.finished_at, Job.pages_done).where(
            Job.status == "succeeded", Job.started_at.is_not(None), Job.finished_at.is_not(None)
        )
    ).all()
    totals = {"count": float(len(done)), "wait_seconds": 0.0, "seconds": 0.0, "pages": 0.0}
    for created, started, finished, pages in done:
        if started is None or finished is None:
            continue
        totals["wait_seconds"] += max((started - created).total_seconds(), 0.0)
        totals["seconds"] += (finished - started).total_seconds()
        totals["pages"] += pages or 0
    return totals


# --- profiles and corrections ------------------------------------------------------------------


def merged_profile(s: Session, case_id: str) -> Profile:
    """The merged profile without corrections; empty before any document finishes."""
    row = s.get(CaseProfile, case_id)
    if row is None:
        return Profile()
    return Profile.model_validate(row.profile_json)


def list_corrections(s: Session, case_id: str) -> list[Correction]:
    return list(s.scalars(select(Correction).where(Correction.case_id == case_id).order_by(Correction.at)))


def visible_profile(s: Session, case_id: str) -> Profile:
    """The profile the API shows: merged profile with the patient's corrections applied."""
    return apply_corrections(merged_profile(s, case_id), list_corrections(s, case_id))


def add_correction(
    s: Session,
    case_id: str,
    *,
    fact_id: str,
    action: str,
    field: str | None = None,
    value: str | None = None,
    note: str | None = None,
    by: str = "patient",
) -> Correction:
    """Validate against the merged profile (``NotFound`` for an unknown fact) and store it."""
    validate_correction(merged_profile(s, case_id), fact_id, action, field, value)
    row = Correction(
        case_id=case_id, fact_id=fact_id, action=action, field=field, value=value, note=note, by=by
    )
    s.add(row)
    s.flush()
    return row


# --- answers -----------------------------------------------------------------------------------


def create_answer(s: Session, question: str, case_id: str | None = None) -> Answer:
    row = Answer(question=question, case_id=case_id)
    s.add(row)
    s.flush()
    return row


def get_answer(s: Session, answer_id: str) -> Answer | None:
    return s.get(Answer, answer_id)


def answer_state(s: Session, answer_id: str) -> tuple[str, dict[str, Any] | None, str | None, str | None]:
    """(status, result_json, error_code, error_message) read fresh from the database."""
    row = s.execute(
        select(Answer.status, Answer.result_json, Answer.error_code, Answer.error_message).where(
            Answer.id == answer_id
        )
    ).first()
    if row is None:
        raise NotFound("No answer with this id.")
    return row[0], row[1], row[2], row[3]
