"""Checks an .xlsx package before openpyxl opens it, so a hostile workbook cannot exhaust memory.

openpyxl loads the whole shared-strings table when the workbook opens, and builds every cell's text whole while
reading a sheet: a 300 KB workbook whose one shared string inflates to 300 MB took over 1 GB. Excel itself never
writes a cell longer than 32,767 characters, so a text run over `connectors.max_field_bytes` can only be made on
purpose (or by a broken writer) and the workbook is refused, naming the part (a cell Excel can write that is over
a lower field limit stays a reject of its row); the shared-strings table as a whole
is bounded by `connectors.xlsx_max_shared_strings_bytes` and `connectors.xlsx_max_shared_strings` (it is held
in memory while the sheets are read, at some 200 bytes a string beside its text: four million short strings in a
125 MB table took 800 MB).

The XML parts are streamed through expat with text delivered in pieces, so the check itself holds no more than
one read buffer; sizes are counted as inflated, never taken from the zip headers (which may lie).
"""

from __future__ import annotations

import xml.parsers.expat
import zipfile
from typing import IO

from intake.config import ConnectorSettings
from intake.connectors.errors import SourceReadError

SHARED_STRINGS = "xl/sharedStrings.xml"
READ_BYTES = 1 << 20
# Parts other than sheets and shared strings (workbook, styles, relationships) are parsed whole by openpyxl;
# real ones are kilobytes to a few megabytes.
MAX_OTHER_PART_BYTES = 64 << 20
EXCEL_MAX_CELL_CHARS = 32_767


class OversizedWorkbook(SourceReadError):
    """An .xlsx workbook holds a cell, a shared-strings table or a part larger than the limits allow."""


def check_xlsx(stream: IO[bytes], name: str, settings: ConnectorSettings) -> None:
    """Raise OversizedWorkbook if a part of the workbook is over the limits; leave `stream` at its start."""
    try:
        with zipfile.ZipFile(stream) as archive:
            for info in archive.infolist():
                if info.is_dir() or not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                with archive.open(info) as part:
                    _check_part(part, info.filename, name, settings)
    finally:
        stream.seek(0)


def _part_limit(part_name: str, settings: ConnectorSettings) -> tuple[int | None, str]:
    if part_name == SHARED_STRINGS:
        return settings.xlsx_max_shared_strings_bytes, "connectors.xlsx_max_shared_strings_bytes"
    if part_name.startswith("xl/worksheets/"):
        return None, ""  # sheets are streamed row by row: their length is not held in memory
    return MAX_OTHER_PART_BYTES, f"{MAX_OTHER_PART_BYTES >> 20} MB for a workbook part that is read whole"


def _check_part(part: IO[bytes], part_name: str, name: str, settings: ConnectorSettings) -> None:
    field_limit = max(settings.max_field_bytes, EXCEL_MAX_CELL_CHARS)
    size_limit, size_setting = _part_limit(part_name, settings)
    run = 0  # characters of the text node being read (a character is at least a byte)
    strings = 0
    count_strings = part_name == SHARED_STRINGS

    def text(data: str) -> None:
        nonlocal run
        run += len(data)
        if run > field_limit:
            raise OversizedWorkbook(
                f"{name}: part '{part_name}' holds a cell text longer than {field_limit} characters "
                "(connectors.max_field_bytes); Excel never writes cells that long, so the workbook is refused "
                "unread. Ask the customer to re-save it from Excel or export the sheet as CSV"
            )

    def end(_: str) -> None:
        nonlocal run
        run = 0

    def start(tag: str, _: object) -> None:
        nonlocal run, strings
        run = 0
        if count_strings and (tag == "si" or tag.endswith(":si")):
            strings += 1
            if strings > settings.xlsx_max_shared_strings:
                raise OversizedWorkbook(
                    f"{name}: the shared-strings table holds more than {settings.xlsx_max_shared_strings} strings "
                    "(connectors.xlsx_max_shared_strings); it would be held in memory whole, so the workbook is "
                    "refused unread. Ask the customer to export the sheets as CSV"
                )

    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = False  # text arrives in pieces, never joined
    parser.CharacterDataHandler = text
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    inflated = 0
    try:
        while chunk := part.read(READ_BYTES):
            inflated += len(chunk)
            if size_limit is not None and inflated > size_limit:
                raise OversizedWorkbook(
                    f"{name}: part '{part_name}' inflates to more than {size_limit} bytes ({size_setting}); it "
                    "would be held in memory whole, so the workbook is refused unread. Ask the customer to export "
                    "the sheets as CSV"
                )
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as exc:
        raise SourceReadError(
            f"{name}: part '{part_name}' is not well-formed XML (line {exc.lineno}): the workbook is damaged; "
            "re-export it from Excel"
        ) from None
