from __future__ import annotations

import typer

app = typer.Typer(help="Retention: what is due when, and the deletion sweep.", no_args_is_help=True)
