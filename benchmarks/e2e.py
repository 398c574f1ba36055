"""End-to-end benchmark: receive + migration run of a generated EquipTrack export, beside the pyarrow floor.

What runs (each measured part in its own process, so memory is per part):
  data       intake.generator's EquipTrack export (assets.csv + jobs.csv, Windows-1252, banners, duplicates,
             blank lines, personal data in engineer/contact/notes/fault columns) with its ground truth; cached
             by seed and size under benchmarks/data/ (git-ignored).
  floor      pyarrow reads the same two CSVs (streaming, every column as text) and writes Parquet.
  migrate    a fresh intake home in a temporary folder (admin + engineer, a customer signing key, a signed
             authorisation with evidence covering the files, personal data "may_contain"), then the
             receive-dataset and migration-run flows through `intake.flows.local.run_flow`: the code path of
             `intake datasets receive` / `intake migration run`, on Prefect's ephemeral local API.
Stage times come from the flow's Prefect task runs (start/end): receive (fingerprint, verify, encrypt into the
vault), ingest, profile/scan (includes starting the anonymisation worker processes and loading their spaCy model),
anonymise + re-scan (the global distinct-value pass, where there is one, or else the first chunk, started to findings
combined; chunks run in parallel), transform + validate
+ deliver, and other (start-run, authorisation checkpoints, storing reports, end-run cleanup, Prefect).
Peak memory: the parent samples RSS of the whole process tree of the migrate process with psutil (main
process, anonymisation workers or Dask workers, Prefect's ephemeral API server) every 0.2 s and reports the peak of the
sum with and without the Prefect server; the main process also reports its exact VmHWM.

Anonymisation quality is measured on the delivered import package against the generator's ground truth
(method in QUALITY_METHOD below).

Options: --linearity adds a 10x smaller input in the same invocation and reports the time ratio; --dask runs
the migration again on a local 2-worker Dask cluster (prefect-dask, `intake.flows.migration.with_dask`) on
the same received dataset and checks the delivered Parquet files are identical.

    .venv/bin/python benchmarks/e2e.py [--scale 1m] [--linearity] [--dask [--dask-scale 100k]]

Writes benchmarks/results/e2e.json and e2e.png (or --results PATH, PATH with .png).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
RESULTS = ROOT / "benchmarks" / "results" / "e2e.json"
DEFAULT_SEED = 7
GENERATOR_MAX_ROWS = 5_000_000
# Scale = asset rows; jobs are 3x the assets (capped by the generator's 5M rows per table).
SCALES = {name: (assets, min(3 * assets, GENERATOR_MAX_ROWS)) for name, assets in
          (("10k", 10_000), ("30k", 30_000), ("100k", 100_000), ("300k", 300_000), ("1m", 1_000_000),
           ("5m", 5_000_000))}
CUSTOMER = "St Elsewhere NHS Foundation Trust"
ADMIN, ENGINEER = "bench-admin", "bench-engineer"
SAMPLE_INTERVAL = 0.2
MEMORY_TARGET_MB = 2048
FLOOR_TARGET = 4.0
# The two source files, the first column of their header line (the banners above it are skipped).
SOURCE_TABLES = (("assets", "assets.csv", "Equipment No"), ("jobs", "jobs.csv", "Job No"))
RECEIVE_STAGES = {"fingerprint": ("fingerprint-files",), "verify": ("authorise-receive", "verify-authorisation"),
                  "encrypt": ("encrypt-into-quarantine",)}
MIGRATION_STAGES = {"ingest": ("ingest",), "profile_scan": ("profile-columns", "scan-report"),
                    "anonymise_rescan": ("analyse-free-text", "anonymise-chunk", "combine-findings"),
                    "transform_validate_deliver": ("transform-validate-deliver",)}
STAGE_ORDER = ("receive", "ingest", "profile_scan", "anonymise_rescan", "transform_validate_deliver", "other")

QUALITY_METHOD = {
    "where": "the delivered import package (what leaves intake), joined to the source rows by the business key "
             "(assets by Equipment No -> asset_number, jobs by Job No -> job_number). Evaluated: every source "
             "column the equiptrack mapping copies one-to-one into an entity field (assets: Serial No, Responsible "
             "Engineer, Contact Tel, Notes, Last Modified By; jobs: Fault Description, Outcome, Engineer, Requested "
             "By). Every ground-truth value lies in one of these columns, except the user named in the assets "
             "banner line (row 0), which is not a data row and is counted apart.",
    "recall": "per ground-truth entity type: share of truth values whose text no longer occurs (as whole words) in "
              "the delivered cell of its row and column ('removed'). Also 'fully_replaced': share whose every "
              "character lies in a changed region (a year kept by date generalisation is not replaced but the value "
              "is removed).",
    "changed_regions": "the delivered cell is aligned with the source cell: operator outputs (PERSON_1a2b3c4d "
                       "tokens, [REDACTED], [DATE]) split it into literal pieces that must occur in order in the "
                       "source; what lies between them was changed. Cells that do not align that way (e.g. a date "
                       "of birth generalised to its year) are aligned word by word with difflib. A cell that "
                       "became empty is one changed region unless the mapping reads its text as null ('NA', "
                       "'unknown', ...).",
    "precision": "share of changed regions that overlap a ground-truth span of the same cell (any type: "
                 "over-anonymisation is what precision measures). Per type: a region's type is the token's "
                 "entity (PHONE_... -> PHONE_NUMBER), else the type of the truth span it overlaps most, else UNTYPED. "
                 "'precision_same_type' also requires the overlapped truth span to have the region's type.",
    "false_positives_elsewhere": "columns the generator marks non-personal (manufacturer, model, site, "
                                 "supplier, ...) are mapped into de-duplicated reference entities, so they are "
                                 "checked from the run's findings report: values changed and entities counted "
                                 "there are false positives.",
    "sampling": "when the input has more source rows than --eval-rows, every k-th source row is evaluated "
                "(systematic sample, k reported).",
}


# -- data ---------------------------------------------------------------------------------------------------------
def dataset_dir(assets: int, jobs: int, seed: int, data_dir: Path) -> Path:
    return data_dir / f"equiptrack-seed{seed}-a{assets}-j{jobs}"


def ensure_dataset(assets: int, jobs: int, seed: int, data_dir: Path) -> tuple[Path, dict[str, Any], float]:
    """The generated export of this size and seed, generated once and reused (generation.json marks it done)."""
    folder = dataset_dir(assets, jobs, seed, data_dir)
    marker = folder / "generation.json"
    wanted = {"assets": assets, "jobs": jobs, "jobs_format": "csv"}
    if marker.is_file():
        manifest = json.loads(marker.read_text())
        if manifest.get("seed") == seed and manifest.get("parameters") == wanted:
            return folder, manifest, 0.0
    from intake.generator import generate_equiptrack

    staging = folder.with_name(folder.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    print(f"generating {assets:,} assets + {jobs:,} jobs (seed {seed}) into {folder} ...", flush=True)
    started = time.perf_counter()
    generate_equiptrack(staging, assets=assets, jobs=jobs, seed=seed, jobs_format="csv")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return folder, json.loads(marker.read_text()), time.perf_counter() - started


def header_columns(path: Path, first_column: str) -> tuple[int, list[str]]:
    """Non-blank lines above the header (pyarrow's skip_rows ignores blank ones) and the header's columns."""
    skipped = 0
    with path.open(encoding="cp1252", newline="") as handle:
        for _ in range(20):
            line = handle.readline()
            if not line:
                break
            if line.startswith(first_column + ","):
                return skipped, next(csv.reader([line]))
            if line.strip():
                skipped += 1
    raise SystemExit(f"{path}: no header line starting with {first_column!r} in its first 20 lines")


def open_source_csv(path: Path, first_column: str, columns: list[str] | None = None) -> Any:
    """Streaming pyarrow reader of a generated CSV: Windows-1252, banners skipped, every column as text."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    skip, names = header_columns(path, first_column)
    return pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(encoding="cp1252", skip_rows=skip, block_size=1 << 24),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False,
                                             include_columns=columns),
    )


# -- child process: the floor -------------------------------------------------------------------------------------
def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss, not inherited across fork+exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_floor(config: dict[str, Any]) -> dict[str, Any]:
    import pyarrow.parquet as pq

    data, out = Path(config["data"]), Path(config["out_dir"])
    out.mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}
    started = time.perf_counter()
    for table, file, first_column in SOURCE_TABLES:
        reader = open_source_csv(data / file, first_column)
        count = 0
        with pq.ParquetWriter(out / f"{table}.parquet", reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                count += batch.num_rows
        rows[table] = count
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"seconds": seconds, "rows": rows, "max_rss_mb": peak_rss_mb(),
            "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "bytes_written": sum(p.stat().st_size for p in out.glob("*.parquet"))}


# -- child process: what the floor target leaves for detection ---------------------------------------------------
def phase_budget(config: dict[str, Any]) -> dict[str, Any]:
    """Distinct values of the free-text columns (the run's classification) and what plain Presidio costs per value.

    Whatever a design does elsewhere, each distinct free-text value must be read by a detector at least once. This
    times Presidio's AnalyzerEngine with its default recognizers over a seeded sample of those values, twice: with
    the spaCy model, and with the model skipped (recognizers only, the cheapest call Presidio offers); and intake's
    own detector (engine.TextDetector: batched, NER only where the gate asks) on the same sample. One process, one
    core; the run has two.
    """
    import random

    import pyarrow.compute as pc
    from presidio_analyzer.nlp_engine import NlpArtifacts
    from spacy.tokens import Doc

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from anonymisation import plain_presidio

    data = Path(config["data"])
    distinct: dict[str, int] = {}
    values: set[str] = set()
    for table, file, first_column in SOURCE_TABLES:
        columns = config["columns"].get(table) or []
        if not columns:
            continue
        reader = open_source_csv(data / file, first_column, columns)
        per_column: dict[str, set[str]] = {c: set() for c in columns}
        for batch in reader:
            for name in columns:
                per_column[name].update(pc.unique(batch.column(name)).to_pylist())
        for name, seen in per_column.items():
            seen.discard("")
            distinct[f"{table}.{name}"] = len(seen)
            values |= seen
    sample = random.Random(DEFAULT_SEED).sample(sorted(values), min(config["sample"], len(values)))
    del values
    analyzer = plain_presidio(config["model"])
    engine = analyzer.nlp_engine
    blank = NlpArtifacts(entities=[], tokens=Doc(engine.nlp["en"].vocab, words=[]), tokens_indices=[], lemmas=[],
                         nlp_engine=engine, language="en")
    analyzer.analyze(sample[0], language="en")  # load everything before timing
    timings = {}
    for label, artifacts in (("recognizers_only", blank), ("with_model", None)):
        started = time.perf_counter()
        for text in sample:
            analyzer.analyze(text, language="en", nlp_artifacts=artifacts)
        timings[label] = (time.perf_counter() - started) / len(sample)
    from intake.anonymisation.engine import DetectorConfig, TextDetector
    from intake.config import AnonymisationSettings

    ours = TextDetector(DetectorConfig.from_settings(AnonymisationSettings(spacy_model=config["model"])))
    ours.analyze(sample[:1])
    started = time.perf_counter()
    ours.analyze(sample)
    timings["intake_detector"] = (time.perf_counter() - started) / len(sample)
    return {"distinct_values": distinct, "distinct_total": sum(distinct.values()), "sample": len(sample),
            "seconds_per_value": timings, "model": config["model"]}


def detection_budget(run: dict[str, Any], floor_seconds: float, data: Path, sample: int,
                     home_dir: Path) -> dict[str, Any]:
    """The floor target as time per distinct free-text value, beside plain Presidio's cost per value."""
    from intake.config import AnonymisationSettings

    columns: dict[str, list[str]] = {}
    for column in run["migration"]["findings"]["columns"]:
        if column["classification"] == "free_text":
            columns.setdefault(column["table"].rsplit("/", 1)[-1], []).append(column["column"])
    measured, _ = run_child("budget", {"data": str(data), "columns": columns, "sample": sample,
                                       "model": AnonymisationSettings().spacy_model}, home_dir)
    cores = os.cpu_count() or 1
    distinct = measured["distinct_total"]
    budget = FLOOR_TARGET * floor_seconds
    per_value = {label: seconds * 1e6 for label, seconds in measured["seconds_per_value"].items()}
    projected = {label: distinct * seconds / cores for label, seconds in measured["seconds_per_value"].items()}
    return {
        "free_text_columns": columns, "distinct_values": measured["distinct_values"], "distinct_total": distinct,
        "target_seconds": round(budget, 2),
        "target_microseconds_per_distinct_value": round(budget * cores / distinct * 1e6, 1) if distinct else None,
        "microseconds_per_value": {k: round(v, 1) for k, v in per_value.items()},
        "projected_seconds_on_all_cores": {k: round(v, 1) for k, v in projected.items()},
        "projected_vs_floor": {k: round(v / floor_seconds, 1) for k, v in projected.items()},
        "sample": measured["sample"], "model": measured["model"], "cores": cores,
        "method": "distinct non-empty values of the columns the run classified as free text, counted over the whole "
                  "input; plain Presidio AnalyzerEngine (default recognizers) timed on a seeded sample of them in one "
                  "process, with the spaCy model and with it skipped (blank NLP artifacts), and intake's detector "
                  "(TextDetector.analyze, no cache) on the same sample; projected to every distinct value spread over "
                  "all cores. The target leaves 4x the floor for everything, reading and writing included; "
                  "recognizers_only is the cheapest call Presidio offers.",
    }


# -- child process: receive + migration run -----------------------------------------------------------------------
def set_up_home(files: list[Path], signing_dir: Path) -> tuple[Any, str]:
    """Users, a trusted customer key and a registered signed authorisation covering `files`; engineer context."""
    from intake.authorisation import add_signer, confirm_signer, make_sample_authorisation, register
    from intake.clock import SystemClock
    from intake.config import load_settings
    from intake.context import Context
    from intake.registry.models import PersonalDataDeclaration, Purpose, Role
    from intake.users import add_user, initialise

    settings = load_settings()
    admin = Context(settings=settings, actor=ADMIN)
    initialise(admin)
    add_user(admin, ENGINEER, [Role.ENGINEER])
    engineer = Context(settings=settings, actor=ENGINEER, registry=admin.registry, migrate=False)
    sample = make_sample_authorisation(files, CUSTOMER, Purpose.MIGRATION, signing_dir, SystemClock(),
                                       personal_data=PersonalDataDeclaration.MAY_CONTAIN)
    key = add_signer(admin, CUSTOMER, "customer", "Head of Clinical Engineering (benchmark)",
                     sample.public_key.read_bytes())
    confirm_signer(engineer, key.key_id, "benchmark: the key was made here")
    register(engineer, sample.manifest, sample.signature, sample.evidence)
    return engineer, sample.reference


def engineer_context() -> Any:
    from intake.config import load_settings
    from intake.context import Context

    return Context(settings=load_settings(), actor=ENGINEER)


def start_prefect() -> tuple[float, str]:
    """Start Prefect's ephemeral API now, so its start-up is not charged to the first stage."""
    from intake.config import load_settings
    from intake.flows.local import prepare_prefect

    prepare_prefect(load_settings())
    from prefect.client.orchestration import get_client
    from prefect.server.api.server import SubprocessASGIServer

    started = time.perf_counter()
    with get_client(sync_client=True) as client:
        client.hello()
    return time.perf_counter() - started, SubprocessASGIServer().api_url


def task_runs(flow_run_id: Any) -> tuple[Any, list[tuple[str, float, float]]]:
    """The flow run and its task runs (name without Prefect's suffix, start and end as epoch seconds).

    Task-run states reach the API as events, a moment after the flow returns: poll until the set is stable.
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    runs: list[Any] = []
    with get_client(sync_client=True) as client:
        flow_run = client.read_flow_run(flow_run_id)
        previous = -1
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            runs, offset = [], 0
            while True:
                page = client.read_task_runs(
                    flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])), limit=200, offset=offset)
                runs += page
                offset += len(page)
                if len(page) < 200:
                    break
            finished = all(r.end_time is not None for r in runs)
            if finished and len(runs) == previous:
                break
            previous = len(runs) if finished else -1
            time.sleep(0.5)
    out = [(r.name.rsplit("-", 1)[0], r.start_time.timestamp(), r.end_time.timestamp())
           for r in runs if r.start_time is not None and r.end_time is not None]
    return flow_run, sorted(out, key=lambda t: t[1])


def stage_spans(tasks: list[tuple[str, float, float]], stages: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    spans: dict[str, Any] = {}
    for stage, names in stages.items():
        mine = [t for t in tasks if t[0] in names]
        if not mine:
            continue
        start, end = min(t[1] for t in mine), max(t[2] for t in mine)
        spans[stage] = {"seconds": end - start, "task_seconds": sum(t[2] - t[1] for t in mine), "tasks": len(mine),
                        "window": [start, end]}
    return spans


def timed_flow(call: Any) -> dict[str, Any]:
    """Run a flow (returning its state), then read its stage times from Prefect."""
    started_at = time.time()
    started = time.perf_counter()
    state = call()
    wall = time.perf_counter() - started
    error = None
    try:
        result = state.result()
    except Exception as exc:  # intake's messages name steps, columns and counts, never a data value
        result, error = None, {"type": type(exc).__name__, "message": str(exc)}
    flow_run, tasks = task_runs(state.state_details.flow_run_id)
    return {"wall_seconds": wall, "window": [started_at, started_at + wall], "result": result, "tasks": tasks,
            "error": error,
            "flow_run_seconds": flow_run.total_run_time.total_seconds() if flow_run.total_run_time else None}


def run_receive(engineer: Any, reference: str, files: list[Path]) -> dict[str, Any]:
    from intake.flows.local import run_flow

    timed = timed_flow(lambda: run_flow("receive-dataset", engineer, authorisation=reference,
                                        files=[str(f) for f in files], return_state=True))
    if timed["error"]:
        raise SystemExit(f"receive failed: {timed['error']['type']}: {timed['error']['message']}")
    return {"seconds": timed["wall_seconds"], "window": timed["window"], "flow_run_seconds": timed["flow_run_seconds"],
            "steps": stage_spans(timed["tasks"], RECEIVE_STAGES), "dataset_id": timed["result"]["dataset_id"],
            "bytes": timed["result"]["total_bytes"]}


def run_migration(engineer: Any, dataset_id: str, chunk_rows: int, fetch_to: Path,
                  dask: bool = False) -> dict[str, Any]:
    """The migration-run flow as `intake migration run` runs it, or with the Dask task runner; a delivered
    package is then handed over to `fetch_to` as `intake migration fetch` does (outside the timed run: the
    package itself stays encrypted in the vault)."""
    from intake.flows.local import run_flow
    from intake.flows.migration import with_dask
    from intake.flows.settings import use_context_factory

    def call() -> Any:
        if not dask:
            return run_flow("migration-run", engineer, dataset_id=dataset_id, chunk_rows=chunk_rows, return_state=True)
        with use_context_factory(lambda actor: engineer):
            return with_dask(n_workers=2, threads_per_worker=1)(dataset_id=dataset_id, chunk_rows=chunk_rows,
                                                                actor=ENGINEER, return_state=True)

    timed = timed_flow(call)
    stages = stage_spans(timed["tasks"], MIGRATION_STAGES)
    wall = timed["wall_seconds"]
    stages["other"] = {"seconds": max(wall - sum(s["seconds"] for s in stages.values()), 0.0),
                       "note": "start-run, checkpoints, reports, end-run cleanup, Prefect and task-runner overhead"}
    out = {"seconds": wall, "window": timed["window"], "flow_run_seconds": timed["flow_run_seconds"],
           "stages": stages, "error": timed["error"]}
    summary = timed["result"]
    if summary is not None:
        kept = ("dataset_id", "run_id", "package", "rows_read", "rows_rejected_reading", "rows_anonymised",
                "personal_data_found", "rows_rejected", "balanced", "entities")
        out["summary"] = {k: summary.get(k) for k in kept}
        out["findings"] = findings_counts(engineer, summary["reports"]["findings_json"])
        from intake.handover import fetch_package

        out["fetched"] = fetch_package(engineer, dataset_id, fetch_to)["target"]
    return out


def findings_counts(engineer: Any, artefact_id: str) -> dict[str, Any]:
    """The run's findings report without its (redacted) examples: classifications and counts per column."""
    from intake.vault import Vault

    report = json.loads(Vault.from_context(engineer).read_bytes(artefact_id, actor=engineer.actor()))
    return {"totals": report.get("totals", {}), "rescan_clean": report.get("rescan_clean"),
            "columns": [{"table": t["table"], "column": c["column"], "classification": c["classification"],
                         "entity_type": c.get("entity_type"), "entity_counts": c.get("entity_counts", {}),
                         "changed_values": c.get("changed_values", 0), "residual": c.get("residual", {})}
                        for t in report.get("tables", []) for c in t.get("columns", [])]}


def phase_migrate(config: dict[str, Any]) -> dict[str, Any]:
    """Set up (or reuse) the home, receive, run the migration: locally, and/or on Dask."""
    files = [Path(f) for f in config["files"]]
    out: dict[str, Any] = {}
    started = time.perf_counter()
    if config.get("dataset_id"):
        engineer, dataset_id = engineer_context(), config["dataset_id"]
    else:
        engineer, reference = set_up_home(files, Path(config["workdir"]) / "authorisation")
    out["setup_seconds"] = time.perf_counter() - started
    out["prefect_startup_seconds"], api_url = start_prefect()
    if config.get("dask"):
        # Dask workers get this process's Prefect settings: give them the API this process started, or each
        # worker would start an ephemeral API of its own.
        from prefect.settings import PREFECT_API_URL, temporary_settings

        settings = temporary_settings(updates={PREFECT_API_URL: api_url})
    else:
        from contextlib import nullcontext

        settings = nullcontext()
    with settings:
        if not config.get("dataset_id"):
            out["receive"] = run_receive(engineer, reference, files)
            dataset_id = out["receive"]["dataset_id"]
        out["dataset_id"] = dataset_id
        if config.get("local", True):
            out["migration"] = run_migration(engineer, dataset_id, config["chunk_rows"],
                                             Path(config["workdir"]) / "package-local")
        if config.get("dask"):
            out["dask"] = run_migration(engineer, dataset_id, config["chunk_rows"],
                                        Path(config["workdir"]) / "package-dask", dask=True)
    out["main_process_max_rss_mb"] = peak_rss_mb()
    return out


# -- parent: memory of the child's process tree -------------------------------------------------------------------
class TreeMemory(threading.Thread):
    """Samples the RSS of a process and all its descendants; the sum is what the run holds in memory."""

    def __init__(self, pid: int, interval: float = SAMPLE_INTERVAL) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, float, float, float, float, int]] = []  # t, total, no server, main, workers, n
        self._stop_event = threading.Event()
        self._kinds: dict[int, str] = {}

    def kind(self, proc: Any) -> str:
        if proc.pid not in self._kinds:
            try:
                command = " ".join(proc.cmdline())
            except Exception:
                command = ""
            self._kinds[proc.pid] = ("main" if proc.pid == self.pid else
                                     "prefect_server" if "prefect.server" in command else "workers")
        return self._kinds[proc.pid]

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop_event.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            by_kind: Counter[str] = Counter()
            for proc in procs:
                try:
                    by_kind[self.kind(proc)] += proc.memory_info().rss
                except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                    continue
            mb = {k: v / 2**20 for k, v in by_kind.items()}
            total = sum(mb.values())
            self.samples.append((time.time(), total, total - mb.get("prefect_server", 0.0), mb.get("main", 0.0),
                                 mb.get("workers", 0.0), len(procs)))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)

    def peak(self, column: int, window: list[float] | None = None) -> float:
        values = [s[column] for s in self.samples if window is None or window[0] <= s[0] <= window[1]]
        return round(max(values), 1) if values else 0.0

    def summary(self, windows: dict[str, list[float]]) -> dict[str, Any]:
        return {
            "peak_total_mb": self.peak(1),
            "peak_without_prefect_server_mb": self.peak(2),
            "peak_main_process_mb": self.peak(3),
            "peak_worker_processes_mb": self.peak(4),
            "max_processes": max((s[5] for s in self.samples), default=0),
            "samples": len(self.samples),
            "interval_seconds": self.interval,
            "peak_without_prefect_server_by_stage_mb": {k: self.peak(2, w) for k, w in windows.items()},
        }

    def timeseries(self, points: int = 600) -> list[list[float]]:
        """At most `points` samples (the max of each bin), seconds from the first sample."""
        if not self.samples:
            return []
        t0 = self.samples[0][0]
        step = max(1, len(self.samples) // points)
        out = []
        for i in range(0, len(self.samples), step):
            chunk = self.samples[i:i + step]
            out.append([round(chunk[0][0] - t0, 2), *(round(max(s[i] for s in chunk), 1) for i in (1, 2, 3, 4))])
        return out


def child_env(home: Path, args: argparse.Namespace) -> dict[str, str]:
    """The child's environment: this benchmark's intake home and Prefect home, nothing of the operator's.

    Dask workers inherit it, so settings given here hold for every task wherever it runs.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INTAKE_", "PREFECT_"))}
    env.update({"INTAKE_HOME": str(home), "INTAKE_ACTOR": ENGINEER, "PREFECT_HOME": str(home / "prefect"),
                "PREFECT_LOGGING_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"})
    if args.processes:
        env["INTAKE_ANONYMISATION__PROCESSES"] = str(args.processes)
    if args.rescan_threshold is not None:
        env["INTAKE_ANONYMISATION__RESCAN_THRESHOLD"] = str(args.rescan_threshold)
    return env


def run_child(phase: str, config: dict[str, Any], workdir: Path, env: dict[str, str] | None = None,
              sample: bool = False) -> tuple[dict[str, Any], TreeMemory | None]:
    """Run a phase of this script in a new process (memory sampled if asked); returns its JSON result."""
    workdir.mkdir(parents=True, exist_ok=True)
    config_path, result_path = workdir / f"{phase}.config.json", workdir / f"{phase}.result.json"
    log_path = workdir / f"{phase}.log"
    result_path.unlink(missing_ok=True)
    config_path.write_text(json.dumps({**config, "result": str(result_path)}))
    with log_path.open("w") as log:
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--phase", phase,
                                 "--config", str(config_path)], cwd=workdir, env=env or os.environ.copy(),
                                stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeMemory(proc.pid) if sample else None
        if sampler:
            sampler.start()
        code = proc.wait()
        if sampler:
            sampler.stop()
    if code != 0 or not result_path.is_file():
        tail = log_path.read_text(errors="replace").splitlines()[-40:]
        raise SystemExit(f"phase {phase} failed (exit {code}); last lines of {log_path}:\n" + "\n".join(tail))
    return json.loads(result_path.read_text()), sampler


# -- parent: anonymisation quality of the delivered package ------------------------------------------------------
TOKEN = re.compile(r"\b([A-Z]{2,12})_[0-9a-f]{6,64}\b|\[([A-Z_]{2,20})\]")
TOKEN_TYPES = {"PERSON": "PERSON", "PHONE": "PHONE_NUMBER", "EMAIL": "EMAIL_ADDRESS", "NHS": "UK_NHS",
               "NINO": "UK_NINO", "POSTCODE": "UK_POSTCODE", "DOB": "DATE_OF_BIRTH", "ADDRESS": "LOCATION",
               "LOCATION": "LOCATION", "MRN": "MRN", "DATE": "DATE_OF_BIRTH"}
WORDS = re.compile(r"\w+|\s+|[^\w\s]")


def direct_fields() -> tuple[dict[str, dict[str, Any]], set[str]]:
    """From the equiptrack mapping: per table, the key column, entity and the fields copied one-to-one."""
    import yaml

    import intake.product

    mapping = yaml.safe_load((Path(intake.product.__file__).parent / "mappings" / "equiptrack.yaml").read_text())
    nulls = {str(v).strip().lower() for v in mapping.get("null_values", [])}
    tables: dict[str, dict[str, Any]] = {}
    for spec in mapping["tables"]:
        for output in spec["outputs"]:
            if output["entity"] != spec["table"]:  # assets -> assets, jobs -> jobs: one entity row per source row
                continue
            key_field = next(f for f, v in output["fields"].items() if isinstance(v, dict) and v.get("from") ==
                             spec["source_key"])
            fields = {source: name for name, source in output["fields"].items() if isinstance(source, str)}
            tables[spec["table"]] = {"key": spec["source_key"], "entity": output["entity"], "key_field": key_field,
                                     "columns": fields}
    return tables, nulls


def align(source: str, delivered: str) -> list[tuple[int, int, str]]:
    """Changed regions of `source` (start, end, replacement text) given the delivered cell."""
    pieces, cursor = [], 0
    for match in TOKEN.finditer(delivered):
        pieces.append((delivered[cursor:match.start()], match.group(0)))
        cursor = match.end()
    tail = delivered[cursor:]
    if pieces and source.startswith(pieces[0][0]) and source.endswith(tail):
        regions, at = [], len(pieces[0][0])
        limit = len(source) - len(tail)
        ok = True
        for index, (_, replacement) in enumerate(pieces):
            following = pieces[index + 1][0] if index + 1 < len(pieces) else None
            if following is None:
                end = limit
            else:
                end = source.find(following, at + 1, limit) if following else -1
                # ambiguous (empty or repeated literal): leave it to difflib
                if end < 0 or source.find(following, end + 1, limit) >= 0:
                    ok = False
                    break
            if end <= at:
                ok = False
                break
            regions.append((at, end, replacement))
            at = end + len(following or "")
        if ok:
            return regions
    return diff_regions(source, delivered)


def diff_regions(source: str, delivered: str) -> list[tuple[int, int, str]]:
    a, b = WORDS.findall(source), WORDS.findall(delivered)
    offsets = [0]
    for word in a:
        offsets.append(offsets[-1] + len(word))
    regions = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete") and i2 > i1:
            regions.append((offsets[i1], offsets[i2], "".join(b[j1:j2])))
    return regions


def occurs(value: str, text: str) -> bool:
    """`value` is in `text` as a whole word run ("Lee" is not in "Leeds")."""
    if value not in text:
        return False
    return re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", text) is not None


def region_type(replacement: str, overlapped: list[str]) -> str:
    match = TOKEN.search(replacement)
    if match:
        prefix = match.group(1) or match.group(2)
        if prefix in TOKEN_TYPES:
            return TOKEN_TYPES[prefix]
    if replacement.strip().isdigit() or re.fullmatch(r"\s*\d{4}-\d{2}\s*", replacement):
        return "DATE_OF_BIRTH"  # a date generalised to its year or month
    return overlapped[0] if overlapped else "UNTYPED"


class Quality:
    def __init__(self) -> None:
        self.truth: Counter[str] = Counter()
        self.removed: Counter[str] = Counter()
        self.replaced: Counter[str] = Counter()
        self.predicted: Counter[str] = Counter()
        self.tp: Counter[str] = Counter()
        self.tp_same: Counter[str] = Counter()
        self.fp_by_column: Counter[str] = Counter()
        self.leaks_by_column: Counter[str] = Counter()
        self.cells = 0
        self.changed_cells = 0

    def cell(self, column: str, source: str, delivered: str | None, spans: list[tuple[str, int, int, str]],
             nulls: set[str]) -> None:
        self.cells += 1
        if delivered is None:
            regions = [] if source.strip().lower() in nulls else [(0, len(source), "")]
        elif delivered in (source, source.strip()):
            regions = []
        else:
            regions = align(source, delivered)
        self.changed_cells += bool(regions)
        for entity, start, end, value in spans:
            self.truth[entity] += 1
            if delivered is None or not occurs(value, delivered):
                self.removed[entity] += 1
            else:
                self.leaks_by_column[f"{column}:{entity}"] += 1
            covered = start
            for r_start, r_end, _ in sorted(regions):
                if r_start <= covered < r_end:
                    covered = r_end
            if covered >= end:
                self.replaced[entity] += 1
        for r_start, r_end, replacement in regions:
            overlaps = sorted(((min(end, r_end) - max(start, r_start), entity) for entity, start, end, _ in spans
                               if start < r_end and r_start < end), reverse=True)
            overlapped = [entity for _, entity in overlaps]  # most overlapped first
            kind = region_type(replacement, overlapped)
            self.predicted[kind] += 1
            if overlapped:
                self.tp[kind] += 1
                self.tp_same[kind] += kind in overlapped or (kind == "UNTYPED")
            else:
                self.fp_by_column[column] += 1

    def summary(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 5) if b else None

        types = sorted(set(self.truth) | set(self.predicted))
        per_type = {t: {"truth_values": self.truth[t], "removed": self.removed[t],
                        "recall": ratio(self.removed[t], self.truth[t]),
                        "fully_replaced": ratio(self.replaced[t], self.truth[t]),
                        "changed_regions": self.predicted[t], "overlapping_truth": self.tp[t],
                        "precision": ratio(self.tp[t], self.predicted[t]),
                        "precision_same_type": ratio(self.tp_same[t], self.predicted[t])} for t in types}
        truth, predicted = sum(self.truth.values()), sum(self.predicted.values())
        return {"overall": {"truth_values": truth, "recall": ratio(sum(self.removed.values()), truth),
                            "fully_replaced": ratio(sum(self.replaced.values()), truth),
                            "changed_regions": predicted, "precision": ratio(sum(self.tp.values()), predicted)},
                "per_entity_type": per_type,
                "cells_evaluated": self.cells, "cells_changed": self.changed_cells,
                "false_positive_regions_by_column": dict(self.fp_by_column.most_common()),
                "values_left_in_delivered_cell_by_column": dict(self.leaks_by_column.most_common())}


class TruthCursor:
    """Walks the truth file in its order (table by table, row by row), parsing only the rows asked for."""

    ROW = re.compile(r'"table":("(?:[^"\\]|\\.)*"),"row":(\d+),')

    def __init__(self, path: Path) -> None:
        self._file = path.open(encoding="utf-8")
        self._line: str | None = None
        self._table: str | None = None
        self._row = 0
        self.skipped = 0
        self.banner: Counter[str] = Counter()
        self._advance()

    def _advance(self) -> None:
        self._line = self._file.readline() or None
        if self._line is not None:
            match = self.ROW.search(self._line)
            self._table, self._row = json.loads(match.group(1)), int(match.group(2))

    def take(self, table: str, row: int, wanted: bool) -> list[dict[str, Any]]:
        """Records of (table, row); rows before it that nobody asked for are skipped (counted if not banners)."""
        found = []
        while self._line is not None and self._table == table and self._row <= row:
            if self._row == 0:
                self.banner[json.loads(self._line)["entity_type"]] += 1
            elif self._row == row and wanted:
                found.append(json.loads(self._line))
            elif self._row < row:
                self.skipped += 1
            self._advance()
        return found

    def finish_table(self, table: str) -> int:
        left = 0
        while self._line is not None and self._table == table:
            left += 1
            self._advance()
        return left


def evaluate(data: Path, package: Path, max_rows: int) -> dict[str, Any]:
    """Precision and recall of the delivered package against the ground truth (see QUALITY_METHOD)."""
    import pyarrow.parquet as pq

    started = time.perf_counter()
    tables, nulls = direct_fields()
    manifest = json.loads((data / "generation.json").read_text())
    total_rows = sum(v for k, v in manifest["counts"].items() if k.endswith(".rows"))
    every = max(1, -(-total_rows // max_rows))
    quality = Quality()
    cursor = TruthCursor(data / "truth.jsonl")
    rows_info: dict[str, Any] = {}
    unmatched_truth = truth_not_delivered = 0
    for table, file, first_column in SOURCE_TABLES:
        spec = tables[table]
        columns = list(spec["columns"])
        fields = [spec["columns"][c] for c in columns]
        reader = open_source_csv(data / file, first_column, [spec["key"], *columns])
        delivered_file = pq.ParquetFile(package / f"{spec['entity']}.parquet")

        def delivered_rows(parquet: Any = delivered_file, wanted: list[str] = fields,
                           key: str = spec["key_field"]) -> Iterator[tuple[Any, ...]]:
            for batch in parquet.iter_batches(batch_size=65536, columns=[key, *wanted]):
                yield from zip(*(batch.column(i).to_pylist() for i in range(batch.num_columns)), strict=True)

        stream = delivered_rows()
        current, previous = next(stream, None), None
        row = delivered_count = not_delivered = evaluated = 0
        for batch in reader:
            source_columns = [batch.column(name).to_pylist() for name in [spec["key"], *columns]]
            for values in zip(*source_columns, strict=True):
                row += 1
                key = values[0].strip().upper()
                if current is not None and current[0] == key:
                    out, previous, current = current, current, next(stream, None)
                elif previous is not None and previous[0] == key:
                    out = previous  # a duplicated source row, merged into the entity row before it
                else:
                    out = None
                wanted = (row - 1) % every == 0
                records = cursor.take(table, row, wanted)
                if not wanted:
                    continue
                if out is None:
                    not_delivered += 1
                    truth_not_delivered += len(records)
                    continue
                delivered_count += 1
                evaluated += 1
                spans_by_column: dict[str, list[tuple[str, int, int, str]]] = {}
                for record in records:
                    if record["column"] not in spec["columns"]:
                        unmatched_truth += 1
                        continue
                    spans_by_column.setdefault(record["column"], []).append(
                        (record["entity_type"], record["start"], record["end"], record["value"]))
                for index, column in enumerate(columns, start=1):
                    quality.cell(f"{table}.{column}", values[index], out[index], spans_by_column.get(column, []),
                                 nulls)
        unmatched_truth += cursor.finish_table(table)
        rows_info[table] = {"source_rows": row, "evaluated_rows": evaluated,
                            "sampled_rows_not_delivered": not_delivered,
                            "delivered_rows_left_unmatched": sum(1 for _ in stream) + (current is not None)}
    result = quality.summary()
    result.update({"method": QUALITY_METHOD, "sample_every": every, "tables": rows_info,
                   "banner_truth_values_not_in_rows": dict(cursor.banner),
                   "truth_values_outside_evaluated_columns": unmatched_truth,
                   "truth_values_in_rows_not_delivered": truth_not_delivered,
                   "seconds": round(time.perf_counter() - started, 1)})
    return result


def nonpersonal_false_positives(data: Path, findings: dict[str, Any], rows: dict[str, int]) -> dict[str, Any]:
    """Detections in columns the generator marks non-personal, from the run's findings report (counts only)."""
    marked = json.loads((data / "nonpersonal.json").read_text())["columns"]
    by_column = {(c["table"], c["column"]): c for c in findings["columns"]}
    out = {}
    for item in marked:
        found = by_column.get((item["table"], item["column"]))
        if found is None:
            continue
        out[f"{item['table']}.{item['column']}"] = {
            "kind": item["kind"], "classification": found["classification"],
            "changed_values": found["changed_values"], "entities_counted": found["entity_counts"],
            "share_of_rows_changed": round(found["changed_values"] / max(rows.get(item["table"], 0), 1), 6)}
    return out


# -- parent: Dask vs single-process output ------------------------------------------------------------------------
def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def compare_packages(local: Path, distributed: Path) -> dict[str, Any]:
    """Each Parquet file of the two packages compared column by column (never more than a column in memory)."""
    import pyarrow.parquet as pq

    files = sorted({p.name for p in local.glob("*.parquet")} | {p.name for p in distributed.glob("*.parquet")})
    out: dict[str, Any] = {}
    for name in files:
        a, b = local / name, distributed / name
        if not (a.is_file() and b.is_file()):
            out[name] = {"equal": False, "reason": "missing in one package"}
            continue
        schema_a, schema_b = pq.read_schema(a), pq.read_schema(b)
        rows_a, rows_b = pq.ParquetFile(a).metadata.num_rows, pq.ParquetFile(b).metadata.num_rows
        equal = schema_a.equals(schema_b) and rows_a == rows_b
        differing = []
        if equal:
            for column in schema_a.names:
                if not pq.read_table(a, columns=[column]).equals(pq.read_table(b, columns=[column])):
                    differing.append(column)
        out[name] = {"equal": equal and not differing, "rows": rows_a, "rows_dask": rows_b,
                     "differing_columns": differing, "same_file_bytes": file_sha256(a) == file_sha256(b)}
    return out


# -- parent: report -----------------------------------------------------------------------------------------------
def stage_table(run: dict[str, Any]) -> dict[str, float]:
    stages = {"receive": run["receive"]["seconds"]}
    stages.update({name: s["seconds"] for name, s in run["migration"]["stages"].items()})
    return {name: round(stages.get(name, 0.0), 2) for name in STAGE_ORDER}


def measure(label: str, assets: int, jobs: int, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    data, manifest, generated = ensure_dataset(assets, jobs, args.seed, args.data_dir)
    rows = {t: manifest["counts"][f"{t}.rows"] for t in ("assets", "jobs")}
    source_rows = sum(rows.values())
    source_bytes = sum((data / f).stat().st_size for _, f, _ in SOURCE_TABLES)
    load_before = os.getloadavg()
    print(f"[{label}] {assets:,} assets + {jobs:,} jobs = {source_rows:,} rows, {source_bytes / 1e6:,.0f} MB of CSV"
          + (f" (generated in {generated:.0f}s)" if generated else " (cached)"), flush=True)
    home_dir = workdir / label
    shutil.rmtree(home_dir, ignore_errors=True)  # a fresh intake home every time
    floors = []
    for attempt in range(args.floor_repeat):
        floor, _ = run_child("floor", {"data": str(data), "out_dir": str(home_dir / f"floor-{attempt}")},
                             home_dir)
        shutil.rmtree(home_dir / f"floor-{attempt}", ignore_errors=True)
        floors.append(floor)
    floor = min(floors, key=lambda f: f["seconds"])
    floor["all_seconds"] = [round(f["seconds"], 2) for f in floors]
    print(f"[{label}] floor (pyarrow CSV -> Parquet): {floor['seconds']:.1f}s", flush=True)

    home = home_dir / "home"
    config = {"files": [str(data / f) for _, f, _ in SOURCE_TABLES], "workdir": str(home_dir),
              "chunk_rows": args.chunk_rows}
    run, sampler = run_child("migrate", config, home_dir, child_env(home, args), sample=True)
    windows = {"receive": run["receive"]["window"], "migration": run["migration"]["window"],
               **{k: v["window"] for k, v in run["migration"]["stages"].items() if "window" in v}}
    stages = stage_table(run)
    e2e = run["receive"]["seconds"] + run["migration"]["seconds"]
    memory = sampler.summary(windows) if sampler else {}
    memory["main_process_vmhwm_mb"] = round(run["main_process_max_rss_mb"], 1)
    result: dict[str, Any] = {
        "assets": assets, "jobs": jobs, "source_rows": source_rows, "source_rows_by_table": rows,
        "source_bytes": source_bytes, "data": str(data), "truth_values": manifest["counts"].get("truth.total"),
        "floor": floor,
        "setup_seconds": round(run["setup_seconds"], 2),
        "prefect_startup_seconds": round(run["prefect_startup_seconds"], 2),
        "receive": run["receive"], "migration": run["migration"],
        "stages_seconds": stages,
        "e2e_seconds": round(e2e, 2),
        "rows_per_second": round(source_rows / e2e, 1),
        "rows_per_second_by_stage": {k: round(source_rows / v, 1) for k, v in stages.items() if v > 0},
        "e2e_vs_floor": round(e2e / floor["seconds"], 2),
        "memory": memory,
        "memory_timeseries": {"columns": ["seconds", "total_mb", "without_prefect_server_mb", "main_process_mb",
                                          "worker_processes_mb"],
                              "t0": sampler.samples[0][0] if sampler and sampler.samples else None,
                              "points": sampler.timeseries() if sampler else []},
        "home": str(home),
        "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
    }
    print(f"[{label}] end-to-end {e2e:.1f}s = {e2e / floor['seconds']:.1f}x floor; stages "
          + ", ".join(f"{k} {v:.1f}s" for k, v in stages.items())
          + f"; peak memory {memory.get('peak_without_prefect_server_mb', 0):,.0f} MB "
            f"(+ Prefect server: {memory.get('peak_total_mb', 0):,.0f} MB)", flush=True)
    error = run["migration"].get("error")
    result["outcome"] = "delivered" if error is None else f"{error['type']}: {error['message']}"
    if error is not None:
        print(f"[{label}] the migration run did not deliver: {result['outcome']}", flush=True)
        if error["type"] == "ResidualPersonalData":
            print(f"[{label}] the fail-closed re-scan refused the output; --rescan-threshold 1.0 measures the "
                  "same work through to delivery", flush=True)
    elif not args.no_quality:
        package = Path(run["migration"]["fetched"])
        result["quality"] = evaluate(data, package, args.eval_rows)
        result["quality"]["nonpersonal_columns"] = nonpersonal_false_positives(data, run["migration"]["findings"],
                                                                               rows)
        overall = result["quality"]["overall"]
        print(f"[{label}] quality: recall {overall['recall']}, precision {overall['precision']} "
              f"({result['quality']['seconds']:.0f}s to evaluate)", flush=True)
    if error is None and args.budget_sample:
        result["detection_budget"] = budget = detection_budget(run, floor["seconds"], data, args.budget_sample,
                                                               home_dir)
        print(f"[{label}] the floor target leaves {budget['target_microseconds_per_distinct_value']} us of a core per "
              f"distinct free-text value ({budget['distinct_total']:,}); measured per value (us): "
              f"{budget['microseconds_per_value']}, projected alone: {budget['projected_vs_floor']}x the floor",
              flush=True)
    return result


def measure_dask(assets: int, jobs: int, args: argparse.Namespace, workdir: Path,
                 reuse: dict[str, Any] | None) -> dict[str, Any]:
    """The migration on a 2-worker Dask cluster beside the single-process run of the same received dataset."""
    data, manifest, _ = ensure_dataset(assets, jobs, args.seed, args.data_dir)
    home_dir = workdir / "dask"
    shutil.rmtree(home_dir, ignore_errors=True)
    config: dict[str, Any] = {"files": [str(data / f) for _, f, _ in SOURCE_TABLES], "workdir": str(home_dir),
                              "chunk_rows": args.chunk_rows, "dask": True}
    if reuse is not None:  # the main run received this dataset and ran it locally: run Dask in its home
        config.update({"dataset_id": reuse["migration"]["summary"]["dataset_id"], "local": False})
        home = Path(reuse["home"])
    else:
        home = home_dir / "home"
    print(f"[dask] {assets:,} assets + {jobs:,} jobs on a local 2-worker Dask cluster"
          + (" (beside the main run's single-process run)" if reuse else ""), flush=True)
    run, sampler = run_child("migrate", config, home_dir, child_env(home, args), sample=True)
    local = reuse["migration"] if reuse else run["migration"]
    distributed = run["dask"]
    if local.get("error") or distributed.get("error"):
        errors = {"single_process": local.get("error"), "dask": distributed.get("error")}
        print(f"[dask] a run did not deliver: {errors}", flush=True)
        return {"assets": assets, "jobs": jobs, "identical": None, "errors": errors,
                "single_process_seconds": round(local["seconds"], 2), "dask_seconds": round(distributed["seconds"], 2)}
    files = compare_packages(Path(local["fetched"]), Path(distributed["fetched"]))
    same_counts = {key: local["summary"][key] == distributed["summary"][key]
                   for key in ("rows_read", "rows_anonymised", "personal_data_found", "rows_rejected", "entities")}
    same_findings = local["findings"] == distributed["findings"]
    identical = all(f["equal"] for f in files.values()) and all(same_counts.values()) and same_findings
    memory = sampler.summary({"dask_migration": distributed["window"]}) if sampler else {}
    result = {
        "assets": assets, "jobs": jobs, "source_rows": sum(manifest["counts"][f"{t}.rows"] for t in ("assets", "jobs")),
        "workers": 2, "threads_per_worker": 1,
        "single_process_seconds": round(local["seconds"], 2), "dask_seconds": round(distributed["seconds"], 2),
        "single_process_stages": {k: round(v["seconds"], 2) for k, v in local["stages"].items()},
        "dask_stages": {k: round(v["seconds"], 2) for k, v in distributed["stages"].items()},
        "identical": identical, "same_counts": same_counts, "same_findings_counts": same_findings,
        "parquet_files": files, "memory": memory,
        "note": "same received dataset and customer secret, so the same tokens are expected; files compared column "
                "by column (same_file_bytes also compares the bytes, which may differ only in Parquet metadata)",
    }
    print(f"[dask] single process {local['seconds']:.1f}s, Dask {distributed['seconds']:.1f}s; identical output: "
          f"{identical}", flush=True)
    return result


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = results["runs"]
    main = runs["main"]
    panels = 3 if "small" in runs else 2
    fig, axes = plt.subplots(1, panels, figsize=(6.5 * panels, 5.2))
    colours = dict(zip(STAGE_ORDER, ("#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974", "#999999"),
                       strict=True))

    ax = axes[0]
    labels, lefts = [], []
    for index, (label, run) in enumerate(runs.items()):
        left = 0.0
        for stage in STAGE_ORDER:
            value = run["stages_seconds"][stage]
            ax.barh(index * 2, value, left=left, color=colours[stage], label=stage if index == 0 else None)
            left += value
        ax.barh(index * 2 + 0.8, run["floor"]["seconds"], color="black", label="floor" if index == 0 else None)
        ax.text(left, index * 2, f" {run['e2e_seconds']:,.0f} s", va="center", fontsize=8)
        ax.text(run["floor"]["seconds"], index * 2 + 0.8,
                f" {run['floor']['seconds']:,.1f} s (e2e = {run['e2e_vs_floor']:,.0f}x)", va="center", fontsize=8)
        labels += [f"{label}: {run['source_rows']:,} rows", "floor (pyarrow CSV->Parquet)"]
        lefts += [index * 2, index * 2 + 0.8]
    ax.set_xlim(0, max(r["e2e_seconds"] for r in runs.values()) * 1.25)
    ax.set_yticks(lefts, labels, fontsize=8)
    ax.set_xlabel("seconds")
    ax.set_title("Time per stage vs floor")
    ax.legend(fontsize=8)

    ax = axes[1]
    series = main["memory_timeseries"]["points"]
    if series:
        t0 = main["memory_timeseries"]["t0"]
        ax.plot([p[0] for p in series], [p[1] for p in series], label="process tree", color="#c44e52")
        ax.plot([p[0] for p in series], [p[2] for p in series], label="without Prefect server", color="#4c72b0")
        ax.plot([p[0] for p in series], [p[3] for p in series], label="main process", color="#55a868", linewidth=0.8)
        ax.plot([p[0] for p in series], [p[4] for p in series], label="anonymisation / Dask workers", color="#8172b2",
                linewidth=0.8)
        spans = {"receive": main["receive"]["window"],
                 **{k: v["window"] for k, v in main["migration"]["stages"].items() if "window" in v}}
        length = max(series[-1][0], 1.0)
        for stage, (start, end) in spans.items():
            ax.axvspan(start - t0, end - t0, alpha=0.12, color=colours.get(stage, "#999999"))
            if end - start > 0.04 * length:
                ax.text((start + end) / 2 - t0, 50, stage, fontsize=7, ha="center")
    ax.axhline(MEMORY_TARGET_MB, color="black", linestyle="--", linewidth=1, label="2 GB target")
    ax.set_xlabel("seconds since the migrate process started")
    ax.set_ylabel("RSS (MB)")
    ax.set_title(f"Memory, main run ({main['source_rows']:,} rows)")
    ax.legend(fontsize=8)

    if panels == 3:
        ax = axes[2]
        small = runs["small"]
        per_million = {label: [run["stages_seconds"][s] / run["source_rows"] * 1e6 for s in STAGE_ORDER]
                       for label, run in (("main", main), ("small", small))}
        x = range(len(STAGE_ORDER))
        ax.bar([i - 0.2 for i in x], per_million["small"], width=0.4, label=f"{small['source_rows']:,} rows")
        ax.bar([i + 0.2 for i in x], per_million["main"], width=0.4, label=f"{main['source_rows']:,} rows")
        ax.set_xticks(list(x), [s.replace("_", "\n") for s in STAGE_ORDER], fontsize=7)
        ax.set_ylabel("seconds per million rows")
        ratio = results["linearity"]["e2e_time_ratio"]
        ax.set_title(f"Linearity: {results['linearity']['rows_ratio']:.0f}x rows -> {ratio:.1f}x time")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def print_table(results: dict[str, Any]) -> None:
    out = io.StringIO()
    runs = results["runs"]
    out.write(f"{'stage':28s}" + "".join(f"{label + ' (s)':>16s}" for label in runs) + "\n")
    for stage in (*STAGE_ORDER, "e2e", "floor"):
        out.write(f"{stage:28s}")
        for run in runs.values():
            value = run["e2e_seconds"] if stage == "e2e" else run["floor"]["seconds"] if stage == "floor" \
                else run["stages_seconds"][stage]
            out.write(f"{value:16.1f}")
        out.write("\n")
    for label, run in runs.items():
        memory = run["memory"]
        out.write(f"{label}: {run['rows_per_second']:,.0f} rows/s, {run['e2e_vs_floor']:.1f}x floor (target <= "
                  f"{FLOOR_TARGET:.0f}x), peak memory {memory['peak_without_prefect_server_mb']:,.0f} MB without the "
                  f"Prefect server, {memory['peak_total_mb']:,.0f} MB with it (target < {MEMORY_TARGET_MB} MB)\n")
        if "quality" in run:
            for entity, q in run["quality"]["per_entity_type"].items():
                out.write(f"    {entity:16s} recall {q['recall']!s:>8} (n={q['truth_values']:,})  precision "
                          f"{q['precision']!s:>8} (n={q['changed_regions']:,})\n")
    if "linearity" in results:
        lin = results["linearity"]
        out.write(f"linearity: {lin['rows_ratio']:.1f}x rows -> {lin['e2e_time_ratio']:.2f}x time\n")
    if "dask" in results:
        d = results["dask"]
        out.write(f"dask: single process {d['single_process_seconds']}s, dask {d['dask_seconds']}s, identical output "
                  f"{d['identical']}\n")
    print(out.getvalue(), end="")


def sizes(args: argparse.Namespace) -> tuple[int, int]:
    assets, jobs = SCALES[args.scale]
    return (args.assets or assets), (args.jobs or jobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=SCALES, default="1m", help="asset rows; jobs are 3x (at most 5M)")
    parser.add_argument("--assets", type=int, help="asset rows (overrides --scale)")
    parser.add_argument("--jobs", type=int, help="job rows (overrides --scale)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--linearity", action="store_true", help="also run a 10x smaller input and report the ratio")
    parser.add_argument("--dask", action="store_true", help="also run the migration on a local 2-worker Dask cluster")
    parser.add_argument("--dask-scale", choices=[*SCALES, "main"], default="100k",
                        help="size of the --dask comparison ('main': the main run's size, on its received dataset)")
    parser.add_argument("--chunk-rows", type=int, default=50_000, help="rows per scan/anonymise chunk (CLI default)")
    parser.add_argument("--processes", type=int,
                        help="anonymisation worker processes (default: intake's setting, 2)")
    parser.add_argument("--rescan-threshold", type=float,
                        help="re-scan score that stops a run (intake's setting, default 0.6); 1.0 measures a run "
                             "the re-scan would refuse, with the same work done")
    parser.add_argument("--eval-rows", type=int, default=1_000_000,
                        help="evaluate quality on at most this many source rows (systematic sample)")
    parser.add_argument("--no-quality", action="store_true", help="skip the precision/recall evaluation")
    parser.add_argument("--floor-repeat", type=int, default=2, help="floor runs; the fastest counts")
    parser.add_argument("--data-dir", type=Path, default=DATA, help="cache of generated datasets")
    parser.add_argument("--workdir", type=Path, help="intake homes and deliveries (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (homes, vaults, packages)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="JSON path; the plot goes beside it (.png)")
    parser.add_argument("--budget-sample", type=int, default=5_000,
                        help="distinct free-text values plain Presidio is timed on (0: skip the detection budget)")
    parser.add_argument("--phase", choices=("floor", "migrate", "budget"), help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase:
        config = json.loads(args.config.read_text())
        phases = {"floor": phase_floor, "migrate": phase_migrate, "budget": phase_budget}
        result = phases[args.phase](config)
        Path(config["result"]).write_text(json.dumps(result, default=str))
        return 0

    assets, jobs = sizes(args)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="intake-e2e-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "benchmark": "e2e", "at": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
        "parameters": {"assets": assets, "jobs": jobs, "seed": args.seed, "chunk_rows": args.chunk_rows,
                       "processes": args.processes or "intake default",
                       "rescan_threshold": args.rescan_threshold or "intake default (0.6)", "linearity": args.linearity,
                       "dask": args.dask, "eval_rows": args.eval_rows},
        "execution": "receive-dataset and migration-run Prefect flows via intake.flows.local.run_flow (the CLI's "
                     "code path) on Prefect's ephemeral local API, default ThreadPoolTaskRunner(2) sending "
                     "each chunk to one of 2 anonymisation worker processes; each measured part in its own process",
        "targets": {"e2e_vs_floor": f"<= {FLOOR_TARGET:.0f}x", "peak_memory_mb": f"< {MEMORY_TARGET_MB}",
                    "linearity": "10x rows -> <= ~10x time"},
        "runs": {},
    }
    partial = args.results.with_suffix(".partial.json")
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        results["runs"]["main"] = measure("main", assets, jobs, args, workdir)
        # An hour's run is not lost if a later part fails: the finished runs so far, replaced at the end.
        partial.write_text(json.dumps(results, indent=2, default=str) + "\n")
        if args.linearity:
            small = measure("small", max(assets // 10, 1), max(jobs // 10, 1), args, workdir)
            results["runs"]["small"] = small
            main_run = results["runs"]["main"]
            results["linearity"] = {
                "rows_ratio": round(main_run["source_rows"] / small["source_rows"], 2),
                "e2e_time_ratio": round(main_run["e2e_seconds"] / small["e2e_seconds"], 2),
                "migration_time_ratio": round(main_run["migration"]["seconds"] / small["migration"]["seconds"], 2),
                "stage_time_ratios": {s: round(main_run["stages_seconds"][s] / small["stages_seconds"][s], 2)
                                      for s in STAGE_ORDER if small["stages_seconds"][s] > 0},
                "note": "fixed costs (worker start and spaCy model load, Prefect task overhead) weigh more in the "
                        "small run, so a ratio below the rows ratio is expected",
            }
        if args.dask:
            dask_assets, dask_jobs = (assets, jobs) if args.dask_scale == "main" else SCALES[args.dask_scale]
            main_run = results["runs"]["main"]
            same = (dask_assets, dask_jobs) == (assets, jobs) and main_run["outcome"] == "delivered"
            reuse = main_run if same else None
            results["dask"] = measure_dask(dask_assets, dask_jobs, args, workdir, reuse)
    finally:
        if not args.keep:  # vaults, homes and packages of this run (the generated data stays cached)
            for label in ("main", "small", "dask"):
                shutil.rmtree(workdir / label, ignore_errors=True)
            if args.workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)
    main_run = results["runs"]["main"]
    results["summary"] = {
        "e2e_seconds": main_run["e2e_seconds"], "floor_seconds": round(main_run["floor"]["seconds"], 2),
        "e2e_vs_floor": main_run["e2e_vs_floor"], "within_floor_target": main_run["e2e_vs_floor"] <= FLOOR_TARGET,
        "rows_per_second": main_run["rows_per_second"],
        "peak_memory_mb": main_run["memory"]["peak_without_prefect_server_mb"],
        "peak_memory_with_prefect_server_mb": main_run["memory"]["peak_total_mb"],
        "within_memory_target": max(r["memory"]["peak_without_prefect_server_mb"]
                                    for r in results["runs"].values()) < MEMORY_TARGET_MB,
        "bottleneck_stage": max(main_run["stages_seconds"], key=main_run["stages_seconds"].get),
        "linearity_time_ratio": results.get("linearity", {}).get("e2e_time_ratio"),
        "dask_identical": results.get("dask", {}).get("identical"),
        "outcome": main_run["outcome"],
        "benchmark_seconds": round(time.perf_counter() - started, 1),
    }
    args.results.write_text(json.dumps(results, indent=2, default=str) + "\n")
    partial.unlink(missing_ok=True)
    plot(results, args.results.with_suffix(".png"))
    print_table(results)
    print(f"wrote {args.results} and {args.results.with_suffix('.png')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
