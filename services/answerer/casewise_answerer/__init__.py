"""Retrieval over the knowledge corpus and answer generation (offline composer or an LLM).

``from casewise_answerer import Answerer``; see ``answerer.py``. Imported lazily so that
``import casewise_answerer`` stays cheap (Qdrant and torch load on first use).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casewise_answerer.answerer import Answerer

__all__ = ["Answerer"]


def __getattr__(name: str) -> Any:
    if name == "Answerer":
        from casewise_answerer.answerer import Answerer

        return Answerer
    raise AttributeError(name)
