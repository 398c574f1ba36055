"""Stable ids and compact key sets.

A product id is `<PREFIX>-<16 hex digits>`: SipHash-2-4 (key "0123456789123456", as pandas' `hash_array`)
of the UTF-8 natural key, mixed with the hash of a namespace (the entity, or a name the mapping gives) by
the SplitMix64 finaliser. The same natural key always gives the same id, in any run, so a job's asset id
is computed from the job row alone and checked against the set of asset ids seen, instead of joining
tables. Key sets hold these 64-bit hashes in sorted runs: 8 bytes per key, never whole tables.
"""

from __future__ import annotations

import functools

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
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
    """A set of unique 64-bit keys, each with optional int64 payloads, in a few sorted runs.

    Adding a batch sorts it and merges runs of similar size (log-structured), so n keys cost O(n log n)
    overall and a lookup is a binary search per run.
    """

    def __init__(self, payloads: int = 0) -> None:
        self._payloads = payloads
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []

    def __len__(self) -> int:
        return sum(len(keys) for keys, _ in self._runs)

    def add(self, keys: np.ndarray, *payloads: np.ndarray, presorted: bool = False) -> None:
        """Add keys absent from the set and unique among themselves."""
        if len(payloads) != self._payloads:
            raise ValueError(f"KeySet holds {self._payloads} payloads per key")
        if len(keys) == 0:
            return
        keys = np.asarray(keys, dtype=np.uint64)
        values = np.vstack([np.asarray(p, dtype=np.int64) for p in payloads]) if payloads else \
            np.zeros((0, len(keys)), dtype=np.int64)
        if not presorted:
            order = np.argsort(keys, kind="stable")
            keys, values = keys[order], values[:, order]
        self._runs.append((keys, values))
        while len(self._runs) > 1 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            (k2, v2), (k1, v1) = self._runs.pop(), self._runs.pop()
            merged = np.concatenate([k1, k2])
            order = np.argsort(merged, kind="stable")  # two sorted runs: timsort merges them in linear time
            self._runs.append((merged[order], np.concatenate([v1, v2], axis=1)[:, order]))

    def lookup_sorted(self, sorted_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`lookup` for probes already in ascending order (sorted probes walk each run with few cache misses)."""
        found = np.zeros(len(sorted_keys), dtype=bool)
        values = np.zeros((self._payloads, len(sorted_keys)), dtype=np.int64)
        for run_keys, run_values in self._runs:
            position = np.searchsorted(run_keys, sorted_keys)
            np.minimum(position, len(run_keys) - 1, out=position)
            hit = run_keys[position] == sorted_keys
            if hit.any():
                found |= hit
                values[:, hit] = run_values[:, position[hit]]
        return found, values

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(found mask, payloads as a (payloads, len(keys)) array; zeros where not found)."""
        keys = np.asarray(keys, dtype=np.uint64)
        if not self._runs or len(keys) == 0:
            return np.zeros(len(keys), dtype=bool), np.zeros((self._payloads, len(keys)), dtype=np.int64)
        order = np.argsort(keys)
        sorted_found, sorted_values = self.lookup_sorted(keys[order])
        found = np.empty(len(keys), dtype=bool)
        values = np.empty_like(sorted_values)
        found[order] = sorted_found
        values[:, order] = sorted_values
        return found, values

    def contains(self, keys: np.ndarray) -> np.ndarray:
        return self.lookup(keys)[0]
