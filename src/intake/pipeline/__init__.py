"""Orchestration core: receiving a dataset and the steps of a migration run, as plain functions.

Prefect flows (`intake.flows`) are thin wrappers over these functions and the CLI runs those flows,
so every path is one code path. Nothing here imports Prefect.

Receiving: the authorisation is verified (purpose and every file's SHA-256) before anything is stored,
so refused input leaves no dataset and no artefact behind.

A migration run is a sequence of steps; before each one `checkpoint` re-checks the authorisation
(a withdrawal stops a running run at its next step) and that processing is not restricted. Data
moves between steps only as encrypted vault artefacts; steps exchange ids and counts.

Modules: errors (typed errors, step_errors), receive, datasets, runs (run records and checkpoints),
artefacts (where encrypted Parquet and rejects go between steps, work files, reports), ingest,
anonymise (sessions, chunks, findings), deliver (transform, validate, package, clean-up). Everything is
re-exported here: `from intake import pipeline` then `pipeline.ingest(...)`. Imported by their own paths: terms
(the dataset's own terms, pass 1, and what chunks revealed), known_names (pass 3), residual (the independent
residual check) and decisions (block, fail closed, stop or complete: the run's decisions the flows only call).
"""

from __future__ import annotations

from intake.pipeline.anonymise import (
    Anonymised,
    ChunkResult,
    _session_lock,
    anonymisation_session,
    anonymise_chunk,
    block_dataset,
    close_sessions,
    combine_chunks,
    found_personal_data,
    merge_rescans,
    profile_tables,
    scan_report,
)
from intake.pipeline.artefacts import (
    Chunk,
    TableRef,
    cleanup_work,
    plan_chunks,
    read_chunk,
    read_table_batches,
    rejects_name,
    run_target,
    store_report,
    work_name,
)
from intake.pipeline.datasets import DatasetView, list_datasets, show_dataset
from intake.pipeline.deliver import (
    Delivered,
    abandon_runs,
    deliver,
    delivery_folder,
    discard_stale_staging,
    transform_sources,
)
from intake.pipeline.distinct import analyse_free_text
from intake.pipeline.errors import (
    DatasetBlocked,
    EntriesNotRead,
    PipelineError,
    ProgressCallback,
    ReceiveFailed,
    RunStopped,
    StepFailed,
    TableInTwoFiles,
    no_progress,
    step_errors,
)
from intake.pipeline.ingest import Ingested, _claim_table, ingest, mapping_table, resolve_mapping, unread_entries
from intake.pipeline.receive import (
    HASH_BLOCK,
    FileFingerprint,
    ReceivedDataset,
    ReceivedFile,
    dataset_fingerprint,
    fingerprint_file,
    fingerprint_files,
    fingerprint_received,
    receive_dataset,
    store_received,
    verify_received,
)
from intake.pipeline.runs import RUN_FLOW, RUNNABLE_STATES, RunInfo, checkpoint, end_run, start_run

__all__ = [
    "HASH_BLOCK", "RUNNABLE_STATES", "RUN_FLOW", "Anonymised", "Chunk", "ChunkResult", "DatasetBlocked",
    "DatasetView", "Delivered", "EntriesNotRead", "FileFingerprint", "Ingested",
    "PipelineError", "ProgressCallback", "ReceiveFailed", "ReceivedDataset", "ReceivedFile", "RunInfo",
    "RunStopped", "StepFailed", "TableInTwoFiles", "TableRef", "_claim_table", "_session_lock",
    "abandon_runs", "analyse_free_text", "anonymisation_session", "anonymise_chunk", "block_dataset", "checkpoint",
    "cleanup_work",
    "close_sessions", "combine_chunks", "dataset_fingerprint", "deliver", "delivery_folder",
    "discard_stale_staging", "end_run", "fingerprint_file", "fingerprint_files", "fingerprint_received",
    "found_personal_data", "ingest", "list_datasets", "mapping_table", "merge_rescans", "no_progress",
    "plan_chunks", "profile_tables", "read_chunk", "read_table_batches", "receive_dataset", "rejects_name",
    "resolve_mapping", "run_target", "scan_report", "show_dataset", "start_run", "step_errors",
    "store_received", "store_report", "transform_sources", "unread_entries", "verify_received", "work_name",
]
