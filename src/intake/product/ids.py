"""Stable ids and compact key sets.

A product id is `<PREFIX>-<16 hex digits>`: SipHash-2-4 (key "0123456789123456", as pandas' `hash_array`)
of the UTF-8 natural key, mixed with the hash of a namespace (the entity, or a name the mapping gives) by
the SplitMix64 finaliser. The same natural key always gives the same id, in any run, so a job's asset id
is computed from the job row alone and checked against the set of asset ids seen, instead of joining
tables. Key sets hold these 64-bit hashes in a C hash table (about 24 bytes per key), never whole tables.
"""

from __future__ import annotations

import functools

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pandas._libs.hashtable import Int64HashTable  # C hash table; pandas is pinned below 3
from pandas.core.util.hashing import hash_array

KEY_SEPARATOR = "\x1f"  # joins the parts of a composite key; never typed into a legacy system
_NULL_PART = "\x00"


def _mix(values: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        z = values.astype(np.uint64, copy=True)
        z ^= z >> np.uint64(30)
        z *= np.uint64(0xBF58476D1CE4E5B9)
        z ^= z >> np.uint64(27)
        z *= np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
    return z


def hash_strings(values: pa.Array) -> np.ndarray:
    """SipHash of each string's UTF-8 bytes (nulls hash like the empty string; callers mask them)."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.uint64)
    # as bytes objects: the same UTF-8 bytes pandas would encode, without building str objects
    objects = values.fill_null("").cast(pa.binary()).to_numpy(zero_copy_only=False)
    return hash_array(objects, categorize=False)


@functools.lru_cache(maxsize=256)
def namespace_hash(namespace: str) -> np.uint64:
    return _mix(hash_array(np.array([namespace], dtype=object), categorize=False))[0]


def stable_hashes(namespace: str, keys: pa.Array) -> np.ndarray:
    """64-bit stable hashes of natural keys in a namespace."""
    return in_namespace(namespace, hash_strings(keys))


def in_namespace(namespace: str, string_hashes: np.ndarray) -> np.ndarray:
    """Stable hashes from `hash_strings` output, so one column hashed once serves several namespaces."""
    with np.errstate(over="ignore"):
        return _mix(string_hashes ^ namespace_hash(namespace))


def join_key_parts(parts: list[pa.Array]) -> pa.Array:
    """One key string from several columns; null when every part is null."""
    parts = [p.cast(pa.string()) if p.type != pa.string() else p for p in parts]
    if len(parts) == 1:
        return parts[0]
    # fill then join: much faster than null_handling="replace"
    joined = pc.binary_join_element_wise(*[p.fill_null(_NULL_PART) for p in parts], KEY_SEPARATOR)
    all_null = pc.is_null(parts[0])
    for part in parts[1:]:
        all_null = pc.and_(all_null, pc.is_null(part))
    return pc.if_else(all_null, pa.scalar(None, pa.string()), joined)


def join_skipping_nulls(parts: list[pa.Array], separator: str) -> pa.Array:
    """Element-wise join of the present parts; null when none is present.

    (pyarrow's null_handling="skip" drops rows whose parts are all null, shortening the array.)
    """
    result = parts[0]
    for part in parts[1:]:
        both = pc.binary_join_element_wise(result, part, separator)
        result = pc.coalesce(both, result, part)
    return result


def _hex_table() -> np.ndarray:
    """Four hex digits (as one uint32 of ASCII bytes) for every 16-bit value."""
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    values = np.arange(65536)
    chars = np.stack([digits[(values >> shift) & 15] for shift in (12, 8, 4, 0)], axis=1).astype(np.uint8)
    return np.ascontiguousarray(chars).view(np.uint32).ravel()


_HEX4 = _hex_table()


def format_ids(prefix: str, hashes: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """`PREFIX-<16 hex>` strings built straight into an Arrow buffer (no Python string per row)."""
    n = len(hashes)
    head = f"{prefix}-".encode()
    width = len(head) + 16
    rows = np.empty((n, width), dtype=np.uint8)
    rows[:, : len(head)] = np.frombuffer(head, dtype=np.uint8)
    quads = np.ascontiguousarray(hashes, dtype=np.uint64).astype(">u8").view(">u2").reshape(n, 4)
    rows[:, len(head):] = _HEX4[quads].view(np.uint8).reshape(n, 16)
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int32)
    ids = pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(rows))
    if valid is not None and not valid.all():
        ids = pc.if_else(pa.array(valid), ids, pa.scalar(None, pa.string()))
    return ids


class KeySet:
    """A set of unique 64-bit keys, each with optional int64 payloads.

    The keys live in pandas' C hash table (khash, vectorised `lookup` / `map_keys_to_values`); the table
    maps each key to its insertion number, which indexes a growable numpy array of payloads. About 24
    bytes per key plus 8 per payload.
    """

    def __init__(self, payloads: int = 0) -> None:
        self._payloads = payloads
        self._table = Int64HashTable()
        self._store = np.zeros((payloads, 1024), dtype=np.int64)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, keys: np.ndarray, *payloads: np.ndarray) -> None:
        """Add keys absent from the set and unique among themselves."""
        if len(payloads) != self._payloads:
            raise ValueError(f"KeySet holds {self._payloads} payloads per key")
        if len(keys) == 0:
            return
        end = self._count + len(keys)
        if end > self._store.shape[1]:
            grown = np.zeros((self._payloads, max(end, 2 * self._store.shape[1])), dtype=np.int64)
            grown[:, : self._count] = self._store[:, : self._count]
            self._store = grown
        for row, values in enumerate(payloads):
            self._store[row, self._count: end] = values
        positions = np.arange(self._count, end, dtype=np.int64)
        self._table.map_keys_to_values(np.ascontiguousarray(keys, dtype=np.uint64).view(np.int64), positions)
        self._count = end

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(found mask, payloads as a (payloads, len(keys)) array; zeros where not found)."""
        positions = self._table.lookup(np.ascontiguousarray(keys, dtype=np.uint64).view(np.int64))
        found = positions >= 0
        values = np.zeros((self._payloads, len(positions)), dtype=np.int64)
        if self._payloads and found.any():
            values[:, found] = self._store[:, positions[found]]
        return found, values

    def contains(self, keys: np.ndarray) -> np.ndarray:
        return self._table.lookup(np.ascontiguousarray(keys, dtype=np.uint64).view(np.int64)) >= 0
