"""Public limits the web page mirrors before uploading (size, pages, accepted types)."""

from __future__ import annotations

from casewise_core.filetypes import SUPPORTED
from fastapi import APIRouter
from pydantic import BaseModel

from casewise_api.deps import RuntimeDep

router = APIRouter(prefix="/v1", tags=["config"])
EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "tif", "tiff", "txt"]


class ConfigPublic(BaseModel):
    max_upload_bytes: int
    max_pages: int
    accepted_types: list[str]
    accepted_extensions: list[str]


@router.get("/config", response_model=ConfigPublic)
def read_config(runtime: RuntimeDep) -> ConfigPublic:
    """Limits checked again by the server on upload (by content, not by extension)."""
    s = runtime.settings
    return ConfigPublic(
        max_upload_bytes=s.max_upload_bytes,
        max_pages=s.max_pages,
        accepted_types=list(SUPPORTED),
        accepted_extensions=EXTENSIONS,
    )
