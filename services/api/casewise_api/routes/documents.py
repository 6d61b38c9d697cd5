"""Documents: upload (validated by content, deduplicated by SHA-256) and list."""

from __future__ import annotations

import logging

from casewise_core import tasks
from casewise_core.storage import repositories
from fastapi import APIRouter, Request, status
from fastapi.concurrency import run_in_threadpool

from casewise_api.deps import CaseAccess, RuntimeDep, SessionDep
from casewise_api.runtime import Runtime
from casewise_api.schemas import DocumentList, DocumentPublic, JobRef, UploadAccepted, error_responses
from casewise_api.uploads import ReceivedFile, inspect_file, receive_files

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/cases/{case_id}/documents", tags=["documents"])

_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "PDF, PNG, JPEG, TIFF or plain-text files (judged by content)",
                        }
                    },
                }
            }
        },
    }
}


def _store(runtime: Runtime, case_id: str, files: list[ReceivedFile]) -> tuple[list[JobRef], list[str]]:
    """Validate every file first (nothing is stored if one fails), then store and record them."""
    s = runtime.settings
    inspected = [inspect_file(f, s.max_pages, max_image_pixels=s.max_image_pixels) for f in files]
    refs: list[JobRef] = []
    to_enqueue: list[str] = []
    with runtime.sessions() as session:
        for f, (media_type, pages) in zip(files, inspected, strict=True):
            existing = repositories.find_document(session, case_id, f.sha256)
            key = existing.storage_key if existing else runtime.files.put(f.read_all(), case_id=case_id)
            stored = repositories.store_document(
                session,
                case_id=case_id,
                sha256=f.sha256,
                name=f.filename,
                media_type=media_type,
                size_bytes=f.size,
                page_count=pages,
                storage_key=key,
            )
            if stored.created:
                to_enqueue.append(stored.job.id)
            refs.append(JobRef(id=stored.job.id, document_id=stored.document.id, status=stored.job.status))
    return refs, to_enqueue


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=UploadAccepted,
    openapi_extra=_UPLOAD_BODY,
    responses=error_responses(401, 403, 404, 413, 415, 422, 503),
)
async def upload_documents(case: CaseAccess, request: Request, runtime: RuntimeDep) -> UploadAccepted:
    """Upload one or more files; each new file gets a queued job. The same file twice is one job."""
    case_id = case.id
    files = await receive_files(request, runtime.settings.max_upload_bytes)
    try:
        refs, to_enqueue = await run_in_threadpool(_store, runtime, case_id, files)
    finally:
        for f in files:
            f.close()
    # Only after the rows are committed: a worker must find the job it is given.
    for job_id in to_enqueue:
        await run_in_threadpool(runtime.send, tasks.PROCESS_DOCUMENT, job_id)
    log.info("upload case=%s files=%d new_jobs=%d", case_id, len(refs), len(to_enqueue))
    return UploadAccepted(jobs=refs)


@router.get("", response_model=DocumentList, responses=error_responses(401, 403, 404))
def list_documents(case: CaseAccess, session: SessionDep) -> DocumentList:
    rows = repositories.list_documents(session, case.id)
    return DocumentList(documents=[DocumentPublic.of(d, j) for d, j in rows])
