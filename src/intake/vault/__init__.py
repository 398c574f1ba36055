"""Encrypted vault: envelope encryption (per-scope data keys under a KEK), local or S3 storage, crypto-shredding.

The names of the key ring, the stores and the vault load when first used (the module's `__getattr__`), not when
the package is imported: `from intake.vault import ed25519` (certificates, audit anchors, signatures) then costs
the Ed25519 module alone, not the ciphers, the registry's key queries and botocore (S3, KMS), which registry reads
such as `intake retention list` must not load (tests/core/test_cli_startup.py). The built-in key providers and
stores are registered here by name all the same, each importing its module when a vault first uses it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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
from intake.vault.providers import KEY_PROVIDERS, KeyProvider, register_key_provider
from intake.vault.stores import STORES, ObjectStore, register_store

if TYPE_CHECKING:
    from intake.config import Settings
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
    from intake.vault.records import ArtefactInfo, ShredReport
    from intake.vault.s3_store import S3Store
    from intake.vault.streams import VaultReader, VaultWriter
    from intake.vault.vault import Vault

# The names loaded on first use, and the module of this package each comes from.
_LAZY = {
    **dict.fromkeys(("DataKeyring", "KeyCheckReport", "check_keys", "initialise_kek", "require_keys_ok",
                     "rotate_kek"), "keys"),
    "KmsKeyProvider": "kms",
    "LocalKeyProvider": "local_kek",
    "LocalStore": "local_store",
    "ArtefactInfo": "records",
    "ShredReport": "records",
    "S3Store": "s3_store",
    "VaultReader": "streams",
    "VaultWriter": "streams",
    "Vault": "vault",
}


def _load(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value


# Hidden from type checkers, which see the names in the TYPE_CHECKING imports above instead: a module
# `__getattr__` returning Any would make mypy accept any name imported from intake.vault, typos included.
if not TYPE_CHECKING:
    __getattr__ = _load


def _on_first_use(class_name: str) -> Callable[[Settings], Any]:
    """A registry factory that imports the class's module when a vault first needs one (the module registers its
    own factory under the same name as it loads)."""

    def build(settings: Settings) -> Any:
        return _load(class_name).from_settings(settings)

    return build


# Under the names kept in DataKey.provider and Artefact.store, so that a stored key or object finds its provider or
# store whichever modules this process has loaded so far.
register_key_provider("local", _on_first_use("LocalKeyProvider"))
register_key_provider("kms", _on_first_use("KmsKeyProvider"))
register_store("local", _on_first_use("LocalStore"))
register_store("s3", _on_first_use("S3Store"))

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
