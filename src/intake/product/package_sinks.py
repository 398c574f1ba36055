"""Where an import package is written: the `PackageSink` protocol.

One family implements it: the connectors' `DeliverySink` (intake/connectors/delivery_sink.py), into a local
folder, an S3 prefix or the dataset's vault scope, with its staging and the clean-up after killed runs.
`LocalFolderPackageWriter` is its local folder for a standalone package, kept under the product API's name.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, Protocol

MANIFEST = "manifest.json"


class PackageSink(Protocol):
    """Destination of a package: files written in full (`write_file`) or streamed while the transform runs, several
    open at once (`open_file`), `manifest.json` last; then committed, the package visible all at once, or aborted,
    nothing of it left."""

    def write_file(self, name: str, chunks: Iterable[bytes]) -> None: ...

    def open_file(self, name: str) -> BinaryIO: ...

    def commit(self) -> object: ...

    def abort(self) -> None: ...


def LocalFolderPackageWriter(destination: str | Path, *, replace: bool = False) -> PackageSink:
    """The package folder `destination`: `DeliverySink.local` (staged in a hidden folder beside it, renamed into
    place on commit), with the manifest exactly as the package wrote it. An existing folder is refused, unless
    `replace` (swapped for the new package on commit).

    A function under the product API's class name: there is one local sink, and intake.product, the core, imports
    the connectors only when a package is written."""
    from intake.connectors.delivery_sink import DeliverySink

    destination = Path(destination)
    return DeliverySink.local(destination.parent, destination.name, replace=replace, stamp_manifest=False)
