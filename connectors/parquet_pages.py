"""Parquet page sizes read from the page headers, so a page too large to decompress safely is refused unread.

A Parquet reader decompresses a whole page at once: a 10 KB file whose one page inflates to 300 MB took 1 GB to
read, and the file's metadata only gives a column chunk's total, which says nothing about its largest page.
Writers cut pages at about 1 MB (pyarrow, Spark, DuckDB), so a page over `connectors.parquet_max_page_bytes` is
hostile or broken. Column chunks no larger than the limit cannot hold a larger page and are not walked; the
others are walked header by header (a seek and a few bytes each; a header's statistics are skipped, not read).

Page headers are Thrift compact-protocol structs (parquet-format's PageHeader): field 2 is the uncompressed size
and field 3 the compressed size, which also gives the offset of the next page.
"""

from __future__ import annotations

from typing import IO

import pyarrow.parquet as pq

from intake.connectors.errors import SourceReadError

_MAX_HEADER_BYTES = 16 << 20  # a header is tens of bytes; more is not a Parquet page header


class OversizedParquetPage(SourceReadError):
    """A Parquet page inflates to more than `connectors.parquet_max_page_bytes`."""


class _Reader:
    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.read_bytes = 0

    def byte(self) -> int:
        data = self.stream.read(1)
        if not data:
            raise EOFError
        self.read_bytes += 1
        if self.read_bytes > _MAX_HEADER_BYTES:
            raise ValueError("page header too long")
        return data[0]

    def varint(self) -> int:
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7
            if shift > 70:
                raise ValueError("varint too long")

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def skip_bytes(self, n: int) -> None:
        self.read_bytes += n
        if n < 0 or self.read_bytes > _MAX_HEADER_BYTES:
            raise ValueError("page header too long")
        self.stream.seek(n, 1)

    def skip(self, kind: int) -> None:
        if kind in (1, 2):  # booleans live in the field header
            return
        if kind == 3:
            self.skip_bytes(1)
        elif kind in (4, 5, 6):
            self.varint()
        elif kind == 7:
            self.skip_bytes(8)
        elif kind == 8:
            self.skip_bytes(self.varint())
        elif kind in (9, 10):
            head = self.byte()
            size = head >> 4 if head >> 4 != 15 else self.varint()
            for _ in range(size):
                self.skip(head & 0x0F)
        elif kind == 11:
            size = self.varint()
            if size:
                types = self.byte()
                for _ in range(size):
                    self.skip(types >> 4)
                    self.skip(types & 0x0F)
        elif kind == 12:
            self.struct()
        else:
            raise ValueError(f"unknown thrift type {kind}")

    def struct(self) -> dict[int, int]:
        """Skip a struct; return its top-level integer fields by id."""
        fields: dict[int, int] = {}
        last = 0
        while True:
            head = self.byte()
            if head == 0:
                return fields
            kind, delta = head & 0x0F, head >> 4
            field_id = last + delta if delta else self.zigzag()
            last = field_id
            if kind in (5, 6):
                fields[field_id] = self.zigzag()
            else:
                self.skip(kind)


def check_pages(file: pq.ParquetFile, stream: IO[bytes], name: str, limit: int) -> None:
    """Raise OversizedParquetPage if a page of any column chunk inflates past `limit` bytes."""
    meta = file.metadata
    for group in range(meta.num_row_groups):
        for index in range(meta.num_columns):
            chunk = meta.row_group(group).column(index)
            if chunk.total_uncompressed_size <= limit:
                continue
            start = chunk.data_page_offset
            if chunk.has_dictionary_page and chunk.dictionary_page_offset:
                start = min(start, chunk.dictionary_page_offset)
            _walk(stream, start, start + chunk.total_compressed_size, name, chunk.path_in_schema, limit)


def _walk(stream: IO[bytes], offset: int, end: int, name: str, column: str, limit: int) -> None:
    while offset < end:
        stream.seek(offset)
        reader = _Reader(stream)
        try:
            header = reader.struct()
        except (EOFError, ValueError):
            raise SourceReadError(
                f"{name}: a page header of column '{column}' is damaged; the Parquet file cannot be read, "
                "send it again"
            ) from None
        uncompressed, compressed = header.get(2, -1), header.get(3, -1)
        if uncompressed > limit:
            raise OversizedParquetPage(
                f"{name}: a page of column '{column}' inflates to {uncompressed} bytes, more than the {limit} "
                "allowed (connectors.parquet_max_page_bytes); writers cut pages at about 1 MB, so the file is "
                "refused unread. Ask the customer to write it again with a standard Parquet writer"
            )
        if compressed < 0 or uncompressed < 0:
            raise SourceReadError(f"{name}: a page header of column '{column}' is damaged; send the file again")
        offset += reader.read_bytes + compressed
