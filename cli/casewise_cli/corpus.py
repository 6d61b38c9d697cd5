"""CLI commands: ``casewise corpus index`` builds or updates the knowledge index from corpus/.

Incremental by content hash: unchanged passages are not re-embedded, removed ones are deleted.
In local mode this process owns the index path while it runs (stop the answer worker first).
"""

from __future__ import annotations

import json
import time

import typer
from casewise_core.errors import CasewiseError

from casewise_cli.errors import fail

corpus_app = typer.Typer(help="The knowledge corpus and its search index.", no_args_is_help=True)


@corpus_app.command("index")
def index(as_json: bool = typer.Option(False, "--json", help="Print the report as JSON")) -> None:
    """Build or update the search index from the corpus (only changed passages are re-embedded)."""
    from casewise_answerer.answerer import Answerer
    from casewise_core.settings import AnswererSettings

    started = time.perf_counter()
    try:
        answerer = Answerer.from_settings(AnswererSettings())
    except CasewiseError as err:
        fail(err)
    try:
        report = answerer.sync_report
        assert report is not None
        out = {
            "passages": len(answerer.corpus.passages),
            "documents": len(answerer.corpus.docs),
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "deleted": report.deleted,
            "embedded": report.embedded,
            "dense": answerer.dense,
            "index_seconds": round(report.seconds, 2),
            "total_seconds": round(time.perf_counter() - started, 2),
        }
    finally:
        answerer.close()
    if as_json:
        typer.echo(json.dumps(out))
    else:
        typer.echo(
            f"indexed {out['passages']} passages from {out['documents']} documents: {out['added']} added, "
            f"{out['updated']} updated, {out['unchanged']} unchanged, {out['deleted']} deleted "
            f"({'dense + keyword' if out['dense'] else 'keyword only'}, {out['total_seconds']} s)"
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(corpus_app, name="corpus")
