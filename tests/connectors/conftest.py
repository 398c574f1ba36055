"""Connector fixtures: small settings, a vault, and helpers that read a table fully with its rejects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.context import Actor, Context
from intake.vault import Vault

DATA = Path(__file__).parent / "data"


@pytest.fixture
def small() -> ConnectorSettings:
    """Small batches and field limit, so tests cross batch boundaries and hit limits with small files."""
    return ConnectorSettings(batch_rows=7, max_field_bytes=4096)


@pytest.fixture
def vault(ctx: Context) -> Vault:
    return Vault(ctx, chunk_size=4096)


@pytest.fixture
def actor(ctx: Context) -> Actor:
    return ctx.actor()


class Read:
    """A whole table read: rows as dicts, the reader (counts, rejects), the batches' sizes."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        batches = list(reader)
        self.batch_sizes = [b.num_rows for b in batches]
        self.table = pa.Table.from_batches(batches, schema=reader.schema)
        self.rows = self.table.to_pylist()
        self.rejects = reader.rejects

    @property
    def columns(self) -> list[str]:
        return self.table.schema.names

    def where(self) -> list[tuple[int, str]]:
        return [(r.row_number, r.reason) for r in self.rejects]


def read_one(location: Any, settings: ConnectorSettings | None = None, fmt: str | None = None,
             name: str | None = None, table: str | None = None, **options: Any) -> Read:
    settings = settings or ConnectorSettings()  # the shipped limits unless a test narrows them
    with open_source(fmt, location, name=name, settings=settings, **options) as source:
        tables = source.tables()
        return Read(source.read(table or tables[0]))
