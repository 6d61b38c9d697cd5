"""CLI commands: reading (``casewise read FILE``): print a record's pages as the reader sees them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from casewise_core.errors import CasewiseError

from casewise_cli.errors import fail


def _progress(stage: str, done: int, total: int) -> None:
    print(f"{stage}: {done}/{total}", file=sys.stderr, flush=True)


def read(
    file: Annotated[Path, typer.Argument(help="PDF, PNG, JPEG, TIFF or .txt file to read")],
    as_json: Annotated[bool, typer.Option("--json", help="Print pages as JSON")] = False,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Pages OCRed at once (default: all cores)")
    ] = None,
    show_progress: Annotated[bool, typer.Option("--progress", help="Report progress on stderr")] = False,
) -> None:
    """Read a record and print its pages: a header line per page, then the page text."""
    from casewise_extractor.reading import read_document  # heavy: PIL, pdfium, pdfplumber

    try:
        doc = read_document(file, file.name, workers=workers, progress=_progress if show_progress else None)
    except CasewiseError as err:
        fail(err)
    if as_json:
        pages = [
            {
                "number": p.number,
                "text": p.text,
                "method": p.method,
                "confidence": p.confidence,
                "tables": [t.rows for t in p.tables],
            }
            for p in doc.pages
        ]
        typer.echo(json.dumps({"pages": pages}, ensure_ascii=False, indent=2))
        return
    for page in doc.pages:
        extra = f", confidence {page.confidence:.0f}" if page.confidence is not None else ""
        extra += f", rotated {page.rotation}" if page.rotation else ""
        typer.echo(f"=== page {page.number} ({page.method}{extra}) ===")
        typer.echo(page.text)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("read")(read)
