"""Ground truth: one JSON line per personal value written, and the list of look-alike non-personal columns.

Line format (keys in this order, compact JSON, UTF-8):
  {"file","table","row","column","entity_type","value","start","end"}
- row: 1-based data row below the header (blank lines are not rows; a duplicated row is its own row).
  For a SQLite table it is the row's position in primary-key order, which equals its integer primary key.
  Row 0 with column null marks a value outside the table, such as the user named in a banner line.
- start/end: character offsets into the cell's text (Python str, after CSV unquoting); a structured
  column has start 0 and end len(cell). Titles ("Dr", "Sister") lie outside PERSON spans.

Hot loops build lines as head + str(row) + tail, with heads and tails preformatted once per pool entry.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

ENTITY_TYPES = ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_NHS", "DATE_OF_BIRTH", "UK_POSTCODE", "LOCATION",
                "UK_NINO")

Span = tuple[str, int, int]  # entity_type, start, end


class Tail(NamedTuple):
    entity: str
    text: str  # the part of the JSON line after the row number, newline included


class Cell(NamedTuple):
    text: str
    spans: tuple[Span, ...]


def head(file: str, table: str) -> str:
    return f'{{"file":{json.dumps(file)},"table":{json.dumps(table)},"row":'


def json_string(text: str) -> str:
    """json.dumps(text, ensure_ascii=False), with a fast path for the common text that needs no escaping."""
    if '"' in text or "\\" in text or not text.isprintable():
        return json.dumps(text, ensure_ascii=False)
    return '"' + text + '"'


def tails(column: str, cell: Cell) -> tuple[Tail, ...]:
    col = json_string(column)
    return tuple(
        Tail(entity, f',"column":{col},"entity_type":"{entity}",'
                     f'"value":{json_string(cell.text[start:end])},"start":{start},"end":{end}}}\n')
        for entity, start, end in cell.spans
    )


def whole(text: str, entity: str) -> Cell:
    """A structured cell whose whole text is one personal value."""
    return Cell(text, ((entity, 0, len(text)),))


class TruthWriter:
    """Buffers truth lines and flushes them in blocks; counts lines per entity type."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="\n")
        self.buffer: list[str] = []
        self.counts: Counter[str] = Counter()

    def add(self, line_head: str, row: int, cell_tails: tuple[Tail, ...]) -> None:
        row_text = str(row)
        for tail in cell_tails:
            self.buffer.append(line_head + row_text + tail.text)
            self.counts[tail.entity] += 1

    def add_banner(self, file: str, table: str, line: str, value: str, entity: str) -> None:
        """A personal value in a banner line above the header; offsets are into that line."""
        start = line.index(value)
        record = {"file": file, "table": table, "row": 0, "column": None, "entity_type": entity, "value": value,
                  "start": start, "end": start + len(value)}
        self.buffer.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.counts[entity] += 1

    def flush(self) -> None:
        if self.buffer:
            self._file.write("".join(self.buffer))
            self.buffer.clear()

    def close(self) -> None:
        self.flush()
        self._file.close()

    def summary(self) -> dict[str, int]:
        out = {f"truth.{entity}": self.counts.get(entity, 0) for entity in ENTITY_TYPES}
        out["truth.total"] = sum(self.counts.values())
        return out


class NonPersonalColumn(NamedTuple):
    file: str
    table: str
    column: str
    kind: str  # MANUFACTURER, MODEL, DEVICE_TYPE, SITE, DEPARTMENT, LOCATION, SUPPLIER, ADDRESS, POSTCODE


def write_nonpersonal(path: Path, columns: list[NonPersonalColumn]) -> None:
    """Columns whose values look personal to a recogniser but are not: every detection in them is a false positive."""
    payload = {"description": "Columns holding no personal data; detections in them are false positives.",
               "columns": [c._asdict() for c in columns]}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def iter_truth(path: Path) -> Iterator[dict]:
    """Truth records one at a time: a 1M + 3M row dataset has about 11M of them (1.5 GB)."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def read_truth(path: Path) -> list[dict]:
    """Whole truth file in memory: for tests and small samples only."""
    return list(iter_truth(path))
