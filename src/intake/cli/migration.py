from __future__ import annotations

import typer

app = typer.Typer(help="Migration runs and their completion.", no_args_is_help=True)
