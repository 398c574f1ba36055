"""Per-scope data keys kept wrapped in the registry (DataKey), and the rotation of the local KEK.

A scope is a dataset id, or "customer:<id>" / "authorisation:<id>". Destroying a scope's data key
(wrapped_key cleared, destroyed_at set) crypto-shreds every object ever written under it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError as DatabaseIntegrityError

from intake.audit import REFUSED
from intake.clock import Clock, as_utc
from intake.config import Settings
from intake.context import Context
from intake.errors import IntakeError, StateError
from intake.registry.db import Registry
from intake.registry.models import DataKey, Lock
from intake.vault.crypto import KEY_SIZE
from intake.vault.errors import (
    KekForeign,
    KekMissing,
    KekUnavailable,
    KeyCheckFailed,
    KeyDestroyed,
    KeyProviderError,
    VaultError,
)
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
    created = False
    _take_lock(ctx, actor.name)
    try:
        if keyring.live_keks(LOCAL):
            keyring.require_local_keks()  # every local data key must still unwrap before anything is rewrapped
        if isinstance(target, LocalKeyProvider):
            if target.exists():
                new_kek = target.begin_rotation()
            else:
                # No live data key needs a local KEK (checked above): the admin's rotation makes the key file.
                new_kek, created = target.create_key_file(), True
        # A second pass catches keys another process created under the old KEK during the first one.
        for pass_number in range(2):
            if pass_number:
                time.sleep(0.2)
            with ctx.registry.session() as session:
                rows = session.scalars(select(DataKey).where(DataKey.wrapped_key.is_not(None))).all()
                for row in rows:
                    if row.scope in done or (new_kek is not None and row.kek_id == new_kek):
                        continue
                    key = keyring.provider_named(row.provider).unwrap(row.scope, cast(bytes, row.wrapped_key),
                                                                      row.kek_id)
                    row.wrapped_key, row.kek_id = target.wrap(row.scope, key)
                    row.provider = target.name
                    done.add(row.scope)
        if isinstance(target, LocalKeyProvider):
            target.finish_rotation()
    except KekUnavailable as exc:
        ctx.record(actor, "vault.rotate_kek", outcome=REFUSED, provider=target.name, rewrapped=len(done),
                   reason=exc.reason, key_file=str(exc.key_file), expected_keks=sorted(exc.expected))
        raise
    except BaseException:
        ctx.record(actor, "vault.rotate_kek", outcome="failed", provider=target.name, rewrapped=len(done))
        raise
    finally:
        _release_lock(ctx)
    ctx.record(actor, "vault.rotate_kek", rewrapped=len(done), provider=target.name, kek_id=new_kek or "",
               key_file_created=created)
    return len(done)


# ------------------------------------------------------------------------------------------- init and check


def initialise_kek(ctx: Context) -> str | None:
    """Create the local key file when `intake init` sets up a home; return the new KEK id, or None.

    This and `rotate_kek` are the only places a KEK is made. A key file is created only when none exists and
    no live data key in the registry is wrapped by a local KEK (a new home, or one whose data keys are all
    destroyed or held by KMS); a home whose key file is lost is refused with what to restore, and audited.
    With the KMS provider nothing is created.
    """
    if ctx.settings.vault.key_provider != LOCAL:
        return None
    provider = LocalKeyProvider(ctx.settings.key_file)
    keyring = DataKeyring(ctx.registry, ctx.settings, ctx.clock, provider)
    actor = ctx.actor()
    try:
        if provider.exists():
            keyring.require_local_keks()
            return None
        expected = keyring.live_keks(LOCAL)
        if expected:
            raise KekMissing(provider.key_file, expected=expected)
    except KekUnavailable as exc:
        ctx.record(actor, "vault.create_kek", outcome=REFUSED, reason=exc.reason, key_file=str(exc.key_file),
                   expected_keks=sorted(exc.expected), live_keys=sum(exc.expected.values()))
        raise
    except KeyProviderError:  # e.g. a key file readable by other users
        ctx.record(actor, "vault.create_kek", outcome=REFUSED, reason="key provider", key_file=str(provider.key_file))
        raise
    try:
        kek_id = provider.create_key_file()
    except KeyProviderError:
        if provider.exists():  # a concurrent `intake init` made it first
            return None
        raise
    ctx.record(actor, "vault.create_kek", kek_id=kek_id, key_file=str(provider.key_file), by="init")
    return kek_id


@dataclass(frozen=True)
class KekCheck:
    provider: str
    kek_id: str
    live: int
    unwrapped: int
    failed: int
    problem: str = ""


@dataclass(frozen=True)
class KeyCheckReport:
    """What `intake keys check` found: counts and KEK ids only, never key material."""

    provider: str  # the configured provider, which wraps new data keys
    key_file: str | None  # the local key file, when the local provider is configured or needed
    key_file_state: str  # ok | missing | foreign | altered | unusable | not used
    live: int
    unwrapped: int
    failed: int
    destroyed: int
    keks: list[KekCheck]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.problems


def check_keys(ctx: Context) -> KeyCheckReport:
    """Unwrap every live data key with the KEK(s) available and report counts; audited either way."""
    actor = ctx.authorise("vault.check_keys")
    keyring = DataKeyring(ctx.registry, ctx.settings, ctx.clock)
    configured = ctx.settings.vault.key_provider
    with ctx.registry.session() as session:
        rows = [(row.scope, row.provider, row.kek_id, row.wrapped_key) for row in
                session.scalars(select(DataKey).where(DataKey.wrapped_key.is_not(None)).order_by(DataKey.scope))]
        destroyed = session.scalar(select(func.count()).select_from(DataKey)
                                   .where(DataKey.wrapped_key.is_(None))) or 0
    problems: list[str] = []
    uses_local = configured == LOCAL or any(provider == LOCAL for _, provider, _, _ in rows)
    key_file_state, key_file = "not used", None
    if uses_local:
        key_file = str(ctx.settings.key_file)
        try:
            keyring.require_local_keks()
            key_file_state = "ok"
        except KekUnavailable as exc:
            key_file_state = exc.reason.removeprefix("kek ")
            problems.append(str(exc))
        except KeyProviderError as exc:
            key_file_state = "unusable"
            problems.append(str(exc))
    tally: dict[tuple[str, str], list[int]] = {}
    reasons: dict[tuple[str, str], dict[str, int]] = {}
    for scope, provider, kek_id, wrapped in rows:
        counts = tally.setdefault((provider, kek_id), [0, 0, 0])
        counts[0] += 1
        try:
            keyring.provider_named(provider).unwrap(scope, cast(bytes, wrapped), kek_id)
            counts[1] += 1
        except IntakeError as exc:
            counts[2] += 1
            reason = getattr(exc, "reason", "does not unwrap" if isinstance(exc, KeyProviderError)
                             else "provider unavailable")
            bucket = reasons.setdefault((provider, kek_id), {})
            bucket[reason] = bucket.get(reason, 0) + 1
    keks: list[KekCheck] = []
    for (provider, kek_id), (live, unwrapped, failed) in sorted(tally.items()):
        why = reasons.get((provider, kek_id), {})
        problem = ", ".join(f"{count} {reason}" for reason, count in sorted(why.items()))
        if failed and unwrapped == 0 and why.keys() == {"does not unwrap"}:
            problem += (f": no data key under KEK {kek_id} unwraps, so the KEK itself was altered or replaced; "
                        "restore the key file (or KMS key) from backup")
        keks.append(KekCheck(provider, kek_id, live, unwrapped, failed, problem))
    live = len(rows)
    unwrapped = sum(k.unwrapped for k in keks)
    failed = live - unwrapped
    report = KeyCheckReport(configured, key_file, key_file_state, live, unwrapped, failed, int(destroyed), keks,
                            problems)
    ctx.record(actor, "vault.check_keys", outcome="ok" if report.ok else "failed", live=live, unwrapped=unwrapped,
               failed=failed, destroyed=report.destroyed, key_file_state=key_file_state,
               failures={f"{k.provider}:{k.kek_id}": k.failed for k in keks if k.failed})
    return report


def require_keys_ok(report: KeyCheckReport) -> None:
    """Raise KeyCheckFailed, with counts and what to do, when the check found a problem."""
    if report.ok:
        return
    failing = [f"{k.kek_id} ({k.provider}): {k.failed} of {k.live} fail ({k.problem})" for k in report.keks if k.failed]
    parts: list[str] = []
    if report.failed:
        parts.append(f"{report.failed} of {report.live} live data key(s) do not unwrap, so the data under them "
                     "cannot be read until the key file or KMS key that wraps them is restored")
        parts.append("; ".join(failing))
    parts.extend(report.problems)
    raise KeyCheckFailed(" | ".join(part[:1].upper() + part[1:] for part in parts))
