"""The source tables as the transform reads them: matched to the mapping's tables by name, and streamed as
batches combined to a useful size and read ahead on a background thread."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Mapping as MappingABC

import pyarrow as pa

from intake.product.errors import TransformError
from intake.product.mapping import Mapping

MIN_BATCH_ROWS = 32_768  # smaller reader batches are combined: per-batch overhead then stays negligible

TableSource = Iterable[pa.RecordBatch] | Callable[[], Iterable[pa.RecordBatch]]


def table_name_key(name: str) -> str:
    """How a source table is matched to a mapping table: the last path part, without a file extension, any case;
    for a table inside a file (an archive's "export.zip/contacts.csv:contacts", a workbook's sheet) the table's
    own name, so that a mapping may write "contacts" (also used by `intake mapping check`, so that checking and
    running agree)."""
    stem = name.rsplit("/", 1)[-1]
    if ":" in stem:
        stem = stem.rsplit(":", 1)[-1]
    for suffix in (".csv", ".txt", ".xlsx", ".xls", ".parquet"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    return stem.casefold()


def resolve_tables(sources: MappingABC[str, TableSource], mapping: Mapping) -> dict[str, TableSource]:
    """Source tables keyed by the mapping's table names: exact names first, then ignoring case and a file
    extension ("Jobs" or "jobs.csv" for table "jobs")."""
    wanted = {table_name_key(t.table): t.table for t in mapping.tables}
    wanted.update({table_name_key(name): name for name in mapping.ignore_tables})
    resolved: dict[str, TableSource] = {}
    for name, source in sources.items():
        target = name if name in wanted.values() else wanted.get(table_name_key(name), name)
        if target != name and target in sources:
            target = name  # the mapping names another source table exactly: this one is not it
        if target in resolved:
            raise TransformError(f"two source tables match mapping table '{target}'; pass only one")
        resolved[target] = source
    return resolved


def _read_ahead(batches: Iterable[pa.RecordBatch], depth: int = 2) -> Iterator[pa.RecordBatch]:
    """Pull batches from the reader on a background thread, a few ahead of the transform.

    Parsing (CSV, Excel, database rows) then overlaps the transform of the previous batch; Arrow's readers
    release the GIL. Errors of the reader are raised here, in the consumer.
    """
    slots: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def offer(item: object) -> bool:
        while not stop.is_set():
            try:
                slots.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for batch in batches:
                if not offer(batch):
                    return
            offer(done)
        except BaseException as exc:  # handed to the consumer
            offer(exc)

    worker = threading.Thread(target=produce, name="intake-read-ahead", daemon=True)
    worker.start()
    try:
        while (item := slots.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        worker.join()


def _batches(source: TableSource) -> Iterable[pa.RecordBatch]:
    return source() if callable(source) else source


def _rebatch(batches: Iterable[pa.RecordBatch], table: str) -> Iterator[pa.RecordBatch]:
    pending: list[pa.RecordBatch] = []
    rows = 0
    for batch in batches:
        if isinstance(batch, pa.Table):
            yield from _rebatch(batch.to_batches(), table)
            continue
        if batch.num_rows >= MIN_BATCH_ROWS and not pending:
            yield batch
            continue
        pending.append(batch)
        rows += batch.num_rows
        if rows >= MIN_BATCH_ROWS:
            yield _combine(pending, table)
            pending, rows = [], 0
    if pending:
        yield _combine(pending, table)


def _combine(batches: list[pa.RecordBatch], table: str) -> pa.RecordBatch:
    if len(batches) == 1:
        return batches[0]
    try:
        return pa.Table.from_batches(batches).combine_chunks().to_batches(max_chunksize=None)[0]
    except pa.ArrowInvalid:
        raise TransformError(f"batches of table '{table}' do not share one set of columns; "
                             "the reader must give every batch the same schema") from None

