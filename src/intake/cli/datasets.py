from __future__ import annotations

import typer

app = typer.Typer(help="Datasets: receive under an authorisation, list, show.", no_args_is_help=True)
