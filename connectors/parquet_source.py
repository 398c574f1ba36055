"""Parquet files and the product format's Parquet package (a folder of one Parquet per entity + manifest.json).

Parquet keeps its types. Batches come from `ParquetFile.iter_batches(batch_size=batch_rows)` over buffered
column chunks (a 583 MB chunk took 575 MB read whole, 256 MB buffered), so memory is bounded by one batch and one
page; pages over `connectors.parquet_max_page_bytes` are refused before reading (parquet_pages.py). A row with a
text or binary value over `connectors.max_field_bytes` is a reject, as in every other source.

A product package sent for fault investigation is a folder (read here) or a zip (read by the zip source, entry
by entry): each Parquet file is a table named after the file ("assets.parquet" ->
"assets"); `manifest.json` is parsed and kept on the source as `manifest`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from intake.config import ConnectorSettings
from intake.connectors.base import (
    BatchReader,
    ByteInput,
    RejectSink,
    SourceBase,
    SourceFormat,
    file_stem,
    oversized_reason,
    register_source,
)
from intake.connectors.errors import SourceReadError, UnsupportedFormat
from intake.connectors.parquet_pages import check_pages

MANIFEST = "manifest.json"
BUFFER_BYTES = 1 << 20
_SIZED = (pa.types.is_string, pa.types.is_large_string, pa.types.is_binary, pa.types.is_large_binary)


def _open_parquet(data: ByteInput, settings: ConnectorSettings) -> tuple[pq.ParquetFile, IO[bytes]]:
    stream = None
    try:
        stream = data.open()
        file = pq.ParquetFile(stream, buffer_size=BUFFER_BYTES, pre_buffer=False)
        check_pages(file, stream, data.name, settings.parquet_max_page_bytes)
        return file, stream
    except SourceReadError:
        if stream is not None:
            stream.close()
        raise
    except (pa.ArrowException, OSError) as exc:
        if stream is not None:
            stream.close()
        raise SourceReadError(
            f"{data.name} is not a readable Parquet file ({type(exc).__name__}): check that it is complete"
        ) from None


class ParquetTableReader(BatchReader):
    def __init__(self, data: ByteInput, source: str, table: str, settings: ConnectorSettings,
                 rejects: RejectSink | None) -> None:
        self._file, self._stream = _open_parquet(data, settings)
        super().__init__(source, table, self._file.schema_arrow, settings, rejects)
        self.expected_rows = self._file.metadata.num_rows
        self._sized = [i for i, f in enumerate(self.schema) if any(test(f.type) for test in _SIZED)]

    def _batches(self) -> Iterator[pa.RecordBatch]:
        position = 0
        try:
            for batch in self._file.iter_batches(batch_size=self.settings.batch_rows):
                yield self._within_limit(batch, position)
                position += batch.num_rows
        except (pa.ArrowException, OSError) as exc:
            raise SourceReadError(
                f"{self.source}: Parquet table '{self.table}' failed after {self.rows_read} rows "
                f"({type(exc).__name__}): the file is damaged; send it again"
            ) from None
        finally:
            self._stream.close()

    def _within_limit(self, batch: pa.RecordBatch, position: int) -> pa.RecordBatch:
        """The batch without its rows holding a value over the field limit, each such row a reject."""
        limit = self.settings.max_field_bytes
        over = None
        for i in self._sized:
            column_over = pc.fill_null(pc.greater(pc.binary_length(batch.column(i)), limit), False)
            if pc.any(column_over).as_py():
                for row in pc.indices_nonzero(column_over).to_pylist():
                    self.reject(position + row + 1, oversized_reason(self.schema.field(i).name, limit))
                over = column_over if over is None else pc.or_(over, column_over)
        return batch if over is None else batch.filter(pc.invert(over))


class ParquetSource(SourceBase):
    format = "parquet"

    def __init__(self, data: ByteInput, name: str, settings: ConnectorSettings, options: dict[str, Any]) -> None:
        if options:
            raise UnsupportedFormat(f"the parquet format takes no options (got {sorted(options)})")
        self.data = data
        self.name = name
        self.settings = settings
        self.table = file_stem(name)
        file, stream = _open_parquet(data, settings)  # fail at open time on a damaged or hostile file
        stream.close()
        del file

    def tables(self) -> list[str]:
        return [self.table]

    def read(self, table: str, rejects: RejectSink | None = None) -> ParquetTableReader:
        self._check_table(table)
        return ParquetTableReader(self.data, self.name, table, self.settings, rejects)


class ParquetPackageSource(SourceBase):
    """A folder holding manifest.json and one Parquet file per entity."""

    format = "parquet_package"

    def __init__(self, folder: Path, name: str, settings: ConnectorSettings, options: dict[str, Any]) -> None:
        if options:
            raise UnsupportedFormat(f"the parquet_package format takes no options (got {sorted(options)})")
        self.folder = folder
        self.name = name
        self.settings = settings
        manifest = folder / MANIFEST
        if not manifest.is_file():
            raise UnsupportedFormat(
                f"{folder} is not a product Parquet package: it has no {MANIFEST}; read its files one by one instead"
            )
        try:
            self.manifest: dict[str, Any] = json.loads(manifest.read_text("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise SourceReadError(f"{manifest} is not valid JSON: the package is damaged; send it again") from None
        self._files = {path.stem: path for path in sorted(folder.glob("*.parquet")) if path.is_file()}

    def tables(self) -> list[str]:
        return list(self._files)

    def read(self, table: str, rejects: RejectSink | None = None) -> ParquetTableReader:
        self._check_table(table)
        path = self._files[table]
        return ParquetTableReader(ByteInput.from_path(path), self.name, table, self.settings, rejects)


def _open_package(location: Path, *, name: str, settings: ConnectorSettings, **options: Any) -> ParquetPackageSource:
    return ParquetPackageSource(Path(location), name, settings, options)


register_source(
    SourceFormat(
        name="parquet",
        description="Parquet file; keeps its types",
        extensions=(".parquet", ".pq"),
        open=lambda location, *, name, settings, **options: ParquetSource(location, name, settings, options),
        magic=lambda head: head.startswith(b"PAR1"),
        legacy=False,
    )
)
register_source(
    SourceFormat(
        name="parquet_package",
        description="Product Parquet package folder (manifest.json + one Parquet per entity)",
        extensions=(),
        open=_open_package,
        legacy=False,
        accepts="directory",
    )
)
