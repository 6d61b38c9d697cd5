"""DELETE /v1/cases/{id}: rows, files and (by task) vectors go; the token stops working."""

from __future__ import annotations

from casewise_core import tasks
from casewise_core.storage import profiles, repositories
from casewise_core.storage.models import (
    Answer,
    Case,
    CaseProfile,
    Correction,
    Document,
    DocumentProfile,
    Job,
)
from sqlalchemy import func, select

from tests.api.conftest import Api

TEXT = b"Pathology report for deletion."


def test_delete_erases_rows_files_and_token(api: Api) -> None:
    case_id, auth = api.new_case()
    other_id, other_auth = api.new_case()
    (job,) = api.upload(case_id, auth, ("p.txt", TEXT)).json()["jobs"]
    api.upload(other_id, other_auth, ("same.txt", TEXT))
    with api.runtime.sessions() as s:
        profiles.store_document_profile(s, job["document_id"], case_id, {"biomarkers": []})
        profiles.store_case_profile(s, case_id, {"stage": {"group": "IIB"}}, 0)
        repositories.create_answer(s, "What does stage IIB mean?", case_id)
        s.commit()
    api.client.patch(
        f"/v1/cases/{case_id}/profile", headers=auth, json={"fact_id": "stage", "action": "confirm"}
    )
    case_files = api.data_dir / "files" / case_id
    assert any(case_files.iterdir())

    r = api.client.delete(f"/v1/cases/{case_id}", headers=auth)
    assert r.status_code == 204 and r.content == b""

    with api.runtime.sessions() as s:
        for model in (Document, Job, DocumentProfile, CaseProfile, Correction, Answer):
            assert s.scalar(select(func.count()).select_from(model).where(model.case_id == case_id)) == 0
        assert s.get(Case, case_id) is None
    assert not case_files.exists()
    # Nothing of the case is left anywhere in the file store (its id names its directory).
    assert not [p for p in (api.data_dir / "files").rglob("*") if case_id in str(p)]
    assert (tasks.DELETE_CASE_VECTORS, [case_id]) in api.enqueued()
    for path in (f"/v1/cases/{case_id}", f"/v1/cases/{case_id}/profile", f"/v1/jobs/{job['id']}"):
        assert api.client.get(path, headers=auth).status_code == 404
    assert api.client.delete(f"/v1/cases/{case_id}", headers=auth).status_code == 404

    # The other case, holding the same bytes, is untouched.
    with api.runtime.sessions() as s:
        for model in (Document, Job):
            assert s.scalar(select(func.count()).select_from(model).where(model.case_id == other_id)) == 1
    docs = api.client.get(f"/v1/cases/{other_id}/documents", headers=other_auth).json()["documents"]
    assert len(docs) == 1
    assert any((api.data_dir / "files" / other_id).iterdir())
