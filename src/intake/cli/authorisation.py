from __future__ import annotations

import typer

app = typer.Typer(help="Written authorisations and consent: sign, register, verify, withdraw.", no_args_is_help=True)
