"""The mapping's query tables: which source tables each query reads, which sources the queries supersede, and
the query tables computed from the sources."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping as MappingABC
from functools import partial

import pyarrow as pa

from intake.product.errors import TransformError
from intake.product.mapping import Mapping, TableMapping
from intake.product.queries import DEFAULT_MEMORY_LIMIT, as_table, run_query
from intake.product.source_tables import TableSource, _batches, _rebatch, table_name_key


def query_inputs(names: Iterable[str], mapping: Mapping) -> dict[str, dict[str, str]]:
    """Query table -> {the name its query gives a table: the source table it is}, for the sources `names`: the
    exact name, else the one source of that short name (table_name_key); a name no source has is left out
    (`run_query` then says which table is missing), one that several have is refused, naming them."""
    names = list(names)
    by_key: dict[str, list[str]] = {}
    for name in names:
        by_key.setdefault(table_name_key(name), []).append(name)
    out: dict[str, dict[str, str]] = {}
    for table in mapping.tables:
        if table.query is None:
            continue
        inputs: dict[str, str] = {}
        for read in table.query.reads:
            found = [read] if read in names else by_key.get(table_name_key(read), [])
            if len(found) > 1:
                raise TransformError(
                    f"the query of table '{table.table}' (mapping line {table.query.line}) reads '{read}', which "
                    f"{len(found)} tables of the export are called: {', '.join(sorted(found))}; name one in full "
                    "(quoted, as `intake sources inspect` lists it)")
            if found:
                inputs[read] = found[0]
        out[table.table] = inputs
    return out


def superseded_by_queries(names: Iterable[str], mapping: Mapping) -> set[str]:
    """The source tables among `names` that give no rows of their own once the mapping's queries have run: those
    only queries read (a table also mapped as itself still does), and those a query table of their own name
    replaces. The one rule for the run, the transform and `intake mapping check`."""
    names = list(names)
    plain = {table_name_key(t.table) for t in mapping.tables}
    queried = {table_name_key(t.table) for t in mapping.tables if t.query is not None}
    read = {source for inputs in query_inputs(names, mapping).values() for source in inputs.values()}
    return {name for name in read if table_name_key(name) not in plain} | {
        name for name in names if table_name_key(name) in queried}


def with_queries(sources: MappingABC[str, TableSource], mapping: Mapping,
                 memory_limit: str = DEFAULT_MEMORY_LIMIT) -> dict[str, TableSource]:
    """`sources` with each query table computed from them (a callable giving its RecordBatchReader: a mistake in
    the query is raised when it is called), and without the tables the queries supersede. A query reads the
    export's tables whole, in memory: each is materialised once."""
    inputs = query_inputs(sources, mapping)
    if not inputs:
        return dict(sources)
    materialised: dict[str, pa.Table] = {}

    def table(name: str) -> pa.Table:
        if name not in materialised:
            materialised[name] = as_table(name, list(_rebatch(_batches(sources[name]), name)))
        return materialised[name]

    def rows(query_table: TableMapping) -> pa.RecordBatchReader:
        assert query_table.query is not None
        tables = {read: table(source) for read, source in inputs[query_table.table].items()}
        return run_query(query_table.table, query_table.query, tables, memory_limit=memory_limit)

    superseded = superseded_by_queries(sources, mapping)
    out: dict[str, TableSource] = {name: source for name, source in sources.items() if name not in superseded}
    for query_table in mapping.tables:
        if query_table.query is not None:
            out[query_table.table] = partial(rows, query_table)
    return out


def _read_by_queries(mapping: Mapping) -> dict[str, str]:
    """The tables only queries read, with why they give no rows of their own, for the reconciliation."""
    plain = {table_name_key(t.table) for t in mapping.tables}
    return {name: f"read by the query of table {', '.join(repr(r) for r in readers)}"
            for name, readers in mapping.read_by_queries().items() if table_name_key(name) not in plain}

