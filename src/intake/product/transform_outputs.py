"""Where the transform puts its results: the `EntityOutput` protocol and `CollectingOutput`, which keeps them
in memory."""

from __future__ import annotations

from typing import Protocol

import pyarrow as pa

from intake.product.schema import ENTITIES
from intake.product.validation import REJECTS_SCHEMA


class EntityOutput(Protocol):
    """Where the transform puts its results (a package being written, or memory in tests)."""

    def write_entity(self, entity: str, batch: pa.RecordBatch) -> None: ...

    def write_rejects(self, batch: pa.RecordBatch) -> None: ...


class CollectingOutput:
    """Keeps every batch in memory: for tests and small datasets."""

    def __init__(self) -> None:
        self.batches: dict[str, list[pa.RecordBatch]] = {}
        self.reject_batches: list[pa.RecordBatch] = []

    def write_entity(self, entity: str, batch: pa.RecordBatch) -> None:
        self.batches.setdefault(entity, []).append(batch)

    def write_rejects(self, batch: pa.RecordBatch) -> None:
        self.reject_batches.append(batch)

    def table(self, entity: str) -> pa.Table:
        schema = ENTITIES[entity].arrow_schema()
        return pa.Table.from_batches(self.batches.get(entity, []), schema=schema)

    def rejects(self) -> pa.Table:
        return pa.Table.from_batches(self.reject_batches, schema=REJECTS_SCHEMA)

