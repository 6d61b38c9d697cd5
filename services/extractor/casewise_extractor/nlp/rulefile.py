"""Rule files as data: the pydantic base for regex rules and the one loader that fails loudly.

A typo in a rule file (an unknown key, a regex that does not compile, bad JSON) raises
``RulesInvalid`` naming the file, at load time rather than as a silent miss later.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TypeVar

from casewise_core.errors import RulesInvalid
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

M = TypeVar("M", bound=BaseModel)


class PatternRule(BaseModel):
    """A rule with a ``pattern`` regex (``{A}`` stands for a TNM axis letter and is checked as T)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("pattern", check_fields=False)
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value.replace("{A}", "T"))
        except re.error as exc:
            raise ValueError(f"bad regex: {exc}") from exc
        return value


def load_rule_file(model: type[M], path: Path) -> M:
    try:
        return model.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (ValidationError, json.JSONDecodeError) as exc:
        raise RulesInvalid(detail={"file": path.name, "errors": str(exc)[:500]}) from exc
