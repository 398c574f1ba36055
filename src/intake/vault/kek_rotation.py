"""The making of key-encryption keys: the local key file created by `intake init`, and the rotation of the KEK
(`intake keys rotate-kek`) that rewraps every live data key. These are the only places a KEK is made.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import cast

from sqlalchemy import delete, select

from intake.audit import REFUSED
from intake.clock import as_utc
from intake.context import Context
from intake.errors import StateError
from intake.registry.models import DataKey, Lock
from intake.vault.errors import KekMissing, KekUnavailable, KeyProviderError
from intake.vault.keys import LOCAL, DataKeyring
from intake.vault.local_kek import LocalKeyProvider

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
    try:
        _take_lock(ctx, actor.name)
    except StateError:
        # Another rotation holds the lock: refused without touching it (it is that rotation's to release).
        ctx.record(actor, "vault.rotate_kek", outcome=REFUSED, provider=target.name, reason="rotation running")
        raise
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
