"""Import packages kept in the vault: the embedded default delivery (no `delivery_url`, no `delivery_path`).

Each file of a package is one artefact of kind OUTPUT named "<package>/<file>", encrypted under the dataset's
data key like every other copy of the dataset. So no plaintext package is at rest in the intake home, and the
dataset's deletion (artefacts deleted, then the key crypto-shredded) deletes the package with it. The manifest
is written last: a package without its manifest artefact was never delivered (its run died while writing it)
and is discarded once that run is over. A package's location reads "vault:<dataset id>/<package>"; the
hand-over (`intake migration fetch`, handover.py) decrypts it for the product.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from intake.errors import IntakeError
from intake.registry.models import ArtefactKind

if TYPE_CHECKING:
    from intake.context import Actor
    from intake.vault import ArtefactInfo, Vault

PREFIX = "vault:"
MANIFEST = "manifest.json"
KIND = ArtefactKind.OUTPUT


class NotAVaultPackage(IntakeError):
    """A package location that should name a package in the vault does not."""


def dataset_location(dataset_id: str) -> str:
    """Where a dataset's packages go when no delivery location is configured (retention/deliveries.py)."""
    return f"{PREFIX}{dataset_id}"


def location(dataset_id: str, package: str) -> str:
    return f"{dataset_location(dataset_id)}/{package}"


def is_location(text: str) -> bool:
    return text.startswith(PREFIX)


def parse(text: str) -> tuple[str, str]:
    """(dataset id, package) of a "vault:<dataset id>/<package>" location."""
    dataset_id, _, package = text.removeprefix(PREFIX).partition("/")
    if not is_location(text) or not dataset_id or not package or "/" in package:
        raise NotAVaultPackage(f"'{text}' is not the location of a package in the vault "
                               "(vault:<dataset id>/<package>): take it from the run's summary")
    return dataset_id, package


def artefact_name(package: str, relpath: str) -> str:
    return f"{package}/{relpath}"


def packages(vault: Vault, dataset_id: str, *, include_deleted: bool = False) -> dict[str, dict[str, ArtefactInfo]]:
    """The dataset's packages in the vault: package -> {file name: artefact}."""
    found: dict[str, dict[str, ArtefactInfo]] = defaultdict(dict)
    for artefact in vault.artefacts(dataset_id, kind=KIND, include_deleted=include_deleted):
        package, sep, relpath = artefact.name.partition("/")
        if sep:  # an OUTPUT artefact outside any package is not ours to list
            found[package][relpath] = artefact
    return dict(found)


def files(vault: Vault, dataset_id: str, package: str) -> dict[str, ArtefactInfo]:
    """The live files of one package (manifest included), by name; empty when it is gone or never existed."""
    return packages(vault, dataset_id).get(package, {})


def discard_unpublished(vault: Vault, dataset_id: str, running: set[str], actor: Actor) -> int:
    """Delete the files of packages that have no manifest and whose run is over (killed while delivering);
    returns how many were deleted. A running run's package is still being written: left alone."""
    from intake.vault.errors import ArtefactNotFound, KeyDestroyed

    deleted = 0
    for package, held in packages(vault, dataset_id).items():
        if MANIFEST in held or package.removeprefix("run-") in running:
            continue
        for artefact in held.values():
            try:
                vault.delete_artefact(artefact.id, actor)
                deleted += 1
            except (ArtefactNotFound, KeyDestroyed):  # deleted meanwhile (the sweep): nothing left to do
                pass
    return deleted


def certificate_entries(vault: Vault, dataset_id: str, *, include_deleted: bool = True) -> list[dict[str, Any]]:
    """What the dataset's packages in the vault held, for the deletion certificate (deleted ones included) or a
    listing of what exists (`include_deleted=False`): names, counts and sizes (as a delivery folder's are
    listed), and the manifest's SHA-256; read from the registry, so it works after the key is shredded."""
    out = []
    for package, held in sorted(packages(vault, dataset_id, include_deleted=include_deleted).items()):
        manifest = held.get(MANIFEST)
        out.append({
            "package": package,
            "location": location(dataset_id, package),
            "store": "vault",
            "files": len(held),
            "bytes": sum(a.plaintext_size for a in held.values()),
            "ciphertext_bytes": sum(a.size for a in held.values()),
            "manifest_sha256": manifest.plaintext_sha256 if manifest is not None else None,
            "deleted": all(a.deleted_at is not None for a in held.values()),
        })
    return out
