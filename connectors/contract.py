"""The reading contract every connector honours: the Source and TableReader protocols, rejects and where they go,
and the base classes that count rows, route rejects and cut batches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import pyarrow as pa

from intake.config import ConnectorSettings
from intake.connectors.errors import SourceReadError, TableNotFound, TooManyColumns

# Rejects kept in memory on a reader when no sink is given; counts stay exact beyond this.
MAX_COLLECTED_REJECTS = 10_000


@dataclass(frozen=True)
class Reject:
    """A row that could not be read. `raw` is the row's original content: customer data, for the vault only."""

    source: str
    table: str
    row_number: int
    reason: str
    raw: str | None = field(default=None, repr=False, compare=False)


class RejectSink(Protocol):
    """Receives rejects as they are found (the vault reject sink, a collector)."""

    def add(self, reject: Reject) -> None: ...


class RejectCollector:
    """Keeps rejects in memory (first `limit`), with exact counts by reason; for tests and `sources inspect`."""

    def __init__(self, limit: int = MAX_COLLECTED_REJECTS) -> None:
        self.limit = limit
        self.rejects: list[Reject] = []
        self.count = 0
        self.reasons: Counter[str] = Counter()

    def add(self, reject: Reject) -> None:
        self.count += 1
        self.reasons[reject.reason] += 1
        if len(self.rejects) < self.limit:
            self.rejects.append(reject)


@runtime_checkable
class TableReader(Protocol):
    """One table of a source: a schema and a single pass over its record batches."""

    source: str
    table: str
    schema: pa.Schema
    rows_read: int
    rows_rejected: int

    def __iter__(self) -> Iterator[pa.RecordBatch]: ...


@runtime_checkable
class Source(Protocol):
    """An opened file, archive, folder or database holding tables."""

    name: str
    format: str

    def tables(self) -> list[str]: ...

    def read(self, table: str, rejects: RejectSink | None = None) -> TableReader: ...

    def close(self) -> None: ...

    def __enter__(self) -> Source: ...

    def __exit__(self, *exc: object) -> None: ...


class SourceBase:
    """Context-manager plumbing and table lookup shared by the concrete sources."""

    name: str
    format: str

    def tables(self) -> list[str]:
        raise NotImplementedError

    def read(self, table: str, rejects: RejectSink | None = None) -> TableReader:
        raise NotImplementedError

    def close(self) -> None:
        """Release files and connections; sources without any keep this no-op."""

    def __enter__(self) -> SourceBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_table(self, table: str) -> None:
        known = self.tables()
        if table not in known:
            raise TableNotFound(
                f"{self.name} has no table '{table}'; its tables are: {', '.join(known) or 'none'}"
            )


class BatchReader:
    """Base table reader: counts rows, routes rejects, and cuts batches to at most `batch_rows` rows."""

    def __init__(
        self,
        source: str,
        table: str,
        schema: pa.Schema,
        settings: ConnectorSettings,
        rejects: RejectSink | None = None,
    ) -> None:
        if len(schema) > settings.max_columns:
            raise TooManyColumns(
                f"table '{table}' of {source} has {len(schema)} columns, more than the {settings.max_columns} "
                "allowed (connectors.max_columns); nothing of it was read. Ask the customer for an export of the "
                "columns the migration needs, or raise the limit for this file if the width is genuine"
            )
        self.source = source
        self.table = table
        self.schema = schema
        self.settings = settings
        self.rows_read = 0
        self.rows_rejected = 0
        self.reject_reasons: Counter[str] = Counter()
        self._sink = rejects
        self._collected = RejectCollector() if rejects is None else None
        self._started = False

    @property
    def rejects(self) -> list[Reject]:
        """Rejects kept on the reader when no sink was given (the first MAX_COLLECTED_REJECTS)."""
        return self._collected.rejects if self._collected is not None else []

    def reject(self, row_number: int, reason: str, raw: str | None = None) -> None:
        self.rows_rejected += 1
        self.reject_reasons[reason] += 1
        if raw is not None and len(raw) > self.settings.max_field_bytes:
            # a reject keeps enough of its row to be recognised; the rest of an oversized row would only fill the
            # rejects artefact (a 300 MB cell made a 300 MB reject)
            raw = raw[: self.settings.max_field_bytes]
        record = Reject(self.source, self.table, row_number, reason, raw)
        if self._sink is not None:
            self._sink.add(record)
        elif self._collected is not None:
            self._collected.add(record)

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        if self._started:
            raise SourceReadError(
                f"table '{self.table}' of {self.source} was already read; call source.read() again for a new pass"
            )
        self._started = True
        limit = self.settings.batch_rows
        for batch in self._batches():
            for offset in range(0, batch.num_rows, limit):
                piece = batch.slice(offset, limit)
                self.rows_read += piece.num_rows
                yield piece

    def read_all(self) -> pa.Table:
        """The whole table in memory: for small tables and tests only."""
        return pa.Table.from_batches(list(self), schema=self.schema)

    def _batches(self) -> Iterator[pa.RecordBatch]:
        raise NotImplementedError

