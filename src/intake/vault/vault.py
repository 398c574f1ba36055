"""The vault: every byte of customer data at rest, encrypted under its scope's data key and recorded.

    vault = Vault.from_context(ctx)
    info = vault.put(scope=ds, dataset_id=ds, kind=ArtefactKind.RAW, name="assets.csv", source=f, actor=actor)
    with vault.open(info.id, actor=actor) as f: ...          # seekable, verified plaintext
    vault.shred(ds, actor)                                   # destroys the key and every object version
"""

from __future__ import annotations

import contextlib
import os
import secrets
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as DatabaseIntegrityError

from intake.audit import REFUSED
from intake.clock import as_utc
from intake.context import Actor, Context
from intake.errors import NotFound
from intake.registry.models import Artefact, ArtefactKind, Dataset
from intake.vault.crypto import ChunkOpener
from intake.vault.errors import (
    ArtefactNotFound,
    IntegrityError,
    KekUnavailable,
    KeyDestroyed,
    KeyProviderError,
    VaultError,
)
from intake.vault.keys import DataKeyring
from intake.vault.providers import KeyProvider
from intake.vault.records import ArtefactInfo, ShredReport, artefact_info
from intake.vault.scopes import check_scope, scope_label, scope_prefix
from intake.vault.stores import ObjectStore, store_from_settings
from intake.vault.streams import VaultReader, VaultWriter, WrittenObject

SECRET_SIZE = 32
CUSTOMER_SECRET_NAME = "hmac-secret"  # noqa: S105 (an artefact name, not a secret)
_SECRET_NAMESPACE = uuid.UUID("8d3f6c52-7d0e-4c8e-9b9e-2f1f0c6a9e11")

Source = BinaryIO | Iterable[bytes] | bytes | bytearray | memoryview | os.PathLike


class Vault:
    def __init__(self, ctx: Context, store: ObjectStore | None = None, key_provider: KeyProvider | None = None,
                 chunk_size: int | None = None) -> None:
        self._ctx = ctx
        self.store = store or store_from_settings(ctx.settings.vault.store, ctx.settings)
        self._stores: dict[str, ObjectStore] = {self.store.name: self.store}
        self.keys = DataKeyring(ctx.registry, ctx.settings, ctx.clock, key_provider)
        self.chunk_size = chunk_size or ctx.settings.vault.chunk_size

    @classmethod
    def from_context(cls, ctx: Context) -> Vault:
        return cls(ctx)

    def _store(self, name: str) -> ObjectStore:
        if name not in self._stores:
            self._stores[name] = store_from_settings(name, self._ctx.settings)
        return self._stores[name]

    # ------------------------------------------------------------------------------------------------- keys

    def _key(self, scope: str, actor: Actor, action: str, *, create: bool = False, dataset_id: str | None = None,
             **details: Any) -> bytes:
        """The scope's data key; a key provider's refusal (a missing, foreign or altered KEK, KMS unavailable) is
        audited as a refusal of `action` before it is raised (KEK ids, the key file's path and counts only)."""
        try:
            return self.keys.key(scope, create=create)
        except KeyProviderError as exc:
            extra: dict[str, Any] = {}
            if isinstance(exc, KekUnavailable):
                extra = {"key_file": str(exc.key_file), "expected_keks": sorted(exc.expected),
                         "live_keys": sum(exc.expected.values())}
            self._ctx.record(actor, action, dataset_id=dataset_id, outcome=REFUSED,
                             reason=getattr(exc, "reason", "key provider"), scope=scope, **extra, **details)
            raise

    # ----------------------------------------------------------------------------------------------- writing

    def writer(self, scope: str, dataset_id: str | None, kind: ArtefactKind, name: str, actor: Actor,
               *, artefact_id: str | None = None) -> VaultWriter:
        """A file-like writer; the artefact is stored and recorded when it closes without an error."""
        check_scope(scope)
        if dataset_id is not None:
            with self._ctx.registry.session() as session:
                if session.get(Dataset, dataset_id) is None:
                    raise NotFound(f"dataset {dataset_id} is not in the registry: receive it before storing its files")
        key = self._key(scope, actor, "vault.write", create=True, dataset_id=dataset_id, name=name)
        artefact_id = artefact_id or str(uuid.uuid4())
        # A random suffix keeps two racing writers of the same artefact id from overwriting each other's object.
        location = f"{scope_prefix(scope)}{artefact_id}-{secrets.token_hex(4)}.ikv"
        store = self.store
        sink = store.create(location)

        def record(written: WrittenObject) -> ArtefactInfo:
            row = Artefact(
                id=artefact_id, scope=scope, dataset_id=dataset_id, kind=kind, name=name, store=store.name,
                location=location, size=written.size, plaintext_size=written.plaintext_size,
                ciphertext_sha256=written.ciphertext_sha256, plaintext_sha256=written.plaintext_sha256,
                created_by=actor.name, created_at=self._ctx.clock.now(),
            )
            try:
                with self._ctx.registry.session() as session:
                    session.add(row)
                    info = artefact_info(row)
            except BaseException:
                store.delete(location)  # unrecorded objects must not linger
                raise
            self._ctx.record(actor, "vault.write", dataset_id=dataset_id, artefact_id=artefact_id, kind=kind.value,
                             name=name, scope=scope, store=store.name, size=written.size,
                             plaintext_size=written.plaintext_size)
            return info

        return VaultWriter(key, scope, artefact_id, self.chunk_size, sink, record)

    def put(self, scope: str, dataset_id: str | None, kind: ArtefactKind, name: str, source: Source, actor: Actor,
            *, artefact_id: str | None = None) -> ArtefactInfo:
        """Encrypt and store `source` (a binary file, a path, bytes, or an iterable of bytes) as one artefact."""
        with self.writer(scope, dataset_id, kind, name, actor, artefact_id=artefact_id) as writer:
            if isinstance(source, bytes | bytearray | memoryview):
                writer.write(source)
            elif isinstance(source, os.PathLike):
                with Path(source).open("rb") as file:
                    _copy_file(file, writer, self.chunk_size)
            elif hasattr(source, "readinto") or hasattr(source, "read"):
                _copy_file(source, writer, self.chunk_size)
            else:
                for piece in source:
                    writer.write(piece)
        return writer.artefact

    # ----------------------------------------------------------------------------------------------- reading

    def _row(self, artefact_id: str) -> Artefact:
        with self._ctx.registry.session() as session:
            row = session.get(Artefact, artefact_id)
            if row is None:
                raise ArtefactNotFound(f"artefact {artefact_id} is not in the registry: check the id")
            return row

    def info(self, artefact_id: str) -> ArtefactInfo:
        return artefact_info(self._row(artefact_id))

    def open(self, artefact_id: str, actor: Actor) -> VaultReader:
        """A seekable, read-only binary file of the artefact's plaintext, verified chunk by chunk as it is read."""
        row = self._row(artefact_id)
        details: dict[str, Any] = {"artefact_id": row.id, "kind": ArtefactKind(row.kind).value, "name": row.name}
        try:
            key = self._key(row.scope, actor, "vault.read", dataset_id=row.dataset_id, **details)
        except KeyDestroyed:
            self._ctx.record(actor, "vault.read", dataset_id=row.dataset_id, outcome="failed",
                             reason="key destroyed", **details)
            raise
        if row.deleted_at is not None:
            self._ctx.record(actor, "vault.read", dataset_id=row.dataset_id, outcome="failed",
                             reason="deleted", **details)
            raise ArtefactNotFound(
                f"artefact {row.id} ({row.name}) was deleted on {as_utc(row.deleted_at):%Y-%m-%d}: it cannot be read"
            )

        def failed(exc: IntegrityError) -> None:
            self._ctx.record(actor, "vault.read", dataset_id=row.dataset_id, outcome="failed",
                             reason="integrity", **details)

        reader = VaultReader(
            self._store(row.store).open(row.location),
            lambda header, size: ChunkOpener(key, row.scope, row.id, header, size, row.name),
            expected_plaintext_size=row.plaintext_size, on_integrity_failure=failed, name=row.name,
        )
        self._ctx.record(actor, "vault.read", dataset_id=row.dataset_id, plaintext_size=row.plaintext_size,
                         **details)
        return reader

    def read_bytes(self, artefact_id: str, actor: Actor) -> bytes:
        """The whole plaintext in memory: for small artefacts (secrets, reports) only."""
        with self.open(artefact_id, actor) as reader:
            return reader.read()

    def artefacts(self, dataset_id: str | None = None, *, scope: str | None = None, kind: ArtefactKind | None = None,
                  include_deleted: bool = False) -> list[ArtefactInfo]:
        """Artefacts of a dataset (or of a scope), oldest first then by name; live ones unless `include_deleted`."""
        query = select(Artefact).order_by(Artefact.created_at, Artefact.name, Artefact.id)
        if dataset_id is not None:
            query = query.where(Artefact.dataset_id == dataset_id)
        if scope is not None:
            query = query.where(Artefact.scope == scope)
        if kind is not None:
            query = query.where(Artefact.kind == kind)
        if not include_deleted:
            query = query.where(Artefact.deleted_at.is_(None))
        with self._ctx.registry.session() as session:
            return [artefact_info(row) for row in session.scalars(query)]

    # ---------------------------------------------------------------------------------------------- deleting

    def delete_artefact(self, artefact_id: str, actor: Actor) -> int:
        """Remove the artefact's object (every version) and mark it deleted; return the versions removed."""
        row = self._row(artefact_id)
        removed = self._store(row.store).delete(row.location)
        with self._ctx.registry.session() as session:
            stored = session.get(Artefact, artefact_id)
            if stored is not None and stored.deleted_at is None:
                stored.deleted_at = self._ctx.clock.now()
        self._ctx.record(actor, "vault.delete", dataset_id=row.dataset_id, artefact_id=row.id,
                         kind=ArtefactKind(row.kind).value, name=row.name, versions_removed=removed)
        return removed

    def _stores_of(self, scope: str) -> list[ObjectStore]:
        with self._ctx.registry.session() as session:
            names = set(session.scalars(select(Artefact.store).where(Artefact.scope == scope).distinct()))
        return [self._store(name) for name in sorted(names | {self.store.name})]

    def shred(self, scope: str, actor: Actor) -> ShredReport:
        """Crypto-shred a scope: destroy its data key, then remove every object and version stored under it.

        The key goes first, so that whatever happens to the deletions (and whatever copies or backups
        exist) the data is unreadable from that moment; running shred again removes any leftovers.
        """
        check_scope(scope)
        destroyed_at, already = self.keys.destroy(scope)
        dataset_id = None if ":" in scope else scope
        with self._ctx.registry.session() as session:
            rows = session.scalars(select(Artefact).where(Artefact.scope == scope)).all()
            locations = [(row.store, row.location) for row in rows]
        removed = 0
        try:
            for store_name, location in locations:
                removed += self._store(store_name).delete(location)
            for store in self._stores_of(scope):
                removed += store.delete_prefix(scope_prefix(scope))  # orphans of interrupted writes
        except BaseException:
            self._ctx.record(actor, "vault.shred", dataset_id=dataset_id, outcome="failed", scope=scope,
                             objects_removed=removed, key_destroyed=True)
            raise
        now = self._ctx.clock.now()
        marked = 0
        with self._ctx.registry.session() as session:
            for row in session.scalars(select(Artefact).where(Artefact.scope == scope, Artefact.deleted_at.is_(None))):
                row.deleted_at = now
                marked += 1
        self._ctx.record(actor, "vault.shred", dataset_id=dataset_id, scope=scope, artefacts=marked,
                         objects_removed=removed, key_destroyed_at=destroyed_at.isoformat(), already_shredded=already)
        return ShredReport(scope, marked, removed, destroyed_at, already)

    def verify_unreadable(self, scope: str) -> bool:
        """True when the scope's data key is destroyed (or never existed) and no object of it remains stored."""
        state = self.keys.state(scope)
        if state.exists and not state.destroyed:
            return False
        return all(store.count(scope_prefix(scope)) == 0 for store in self._stores_of(scope))

    # ------------------------------------------------------------------------------------------------ secrets

    def customer_secret(self, customer_id: str, actor: Actor) -> bytes:
        """The customer's 32-byte pseudonymisation (HMAC) secret, created on first use, kept in the vault.

        Its artefact id is derived from the customer id, so concurrent first uses agree on one secret.
        """
        scope = f"customer:{customer_id}"
        artefact_id = str(uuid.uuid5(_SECRET_NAMESPACE, scope + "/" + CUSTOMER_SECRET_NAME))
        try:
            existing = self._row(artefact_id)
        except ArtefactNotFound:
            existing = None
        if existing is None:
            # A concurrent first use may win the insert: then read its secret.
            with contextlib.suppress(DatabaseIntegrityError):
                self.put(scope, None, ArtefactKind.SECRET, CUSTOMER_SECRET_NAME, os.urandom(SECRET_SIZE), actor,
                         artefact_id=artefact_id)
        elif existing.deleted_at is not None and not self.keys.state(scope).destroyed:
            raise VaultError(
                f"the pseudonymisation secret of {scope_label(scope)} was deleted on "
                f"{as_utc(existing.deleted_at):%Y-%m-%d}: pseudonyms cannot be made consistent with earlier "
                "deliveries; ask the DPO before creating a new one"
            )
        secret = self.read_bytes(artefact_id, actor)
        if len(secret) != SECRET_SIZE:
            raise IntegrityError(artefact_id, "the customer secret has the wrong length", CUSTOMER_SECRET_NAME)
        return secret


def _copy_file(source: Any, writer: VaultWriter, block: int) -> None:
    # One reused buffer: the writer copies what it is given, so nothing is allocated per block.
    if not hasattr(source, "readinto"):
        while piece := source.read(block):
            writer.write(piece)
        return
    buffer = bytearray(block)
    view = memoryview(buffer)
    while count := source.readinto(buffer):
        writer.write(view[:count])
