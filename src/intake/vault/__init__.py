"""Encrypted vault: envelope encryption (per-scope data keys under a KEK), local or S3 storage, crypto-shredding."""

from __future__ import annotations

from intake.vault.errors import (
    ArtefactNotFound,
    IntegrityError,
    KekAltered,
    KekForeign,
    KekMissing,
    KekUnavailable,
    KeyCheckFailed,
    KeyDestroyed,
    KeyProviderError,
    StoreError,
    VaultError,
)
from intake.vault.keys import (
    DataKeyring,
    KeyCheckReport,
    check_keys,
    initialise_kek,
    require_keys_ok,
    rotate_kek,
)
from intake.vault.kms import KmsKeyProvider
from intake.vault.local_kek import LocalKeyProvider
from intake.vault.local_store import LocalStore
from intake.vault.providers import KEY_PROVIDERS, KeyProvider, register_key_provider
from intake.vault.records import ArtefactInfo, ShredReport
from intake.vault.s3_store import S3Store
from intake.vault.stores import STORES, ObjectStore, register_store
from intake.vault.streams import VaultReader, VaultWriter
from intake.vault.vault import Vault

__all__ = [
    "KEY_PROVIDERS",
    "STORES",
    "ArtefactInfo",
    "ArtefactNotFound",
    "DataKeyring",
    "IntegrityError",
    "KekAltered",
    "KekForeign",
    "KekMissing",
    "KekUnavailable",
    "KeyCheckFailed",
    "KeyCheckReport",
    "KeyDestroyed",
    "KeyProvider",
    "KeyProviderError",
    "KmsKeyProvider",
    "LocalKeyProvider",
    "LocalStore",
    "ObjectStore",
    "S3Store",
    "ShredReport",
    "StoreError",
    "Vault",
    "VaultError",
    "VaultReader",
    "VaultWriter",
    "check_keys",
    "initialise_kek",
    "register_key_provider",
    "register_store",
    "require_keys_ok",
    "rotate_kek",
]
