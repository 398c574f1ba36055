"""Placing the fast CSV reader's rejects: the record index of a row it delivered (given the ragged rows it skipped),
and the physical lines of rejected rows, found by searching their text (bytes.find, not CSV parsing)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import BinaryIO


def find_lines(stream: BinaryIO, first_line: int, texts: Sequence[str]) -> list[int] | None:
    """Line of each text, in order: the first line after the previous one that consists of exactly that text.
    `stream` is the UTF-8 body from the start of line `first_line`. None when a text is not found."""
    found: list[int] = []
    window = bytearray(b"\n")  # the line break before the first data line
    counted_to, line = 0, first_line - 1  # line breaks in window[:counted_to] are counted in `line`
    position = 0
    eof = False
    for text in texts:
        pattern = b"\n" + text.encode("utf-8", "surrogateescape")
        while True:
            at = window.find(pattern, position)
            end = at + len(pattern)
            if at >= 0 and (end < len(window) or eof):
                if end == len(window) or window[end] in b"\r\n":
                    line += _breaks(window, counted_to, at + 1)
                    counted_to = at + 1
                    found.append(line)
                    position = end
                    break
                position = at + 1
                continue
            if eof:
                return None
            # drop what was searched, keeping enough for a match that straddles the next chunk
            keep_from = max(min(position, len(window) - len(pattern)), counted_to, 0)
            if keep_from and window[keep_from - 1] == 0x0D:  # never split a CRLF
                keep_from -= 1
            line += _breaks(window, counted_to, keep_from)
            del window[:keep_from]
            counted_to, position = 0, position - keep_from
            chunk = stream.read(8 << 20)
            eof = not chunk
            window += chunk
    return found


def _breaks(data: bytearray, start: int, end: int) -> int:
    """Line breaks in data[start:end]: LF, CRLF and a bare CR each count once."""
    if end <= start:
        return 0
    returns = data.count(b"\r", start, end)
    crlf = data.count(b"\r\n", start, end) if returns else 0
    return data.count(b"\n", start, end) + returns - crlf


def record_index(accepted: int, ragged: list[int]) -> int:
    """0-based record index of the `accepted`-th row pyarrow delivered, given the sorted ragged indices."""
    index = accepted
    while True:
        candidate = accepted + bisect_right(ragged, index)
        if candidate == index:
            return index
        index = candidate
