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
        self._rows: dict[int, int] = {}  # cluster -> loaded source rows referring to it (in order of first use)
        self._first_table: dict[int, str] = {}
        self._votes: dict[str, dict[tuple[int, Any], int]] = {}  # field -> (cluster, value) -> rows

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
        per_cluster = np.bincount(clusters)
        for cluster in np.flatnonzero(per_cluster).tolist():
            if cluster not in self._rows:
                self._rows[cluster] = 0
                self._first_table[cluster] = table
            self._rows[cluster] += int(per_cluster[cluster])
        take = None if len(index) == len(rows) else pa.array(index)
        for name, values in fields.items():
            encoded = (values if take is None else values.take(take)).dictionary_encode()
            distinct = encoded.dictionary.to_pylist()
            if not distinct:
                continue
            codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
            present = codes >= 0
            combined = clusters[present] * len(distinct) + codes[present]
            if self._clusters_founded * len(distinct) <= 4_000_000:
                counts = np.bincount(combined)
                pairs = np.flatnonzero(counts)
                counts = counts[pairs]
            else:
                pairs, counts = np.unique(combined, return_counts=True)
            votes = self._votes.setdefault(name, {})
            for pair, count in zip(pairs.tolist(), counts.tolist(), strict=True):
                cluster, code = divmod(pair, len(distinct))
                key = (cluster, distinct[code])
                votes[key] = votes.get(key, 0) + count

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def lineage(self) -> Counter[str]:
        return Counter(self._first_table.values())

    def table(self) -> pa.Table:
        """The entity's rows: one per cluster referred to by a loaded row, in order of first use."""
        keys = list(self._rows)
        schema = self.spec.arrow_schema()
        hashes = np.array([self._cluster_hashes[k] for k in keys], dtype=np.uint64)
        columns: dict[str, pa.Array] = {self.spec.primary_key: format_ids(self.spec.id_prefix, hashes)}
        for spec_field in self.spec.fields[1:]:
            best: dict[int, tuple[int, str, Any]] = {}
            for (key, value), count in self._votes.get(spec_field.name, {}).items():
                # most rows first; among equals the first in sort order, so every run agrees
                rank = (-count, str(value), value)
                if key not in best or rank[:2] < best[key][:2]:
                    best[key] = rank
            columns[spec_field.name] = pa.array([best[k][2] if k in best else None for k in keys], spec_field.type)
        return pa.Table.from_pydict(columns, schema=schema)
