"""One error hierarchy for every casewise service.

An error carries a stable ``code`` (API clients, the web page and the job record key on it), a
``retryable`` flag (Celery tasks retry only these) and a message that tells a person what to do.
The API maps every ``CasewiseError`` to JSON in one exception handler; domain code never raises
``HTTPException``. Messages never contain record text or names: they are logged and shown.
"""

from __future__ import annotations

from typing import ClassVar


class CasewiseError(Exception):
    """Base class. Subclasses set ``code``, ``http_status`` and a default ``message``."""

    code: ClassVar[str] = "internal_error"
    http_status: ClassVar[int] = 500
    retryable: ClassVar[bool] = False
    message: ClassVar[str] = "Something went wrong on our side. Please try again later."

    def __init__(self, message: str | None = None, *, detail: dict[str, object] | None = None) -> None:
        self.text = message or self.message
        self.detail = detail or {}
        super().__init__(self.text)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.text}


# --- Input the reader cannot accept (never retried: the same bytes fail the same way) ---------


class InputError(CasewiseError):
    code = "invalid_input"
    http_status = 422
    message = "This file could not be read."


class UnsupportedType(InputError):
    code = "unsupported_type"
    http_status = 415
    message = (
        "This file type is not supported. Upload a PDF, a photo (PNG, JPEG or TIFF) or a plain-text file."
    )


class CorruptFile(InputError):
    code = "corrupt_file"
    message = "This file appears to be damaged or incomplete. Download or scan it again and re-upload it."


class EncryptedPdf(InputError):
    code = "encrypted_pdf"
    message = (
        "This PDF is password-protected. Remove the password (or print it to a new PDF) and upload again."
    )


class EmptyDocument(InputError):
    code = "empty_document"
    message = "This file has no pages. Check that you picked the right file."


class TooManyPages(InputError):
    code = "too_many_pages"
    http_status = 413
    message = "This document has too many pages. Upload only the report pages you want us to read."


class FileTooLarge(InputError):
    code = "file_too_large"
    http_status = 413
    message = "This file is too large. Upload a smaller file, or split the document into parts."


class ImageTooLarge(InputError):
    code = "image_too_large"
    http_status = 413
    message = "This image is too large to process safely. Take the photo again at a normal resolution."


class NoFiles(InputError):
    code = "no_files"
    message = "No files were uploaded. Send one or more files in the form field 'files'."


class TooManyFiles(InputError):
    code = "too_many_files"
    http_status = 413
    message = "Too many files in one upload. Send fewer files at a time."


class NoTextFound(InputError):
    code = "no_text_found"
    message = (
        "We could not find any readable text in this file. If it is a photo, retake it in good light, "
        "flat and in focus."
    )


# --- Access -------------------------------------------------------------------------------------


class NotFound(CasewiseError):
    code = "not_found"
    http_status = 404
    message = "Not found."


class FileMissing(NotFound):
    code = "file_missing"
    message = "The uploaded file is missing. Upload it again."


class Unauthorized(CasewiseError):
    code = "unauthorized"
    http_status = 401
    message = "A valid access token for this case is required."


class Forbidden(CasewiseError):
    code = "forbidden"
    http_status = 403
    message = "This access token does not give access to that resource."


class Conflict(CasewiseError):
    code = "conflict"
    http_status = 409
    message = "The request conflicts with the current state. Reload and try again."


# --- Transient faults (retried with backoff) -----------------------------------------------------


class TransientError(CasewiseError):
    code = "temporarily_unavailable"
    http_status = 503
    retryable = True
    message = "A service we depend on is temporarily unavailable. Please try again in a minute."


class OcrEngineError(TransientError):
    code = "ocr_failed"
    message = "Text recognition failed on our side. We will retry; if it keeps failing, try again later."


class LlmUnavailable(TransientError):
    code = "llm_unavailable"
    message = "The answer service is temporarily unavailable. Please try again in a minute."


class JobTimedOut(CasewiseError):
    code = "job_timed_out"
    http_status = 504
    message = "Processing this file took too long and was stopped. Try uploading it again."


# --- Knowledge corpus and index (answerer) --------------------------------------------------------


class CorpusInvalid(CasewiseError):
    code = "corpus_invalid"
    message = "The knowledge corpus has a format error. Run `casewise corpus index` to see which file."


class IndexLocked(CasewiseError):
    code = "index_locked"
    http_status = 503
    message = (
        "The local knowledge index is open in another casewise process (only one process may open it). "
        "Stop that process (for example the answer worker), or set CASEWISE_QDRANT_URL to a Qdrant server."
    )


# --- Clinical NLP rule files (extractor) ---------------------------------------------------------


class RulesInvalid(CasewiseError):
    code = "nlp_rules_invalid"
    message = (
        "A clinical NLP rule file is invalid (unknown key, bad pattern or unknown OncoTree code). "
        "Fix the file named in the error detail and restart the extractor."
    )


def all_error_classes() -> list[type[CasewiseError]]:
    """Every concrete error, for docs and the OpenAPI error schema."""
    seen: list[type[CasewiseError]] = []
    stack: list[type[CasewiseError]] = [CasewiseError]
    while stack:
        cls = stack.pop()
        seen.append(cls)
        stack.extend(cls.__subclasses__())
    return seen
