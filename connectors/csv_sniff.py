"""Sniffing a delimited file: its encoding, delimiter, header line and banner lines, decided from a sample."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import Any

from intake.config import ConnectorSettings
from intake.connectors.base import ByteInput, unique_column_names
from intake.connectors.csv_records import _joined, _split_lines
from intake.connectors.errors import EncodingError, SourceReadError, UnsupportedFormat
from intake.connectors.header import looks_like_labels
from intake.connectors.textio import BOMS, decoder_for, detect_encoding, normalise_encoding

SAMPLE_BYTES = 1 << 20
SAMPLE_RECORDS = 200
DELIMITERS = [",", "\t", "|", ";"]


@dataclass
class CsvLayout:
    """What sniffing decided about a delimited file."""

    encoding: str
    bom_bytes: int
    delimiter: str
    has_header: bool
    header_line: int | None  # 1-based physical line of the header
    data_line: int  # 1-based physical line where data starts
    data_offset: int  # offset in the UTF-8 form of the file (after any BOM) where data starts
    columns: list[str]
    banner_lines: int  # non-blank lines above the header, not data
    sample_rows: int = 0
    line_break: str = "\n"  # "\r" when lines end with a bare carriage return
    banner: list[tuple[int, str]] = field(default_factory=list)  # (line, raw text) of each banner line: rejects


def _records_from_lines(lines: list[str], delimiter: str) -> list[tuple[int, int, list[str]]]:
    """(first line, last line, fields) of each record in the sample, 1-based, blank lines included as []."""
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=False)
    out: list[tuple[int, int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            out.append((start, reader.line_num, row))
            start = reader.line_num + 1
    except csv.Error:
        pass
    return out


def _mode(counts: list[int]) -> tuple[int, int]:
    tally: dict[int, int] = {}
    for count in counts:
        tally[count] = tally.get(count, 0) + 1
    if not tally:
        return 0, 0
    best = max(tally.items(), key=lambda item: (item[1], item[0]))
    return best


def _choose_delimiter(lines: list[str], hint: str | None) -> str:
    best: tuple[float, int, int, str] | None = None
    for rank, delimiter in enumerate(DELIMITERS):
        records = [r for r in _records_from_lines(lines[:SAMPLE_RECORDS * 2], delimiter) if r[2]]
        counts = [len(r[2]) for r in records]
        mode, freq = _mode(counts)
        if mode <= 1 or not counts:
            continue
        consistency = freq / len(counts)
        score = (consistency, mode, -rank if delimiter != hint else 1, delimiter)
        if best is None or score[:3] > best[:3]:
            best = score
    if best is None:
        return hint or ","
    return best[3]


def sniff(data: ByteInput, settings: ConnectorSettings, options: dict[str, Any]) -> CsvLayout:
    with data.open() as stream:
        sample = stream.read(SAMPLE_BYTES)
        complete = len(sample) < SAMPLE_BYTES or not stream.read(1)
    if options.get("encoding"):
        encoding = normalise_encoding(options["encoding"])
        bom = next((len(b) for b, enc in BOMS if enc == encoding and sample.startswith(b)), 0)
    else:
        encoding, bom = detect_encoding(sample, complete, data.name)
    body = sample[bom:]
    try:
        text = body.decode(encoding, errors="strict") if complete else decoder_for(encoding).decode(body, final=False)
    except UnicodeDecodeError:
        raise EncodingError(f"{data.name} does not decode as {encoding}: pass the right encoding= option") from None
    lines = _split_lines(text)
    if not complete and lines and not lines[-1].endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end inside a line
    hint = "\t" if data.name.lower().endswith((".tsv", ".tab")) else None
    delimiter = options.get("delimiter") or _choose_delimiter(lines, hint)
    if len(delimiter) != 1:
        raise UnsupportedFormat(f"delimiter for {data.name} must be one character")
    records = _records_from_lines(lines, delimiter)
    non_blank = [r for r in records if r[2]]
    counts = [len(r[2]) for r in non_blank[:SAMPLE_RECORDS]]
    mode, _ = _mode([c for c in counts if c > 1] or counts)
    header: tuple[int, int, list[str]] | None = None
    if options.get("header_line"):
        wanted = int(options["header_line"])
        header = next((r for r in records if r[0] == wanted), None)
        if header is None or not header[2]:
            raise SourceReadError(f"{data.name} has no header on line {wanted}: check header_line=")
    else:
        needed = min(mode, max(2, (mode + 1) // 2))  # banner lines have one or two cells filled in
        for record in non_blank[:SAMPLE_RECORDS]:
            if sum(1 for cell in record[2] if cell.strip()) >= needed:
                header = record
                break
        if header is None and non_blank:
            header = non_blank[0]
    if header is None:
        return CsvLayout(encoding, bom, delimiter, False, None, 1, 0, [], 0)
    if options.get("header_line"):
        has_header = True
    elif options.get("header") is not None:
        has_header = bool(options["header"])
    else:
        below = [r[2] for r in non_blank if r[0] > header[0]][:SAMPLE_RECORDS]
        has_header = looks_like_labels(header[2], below)
    first_line = header[0] if has_header else non_blank[0][0]  # without a header every row is data
    banner = [(r[0], _joined(lines[r[0] - 1: r[1]])) for r in records
              if r[0] < first_line and any(cell.strip() for cell in r[2])]
    data_line = header[1] + 1 if has_header else first_line
    offset = sum(len(line.encode("utf-8")) for line in lines[: data_line - 1])
    data_after = [r for r in non_blank if r[0] >= data_line]
    data_mode, data_freq = _mode([len(r[2]) for r in data_after[:SAMPLE_RECORDS]])
    majority = data_freq * 2 > min(len(data_after), SAMPLE_RECORDS)  # e.g. a trailing delimiter on every row
    width = max(len(header[2]), data_mode if majority else 0)
    names = header[2] if has_header else []
    columns = unique_column_names([*names, *([None] * (width - len(names)))])
    bare_cr = "\r" in text and "\n" not in text
    return CsvLayout(
        encoding, bom, delimiter, has_header, first_line if has_header else None, data_line, offset, columns,
        len(banner), sample_rows=len(data_after), line_break="\r" if bare_cr else "\n", banner=banner,
    )
