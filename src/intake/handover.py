"""Hand-over of an import package to the product: an explicit, audited copy to a folder the engineer names.

The delivered package stays where retention deletes it: encrypted in the dataset's vault scope (the default),
or at the configured delivery location (`delivery_path`, `delivery_url`). `intake migration fetch DATASET --to
FOLDER` decrypts (or copies) the latest delivered package (`--run`: an older run's; `intake migration packages`
lists them) into that folder, and only while the dataset may still be processed: the authorisation holds (not
withdrawn, purpose migration), no restriction is open, the dataset is not being deleted. The folder must be new
or empty; it is made 0700 and every file 0600, and the copy is verified against the package's manifest (every
file, size and SHA-256) before the command reports success.
The audit event names the package, the folder, the file count and bytes. A copy handed over is outside intake's
retention from then on: the audit log is the record of where it went.

`open_package` is the same hand-over in memory, for programs (benchmarks, tests, scripts) that read the
package's files: same checks, same audit action, each file verified against the manifest as it is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from intake.context import Context
from intake.delivered import choose, delivered_runs
from intake.errors import IntakeError, NotFound
from intake.package_files import Opener, package_files
from intake.private_files import create_new_file
from intake.registry.models import Purpose

if TYPE_CHECKING:
    from intake.context import Actor


class HandoverError(IntakeError):
    """The package cannot be handed over: the named folder is not empty or not writable, the package is gone or
    incomplete, or a file does not verify against its manifest."""


def delivered_packages(ctx: Context, dataset_id: str) -> list[str]:
    """Where the dataset's delivered packages are ("vault:...", a folder, or an s3:// prefix), newest first."""
    return [item.location for item in delivered_runs(ctx, dataset_id)]


def _allowed(ctx: Context, dataset_id: str) -> Actor:
    """The hand-over's checks: the engineer's role, the authorisation still holds, processing not restricted."""
    from intake.authorisation import check_still_authorised
    from intake.retention.holds import ensure_processing_allowed

    actor = ctx.authorise("migration.fetch", dataset_id)
    check_still_authorised(ctx, dataset_id, Purpose.MIGRATION, actor=actor)
    ensure_processing_allowed(ctx, dataset_id)
    return actor


def _files(ctx: Context, package: str, actor: Actor) -> dict[str, Opener]:
    files = package_files(ctx, package, actor)
    if not files:
        raise HandoverError(f"the delivered package {package} is gone (deleted by retention?): nothing to hand over")
    return files


def fetch_package(ctx: Context, dataset_id: str, target: Path, run: str | None = None) -> dict[str, Any]:
    """Hand the latest package (or that of the run `run` names, by id or a unique start of it) over to `target`."""
    actor = _allowed(ctx, dataset_id)
    chosen = choose(dataset_id, delivered_runs(ctx, dataset_id), run)
    package = chosen.location
    target = target.expanduser().absolute()
    _prepare(target)
    try:
        for name, opener in _files(ctx, package, actor).items():
            _private_copy(opener(), target / name)
        from intake.product import verify_package

        manifest = verify_package(target)
    except BaseException as exc:
        shutil.rmtree(target, ignore_errors=True)  # nothing half-copied is left for the product to import
        if isinstance(exc, IntakeError | OSError):
            ctx.record(actor, "migration.fetch", dataset_id, outcome="failed", package=package,
                       error=type(exc).__name__)
        raise
    files = sorted(p for p in target.iterdir() if p.is_file())
    size = sum(p.stat().st_size for p in files)
    ctx.record(actor, "migration.fetch", dataset_id, package=package, run=chosen.run_id, target=str(target),
               files=len(files), bytes=size, manifest_created_at=manifest.get("created_at"))
    return {"dataset_id": dataset_id, "package": package, "run": chosen.run_id, "target": str(target),
            "files": len(files),
            "bytes": size, "verified": True}


@dataclass
class OpenPackage:
    """A delivered package's files, read on demand (decrypted when it is kept in the vault)."""

    location: str
    manifest: dict[str, Any]
    _files: dict[str, Opener] = field(repr=False)

    @property
    def names(self) -> list[str]:
        return sorted(self._files)

    def open(self, name: str) -> BinaryIO:
        """A readable binary file (seekable when the package is in the vault or a folder); not verified."""
        if name not in self._files:
            raise NotFound(f"package {self.location} has no file {name}: its files are {', '.join(self.names)}")
        return self._files[name]()

    def read_bytes(self, name: str) -> bytes:
        """The whole file, verified against the manifest's SHA-256 (the manifest itself is returned as read)."""
        with self.open(name) as handle:
            data = handle.read()
        from intake.product.package import MANIFEST

        if name != MANIFEST:
            listed = self.manifest.get("contents", {}).get(name)
            if listed is None or hashlib.sha256(data).hexdigest() != listed.get("sha256"):
                raise HandoverError(f"package file {name} of {self.location} is not in its manifest or does not "
                                    "match its SHA-256 there: the package was altered; run the migration again")
        return data


def open_package(ctx: Context, dataset_id: str, package: str | None = None) -> OpenPackage:
    """The dataset's latest delivered package (or `package`, one of its delivered packages' locations) for reading
    in memory, with the checks of `fetch_package`; audited as a hand-over (`migration.fetch`, in memory)."""
    from intake.product.package import MANIFEST, PACKAGE_FORMAT

    actor = _allowed(ctx, dataset_id)
    delivered = delivered_runs(ctx, dataset_id)
    location = package or choose(dataset_id, delivered).location
    if location not in {item.location for item in delivered}:
        raise NotFound(f"{location} is not a delivered package of dataset {dataset_id}: take the location from "
                       f"one of its completed runs (`intake migration packages {dataset_id}`)")
    incomplete = HandoverError(f"package {location} is not a complete {PACKAGE_FORMAT} package (its manifest is "
                               "missing or unreadable, or lists files it lacks): run the migration again")
    try:
        files = _files(ctx, location, actor)
        if MANIFEST not in files:
            raise incomplete
        with files[MANIFEST]() as handle:
            try:
                manifest = json.loads(handle.read())
            except ValueError:
                raise incomplete from None
        if manifest.get("format") != PACKAGE_FORMAT or not set(manifest.get("contents", {})) <= set(files):
            raise incomplete
    except IntakeError as exc:
        ctx.record(actor, "migration.fetch", dataset_id, outcome="failed", package=location, in_memory=True,
                   error=type(exc).__name__)
        raise
    ctx.record(actor, "migration.fetch", dataset_id, package=location, in_memory=True, files=len(files))
    return OpenPackage(location, manifest, files)


def _prepare(target: Path) -> None:
    if target.exists():
        if not target.is_dir() or any(target.iterdir()):
            raise HandoverError(f"{target} exists and is not an empty folder: name a new or empty one")
    else:
        target.mkdir(mode=0o700, parents=True)
    os.chmod(target, 0o700)


def _private_copy(source: BinaryIO, path: Path) -> None:
    """Stream `source` into a new file readable by its owner only. Created in place rather than published through
    a temporary name (`write_private`): the folder is new and 0700, a failed hand-over removes it whole, and a
    folder the engineer names (a share) may not allow the hard link that publishing needs."""
    with source:
        create_new_file(path, source)
