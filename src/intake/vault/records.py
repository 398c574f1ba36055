"""What the vault hands out: an artefact's record (`ArtefactInfo`, from its registry row) and a shred's report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from intake.clock import as_utc
from intake.registry.models import Artefact, ArtefactKind


@dataclass(frozen=True)
class ArtefactInfo:
    id: str
    name: str
    size: int  # ciphertext bytes
    plaintext_size: int
    plaintext_sha256: str
    ciphertext_sha256: str
    store: str
    location: str
    kind: ArtefactKind
    dataset_id: str | None
    scope: str
    created_by: str = ""
    created_at: datetime | None = None
    deleted_at: datetime | None = None


def artefact_info(row: Artefact) -> ArtefactInfo:
    """The artefact's registry row as the vault hands it out (times in UTC)."""
    return ArtefactInfo(
        id=row.id, name=row.name, size=row.size, plaintext_size=row.plaintext_size,
        plaintext_sha256=row.plaintext_sha256, ciphertext_sha256=row.ciphertext_sha256, store=row.store,
        location=row.location, kind=ArtefactKind(row.kind), dataset_id=row.dataset_id, scope=row.scope,
        created_by=row.created_by, created_at=as_utc(row.created_at),
        deleted_at=as_utc(row.deleted_at) if row.deleted_at else None,
    )


@dataclass(frozen=True)
class ShredReport:
    scope: str
    artefacts: int  # artefacts marked deleted by this shred
    objects_removed: int  # stored objects and object versions removed
    key_destroyed_at: datetime
    already_shredded: bool  # the key had been destroyed before (this run only removed leftovers)
