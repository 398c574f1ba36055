"""How an audit event is hashed into the chain: shared by the audit log (intake.audit) and the state events the
registry appends in a row change's own transaction (state_log.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from intake.clock import as_utc

GENESIS = "0" * 64
# Set in a session's info by whatever appends an audit event; Registry.session moves it to the registry when the
# session commits, so the CLI knows a command changed the chain and anchors its head (intake.audit_anchor).
APPENDED = "intake.audit_appended"


def canonical(value: Mapping[str, Any]) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(
    seq: int,
    at: datetime,
    actor: str,
    role: str,
    action: str,
    dataset_id: str | None,
    outcome: str,
    details: str,
    prev_hash: str,
) -> str:
    body = canonical(
        {
            "seq": seq,
            "at": as_utc(at).isoformat(),
            "actor": actor,
            "role": role,
            "action": action,
            "dataset_id": dataset_id,
            "outcome": outcome,
            "details": details,
            "prev_hash": prev_hash,
        }
    )
    return hashlib.sha256(body.encode()).hexdigest()
