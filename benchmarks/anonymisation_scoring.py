"""The anonymisation benchmark's span-overlap scoring against the generator's ground truth: precision, recall and F1
per entity type, and false positives in the columns the generator marks non-personal."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa


class Scorer:
    """Span-overlap scoring: a truth span is found when a prediction of the same type overlaps it."""

    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()  # by entity, truth side
        self.fn: Counter[str] = Counter()
        self.ptp: Counter[str] = Counter()  # by entity, prediction side
        self.fp: Counter[str] = Counter()
        self.any_found: Counter[str] = Counter()  # truth spans overlapped by a prediction of any type (privacy view)
        self.free_text_tp: Counter[str] = Counter()
        self.free_text_fn: Counter[str] = Counter()

    def add(self, truth: list[tuple[str, int, int]], predicted: list[tuple[str, int, int]], free_text: bool) -> None:
        for entity, s, e in truth:
            same = any(p == entity and ps < e and s < pe for p, ps, pe in predicted)
            anyt = any(ps < e and s < pe for _, ps, pe in predicted)
            (self.tp if same else self.fn)[entity] += 1
            if anyt:
                self.any_found[entity] += 1
            if free_text:
                (self.free_text_tp if same else self.free_text_fn)[entity] += 1
        for p, ps, pe in predicted:
            ok = any(t == p and ps < e and s < pe for t, s, e in truth)
            (self.ptp if ok else self.fp)[p] += 1

    def report(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for entity in sorted(set(self.tp) | set(self.fn) | set(self.ptp) | set(self.fp)):
            out[entity] = prf(self.ptp[entity], self.fp[entity], self.tp[entity], self.fn[entity])
            total = self.tp[entity] + self.fn[entity]
            out[entity]["recall_any_type"] = round(self.any_found[entity] / total, 4) if total else None
        out["OVERALL"] = prf(sum(self.ptp.values()), sum(self.fp.values()), sum(self.tp.values()),
                             sum(self.fn.values()))
        out["OVERALL"]["recall_any_type"] = round(sum(self.any_found.values()) / max(1, sum(self.tp.values())
                                                                                      + sum(self.fn.values())), 4)
        out["FREE_TEXT_RECALL"] = {
            e: round(self.free_text_tp[e] / (self.free_text_tp[e] + self.free_text_fn[e]), 4)
            for e in sorted(set(self.free_text_tp) | set(self.free_text_fn))
            if self.free_text_tp[e] + self.free_text_fn[e]
        }
        out["FREE_TEXT_RECALL"]["support"] = {e: self.free_text_tp[e] + self.free_text_fn[e]
                                              for e in sorted(set(self.free_text_tp) | set(self.free_text_fn))}
        return out


def prf(ptp: int, fp: int, tp: int, fn: int) -> dict[str, Any]:
    precision = ptp / (ptp + fp) if ptp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (2 * precision * recall / (precision + recall)) if precision and recall else None
    return {"precision": r4(precision), "recall": r4(recall), "f1": r4(f1), "support": tp + fn,
            "predicted": ptp + fp}


def r4(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def score(tables: dict[str, list[pa.RecordBatch]], truth: dict, predict: Any, free_text_columns: set) -> Scorer:
    scorer = Scorer()
    for table, batches in tables.items():
        row = 0
        for batch in batches:
            columns = {name: batch.column(i).to_pylist() for i, name in enumerate(batch.schema.names)}
            for k in range(batch.num_rows):
                row += 1
                for column, values in columns.items():
                    t = truth.get((table, row, column), [])
                    p = predict(table, column, values[k])
                    if t or p:
                        scorer.add(t, p, (table, column) in free_text_columns)
    return scorer


def nonpersonal_fp(folder: Path, tables: dict, outputs: dict) -> dict[str, Any]:
    """Share of cells changed in columns the generator marks as holding no personal data, by kind."""
    spec = json.loads((folder / "nonpersonal.json").read_text())
    changed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for col in spec["columns"]:
        table, column, kind = col["table"], col["column"], col["kind"]
        if table not in tables or table not in outputs:
            continue
        before = pa.Table.from_batches(tables[table]).column(column).to_pylist()
        after_table = pa.Table.from_batches(outputs[table])
        if column not in after_table.column_names:
            changed[kind] += sum(v is not None for v in before)
            total[kind] += sum(v is not None for v in before)
            continue
        after = after_table.column(column).to_pylist()
        for a, b in zip(before, after, strict=True):
            if a is not None and a.strip():
                total[kind] += 1
                changed[kind] += int(a != b)
    return {k: {"cells": total[k], "changed": changed[k], "rate": r4(changed[k] / total[k]) if total[k] else None}
            for k in sorted(total)}


def mentions_in_notes(tables: dict, predict: Any, free_text: set) -> dict[str, Any]:
    """Manufacturer and model names written inside notes that were taken for personal data."""
    if "assets" not in tables:
        return {}
    t = pa.Table.from_batches(tables["assets"])
    notes, makers, models = (t.column(c).to_pylist() for c in ("Notes", "Manufacturer", "Model"))
    mentions = flagged = 0
    for note, maker, model in zip(notes, makers, models, strict=True):
        if not note:
            continue
        spans = predict("assets", "Notes", note)
        for name in (maker, model):
            if name and len(name) > 2 and name in note:
                start = note.index(name)
                mentions += 1
                flagged += int(any(ps < start + len(name) and start < pe for _, ps, pe in spans))
    return {"mentions": mentions, "flagged": flagged, "rate": r4(flagged / mentions) if mentions else None}
