from __future__ import annotations

import typer

app = typer.Typer(help="PII scanning of a file or dataset.", no_args_is_help=True)
