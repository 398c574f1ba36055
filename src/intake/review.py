"""Review before delivery: what a migration run changes per column, the values proposed for the allow- and
deny-lists, and the engineer's decisions, applied by the dataset's next run.

Each run stores, encrypted with the dataset, a review file (`run-<id>/reports/review.json`, a report of raw
values: only roles allowed to see raw data read it) holding the names its person fields gave, the full names its
free text revealed, and the reference values that name a person known in the dataset (a sole trader's company,
a ward named after a member of staff). Decisions (`review/decisions.json`) say which terms are allowed (never
anonymised, e.g. a ward typed into a person field) and which are denied (always anonymised everywhere, e.g. a
name a reviewer spotted); `pipeline.terms.collect_dataset_terms` applies them. Every read and decision is
audited with counts, never values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from intake.context import Context
from intake.errors import NotFound
from intake.registry.models import ArtefactKind

REVIEW_FILE = "review.json"
DECISIONS_NAME = "review/decisions.json"


@dataclass
class Decisions:
    allow: list[str] = field(default_factory=list)
    deny: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"allow": sorted(set(self.allow)), "deny": sorted(set(self.deny))}, ensure_ascii=False)

    def counts(self) -> dict[str, int]:
        return {"allow": len(set(self.allow)), "deny": len(set(self.deny))}


def _latest(vault: Any, dataset_id: str, kind: ArtefactKind, suffix: str) -> Any:
    found = [a for a in vault.artefacts(dataset_id, kind=kind) if a.name.endswith(suffix)]
    return found[-1] if found else None


def load_decisions(ctx: Context, dataset_id: str) -> Decisions:
    """The dataset's review decisions (empty when none were made)."""
    from intake.vault import Vault

    vault = Vault.from_context(ctx)
    artefact = _latest(vault, dataset_id, ArtefactKind.REPORT, DECISIONS_NAME)
    if artefact is None:
        return Decisions()
    data = json.loads(vault.read_bytes(artefact.id, actor=ctx.actor()))
    return Decisions(list(data.get("allow", [])), list(data.get("deny", [])))


def decide(ctx: Context, dataset_id: str, allow: list[str], deny: list[str]) -> Decisions:
    """Add terms to the dataset's allow- and deny-lists (engineer); the next run applies them."""
    from intake.vault import Vault

    actor = ctx.authorise("migration.run", dataset_id=dataset_id)
    decisions = load_decisions(ctx, dataset_id)
    decisions.allow += [t.strip() for t in allow if t.strip()]
    decisions.deny += [t.strip() for t in deny if t.strip()]
    decisions.allow = [t for t in decisions.allow if t not in set(decisions.deny)]  # a later deny wins
    vault = Vault.from_context(ctx)
    old = _latest(vault, dataset_id, ArtefactKind.REPORT, DECISIONS_NAME)
    vault.put(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.REPORT, name=DECISIONS_NAME,
              source=decisions.to_json().encode(), actor=actor)
    if old is not None:
        vault.delete_artefact(old.id, actor)
    ctx.record(actor, "migration.review.decide", dataset_id=dataset_id, added_allow=len(allow), added_deny=len(deny),
               **_totals(decisions.counts()))
    return decisions


def store_proposals(ctx: Context, run: Any, proposals: dict[str, list[str]]) -> str:
    from intake.vault import Vault

    info = Vault.from_context(ctx).put(scope=run.dataset_id, dataset_id=run.dataset_id, kind=ArtefactKind.REPORT,
                                       name=f"run-{run.run_id}/reports/{REVIEW_FILE}",
                                       source=json.dumps(proposals, ensure_ascii=False, indent=1).encode(),
                                       actor=ctx.actor())
    return str(info.id)


def review(ctx: Context, dataset_id: str, show_values: bool = False) -> dict[str, Any]:
    """Per column of the latest run: role, classification, entities, cells changed and cells to review (counts);
    with `show_values` (roles allowed raw data only) the proposed terms themselves."""
    from intake.vault import Vault

    actor = ctx.authorise("report.raw" if show_values else "report.read", dataset_id=dataset_id)
    vault = Vault.from_context(ctx)
    findings = _latest(vault, dataset_id, ArtefactKind.REPORT, "/reports/findings.json")
    if findings is None:
        raise NotFound(f"dataset {dataset_id} has no findings report yet: run `intake migration run {dataset_id} "
                       "--mapping ...` first")
    report = json.loads(vault.read_bytes(findings.id, actor=actor))
    columns = [
        {"table": t["table"], "column": c["column"], "role": c.get("role") or "not mapped",
         "classification": c["classification"], "entities": c.get("entity_counts", {}),
         "changed": c.get("changed_values", 0), "to_review": c.get("review_values", 0)}
        for t in report["tables"] for c in t["columns"]
    ]
    out: dict[str, Any] = {"dataset_id": dataset_id, "run": findings.name.split("/", 1)[0], "columns": columns,
                           "decisions": load_decisions(ctx, dataset_id).counts()}
    proposals = _latest(vault, dataset_id, ArtefactKind.REPORT, "/reports/" + REVIEW_FILE)
    found = json.loads(vault.read_bytes(proposals.id, actor=actor)) if proposals is not None else {}
    out["proposals"] = {k: len(v) for k, v in found.items()}
    if show_values:
        out["values"] = found
    ctx.record(actor, "migration.review", dataset_id=dataset_id, raw_values=show_values, columns=len(columns),
               **_totals({k: len(v) for k, v in found.items()}, "proposed"))
    return out


def _totals(counts: dict[str, int], prefix: str = "total") -> dict[str, Any]:
    """Counts as audit details ("total_allow", "proposed_deny"): never a value."""
    return {f"{prefix}_{k}": v for k, v in counts.items()}
