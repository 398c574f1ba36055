"""Findings report: per table and column the classification, entity counts, operator applied and the re-scan
result, as JSON and Markdown. Examples are always redacted to a shape ("Aa Aa", "9 9"); no raw value, initial
or length ever reaches the report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake.anonymisation.classification import TableClassification
    from intake.anonymisation.counts import AnonymisationCounts
    from intake.anonymisation.policy import Policy
    from intake.anonymisation.rescan import RescanResult

MAX_EXAMPLES = 3


def redact_example(value: str) -> str:
    """Show a value's shape, never the value: no letter, digit or length survives. Each run of letters becomes
    its case class ("Aa" capitalised, "A" upper case, "a" lower case) and each run of digits "9"; spaces and
    punctuation stay: "Jane Doe" -> "Aa Aa", "DOE, Jane" -> "A, Aa", "943 476 5919" -> "9 9 9",
    "jane.doe@example.com" -> "a.a@a.a". Enough to tell a name from a phone number or an e-mail address in a
    report, not enough to recognise anyone (an initial or a length narrows a staff list to a few people)."""
    shape = _RUNS.sub(_run_class, value)
    return shape if len(shape) <= 40 else shape[:37] + "..."


_RUNS = re.compile(r"[^\W\d_]+|\d+")


def _run_class(match: re.Match[str]) -> str:
    run = match.group(0)
    if run[0].isdigit():
        return "9"
    if run.isupper():
        return "A"
    if run[0].isupper():
        return "Aa"
    return "a"


@dataclass
class ColumnReport:
    column: str
    classification: str
    entity_type: str | None
    confidence: float
    reasons: list[str]
    entity_counts: dict[str, int] = field(default_factory=dict)
    operators: dict[str, str] = field(default_factory=dict)
    changed_values: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)
    rescan: str = "not run"
    residual: dict[str, int] = field(default_factory=dict)
    role: str | None = None  # the mapping's data role (person, free_text, reference, code), if mapped
    fields: list[str] = field(default_factory=list)
    review_values: int = 0  # reference cells naming a person known in the dataset, kept for review

    @property
    def personal(self) -> bool:
        return self.classification == "identifier" or bool(self.entity_counts)


@dataclass
class TableReport:
    table: str
    rows: int | None
    sample_rows: int
    columns: list[ColumnReport]


@dataclass
class FindingsReport:
    title: str
    tables: list[TableReport]
    policy: str | None = None
    rescan_threshold: float | None = None
    rescan_clean: bool | None = None
    scope: str = "sample"  # "sample" (profiling only) or "full" (every row)

    @property
    def has_personal_data(self) -> bool:
        return any(c.personal for t in self.tables for c in t.columns)

    def personal_columns(self) -> list[tuple[str, str]]:
        return [(t.table, c.column) for t in self.tables for c in t.columns if c.personal]

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for t in self.tables:
            for c in t.columns:
                for entity, n in c.entity_counts.items():
                    out[entity] = out.get(entity, 0) + n
        return dict(sorted(out.items()))

    def summary(self) -> str:
        """One line for messages and audit details: counts only."""
        cols = self.personal_columns()
        totals = ", ".join(f"{k} {v}" for k, v in self.totals().items()) or "no entity counts"
        where = ", ".join(f"{t}.{c}" for t, c in cols[:8]) + (" ..." if len(cols) > 8 else "")
        return f"personal data in {len(cols)} column(s) ({where}): {totals}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "scope": self.scope,
            "has_personal_data": self.has_personal_data,
            "policy": self.policy,
            "rescan_threshold": self.rescan_threshold,
            "rescan_clean": self.rescan_clean,
            "totals": self.totals(),
            "tables": [asdict(t) for t in self.tables],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def to_markdown(self) -> str:
        lines = [f"# {self.title}", ""]
        verdict = "**Personal data found.**" if self.has_personal_data else "No personal data found."
        lines.append(f"{verdict} Scope: {self.scope}." + (f" Policy: `{self.policy}`." if self.policy else ""))
        if self.rescan_clean is not None:
            lines.append(
                f"Fail-closed re-scan of the output with the anonymiser's own detectors (threshold "
                f"{self.rescan_threshold}): "
                + ("no residual finding. That shows the detectors agree with themselves, not that nothing is left: "
                   "the residual-risk report gives an independent detector's estimate."
                   if self.rescan_clean else "**residual personal data: run stopped**.")
            )
        totals = self.totals()
        if totals:
            lines += ["", "| entity | count |", "| --- | ---: |"] + [f"| {k} | {v} |" for k, v in totals.items()]
        for t in self.tables:
            rows = f"{t.rows} rows" if t.rows is not None else f"sample of {t.sample_rows} rows"
            lines += ["", f"## {t.table} ({rows})", "",
                      "| column | role | classification | entities | operator | changed | examples | re-scan |",
                      "| --- | --- | --- | --- | --- | ---: | --- | --- |"]
            for c in t.columns:
                kind = c.classification + (f" ({c.entity_type})" if c.entity_type else "")
                role = (c.role or "not mapped") + (f" ({c.review_values} to review)" if c.review_values else "")
                ents = ", ".join(f"{k} {v}" for k, v in sorted(c.entity_counts.items())) or "-"
                ops = ", ".join(f"{k}: {v}" for k, v in sorted(c.operators.items())) or "-"
                ex = "; ".join(e for v in c.examples.values() for e in v[:2]) or "-"
                res = c.rescan if not c.residual else f"{c.rescan}: " + ", ".join(
                    f"{k} {v}" for k, v in sorted(c.residual.items()))
                lines.append(f"| {_md(c.column)} | {role} | {kind} | {ents} | {ops} | {c.changed_values} | {_md(ex)} "
                             f"| {res} |")
            why = [c for c in t.columns if c.reasons]
            if why:
                lines += ["", "<details><summary>Why each column was classified so</summary>", ""]
                lines += [f"- **{_md(c.column)}**: {'; '.join(c.reasons)}" for c in why]
                lines += ["", "</details>"]
        return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def build_report(
    classifications: Mapping[str, TableClassification],
    counts: AnonymisationCounts | None = None,
    rescan: Mapping[str, RescanResult] | RescanResult | None = None,
    policy: Policy | None = None,
    title: str = "Personal data findings",
    scope: str | None = None,
) -> FindingsReport:
    """Combine profiling, anonymisation counts and re-scan results into one report."""
    rescans: dict[tuple[str, str], Any] = {}
    threshold = None
    clean: bool | None = None
    results = list(rescan.values()) if isinstance(rescan, Mapping) else ([rescan] if rescan is not None else [])
    for result in results:
        threshold = result.threshold
        clean = (clean if clean is not None else True) and result.clean
        for c in result.columns:
            rescans[(c.table, c.column)] = c
    tables = []
    for table, classification in classifications.items():
        columns = []
        for col in classification.columns.values():
            entity_counts: dict[str, int] = dict(col.sample_findings)
            operators: dict[str, str] = {}
            changed = 0
            examples: dict[str, list[str]] = {}
            stats = counts.column(table, col.column) if counts is not None else None
            if stats is not None:
                entity_counts = dict(stats.entities)
                operators = dict(stats.operators)
                changed = stats.changed_values
                examples = {k: list(v[:MAX_EXAMPLES]) for k, v in stats.examples.items()}
            elif col.kind.value == "identifier" and col.entity_type:
                entity_counts = {col.entity_type: col.sample_values}
            r = rescans.get((table, col.column))
            columns.append(ColumnReport(
                role=col.role, fields=list(col.fields), review_values=stats.review_values if stats else 0,
                column=col.column, classification=col.kind.value, entity_type=col.entity_type,
                confidence=col.confidence, reasons=list(col.reasons), entity_counts=entity_counts,
                operators=operators, changed_values=changed, examples=examples,
                rescan=("not run" if r is None else ("clean" if not r.residual else "residual")),
                residual=dict(r.residual) if r is not None else {},
            ))
        rows = counts.rows.get(table) if counts is not None else None
        tables.append(TableReport(table, rows, classification.sample_rows, columns))
    return FindingsReport(
        title=title, tables=tables, policy=policy.source if policy else None, rescan_threshold=threshold,
        rescan_clean=clean, scope=scope or ("full" if counts is not None else "sample"),
    )
