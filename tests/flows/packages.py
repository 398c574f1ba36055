"""Delivered packages as the tests read them: through the hand-over (`open_package`, the engineer's in-memory
fetch), never from the vault's internals; and what of them exists at all (vault packages, delivery folder)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from intake import vault_packages
from intake.context import Context
from intake.handover import open_package
from intake.vault import Vault


def read_package(engineer: Context, dataset_id: str, location: str | None = None) -> dict[str, bytes]:
    """Every file of the dataset's latest delivered package (or the one at `location`), verified."""
    opened = open_package(engineer, dataset_id, location)
    return {name: opened.read_bytes(name) for name in opened.names}


def package_tables(engineer: Context, dataset_id: str, location: str | None = None) -> dict[str, pa.Table]:
    """The package's Parquet files as tables, by stem (entity name, "rejects")."""
    return {Path(name).stem: pq.read_table(pa.BufferReader(data))
            for name, data in read_package(engineer, dataset_id, location).items() if name.endswith(".parquet")}


def packages(ctx: Context, dataset_id: str) -> list[str]:
    """Where packages of the dataset exist: vault packages (published or not) and anything, visible or hidden, in
    its local delivery folder (which the default delivery never uses)."""
    held = vault_packages.packages(Vault.from_context(ctx), dataset_id)
    folder = ctx.settings.deliveries_path / dataset_id
    return sorted([vault_packages.location(dataset_id, name) for name in held]
                  + ([str(p) for p in folder.iterdir()] if folder.is_dir() else []))
