from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from intake.cli.common import context, emit, handle_errors, message, state
from intake.registry.enums import SignerKind

if TYPE_CHECKING:
    from intake.authorisation.trust import SignerView

app = typer.Typer(help="Trusted signer keys of customers, and the vault's key-encryption key.", no_args_is_help=True)

SIGNER_COLUMNS = ["key_id", "customer", "kind", "label", "status", "added_by", "added_at", "revoked_at",
                  "confirmed_by", "active_authorisations"]
TABLE_COLUMNS = ["key_id", "customer", "kind", "label", "status", "active_authorisations"]


def emit_record(record: object) -> None:
    """One record: JSON as is, or a two-column field/value table that stays readable in a terminal."""
    if state.json:
        emit(record)
        return
    fields = dataclasses.asdict(record) if dataclasses.is_dataclass(record) and not isinstance(record, type) \
        else dict(cast(Mapping[str, Any], record))
    emit([{"field": k, "value": v} for k, v in fields.items()], columns=["field", "value"])


def passphrase_from_env(variable: str | None) -> bytes | None:
    """Passphrases come from a named environment variable, never from the command line (shell history)."""
    if variable is None:
        return None
    value = os.environ.get(variable)
    if not value:
        from intake.authorisation import KeyFileError

        raise KeyFileError(f"environment variable {variable} (named by --passphrase-env) is not set or empty")
    return value.encode()


def _row(view: SignerView) -> dict[str, object]:
    return {column: getattr(view, column) for column in SIGNER_COLUMNS}


@app.command("generate")
@handle_errors
def generate(
    out: Annotated[Path, typer.Option("--out", help="Folder for the new key files (created if missing)")],
    name: Annotated[str, typer.Option(help="Base name of the key files")] = "signer",
    passphrase_env: Annotated[
        str | None, typer.Option(help="Encrypt the private key with the passphrase in this environment variable")
    ] = None,
) -> None:
    """Create a new Ed25519 key pair for a customer or account manager to sign authorisations with.

    The private key file (mode 0600) stays with its owner; send only the .pub file to the admin,
    who trusts it with `intake keys add`.
    """
    from intake.authorisation.signing import generate_keypair

    paths = generate_keypair(out, name=name, passphrase=passphrase_from_env(passphrase_env))
    message(f"wrote private key {paths.private_key} (keep it secret) and public key {paths.public_key}")
    emit_record({"key_id": paths.key_id, "private_key": paths.private_key, "public_key": paths.public_key})


@app.command("add")
@handle_errors
def add(
    public_key: Annotated[Path, typer.Argument(help="Public key file (.pub from `intake keys generate`)")],
    customer: Annotated[str, typer.Option(help="Customer organisation the key signs for")],
    kind: Annotated[SignerKind, typer.Option(help="Whose key it is")],
    label: Annotated[str, typer.Option(help="Who holds the key, e.g. 'Head of EBME'")],
) -> None:
    """Trust a public key to sign authorisations for one customer (admin)."""
    from intake.audit import REFUSED
    from intake.authorisation import KeyFileError, add_signer
    from intake.authorisation.signing import read_small_file

    ctx = context()
    try:
        key_bytes = read_small_file(public_key, "public key")
    except KeyFileError as exc:
        # A missing or unreadable input file is a refusal like any other: audited (the path, never content).
        actor = ctx.authorise("signers.manage")
        ctx.record(actor, "signers.add", outcome=REFUSED, reason="unreadable file", file=str(public_key),
                   problem=type(exc).__name__)
        raise
    view = add_signer(ctx, customer, kind, label, key_bytes, source=str(public_key))
    grouped = " ".join(view.key_id[i:i + 4] for i in range(0, len(view.key_id), 4))
    message(f"trusted key {view.key_id} for '{view.customer}'. Before it signs anything, someone other than you must "
            "read its fingerprint back to the key's owner by phone or in person (they compute it as "
            f"docs/authorisation.md shows) and record it with `intake keys confirm {view.key_id[:16]} --how ...`: "
            f"{grouped}")
    emit_record(_row(view))


@app.command("list")
@handle_errors
def list_(customer: Annotated[str | None, typer.Option(help="Only keys of this customer")] = None) -> None:
    """List trusted and revoked signer keys."""
    from intake.authorisation import list_signers

    rows = [_row(v) for v in list_signers(context(), customer)]
    if not state.json:
        rows = [{**row, "key_id": str(row["key_id"])[:16]} for row in rows]
    emit(rows, title="signer keys", columns=None if state.json else TABLE_COLUMNS)


@app.command("revoke")
@handle_errors
def revoke(
    key_id: Annotated[str, typer.Argument(help="Key id (or at least 8 leading hex digits of it)")],
    reason: Annotated[str | None, typer.Option(help="Why, for the audit log")] = None,
) -> None:
    """Revoke a signer key: every authorisation it signed stops verifying (admin)."""
    from intake.authorisation import revoke_signer

    view = revoke_signer(context(), key_id, reason)
    message(
        f"revoked key {view.key_id}; {view.active_authorisations} active authorisation(s) it signed no longer verify"
    )
    emit_record(_row(view))


@app.command("confirm")
@handle_errors
def confirm(
    key_id: Annotated[str, typer.Argument(help="Key id, or an unambiguous prefix of 8+ hex digits")],
    how: Annotated[str, typer.Option("--how", help="How the fingerprint was checked with the key's owner")],
) -> None:
    """Record that a signer key's fingerprint was confirmed with its owner out of band (not by whoever added it).

    A key signs nothing until it is confirmed; whoever added it may not also register what it signs (two-person
    rule).
    """
    from intake.authorisation import confirm_signer

    ctx = context()
    view = confirm_signer(ctx, key_id, how)
    message(f"key {view.key_id[:16]} confirmed by {view.confirmed_by}")
    emit_record(_row(view))


@app.command("rotate-kek")
@handle_errors
def rotate_kek() -> None:
    """Rewrap every vault data key under a new key-encryption key (admin)."""
    from intake.vault import rotate_kek as rotate

    count = rotate(context())
    message(f"rewrapped {count} data key(s) under a new key-encryption key")
    emit_record({"rewrapped": count})


@app.command("check")
@handle_errors
def check() -> None:
    """Check that every live vault data key unwraps with the available key-encryption key(s) (admin, dpo).

    Prints counts per KEK (never key material); exits 1 when any data key does not unwrap or the configured
    key provider cannot be used, saying what to restore.
    """
    from intake.vault import check_keys, require_keys_ok

    report = check_keys(context())
    summary = {
        "provider": report.provider, "key_file": report.key_file, "key_file_state": report.key_file_state,
        "live": report.live, "unwrapped": report.unwrapped, "failed": report.failed, "destroyed": report.destroyed,
    }
    if state.json:
        emit({**summary, "keks": report.keks, "problems": report.problems, "ok": report.ok})
    else:
        emit_record(summary)
        if report.keks:
            emit(report.keks, title="data keys by KEK")
        if report.ok:
            message(f"all {report.live} live data key(s) unwrap")
    require_keys_ok(report)
