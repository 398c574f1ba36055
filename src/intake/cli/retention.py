from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from intake.cli.common import (
    Yes,
    confirm_irreversible,
    context,
    emit,
    expand_certificate_id,
    handle_errors,
    message,
    prefect_here,
    state,
    when,
)

if TYPE_CHECKING:
    from intake.context import Context
    from intake.retention import monitoring, rules

app = typer.Typer(help="Retention: what is due when, and the deletion sweep.", no_args_is_help=True)
certificate = typer.Typer(help="Deletion certificates: show, verify, export the service public key.",
                          no_args_is_help=True)
app.add_typer(certificate, name="certificate")

LIST_COLUMNS = ["dataset_id", "purpose", "state", "status", "rule", "due_at", "reason"]
OVERDUE_EXIT = 3  # not 1 (a refusal or failure) nor 2 (usage): monitoring tells "overdue" apart


@app.command("list")
@handle_errors
def list_(
    due: Annotated[bool, typer.Option("--due", help="Only datasets due now or held")] = False,
    flagged: Annotated[bool, typer.Option("--flagged", help="Only datasets flagged to the DPO")] = False,
    overdue: Annotated[bool, typer.Option(
        "--overdue", help="Only datasets due for longer than --grace-hours and not held; exit 3 if any, or if no "
        "sweep succeeded within --grace-hours, or if a legal hold is past its review date (for cron and monitoring: "
        "a sweep that did not run or did not finish)")] = False,
    grace_hours: Annotated[float, typer.Option("--grace-hours", min=0, help="How long a due dataset may wait for "
                                               "the daily sweep before it counts as overdue, and how long ago the "
                                               "last successful sweep may be")] = 26.0,
    notify_dpo: Annotated[bool, typer.Option(
        "--notify", help="With --overdue: also tell the DPO through the [notifications] channels when anything is "
        "overdue (a cron job's way to report a sweep that never ran)")] = False,
) -> None:
    """What is due for deletion when, and why; held and flagged datasets included."""
    from intake.retention import monitoring, rules

    ctx = context()
    if overdue:
        report = monitoring.overdue(ctx, grace_hours)
        emit([_row(d) for d in report.datasets], title="retention", columns=LIST_COLUMNS)
        _overdue_exit(ctx, report, notify_dpo)
        return
    found = rules.list_retention(ctx)
    if due:
        found = [d for d in found if d.status in (rules.Status.DUE, rules.Status.HELD)]
    if flagged:
        found = [d for d in found if d.status is rules.Status.FLAGGED]
    emit([_row(d) for d in found], title="retention", columns=LIST_COLUMNS)


def _overdue_exit(ctx: Context, report: monitoring.Overdue, notify_dpo: bool) -> None:
    """Say what is overdue, notify if asked, exit 3 if anything is."""
    from intake.retention import monitoring

    if not report.anything:
        return
    if notify_dpo:
        monitoring.notify_overdue(ctx, report)
    if report.datasets:
        message(f"{len(report.datasets)} dataset(s) overdue for deletion: run `intake retention sweep` (DPO) and "
                "check why the scheduled sweep did not delete them")
    if report.missed_sweep is not None:
        last = report.missed_sweep.last_sweep_at
        message(f"no deletion sweep succeeded in the last {report.grace_hours:g} hours (last: "
                f"{when(last) if last else 'never'}): check the Prefect worker and the retention-sweep schedule")
    if report.reviews_due:
        message(f"{len(report.reviews_due)} legal hold(s) past their review date "
                f"({', '.join(h.id for h in report.reviews_due[:5])}): `intake holds legal review HOLD --reason ...`")
    raise typer.Exit(OVERDUE_EXIT)


def _row(decision: rules.RetentionDecision) -> dict[str, object]:
    return {
        "dataset_id": decision.dataset_id, "customer_id": decision.customer_id, "purpose": decision.purpose,
        "state": decision.state, "status": decision.status, "rule": decision.rule, "due_at": decision.due_at,
        "legal_holds": list(decision.legal_holds), "restricted": decision.restricted,
        "flagged_at": decision.flagged_at, "reason": decision.reason,
    }


@app.command("sweep")
@handle_errors
def sweep(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what is due; delete nothing")] = False,
    wait: Annotated[float, typer.Option("--wait", help="Seconds to wait for a running sweep")] = 0.0,
    yes: Yes = False,
) -> None:
    """Delete every due dataset not under a legal hold, verify, and write signed deletion certificates.

    Runs the retention-sweep flow (the one scheduled daily); exit 1 if a due dataset could not be deleted."""
    from intake.flows.local import run_flow

    ctx = context()
    if not dry_run:
        confirm_irreversible("Deleting every dataset due now (see `intake retention sweep --dry-run`)", "delete",
                             yes)
    prefect_here(ctx)  # before anything imports prefect
    from intake.flows.sweep import SweepIncomplete

    try:
        result = run_flow("retention-sweep", ctx, dry_run=dry_run, wait_seconds=wait)
    except SweepIncomplete as incomplete:
        # The flow fails so Prefect shows the sweep as failed; its report still says what was deleted.
        result = getattr(incomplete, "report", None)
        if not result:
            raise
    report = _sweep_report(result)
    if dry_run:
        message(f"dry run: {len(report['due'])} due, {len(report['held'])} held by legal hold, "
                f"{len(report['flagged'])} flagged to the DPO; nothing deleted")
    else:
        message(f"deleted {len(report['deleted'])}, held {len(report['held'])}, flagged {len(report['flagged'])} "
                f"({len(report['newly_flagged'])} new), failed {len(report['failed'])}")
    if state.json:
        emit(report)
    else:
        emit(_sweep_rows(report), title="sweep", columns=["dataset_id", "outcome", "detail"])
    if report["failed"]:
        raise typer.Exit(1)


def _sweep_report(result: dict[str, Any]) -> dict[str, Any]:
    """The flow's result (counts plus lists) in the shape `intake retention sweep --json` has always printed."""
    return {
        "started_at": result["started_at"], "dry_run": result["dry_run"], "finished_at": result["finished_at"],
        "deleted": result["deleted_datasets"], "due": result["due_datasets"], "held": result["held_datasets"],
        "flagged": result["flagged_datasets"], "newly_flagged": result["newly_flagged"], "failed": result["failures"],
    }


def _sweep_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    rows = [{"dataset_id": d["dataset_id"], "outcome": "deleted",
             "detail": f"rule {d['rule']}; certificate {d['certificate_file']}"} for d in report["deleted"]]
    if report["dry_run"]:
        rows += [{"dataset_id": d, "outcome": "due", "detail": "would be deleted"} for d in report["due"]]
    rows += [{"dataset_id": d, "outcome": "held", "detail": "legal hold"} for d in report["held"]]
    rows += [{"dataset_id": d, "outcome": "flagged", "detail": "purpose not complete: DPO decides"}
             for d in report["flagged"]]
    rows += [{"dataset_id": f["dataset_id"], "outcome": "failed", "detail": f"{f['error']}: {f['message']}"}
             for f in report["failed"]]
    return rows


@certificate.command("show")
@handle_errors
def show(
    id_: Annotated[str, typer.Argument(help="Dataset id or certificate id (or a unique start of either)")],
    text: Annotated[bool, typer.Option("--text", help="For a person: the customer, dates, rule, everything "
                                                      "deleted, the signature checked now, how to verify offline")]
    = False,
) -> None:
    """Print the signed deletion certificate kept in the registry (JSON, the file's content; or --text)."""
    from intake.retention import certificate_text, certificates
    from intake.retention.errors import CertificateInvalid

    ctx = context()
    given = expand_certificate_id(id_) or id_
    if not text:
        signed = certificates.stored_certificate(ctx, given)
        sys.stdout.write(json.dumps(signed.document(), indent=2, sort_keys=True) + "\n")
        return
    reading = certificate_text.read_certificate(ctx, given)
    sys.stdout.write(certificate_text.render_text(reading))
    if reading.valid is False:
        raise CertificateInvalid(reading.problem or "the signature does not verify")


@certificate.command("verify")
@handle_errors
def verify(
    file: Annotated[Path, typer.Argument(help="Certificate JSON file")],
    public_key: Annotated[Path | None, typer.Option("--public-key", help="Service public key (PEM); "
                                                     "default: this installation's key")] = None,
) -> None:
    """Verify a certificate file's signature; exit 1 if it was altered or signed by another key."""
    from intake.retention import certificates

    settings = None if public_key else context().settings
    body = certificates.verify_certificate_file(file, settings=settings,
                                                public_key=public_key.read_bytes() if public_key else None)
    message(f"valid: dataset {body['dataset_id']} deleted {when(body['deleted_at'])} under rule {body['rule']}; "
            f"{body['artefact_count']} artefacts; key destroyed: {body['key_destroyed']}")
    for handed in body.get("handed_over", []):  # certificates before hand-overs were listed have none
        message(f"handed over to the product, not deleted by intake: {handed['target']} ({handed['files']} files, "
                f"{handed['at']}, by {handed['by']})")
    if state.json:
        emit({"valid": True, "dataset_id": body["dataset_id"], "certificate_id": body["certificate_id"],
              "deleted_at": body["deleted_at"], "rule": body["rule"], "artefacts": body["artefact_count"]})


@certificate.command("public-key")
@handle_errors
def public_key(
    out: Annotated[Path | None, typer.Option("--out", help="Write the PEM here instead of stdout")] = None,
) -> None:
    """Export the service's Ed25519 public key, for verifying certificates elsewhere."""
    from intake.retention import certificates

    ctx = context()
    ctx.authorise("certificate.read")
    pem = certificates.load_service_key(ctx.settings).public_pem()
    if out:
        from intake.private_files import write_output

        write_output(out, pem, ctx.settings)  # a new file, never inside the home (the service may be writing it)
        message(f"wrote {out}")
    else:
        sys.stdout.write(pem.decode())
