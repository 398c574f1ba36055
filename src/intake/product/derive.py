"""Entities derived from free-typed columns: manufacturers, models, suppliers, sites, locations, contacts.

The distinct key values of each batch (a few hundred, not a row each) are matched to clusters: names are
normalised ("B. Braun", "B.BRAUN", "B Braun" -> "bbraun"; accents, punctuation and words such as "Ltd" or
"Healthcare" dropped), then, with `match: fuzzy`, compared with rapidfuzz to the clusters already known so
that typos ("Phillips") join their cluster. Names whose digits differ ("MX450", "MX400") never match. The
first spelling seen anchors a cluster and its stable id; the product name is the most frequent spelling
among loaded rows. Rows are mapped to cluster ids in one vectorised `index_in`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

from intake.product.ids import KEY_SEPARATOR, format_ids, join_key_parts, stable_hashes
from intake.product.schema import EntitySpec

MIN_FUZZY_LENGTH = 5  # shorter names ("GE", "3M") are matched exactly after normalisation
_WORD = re.compile(r"[^0-9a-z]+")
_DIGITS = re.compile(r"\d+")


def normalise_name(text: str, ignore_words: tuple[str, ...] = ()) -> str:
    """Comparable form of a free-typed name: no accents, case, punctuation, spaces or filler words."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().replace("&", " and ")
    words = [w for w in _WORD.split(plain) if w]
    kept = [w for w in words if w not in ignore_words]
    return "".join(kept or words)


@dataclass
class Assignment:
    """Derived-entity keys of one batch."""

    hashes: np.ndarray  # stable hash (the id) per row
    valid: np.ndarray  # rows that have a key
    clusters: np.ndarray  # cluster number per row (-1 without a key)


@dataclass
class _Group:
    """Clusters sharing the leading key parts (e.g. models of one manufacturer)."""

    by_name: dict[str, int] = field(default_factory=dict)  # normalised name -> cluster index
    anchors: list[str] = field(default_factory=list)  # normalised names that founded a cluster
    anchor_clusters: list[int] = field(default_factory=list)


class DerivedEntity:
    """State of one derived entity (per namespace) across every batch and table of a run."""

    def __init__(self, spec: EntitySpec, namespace: str, match: str, threshold: float,
                 ignore_words: tuple[str, ...]) -> None:
        self.spec = spec
        self.namespace = namespace
        self.fuzzy = match == "fuzzy"
        self.threshold = threshold
        self.ignore_words = ignore_words if self.fuzzy else ()
        self._assigned: dict[str, int] = {}  # raw key text -> cluster index
        self._clusters_founded = 0
        self._cluster_hashes: list[int] = []  # cluster index -> stable hash (the id)
        self._groups: dict[str, _Group] = {}
        self._row_counts = np.zeros(0, dtype=np.int64)  # cluster -> loaded source rows referring to it
        self._order: list[int] = []  # clusters in order of first use by a loaded row
        self._first_table: dict[int, str] = {}
        self._votes: dict[str, _FieldVotes] = {}

    def assign(self, parts: list[pa.Array]) -> Assignment:
        """The cluster of each row. A row has a key when its last part is present."""
        joined = join_key_parts(parts)
        if len(parts) > 1:
            joined = pc.if_else(pc.is_valid(parts[-1]), joined, pa.scalar(None, pa.string()))
        encoded = joined.dictionary_encode()  # one hash pass: the distinct keys and each row's position
        texts = encoded.dictionary.to_pylist()
        new_anchors: list[str] = []
        for text in texts:
            if text not in self._assigned:
                self._assigned[text] = self._cluster(text, new_anchors)
        if new_anchors:  # one vectorised hash for every cluster founded in this batch
            hashes = stable_hashes(self.namespace, pa.array(new_anchors, pa.string()))
            self._cluster_hashes.extend(int(h) for h in hashes)
        valid = encoded.indices.is_valid().to_numpy(zero_copy_only=False)
        if not texts:
            n = len(joined)
            return Assignment(np.zeros(n, dtype=np.uint64), valid, np.full(n, -1, dtype=np.int64))
        cluster_of_text = np.array([self._assigned[t] for t in texts], dtype=np.int64)
        index = encoded.indices.fill_null(0).to_numpy(zero_copy_only=False)
        clusters = np.where(valid, cluster_of_text[index], -1)
        hashes = np.array(self._cluster_hashes, dtype=np.uint64)[np.maximum(clusters, 0)]
        return Assignment(np.where(valid, hashes, np.uint64(0)), valid, clusters)

    def _cluster(self, text: str, new_anchors: list[str]) -> int:
        """Index of the cluster of a raw key text, founding a new cluster if nothing matches."""
        group_key, _, name = text.rpartition(KEY_SEPARATOR)
        normalised = normalise_name(name, self.ignore_words) if self.fuzzy else " ".join(name.casefold().split())
        group = self._groups.setdefault(group_key, _Group())
        if normalised in group.by_name:
            return group.by_name[normalised]
        cluster: int | None = None
        if self.fuzzy and len(normalised) >= MIN_FUZZY_LENGTH and group.anchors:
            digits = _DIGITS.findall(normalised)
            for candidate, _score, index in process.extract(normalised, group.anchors, scorer=fuzz.ratio,
                                                             score_cutoff=self.threshold, limit=5):
                if _DIGITS.findall(candidate) == digits:
                    cluster = group.anchor_clusters[index]
                    break
        if cluster is None:
            cluster = self._clusters_founded
            self._clusters_founded += 1
            new_anchors.append(f"{group_key}{KEY_SEPARATOR}{normalised}" if group_key else normalised)
            group.anchors.append(normalised)
            group.anchor_clusters.append(cluster)
        group.by_name[normalised] = cluster
        return cluster

    def tally(self, assignment: Assignment, loaded: np.ndarray, fields: dict[str, pa.Array], table: str) -> None:
        """Count loaded rows per cluster and the values they give each field (integer codes, no row loop)."""
        rows = loaded & assignment.valid
        if not rows.any():
            return
        index = np.flatnonzero(rows)
        clusters = assignment.clusters[index]
        per_cluster = np.bincount(clusters, minlength=self._clusters_founded)
        if len(self._row_counts) < len(per_cluster):
            self._row_counts = np.concatenate(
                [self._row_counts, np.zeros(len(per_cluster) - len(self._row_counts), dtype=np.int64)])
        first_use = np.flatnonzero((per_cluster > 0) & (self._row_counts[: len(per_cluster)] == 0))
        for cluster in first_use.tolist():  # clusters seen for the first time: few
            self._order.append(cluster)
            self._first_table[cluster] = table
        self._row_counts[: len(per_cluster)] += per_cluster
        take = None if len(index) == len(rows) else pa.array(index)
        for name, values in fields.items():
            votes = self._votes.setdefault(name, _FieldVotes())
            votes.add(clusters, values if take is None else values.take(take), self._clusters_founded)

    @property
    def row_count(self) -> int:
        return len(self._order)

    def lineage(self) -> Counter[str]:
        return Counter(self._first_table.values())

    def table(self) -> pa.Table:
        """The entity's rows: one per cluster referred to by a loaded row, in order of first use."""
        keys = list(self._order)
        schema = self.spec.arrow_schema()
        hashes = np.array([self._cluster_hashes[k] for k in keys], dtype=np.uint64)
        columns: dict[str, pa.Array] = {self.spec.primary_key: format_ids(self.spec.id_prefix, hashes)}
        for spec_field in self.spec.fields[1:]:
            votes = self._votes.get(spec_field.name)
            values = votes.winners(keys) if votes is not None else [None] * len(keys)
            columns[spec_field.name] = pa.array(values, spec_field.type)
        return pa.Table.from_pydict(columns, schema=schema)


class _FieldVotes:
    """How many loaded rows gave each value of one field to each cluster: a dense count matrix while it is
    small (clusters x distinct values), else a dictionary."""

    DENSE_CELLS = 8_000_000

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._codes: dict[Any, int] = {}
        self._dense = np.zeros((0, 0), dtype=np.int64)
        self._sparse: dict[tuple[int, int], int] | None = None

    def _code(self, value: Any) -> int:
        code = self._codes.get(value)
        if code is None:
            code = self._codes[value] = len(self.values)
            self.values.append(value)
        return code

    def add(self, clusters: np.ndarray, values: pa.Array, cluster_count: int) -> None:
        encoded = values.dictionary_encode()
        distinct = encoded.dictionary.to_pylist()
        if not distinct:
            return
        global_codes = np.array([self._code(v) for v in distinct], dtype=np.int64)  # per distinct value
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        present = codes >= 0
        rows_cluster, rows_value = clusters[present], global_codes[codes[present]]
        width = len(self.values)
        if self._sparse is None and cluster_count * width <= self.DENSE_CELLS:
            self._grow(cluster_count, width)
            counts = np.bincount(rows_cluster * width + rows_value, minlength=cluster_count * width)
            self._dense[:cluster_count, :width] += counts.reshape(cluster_count, width)
            return
        if self._sparse is None:  # too many cells: move the counts to a dictionary
            nonzero = np.argwhere(self._dense > 0)
            self._sparse = {(int(c), int(v)): int(self._dense[c, v]) for c, v in nonzero}
            self._dense = np.zeros((0, 0), dtype=np.int64)
        pairs, counts = np.unique(rows_cluster * (1 << 32) + rows_value, return_counts=True)
        for pair, count in zip(pairs.tolist(), counts.tolist(), strict=True):
            key = (pair >> 32, pair & 0xFFFFFFFF)
            self._sparse[key] = self._sparse.get(key, 0) + count

    def _grow(self, clusters: int, width: int) -> None:
        rows, cols = self._dense.shape
        if clusters <= rows and width <= cols:
            return
        grown = np.zeros((max(clusters, 2 * rows), max(width, 2 * cols)), dtype=np.int64)
        grown[:rows, :cols] = self._dense
        self._dense = grown

    def winners(self, clusters: list[int]) -> list[Any]:
        """The most frequent value per cluster; among equals the first in sort order, so every run agrees."""
        width = len(self.values)
        rank = np.empty(width, dtype=np.int64)
        rank[sorted(range(width), key=lambda i: str(self.values[i]))] = np.arange(width)
        if self._sparse is not None:
            best_of: dict[int, tuple[int, int]] = {}
            for (cluster, code), count in self._sparse.items():
                if cluster not in best_of or (-count, rank[code]) < (-best_of[cluster][0], rank[best_of[cluster][1]]):
                    best_of[cluster] = (count, code)
            return [self.values[best_of[c][1]] if c in best_of else None for c in clusters]
        counts = np.zeros((len(clusters), width), dtype=np.int64)
        inside = [i for i, c in enumerate(clusters) if c < self._dense.shape[0]]
        counts[inside] = self._dense[[clusters[i] for i in inside], :width]
        best = counts.max(axis=1) if width else np.zeros(len(clusters), dtype=np.int64)
        score = np.where((counts == best[:, None]) & (counts > 0), width - rank[None, :], -1)
        chosen = score.argmax(axis=1) if width else np.zeros(len(clusters), dtype=np.int64)
        return [self.values[c] if b > 0 else None for c, b in zip(chosen.tolist(), best.tolist(), strict=True)]
