"""CLI commands: ``casewise ask "QUESTION" [--records FILE ...] [--profile FILE] [--json]``.

With ``--records`` the files are read and a profile is extracted here in the CLI layer (the
answerer package never imports the extractor). The index is built on first use if missing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from casewise_core.errors import CasewiseError

from casewise_cli.errors import fail

if TYPE_CHECKING:
    from casewise_core.answer import Answer
    from casewise_core.profile import Profile


def extract_profile(records: list[Path]) -> Profile:
    """Read each record and merge the per-document profiles (the extractor's own functions)."""
    from casewise_core.settings import ExtractorSettings
    from casewise_extractor.nlp import load_extractor, merge_profiles
    from casewise_extractor.reading import read_document

    settings = ExtractorSettings()
    extractor = load_extractor(settings)
    profiles = [extractor.extract(read_document(path, path.name, settings=settings)) for path in records]
    return merge_profiles(profiles)


def render(answer: Answer) -> str:
    """The answer for a terminal: Markdown as is, then suggested questions and warnings."""
    lines = [answer.answer_markdown]
    if answer.suggested_questions:
        lines.append("\nYou could also ask:\n" + "\n".join(f"  - {q}" for q in answer.suggested_questions))
    lines += [f"\nwarning: {w}" for w in answer.warnings]
    return "\n".join(lines)


def ask(
    question: str = typer.Argument(..., help="Your question, in your own words"),
    records: list[Path] = typer.Option(
        [], "--records", "-r", exists=True, dir_okay=False, help="Record files (PDF, photo, text)"
    ),
    profile_file: Path | None = typer.Option(
        None, "--profile", exists=True, dir_okay=False, help="A profile JSON (from `casewise extract --json`)"
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the answer as JSON"),
) -> None:
    """Answer a question, personalised to your records when you give them."""
    from casewise_answerer.answerer import Answerer
    from casewise_core.profile import Profile
    from casewise_core.settings import AnswererSettings

    try:
        profile: Profile | None = None
        if profile_file is not None:
            profile = Profile.model_validate_json(profile_file.read_text(encoding="utf-8"))
        if records:
            profile = extract_profile(records)
        answerer = Answerer.from_settings(AnswererSettings())
        try:
            answer = answerer.answer(question, profile)
        finally:
            answerer.close()
    except CasewiseError as err:
        fail(err)
    if as_json:
        typer.echo(json.dumps(answer.model_dump(mode="json"), indent=2))
    else:
        typer.echo(render(answer))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("ask")(ask)
