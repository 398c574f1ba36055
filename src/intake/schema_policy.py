"""The migration run's schema-aware anonymisation: the mapping's data roles, and the dataset's own terms.

- `mapping_column_roles`: for a source table, the role of each column the mapping reads (person, free text,
  reference, code: intake.product.roles), in the plain form the anonymisation package takes.
- `collect_dataset_terms` (pass 1): every name written in a person field of any table, and every value of a
  reference field, and the personal values of tables only the mapping's queries read, read from the run's
  encrypted work files and kept encrypted in the vault as one work artefact; the anonymisation of every chunk
  (pass 2) loads it by id (`load_dataset_terms`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from intake.context import Context
from intake.dataset_values import query_input_values, table_values
from intake.errors import IntakeError
from intake.logs import get_logger, log_event
from intake.pipeline.artefact_cache import ArtefactCache
from intake.registry.models import ArtefactKind

log = get_logger("intake.pipeline")

TERMS_NAME = "dataset-terms.json"


def _parse_terms(data: bytes) -> Any:
    from intake.anonymisation.dataset_terms import DatasetTerms

    return DatasetTerms.from_json(data)


_terms = ArtefactCache(_parse_terms)  # one run's chunks in this process share the terms


def mapping_column_roles(mapping: Any, source_table: str) -> dict[str, dict[str, Any]]:
    """column -> {"role", "entity", "fields"} for the columns the mapping reads from `source_table`."""
    from intake.pipeline import mapping_table
    from intake.product.roles import mapping_roles

    roles = mapping_roles(mapping).get(mapping_table(mapping, source_table))
    return {column: role.to_dict() for column, role in roles.columns.items()} if roles else {}


def collect_dataset_terms(ctx: Context, run: Any, tables: Sequence[Any], query_inputs: Sequence[Any] = ()
                          ) -> str | None:
    """Pass 1: the dataset's people and reference values, and the personal values of the tables only queries
    read, stored encrypted; returns the artefact id (None when there are none)."""
    from intake.anonymisation import AnonymisationSession
    from intake.anonymisation.dataset_terms import collect_terms
    from intake.anonymisation.id_schemes import CodeShapes
    from intake.pipeline import mapping_table, resolve_mapping, step_errors, work_name
    from intake.product.roles import DataRole, mapping_roles
    from intake.review import load_decisions
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    mapping = resolve_mapping(run.mapping)
    roles = mapping_roles(mapping)
    persons: set[str] = set()
    references: set[str] = set()
    shapes = CodeShapes()
    with step_errors("scan", run.dataset_id):
        persons, identifiers = query_input_values(ctx, run, vault, query_inputs, actor)
        for table in tables:
            table_roles = roles.get(mapping_table(mapping, table.table))
            if table_roles is None:
                continue
            person_columns = [c for c, r in table_roles.columns.items()
                              if r.role is DataRole.PERSON and r.entity == "PERSON"]
            found = table_values(vault, table.artefact_id, actor, person_columns, table_roles.person_groups,
                                 table_roles.of_role(DataRole.REFERENCE), table_roles.of_role(DataRole.CODE), shapes)
            persons |= found[0]
            references |= found[1]
        if not persons and not references and not identifiers and not shapes.values and not any(
                load_decisions(ctx, run.dataset_id).counts().values()):
            return None
        # The customer's deny-list and allowed terms from the settings count too (the session reads them).
        vocabulary = AnonymisationSession.base_vocabulary(ctx.settings.anonymisation)
        decisions = load_decisions(ctx, run.dataset_id)
        terms = collect_terms(sorted(persons), sorted(references), vocabulary, decisions.allow, decisions.deny,
                              sorted(identifiers), shapes.counts())
        info = vault.put(scope=run.dataset_id, dataset_id=run.dataset_id, kind=ArtefactKind.INTERMEDIATE,
                         name=work_name(run, TERMS_NAME), source=terms.to_json().encode(), actor=actor)
    log_event(log, "pipeline.dataset_terms", dataset_id=run.dataset_id, run_id=run.run_id, **terms.counts())
    return str(info.id)


def load_dataset_terms(ctx: Context, artefact_id: str | None) -> Any:
    """The DatasetTerms stored by `collect_dataset_terms` (read once per process), or None."""
    if artefact_id is None:
        return None
    return _terms.get(ctx, artefact_id)



def store_found(ctx: Context, run: Any, chunk_key: str, revealed: Any) -> str | None:
    """Keep what a chunk revealed (anonymisation/revealed.py), encrypted beside the run's work files (None if
    nothing)."""
    if not revealed:
        return None
    from intake.pipeline import work_name
    from intake.vault import Vault

    safe_key = chunk_key.replace("/", "_").replace("#", "_")
    info = Vault.from_context(ctx).put(scope=run.dataset_id, dataset_id=run.dataset_id,
                                       kind=ArtefactKind.INTERMEDIATE, name=work_name(run, "found", safe_key + ".json"),
                                       source=revealed.to_json().encode(), actor=ctx.actor())
    return str(info.id)


def load_found(ctx: Context, found_ids: Iterable[str]) -> Any:
    """What the chunks revealed (`store_found`), merged: anonymisation.revealed.Revealed."""
    from intake.anonymisation.revealed import Revealed
    from intake.vault import Vault

    vault = Vault.from_context(ctx)
    merged = Revealed()
    for artefact_id in found_ids:
        merged.merge(Revealed.from_json(vault.read_bytes(artefact_id, actor=ctx.actor())))
    return merged


class KnownNamesScrubber:
    """Pass 3: replaces, in every text column of the anonymised tables but the skipped ones (person fields,
    already tokens; reference fields, kept), the full names and the identifiers that some chunk revealed and that
    pass 1 did not know, and numbers of the dataset's identifier schemes: what the detectors caught in one row is
    caught in every row. `counts` say what changed."""

    def __init__(self, anonymiser: Any, skip: dict[str, set[str]], names: frozenset[str],
                 identifiers: tuple[tuple[str, str], ...] = (), schemes: tuple[tuple[str, str], ...] = (),
                 codes: dict[str, set[str]] | None = None, plain: Any = None) -> None:
        from intake.anonymisation import AnonymisationCounts

        self.anonymiser = anonymiser
        self.skip = skip
        # Code fields (serials, asset numbers) get the names and values but not the schemes (`plain`): a serial
        # of a patient number's shape is still a serial.
        self.codes = codes or {}
        self.plain = plain or anonymiser
        self.names = names
        self.identifiers = identifiers
        self.schemes = schemes
        self.counts = AnonymisationCounts()

    def __call__(self, table: str, batch: Any) -> Any:
        import pyarrow as pa

        skipped, codes = self.skip.get(table, set()), self.codes.get(table, set())
        arrays = [
            array if name in skipped
            else (self.plain if name in codes else self.anonymiser).replace_known_names(
                table, name, array, self.counts.for_column(table, name))
            for name, array in zip(batch.schema.names, batch.columns, strict=True)
        ]
        return pa.RecordBatch.from_arrays(arrays, schema=pa.schema(
            [pa.field(f.name, a.type, f.nullable, f.metadata) for f, a in zip(batch.schema, arrays, strict=True)],
            batch.schema.metadata))

    def changed(self) -> dict[str, int]:
        """Cells changed per "table key/column" (counts only)."""
        return {f"{t}/{c}": n.changed_values for (t, c), n in self.counts.columns.items() if n.changed_values}


def known_names_scrubber(ctx: Context, run: Any, terms_id: str | None, found_ids: Iterable[str],
                         skip: dict[str, set[str]], codes: dict[str, set[str]] | None = None
                         ) -> KnownNamesScrubber | None:
    """The pass-3 scrubber for what the chunks found (`store_found`) and pass 1 did not know: full names,
    identifiers, and the identifier schemes learnt from them (id_schemes.py); None when there is nothing new."""
    from intake.anonymisation import AnonymisationSession, Anonymiser, load_policy
    from intake.anonymisation.dataset_terms import DatasetTerms
    from intake.anonymisation.id_schemes import known_values, learn
    from intake.vault import Vault

    vault = Vault.from_context(ctx)
    revealed = load_found(ctx, found_ids)
    terms = load_dataset_terms(ctx, terms_id) or DatasetTerms()
    names = revealed.names - set(terms.persons)
    values = tuple(sorted(set(known_values(revealed.identifiers)) - set(terms.identifiers)))
    # Shapes the code fields take, and those the free text labels as something else: no scheme of a person's
    taken = dict(terms.code_shapes)
    for shape, count in revealed.other_numbers.counts().items():
        taken[shape] = taken.get(shape, 0) + count
    schemes = learn(revealed.identifiers | set(terms.identifiers), taken)
    if not names and not values and not schemes:
        return None
    settings = ctx.settings.anonymisation
    base = AnonymisationSession.base_vocabulary(settings)
    # Only what is new: pass 2 already looked for pass 1's everywhere (and a smaller pattern scans faster).
    vocabulary = DatasetTerms(tuple(sorted(names)), terms.references, values).vocabulary(base)
    policy, secret = load_policy(settings.policy_file), vault.customer_secret(run.customer_id, ctx.actor())

    def anonymiser(vocabulary: Any) -> Any:
        return Anonymiser(policy, secret, vocabulary, text_analyzer=None, stray_threshold=settings.rescan_threshold,
                          mrn_patterns=settings.mrn_patterns)

    plain = anonymiser(vocabulary)
    log_event(log, "pipeline.known_names", dataset_id=run.dataset_id, run_id=run.run_id, names=len(names),
              identifiers=len(values), schemes=len(schemes))
    return KnownNamesScrubber(anonymiser(replace(vocabulary, id_schemes=schemes)) if schemes else plain, skip,
                              frozenset(names), values, schemes, codes, plain)


class ResidualRiskTooHigh(IntakeError):
    """The independent check's upper bound is above `anonymisation.residual_stop_rate`: nothing is delivered."""


def residual_check(ctx: Context, run: Any, anonymised: Any, terms_id: str | None) -> Any:
    """The independent check (anonymisation/residual.py) over a sample of every free-text column, as it will
    be delivered (after pass 3); None when no column is free text or the sample size is 0."""
    from intake.anonymisation.dataset_terms import DatasetTerms
    from intake.anonymisation.residual import IndependentCheck, Sampler
    from intake.anonymisation.session import AnonymisationSession
    from intake.pipeline import read_table_batches, step_errors
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


def store_review_proposals(ctx: Context, run: Any, anonymised: Any, terms_id: str | None) -> str:
    """The run's review file (intake.review): names of the person fields, full names found in free text, and
    reference values that name one of those people."""
    from intake.anonymisation.dataset_terms import DatasetTerms, references_naming_people
    from intake.anonymisation.session import AnonymisationSession
    from intake.pipeline import step_errors
    from intake.review import store_proposals

    with step_errors("review", run.dataset_id):
        terms = load_dataset_terms(ctx, terms_id) or DatasetTerms()
        found = load_found(ctx, [p.found_id for parts in anonymised.parts.values() for p in parts
                                 if p.found_id]).names
        base = AnonymisationSession.base_vocabulary(ctx.settings.anonymisation)
        proposals = {
            "person_field_names": list(terms.persons),
            "names_found_in_free_text": sorted(found - set(terms.persons)),
            "reference_values_naming_people": references_naming_people(terms, base),
        }
        return store_proposals(ctx, run, proposals)
