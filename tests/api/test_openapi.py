"""The OpenAPI document: every route versioned, every error documented as ErrorPublic, examples given."""

from __future__ import annotations

from tests.api.conftest import Api

UNVERSIONED = {"/healthz", "/readyz", "/metrics"}


def test_openapi_is_complete(sqlite_api: Api) -> None:
    doc = sqlite_api.client.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    assert set(schemas["ErrorPublic"]["properties"]) == {"error"}
    assert set(schemas["ErrorBody"]["properties"]) == {"code", "message"}
    for name in ("CaseCreated", "JobPublic", "UploadAccepted", "CorrectionCreate", "ErrorPublic"):
        assert schemas[name].get("examples"), name
    for path, ops in doc["paths"].items():
        assert path.startswith("/v1/") or path in UNVERSIONED, path
        for method, op in ops.items():
            for status, resp in op["responses"].items():
                if status.startswith("4") or status == "500":
                    ref = resp["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorPublic"), (method, path, status)
    upload = doc["paths"]["/v1/cases/{case_id}/documents"]["post"]["requestBody"]["content"]
    assert "files" in upload["multipart/form-data"]["schema"]["properties"]
    assert "HTTPBearer" in doc["components"]["securitySchemes"]


def test_config_and_web_page_are_served_after_the_api(sqlite_api: Api) -> None:
    from casewise_api.app import WEB_DIR

    cfg = sqlite_api.client.get("/v1/config").json()
    assert cfg["max_upload_bytes"] == sqlite_api.runtime.settings.max_upload_bytes
    assert "application/pdf" in cfg["accepted_types"]
    assert sqlite_api.client.get("/healthz").json() == {"status": "ok"}  # not shadowed by the mount
    if (WEB_DIR / "index.html").exists():
        page = sqlite_api.client.get("/")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
