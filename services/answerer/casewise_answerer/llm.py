"""Generation through any OpenAI-compatible server (base URL, model and key from ``LlmSettings``).

The prompt holds the profile as structured facts only (no evidence sentences, no document names:
those are record text and may carry names) and the retrieved passages, each with its id. The model
cites passage ids in square brackets; ``link_citations`` turns them into numbered citations and
drops ids that were not retrieved.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from casewise_core.errors import LlmUnavailable
from casewise_core.profile import Profile
from casewise_core.settings import LlmSettings

from casewise_answerer.corpus import Passage

log = logging.getLogger(__name__)

SYSTEM_PROMPT = """You are casewise, a careful assistant that explains cancer information to patients.
Rules:
- Use ONLY the numbered passages provided. Cite the passage id in square brackets after each claim,
  for example [nsclc-ros1#first-line-treatment]. Cite at least two passages when you can.
- Name a medicine only if it appears in a passage you cite.
- Never suggest a treatment aimed at a biomarker that the profile lists as negative.
- No doses, no promises, no survival numbers. Plain language (US grade 8).
- Use the patient's profile to say what the information means for them.
- If a note says something was not found in the records, or is unusual, say so plainly.
- End by reminding the reader to discuss this with their oncologist."""

_SOURCE_MARK = re.compile(r"\s*\[S\d+\]")
_CITE = re.compile(r"\[([^\[\]]*#[^\[\]]*)\]")


def profile_facts(profile: Profile) -> dict[str, Any]:
    """The profile as structured facts: no evidence, no document names, no free text from records."""
    return {
        "cancer": {
            "name": profile.cancer.name,
            "oncotree_code": profile.cancer.oncotree_code,
            "histology": profile.cancer.histology,
        },
        "stage": {k: getattr(profile.stage, k) for k in ("group", "t", "n", "m", "prefix")},
        "stage_history": [
            {k: getattr(s, k) for k in ("group", "t", "n", "m", "prefix")} for s in profile.stage_history
        ],
        "biomarkers": [
            {
                "gene": b.gene,
                "alteration": b.alteration,
                "detail": b.detail,
                "status": b.status,
                "value": b.value,
                "origin": b.origin,
                "method": b.method,
            }
            for b in profile.biomarkers
        ],
        "treatments": [
            {
                "agent": t.agent,
                "start": t.start,
                "end": t.end,
                "outcome": t.outcome,
                "line": t.line,
                "regimen": t.regimen,
            }
            for t in profile.treatments
        ],
        "procedures": [{"kind": p.kind, "date": p.date} for p in profile.procedures],
    }


def build_messages(
    question: str, profile: Profile | None, passages: list[Passage], notes: list[str]
) -> list[dict[str, str]]:
    blocks = [f"[{p.id}] {p.title}\n{_SOURCE_MARK.sub('', p.text)}" for p in passages]
    parts = [f"Question: {question}"]
    if profile is not None:
        parts.append("Patient profile (structured):\n" + json.dumps(profile_facts(profile), indent=1))
    else:
        parts.append("No patient profile: give a general answer.")
    if notes:
        parts.append("Notes from the casewise checks:\n" + "\n".join(f"- {n}" for n in notes))
    parts.append("Passages:\n\n" + "\n\n".join(blocks))
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": "\n\n".join(parts)}]


def link_citations(text: str, passages: list[Passage]) -> tuple[str, list[Passage]]:
    """Replace ``[passage-id]`` markers with ``[n]``; unknown ids are removed."""
    known = {p.id: p for p in passages}
    cited: list[Passage] = []

    def repl(m: re.Match[str]) -> str:
        refs: list[str] = []
        for pid in re.split(r"[,;\s]+", m.group(1)):
            p = known.get(pid.strip())
            if p is None:
                continue
            if p not in cited:
                cited.append(p)
            refs.append(f"[{cited.index(p) + 1}]")
        return "".join(refs)

    return _CITE.sub(repl, text).strip(), cited


class LlmEngine:
    """A thin wrapper over the ``openai`` client; ``stream=True`` reads the SSE stream."""

    def __init__(self, settings: LlmSettings, stream: bool = False) -> None:
        from openai import OpenAI

        if not settings.llm_base_url:
            raise ValueError("LlmEngine needs llm_base_url")
        self.model = settings.llm_model
        self.stream = stream
        self.client = OpenAI(
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key or "not-needed",
            timeout=settings.llm_timeout_s,
            max_retries=1,
        )

    def generate(self, messages: list[dict[str, str]]) -> str:
        import openai

        try:
            if self.stream:
                chunks: list[str] = []
                for event in self.client.chat.completions.create(
                    model=self.model,
                    messages=messages,
                    temperature=0.1,
                    stream=True,  # type: ignore[arg-type]
                ):
                    if event.choices and event.choices[0].delta.content:
                        chunks.append(event.choices[0].delta.content)
                return "".join(chunks)
            reply = self.client.chat.completions.create(
                model=self.model,
                messages=messages,
                temperature=0.1,  # type: ignore[arg-type]
            )
            return reply.choices[0].message.content or ""
        except openai.OpenAIError as exc:
            log.warning("llm call failed: %s", type(exc).__name__)
            raise LlmUnavailable() from exc
