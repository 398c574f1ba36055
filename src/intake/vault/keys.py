"""Per-scope data keys kept wrapped in the registry (DataKey): made, unwrapped and destroyed (crypto-shredding).

A scope is a dataset id, or "customer:<id>" / "authorisation:<id>". Destroying a scope's data key
(wrapped_key cleared, destroyed_at set) crypto-shreds every object ever written under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError as DatabaseIntegrityError

from intake.clock import Clock, as_utc
from intake.config import Settings
from intake.registry.db import Registry
from intake.registry.models import DataKey
from intake.vault.crypto import KEY_SIZE
from intake.vault.errors import KekForeign, KekUnavailable, KeyDestroyed, KeyProviderError, VaultError
from intake.vault.local_kek import LocalKeyProvider
from intake.vault.providers import KeyProvider, provider_from_settings
from intake.vault.scopes import check_scope, scope_label, shredded_message

LOCAL = LocalKeyProvider.name
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

    def live_keks(self, provider: str = LOCAL) -> dict[str, int]:
        """KEK id -> how many live (not destroyed) data keys of `provider` it wraps, from the registry."""
        with self._registry.session() as session:
            rows = session.execute(
                select(DataKey.kek_id, func.count()).where(DataKey.provider == provider,
                                                           DataKey.wrapped_key.is_not(None))
                .group_by(DataKey.kek_id)
            ).all()
        return {str(kek_id): int(count) for kek_id, count in rows}

    def explain(self, exc: KekUnavailable) -> KekUnavailable:
        """The refusal with the KEK ids the registry's live local data keys need, to say what to restore."""
        return exc.with_expected(self.live_keks(LOCAL))

    def require_local_keks(self) -> None:
        """Refuse (KekMissing / KekForeign / KekAltered) unless the local key file is usable and holds every KEK
        that wraps a live local data key: no data key is ever wrapped under a KEK that replaced a lost one."""
        provider = self.provider_named(LOCAL)
        if not isinstance(provider, LocalKeyProvider):
            return
        expected = self.live_keks(LOCAL)
        try:
            held = set(provider.held_kek_ids())
        except KekUnavailable as exc:
            raise exc.with_expected(expected) from None
        missing = sorted(set(expected) - held)
        if missing:
            raise KekForeign(
                provider.key_file,
                f"the key file {provider.key_file} holds KEK {', '.join(sorted(held))} but not KEK "
                f"{', '.join(missing)}, which wraps {sum(expected[k] for k in missing)} live data key(s): it is "
                "another home's, an older or a replacement key file",
                expected,
            )

    def _unwrap(self, scope: str, provider: str, wrapped: bytes, kek_id: str) -> bytes:
        cached = self._unwrapped.get(scope)
        if cached and cached[0] == wrapped:
            return cached[1]
        try:
            key = self.provider_named(provider).unwrap(scope, wrapped, kek_id)
        except KekUnavailable as exc:
            raise self.explain(exc) from None
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
                    if self.provider.name == LOCAL:
                        self.require_local_keks()
                    try:
                        new = self.provider.generate(scope)
                    except KekUnavailable as exc:
                        raise self.explain(exc) from None
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


# Made and checked elsewhere (kek_rotation.py, key_check.py), importable from here as before; imported last, as
# those modules use the keyring above.
from intake.vault.kek_rotation import ROTATION_LEASE, ROTATION_LOCK, initialise_kek, rotate_kek  # noqa: E402
from intake.vault.key_check import KekCheck, KeyCheckReport, check_keys, require_keys_ok  # noqa: E402

__all__ = ["DESTROYED_PROVIDER", "LOCAL", "ROTATION_LEASE", "ROTATION_LOCK", "DataKeyring", "KekCheck",
           "KeyCheckReport", "KeyState", "check_keys", "initialise_kek", "require_keys_ok", "rotate_kek"]
