"""A run's intermediate artefacts read once per process: the dataset's terms and the free-text findings are read by
every chunk a worker handles, so each is decrypted and parsed once, kept in memory while the run's sessions live,
and forgotten with them (`forget_all`, called when the sessions close)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from intake.context import Context

T = TypeVar("T")
_caches: list[ArtefactCache[object]] = []


class ArtefactCache(Generic[T]):
    def __init__(self, parse: Callable[[bytes], T]) -> None:
        self._parse = parse
        self._lock = threading.Lock()
        self._items: dict[str, T] = {}
        _caches.append(self)  # type: ignore[arg-type]

    def get(self, ctx: Context, artefact_id: str) -> T:
        from intake.vault import Vault

        with self._lock:
            item = self._items.get(artefact_id)
            if item is None:
                data = Vault.from_context(ctx).read_bytes(artefact_id, actor=ctx.actor())
                item = self._items[artefact_id] = self._parse(data)
            return item

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def forget_all() -> None:
    """Drop every cached artefact of this process (personal data: kept no longer than the run's sessions)."""
    for cache in _caches:
        cache.clear()
