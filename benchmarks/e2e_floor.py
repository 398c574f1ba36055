"""The e2e benchmark's yardsticks, each measured in a child process: the floor (pyarrow reads the two CSVs and
writes Parquet) and the detection budget (what the floor target leaves per distinct free-text value, beside what
plain Presidio and intake's own detector cost per value)."""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from e2e_data import DEFAULT_SEED, SOURCE_TABLES, open_source_csv
from e2e_process import run_child
from e2e_report import FLOOR_TARGET
from process_memory import peak_rss_mb


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
    from anonymisation_presidio import plain_presidio
    from presidio_analyzer.nlp_engine import NlpArtifacts
    from spacy.tokens import Doc

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
