"""Connectors: read legacy and product datasets as Arrow record batches, and write them to the vault or a delivery.

Importing the package registers every source format in `SOURCES` (see `intake sources list`).
"""

from __future__ import annotations

from intake.connectors import (  # noqa: F401  (each module registers its formats)
    access,
    csv_source,
    excel,
    jsonl,
    parquet_source,
    sql,
    sql_dump,
    zip_source,
)
from intake.connectors.base import (
    SOURCES,
    BatchReader,
    ByteInput,
    Reject,
    RejectCollector,
    RejectSink,
    Source,
    SourceFormat,
    TableReader,
    detect_format,
    open_source,
    register_source,
)
from intake.connectors.sinks import (
    DeliverySink,
    VaultParquetSink,
    VaultRejectSink,
    VaultTarget,
    write_table_to_vault,
)

__all__ = [
    "SOURCES",
    "BatchReader",
    "ByteInput",
    "DeliverySink",
    "Reject",
    "RejectCollector",
    "RejectSink",
    "Source",
    "SourceFormat",
    "TableReader",
    "VaultParquetSink",
    "VaultRejectSink",
    "VaultTarget",
    "detect_format",
    "open_source",
    "register_source",
    "write_table_to_vault",
]
