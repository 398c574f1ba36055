"""Parquet files and the product format's Parquet package (a folder of one Parquet per entity + manifest.json).

Parquet keeps its types. Batches come from `ParquetFile.iter_batches(batch_size=batch_rows)`, so memory is
bounded by one batch (plus a row group's column chunks). A product package sent for fault investigation is a
folder (read here) or a zip (read by the zip source, entry by entry): each Parquet file is a table named after
the file ("assets.parquet" -> "assets"); `manifest.json` is parsed and kept on the source as `manifest`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from intake.config import ConnectorSettings
from intake.connectors.base import (
    BatchReader,
    ByteInput,
    RejectSink,
    SourceBase,
    SourceFormat,
    file_stem,
    register_source,
)
from intake.connectors.errors import SourceReadError, UnsupportedFormat

MANIFEST = "manifest.json"


def _open_parquet(data: ByteInput) -> tuple[pq.ParquetFile, IO[bytes] | None]:
    stream = None
    try:
        if data.path is not None:
            return pq.ParquetFile(data.path), None
        stream = data.open()
        return pq.ParquetFile(stream), stream
    except (pa.ArrowException, OSError) as exc:
        if stream is not None:
            stream.close()
        raise SourceReadError(
            f"{data.name} is not a readable Parquet file ({type(exc).__name__}): check that it is complete"
        ) from None


class ParquetTableReader(BatchReader):
    def __init__(self, data: ByteInput, source: str, table: str, settings: ConnectorSettings,
                 rejects: RejectSink | None) -> None:
        self._file, self._stream = _open_parquet(data)
        super().__init__(source, table, self._file.schema_arrow, settings, rejects)
        self.expected_rows = self._file.metadata.num_rows

    def _batches(self) -> Iterator[pa.RecordBatch]:
        try:
            yield from self._file.iter_batches(batch_size=self.settings.batch_rows)
        except (pa.ArrowException, OSError) as exc:
            raise SourceReadError(
                f"{self.source}: Parquet table '{self.table}' failed after {self.rows_read} rows "
                f"({type(exc).__name__}): the file is damaged; send it again"
            ) from None
        finally:
            if self._stream is not None:
                self._stream.close()


class ParquetSource(SourceBase):
    format = "parquet"

    def __init__(self, data: ByteInput, name: str, settings: ConnectorSettings, options: dict[str, Any]) -> None:
        if options:
            raise UnsupportedFormat(f"the parquet format takes no options (got {sorted(options)})")
        self.data = data
        self.name = name
        self.settings = settings
        self.table = file_stem(name)
        file, stream = _open_parquet(data)  # fail at open time on a damaged file
        if stream is not None:
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
