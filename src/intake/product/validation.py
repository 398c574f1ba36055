"""Validation rules and reject records.

Rules are vectorised: each yields a boolean mask of failing rows and one `Reason`. A row collects every
reason that applies (`RowProblems`); rows with any reason are rejected and written to the rejects file with
the source table, row number, the row's source key and all reasons. Reasons name the entity, field and
source column, never the offending value.

Uniqueness and referential integrity keep state across batches in `KeySet`s of 64-bit key hashes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from intake.product.ids import KeySet
from intake.product.schema import DATE, EARLIEST_DATE, TIMESTAMP, FieldSpec


class ReasonCode(StrEnum):
    EMPTY_ROW = "empty_row"
    MISSING_REQUIRED = "missing_required"
    INVALID_VALUE = "invalid_value"
    UNKNOWN_CODE = "unknown_code"
    OUT_OF_RANGE = "out_of_range"
    FUTURE_DATE = "future_date"
    DATES_OUT_OF_ORDER = "dates_out_of_order"
    DUPLICATE_KEY = "duplicate_key"
    DUPLICATE_VALUE = "duplicate_value"
    MISSING_REFERENCE = "missing_reference"
    REJECTED_REFERENCE = "rejected_reference"


@dataclass(frozen=True)
class Reason:
    code: str
    entity: str | None
    field: str | None
    column: str | None
    message: str


REASON_TYPE = pa.struct([("code", pa.string()), ("entity", pa.string()), ("field", pa.string()),
                         ("column", pa.string()), ("message", pa.string())])
REJECTS_SCHEMA = pa.schema([
    pa.field("source_table", pa.string(), nullable=False),
    pa.field("row_number", pa.int64(), nullable=False),
    pa.field("source_key", pa.string()),
    pa.field("related_row", pa.int64()),  # for duplicates: the row already loaded with the same key
    pa.field("reasons", pa.list_(REASON_TYPE), nullable=False),
])


class RowProblems:
    """Failing-row masks of one batch, each with its reason."""

    def __init__(self, num_rows: int) -> None:
        self.num_rows = num_rows
        self._entries: list[tuple[np.ndarray, Reason]] = []
        self.related_row = np.full(num_rows, -1, dtype=np.int64)

    def add(self, mask: np.ndarray, reason: Reason) -> None:
        if mask.any():
            self._entries.append((mask, reason))

    def only(self, mask: np.ndarray, reason: Reason) -> None:
        """Rows in mask get this reason and no other (e.g. an empty row is just empty)."""
        if not mask.any():
            return
        self._entries = [(m & ~mask, r) for m, r in self._entries]
        self._entries.append((mask, reason))

    def any(self) -> np.ndarray:
        failing = np.zeros(self.num_rows, dtype=bool)
        for mask, _ in self._entries:
            failing |= mask
        return failing

    def counts(self) -> Counter[str]:
        """Rows per reason code (a row with two reasons of one code counts once)."""
        by_code: dict[str, np.ndarray] = {}
        for mask, reason in self._entries:
            by_code[reason.code] = by_code.get(reason.code, np.zeros(self.num_rows, dtype=bool)) | mask
        return Counter({code: int(mask.sum()) for code, mask in by_code.items() if mask.any()})

    def rejects(self, table: str, row_numbers: np.ndarray, source_keys: pa.Array | None) -> pa.RecordBatch:
        """One record per failing row, reasons in the order they were found."""
        failing = self.any()
        rows = np.flatnonzero(failing)
        if len(rows) == 0:
            return pa.RecordBatch.from_pylist([], schema=REJECTS_SCHEMA)
        row_parts, reason_parts = [], []
        for number, (mask, _) in enumerate(self._entries):
            hit = np.flatnonzero(mask)
            row_parts.append(hit)
            reason_parts.append(np.full(len(hit), number, dtype=np.int64))
        all_rows = np.concatenate(row_parts)
        all_reasons = np.concatenate(reason_parts)
        order = np.lexsort((all_reasons, all_rows))
        all_rows, all_reasons = all_rows[order], all_reasons[order]
        offsets = np.searchsorted(all_rows, rows, side="left").astype(np.int32)
        offsets = np.append(offsets, np.int32(len(all_rows)))
        reasons = pa.array([r.__dict__ for _, r in self._entries], REASON_TYPE).take(pa.array(all_reasons))
        take = pa.array(rows)
        keys = source_keys.take(take) if source_keys is not None else pa.nulls(len(rows), pa.string())
        related = self.related_row[rows]
        return pa.RecordBatch.from_arrays([
            pa.array(np.full(len(rows), table, dtype=object), pa.string()),
            pa.array(row_numbers[rows], pa.int64()),
            keys,
            pa.array(related, pa.int64(), mask=related < 0),
            pa.ListArray.from_arrays(pa.array(offsets), reasons),
        ], schema=REJECTS_SCHEMA)


# --- field rules -----------------------------------------------------------------------------------------


def _mask(values: pa.Array) -> np.ndarray:
    return values.fill_null(False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


def field_rules(spec: FieldSpec, entity: str, column: str | None, values: pa.Array, applies: np.ndarray,
                already_failed: np.ndarray, today: date) -> list[tuple[np.ndarray, Reason]]:
    """Required, range and date-plausibility rules of one field. `applies`: rows the output covers."""
    found: list[tuple[np.ndarray, Reason]] = []
    where = f"{entity}.{spec.name}" + (f" (column '{column}')" if column else "")
    if spec.required:
        missing = applies & _mask(pc.is_null(values)) & ~already_failed
        found.append((missing, Reason(ReasonCode.MISSING_REQUIRED, entity, spec.name, column,
                                      f"{where} is required but empty")))
    if spec.min_value is not None and (pa.types.is_integer(values.type) or pa.types.is_floating(values.type)
                                       or pa.types.is_decimal(values.type)):
        low = applies & _mask(pc.less(pc.cast(values, pa.float64()), float(spec.min_value)))
        found.append((low, Reason(ReasonCode.OUT_OF_RANGE, entity, spec.name, column,
                                  f"{where} must be at least {spec.min_value:g}")))
    if values.type in (DATE, TIMESTAMP):
        if values.type == DATE:
            earliest = pa.scalar(EARLIEST_DATE, DATE)
            latest = pa.scalar(today, DATE)
        else:
            earliest = pa.scalar(datetime.combine(EARLIEST_DATE, datetime.min.time()), TIMESTAMP)
            latest = pa.scalar(datetime.combine(today + timedelta(days=1), datetime.min.time())
                               - timedelta(seconds=1), TIMESTAMP)
        early = applies & _mask(pc.less(values, earliest))
        found.append((early, Reason(ReasonCode.OUT_OF_RANGE, entity, spec.name, column,
                                    f"{where} is before {EARLIEST_DATE.isoformat()}")))
        if spec.not_future:
            late = applies & _mask(pc.greater(values, latest))
            found.append((late, Reason(ReasonCode.FUTURE_DATE, entity, spec.name, column,
                                       f"{where} is in the future")))
    return [(mask, reason) for mask, reason in found if mask.any()]


def order_rule(entity: str, earlier: str, later: str, first: pa.Array, second: pa.Array,
               applies: np.ndarray) -> tuple[np.ndarray, Reason]:
    """`later` must not be before `earlier`, compared by day: exports often keep only the date of one of
    them (raised 14:00, completed "same day" at midnight)."""
    if pa.types.is_timestamp(first.type):
        first = pc.cast(first, DATE)
    if pa.types.is_timestamp(second.type):
        second = pc.cast(second, DATE)
    wrong = applies & _mask(pc.greater(first, second))
    return wrong, Reason(ReasonCode.DATES_OUT_OF_ORDER, entity, later, None,
                         f"{entity}.{later} is before {entity}.{earlier}")


# --- keys across batches ---------------------------------------------------------------------------------


@dataclass
class KeyCheck:
    """Outcome of checking a batch's keys: new rows, identical duplicates (merged) and conflicts."""

    new: np.ndarray
    merged: np.ndarray
    conflict: np.ndarray
    related_row: np.ndarray  # row number of the earlier row with the same key, -1 if none


class UniqueKeys:
    """Keys already loaded (primary keys or unique values), with the first row and a content hash of each."""

    def __init__(self, with_content: bool = True) -> None:
        self.with_content = with_content  # keep content hashes (only needed to merge identical rows)
        self._loaded = KeySet(payloads=2 if with_content else 1)

    def __len__(self) -> int:
        return len(self._loaded)

    def check(self, keys: np.ndarray, candidates: np.ndarray, row_numbers: np.ndarray,
              content: np.ndarray | None) -> KeyCheck:
        """Classify candidate rows. With `content`, a duplicate whose content hash equals the first is merged."""
        n = len(keys)
        new = np.zeros(n, dtype=bool)
        merged = np.zeros(n, dtype=bool)
        conflict = np.zeros(n, dtype=bool)
        related = np.full(n, -1, dtype=np.int64)
        index = np.flatnonzero(candidates)
        if len(index) == 0:
            return KeyCheck(new, merged, conflict, related)
        found, payload = self._loaded.lookup(keys[index])
        # repeats of a key loaded in an earlier batch
        old = index[found]
        related[old] = payload[-1][found]
        if content is not None and self.with_content:
            same = payload[0].view(np.uint64)[found] == content[old]
            merged[old[same]] = True
            conflict[old[~same]] = True
        else:
            conflict[old] = True
        # within this batch: the first row of each key is new, later rows compare with it
        fresh = index[~found]
        if len(fresh):
            codes, _ = pd.factorize(keys[fresh])  # hash-based
            # np.unique guarantees the index of each code's first occurrence (fancy assignment with repeated
            # indices does not guarantee which write wins)
            _, first_at = np.unique(codes, return_index=True)
            anchor = fresh[first_at[codes]]
            is_first = anchor == fresh
            new[fresh[is_first]] = True
            later, earlier = fresh[~is_first], anchor[~is_first]
            related[later] = row_numbers[earlier]
            if content is not None:
                same = content[later] == content[earlier]
                merged[later[same]] = True
                conflict[later[~same]] = True
            else:
                conflict[later] = True
        return KeyCheck(new, merged, conflict, related)

    def commit(self, keys: np.ndarray, rows: np.ndarray, row_numbers: np.ndarray,
               content: np.ndarray | None) -> None:
        """Remember the keys of `rows` (new, unique keys: the `new` rows of `check`)."""
        index = np.flatnonzero(rows)
        payloads = [row_numbers[index]]
        if self.with_content:
            hashes = content[index] if content is not None else np.zeros(len(index), dtype=np.uint64)
            payloads.insert(0, hashes.view(np.int64))
        self._loaded.add(keys[index], *payloads)

    def contains(self, keys: np.ndarray) -> np.ndarray:
        return self._loaded.contains(keys)


class RejectedKeys:
    """Keys of rows that were rejected, so a reference to them is reported as such."""

    def __init__(self) -> None:
        self._keys = KeySet()

    def add(self, keys: np.ndarray) -> None:
        if len(keys) == 0:
            return
        distinct = pd.unique(keys)
        self._keys.add(distinct[~self._keys.contains(distinct)])

    def contains(self, keys: np.ndarray) -> np.ndarray:
        return self._keys.contains(keys)
