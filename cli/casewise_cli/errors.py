"""How the CLI reports a ``CasewiseError``: ``error: <code>: <message>`` on stderr, exit 2."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer
from casewise_core.errors import CasewiseError

EXIT_INPUT_ERROR = 2


def fail(err: CasewiseError) -> NoReturn:
    print(f"error: {err.code}: {err.text}", file=sys.stderr)
    raise typer.Exit(EXIT_INPUT_ERROR)
