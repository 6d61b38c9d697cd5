"""Profiles written by the extraction task: one per document, and the case's merged profile.

A document profile is replaced when its document is read again (idempotent re-runs). The merged
profile carries a version for optimistic concurrency: two workers merging the same case at once
cannot both write, and the loser merges again from the stored document profiles.

Functions take a ``Session`` and commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casewise_core.storage.models import CaseProfile, DocumentProfile, utcnow


def store_document_profile(s: Session, document_id: str, case_id: str, profile_json: dict[str, Any]) -> None:
    """Insert or replace the profile of one document (a re-run overwrites; idempotent)."""
    row = s.get(DocumentProfile, document_id)
    if row is None:
        s.add(DocumentProfile(document_id=document_id, case_id=case_id, profile_json=profile_json))
    else:
        row.profile_json = profile_json
        row.created_at = utcnow()
    s.commit()


def document_profiles(s: Session, case_id: str) -> list[dict[str, Any]]:
    """Every document profile of a case, oldest first (merge input)."""
    rows = s.scalars(
        select(DocumentProfile)
        .where(DocumentProfile.case_id == case_id)
        .order_by(DocumentProfile.created_at, DocumentProfile.document_id)
        .execution_options(populate_existing=True)
    ).all()
    return [r.profile_json for r in rows]


def case_profile_version(s: Session, case_id: str) -> int:
    """The merged profile's version, 0 when none is stored yet."""
    version = s.scalar(select(CaseProfile.version).where(CaseProfile.case_id == case_id))
    return int(version or 0)


def store_case_profile(s: Session, case_id: str, profile_json: dict[str, Any], expected_version: int) -> bool:
    """Write the merged profile as version ``expected_version + 1`` if nobody wrote one meanwhile.

    Optimistic concurrency: False means another merge won the race and the caller must re-read
    the document profiles and merge again (works the same on SQLite and PostgreSQL).
    """
    now = utcnow()
    if expected_version == 0:
        s.add(CaseProfile(case_id=case_id, profile_json=profile_json, version=1, updated_at=now))
        try:
            s.commit()
        except IntegrityError:
            s.rollback()
            return False
        return True
    result = s.execute(
        update(CaseProfile)
        .where(CaseProfile.case_id == case_id, CaseProfile.version == expected_version)
        .values(profile_json=profile_json, version=expected_version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    s.commit()
    return getattr(result, "rowcount", 0) == 1
