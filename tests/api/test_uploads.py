"""Uploads: validation by content, size limits while streaming, display names, dedupe, enqueueing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from casewise_api.uploads import display_name
from casewise_core import tasks
from casewise_core.storage.models import Document, Job
from sqlalchemy import func, select

from tests.api.conftest import Api, build_api
from tests.fixtures.records import bomb_png, encrypted_pdf, png, text_pdf, truncated_pdf, zero_page_pdf

TEXT = b"NGS report. EGFR exon 19 deletion detected."


def _code(r: object) -> str:
    return r.json()["error"]["code"]  # type: ignore[attr-defined, no-any-return]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.fixture
def small_api(tmp_path: Path) -> Iterator[Api]:
    yield from build_api(tmp_path / "var", max_upload_bytes=4096, max_pages=2)


def test_text_pdf_is_stored_with_its_page_count_and_enqueued_after_commit(api: Api, tmp_path: Path) -> None:
    case_id, auth = api.new_case()
    pdf = text_pdf(tmp_path / "r.pdf", ["Page one", "Page two"]).read_bytes()
    r = api.upload(case_id, auth, ("report.pdf", pdf))
    assert r.status_code == 202, r.text
    (job,) = r.json()["jobs"]
    assert job["status"] == "queued"
    docs = api.client.get(f"/v1/cases/{case_id}/documents", headers=auth).json()["documents"]
    assert docs[0]["page_count"] == 2 and docs[0]["media_type"] == "application/pdf"
    assert docs[0]["name"] == "report.pdf" and docs[0]["job"]["id"] == job["id"]
    assert (tasks.PROCESS_DOCUMENT, [job["id"]]) in api.enqueued()
    # The stored file is encrypted at rest and named by hash, not by the client's name.
    stored = [p for p in (api.data_dir / "files").rglob("*") if p.is_file()]
    assert len(stored) == 1 and "report" not in str(stored[0]) and b"%PDF" not in stored[0].read_bytes()


@pytest.mark.parametrize(
    ("maker", "code", "status"),
    [
        (lambda p: _write(p, b"MZ\x90\x00\x03\x00\x00\x00binary"), "unsupported_type", 415),
        (lambda p: encrypted_pdf(p), "encrypted_pdf", 422),
        (lambda p: truncated_pdf(p, keep=0.6), "corrupt_file", 422),
        (lambda p: zero_page_pdf(p), "empty_document", 422),
        (lambda p: text_pdf(p, ["one", "two", "three"]), "too_many_pages", 413),
        (lambda p: _write(p, b""), "empty_document", 422),
    ],
    ids=["magic", "encrypted", "corrupt", "zero_pages", "too_many_pages", "empty"],
)
def test_invalid_files_are_refused_and_nothing_is_stored(
    small_api: Api, tmp_path: Path, maker: object, code: str, status: int
) -> None:
    case_id, auth = small_api.new_case()
    path = maker(tmp_path / "f.pdf")  # type: ignore[operator]
    r = small_api.upload(case_id, auth, ("f.pdf", path.read_bytes()))
    assert (r.status_code, _code(r)) == (status, code), r.text
    assert small_api.client.get(f"/v1/cases/{case_id}/documents", headers=auth).json() == {"documents": []}
    assert small_api.enqueued() == []


def test_oversized_file_is_refused_while_streaming(small_api: Api) -> None:
    case_id, auth = small_api.new_case()
    r = small_api.upload(case_id, auth, ("big.txt", b"a" * 5000))
    assert (r.status_code, _code(r)) == (413, "file_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: only the running count can stop it
        yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="x.txt"\r\n\r\n'
        for _ in range(100):
            yield b"a" * 1024

    r = small_api.client.post(
        f"/v1/cases/{case_id}/documents",
        headers={**auth, "Content-Type": "multipart/form-data; boundary=b"},
        content=chunks(),
    )
    assert (r.status_code, _code(r)) == (413, "file_too_large")
    assert not list((small_api.data_dir / "files").rglob("*.*"))


def test_huge_declared_body_is_refused_before_reading(small_api: Api) -> None:
    case_id, auth = small_api.new_case()
    r = small_api.client.post(
        f"/v1/cases/{case_id}/documents",
        headers={
            **auth,
            "Content-Type": "multipart/form-data; boundary=b",
            "Content-Length": str(2 * 1024**3),
        },
        content=b"--b--\r\n",
    )
    assert (r.status_code, _code(r)) == (413, "file_too_large")


def test_traversal_filename_is_only_a_display_name(api: Api) -> None:
    case_id, auth = api.new_case()
    r = api.upload(case_id, auth, ("../../../etc/passwd.txt", TEXT), ("..\\..\\win.ini", TEXT + b"2"))
    assert r.status_code == 202, r.text
    names = sorted(
        d["name"] for d in api.client.get(f"/v1/cases/{case_id}/documents", headers=auth).json()["documents"]
    )
    assert names == ["passwd.txt", "win.ini"]
    assert not (api.data_dir.parent / "etc").exists()
    assert all(".." not in str(p) and "passwd" not in str(p) for p in (api.data_dir / "files").rglob("*"))


def test_same_file_twice_is_one_document_one_job_one_message(api: Api) -> None:
    case_id, auth = api.new_case()
    first = api.upload(case_id, auth, ("a.txt", TEXT)).json()["jobs"]
    again = api.upload(case_id, auth, ("renamed.txt", TEXT), ("same-again.txt", TEXT)).json()["jobs"]
    assert [j["id"] for j in again] == [first[0]["id"]] * 2
    assert [a for t, a in api.enqueued() if t == tasks.PROCESS_DOCUMENT] == [[first[0]["id"]]]
    # Another case uploading the same bytes gets its own document and job.
    other_id, other_auth = api.new_case()
    other = api.upload(other_id, other_auth, ("a.txt", TEXT)).json()["jobs"]
    assert other[0]["id"] != first[0]["id"]


def test_concurrent_uploads_of_one_file_make_one_document(api: Api) -> None:
    case_id, auth = api.new_case()
    results: list[int] = []
    barrier = threading.Barrier(4)

    def go() -> None:
        barrier.wait()
        results.append(api.upload(case_id, auth, ("c.txt", TEXT)).status_code)

    threads = [threading.Thread(target=go) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [202] * 4
    with api.runtime.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Document).where(Document.case_id == case_id)) == 1
        assert s.scalar(select(func.count()).select_from(Job).where(Job.case_id == case_id)) == 1
    assert len([a for t, a in api.enqueued() if t == tasks.PROCESS_DOCUMENT]) == 1


def test_upload_without_files_is_refused(api: Api) -> None:
    case_id, auth = api.new_case()
    r = api.client.post(
        f"/v1/cases/{case_id}/documents", headers=auth, data={"other": "x"}, files={"x": ("a", b"1")}
    )
    assert (r.status_code, _code(r)) == (422, "no_files")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\report.pdf", "report.pdf"),
        ("re\x00port\x1b[31m.pdf", "re_port_[31m.pdf"),
        ("..", "document"),
        (".bashrc", "bashrc"),
        ("", "document"),
        ("a" * 300 + ".pdf", "a" * 190 + ".pdf"),
    ],
)
def test_display_name(raw: str, shown: str) -> None:
    assert display_name(raw) == shown


def test_same_file_after_a_failed_job_gets_a_fresh_job(api: Api) -> None:
    from casewise_core.storage import jobs

    case_id, auth = api.new_case()
    (first,) = api.upload(case_id, auth, ("a.txt", TEXT)).json()["jobs"]
    with api.runtime.sessions() as s:
        assert jobs.fail_job(s, first["id"], "ocr_failed", "Text recognition failed.")
    (retry,) = api.upload(case_id, auth, ("a.txt", TEXT)).json()["jobs"]
    assert retry["id"] != first["id"] and retry["document_id"] == first["document_id"]
    assert retry["status"] == "queued"
    assert [a for t, a in api.enqueued() if t == tasks.PROCESS_DOCUMENT] == [[first["id"]], [retry["id"]]]
    docs = api.client.get(f"/v1/cases/{case_id}/documents", headers=auth).json()["documents"]
    assert len(docs) == 1 and docs[0]["job"]["id"] == retry["id"]


def test_logs_carry_ids_and_codes_only(api: Api, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    case_id, auth = api.new_case()
    api.upload(case_id, auth, ("Jane_Roe_pathology.txt", b"Patient: Jane Roe. Diagnosis: melanoma."))
    bad = encrypted_pdf(tmp_path / "Jane_Roe_secret.pdf", text="Jane Roe")
    assert _code(api.upload(case_id, auth, ("Jane_Roe_secret.pdf", bad.read_bytes()))) == "encrypted_pdf"
    api.client.delete(f"/v1/cases/{case_id}", headers=auth)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert case_id in logged and "encrypted_pdf" in logged
    assert "Jane" not in logged and "melanoma" not in logged


def page_bomb_pdf(tmp_path: Path, pages: int) -> bytes:
    """A one-page PDF whose page tree claims ``pages`` pages (patched in place: offsets hold)."""
    data = text_pdf(tmp_path / "one.pdf", ["x"]).read_bytes()
    tree, bomb = b"/Count 1 /Kids [ 3 0 R ]", b"/Count %d/Kids[3 0 R]" % pages
    assert data.count(tree) == 1 and len(bomb) <= len(tree)
    return data.replace(tree, bomb.ljust(len(tree)))


@pytest.mark.parametrize("pages", [1000, 99_999])
def test_pdf_claiming_a_huge_page_count_is_refused_at_once(api: Api, tmp_path: Path, pages: int) -> None:
    case_id, auth = api.new_case()
    started = time.monotonic()
    r = api.upload(case_id, auth, ("bomb.pdf", page_bomb_pdf(tmp_path, pages)))
    assert (r.status_code, _code(r)) == (413, "too_many_pages"), r.text
    assert time.monotonic() - started < 5
    assert api.enqueued() == []


def test_decompression_bomb_image_is_refused_from_its_header(small_api: Api, tmp_path: Path) -> None:
    case_id, auth = small_api.new_case()
    bomb = bomb_png(tmp_path / "bomb.png").read_bytes()
    assert len(bomb) < small_api.runtime.settings.max_upload_bytes
    r = small_api.upload(case_id, auth, ("bomb.png", bomb))
    assert (r.status_code, _code(r)) == (413, "image_too_large"), r.text
    # Under Pillow's own bomb guard but over ours (max_image_pixels), and a damaged header.
    for api in build_api(tmp_path / "var2", max_image_pixels=50_000):
        case_id, auth = api.new_case()
        r = api.upload(case_id, auth, ("big.png", bomb_png(tmp_path / "b.png", 300, 300).read_bytes()))
        assert (r.status_code, _code(r)) == (413, "image_too_large"), r.text
        r = api.upload(case_id, auth, ("cut.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20))
        assert (r.status_code, _code(r)) == (422, "corrupt_file"), r.text
        ok = png(tmp_path / "ok.png", "EGFR", dpi=20).read_bytes()
        assert api.upload(case_id, auth, ("ok.png", ok)).status_code == 202
        assert len(api.enqueued()) == 1


def test_too_many_files_in_one_upload_are_refused(api: Api) -> None:
    from casewise_api.uploads import MAX_FILES

    case_id, auth = api.new_case()
    files = [(f"n{i}.txt", b"note %d" % i) for i in range(MAX_FILES + 1)]
    r = api.upload(case_id, auth, *files)
    assert (r.status_code, _code(r)) == (413, "too_many_files")
    assert api.client.get(f"/v1/cases/{case_id}/documents", headers=auth).json() == {"documents": []}


def test_concurrent_uploads_of_different_files_to_one_case(api: Api) -> None:
    case_id, auth = api.new_case()
    barrier = threading.Barrier(4)
    job_ids: list[str] = []

    def go(i: int) -> None:
        barrier.wait()
        r = api.upload(case_id, auth, (f"r{i}.txt", b"report number %d" % i))
        assert r.status_code == 202, r.text
        job_ids.extend(j["id"] for j in r.json()["jobs"])

    threads = [threading.Thread(target=go, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(job_ids)) == 4
    docs = api.client.get(f"/v1/cases/{case_id}/documents", headers=auth).json()["documents"]
    assert sorted(d["job"]["id"] for d in docs) == sorted(job_ids)
    assert sorted(a[0] for t, a in api.enqueued() if t == tasks.PROCESS_DOCUMENT) == sorted(job_ids)
    assert len(list((api.data_dir / "files" / case_id).iterdir())) == 4
