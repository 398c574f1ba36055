"""What a report bundle (report_bundle.py) is built from, read as the viewer may read it:

- every report of the dataset's latest run the viewer's roles may read, decided as `intake reports show` decides
  (reports.py: `ReportView.needs`); review.json, a report of raw values, only with `report.raw` (the DPO);
- the run's rejects as counts by table, reason and source column: read from the delivered package's rejects file
  (its `source_table` and `reasons` columns only, never a row's key or values), or, when the package is gone, the
  reconciliation's counts by reason;
- the dataset's deletion certificate, if one exists, for viewers with `certificate.read`, with the customer's
  name and whether its signature verifies.

Every read is audited: reports by `reports.read_report`, the rejects and the certificate as `report.read`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from intake.context import Context
from intake.errors import IntakeError
from intake.permissions import allowed_roles

REJECTS_FILE = "rejects.parquet"  # product/package.py: one row per rejected source row, its reasons nested


@dataclass
class RunReports:
    """The latest run's reports the viewer read (name -> text), and those withheld from them (name -> needs)."""

    run: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    withheld: dict[str, str] = field(default_factory=dict)


def may(ctx: Context, action: str) -> bool:
    """Whether the actor's roles allow `action`, asked without a refusal being audited (nothing is attempted)."""
    return bool(ctx.actor().roles & allowed_roles(action))


def run_reports(ctx: Context, dataset_id: str) -> RunReports:
    """Every report of the dataset's latest run the viewer may read, each read audited (reports.read_report)."""
    from intake.reports import list_reports, read_report

    views = [v for v in list_reports(ctx, dataset_id) if v.run]
    if not views:
        return RunReports()
    run = views[-1].run
    found = RunReports(run)
    for view in views:
        if view.run != run:
            continue
        if may(ctx, view.needs):
            found.texts[view.name] = read_report(ctx, dataset_id, view.id)[1]
        else:
            found.withheld[view.name] = view.needs
    return found


def _short(table: str) -> str:
    return table.rsplit("/", 1)[-1]  # the table's name without the file it came from ("assets.csv/assets")


def rejects(ctx: Context, dataset_id: str, run: str, reconciliation: dict[str, Any] | None) -> dict[str, Any] | None:
    """Rejected rows' reasons counted by table, reason code and source column (names and counts only)."""
    if not run:
        return None
    counted = _package_rejects(ctx, dataset_id, run)
    source = "package"
    if counted is None:
        if not reconciliation:
            return None
        source = "reconciliation"
        counted = Counter({(_short(t["table"]), code, ""): int(n) for t in reconciliation.get("tables", [])
                           for code, n in (t.get("rejected_by_reason") or {}).items() if n})
    rows = [{"table": t, "reason": r, "column": c, "count": n} for (t, r, c), n in sorted(counted.items())]
    by_table = {_short(t["table"]): int(t.get("rows_rejected") or 0) for t in (reconciliation or {}).get("tables", [])}
    return {"source": source, "rows": rows, "rows_rejected": by_table}


def _package_rejects(ctx: Context, dataset_id: str, run: str) -> Counter[tuple[str, str, str]] | None:
    """Counts from the run's delivered rejects file; None when the run delivered none that can still be read."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from intake.delivered import delivered_runs
    from intake.package_files import package_files

    actor = ctx.actor()
    located = [d.location for d in delivered_runs(ctx, dataset_id, fetchable=False) if d.run_id == run]
    try:
        opener = package_files(ctx, located[0], actor).get(REJECTS_FILE) if located else None
        if opener is None:
            return None
        counted: Counter[tuple[str, str, str]] = Counter()
        with opener() as handle:
            for batch in pq.ParquetFile(handle).iter_batches(columns=["source_table", "reasons"]):
                reasons = batch.column("reasons")
                tables = pc.take(batch.column("source_table"), pc.list_parent_indices(reasons)).to_pylist()
                flat = reasons.flatten()
                codes, columns = flat.field("code").to_pylist(), flat.field("column").to_pylist()
                counted.update((_short(t or ""), c or "", col or "") for t, c, col in zip(tables, codes, columns,
                                                                                          strict=True))
    except Exception as exc:  # gone, unreachable or unreadable: the reconciliation's counts by reason stand in
        if not isinstance(exc, IntakeError | OSError | pa.ArrowException) and \
                type(exc).__module__.split(".")[0] not in {"botocore", "boto3"}:
            raise
        return None
    ctx.record(actor, "report.read", dataset_id=dataset_id, report=f"{REJECTS_FILE} (counts)", run=run, raw=False)
    return counted


def deletion_certificate(ctx: Context, dataset_id: str) -> dict[str, Any] | None:
    """The dataset's deletion certificate, readable: None if there is none; only that one exists for a viewer
    without `certificate.read`."""
    from sqlalchemy import select

    from intake.registry.models import Customer, DeletionCertificate

    with ctx.registry.session() as session:
        row = session.scalar(select(DeletionCertificate).where(DeletionCertificate.dataset_id == dataset_id))
        if row is None:
            return None
        if not may(ctx, "certificate.read"):
            return {"withheld": "certificate.read"}
        body: dict[str, Any] = json.loads(row.body)
        customer = session.get(Customer, body.get("customer_id"))
        customer_name = customer.name if customer is not None else None
    from intake.retention.certificates import verify_stored

    try:
        verify_stored(ctx, dataset_id)
        signature = "valid: signed by this installation's service key, unmodified"
    except IntakeError as exc:
        signature = f"does NOT verify: {exc}"
    actor = ctx.actor()
    ctx.record(actor, "report.read", dataset_id=dataset_id, report="deletion certificate",
               certificate_id=body.get("certificate_id"), raw=False)
    return {"customer_name": customer_name, "signature": signature, **body}


def certificate_lines(cert: dict[str, Any]) -> list[tuple[str, str]]:
    """The certificate as (label, text) lines a person reads; its JSON stays what `retention certificate show`
    prints and `verify` checks."""
    if "withheld" in cert:
        return [("deletion certificate", "exists; reading it needs certificate.read (dpo, admin): "
                                         "`intake retention certificate show DATASET`")]
    kinds = Counter(a.get("kind", "?") for a in cert.get("artefacts", []))
    by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    verification = cert.get("verification") or {}
    checks = ", ".join(verification.get("checks", []))
    lines = [
        ("customer", f"{cert.get('customer_name') or '(customer record gone)'} ({cert.get('customer_id')})"),
        ("dataset", f"{cert.get('dataset_id')}, {cert.get('purpose')} {cert.get('purpose_reference') or ''}".strip()),
        ("authorisation", str(cert.get("authorisation_reference") or "-")),
        ("received", _day(cert.get("received_at"))),
        ("deletion due", _day(cert.get("due_at"))),
        ("deleted", _day(cert.get("deleted_at"))),
        ("rule", f"{cert.get('rule')}: {cert.get('rule_detail') or ''}".rstrip(": ")),
        ("deleted artefacts", f"{cert.get('artefact_count', 0)} ({by_kind}), "
                              f"{cert.get('ciphertext_bytes', 0)} bytes encrypted"),
        ("data key", "destroyed" if cert.get("key_destroyed") else "NOT destroyed"),
        ("import packages removed", str(len(cert.get("deliveries", [])))),
        ("run spools removed", str(len(cert.get("spools", [])))),
    ]
    lines += [("handed-over copy (not deleted by intake)", f"{h.get('target')} by {h.get('by')} on {_day(h.get('at'))}")
              for h in cert.get("handed_over", [])]
    lines += [
        ("verification", f"{'nothing readable left' if verification.get('nothing_readable') else 'NOT verified'}"
                         f" (checked {_day(verification.get('checked_at'))}: {checks})"),
        ("signature", str(cert.get("signature"))),
        ("issued by", f"{cert.get('issued_by')}, certificate {cert.get('certificate_id')}"),
    ]
    return lines


def _day(value: Any) -> str:
    """An ISO time as "2027-06-03 06:41 UTC"; absent as "-"."""
    if not value:
        return "-"
    from datetime import datetime

    from intake.clock import as_utc

    return f"{as_utc(datetime.fromisoformat(str(value))):%Y-%m-%d %H:%M} UTC"
