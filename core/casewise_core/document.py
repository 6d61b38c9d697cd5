"""What the reading stage produces: a document as pages of text, with tables.

Extraction cites ``document + page + character span``, so ``Page.text`` is final once built:
nothing downstream may rewrite it, and spans index into it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ReadMethod = Literal["text_layer", "ocr", "plain_text"]


class Table(BaseModel):
    """A table found on a page: rows of cell strings (``None`` cells become ``""``)."""

    model_config = ConfigDict(extra="forbid")

    rows: list[list[str]]


class Page(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: int = Field(ge=1, description="1-based page number within the document")
    text: str
    method: ReadMethod
    confidence: float | None = Field(
        default=None, description="Mean OCR word confidence 0-100 where OCR ran; None for text layers"
    )
    tables: list[Table] = Field(default_factory=list)
    rotation: int = Field(default=0, description="Degrees the page was rotated before OCR")


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Declared name (display only; never used as a path)")
    media_type: str
    sha256: str
    pages: list[Page]

    @property
    def text(self) -> str:
        return "\n\f\n".join(p.text for p in self.pages)
