"""The independent residual check of a migration run, and the configured rate above which nothing is delivered.

A second detector (anonymisation/residual.py), not the one that anonymised, samples every free-text column as
it will be delivered (after pass 3) and estimates how many values may still hold personal data.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from intake.context import Context
from intake.errors import IntakeError
from intake.logs import get_logger, log_event
from intake.pipeline.artefacts import read_table_batches
from intake.pipeline.errors import step_errors
from intake.pipeline.known_names import known_names_scrubber
from intake.pipeline.terms import load_dataset_terms

log = get_logger("intake.pipeline")


class ResidualRiskTooHigh(IntakeError):
    """The independent check's upper bound is above `anonymisation.residual_stop_rate`: nothing is delivered."""


def residual_check(ctx: Context, run: Any, anonymised: Any, terms_id: str | None) -> Any:
    """The independent check (anonymisation/residual.py) over a sample of every free-text column, as it will
    be delivered (after pass 3); None when no column is free text or the sample size is 0."""
    from intake.anonymisation.dataset_terms import DatasetTerms
    from intake.anonymisation.residual import IndependentCheck, Sampler
    from intake.anonymisation.session import AnonymisationSession
    from intake.vault import Vault

    settings = ctx.settings.anonymisation
    wanted = {t.table: [c.column for c in t.columns if c.classification == "free_text" and c.role != "reference"]
              for t in anonymised.report.tables}
    if settings.residual_sample <= 0 or not any(wanted.values()):
        return None
    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    with step_errors("residual check", run.dataset_id):
        found_ids = [p.found_id for parts in anonymised.parts.values() for p in parts if p.found_id]
        scrub = known_names_scrubber(ctx, run, terms_id, found_ids, {})
        sampler = Sampler(settings.residual_sample)
        for table, parts in anonymised.parts.items():
            columns = wanted.get(table) or []
            if not columns:
                continue
            for part in parts:
                for batch in read_table_batches(vault, part.artefact_id, actor, columns):
                    batch = scrub(table, batch) if scrub is not None else batch
                    for name in columns:
                        sampler.add(table, name, batch.column(name).cast("string").to_pylist())
        terms = load_dataset_terms(ctx, terms_id) or DatasetTerms()
        everyone = tuple(sorted(set(terms.persons) | (scrub.names if scrub is not None else frozenset())))
        identifiers = tuple(sorted({*terms.identifiers, *(scrub.identifiers if scrub is not None else ())}))
        vocabulary = replace(DatasetTerms(everyone, terms.references, identifiers).vocabulary(
            AnonymisationSession.base_vocabulary(settings)), id_schemes=scrub.schemes if scrub is not None else ())
        estimate = IndependentCheck(vocabulary, settings.spacy_model).check(sampler.sample())
    log_event(log, "pipeline.residual_check", dataset_id=run.dataset_id, run_id=run.run_id,
              sampled=estimate.sampled, flagged=estimate.flagged, upper_bound=round(estimate.upper_bound, 4))
    return estimate


def stop_if_residual_too_high(ctx: Context, estimate: Any) -> None:
    """Raise ResidualRiskTooHigh when the estimate's upper bound is above the configured stop rate (no rate, or
    no estimate: the run goes on)."""
    rate = ctx.settings.anonymisation.residual_stop_rate
    if estimate is None or rate is None or estimate.upper_bound <= rate:
        return
    raise ResidualRiskTooHigh(
        f"the independent check flagged {estimate.flagged} of {estimate.sampled} sampled free-text values: up to "
        f"{estimate.upper_bound:.1%} of such values may still hold personal data, above the configured "
        f"anonymisation.residual_stop_rate of {rate:.1%}. Nothing was delivered; read the residual-risk report "
        "(columns and entity types, redacted examples), then add the names to the customer's deny-list file or "
        "raise the rate if the flags are device words"
    )
