"""What an answer looks like, wherever it is produced (CLI, API, Celery task)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from casewise_core.profile import Profile


class Citation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Passage id, e.g. nsclc-ros1#treatment")
    title: str
    source: str = Field(description="The public source the passage cites (FDA label + year, guideline)")
    number: int | None = Field(default=None, description="The [n] used in answer_markdown")


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str
    answer_markdown: str
    personalized: bool
    citations: list[Citation] = Field(default_factory=list)
    profile: Profile | None = None
    suggested_questions: list[str] = Field(default_factory=list)
    engine: str = Field(default="offline", description="offline | llm | llm-fallback")
    warnings: list[str] = Field(default_factory=list)
