"""The format registry: registering source formats, telling a file's format from its name or first bytes, and
opening a source by format."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intake.config import ConnectorSettings
from intake.connectors.byte_input import Location, as_input
from intake.connectors.contract import SourceBase
from intake.connectors.errors import SourceReadError, UnsupportedFormat

Opener = Callable[..., SourceBase]


@dataclass(frozen=True)
class SourceFormat:
    """A registered format: how to recognise it and how to open it.

    `open(location, name=..., settings=..., **options)` returns a Source. `magic(head)` recognises the format
    from its first bytes when the name has no known extension.
    """

    name: str
    description: str
    extensions: tuple[str, ...]
    open: Opener
    magic: Callable[[bytes], bool] | None = None
    legacy: bool = True
    accepts: str = "file"  # "file", "directory" or "url"
    # 0: a binary signature, tried first; >0: a guess from text content, tried later in this order and only
    # for names without an extension ("notes.pdf" is not a CSV because its first bytes look like text)
    content_guess: int = 0


SOURCES: dict[str, SourceFormat] = {}


def register_source(fmt: SourceFormat) -> SourceFormat:
    SOURCES[fmt.name] = fmt
    return fmt


HEAD_BYTES = 4096


def detect_format(name: str, head: bytes = b"", is_directory: bool = False) -> str:
    """The registered format for a file name (extension first, then content), a folder or a database URL."""
    if "://" in name and not is_directory:
        for fmt in SOURCES.values():
            if fmt.accepts == "url":
                return fmt.name
    if is_directory:
        for fmt in SOURCES.values():
            if fmt.accepts == "directory":
                return fmt.name
        raise UnsupportedFormat(f"{name} is a folder and no registered source reads folders")
    lowered = name.lower()
    best: tuple[int, str] | None = None
    for fmt in SOURCES.values():
        for ext in fmt.extensions:
            if lowered.endswith(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), fmt.name)
    if best is not None:
        return best[1]
    has_extension = "." in os.path.basename(lowered.replace("\\", "/")).lstrip(".")
    for fmt in sorted(SOURCES.values(), key=lambda f: f.content_guess):
        if fmt.content_guess and has_extension:
            continue
        if fmt.magic is not None and head and fmt.magic(head):
            return fmt.name
    known = ", ".join(sorted({ext for fmt in SOURCES.values() for ext in fmt.extensions}))
    raise UnsupportedFormat(
        f"cannot tell the format of {name}: its extension is not one of {known} and its content is not recognised;"
        " pass the format name explicitly (intake sources list shows them)"
    )


def open_source(
    format_name: str | None,
    location: Location,
    *,
    name: str | None = None,
    settings: ConnectorSettings,
    **options: Any,
) -> SourceBase:
    """Open a source by format name, or detect it from the name and first bytes when `format_name` is None.

    `location` is a local path, a folder (product Parquet package), a SQLAlchemy URL (sql), a binary
    file-like object such as the vault's decrypting reader, or a ByteInput. `name` labels the source in
    table names and rejects; for a file-like object it should be the original file name (it decides the format).
    `settings` are the configured connector limits (zip-bomb ratios, field and workbook sizes, batch rows); they
    are required, so that no caller falls back to the defaults unnoticed when the configuration narrows them.
    """
    if not isinstance(settings, ConnectorSettings):  # None from an untyped caller (a script, a flow parameter)
        raise TypeError("open_source needs settings=ConnectorSettings: pass the configured `settings.connectors`")
    if isinstance(location, Path | str) and not (isinstance(location, str) and "://" in location):
        path = Path(location)
        if path.is_dir():
            fmt_name = format_name or detect_format(name or path.name, is_directory=True)
            return _format(fmt_name).open(path, name=name or path.name, settings=settings, **options)
        if not path.exists():
            raise SourceReadError(f"{path} does not exist: check the path")
    if isinstance(location, str) and "://" in location:
        fmt_name = format_name or detect_format(location)
        return _format(fmt_name).open(location, name=name, settings=settings, **options)
    data = as_input(location, name)
    fmt_name = format_name or detect_format(data.name, data.head(HEAD_BYTES))
    return _format(fmt_name).open(data, name=data.name, settings=settings, **options)


def _format(name: str) -> SourceFormat:
    try:
        return SOURCES[name]
    except KeyError:
        raise UnsupportedFormat(
            f"no source format named '{name}'; registered formats: {', '.join(sorted(SOURCES))}"
        ) from None

