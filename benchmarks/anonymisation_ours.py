"""The anonymisation benchmark's part 1 run of intake's own pipeline: profile + anonymise + re-scan of each table,
timed, with every finding recorded for scoring."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from anonymisation_data import RESULTS

OURS_TO_TRUTH = {"ADDRESS": "LOCATION"}


def run_ours(tables: dict[str, list[pa.RecordBatch]], processes: int) -> dict[str, Any]:
    from intake.anonymisation import AnonymisationSession, build_report
    from intake.config import AnonymisationSettings

    settings = AnonymisationSettings(processes=processes)
    out: dict[str, Any] = {"tables": {}}
    with AnonymisationSession(settings, processes=processes, start_method="spawn") as session:
        session.text.detector  # noqa: B018 - load the model before timing, like a long-running worker
        session.text.start()
        secret = bytes(range(32))
        anonymiser = session.anonymiser(secret)
        anonymiser.recorder = {}
        classifications, rescans, outputs = {}, {}, {}
        for table, batches in tables.items():
            rows = sum(b.num_rows for b in batches)
            t0 = time.perf_counter()
            # In this process, as the anonymiser below: the migration flow's chunk workers are e2e.py's subject.
            cls = session.profiler().profile(table, batches)
            t1 = time.perf_counter()
            rescanner = session.rescanner(table, cls)
            written = []
            for b in anonymiser.anonymise_stream(table, cls, batches):
                rescanner.update(b)
                written.append(b)
            t2 = time.perf_counter()
            result = rescanner.result()
            t3 = time.perf_counter()
            classifications[table], rescans[table], outputs[table] = cls, result, written
            out["tables"][table] = {
                "rows": rows, "columns": len(batches[0].schema), "profile_s": round(t1 - t0, 2),
                "anonymise_s": round(t2 - t1, 2), "rescan_s": round(t3 - t2, 2), "total_s": round(t3 - t0, 2),
                "rows_per_s": round(rows / (t3 - t0), 1), "rescan_clean": result.clean,
                "rescan_residual": {f"{c.column}": dict(c.residual) for c in result.residual_columns()},
                "classification": {c.column: (c.kind.value + (f":{c.entity_type}" if c.entity_type else ""))
                                   for c in cls.columns.values()},
            }
            print(f"  ours {table}: {rows} rows in {t3 - t0:.1f}s ({rows / (t3 - t0):.0f} rows/s; profile "
                  f"{t1 - t0:.1f}s, anonymise {t2 - t1:.1f}s, re-scan {t3 - t2:.1f}s), re-scan clean: {result.clean}",
                  flush=True)
        out["free_text_distinct_analysed"] = session.text.analysed
        out["free_text_cache_hits"] = session.text.cache_hits
        report = build_report(classifications, anonymiser.counts, rescans, session.policy)
        (RESULTS / "anonymisation_findings_report.md").write_text(report.to_markdown(), encoding="utf-8")
    out["recorder"] = anonymiser.recorder
    out["outputs"] = outputs
    return out


def predictions_ours(recorder: dict, table: str, column: str, value: str | None) -> list[tuple[str, int, int]]:
    if value is None:
        return []
    found = recorder.get((table, column), {}).get(value, ())
    return [(OURS_TO_TRUTH.get(f.entity_type, f.entity_type), f.start, f.end) for f in found]
