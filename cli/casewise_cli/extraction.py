"""CLI commands: extraction (``casewise extract FILE ...``): read records and print the profile.

``--json`` prints one JSON object, the merged profile (``Profile.model_dump(mode="json")``);
``--each ... --jsonl`` prints one line per file, ``{"file", "profile"}`` or ``{"file", "error"}``.
An unreadable input in merged mode exits 2 with one line on stderr. Models load once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from casewise_core.errors import CasewiseError, InputError

from casewise_cli.errors import fail


def _read(path: Path) -> Any:
    from casewise_extractor.reading import read_document  # heavy: PIL, pdfium, pdfplumber

    if not path.is_file():
        raise InputError("This file could not be found. Check the path and try again.")
    return read_document(path, path.name)


def _summary(profile: Any) -> str:
    lines = [f"Documents: {', '.join(profile.documents)}"]
    c, s = profile.cancer, profile.stage
    lines.append(
        f"Cancer: {c.name or 'not found'}" + (f" (OncoTree {c.oncotree_code})" if c.oncotree_code else "")
    )
    if s.group or s.t:
        tnm = " ".join(f"{s.prefix or ''}{x}" for x in (s.t, s.n, s.m) if x)
        lines.append(f"Stage: {s.group or ''} {tnm}".rstrip())
    lines.append("Biomarkers:")
    for b in profile.biomarkers:
        extra = ", ".join(x for x in (b.detail, b.value, b.method) if x)
        lines.append(f"  {b.gene} {b.alteration}: {b.status}" + (f" ({extra})" if extra else ""))
    lines.append("Treatments:")
    for t in profile.treatments:
        when = " to ".join(x for x in (t.start, t.end) if x)
        extra = ", ".join(x for x in (when, t.outcome) if x)
        lines.append(f"  {t.agent}" + (f" ({extra})" if extra else ""))
    for p in profile.procedures:
        lines.append(f"Procedure: {p.kind} {p.name}" + (f" ({p.date})" if p.date else ""))
    for conflict in profile.conflicts:
        lines.append(f"Conflict: {conflict.field}: {' vs '.join(conflict.values)}")
    return "\n".join(lines)


def extract(
    files: Annotated[list[Path], typer.Argument(help="PDF, image (PNG/JPEG/TIFF) or .txt records")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the merged profile as one JSON object")
    ] = False,
    each: Annotated[bool, typer.Option("--each", help="Extract each file on its own")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="With --each: one JSON line per file")] = False,
) -> None:
    """Extract a patient profile (cancer, stage, biomarkers, treatments) from one or more records."""
    from casewise_extractor.nlp import load_extractor, merge_profiles

    extractor = load_extractor()
    if each:
        for path in files:
            try:
                profile = extractor.extract(_read(path))
                row: dict[str, Any] = {"file": str(path), "profile": profile.model_dump(mode="json")}
            except CasewiseError as err:
                row = {"file": str(path), "error": err.to_dict()}
            if jsonl or as_json:
                typer.echo(json.dumps(row, ensure_ascii=False))
            else:
                typer.echo(f"== {path} ==")
                typer.echo(f"error: {row['error']['code']}" if "error" in row else _summary(profile))
        return
    profiles = []
    for path in files:
        try:
            profiles.append(extractor.extract(_read(path)))
        except CasewiseError as err:
            fail(err)
    merged = merge_profiles(profiles)
    if as_json:
        typer.echo(json.dumps(merged.model_dump(mode="json"), ensure_ascii=False))
    else:
        typer.echo(_summary(merged))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("extract")(extract)
