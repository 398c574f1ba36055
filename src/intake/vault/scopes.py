"""Key scopes (a dataset id, or "customer:<id>" / "authorisation:<id>") and the object locations stores use."""

from __future__ import annotations

import re
from datetime import datetime

from intake.clock import as_utc
from intake.vault.errors import StoreError, VaultError

SCOPE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")


def check_scope(scope: str) -> str:
    if not isinstance(scope, str) or not SCOPE_PATTERN.fullmatch(scope):
        raise VaultError(
            f"invalid vault scope {scope!r}: use a dataset id, 'customer:<id>' or 'authorisation:<id>' "
            "(letters, digits, '.', '_', ':', '-'; at most 64 characters)"
        )
    return scope


def scope_label(scope: str) -> str:
    """'dataset <id>', 'customer <id>', 'authorisation <id>' for messages."""
    kind, sep, ident = scope.partition(":")
    return f"{kind} {ident}" if sep else f"dataset {scope}"


def scope_prefix(scope: str) -> str:
    """The store folder of a scope; ':' becomes '=' so 'customer:<id>' is a plain path segment."""
    return check_scope(scope).replace(":", "=") + "/"


def shredded_message(scope: str, destroyed_at: datetime | None) -> str:
    when = as_utc(destroyed_at).strftime("%Y-%m-%d") if destroyed_at else "an unknown date"
    return f"{scope_label(scope)} was crypto-shredded on {when}; its data cannot be read"


def check_location(location: str) -> list[str]:
    parts = location.split("/")
    if not location or location.startswith("/") or any(p in ("", ".", "..") for p in parts[:-1]) or parts[-1] in (
        ".", ".."
    ):
        raise StoreError(f"invalid object location '{location}': a relative path without '..' is needed")
    return parts
