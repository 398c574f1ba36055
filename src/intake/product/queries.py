"""Mapping tables defined by SQL: a DuckDB query over the export's own tables, run in memory.

A normalised legacy schema (equipment -> models -> makers, locations, contacts) needs joins and lookups from
other tables. Without them an engineer copies the export's code tables into the mapping as YAML lookups: customer
values in a file outside the vault, and a mapping that breaks when the customer adds a code. A query keeps them
in the export, and the YAML keeps what it does well (field mapping, conversions, reference de-duplication).

The query runs on the tables as read (before anonymisation), so its result is anonymised with the roles of the
fields it feeds, exactly like a table of the export. The engine is shut in:
- in memory, no file system or network (`enable_external_access` off: no read_csv, COPY, ATTACH or INSTALL),
  configuration locked so the query cannot turn that back on;
- no temporary directory: nothing decrypted is ever spilled to disk; a query over its memory limit fails with
  what to do instead;
- one thread: rows come out in the same order on every run, so row numbers in the rejects and the "first one
  wins" de-duplication of the transform are reproducible.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from intake.product.errors import TransformError
from intake.product.text_values import as_text

DEFAULT_MEMORY_LIMIT = "2GB"
MEMORY_SETTING = "connectors.query_memory_limit"
BATCH_ROWS = 65_536


@dataclass(frozen=True)
class Query:
    sql: str
    reads: tuple[str, ...]  # the export's tables the query reads (CTE names excluded)
    line: int
    # Tables the query scans once (named once, no WITH): they can be streamed to the engine rather than read
    # into memory whole. A table scanned twice (a self-join, a CTE used twice) is read whole: a stream gives
    # its rows only once.
    streamed: frozenset[str] = frozenset()
    # The columns the query names (in a join, a filter, an expression): read by the migration even when no field
    # reads the column of the same name the query passes on ("j.*" after a join on j."Raised By ID").
    columns: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, sql: str, line: int) -> Query:
        """The query of a mapping table; ValueError saying why when `sql` is not one SELECT over tables."""
        names, ctes, columns = _base_tables(sql)
        reads = tuple(dict.fromkeys(t for t in names if t not in ctes))
        if not reads:
            raise ValueError("the query reads no table of the export")
        once = frozenset(t for t in reads if names.count(t) == 1) if not ctes else frozenset()
        return cls(sql, reads, line, once, frozenset(columns))


def _base_tables(sql: str) -> tuple[list[str], set[str], set[str]]:
    """Every table reference of one SELECT statement (repeats kept), its CTE names and the columns it names."""
    import duckdb

    with duckdb.connect(":memory:", config={"enable_external_access": False}) as con:
        row = con.execute("SELECT json_serialize_sql(?)", [sql]).fetchone()
    tree = json.loads(row[0]) if row else {}
    if tree.get("error"):
        message = str(tree.get("error_message", "cannot be parsed"))
        if "Only SELECT" in message:
            message = "only a SELECT (or WITH ... SELECT) statement may define a table"
        raise ValueError(message)
    statements = tree.get("statements", [])
    if len(statements) != 1:
        raise ValueError(f"a query must be one SELECT statement, not {len(statements)}")
    tables: list[str] = []
    ctes: set[str] = set()
    columns: set[str] = set()
    _walk(statements[0], tables, ctes, columns)
    return tables, ctes, columns


def _walk(node: Any, tables: list[str], ctes: set[str], columns: set[str]) -> None:
    if isinstance(node, dict):
        if node.get("type") == "BASE_TABLE" and node.get("table_name"):
            tables.append(str(node["table_name"]))
        if node.get("class") == "COLUMN_REF" and node.get("column_names"):
            columns.add(str(node["column_names"][-1]))  # "j.Raised By ID" -> "Raised By ID"
        for entry in (node.get("cte_map") or {}).get("map", []):
            ctes.add(str(entry.get("key")))
        for value in node.values():
            _walk(value, tables, ctes, columns)
    elif isinstance(node, list):
        for value in node:
            _walk(value, tables, ctes, columns)


def as_table(name: str, batches: list[pa.RecordBatch]) -> pa.Table:
    """A table a query reads, from its batches (all in memory: a query reads its tables whole)."""
    if not batches:
        raise TransformError(f"table '{name}', which a mapping query reads, came with no columns at all; check "
                             "that the export holds it")
    return pa.Table.from_batches(batches)


def run_query(name: str, query: Query, tables: Mapping[str, pa.Table | pa.RecordBatchReader], *,
              memory_limit: str = DEFAULT_MEMORY_LIMIT, batch_rows: int = BATCH_ROWS) -> pa.RecordBatchReader:
    """The rows of mapping table `name`, its query run over `tables` (the export's tables by name), every column
    as text as the export's own columns are. A table may come as a stream (a RecordBatchReader) when the query
    scans it once (`Query.streamed`). A mistake in the query is raised here, before any row is read;
    errors name the table and the mapping line, never a value."""
    import duckdb

    missing = [t for t in query.reads if t not in tables]
    if missing:
        raise TransformError(f"the query of table '{name}' (mapping line {query.line}) reads "
                             f"{', '.join(repr(m) for m in missing)}, which the export does not have "
                             f"(it has: {', '.join(sorted(tables)) or 'no tables'})")
    config: dict[str, str | bool | int | float | list[str]] = {
        "enable_external_access": False, "threads": 1, "memory_limit": memory_limit, "temp_directory": "",
        "autoload_known_extensions": False, "autoinstall_known_extensions": False}
    con = duckdb.connect(":memory:", config=config)
    try:
        for table in query.reads:
            con.register(table, tables[table])
        con.execute("SET lock_configuration = true")
        try:
            reader = con.sql(query.sql).to_arrow_reader(batch_rows)
        except duckdb.Error as exc:
            raise _query_error(name, query, exc) from None
        names = reader.schema.names
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})
            raise TransformError(f"the query of table '{name}' (mapping line {query.line}) returns column(s) "
                                 f"{', '.join(repr(t) for t in twice)} more than once; name them apart with AS")
    except BaseException:
        con.close()
        raise
    schema = pa.schema([pa.field(n, pa.string()) for n in names])

    def batches() -> Iterator[pa.RecordBatch]:
        try:
            while True:
                try:
                    batch = reader.read_next_batch()
                except StopIteration:
                    return
                except duckdb.Error as exc:
                    raise _query_error(name, query, exc) from None
                yield pa.RecordBatch.from_arrays([as_text(c) for c in batch.columns], schema=schema)
        finally:
            con.close()

    return pa.RecordBatchReader.from_batches(schema, batches())


def _query_error(name: str, query: Query, exc: Exception) -> TransformError:
    # DuckDB's messages name tables, columns and positions in the query's text; only a failed conversion quotes
    # a value of the data ("Could not convert string 'X' to INT32"), so that message is withheld.
    kind = exc.__class__.__name__
    if kind in ("ConversionException", "InvalidInputException"):
        message = f"{kind}: a value could not be converted (value withheld); convert with TRY_CAST"
    elif kind == "OutOfMemoryException":
        message = (f"{kind}: the query needs more than its memory limit ({MEMORY_SETTING}); raise it, or filter "
                   "and aggregate earlier in the query")
    else:
        message = str(exc).split("\n", 1)[0]
    return TransformError(f"the query of table '{name}' (mapping line {query.line}) failed: {message}")
