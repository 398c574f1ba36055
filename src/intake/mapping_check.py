"""Check a mapping against an export without a run: tables and columns it needs but the export lacks, what the
export has that the mapping leaves out, and a preview of the reconciliation (rows loaded, merged, rejected by
reason) on the first rows of each table. Counts, names of tables and columns, and line numbers only: never a
value. Nothing is stored; the files are read where they are (as `intake scan file` does) or decrypted from the
vault for a received dataset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pyarrow as pa

from intake.context import Context
from intake.errors import IntakeError
from intake.product.mapping import Mapping

DEFAULT_ROWS = 5_000


@dataclass
class MappingCheck:
    mapping: str
    problems: list[str] = field(default_factory=list)  # each stops a run: fix before running
    notes: list[str] = field(default_factory=list)  # worth a look, not an error
    tables: list[dict[str, Any]] = field(default_factory=list)  # reconciliation preview per table
    entities: dict[str, int] = field(default_factory=dict)
    rows_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"mapping": self.mapping, "ok": self.ok, "problems": self.problems, "notes": self.notes,
                "rows_checked": self.rows_checked, "tables": self.tables, "entities": self.entities}


def _first_rows(batches: Iterator[pa.RecordBatch], limit: int) -> list[pa.RecordBatch]:
    out, rows = [], 0
    for batch in batches:
        out.append(batch.slice(0, limit - rows))
        rows += out[-1].num_rows
        if rows >= limit:
            break
    return out


def check(mapping: Mapping, sources: dict[str, list[pa.RecordBatch]]) -> MappingCheck:
    """Compare `mapping` with the source tables (first rows of each), then transform them as a run would."""
    from intake.product.transform import table_name_key, transform_to_tables

    result = MappingCheck(mapping.source)
    sources = _with_query_tables(mapping, sources, result)
    by_key = {table_name_key(name): name for name in sources}
    for table in mapping.tables:
        name = table.table if table.table in sources else by_key.get(table_name_key(table.table))
        if name is None:
            if table.query is not None:  # its query failed: already a problem, with its line
                continue
            result.problems.append(f"{mapping.source} line {table.line}: table '{table.table}' is not in the "
                                   f"export (it has: {', '.join(sorted(sources)) or 'no tables'})")
            continue
        schema = sources[name][0].schema if sources[name] else pa.schema([])
        have = set(schema.names)
        for column, line in table.columns().items():
            if column not in have:
                result.problems.append(f"{mapping.source} line {line}: column '{column}' of table '{table.table}' "
                                       "is not in the export")
        unused = sorted(have - set(table.columns()) - (table.query.columns if table.query else frozenset()))
        if unused:
            result.notes.append(f"table '{table.table}': columns the mapping does not read (not migrated): "
                                f"{', '.join(unused)}")
    mapped = {table_name_key(t.table) for t in mapping.tables} | {table_name_key(t) for t in mapping.ignore_tables}
    for name in sorted(sources):
        if table_name_key(name) not in mapped:
            result.notes.append(f"table '{name}' is in the export but neither mapped nor ignored: it would "
                                "not be migrated (add it, or list it under ignore_tables with a reason)")
    result.rows_checked = sum(b.num_rows for batches in sources.values() for b in batches)
    if result.problems:
        return result
    try:
        done = transform_to_tables({name: list(batches) for name, batches in sources.items()}, mapping,
                                   queries_done=True)
    except IntakeError as exc:
        result.problems.append(str(exc))
        return result
    result.tables = [t.to_dict() for t in done.reconciliation.tables.values()]
    result.entities = {name: table.num_rows for name, table in done.entities.items() if table.num_rows}
    return result


def _with_query_tables(mapping: Mapping, sources: dict[str, list[pa.RecordBatch]], result: MappingCheck
                       ) -> dict[str, list[pa.RecordBatch]]:
    """The sources as a run's transform sees them (`with_queries`, the run's own rule): each query table computed
    from the first rows of the tables it reads (a mistake in the query is a problem with its line), the tables
    the queries supersede taken out."""
    from intake.product.transform import query_inputs, with_queries

    inputs = query_inputs(sources, mapping)
    if not inputs:
        return sources
    computed = with_queries(sources, mapping)
    out = {name: batches for name, batches in sources.items() if name in computed and name not in inputs}
    for name, reads in inputs.items():
        query = mapping.table(name).query
        assert query is not None
        try:
            reader = cast(Callable[[], pa.RecordBatchReader], computed[name])()
            out[name] = list(reader) or [pa.RecordBatch.from_pylist([], schema=reader.schema)]
        except IntakeError as exc:
            result.problems.append(f"{mapping.source} line {query.line}: {exc}")
            continue
        result.notes.append(f"table '{name}' is its query over {', '.join(sorted(reads.values()))}, run on the "
                            "first rows of each: a join may match fewer rows here than in the run")
    return out


Sample = tuple[str, list[pa.RecordBatch], pa.Schema]  # a table's name, its first rows and its columns


def _samples(source: Any, rows: int) -> Iterator[Sample]:
    for table in source.tables():
        reader = source.read(table)
        yield table, _first_rows(iter(reader), rows), reader.schema


def sample_files(ctx: Context, files: list[Path], rows: int) -> Iterator[Sample]:
    """The first rows of every table of local export files, read where they are (as `intake scan file` reads
    them): for `intake mapping check` and `draft`, which authorise and audit the reading themselves."""
    from intake.connectors import open_source

    for path in files:
        with open_source(None, path, settings=ctx.settings.connectors) as source:
            yield from _samples(source, rows)


def sample_dataset(ctx: Context, dataset_id: str, actor: Any, rows: int) -> Iterator[Sample]:
    """The first rows of every table of a received dataset, decrypted from the vault in memory."""
    from intake.pipeline.ingest import received_sources

    for _file, source in received_sources(ctx, dataset_id, actor):
        yield from _samples(source, rows)


def check_files(ctx: Context, mapping: Mapping, files: list[Path], rows: int = DEFAULT_ROWS) -> MappingCheck:
    """`check` on local export files (read where they are, as `intake scan file` reads them)."""
    actor = ctx.authorise("dataset.inspect", files=len(files))
    result = check(mapping, {name: batches for name, batches, _ in sample_files(ctx, files, rows)})
    ctx.record(actor, "mapping.check", files=len(files), ok=result.ok, problems=len(result.problems))
    return result


def check_dataset(ctx: Context, mapping: Mapping, dataset_id: str, rows: int = DEFAULT_ROWS) -> MappingCheck:
    """`check` on a received dataset, decrypted from the vault in memory (engineer, as for a run)."""
    actor = ctx.authorise("migration.run", dataset_id=dataset_id)
    result = check(mapping, {name: batches for name, batches, _ in sample_dataset(ctx, dataset_id, actor, rows)})
    ctx.record(actor, "mapping.check", dataset_id, ok=result.ok, problems=len(result.problems))
    return result
