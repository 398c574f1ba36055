"""Scoring for `leakage.py` (the one place it is done): planted personal values left in a package, reference
values kept verbatim.

A package is `{entity: [row dict of str]}`. A personal value *leaks in its own record* when it occurs (case
insensitive, as a whole word; numbers also as digits in the digits-only form of a cell, the anonymiser's tokens
left out) in a cell of the row of its entity whose business key (asset_number / job_number) matches; it *leaks
anywhere* when it occurs in any cell of any table. A reference value is *kept* when it occurs verbatim
(case-sensitive) in its own record: the asset/job row for values in free text, any row of the derived entity
(sites, locations, manufacturers, device_models) for values in reference columns.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

NUMERIC_KINDS = {"phone", "hospital_number", "nhs", "chi", "dob"}
KEY_FIELDS = {"assets": "asset_number", "jobs": "job_number"}
SEP = "\x00"


def load_package(path: Path) -> dict[str, list[dict[str, str]]]:
    """Every Parquet file under `path`, every cell as text (nulls dropped)."""
    import pyarrow.parquet as pq

    tables: dict[str, list[dict[str, str]]] = defaultdict(list)
    for file in sorted(Path(path).rglob("*.parquet")):
        table = pq.read_table(file)
        rows = table.to_pylist()
        tables[file.stem].extend({k: str(v) for k, v in row.items() if v is not None} for row in rows)
    return dict(tables)


# The anonymiser's tokens ("PERSON_3c07012e468eabbf") carry hex digits: read as digits they would make up numbers
# nobody planted, so they are taken out before a cell is searched as digits.
_TOKEN = re.compile(r"\b[A-Z][A-Z_]{1,20}_[0-9a-f]{8,64}\b")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", _TOKEN.sub(" ", text))


class _Haystack:
    def __init__(self, cells: Iterable[str]) -> None:
        cells = list(cells)
        self.text = SEP.join(cells)
        self.lower = self.text.lower()
        self.digits = SEP.join(_digits(c) for c in cells)

    def contains(self, value: str, kind: str) -> bool:
        low = value.lower()
        if low in self.lower and re.search(rf"(?<!\w){re.escape(low)}(?!\w)", self.lower):
            return True
        if kind in NUMERIC_KINDS:
            digits = _digits(value)
            if len(digits) >= 6:
                core = digits[2:] if digits.startswith("44") and kind == "phone" else digits
                core = core[1:] if core.startswith("0") and kind == "phone" else core
                return core in self.digits
        return False

    def verbatim(self, value: str) -> bool:
        return value in self.text


def score(truth: list[dict[str, Any]], package: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    records: dict[tuple[str, str], list[str]] = {}
    for entity, key_field in KEY_FIELDS.items():
        for row in package.get(entity, []):
            key = row.get(key_field)
            if key is not None:
                records[(entity, key.upper())] = [v for k, v in row.items() if k != key_field]
    own: dict[tuple[str, str], _Haystack] = {}
    tables = {e: _Haystack(v for row in rows for v in row.values()) for e, rows in package.items()}
    anywhere = _Haystack(v for rows in package.values() for row in rows for v in row.values())
    leaks: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # total, own, anywhere, record missing
    by_case: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # names by how they are written
    kept: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # total, kept
    leaked_examples: list[dict[str, Any]] = []
    destroyed: list[dict[str, Any]] = []
    cache: dict[tuple[str, str], bool] = {}
    for entry in truth:
        kind, value, entity = entry["kind"], entry["value"], entry["entity"]
        if entry["personal"]:
            counts = leaks[kind]
            counts[0] += 1
            rec = (entity, str(entry["key"]).upper())
            if rec not in records:
                counts[3] += 1
            else:
                if rec not in own:
                    own[rec] = _Haystack(records[rec])
                if own[rec].contains(value, kind):
                    counts[1] += 1
                    leaked_examples.append(entry)
            ck = (value, kind)
            if ck not in cache:
                cache[ck] = anywhere.contains(value, kind)
            counts[2] += cache[ck]
            if kind == "name":
                case = by_case[_case(value)]
                case[0] += 1
                case[1] += bool(leaked_examples and leaked_examples[-1] is entry)
                case[2] += cache[ck]
        else:
            where = "free_text" if entity in KEY_FIELDS else "reference_column"
            label = f"{kind}/{where}"
            if entity in KEY_FIELDS:
                rec = (entity, str(entry["key"]).upper())
                ok = rec in records and _Haystack(records[rec]).verbatim(value)
            else:
                ok = entity in tables and tables[entity].verbatim(value)
            kept[label][0] += 1
            kept[label][1] += ok
            if not ok:
                destroyed.append(entry)
    personal = {k: {"planted": t, "leak_own_record": o, "leak_anywhere": a, "record_missing": m,
                    "leak_rate_own_record": round(o / t, 4) if t else None,
                    "leak_rate_anywhere": round(a / t, 4) if t else None}
                for k, (t, o, a, m) in sorted(leaks.items())}
    tot = [sum(v[i] for v in leaks.values()) for i in range(4)]
    personal["ALL"] = {"planted": tot[0], "leak_own_record": tot[1], "leak_anywhere": tot[2],
                       "record_missing": tot[3], "leak_rate_own_record": round(tot[1] / max(tot[0], 1), 4),
                       "leak_rate_anywhere": round(tot[2] / max(tot[0], 1), 4)}
    reference = {k: {"planted": t, "kept": n, "kept_rate": round(n / t, 4) if t else None}
                 for k, (t, n) in sorted(kept.items())}
    cases = {k: {"planted": t, "leak_rate_own_record": round(o / t, 4), "leak_rate_anywhere": round(a / t, 4)}
             for k, (t, o, a) in sorted(by_case.items())}
    return {"personal": personal, "name_by_case": cases, "reference": reference, "_leaked": leaked_examples,
            "_destroyed": destroyed}


def _case(value: str) -> str:
    if value.islower():
        return "lower"
    return "upper" if value.isupper() else "mixed"


def redact(value: str) -> str:
    """A leaked value shown in a debug file: first letter and shape only."""
    return value[:1] + re.sub(r"[A-Za-z]", "x", re.sub(r"\d", "9", value[1:]))
