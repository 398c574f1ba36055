"""The files of a delivered import package, wherever it was delivered: listed by name, each opened for reading.

A package's location (as a run's summary records it) is "vault:<dataset id>/<package>" (kept encrypted in the
vault, the default; files are decrypted and authenticated as they are read), a local folder, or an
"s3://bucket/prefix/" of `delivery_url`. The hand-over (handover.py) is the only reader: it copies the files to
a folder the engineer names, or reads them in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from intake import vault_packages

if TYPE_CHECKING:
    from intake.context import Actor, Context

Opener = Callable[[], BinaryIO]


def package_files(ctx: Context, location: str, actor: Actor) -> dict[str, Opener]:
    """File name -> a function opening it for reading (binary). Only the package's top-level files: that is the
    package format (product/package.py). Empty when the package is gone (deleted by retention)."""
    if vault_packages.is_location(location):
        return _vault(ctx, location, actor)
    if location.startswith("s3://"):
        return _s3(ctx, location)
    return _folder(Path(location))


def _vault(ctx: Context, location: str, actor: Actor) -> dict[str, Opener]:
    from intake.vault import Vault

    dataset_id, package = vault_packages.parse(location)
    vault = Vault.from_context(ctx)

    def opener(artefact_id: str) -> Opener:
        return lambda: vault.open(artefact_id, actor)  # type: ignore[return-value]  # a RawIOBase, binary

    held = vault_packages.files(vault, dataset_id, package)
    return {name: opener(artefact.id) for name, artefact in sorted(held.items()) if "/" not in name}


def _folder(folder: Path) -> dict[str, Opener]:
    if not folder.is_dir():
        return {}

    def opener(path: Path) -> Opener:
        return lambda: path.open("rb")

    return {path.name: opener(path) for path in sorted(folder.iterdir()) if path.is_file()}


def _s3(ctx: Context, location: str) -> dict[str, Opener]:
    from intake.retention.deliveries import s3_place

    client, bucket, prefix = s3_place(ctx.settings, location)
    keys = [o["Key"] for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            for o in page.get("Contents", [])]

    def opener(key: str) -> Opener:
        return lambda: client.get_object(Bucket=bucket, Key=key)["Body"]  # type: ignore[no-any-return]

    names = {key[len(prefix):]: key for key in keys}
    return {name: opener(key) for name, key in sorted(names.items()) if name and "/" not in name}
