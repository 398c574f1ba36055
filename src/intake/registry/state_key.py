"""The service's state key (keys/state.key): the HMAC key that registry rows (seal.py) and the audit log's state
events (state_log.py) are sealed with.

Whoever holds it can forge a seal: it lives with the service (mode 0600, created only by `intake init`), apart
from a PostgreSQL registry's database logins; docs/keys.md says how to back it up.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intake.errors import StateKeyMissing
from intake.private_files import write_private

KEY_FORMAT = "intake-state-key/1"
KEY_SIZE = 32


@dataclass(frozen=True)
class StateKey:
    """The key the seals are made with."""

    key: bytes

    def mac(self, body: Any) -> str:
        """HMAC-SHA256 over the compact JSON of `body` (lists and plain values only)."""
        text = json.dumps(body, separators=(",", ":"))
        return hmac.new(self.key, text.encode(), hashlib.sha256).hexdigest()

    def matches(self, mac: str | None, body: Any) -> bool:
        return mac is not None and hmac.compare_digest(mac, self.mac(body))


class StateKeyFile:
    """keys/state.key: created by `intake init` only; a missing or altered file is an error, never replaced."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._key: StateKey | None = None

    def exists(self) -> bool:
        return self.path.exists()

    def create(self) -> None:
        body = {"format": KEY_FORMAT, "key": base64.b64encode(os.urandom(KEY_SIZE)).decode()}
        write_private(self.path, (json.dumps(body) + "\n").encode(), replace=False)
        self._key = None

    def load(self) -> StateKey:
        if self._key is not None:
            return self._key
        path = self.path
        if not path.exists():
            raise StateKeyMissing(
                f"the registry's state key {path} is missing: restore it from the backup made at `intake init` "
                "(docs/keys.md); without it no registry row can be trusted, so nothing is done (a home made "
                "before state keys existed: the admin runs `intake init` once, which seals its rows)"
            )
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            raise StateKeyMissing(f"the state key {path} is readable by other users: run `chmod 600 {path}`")
        try:
            body = json.loads(path.read_bytes())
            key = base64.b64decode(body["key"], validate=True)
            if body.get("format") != KEY_FORMAT or len(key) != KEY_SIZE:
                raise ValueError("format")
        except (ValueError, KeyError, TypeError) as exc:
            raise StateKeyMissing(f"the state key {path} is damaged: restore it from backup (docs/keys.md)") from exc
        self._key = StateKey(key)
        return self._key
