"""Sinks: Arrow batches to the vault as encrypted Parquet, rejects to the vault, and atomic deliveries.

- `VaultTarget` names where one artefact goes in the vault (vault, scope, dataset, kind, name, actor); both vault
  sinks take one.
- `VaultParquetSink` streams the batches of one table into one encrypted Parquet artefact (`vault.writer`),
  `group_rows` rows per row group if given (the pipeline's chunks; `row_groups` records their sizes), and at
  least one row group; the artefact exists only if the sink is closed without an error. The pipeline's steps
  write every table through it.
- `VaultRejectSink` keeps every reject (source, table, row, reason and the raw row content) in the vault as
  Parquet, CSV or JSON lines (the format of a run's rejects): the raw content is customer data, so rejects never
  go to plain disk. It counts rejects by reason class for reports (reasons carry no values).
- `DeliverySink` writes a package of files (an import package) to a local folder, an S3 prefix or the
  dataset's vault scope (`DeliverySink.vault`: each file an encrypted artefact, the manifest artefact last;
  intake/vault_packages.py) so that readers see all of it or nothing. Local: files are written under a hidden
  staging folder `.staging-<package>-<token>` beside the target, `manifest.json` is written last, and the folder
  is renamed to the package name (an atomic rename on one filesystem). S3 (no rename): files are uploaded under
  the package prefix and `manifest.json` is written last; readers look for the manifest, and a package without
  one is incomplete. An aborted delivery (an exception inside the `with` block, or no `commit()`) deletes
  everything it wrote, every version of it, so nothing is left visible. The manifest lists every file with size
  and SHA-256. It is the product's `PackageSink` (`write_package` writes through it), and
  `DeliverySink.discard_stale` removes the staging folders that killed processes left in a local folder.
"""

from __future__ import annotations

from intake.connectors.delivery_sink import DeliveredFile, Delivery, DeliverySink
from intake.connectors.delivery_targets import MANIFEST
from intake.connectors.vault_sinks import (
    PARQUET_COMPRESSION,
    REJECT_SCHEMA,
    VaultParquetSink,
    VaultRejectSink,
    VaultTarget,
    write_table_to_vault,
)

__all__ = [
    "MANIFEST",
    "PARQUET_COMPRESSION",
    "REJECT_SCHEMA",
    "DeliveredFile",
    "Delivery",
    "DeliverySink",
    "VaultParquetSink",
    "VaultRejectSink",
    "VaultTarget",
    "write_table_to_vault",
]
