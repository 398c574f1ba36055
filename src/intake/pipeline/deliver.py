"""Transform, validate and deliver the import package (staged, committed last), and clean up after dead runs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from intake import vault_packages
from intake.context import Context
from intake.pipeline.anonymise import Anonymised, ChunkResult
from intake.pipeline.artefacts import TableRef, cleanup_work, read_table_batches
from intake.pipeline.errors import ProgressCallback, no_progress, step_errors
from intake.pipeline.ingest import Ingested, _claim_table, mapping_table, resolve_mapping
from intake.pipeline.runs import RunInfo, end_run
from intake.registry.models import (
    ArtefactKind,
    Run,
    RunState,
)
from intake.retention import deliveries, spools

if TYPE_CHECKING:
    from intake.connectors.sinks import DeliverySink


@dataclass(frozen=True)
class Delivered:
    package: str  # where the committed import package is
    manifest: dict[str, Any]
    reconciliation_json: str
    reconciliation_markdown: str
    balanced: bool
    rows_read: int
    rows_rejected: int
    entity_rows: dict[str, int]
    # cells where names found elsewhere in the dataset were replaced at delivery, per "table key/column"
    names_propagated: dict[str, int] = field(default_factory=dict)


def delivery_folder(ctx: Context, run: RunInfo) -> Path:
    return deliveries.delivery_folder(ctx.settings, run.dataset_id)


def run_package(run_id: str) -> str:
    """A run's package is named after the run (retention/deliveries.py and vault_packages.py find it so)."""
    return f"{deliveries.RUN_PREFIX}{run_id}"


def delivery_sink(ctx: Context, dataset_id: str, package: str) -> DeliverySink:
    """A run's package goes where retention/deliveries.py finds and deletes it with the dataset: encrypted in the
    dataset's vault scope by default, or to the configured delivery location, `delivery_url` (S3, SSE-KMS when
    configured) or `delivery_path` (a local folder)."""
    from intake.connectors.sinks import DeliverySink

    settings = ctx.settings
    where = deliveries.delivery_location(settings, dataset_id)
    if vault_packages.is_location(where):
        from intake.vault import Vault

        return DeliverySink.vault(Vault.from_context(ctx), dataset_id, package, ctx.actor())
    return DeliverySink.to(where, package, endpoint_url=settings.vault.s3_endpoint_url,
                           region=settings.vault.aws_region, sse_kms_key_id=settings.delivery_sse_kms_key_id)


def discard_stale_staging(ctx: Context, run: RunInfo) -> int:
    """Remove what killed runs left behind: hidden staging folders and packages in the vault without their
    manifest of this dataset (neither was ever visible as a delivery: a package becomes visible only with its
    manifest), and the spool folder of any run that is not running, of whatever dataset.

    Runs no longer spool their package (it goes straight into its sink), but older versions wrote it in plaintext
    to `<home>/spool/<run id>` and a killed run left it there (retention/spools.py): such a copy is removed at
    the next run's start rather than only when the dataset is deleted. A running run's is left alone (a run of an
    older version may still be delivering)."""
    import shutil

    from intake.connectors.sinks import DeliverySink
    from intake.vault import Vault

    with ctx.registry.session() as session:
        live = session.execute(select(Run.id, Run.dataset_id).where(Run.state == RunState.RUNNING)).all()
    running_any = {run_id for run_id, _ in live}
    running = {run_id for run_id, dataset_id in live if dataset_id == run.dataset_id}
    removed = vault_packages.discard_unpublished(Vault.from_context(ctx), run.dataset_id, running, ctx.actor())
    # The sink knows how its staging folders are named; only runs' packages are the pipeline's to clean up.
    removed += DeliverySink.discard_stale(delivery_folder(ctx, run), keep={run_package(r) for r in running},
                                          prefix=deliveries.RUN_PREFIX)
    spooled = spools.spools_folder(ctx.settings)
    for path in spooled.iterdir() if spooled.is_dir() else []:
        if path.name not in running_any:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def deliver(ctx: Context, run: RunInfo, ingested: Ingested, anonymised: Anonymised,
            progress: ProgressCallback = no_progress, terms_id: str | None = None) -> Delivered:
    """Transform the anonymised tables with the mapping, validate, and write the import package.

    First, full names that the free text of some chunk revealed are replaced wherever else they still stand
    (pipeline.known_names.KnownNamesScrubber). The package is written through the connectors' DeliverySink: encrypted
    into the dataset's vault scope (published by its manifest artefact, written last), or into a hidden staging
    folder renamed into place after its manifest; so a failed, cancelled or killed run leaves no partial
    delivery.
    """
    from intake.pipeline.known_names import known_names_scrubber
    from intake.product import write_package
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    mapping = resolve_mapping(run.mapping)
    raw_hashes = {a.name: a.plaintext_sha256 for a in vault.artefacts(run.dataset_id) if a.kind is ArtefactKind.RAW}
    total = max(anonymised.rows, 1)
    done = 0
    skip = {t.table: {c.column for c in t.columns if c.role in ("person", "reference")}
            for t in anonymised.report.tables}
    codes = {t.table: {c.column for c in t.columns if c.role == "code"} for t in anonymised.report.tables}
    with step_errors("deliver", run.dataset_id):
        scrub = known_names_scrubber(ctx, run, terms_id, [p.found_id for parts in anonymised.parts.values()
                                                          for p in parts if p.found_id], skip, codes)

    def batches(parts: list[ChunkResult]) -> Iterator[Any]:
        nonlocal done
        for part in parts:
            for batch in read_table_batches(vault, part.artefact_id, actor):
                yield scrub(part.table, batch) if scrub is not None else batch
                done += batch.num_rows
                progress(min(done / total, 1.0))

    sources, refs = transform_sources(run, mapping, ingested, anonymised.parts, batches)
    # Lineage and reader rejects are keyed as the transform reports tables: by the mapping's table name.
    source_files = {name: {"file": ref.source_file, "sha256": raw_hashes.get(ref.source_file, "")}
                    for name, ref in refs.items()}
    reader_rejects = {name: ref.rejected for name, ref in refs.items()}
    # The tables the queries read are no source of the transform; their unreadable lines are still source rows:
    # under the query table that replaces one of the same name, else under their own name (the reconciliation
    # lists them apart). Each table was read once, so each line is counted once however many queries read it.
    for ref in ingested.query_inputs:
        name = mapping_table(mapping, ref.table)
        reader_rejects[name] = reader_rejects.get(name, 0) + ref.rejected
    package = run_package(run.run_id)
    with step_errors("deliver", run.dataset_id):
        sink = delivery_sink(ctx, run.dataset_id, package)
        destination = sink.location
        result = write_package(sources, mapping, sink, dataset_id=run.dataset_id,
                               authorisation_reference=run.authorisation, clock=ctx.clock,
                               source_files=source_files, reader_rejects=reader_rejects, queries_done=True)
    reconciliation = result.reconciliation
    entity_rows = {name: int(entity["rows"]) for name, entity in result.manifest.get("entities", {}).items()}
    return Delivered(str(destination), result.manifest, reconciliation.to_json(), reconciliation.to_markdown(),
                     bool(reconciliation.balanced), int(reconciliation.rows_read), int(reconciliation.rows_rejected),
                     entity_rows, scrub.changed() if scrub is not None else {})


def transform_sources(run: RunInfo, mapping: Any, ingested: Ingested, parts: dict[str, list[ChunkResult]],
                      batches: Callable[[list[ChunkResult]], Iterator[Any]]) -> tuple[dict[str, Any],
                                                                                     dict[str, TableRef]]:
    """The anonymised tables as the transform's sources, with the table each came from.

    A mapped table is passed under the mapping's name, from exactly one file (`ingest` refuses two). Tables
    the mapping ignores are not passed (the transform never reads them, and several files may hold one).
    Any other table is passed as well, under its own name (file and name when two files share it), so the
    transform refuses it by name rather than a second one overwriting the first.
    """
    refs = {t.key: t for t in ingested.tables}
    mapped = {t.table for t in mapping.tables}
    names = [refs[key].table for key in parts]
    claimed: dict[str, tuple[str, str]] = {}
    sources: dict[str, Any] = {}
    origins: dict[str, TableRef] = {}
    for key, table_parts in parts.items():
        ref = refs[key]
        target = mapping_table(mapping, ref.table)
        if target in mapping.ignore_tables:
            continue
        if target in mapped:
            _claim_table(claimed, target, ref.source_file, ref.table, run)
            name = target
        else:
            name = ref.table if names.count(ref.table) == 1 else ref.key
        sources[name] = lambda table_parts=table_parts: batches(table_parts)
        origins[name] = ref
    return sources, origins


def abandon_runs(ctx: Context, dataset_id: str, state: RunState, reason: str) -> list[str]:
    """End every run of the dataset still marked running (its process was cancelled or crashed), and remove
    what it left: staging folders, unpublished packages and intermediate work files. Returns the run ids."""
    with ctx.registry.session() as session:
        running = list(session.scalars(select(Run).where(Run.dataset_id == dataset_id, Run.state == RunState.RUNNING)))
        infos = [RunInfo(r.id, dataset_id, "", "", "", json.loads(r.summary or "{}").get("mapping", ""), r.started_by)
                 for r in running]
    for info in infos:
        end_run(ctx, info, state, {"reason": reason})
        cleanup_work(ctx, dataset_id, info.run_id)
        discard_stale_staging(ctx, info)
    return [i.run_id for i in infos]
