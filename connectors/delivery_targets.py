"""Where a delivery's files land before it is published: a staging folder renamed into place, an S3 prefix
with streaming uploads, or the dataset's vault scope (encrypted artefacts); each can publish the manifest last
or discard everything it wrote. A local staging folder that a killed process left behind is found by its name
(`discard_stale_staging`), which only this module makes."""

from __future__ import annotations

import contextlib
import glob
import io
import os
import secrets
import shutil
import threading
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from intake import vault_packages
from intake.connectors.errors import DeliveryError
from intake.private_files import fsync_dir
from intake.s3_upload import StreamingUpload

if TYPE_CHECKING:
    from intake.context import Actor
    from intake.vault import ArtefactInfo, Vault, VaultWriter

MANIFEST = "manifest.json"
STAGING_PREFIX = ".staging-"  # a local package is written in ".staging-<package>-<token>" beside its place


def _staging_path(folder: Path, package: str) -> Path:
    return folder / f"{STAGING_PREFIX}{package}-{secrets.token_hex(4)}"


def discard_stale_staging(folder: Path, keep: Collection[str], prefix: str = "") -> int:
    """Remove the staging folders in `folder` of packages named `prefix...`, except those of the packages in
    `keep` (still being written): a process killed between its first file and its commit or abort leaves its
    staging folder, never visible as a package. Returns how many were removed."""
    removed = 0
    for path in folder.glob(f"{STAGING_PREFIX}{glob.escape(prefix)}*") if folder.is_dir() else []:
        package = path.name.removeprefix(STAGING_PREFIX).rsplit("-", 1)[0]  # "-<token>" ends the name
        if package not in keep:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


class _SyncedFile(io.BufferedWriter):
    """A file whose data reaches the disk (fsync) when it is closed: once the package is renamed into place, a
    crash cannot leave it visible with a file short of what its manifest says."""

    def __init__(self, raw: io.RawIOBase) -> None:
        super().__init__(raw, buffer_size=1 << 20)

    def close(self) -> None:
        if not self.closed:
            self.flush()
            os.fsync(self.fileno())
        super().close()


class _LocalTarget:
    def __init__(self, folder: Path, package: str, replace: bool = False) -> None:
        self.folder = folder
        self.final = folder / package
        self.location = str(self.final)
        self.replace = replace
        if self.final.exists() and not replace:
            raise DeliveryError(f"delivery {self.final} already exists: choose a new package name or remove it")
        # A package holds customer data (pseudonymised, and whatever the anonymiser missed): owner-only, like
        # the vault, whatever the umask. The parent folders are created the same way.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Made by the first file, not here: a sink dropped before it writes (its caller failed in between) leaves
        # no staging folder that nothing would remove.
        self.staging: Path | None = None
        self._lock = threading.Lock()  # files may be opened from a writer thread

    def _staging(self) -> Path:
        with self._lock:
            if self.staging is None:
                staging = _staging_path(self.folder, self.final.name)
                staging.mkdir(mode=0o700)
                self.staging = staging
            return self.staging

    def open(self, relpath: str) -> BinaryIO:
        path = self._staging() / relpath
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # O_EXCL: a file is written once (DeliverySink refuses a second open of a name before this).
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        return _SyncedFile(io.FileIO(fd, "wb"))

    def publish(self, manifest: bytes) -> None:
        with self.open(MANIFEST) as handle:
            handle.write(manifest)
        staging = self._staging()
        old: Path | None = None
        if self.final.exists():
            if not self.replace:
                raise DeliveryError(f"delivery {self.final} appeared while staging: nothing was published")
            # Moved aside under a staging name: if the process dies before removing it, discard_stale_staging
            # finds it like any staging folder left behind.
            old = _staging_path(self.folder, self.final.name)
            os.rename(self.final, old)
        try:
            os.rename(staging, self.final)
        except BaseException:
            if old is not None:
                self._restore(old)  # else the old package, under a staging name, would be discarded as stale
            raise
        fsync_dir(self.folder, required=False)  # a delivery folder may be on a mount that refuses it
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def _restore(self, old: Path) -> None:
        try:
            os.rename(old, self.final)
        except OSError as exc:
            raise DeliveryError(
                f"the new package could not be renamed into place and the previous one could not be put back: it "
                f"is in {old} ({exc.strerror}); rename it to {self.final} at once, as under that name it is "
                "removed as a stale staging folder") from exc

    def discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)


class _S3Upload(io.RawIOBase):
    """One file of the package streamed into its object by boto3's managed transfer (intake/s3_upload.py: no
    spool on disk, bounded memory); `close` stores it, `abort` leaves neither object nor unfinished upload."""

    def __init__(self, client: Any, bucket: str, key: str, on_done: Any, extra: dict[str, str] | None = None) -> None:
        self._client, self._bucket, self._key = client, bucket, key
        self._upload = StreamingUpload(client, bucket, key, extra)  # extra: e.g. SSE-KMS, on the object's creation
        self._on_done = on_done

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self._upload.write(view)
        return len(view)

    def close(self) -> None:
        if self.closed:
            return
        self._upload.finish()
        # upload_fileobj returns no response: the version just stored is read back, so that discard removes it.
        version = self._client.head_object(Bucket=self._bucket, Key=self._key).get("VersionId")
        self._on_done(self._key, version)
        super().close()

    def abort(self) -> None:
        self._upload.abort()
        super().close()


class _S3Target:
    def __init__(self, client: Any, bucket: str, prefix: str, package: str,
                 extra: dict[str, str] | None = None) -> None:
        self.client = client
        self.bucket = bucket
        self.extra = extra or {}
        self.base = f"{prefix.rstrip('/') + '/' if prefix.strip('/') else ''}{package}/"
        self.location = f"s3://{bucket}/{self.base}"
        existing = client.list_objects_v2(Bucket=bucket, Prefix=self.base, MaxKeys=1).get("KeyCount", 0)
        if existing:
            raise DeliveryError(f"delivery {self.location} already has objects: choose a new package name")
        self.written: list[tuple[str, str | None]] = []
        self._open: list[_S3Upload] = []

    def _done(self, key: str, version: str | None) -> None:
        self.written.append((key, version))

    def open(self, relpath: str) -> BinaryIO:
        upload = _S3Upload(self.client, self.bucket, self.base + relpath, self._done, self.extra)
        self._open.append(upload)
        return upload  # type: ignore[return-value]

    def publish(self, manifest: bytes) -> None:
        answer = self.client.put_object(Bucket=self.bucket, Key=self.base + MANIFEST, Body=manifest,
                                        ContentType="application/json", **self.extra)
        self.written.append((self.base + MANIFEST, answer.get("VersionId")))

    def discard(self) -> None:
        for upload in self._open:
            if not upload.closed:
                upload.abort()
        for key, version in self.written:
            if version and version != "null":
                self.client.delete_object(Bucket=self.bucket, Key=key, VersionId=version)
            else:
                self.client.delete_object(Bucket=self.bucket, Key=key)


class _VaultTarget:
    """A package as artefacts of the dataset, encrypted under its data key as they are written (the layout is
    intake/vault_packages.py): the manifest artefact, written last, publishes it; discard deletes what was
    written, committed files included (a partial package must not stay even encrypted)."""

    def __init__(self, vault: Vault, dataset_id: str, package: str, actor: Actor) -> None:
        self._vault, self._dataset_id, self._package, self._actor = vault, dataset_id, package, actor
        self.location = vault_packages.location(dataset_id, package)
        if vault_packages.files(vault, dataset_id, package):
            raise DeliveryError(f"delivery {self.location} already exists: choose a new package name")
        self._writers: list[VaultWriter] = []
        self._manifest: ArtefactInfo | None = None

    def _name(self, relpath: str) -> str:
        return vault_packages.artefact_name(self._package, relpath)

    def open(self, relpath: str) -> BinaryIO:
        writer = self._vault.writer(scope=self._dataset_id, dataset_id=self._dataset_id, kind=vault_packages.KIND,
                                    name=self._name(relpath), actor=self._actor)
        self._writers.append(writer)
        return writer  # type: ignore[return-value]  # a RawIOBase, binary and writable

    def publish(self, manifest: bytes) -> None:
        self._manifest = self._vault.put(self._dataset_id, self._dataset_id, vault_packages.KIND,
                                         self._name(MANIFEST), manifest, self._actor)

    def discard(self) -> None:
        from intake.vault.errors import ArtefactNotFound, KeyDestroyed

        committed = [w.artefact for w in self._writers if w.artefact is not None]
        for writer in self._writers:
            if writer.artefact is None:
                writer.abort()
        if self._manifest is not None:
            committed.append(self._manifest)
        for artefact in committed:
            with contextlib.suppress(ArtefactNotFound, KeyDestroyed):  # already gone with the dataset's key
                self._vault.delete_artefact(artefact.id, self._actor)
