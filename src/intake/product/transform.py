"""The transformation: legacy table batches + mapping -> product entity batches, rejects, reconciliation.

Tables are processed in the mapping's order, batch by batch. All work on a batch is vectorised over Arrow
arrays and numpy masks; Python loops run over fields, outputs and distinct derived-entity keys, never over
rows. State across batches is compact: 64-bit key hashes for uniqueness and referential integrity, and the
small derived-entity clusters.

Row numbers: if a batch carries the column `ROW_NUMBER_COLUMN` (the connector's 1-based source row
number), rejects use it; otherwise rows are numbered 1, 2, ... in the order read (data rows, after any
header).

This module is the transform's public face, importable as one, and runs the mapping's tables in order
(`Transformer`); one table's batches are processed in `transform_table`, the state across tables is in
`transform_state`, the source and query tables are read by `source_tables` and `query_tables`, and the results
go to an `EntityOutput` (`transform_outputs`).
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from dataclasses import dataclass

import pyarrow as pa

from intake.clock import Clock
from intake.logs import get_logger, log_event
from intake.product.errors import TransformError
from intake.product.mapping import Mapping
from intake.product.query_tables import query_inputs, superseded_by_queries, with_queries
from intake.product.reconciliation import Reconciliation
from intake.product.schema import ENTITIES
from intake.product.source_tables import (
    MIN_BATCH_ROWS,
    TableSource,
    _batches,
    _read_ahead,
    _rebatch,
    resolve_tables,
    table_name_key,
)
from intake.product.transform_outputs import CollectingOutput, EntityOutput
from intake.product.transform_state import ROW_NUMBER_COLUMN, TransformState
from intake.product.transform_table import _TableRun

__all__ = [
    "MIN_BATCH_ROWS",
    "ROW_NUMBER_COLUMN",
    "CollectingOutput",
    "EntityOutput",
    "TableSource",
    "TransformResult",
    "TransformState",
    "Transformer",
    "query_inputs",
    "resolve_tables",
    "superseded_by_queries",
    "table_name_key",
    "transform",
    "transform_to_tables",
    "with_queries",
]

logger = get_logger("intake.product.transform")


@dataclass
class TransformResult:
    entities: dict[str, pa.Table]
    rejects: pa.Table
    reconciliation: Reconciliation


def transform(sources: MappingABC[str, TableSource], mapping: Mapping, output: EntityOutput, *,
              clock: Clock | None = None, reader_rejects: MappingABC[str, int] | None = None,
              row_number_column: str = ROW_NUMBER_COLUMN, queries_done: bool = False) -> Reconciliation:
    """Stream every mapped table through the mapping into `output`; return the reconciliation.

    The mapping's query tables are computed from `sources` (`with_queries`), unless `queries_done` says that
    `sources` already hold them under their names (a run computes them before anonymisation)."""
    transformer = Transformer(mapping, clock=clock, row_number_column=row_number_column)
    if not queries_done:
        sources = with_queries(resolve_tables(sources, mapping), mapping)
    return transformer.run(sources, output, reader_rejects)


def transform_to_tables(sources: MappingABC[str, TableSource], mapping: Mapping, *, clock: Clock | None = None,
                        reader_rejects: MappingABC[str, int] | None = None,
                        row_number_column: str = ROW_NUMBER_COLUMN, queries_done: bool = False) -> TransformResult:
    output = CollectingOutput()
    reconciliation = transform(sources, mapping, output, clock=clock, reader_rejects=reader_rejects,
                               row_number_column=row_number_column, queries_done=queries_done)
    entities = {name: output.table(name) for name in ENTITIES}
    return TransformResult(entities, output.rejects(), reconciliation)


class Transformer(TransformState):
    """Runs the mapping's tables in order, each batch by batch (`_TableRun`), then writes the derived entities."""

    def run(self, sources: MappingABC[str, TableSource], output: EntityOutput,
            reader_rejects: MappingABC[str, int] | None = None) -> Reconciliation:
        sources = resolve_tables(sources, self.mapping)
        mapped = [t.table for t in self.mapping.tables]
        missing = [name for name in mapped if name not in sources]
        if missing:
            raise TransformError(f"the source has no table {', '.join(repr(m) for m in missing)} that mapping "
                                 f"'{self.mapping.source}' reads; check the export or choose another mapping")
        unmapped = [name for name in sources if name not in mapped and name not in self.mapping.ignore_tables]
        if unmapped:
            raise TransformError(f"source table(s) {', '.join(repr(u) for u in unmapped)} are not in mapping "
                                 f"'{self.mapping.source}'; map them, or list them under ignore_tables with "
                                 "the reason, so no rows are dropped silently")
        for output_mapping in (o for t in self.mapping.tables for o in t.outputs):
            self.reconciliation.entity(output_mapping.entity.name)
        for table in self.mapping.tables:
            run = _TableRun(self, table, output)
            for batch in _rebatch(_read_ahead(_batches(sources[table.table])), table.table):
                run.process(batch)
            counts = self.reconciliation.table(table.table)
            if reader_rejects and table.table in reader_rejects:
                counts.rows_rejected_by_reader = int(reader_rejects[table.table])
            log_event(logger, "product.table_transformed", table=table.table, rows_read=counts.rows_read,
                      rows_loaded=counts.rows_loaded, rows_merged=counts.rows_merged,
                      rows_rejected=counts.rows_rejected)
        # Any other table given is one only queries read (the ignored ones are not imported): its unreadable lines
        # are source rows too. Matched as tables are ("Jobs" is table "jobs"), so none is counted twice.
        known = {table_name_key(name) for name in (*mapped, *self.mapping.ignore_tables)}
        self.reconciliation.query_inputs_rejected_by_reader.update(
            {name: int(count) for name, count in (reader_rejects or {}).items()
             if count and table_name_key(name) not in known})
        for state in self.derived.values():
            rows = state.table()
            for batch in rows.to_batches():
                output.write_entity(state.spec.name, batch)
            entity = self.reconciliation.entity(state.spec.name)
            entity.rows += rows.num_rows
            entity.derived_from.update(state.lineage())
        return self.reconciliation

