from __future__ import annotations

import typer

app = typer.Typer(help="Holds: fault holds, legal holds and restrictions of processing.", no_args_is_help=True)
