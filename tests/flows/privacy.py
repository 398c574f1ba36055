"""Search everything Prefect keeps (database, result storage, logs) for personal values."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path


def _encodings(value: str) -> list[bytes]:
    # Prefect stores JSON (non-ASCII escaped as \\uXXXX) in SQLite as UTF-8.
    forms = {value.encode("utf-8"), value.encode("utf-16-le"), json.dumps(value)[1:-1].encode("ascii")}
    with contextlib.suppress(UnicodeEncodeError):
        forms.add(value.encode("cp1252"))
    return sorted(forms)


def files_under(*roots: Path) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        if root.is_file():
            found.append(root)
        elif root.is_dir():
            found.extend(p for p in root.rglob("*") if p.is_file())
    return found


def find_values(values: Iterable[str], files: Iterable[Path], texts: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(value, where) for every personal value found in a file's bytes or in a captured text."""
    wanted = sorted({v for v in values if len(v.strip()) >= 5})  # shorter values match by chance
    hits: list[tuple[str, str]] = []
    for path in files:
        data = path.read_bytes()
        lowered = data.lower()
        for value in wanted:
            if any(form.lower() in lowered for form in _encodings(value)):
                hits.append((value, str(path)))
    for index, text in enumerate(texts):
        lowered_text = text.lower()
        hits.extend((value, f"captured text {index}") for value in wanted if value.lower() in lowered_text)
    return hits
