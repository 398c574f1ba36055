"""What every connector shares: the Source and TableReader protocols, rejects, byte inputs and the format registry.

A *source* is one file, archive, folder or database. It holds one or more *tables*; reading a table yields a
stream of `pyarrow.RecordBatch` of at most `settings.batch_rows` rows. Every row of the input ends up either in
a batch (`rows_read`) or as a `Reject` with its 1-based position and reason (`rows_rejected`), never dropped.

Positions in rejects: the physical line where the record starts for text files (CSV, JSON lines), the sheet
row for spreadsheets, the 1-based data row for database tables and Parquet.

Legacy formats (CSV, Excel, Access, SQL) produce all-string columns, empty cells as null: typing is the job of
the mapping stage. Parquet and JSON lines keep their types.
"""

from __future__ import annotations

from intake.connectors.byte_input import (
    ByteInput,
    Location,
    SeekableStream,
    as_input,
)
from intake.connectors.columns import (
    file_stem,
    format_value,
    oversized_reason,
    string_schema,
    unique_column_names,
)
from intake.connectors.contract import (
    MAX_COLLECTED_REJECTS,
    BatchReader,
    Reject,
    RejectCollector,
    RejectSink,
    Source,
    SourceBase,
    TableReader,
)
from intake.connectors.formats import (
    HEAD_BYTES,
    SOURCES,
    Opener,
    SourceFormat,
    detect_format,
    open_source,
    register_source,
)

__all__ = [
    "HEAD_BYTES",
    "MAX_COLLECTED_REJECTS",
    "SOURCES",
    "BatchReader",
    "ByteInput",
    "Location",
    "Opener",
    "Reject",
    "RejectCollector",
    "RejectSink",
    "SeekableStream",
    "Source",
    "SourceBase",
    "SourceFormat",
    "TableReader",
    "as_input",
    "detect_format",
    "file_stem",
    "format_value",
    "open_source",
    "oversized_reason",
    "register_source",
    "string_schema",
    "unique_column_names",
]
