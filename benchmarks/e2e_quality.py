"""The e2e benchmark's anonymisation scoring of one cell: the changed regions of a source cell given its delivered
cell (operator tokens aligned, else a word diff), and the recall/precision tallies over all cells scored."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Any

TOKEN = re.compile(r"\b([A-Z]{2,12})_[0-9a-f]{6,64}\b|\[([A-Z_]{2,20})\]")
TOKEN_TYPES = {"PERSON": "PERSON", "PHONE": "PHONE_NUMBER", "EMAIL": "EMAIL_ADDRESS", "NHS": "UK_NHS",
               "NINO": "UK_NINO", "POSTCODE": "UK_POSTCODE", "DOB": "DATE_OF_BIRTH", "ADDRESS": "LOCATION",
               "LOCATION": "LOCATION", "MRN": "MRN", "DATE": "DATE_OF_BIRTH"}
WORDS = re.compile(r"\w+|\s+|[^\w\s]")


def align(source: str, delivered: str) -> list[tuple[int, int, str]]:
    """Changed regions of `source` (start, end, replacement text) given the delivered cell."""
    pieces, cursor = [], 0
    for match in TOKEN.finditer(delivered):
        pieces.append((delivered[cursor:match.start()], match.group(0)))
        cursor = match.end()
    tail = delivered[cursor:]
    if pieces and source.startswith(pieces[0][0]) and source.endswith(tail):
        regions, at = [], len(pieces[0][0])
        limit = len(source) - len(tail)
        ok = True
        for index, (_, replacement) in enumerate(pieces):
            following = pieces[index + 1][0] if index + 1 < len(pieces) else None
            if following is None:
                end = limit
            else:
                end = source.find(following, at + 1, limit) if following else -1
                # ambiguous (empty or repeated literal): leave it to difflib
                if end < 0 or source.find(following, end + 1, limit) >= 0:
                    ok = False
                    break
            if end <= at:
                ok = False
                break
            regions.append((at, end, replacement))
            at = end + len(following or "")
        if ok:
            return regions
    return diff_regions(source, delivered)


def diff_regions(source: str, delivered: str) -> list[tuple[int, int, str]]:
    a, b = WORDS.findall(source), WORDS.findall(delivered)
    offsets = [0]
    for word in a:
        offsets.append(offsets[-1] + len(word))
    regions = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete") and i2 > i1:
            regions.append((offsets[i1], offsets[i2], "".join(b[j1:j2])))
    return regions


def occurs(value: str, text: str) -> bool:
    """`value` is in `text` as a whole word run ("Lee" is not in "Leeds")."""
    if value not in text:
        return False
    return re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", text) is not None


def region_type(replacement: str, overlapped: list[str]) -> str:
    match = TOKEN.search(replacement)
    if match:
        prefix = match.group(1) or match.group(2)
        if prefix in TOKEN_TYPES:
            return TOKEN_TYPES[prefix]
    if replacement.strip().isdigit() or re.fullmatch(r"\s*\d{4}-\d{2}\s*", replacement):
        return "DATE_OF_BIRTH"  # a date generalised to its year or month
    return overlapped[0] if overlapped else "UNTYPED"


class Quality:
    def __init__(self) -> None:
        self.truth: Counter[str] = Counter()
        self.removed: Counter[str] = Counter()
        self.replaced: Counter[str] = Counter()
        self.predicted: Counter[str] = Counter()
        self.tp: Counter[str] = Counter()
        self.tp_same: Counter[str] = Counter()
        self.fp_by_column: Counter[str] = Counter()
        self.leaks_by_column: Counter[str] = Counter()
        self.cells = 0
        self.changed_cells = 0

    def cell(self, column: str, source: str, delivered: str | None, spans: list[tuple[str, int, int, str]],
             nulls: set[str]) -> None:
        self.cells += 1
        if delivered is None:
            regions = [] if source.strip().lower() in nulls else [(0, len(source), "")]
        elif delivered in (source, source.strip()):
            regions = []
        else:
            regions = align(source, delivered)
        self.changed_cells += bool(regions)
        for entity, start, end, value in spans:
            self.truth[entity] += 1
            if delivered is None or not occurs(value, delivered):
                self.removed[entity] += 1
            else:
                self.leaks_by_column[f"{column}:{entity}"] += 1
            covered = start
            for r_start, r_end, _ in sorted(regions):
                if r_start <= covered < r_end:
                    covered = r_end
            if covered >= end:
                self.replaced[entity] += 1
        for r_start, r_end, replacement in regions:
            overlaps = sorted(((min(end, r_end) - max(start, r_start), entity) for entity, start, end, _ in spans
                               if start < r_end and r_start < end), reverse=True)
            overlapped = [entity for _, entity in overlaps]  # most overlapped first
            kind = region_type(replacement, overlapped)
            self.predicted[kind] += 1
            if overlapped:
                self.tp[kind] += 1
                self.tp_same[kind] += kind in overlapped or (kind == "UNTYPED")
            else:
                self.fp_by_column[column] += 1

    def summary(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 5) if b else None

        types = sorted(set(self.truth) | set(self.predicted))
        per_type = {t: {"truth_values": self.truth[t], "removed": self.removed[t],
                        "recall": ratio(self.removed[t], self.truth[t]),
                        "fully_replaced": ratio(self.replaced[t], self.truth[t]),
                        "changed_regions": self.predicted[t], "overlapping_truth": self.tp[t],
                        "precision": ratio(self.tp[t], self.predicted[t]),
                        "precision_same_type": ratio(self.tp_same[t], self.predicted[t])} for t in types}
        truth, predicted = sum(self.truth.values()), sum(self.predicted.values())
        return {"overall": {"truth_values": truth, "recall": ratio(sum(self.removed.values()), truth),
                            "fully_replaced": ratio(sum(self.replaced.values()), truth),
                            "changed_regions": predicted, "precision": ratio(sum(self.tp.values()), predicted)},
                "per_entity_type": per_type,
                "cells_evaluated": self.cells, "cells_changed": self.changed_cells,
                "false_positive_regions_by_column": dict(self.fp_by_column.most_common()),
                "values_left_in_delivered_cell_by_column": dict(self.leaks_by_column.most_common())}
