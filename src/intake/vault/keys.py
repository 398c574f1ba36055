"""Per-scope data keys kept wrapped in the registry (DataKey), and the rotation of the local KEK.

A scope is a dataset id, or "customer:<id>" / "authorisation:<id>". Destroying a scope's data key
(wrapped_key cleared, destroyed_at set) crypto-shreds every object ever written under it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError as DatabaseIntegrityError

from intake.clock import Clock, as_utc
from intake.config import Settings
from intake.context import Context
from intake.errors import StateError
from intake.registry.db import Registry
from intake.registry.models import DataKey, Lock
from intake.vault.crypto import KEY_SIZE
from intake.vault.errors import KeyDestroyed, KeyProviderError, VaultError
from intake.vault.local_kek import LocalKeyProvider
from intake.vault.providers import KeyProvider, provider_from_settings
from intake.vault.scopes import check_scope, scope_label, shredded_message

DESTROYED_PROVIDER = "destroyed"  # provider of a key row made by shredding a scope that never had a key


@dataclass(frozen=True)
class KeyState:
    scope: str
    exists: bool
    provider: str | None = None
    kek_id: str | None = None
    created_at: datetime | None = None
    destroyed_at: datetime | None = None

    @property
    def destroyed(self) -> bool:
        return self.destroyed_at is not None


class DataKeyring:
    """Creates, unwraps and destroys the data keys of scopes."""

    def __init__(self, registry: Registry, settings: Settings, clock: Clock,
                 provider: KeyProvider | None = None) -> None:
        self._registry, self._settings, self._clock = registry, settings, clock
        self.provider = provider or provider_from_settings(settings.vault.key_provider, settings)
        self._providers: dict[str, KeyProvider] = {self.provider.name: self.provider}
        self._unwrapped: dict[str, tuple[bytes, bytes]] = {}  # scope -> (wrapped, key)

    def provider_named(self, name: str) -> KeyProvider:
        if name not in self._providers:
            self._providers[name] = provider_from_settings(name, self._settings)
        return self._providers[name]

    def state(self, scope: str) -> KeyState:
        with self._registry.session() as session:
            row = session.get(DataKey, scope)
            if row is None:
                return KeyState(scope, exists=False)
            return KeyState(scope, True, row.provider, row.kek_id, as_utc(row.created_at),
                            as_utc(row.destroyed_at) if row.destroyed_at else None)

    def _unwrap(self, scope: str, provider: str, wrapped: bytes, kek_id: str) -> bytes:
        cached = self._unwrapped.get(scope)
        if cached and cached[0] == wrapped:
            return cached[1]
        key = self.provider_named(provider).unwrap(scope, wrapped, kek_id)
        if len(key) != KEY_SIZE:
            raise KeyProviderError(f"the data key of {scope_label(scope)} is not a 256-bit key")
        self._unwrapped[scope] = (wrapped, key)
        return key

    def key(self, scope: str, create: bool = False) -> bytes:
        """The data key of `scope`; with `create`, make one on first use. Raises KeyDestroyed once shredded."""
        check_scope(scope)
        for _attempt in range(3):
            with self._registry.session() as session:
                row = session.get(DataKey, scope)
                if row is not None:
                    if row.wrapped_key is None:
                        self._unwrapped.pop(scope, None)
                        raise KeyDestroyed(shredded_message(scope, row.destroyed_at))
                    provider, wrapped, kek_id = row.provider, row.wrapped_key, row.kek_id
                elif not create:
                    raise VaultError(
                        f"{scope_label(scope)} has no data key in the registry, so none of its objects can be read: "
                        "the registry is incomplete; restore it from backup"
                    )
                else:
                    new = self.provider.generate(scope)
                    session.add(DataKey(scope=scope, provider=self.provider.name, kek_id=new.kek_id,
                                        wrapped_key=new.wrapped, created_at=self._clock.now()))
                    try:
                        session.flush()
                    except DatabaseIntegrityError:
                        session.rollback()
                        continue  # another writer created this scope's key first: use theirs
                    self._unwrapped[scope] = (new.wrapped, new.key)
                    return new.key
            return self._unwrap(scope, provider, wrapped, kek_id)
        raise VaultError(f"could not create the data key of {scope_label(scope)}: the registry keeps refusing it")

    def destroy(self, scope: str) -> tuple[datetime, bool]:
        """Destroy the data key of `scope`: (when it was destroyed, whether it already had been)."""
        check_scope(scope)
        self._unwrapped.pop(scope, None)
        now = self._clock.now()
        for _attempt in range(3):
            with self._registry.session() as session:
                row = session.get(DataKey, scope)
                if row is not None and row.wrapped_key is None:
                    return as_utc(row.destroyed_at or now), True
                if row is None:
                    # Never had a key: record the scope as shredded so nothing can be written to it later.
                    session.add(DataKey(scope=scope, provider=DESTROYED_PROVIDER, kek_id="", wrapped_key=None,
                                        created_at=now, destroyed_at=now))
                    try:
                        session.flush()
                    except DatabaseIntegrityError:
                        session.rollback()
                        continue
                else:
                    row.wrapped_key = None
                    row.destroyed_at = now
            return now, False
        raise VaultError(f"could not destroy the data key of {scope_label(scope)}: the registry keeps refusing it")


ROTATION_LOCK = "vault.rotate_kek"
ROTATION_LEASE = timedelta(hours=1)


def _take_lock(ctx: Context, owner: str) -> None:
    now = ctx.clock.now()
    with ctx.registry.session() as session:
        lock = session.get(Lock, ROTATION_LOCK)
        if lock is not None and as_utc(lock.expires_at) > now:
            raise StateError(
                f"a KEK rotation by {lock.owner} started at {as_utc(lock.acquired_at):%Y-%m-%d %H:%M} UTC is still "
                "running: wait for it to finish, then check with `intake keys rotate-kek` again"
            )
        if lock is not None:
            session.delete(lock)
            session.flush()
        session.add(Lock(name=ROTATION_LOCK, owner=owner, acquired_at=now, expires_at=now + ROTATION_LEASE))


def _release_lock(ctx: Context) -> None:
    with ctx.registry.session() as session:
        session.execute(delete(Lock).where(Lock.name == ROTATION_LOCK))


def rotate_kek(ctx: Context) -> int:
    """Rewrap every live data key under a new KEK of the configured provider; return how many were rewrapped.

    With the local provider a new KEK is added to the key file, all keys are rewrapped, and the old KEK
    is then removed from the file, so a copy of the old key file no longer opens anything. With KMS the
    keys are re-encrypted under the configured KMS key (which moves them to it if it changed); KMS
    rotates its own key material. Keys of other providers (e.g. local keys after switching to KMS)
    move to the configured provider.
    """
    actor = ctx.authorise("vault.rotate_kek")
    keyring = DataKeyring(ctx.registry, ctx.settings, ctx.clock)
    target = keyring.provider
    done: set[str] = set()
    new_kek: str | None = None
    _take_lock(ctx, actor.name)
    try:
        if isinstance(target, LocalKeyProvider):
            new_kek = target.begin_rotation()
        # A second pass catches keys another process created under the old KEK during the first one.
        for pass_number in range(2):
            if pass_number:
                time.sleep(0.2)
            with ctx.registry.session() as session:
                rows = session.scalars(select(DataKey).where(DataKey.wrapped_key.is_not(None))).all()
                for row in rows:
                    if row.scope in done or (new_kek is not None and row.kek_id == new_kek):
                        continue
                    key = keyring.provider_named(row.provider).unwrap(row.scope, row.wrapped_key, row.kek_id)
                    row.wrapped_key, row.kek_id = target.wrap(row.scope, key)
                    row.provider = target.name
                    done.add(row.scope)
        if isinstance(target, LocalKeyProvider):
            target.finish_rotation()
    except BaseException:
        ctx.record(actor, "vault.rotate_kek", outcome="failed", provider=target.name, rewrapped=0)
        raise
    finally:
        _release_lock(ctx)
    ctx.record(actor, "vault.rotate_kek", rewrapped=len(done), provider=target.name, kek_id=new_kek or "")
    return len(done)
