"""The OpenAPI document: every route versioned, every error documented as ErrorPublic, examples given."""

from __future__ import annotations

from pathlib import Path

from tests.api.conftest import Api, build_api

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
    # Every case-scoped route, the dependency-free job poll included, declares the bearer token.
    for path, ops in doc["paths"].items():
        if path.startswith("/v1/cases/{case_id}") or path.startswith("/v1/jobs/"):
            for method, op in ops.items():
                assert op.get("security") == [{"HTTPBearer": []}], (method, path)
    poll = doc["paths"]["/v1/jobs/{job_id}"]["get"]
    assert {p["name"] for p in poll["parameters"]} == {"job_id", "If-None-Match"}
    assert poll["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/JobPublic")


def test_config_and_web_page_are_served_after_the_api(sqlite_api: Api) -> None:
    from casewise_api.app import WEB_DIR

    cfg = sqlite_api.client.get("/v1/config").json()
    assert cfg["max_upload_bytes"] == sqlite_api.runtime.settings.max_upload_bytes
    assert "application/pdf" in cfg["accepted_types"]
    assert sqlite_api.client.get("/healthz").json() == {"status": "ok"}  # not shadowed by the mount
    if (WEB_DIR / "index.html").exists():
        page = sqlite_api.client.get("/")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")


def test_every_error_class_answers_its_stable_code_and_status(tmp_path: Path) -> None:
    """Each CasewiseError raised in a route reaches the client as {"error": {code, message}}."""
    import casewise_api.uploads  # noqa: F401  (errors beside their domain code)
    import casewise_core.corrections  # noqa: F401
    import casewise_core.storage.files  # noqa: F401
    from casewise_core.errors import all_error_classes

    classes = {cls.code: cls for cls in all_error_classes()}
    assert {"file_missing", "no_files", "invalid_correction", "file_key_invalid"} <= set(classes)
    for api in build_api(tmp_path / "var"):

        @api.app.get("/test-error/{code}")
        def boom(code: str) -> None:
            raise classes[code]()

        api.app.router.routes.insert(0, api.app.router.routes.pop())  # before the static mount
        for code, cls in classes.items():
            r = api.client.get(f"/test-error/{code}")
            assert r.status_code == cls.http_status, code
            assert r.json() == {"error": {"code": code, "message": cls.message}}
            assert ("Retry-After" in r.headers) == cls.retryable
