"""Object stores hold ciphertext only: a local folder (default, local_store.py) or S3 (s3_store.py).

A store is a small protocol; `STORES` maps a store name (as kept in Artefact.store) to a factory
taking the settings, so an artefact is always read back from the store that wrote it. Each store
module registers itself; importing `intake.vault` registers the built-in ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from intake.config import Settings
from intake.errors import ConfigError


class ObjectSink(Protocol):
    """An object being written; invisible to readers until `commit`."""

    def write(self, data: bytes | memoryview) -> None:
        """Take `data`, which the caller reuses after the call: write or copy it before returning."""
        ...

    def commit(self) -> None: ...

    def abort(self) -> None: ...


class ObjectSource(Protocol):
    """Random access to a stored object's bytes."""

    size: int

    def read_at(self, offset: int, length: int) -> bytes: ...

    def close(self) -> None: ...


class ObjectStore(Protocol):
    name: str

    def create(self, location: str) -> ObjectSink: ...

    def open(self, location: str) -> ObjectSource: ...

    def delete(self, location: str) -> int:
        """Remove the object and every earlier version of it; return how many versions were removed."""
        ...

    def delete_prefix(self, prefix: str) -> int:
        """Remove every object (and version) whose location starts with `prefix`; return how many."""
        ...

    def count(self, prefix: str) -> int:
        """How many objects and versions (including unfinished writes) exist under `prefix`."""
        ...

    def describe(self, location: str) -> str: ...


StoreFactory = Callable[[Settings], ObjectStore]
STORES: dict[str, StoreFactory] = {}


def register_store(name: str, factory: StoreFactory) -> None:
    STORES[name] = factory


def store_from_settings(name: str, settings: Settings) -> ObjectStore:
    try:
        factory = STORES[name]
    except KeyError:
        raise ConfigError(f"unknown vault store '{name}': choose one of {', '.join(sorted(STORES))}") from None
    return factory(settings)
