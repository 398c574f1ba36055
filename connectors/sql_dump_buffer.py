"""The byte buffer under the SQL dump lexer: a UTF-8 stream read in 1 MB chunks, with the absolute offset and line
number of the reading position, the text kept since a mark (a row's raw text for its reject), and the two raw
line readers COPY's data needs (its lines, and the skip past its "\\." end)."""

from __future__ import annotations

from typing import IO

CHUNK = 1 << 20


class Buffer:
    """`stream` (UTF-8 bytes) from absolute byte `offset`, line `line`."""

    def __init__(self, stream: IO[bytes], field_limit: int, offset: int = 0, line: int = 1) -> None:
        self.stream = stream
        self.field_limit = field_limit
        self.buf = b""
        self.pos = 0
        self.base = offset
        self.line = line
        self._counted = 0
        self.eof = False
        self.mark: int | None = None  # absolute offset kept in the buffer while a row is read, for its reject

    def _more(self) -> bool:
        """Read another chunk; False at the end of the stream."""
        if self.eof:
            return False
        keep = self.pos
        if self.mark is not None:
            if self.base + self.pos - self.mark > self.field_limit:
                self.mark = None
            else:
                keep = self.mark - self.base
        self._count_to(self.pos)
        self.buf = self.buf[keep:]
        self.base += keep
        self.pos -= keep
        self._counted -= keep
        data = self.stream.read(CHUNK)
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def _ensure(self, count: int) -> None:
        while len(self.buf) - self.pos < count and self._more():
            pass

    def _count_to(self, pos: int) -> None:
        if pos > self._counted:
            self.line += self.buf.count(b"\n", self._counted, pos)
            self._counted = pos

    @property
    def offset(self) -> int:
        return self.base + self.pos

    def raw_since(self, start: int) -> str | None:
        """The script's text from absolute offset `start` (the mark) to here, when it is still buffered."""
        if start < self.base:
            return None
        return self.buf[start - self.base:self.pos].decode("utf-8", "replace")

    def _until(self, end: bytes) -> None:
        """Past the next `end` (or to the end of the stream)."""
        while True:
            found = self.buf.find(end, self.pos)
            if found >= 0:
                self.pos = found + len(end)
                return
            self.pos = max(self.pos, len(self.buf) - len(end) + 1)
            if not self._more():
                self.pos = len(self.buf)
                return

    def skip_copy(self) -> None:
        """Past the line "\\." that ends a COPY's data."""
        while True:
            found = self.buf.find(b"\\.", self.pos)
            while found >= 0:
                line_start = found == 0 or self.buf[found - 1] == 0x0A
                rest = self.buf[found + 2:found + 4]
                if line_start and (rest[:1] == b"\n" or rest == b"\r\n" or (not rest and self.eof)):
                    self.pos = found + 2
                    return
                if line_start and len(rest) < 2 and not self.eof:
                    break  # the line's end is not in the buffer yet
                found = self.buf.find(b"\\.", found + 2)
            self.pos = max(self.pos, (found if found >= 0 else len(self.buf) - 2))
            if not self._more():
                self.pos = len(self.buf)
                return

    def data_line(self, limit: int) -> tuple[bytes | None, int] | None:
        """The next raw line (COPY data) without its line break; None at the end of the stream. A line longer
        than `limit` comes back as (None, its line number) after it was read past."""
        self._count_to(self.pos)
        line = self.line
        search = self.pos
        while (found := self.buf.find(b"\n", search)) < 0:
            if len(self.buf) - self.pos > limit:
                self._until(b"\n")
                return None, line
            ahead = len(self.buf) - self.pos
            if not self._more():
                if self.pos >= len(self.buf):
                    return None
                text, self.pos = self.buf[self.pos:], len(self.buf)
                return text.rstrip(b"\r"), line
            search = self.pos + ahead
        text, self.pos = self.buf[self.pos:found], found + 1
        return text.rstrip(b"\r"), line
