"""The audit log's tables: the hash-chained events (chain.py, audit.py) and the index of each sealed row's latest
recorded state (state_log.py).

Apart from the tables of what the registry holds (models.py), on the same declarative base; intake.registry.db
imports this module (through seal.py and state_log.py), so the tables are on `Base.metadata` wherever a registry
is opened.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from intake.registry.models import Base


class AuditEvent(Base):
    """Append-only, hash-chained. `details` is JSON of ids, counts and reasons; never a data value."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    dataset_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    outcome: Mapped[str] = mapped_column(String(16))  # ok | refused | failed
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class StateHead(Base):
    """The latest state the audit log records for each sealed row (registry/state_log.py): an index of the log, so
    that a row written back with an older, validly sealed state is refused where it is loaded. `audit verify`
    checks the index against the log itself."""

    __tablename__ = "state_heads"

    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_key: Mapped[str] = mapped_column(String(256), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(16))  # insert | update | adopt | delete
    seal: Mapped[str | None] = mapped_column(String(64), nullable=True)  # None once deleted
    event_seq: Mapped[int] = mapped_column(Integer)  # the audit event that recorded it
