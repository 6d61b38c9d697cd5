"""Bearer tokens: a case's token reads that case only; tokens are stored only as hashes."""

from __future__ import annotations

from casewise_core.storage.models import Case
from sqlalchemy import select

from tests.api.conftest import Api

TEXT = b"Pathology report. Diagnosis: adenocarcinoma of the lung."


def test_token_is_secret_and_stored_hashed(api: Api) -> None:
    r = api.client.post("/v1/cases")
    assert r.status_code == 201
    body = r.json()
    assert set(body) == {"id", "token"} and len(body["token"]) >= 40
    with api.runtime.sessions() as s:
        stored = s.scalars(select(Case.token_hash).where(Case.id == body["id"])).one()
    assert stored != body["token"] and len(stored) == 64


def test_missing_wrong_and_foreign_tokens_are_refused(api: Api) -> None:
    a_id, a_auth = api.new_case()
    b_id, b_auth = api.new_case()
    upload = api.upload(a_id, a_auth, ("a.txt", TEXT))
    assert upload.status_code == 202
    job_a = upload.json()["jobs"][0]["id"]

    assert api.client.get(f"/v1/cases/{a_id}/profile").status_code == 401
    assert api.client.get(f"/v1/cases/{a_id}/profile").json()["error"]["code"] == "unauthorized"
    wrong = {"Authorization": "Bearer not-the-token"}
    assert api.client.get(f"/v1/cases/{a_id}/profile", headers=wrong).status_code == 403
    assert api.client.get("/v1/cases/ffffffffffffffffffffffffffffffff", headers=a_auth).status_code == 404

    # B's token never reads or changes A.
    for method, path in [
        ("GET", f"/v1/cases/{a_id}"),
        ("GET", f"/v1/cases/{a_id}/profile"),
        ("GET", f"/v1/cases/{a_id}/documents"),
        ("GET", f"/v1/cases/{a_id}/jobs"),
        ("GET", f"/v1/jobs/{job_a}"),
        ("DELETE", f"/v1/cases/{a_id}"),
    ]:
        r = api.client.request(method, path, headers=b_auth)
        assert r.status_code == 403, (method, path, r.status_code)
        assert set(r.json()) == {"error"}
    r = api.upload(a_id, b_auth, ("b.txt", TEXT + b" B"))
    assert r.status_code == 403

    # A's own view is intact and B's documents list is empty.
    docs = api.client.get(f"/v1/cases/{a_id}/documents", headers=a_auth).json()["documents"]
    assert len(docs) == 1
    assert api.client.get(f"/v1/cases/{b_id}/documents", headers=b_auth).json() == {"documents": []}
    assert api.client.get(f"/v1/jobs/{job_a}", headers=a_auth).status_code == 200
