"""Excel workbooks: `.xlsx`/`.xlsm` streamed with openpyxl's read-only mode, `.xls` with xlrd. Every sheet a table.

The header row is found as in CSV files: the first row with the usual number of cells, mostly filled in, below
any banner rows (title, "Generated ...") and blank rows. That row is data, not a header, when its cells look like
values rather than labels (see header.py): then every row is data and the columns are column_1, column_2...
Non-blank rows above the header (banners) are rejects, so that a data row there is never dropped silently.
Cells become text: dates as ISO 8601 ("2019-03-14", or with a time when there is one), numbers without float
noise (1234.5, not 1234.4999999), booleans as true/false, error cells as their code ("#N/A"). Blank rows are
not rows. A row with values to the right of the last column is a reject (its sheet row number), so nothing is
dropped silently.

xlrd reads a whole `.xls` workbook into memory, so one larger than `connectors.xls_max_bytes` is refused unread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa

from intake.config import ConnectorSettings
from intake.connectors.base import (
    BatchReader,
    ByteInput,
    RejectSink,
    SourceBase,
    SourceFormat,
    format_value,
    oversized_reason,
    register_source,
    string_schema,
    unique_column_names,
)
from intake.connectors.errors import SourceReadError, UnsupportedFormat
from intake.connectors.header import BANNER_REASON, looks_like_labels
from intake.connectors.xlsx_guard import OversizedWorkbook, check_xlsx

SAMPLE_ROWS = 100
OPTIONS = {"header", "header_row"}

RowIterator = Callable[[], Iterator[tuple[int, list[Any]]]]


def _trim(values: list[Any]) -> list[Any]:
    end = len(values)
    while end and (values[end - 1] is None or values[end - 1] == ""):
        end -= 1
    return values[:end]


def _is_filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _filled(values: list[Any]) -> int:
    return sum(1 for v in values if v is not None and v != "")


class SheetLayout:
    def __init__(self, columns: list[str], data_row: int, has_header: bool, header_row: int | None) -> None:
        self.columns = columns
        self.data_row = data_row
        self.has_header = has_header
        self.header_row = header_row


def find_layout(rows: RowIterator, options: dict[str, Any]) -> SheetLayout:
    sample: list[tuple[int, list[Any]]] = []
    for number, values in rows():
        trimmed = _trim(values)
        if trimmed:
            sample.append((number, trimmed))
        if len(sample) >= SAMPLE_ROWS:
            break
    if not sample:
        return SheetLayout([], 1, False, None)
    counts = [len(v) for _, v in sample]
    multi = [c for c in counts if c > 1] or counts
    mode = max(set(multi), key=lambda c: (multi.count(c), c))
    header: tuple[int, list[Any]] | None = None
    if options.get("header_row"):
        wanted = int(options["header_row"])
        header = next(((n, v) for n, v in sample if n == wanted), None)
        if header is None:
            raise SourceReadError(f"no header on row {wanted}: check header_row=")
    else:
        needed = min(mode, max(2, (mode + 1) // 2))  # banner rows have one or two cells filled in
        at = next((i for i, (_, v) in enumerate(sample) if _filled(v) >= needed), 0)
        # A row of group labels over merged cells ("JOB" over two columns, "PATIENT" over three) fills half its
        # row with gaps between: the labels of the columns are the fuller row right below it.
        while at + 1 < len(sample) and _filled(sample[at][1]) < len(sample[at][1]) \
                and _filled(sample[at + 1][1]) > _filled(sample[at][1]) and options.get("header") is None \
                and looks_like_labels(sample[at + 1][1], [v for _, v in sample[at + 2:]]):
            at += 1
        header = sample[at]
    if options.get("header_row"):
        has_header = True
    elif options.get("header") is not None:
        has_header = bool(options["header"])
    else:
        has_header = looks_like_labels(header[1], [v for n, v in sample if n > header[0]])
    if not has_header:  # every row is data, from the first one
        columns = unique_column_names([None] * max(len(v) for _, v in sample))
        return SheetLayout(columns, sample[0][0], False, None)
    data_rows = [len(v) for n, v in sample if n > header[0]]
    width = len(header[1])
    if data_rows:
        data_mode = max(set(data_rows), key=lambda c: (data_rows.count(c), c))
        if data_rows.count(data_mode) * 2 > len(data_rows):  # most rows run past the header: unnamed columns
            width = max(width, data_mode)
    names = [format_value(v) for v in header[1]]
    columns = unique_column_names([*names, *([None] * (width - len(names)))])
    return SheetLayout(columns, header[0] + 1, True, header[0])


class SheetReader(BatchReader):
    def __init__(self, rows: RowIterator, layout: SheetLayout, source: str, table: str, settings: ConnectorSettings,
                 rejects: RejectSink | None) -> None:
        super().__init__(source, table, string_schema(layout.columns), settings, rejects)
        self._rows = rows
        self.layout = layout

    def _batches(self) -> Iterator[pa.RecordBatch]:
        width = len(self.layout.columns)
        if not width:
            return
        limit = self.settings.max_field_bytes
        buffer: list[list[str | None]] = []
        for number, values in self._rows():
            trimmed = _trim(values)
            if not trimmed:
                continue
            if number < self.layout.data_row:
                if number != self.layout.header_row and any(_is_filled(v) for v in trimmed):
                    # a data row above the header must not vanish silently
                    self.reject(number, BANNER_REASON, _raw([format_value(v) for v in trimmed]))
                continue
            texts = [format_value(v) for v in trimmed]
            if len(texts) > width:
                self.reject(number, f"row has values beyond the last of the {width} columns", _raw(texts))
                continue
            oversized = next((self.layout.columns[i] for i, t in enumerate(texts)
                              if t is not None and len(t) * 4 > limit and len(t.encode()) > limit), None)
            if oversized:
                self.reject(number, oversized_reason(oversized, limit), _raw(texts))
                continue
            buffer.append(texts + [None] * (width - len(texts)))
            if len(buffer) >= self.settings.batch_rows:
                yield _to_batch(buffer, self.schema)
                buffer = []
        if buffer:
            yield _to_batch(buffer, self.schema)


def _raw(texts: list[str | None]) -> str:
    return "\t".join(t or "" for t in texts)


def _to_batch(rows: list[list[str | None]], schema: pa.Schema) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays([pa.array([r[i] for r in rows], pa.string()) for i in range(len(schema))],
                                      schema=schema)


class XlsxSource(SourceBase):
    format = "xlsx"

    def __init__(self, data: ByteInput, name: str, settings: ConnectorSettings, options: dict[str, Any]) -> None:
        import openpyxl

        _check_options(options)
        self.name = name
        self.settings = settings
        self.options = options
        self._stream = data.open()
        try:
            check_xlsx(self._stream, name, settings)
            self._book = openpyxl.load_workbook(self._stream, read_only=True, data_only=True)
        except SourceReadError:
            self._stream.close()
            raise
        except Exception as exc:  # InvalidFileException, zipfile.BadZipFile and friends
            self._stream.close()
            raise SourceReadError(
                f"{name} is not a readable .xlsx workbook ({type(exc).__name__}): check that the file is complete"
                " and re-export it from Excel"
            ) from None

    def tables(self) -> list[str]:
        return [ws.title for ws in self._book.worksheets]

    def _rows(self, table: str) -> RowIterator:
        sheet = self._book[table]

        def rows() -> Iterator[tuple[int, list[Any]]]:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(values)

        return rows

    def read(self, table: str, rejects: RejectSink | None = None) -> SheetReader:
        self._check_table(table)
        rows = self._rows(table)
        return SheetReader(rows, find_layout(rows, self.options), self.name, table, self.settings, rejects)

    def close(self) -> None:
        self._book.close()
        self._stream.close()


class XlsSource(SourceBase):
    format = "xls"

    def __init__(self, data: ByteInput, name: str, settings: ConnectorSettings, options: dict[str, Any]) -> None:
        import xlrd

        _check_options(options)
        self.name = name
        self.settings = settings
        self.options = options
        try:
            if data.path is not None:
                _check_xls_size(name, data.path.stat().st_size, settings)
                self._book = xlrd.open_workbook(str(data.path), on_demand=True)
            else:  # refused unread when the stream's size is known; as that may lie, read one byte past it at most
                _check_xls_size(name, data.size or 0, settings)
                with data.open() as stream:
                    contents = stream.read(settings.xls_max_bytes + 1)
                _check_xls_size(name, len(contents), settings)
                self._book = xlrd.open_workbook(file_contents=contents, on_demand=True)
        except (xlrd.XLRDError, xlrd.compdoc.CompDocError, OSError, ValueError, AssertionError, IndexError) as exc:
            raise SourceReadError(
                f"{name} is not a readable .xls workbook ({type(exc).__name__}): check that the file is complete, "
                "or save it as .xlsx"
            ) from None

    def tables(self) -> list[str]:
        return list(self._book.sheet_names())

    def _rows(self, table: str) -> RowIterator:
        import xlrd

        book = self._book
        sheet = book.sheet_by_name(table)

        def cell(kind: int, value: Any) -> Any:
            if kind == xlrd.XL_CELL_DATE:
                try:
                    return xlrd.xldate_as_datetime(value, book.datemode)
                except (xlrd.xldate.XLDateError, OverflowError, ValueError):
                    return value
            if kind == xlrd.XL_CELL_BOOLEAN:
                return bool(value)
            if kind == xlrd.XL_CELL_ERROR:
                return xlrd.error_text_from_code.get(value, "#ERROR")
            if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                return None
            return value

        def rows() -> Iterator[tuple[int, list[Any]]]:
            for index in range(sheet.nrows):
                kinds = sheet.row_types(index)
                values = sheet.row_values(index)
                yield index + 1, [cell(k, v) for k, v in zip(kinds, values, strict=True)]

        return rows

    def read(self, table: str, rejects: RejectSink | None = None) -> SheetReader:
        self._check_table(table)
        rows = self._rows(table)
        return SheetReader(rows, find_layout(rows, self.options), self.name, table, self.settings, rejects)

    def close(self) -> None:
        self._book.release_resources()


def _check_options(options: dict[str, Any]) -> None:
    unknown = set(options) - OPTIONS
    if unknown:
        raise UnsupportedFormat(f"unknown Excel option(s) {sorted(unknown)}; known: {sorted(OPTIONS)}")


def _check_xls_size(name: str, size: int, settings: ConnectorSettings) -> None:
    if size > settings.xls_max_bytes:  # xlrd would read it whole into memory
        raise OversizedWorkbook(f"{name}: an .xls workbook over {settings.xls_max_bytes} bytes is refused unread (it "
                                "would be read whole into memory): save it as .xlsx, or raise connectors.xls_max_bytes")


register_source(
    SourceFormat(
        name="xlsx",
        description="Excel workbook (.xlsx/.xlsm), streamed; every sheet a table",
        extensions=(".xlsx", ".xlsm"),
        open=lambda location, *, name, settings, **options: XlsxSource(location, name, settings, options),
    )
)
register_source(
    SourceFormat(
        name="xls",
        description="Excel 97-2003 workbook (.xls); every sheet a table",
        extensions=(".xls",),
        open=lambda location, *, name, settings, **options: XlsSource(location, name, settings, options),
        magic=lambda head: head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    )
)
