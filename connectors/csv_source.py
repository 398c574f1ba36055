"""Delimited text (CSV, TSV, pipe, semicolon): sniffed, streamed through pyarrow, every bad row a reject.

Sniffing reads a sample: the encoding (see textio), the delimiter (the candidate giving the most consistent
field count), and the header: the first record with the usual number of fields, mostly filled in, below any
banner lines ("Asset Register Export", "Exported 14/10/2026 by ...") and blank lines. That row is data, not a
header, when its cells look like values rather than labels (see header.py: numbers, dates, phones, names, cells
shaped like the values below them): then every line is data and the columns are named column_1, column_2...
Non-blank lines above the header (banners) are rejects, so that a data row there is never dropped silently.

Reading is pyarrow's streaming CSV reader over the UTF-8 form of the file (transcoded on the fly when it is
not UTF-8), single-threaded so that it numbers the rows it skips, with 1 MB blocks so memory stays small
whatever the file size. A row with too many or too few fields, or a field longer than `max_field_bytes`, is a
reject. When pyarrow cannot go on (a record longer than a block, typically a huge field or an unbalanced
quote, or bytes that are not UTF-8), Python's csv module reads from the first record of that block for a couple
of blocks, bounding every record (a record longer than `max_field_bytes` per column is rejected and reading
resumes at the next line; a field that is not UTF-8 is a reject), then hands back to pyarrow at a record
boundary. Rejects are numbered by the physical line where their record starts (banner lines, blank lines and
quoted line breaks counted): the fast reader only knows record counts, so a Python scan locates them, reading
forward only and only as far as the last reject. A one-pass stream (not seekable) cannot be scanned again: its
rejects are numbered by counting records from the first data line.
"""

from __future__ import annotations

from typing import Any

from intake.config import ConnectorSettings
from intake.connectors.base import (
    ByteInput,
    RejectSink,
    SourceBase,
    SourceFormat,
    file_stem,
    register_source,
)
from intake.connectors.csv_reader import CsvTableReader
from intake.connectors.csv_records import iter_records
from intake.connectors.csv_sniff import DELIMITERS, SAMPLE_BYTES, SAMPLE_RECORDS, CsvLayout, sniff
from intake.connectors.errors import UnsupportedFormat

__all__ = [
    "DELIMITERS",
    "OPTIONS",
    "SAMPLE_BYTES",
    "SAMPLE_RECORDS",
    "CsvLayout",
    "CsvSource",
    "CsvTableReader",
    "iter_records",
    "sniff",
]

OPTIONS = {"encoding", "delimiter", "header", "header_line"}


class CsvSource(SourceBase):
    """One delimited text file: one table named after the file."""

    format = "csv"

    def __init__(self, data: ByteInput, name: str, settings: ConnectorSettings, options: dict[str, Any]) -> None:
        unknown = set(options) - OPTIONS
        if unknown:
            raise UnsupportedFormat(f"unknown csv option(s) {sorted(unknown)}; known: {sorted(OPTIONS)}")
        self.data = data
        self.name = name
        self.settings = settings
        self.layout = sniff(data, settings, options)
        self.table = file_stem(name)

    def tables(self) -> list[str]:
        return [self.table]

    def read(self, table: str, rejects: RejectSink | None = None) -> CsvTableReader:
        self._check_table(table)
        return CsvTableReader(self.data, self.layout, self.name, table, self.settings, rejects)


def _open(location: ByteInput, *, name: str, settings: ConnectorSettings, **options: Any) -> CsvSource:
    return CsvSource(location, name, settings, options)


def _looks_textual(head: bytes) -> bool:
    if not head or b"\x00" in head[:1024]:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:
            return True
    printable = sum(1 for b in head if b >= 0x20 or b in (9, 10, 13))
    return printable / len(head) > 0.95


register_source(
    SourceFormat(
        name="csv",
        description="Delimited text (CSV, TSV, pipe, semicolon); encoding, delimiter and header sniffed",
        extensions=(".csv", ".tsv", ".tab", ".psv", ".txt", ".dat"),
        open=_open,
        magic=_looks_textual,
        content_guess=3,
    )
)
