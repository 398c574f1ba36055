"""Registry rows that decide what happens to customer data carry a seal: an HMAC-SHA256, under the service's
state key, over the columns that make the decision (consent state, dataset state and deletion dates, holds,
roles, trusted signers, artefacts' deletion).

intake writes the seal with every change it makes (mapper `before_insert`/`before_update` events) and checks it
whenever such a row is loaded: a row edited outside intake (one SQL UPDATE re-activating withdrawn consent, or
marking a dataset deleted so the sweep skips it) is refused where it is used, and `verify_state` names every such
row for `intake audit verify` and the deletion sweep. Whoever holds the state key can still forge a seal: the key
lives with the service (keys/state.key, mode 0600, created only by `intake init`), apart from a PostgreSQL
registry's database logins; docs/keys.md says how to back it up.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session, object_session, sessionmaker

from intake.clock import as_utc
from intake.errors import StateKeyMissing, StateTampered
from intake.private_files import write_private
from intake.registry.models import (
    Artefact,
    Authorisation,
    Base,
    Dataset,
    Hold,
    RunRequest,
    Signer,
    User,
    UserRole,
)

KEY_FORMAT = "intake-state-key/1"
KEY_SIZE = 32

# Per sealed table: the columns a decision rests on. Columns not named here (labels, counts, the manifest bytes,
# which the signature already protects) may change without a new seal.
SEALED: dict[type[Base], tuple[str, ...]] = {
    Authorisation: ("id", "reference", "customer_id", "signer_key_id", "purpose", "purpose_reference",
                    "personal_data", "valid_until", "manifest_sha256", "evidence_sha256", "state", "withdrawn_at",
                    "withdrawn_by"),
    Dataset: ("id", "customer_id", "authorisation_id", "purpose", "purpose_reference", "state", "fingerprint",
              "completed_at", "delete_after", "deletion_rule", "deletion_started_at", "deleted_at"),
    Hold: ("id", "kind", "dataset_id", "customer_id", "reference", "opened_at", "closed_at", "outcome"),
    User: ("name", "active"),
    UserRole: ("user_name", "role", "granted_by", "granted_at"),
    Signer: ("key_id", "customer_id", "kind", "public_key", "added_by", "revoked_at", "confirmed_by", "confirmed_at"),
    Artefact: ("id", "scope", "dataset_id", "kind", "store", "location", "ciphertext_sha256", "deleted_at"),
    RunRequest: ("id", "flow", "parameters_sha256", "requested_by", "requested_at", "expires_at", "used_at",
                 "flow_run_id"),
}


def _canonical(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    raise TypeError(f"cannot seal a {type(value).__name__}")


def _primary_key(row: Base) -> str:
    return "/".join(str(getattr(row, str(c.key))) for c in row.__mapper__.primary_key)


@dataclass(frozen=True)
class StateKey:
    """The key the seals are made with."""

    key: bytes

    def seal(self, row: Base) -> str:
        columns = SEALED[type(row)]
        body = json.dumps([row.__tablename__, [_canonical(getattr(row, c)) for c in columns]],
                          separators=(",", ":"))
        return hmac.new(self.key, body.encode(), hashlib.sha256).hexdigest()

    def check(self, row: Base) -> bool:
        seal = row.seal  # type: ignore[attr-defined]
        return seal is not None and hmac.compare_digest(seal, self.seal(row))


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


KeySource = Callable[[], StateKey]
_INFO = "intake.state_key"
_RAW = "intake_unchecked"


def install(session_factory: sessionmaker[Session], key_source: KeySource) -> None:
    """Seal on every write and check on every load, for sessions made by `session_factory`."""
    session_factory.configure(info={_INFO: key_source})


def _key_of(session: Session | None) -> StateKey | None:
    source = session.info.get(_INFO) if session is not None else None
    return source() if source is not None else None


def _before_write(_mapper: Any, _connection: Any, row: Base) -> None:
    # At this point of the flush foreign keys set through relationships are filled in ("user_roles.user_name").
    key = _key_of(object_session(row))
    if key is not None:
        _apply_defaults(row)
        row.seal = key.seal(row)  # type: ignore[attr-defined]


def _apply_defaults(row: Base) -> None:
    """Column defaults are applied by the INSERT itself, after this listener: apply the sealed ones here."""
    for name in SEALED[type(row)]:
        column = row.__table__.c[name]  # type: ignore[attr-defined]
        if getattr(row, name) is None and column.default is not None:
            default = column.default
            setattr(row, name, default.arg(None) if default.is_callable else default.arg)


def _on_load(row: Base, context: Any) -> None:
    if context.session.info.get(_RAW):
        return
    key = _key_of(context.session)
    if key is not None and not key.check(row):
        raise StateTampered(f"{_describe(row)} {_problem(row)}")


def _problem(row: Base) -> str:
    if row.seal is None:  # type: ignore[attr-defined]
        return ("has no seal: it was inserted outside intake, or the registry was made before seals existed "
                "(then the admin runs `intake init` once); intake will not act on it")
    return ("was changed outside intake (its seal does not match), so intake will not act on it; run `intake "
            "audit verify` and compare the row with the audit log before anything else")


def _describe(row: Base) -> str:
    return f"registry row {row.__tablename__} {_primary_key(row)}"


for _model in SEALED:
    event.listen(_model, "load", _on_load)
    event.listen(_model, "before_insert", _before_write)
    event.listen(_model, "before_update", _before_write)


def verify_state(session: Session, key: StateKey) -> tuple[int, list[str]]:
    """How many sealed rows there are, and every one whose seal does not match, named by table and key (values
    are never shown)."""
    checked, bad = 0, []
    for row in _rows(session):
        checked += 1
        if not key.check(row):
            bad.append(_describe(row))
    return checked, bad


def require_state_intact(session: Session, key: StateKey) -> int:
    """`verify_state`, raising StateTampered naming the rows (the first 20) when any was changed outside intake."""
    checked, bad = verify_state(session, key)
    if bad:
        more = f" and {len(bad) - 20} more" if len(bad) > 20 else ""
        raise StateTampered(
            f"{len(bad)} registry row(s) were changed outside intake (seal missing or not matching): "
            f"{'; '.join(bad[:20])}{more}. Nothing acts on them; compare them with `intake audit list` and restore "
            "the registry from backup, or have the DPO decide"
        )
    return checked


def has_sealed_rows(engine: Any) -> bool:
    """Whether any row was ever sealed (read without a key: only the seal columns)."""
    with Session(engine) as session:
        return any(session.scalar(select(m.seal).where(m.seal.is_not(None)).limit(1))  # type: ignore[attr-defined]
                   for m in SEALED)


def seal_unsealed(session: Session, key: StateKey) -> int:
    """Seal the rows written before seals existed; refused once any row is sealed (then a missing seal means a
    row was edited)."""
    rows = list(_rows(session))
    if any(r.seal is not None for r in rows):  # type: ignore[attr-defined]
        raise StateTampered("the registry already holds sealed rows: unsealed ones among them were edited, "
                            "not written before the upgrade; run `intake audit verify`")
    for row in rows:
        row.seal = key.seal(row)  # type: ignore[attr-defined]
    return len(rows)


def _rows(session: Session) -> list[Base]:
    """Every sealed row, loaded without the load-time check (the caller decides what a mismatch means)."""
    session.info[_RAW] = True
    try:
        return [row for model in SEALED
                for row in session.scalars(select(model).execution_options(populate_existing=True))]
    finally:
        del session.info[_RAW]
