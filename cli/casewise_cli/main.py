"""The ``casewise`` command. Each group of commands lives in its own module and registers itself;
heavy imports (spaCy, Tesseract, Qdrant) happen inside the commands, so ``casewise --help`` is fast.
"""

from __future__ import annotations

import typer

from casewise_cli import answers, corpus, extraction, reading, service

app = typer.Typer(
    name="casewise",
    help="Cancer guidance specific to one patient's case: read records, extract a profile, ask.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command()
def version() -> None:
    """Print the casewise version."""
    from importlib.metadata import version as dist_version

    typer.echo(dist_version("casewise"))


for module in (reading, extraction, answers, corpus, service):
    module.register(app)


if __name__ == "__main__":  # pragma: no cover
    app()
