"""Text plumbing for the text formats: encoding detection and a streaming transcoder to UTF-8.

Detection works on a sample: a byte-order mark decides first (UTF-8, UTF-16); a sample that decodes as UTF-8
is UTF-8; otherwise it is a single-byte Western encoding. Windows-1252 and Latin-1 differ only in bytes
0x80-0x9F: printable characters (euro sign, curly quotes, dashes) in Windows-1252, invisible control codes in
Latin-1 that real text never contains. So bytes in that range that Windows-1252 defines mean Windows-1252; the
five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) mean Latin-1; a sample with none of them decodes
the same either way and is read as Windows-1252, the encoding of Windows exports. Decoding Windows-1252 maps
those five undefined bytes to their Latin-1 code points (as browsers do) so a stray byte later in a large file
never stops the read. NUL bytes in a sample mean UTF-16 without a mark or a binary file: charset-normalizer
decides, and anything else is refused.
"""

from __future__ import annotations

import codecs
import io
import queue
import threading
from collections.abc import Callable
from typing import IO, Any, Protocol

from charset_normalizer import from_bytes

from intake.connectors.errors import EncodingError

_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
_WHATWG = "intake-cp1252-latin1"


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error(_WHATWG, _latin1_fallback)

BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

SINGLE_BYTE = {"cp1252", "latin-1"}


def normalise_encoding(name: str) -> str:
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        raise EncodingError(f"unknown text encoding '{name}': use e.g. utf-8, cp1252 or latin-1") from None
    return {"iso8859-1": "latin-1", "utf-8-sig": "utf-8", "windows-1252": "cp1252"}.get(canonical, canonical)


def detect_encoding(sample: bytes, complete: bool, name: str) -> tuple[str, int]:
    """(encoding, length of the byte-order mark) for a file whose first bytes are `sample`."""
    for bom, encoding in BOMS:
        if sample.startswith(bom):
            return encoding, len(bom)
    if b"\x00" in sample:
        best = from_bytes(sample).best()
        if best is not None and best.encoding.startswith("utf_16"):
            return normalise_encoding(best.encoding), 0
        raise EncodingError(
            f"{name} contains NUL bytes and is not UTF-16 text: it looks binary. Check that it is a text export,"
            " or name its format explicitly"
        )
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8", 0
    except UnicodeDecodeError:
        pass
    c1 = {byte for byte in sample if 0x80 <= byte <= 0x9F}
    if c1 & _CP1252_UNDEFINED:
        return "latin-1", 0
    return "cp1252", 0


def decoder_for(encoding: str) -> codecs.IncrementalDecoder:
    errors = _WHATWG if encoding == "cp1252" else "strict"
    return codecs.getincrementaldecoder(encoding)(errors=errors)


class ByteStream(Protocol):
    """What the transcoder reads: a buffered binary file (IO[bytes]) or a raw one (io.RawIOBase, e.g. SkipStream),
    whose read returns None when a non-blocking stream has no bytes ready."""

    def read(self, size: int = -1, /) -> bytes | None: ...

    def close(self) -> None: ...


class Utf8Transcoder(io.RawIOBase):
    """A binary stream of UTF-8 read from a stream in another encoding, chunk by chunk (bounded memory).

    Decoding runs in a background thread a few chunks ahead of the reader: pyarrow parses without holding
    the GIL, so transcoding and parsing overlap. At most `ahead` chunks wait in memory.
    """

    def __init__(self, raw: ByteStream, encoding: str, name: str, chunk: int = 1 << 20, ahead: int = 4) -> None:
        self._raw = raw
        self._encoding = encoding
        self._name = name
        self._decoder = decoder_for(encoding)
        self._chunk = chunk
        self._pending = b""
        self._eof = False
        self._ascii_passthrough = encoding in SINGLE_BYTE
        self._queue: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=ahead)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name=f"transcode-{name}", daemon=True)
        self._thread.start()

    def _produce(self) -> None:
        try:
            while not self._stop.is_set():
                data = self._raw.read(self._chunk)
                if not data:
                    self._put(self._decode(b"", final=True))
                    self._put(None)
                    return
                if self._ascii_passthrough and data.isascii():
                    self._put(data)
                else:
                    self._put(self._decode(data, final=False))
        except BaseException as exc:  # handed to the reading thread
            self._put(exc)

    def _put(self, item: bytes | BaseException | None) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._eof:
            item = self._queue.get()
            if item is None:
                self._eof = True
            elif isinstance(item, BaseException):
                self._eof = True
                raise item
            else:
                self._pending = item
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def _decode(self, data: bytes, final: bool) -> bytes:
        try:
            return self._decoder.decode(data, final=final).encode("utf-8", "surrogateescape")
        except UnicodeDecodeError:
            raise EncodingError(
                f"{self._name} does not decode as {self._encoding} past its first part: re-export it in one "
                "encoding, or pass encoding= explicitly"
            ) from None

    def close(self) -> None:
        if not self.closed:
            self._stop.set()
            self._thread.join(timeout=5)
            self._raw.close()
        super().close()


class SkipStream(io.RawIOBase):
    """Reads `inner` from byte offset `skip` on, for streams that cannot seek."""

    def __init__(self, inner: IO[bytes], skip: int, on_close: Callable[[], None] | None = None) -> None:
        self._inner = inner
        self._skip = skip
        self._on_close = on_close

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._skip:
            dropped = self._inner.read(min(self._skip, 1 << 20))
            if not dropped:
                self._skip = 0
                break
            self._skip -= len(dropped)
        data = self._inner.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        return count

    def close(self) -> None:
        self._inner.close()
        if self._on_close is not None:
            self._on_close()
        super().close()
