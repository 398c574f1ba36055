"""Receiving a dataset: every file fingerprinted, the authorisation verified, then each file encrypted into
quarantine."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from intake.context import Actor, Context
from intake.errors import IntakeError
from intake.file_hashes import CHUNK_BYTES, digest_file
from intake.logs import get_logger, log_event
from intake.pipeline.errors import PipelineError, ReceiveFailed
from intake.registry.models import (
    ArtefactKind,
    Dataset,
    DatasetState,
    Purpose,
)

log = get_logger("intake.pipeline")


HASH_BLOCK = CHUNK_BYTES  # the block fingerprints are read in (intake.file_hashes)


@dataclass(frozen=True)
class FileFingerprint:
    name: str
    path: Path
    sha256: str
    size: int


# Told how many bytes were just read: how the flows draw a receive's progress (the core knows no Prefect).
OnRead = Callable[[int], None]


def fingerprint_file(path: Path, on_read: OnRead | None = None) -> FileFingerprint:
    """SHA-256 of a file read in blocks (never whole in memory)."""
    digest = digest_file(path, on_read)
    return FileFingerprint(path.name, path, digest.sha256, digest.size)


class _CountingReader(io.RawIOBase):
    """A received file read into the vault, telling `on_read` the size of each read."""

    def __init__(self, inner: io.BufferedIOBase, on_read: OnRead) -> None:
        super().__init__()
        self._inner, self._on_read = inner, on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self._inner.readinto(buffer)
        if count:
            self._on_read(count)
        return count or 0


def fingerprint_files(paths: Sequence[Path | str], on_read: OnRead | None = None) -> list[FileFingerprint]:
    if not paths:
        raise PipelineError("no files given: name the files listed in the authorisation")
    resolved = [Path(p) for p in paths]
    missing = [str(p) for p in resolved if not p.is_file()]
    if missing:
        raise PipelineError(f"not a readable file: {', '.join(missing)}; check the path")
    names = [p.name for p in resolved]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise PipelineError(
            f"two files share the name {', '.join(duplicated)}: the authorisation lists files by name, "
            "so each received file needs a distinct name"
        )
    return [fingerprint_file(p, on_read) for p in resolved]


def dataset_fingerprint(hashes: Sequence[str]) -> str:
    """SHA-256 over the sorted file hashes: the same files give the same fingerprint in any order."""
    return hashlib.sha256("\n".join(sorted(hashes)).encode()).hexdigest()


@dataclass(frozen=True)
class ReceivedFile:
    name: str
    artefact_id: str
    sha256: str
    size: int


@dataclass(frozen=True)
class ReceivedDataset:
    dataset_id: str
    authorisation: str
    customer_id: str
    purpose: str
    purpose_reference: str
    state: str
    fingerprint: str
    files: list[ReceivedFile] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def summary(self) -> dict[str, Any]:
        """Ids, names and counts only: safe for Prefect results, logs and CLI output."""
        return {**asdict(self), "total_bytes": self.total_bytes}


def verify_received(ctx: Context, reference: str, purpose: Purpose, fingerprints: Sequence[FileFingerprint],
                    actor: Actor) -> Any:
    """Every authorisation check, including each file's SHA-256; raises (and audits) on refusal."""
    from intake.authorisation import verify_for

    return verify_for(ctx, reference, purpose=purpose, files={f.name: f.sha256 for f in fingerprints}, actor=actor)


def receive_dataset(ctx: Context, reference: str, files: Sequence[Path | str],
                    purpose: Purpose | str = Purpose.MIGRATION, actor: Actor | None = None) -> ReceivedDataset:
    """Verify the authorisation, then encrypt each file into the vault quarantine and record the dataset.

    Nothing is stored before verification succeeds. If storing fails part-way, the dataset's scope is
    shredded and the dataset marked deleted, so no readable copy remains.
    """
    actor = actor or ctx.authorise("dataset.receive", authorisation=reference)
    fingerprints = fingerprint_received(ctx, reference, files, actor)
    verified = verify_received(ctx, reference, Purpose(purpose), fingerprints, actor)
    return store_received(ctx, verified, fingerprints, actor)


def fingerprint_received(ctx: Context, reference: str, files: Sequence[Path | str],
                         actor: Actor, on_read: OnRead | None = None) -> list[FileFingerprint]:
    """fingerprint_files, with a refusal (a missing or unreadable file, two files of one name) audited."""
    try:
        return fingerprint_files(files, on_read)
    except PipelineError:
        ctx.record(actor, "dataset.receive", outcome="refused", authorisation=reference,
                   reason="unreadable input file", files=len(files))
        raise


def store_received(ctx: Context, verified: Any, fingerprints: Sequence[FileFingerprint],
                   actor: Actor, on_read: OnRead | None = None) -> ReceivedDataset:
    """Record the dataset (quarantined) and encrypt each verified file into the vault under its scope."""
    from intake.vault import Vault

    fingerprint = dataset_fingerprint([f.sha256 for f in fingerprints])
    with ctx.registry.session() as session:
        dataset = Dataset(
            customer_id=verified.customer_id, authorisation_id=verified.id, purpose=verified.purpose,
            purpose_reference=verified.purpose_reference, state=DatasetState.QUARANTINED, received_by=actor.name,
            received_at=ctx.clock.now(), fingerprint=fingerprint,
        )
        session.add(dataset)
        session.flush()
        dataset_id = dataset.id

    vault = Vault.from_context(ctx)
    stored: list[ReceivedFile] = []
    try:
        for fp in fingerprints:
            with fp.path.open("rb") as source:
                art = vault.put(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.RAW, name=fp.name,
                                source=_CountingReader(source, on_read) if on_read else source, actor=actor)
            if art.plaintext_sha256 != fp.sha256:
                raise ReceiveFailed(
                    f"{fp.path} changed while it was being received (its SHA-256 no longer matches the one "
                    "verified against the authorisation): make sure nothing writes to it and receive again"
                )
            stored.append(ReceivedFile(fp.name, art.id, fp.sha256, fp.size))
    except BaseException as exc:
        _discard_dataset(ctx, vault, dataset_id, actor, reason=type(exc).__name__)
        if isinstance(exc, IntakeError) or not isinstance(exc, Exception):
            raise
        raise ReceiveFailed(
            f"storing dataset {dataset_id} failed ({type(exc).__name__}); nothing was kept: "
            "check the vault settings and receive again"
        ) from None

    ctx.record(actor, "dataset.receive", dataset_id=dataset_id, authorisation=verified.reference,
               purpose=Purpose(verified.purpose).value, files=len(stored), bytes=sum(f.size for f in stored),
               fingerprint=fingerprint)
    log_event(log, "dataset.received", dataset_id=dataset_id, files=len(stored))
    return ReceivedDataset(
        dataset_id=dataset_id, authorisation=verified.reference, customer_id=verified.customer_id,
        purpose=Purpose(verified.purpose).value, purpose_reference=verified.purpose_reference,
        state=DatasetState.QUARANTINED.value, fingerprint=fingerprint, files=stored,
    )


def _discard_dataset(ctx: Context, vault: Any, dataset_id: str, actor: Actor, reason: str) -> None:
    """Crypto-shred a half-received dataset; the row stays (deleted) so the audit trail is complete."""
    try:
        vault.shred(dataset_id, actor)
    finally:
        now = ctx.clock.now()
        with ctx.registry.session() as session:
            dataset = session.get(Dataset, dataset_id)
            if dataset is not None:
                dataset.state = DatasetState.DELETED
                dataset.deletion_started_at = now
                dataset.deleted_at = now
                dataset.deletion_rule = "receive_failed"
        ctx.record(actor, "dataset.receive", dataset_id=dataset_id, outcome="failed", reason=reason)
