from __future__ import annotations

import typer

app = typer.Typer(help="Connectors: the source formats intake can read.", no_args_is_help=True)
