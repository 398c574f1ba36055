from __future__ import annotations

import typer

app = typer.Typer(help="Trusted signer keys of customers, and the vault's key-encryption key.", no_args_is_help=True)
