"""The e2e benchmark's quality evaluation: the delivered import package joined to the source rows and the
generator's ground truth, scored cell by cell (e2e_quality), plus false positives in non-personal columns."""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from e2e_data import SOURCE_TABLES, open_source_csv
from e2e_quality import Quality

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
