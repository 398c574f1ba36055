from __future__ import annotations

import typer

app = typer.Typer(help="Fault investigations: open and close the hold on a fault dataset.", no_args_is_help=True)
