from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from intake.cli.common import Yes, confirm_irreversible, context, emit, handle_errors, message, state
from intake.cli.keys import emit_record, passphrase_from_env
from intake.registry.enums import AuthorisationState, PersonalDataDeclaration, Purpose

app = typer.Typer(help="Written authorisations and consent: draft, sign, register, verify, withdraw.",
                  no_args_is_help=True)

LIST_COLUMNS = ["reference", "customer", "purpose", "purpose_reference", "state", "valid_until", "files", "datasets"]


@app.command("draft")
@handle_errors
def draft(
    files: Annotated[list[Path], typer.Argument(help="The dataset's files, as they will be sent")],
    evidence: Annotated[Path, typer.Option("--evidence", help="The signed letter or form (PDF or image)")],
    customer: Annotated[str, typer.Option(help="The customer organisation, as its signing key is bound to it")],
    reference: Annotated[str, typer.Option(help="A unique reference for this authorisation, e.g. AUTH-2027-001")],
    purpose: Annotated[Purpose, typer.Option(help="What the data may be used for")],
    purpose_reference: Annotated[str, typer.Option(help="The migration project or the fault ticket")],
    signatory: Annotated[str, typer.Option(help="Who signs for the customer")],
    signatory_role: Annotated[str, typer.Option(help="Their role, e.g. 'Head of Clinical Engineering'")],
    valid_until: Annotated[str, typer.Option(help="Last day the authorisation is valid (YYYY-MM-DD)")],
    personal_data: Annotated[PersonalDataDeclaration, typer.Option(
        help="none, anonymised, or may_contain (then the data is used for the purpose alone)")],
    description: Annotated[str, typer.Option(help="What the dataset is, in a sentence")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the manifest (never over an existing file)")],
    signed_on: Annotated[str | None, typer.Option(help="Signing day (YYYY-MM-DD); default today")] = None,
) -> None:
    """Write the manifest of FILES (names and SHA-256 computed here) for the customer to sign: needs no account,
    no registry and no network."""
    from datetime import date

    from intake.authorisation.draft import ManifestTerms, write_draft

    def day(text: str, option: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise typer.BadParameter(f"{option} must be a date YYYY-MM-DD") from None

    terms = ManifestTerms(customer, signatory, signatory_role,
                          day(signed_on, "--signed-on") if signed_on else date.today(),
                          day(valid_until, "--valid-until"), purpose, purpose_reference, reference, description,
                          personal_data)
    written = write_draft(terms, files, evidence, out)
    message(f"wrote {written} ({reference}, {len(files)} file(s)); the customer signs it: "
            "`intake authorisation sign` or openssl (docs/authorisation.md)")
    emit_record({"manifest": written, "reference": reference, "files": len(files)})


@app.command("validate")
@handle_errors
def validate(manifest: Annotated[Path, typer.Argument(help="Manifest YAML file")]) -> None:
    """Check a manifest against the schema without signing or registering it."""
    from intake.authorisation import read_manifest

    _data, parsed = read_manifest(manifest)
    message(f"{manifest} is a valid manifest: {parsed.reference}, {len(parsed.files)} file(s)")
    emit_record({"reference": parsed.reference, "customer": parsed.customer, "purpose": parsed.purpose.kind,
          "purpose_reference": parsed.purpose_reference, "files": len(parsed.files), "valid": True})


@app.command("sign")
@handle_errors
def sign(
    manifest: Annotated[Path, typer.Argument(help="Manifest YAML file to sign (its exact bytes are signed)")],
    key: Annotated[Path, typer.Option("--key", help="Ed25519 private key file from `intake keys generate`")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the detached signature (base64, one line)")],
    passphrase_env: Annotated[
        str | None, typer.Option(help="Environment variable holding the private key's passphrase")
    ] = None,
) -> None:
    """Validate a manifest, then write its detached Ed25519 signature (the customer's step: needs no account and no
    registry; `openssl pkeyutl -sign -rawin` gives the same signature, docs/authorisation.md)."""
    from intake.authorisation import sign_manifest_file

    result = sign_manifest_file(manifest, key, out, passphrase_from_env(passphrase_env))
    message(f"signed {manifest} ({result.reference}) with key {result.key_id[:16]}; signature in {out}")
    emit_record(result)


@app.command("register")
@handle_errors
def register_(
    manifest: Annotated[Path, typer.Argument(help="Signed manifest YAML file")],
    signature: Annotated[Path, typer.Option("--signature", help="Detached signature file")],
    evidence: Annotated[Path, typer.Option("--evidence", help="The signed letter or form (PDF or image)")],
) -> None:
    """Verify a signed manifest and its evidence, keep the evidence encrypted, and record the authorisation."""
    from intake.authorisation import register

    view = register(context(), manifest, signature, evidence)
    message(f"registered authorisation {view.reference} for '{view.customer}' "
            f"({view.purpose} {view.purpose_reference})")
    emit_record(view)


@app.command("list")
@handle_errors
def list_(
    customer: Annotated[str | None, typer.Option(help="Only this customer's authorisations")] = None,
    state_: Annotated[AuthorisationState | None, typer.Option("--state", help="Only active or withdrawn")] = None,
) -> None:
    """List registered authorisations."""
    from intake.authorisation import list_authorisations

    emit(list_authorisations(context(), customer, state_), title="authorisations",
         columns=None if state.json else LIST_COLUMNS)


@app.command("show")
@handle_errors
def show(reference: Annotated[str, typer.Argument(help="Authorisation reference")]) -> None:
    """Show one authorisation with its files, evidence and datasets."""
    from intake.authorisation import show_authorisation

    detail = show_authorisation(context(), reference)
    if state.json:
        emit(detail)
        return
    emit_record({**dataclasses.asdict(detail.summary), "manifest_sha256": detail.manifest_sha256,
          "evidence_sha256": detail.evidence_sha256, "evidence_artefact_id": detail.evidence_artefact_id})
    emit(detail.file_list, title="authorised files")
    emit(detail.dataset_list, title="datasets")


@app.command("verify")
@handle_errors
def verify(
    reference: Annotated[str, typer.Argument(help="Authorisation reference")],
    purpose: Annotated[Purpose, typer.Option(help="What the data is to be used for")],
    files: Annotated[list[Path] | None, typer.Argument(help="Files to check against the authorised SHA-256s")] = None,
) -> None:
    """Run every check on an authorisation (and, when given, files); exit 1 naming the failed check."""
    from intake.authorisation import FileNotAuthorised, verify_for
    from intake.authorisation.signing import sha256_file

    ctx = context()
    actor = ctx.authorise("authorisation.list", reference=reference)
    presented = {path.name: sha256_file(path) for path in files} if files else None
    if presented is not None and len(presented) != len(files or []):
        raise FileNotAuthorised("two of the files given share a name: the authorisation lists files by name", [])
    verified = verify_for(ctx, reference, purpose, presented, actor)
    message(f"authorisation {verified.reference} verified for {verified.purpose.value}"
            + (f" and {len(presented)} file(s)" if presented else ""))
    emit_record({"reference": verified.reference, "customer": verified.customer_name, "purpose": verified.purpose,
          "purpose_reference": verified.purpose_reference, "personal_data": verified.personal_data,
          "valid_until": verified.valid_until, "files_checked": len(presented or {}), "verified": True})


@app.command("withdraw")
@handle_errors
def withdraw_(
    reference: Annotated[str, typer.Argument(help="Authorisation reference")],
    reason: Annotated[str, typer.Option(help="Why, e.g. 'customer letter of 2026-03-02'")],
    yes: Yes = False,
) -> None:
    """Record the customer's withdrawal of consent: runs stop at their next step, datasets are deleted."""
    from intake.authorisation import withdraw

    ctx = context()
    confirm_irreversible(f"Withdrawing {reference} (its datasets become due for deletion at once)", reference, yes)
    view = withdraw(ctx, reference, reason)
    message(
        f"authorisation {view.reference} withdrawn: {view.datasets_scheduled} dataset(s) due for deletion now, "
        f"{view.runs_in_progress} run(s) in progress will stop at their next step"
    )
    emit_record(view)
