"""A named lease in the registry: at most one holder at a time, taken over only when expired or dead.

The owner string records host and process id, so a holder killed on this host is recognised at
once instead of after its lease runs out. Acquisition is one INSERT (unique name) or one
conditional UPDATE (`WHERE owner = <the stale owner>`), both atomic in SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, update
from sqlalchemy.exc import IntegrityError, OperationalError

from intake.clock import Clock, as_utc
from intake.registry.db import Registry
from intake.registry.models import Lock
from intake.retention.errors import SweepLocked, SweepLockLost


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def owner_is_dead(owner: str) -> bool:
    """True when the owner ran on this host and its process no longer exists."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    return not _process_alive(int(pid_text))


@dataclass(frozen=True)
class LockHolder:
    owner: str
    expires_at: datetime


class RegistryLock:
    def __init__(self, registry: Registry, clock: Clock, name: str, lease: timedelta) -> None:
        self.registry = registry
        self.clock = clock
        self.name = name
        self.lease = lease
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
        self.held = False

    def try_acquire(self) -> LockHolder | None:
        """Take the lock; return None on success, or the current holder when it is taken."""
        now = self.clock.now()
        try:
            with self.registry.session() as session:
                row = session.get(Lock, self.name, with_for_update=True)
                if row is None:
                    session.add(Lock(name=self.name, owner=self.owner, acquired_at=now, expires_at=now + self.lease))
                    session.flush()
                elif as_utc(row.expires_at) <= now or owner_is_dead(row.owner):
                    taken = session.execute(
                        update(Lock).where(Lock.name == self.name, Lock.owner == row.owner)
                        .values(owner=self.owner, acquired_at=now, expires_at=now + self.lease)
                        .execution_options(synchronize_session=False)
                    )
                    if cast(CursorResult[Any], taken).rowcount != 1:
                        return LockHolder(row.owner, as_utc(row.expires_at))
                else:
                    return LockHolder(row.owner, as_utc(row.expires_at))
        except (IntegrityError, OperationalError):
            # Another process inserted or updated the row between our read and write.
            return LockHolder("another sweep (acquiring at the same moment)", now + self.lease)
        self.held = True
        return None

    def acquire(self, wait: float = 0.0, poll: float = 0.2) -> None:
        """Take the lock, waiting up to `wait` seconds for a live holder to finish; else raise SweepLocked."""
        deadline = time.monotonic() + wait
        while True:
            holder = self.try_acquire()
            if holder is None:
                return
            if time.monotonic() >= deadline:
                raise SweepLocked(
                    f"the {self.name} lock is held by {holder.owner} until {holder.expires_at.isoformat()}: "
                    "another sweep is running; try again when it finishes (or pass a wait time)"
                )
            time.sleep(poll)

    def renew(self) -> None:
        """Extend the lease; raise SweepLockLost if another process took the lock over."""
        now = self.clock.now()
        with self.registry.session() as session:
            result = session.execute(
                update(Lock).where(Lock.name == self.name, Lock.owner == self.owner)
                .values(expires_at=now + self.lease)
                .execution_options(synchronize_session=False)
            )
            if cast(CursorResult[Any], result).rowcount != 1:
                self.held = False
                raise SweepLockLost(
                    f"the {self.name} lock was taken over by another sweep (this lease had expired): "
                    "this sweep stops; the other one continues the work"
                )

    def release(self) -> None:
        if not self.held:
            return
        with self.registry.session() as session:
            session.execute(delete(Lock).where(Lock.name == self.name, Lock.owner == self.owner)
                            .execution_options(synchronize_session=False))
        self.held = False
