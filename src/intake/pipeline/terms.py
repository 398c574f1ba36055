"""The dataset's own terms: who is named anywhere, what the chunks revealed, and what the review is shown.

- `collect_dataset_terms` (pass 1): every name written in a person field of any table, and every value of a
  reference field, and the personal values of tables only the mapping's queries read, read from the run's
  encrypted work files and kept encrypted in the vault as one work artefact; the anonymisation of every chunk
  (pass 2) loads it by id (`load_dataset_terms`).
- `store_found` / `load_found`: the full names and identifiers each chunk revealed (anonymisation/revealed.py),
  kept encrypted beside the run's work files for pass 3 (pipeline.known_names) and the review.
- `store_review_proposals`: the run's review file (intake.review) built from both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from intake.context import Context
from intake.dataset_values import query_input_values, table_values
from intake.logs import get_logger, log_event
from intake.pipeline.artefact_cache import ArtefactCache
from intake.pipeline.artefacts import work_name
from intake.pipeline.errors import step_errors
from intake.pipeline.ingest import mapping_table, resolve_mapping
from intake.registry.models import ArtefactKind

log = get_logger("intake.pipeline")

TERMS_NAME = "dataset-terms.json"
# The fields of the people who write in the system, whose initials sign the notes where an entry ends: who did the
# work and, where the field names a team rather than a population, who raised it, who last changed the record, who
# is responsible for the asset. A column of more people than a team has names the patients or clients the kit is
# with (a home-oxygen service's "owner"): their initials would cover most pairs of letters, and every cylinder's
# size ("CD", "ZD") where an entry ends would read as someone's mark.
_SIGNERS = ("requested_by", "last_modified_by", "owner")
_TEAM = 60


def _parse_terms(data: bytes) -> Any:
    from intake.anonymisation.dataset_terms import DatasetTerms

    return DatasetTerms.from_json(data)


_terms = ArtefactCache(_parse_terms)  # one run's chunks in this process share the terms


def collect_dataset_terms(ctx: Context, run: Any, tables: Sequence[Any], query_inputs: Sequence[Any] = (),
                          classifications: Mapping[str, Mapping[str, Any]] | None = None) -> str | None:
    """Pass 1: the dataset's people and reference values, and the personal values of the tables only queries
    read, stored encrypted; returns the artefact id (None when there are none).

    `classifications` (table key -> classification dict, pipeline.profile_tables): a column the mapping reads
    only as one part of a joined free-text field whose profile says it names people ("Signed Off": "JB") counts
    as a person field, so that its marks are caught where they were also typed into the text."""
    from intake.anonymisation import AnonymisationSession
    from intake.anonymisation.dataset_terms import collect_terms
    from intake.anonymisation.id_schemes import CodeShapes
    from intake.anonymisation.labelled_things import thing_names
    from intake.product.roles import DataRole, mapping_roles
    from intake.review import load_decisions
    from intake.vault import Vault

    actor = ctx.actor()
    vault = Vault.from_context(ctx)
    mapping = resolve_mapping(run.mapping)
    roles = mapping_roles(mapping)
    persons: set[str] = set()
    staff: set[str] = set()
    signers: dict[tuple[str, str], set[str]] = {}
    shapes = CodeShapes()
    things: set[str] = set()
    found_ids: dict[str, set[str]] = {}  # entity type -> values of joined identifier columns
    with step_errors("scan", run.dataset_id):
        # People of columns no product field declares a person's, judged by their values: a loan's "Patient /
        # Borrower" joined into the notes also holds the wards that borrowed, which the reference fields name.
        guessed, identifiers, references = query_input_values(ctx, run, vault, query_inputs, actor)
        for table in tables:
            table_roles = roles.get(mapping_table(mapping, table.table))
            if table_roles is None:
                continue
            person_columns = [c for c, r in table_roles.columns.items()
                              if r.role is DataRole.PERSON and r.entity == "PERSON"]
            # the engineers, whose initials sign the work where an entry ends, and the people of columns joined
            # into free text, which give way to the dataset's places
            routes = {c: staff for c in person_columns
                      if any(f.endswith("engineer") for f in table_roles.columns[c].fields)}
            routes.update((c, signers.setdefault((table.key, c), set())) for c in person_columns
                          if c not in routes and any(f.endswith(_SIGNERS) for f in table_roles.columns[c].fields))
            joined = _joined_routes((classifications or {}).get(table.key), guessed, things, found_ids)
            routes.update((c, values) for c, values in joined.items() if c not in routes)
            found = table_values(vault, table.artefact_id, actor, person_columns, table_roles.person_groups,
                                 table_roles.of_role(DataRole.REFERENCE), table_roles.of_role(DataRole.CODE), shapes,
                                 routes)
            persons |= found[0]
            references |= found[1]
        staff |= {name for names in signers.values() if len(names) <= _TEAM for name in names}
        # The customer's deny-list and allowed terms from the settings count too (the session reads them).
        vocabulary = AnonymisationSession.base_vocabulary(ctx.settings.anonymisation)
        references |= thing_names(things, vocabulary)
        identifiers |= {(v, e) for e, values in found_ids.items() for v in values}
        places = {r.casefold() for r in references}
        persons |= {p for p in guessed if p.casefold() not in places}
        if not persons and not references and not identifiers and not shapes.values and not any(
                load_decisions(ctx, run.dataset_id).counts().values()):
            return None
        decisions = load_decisions(ctx, run.dataset_id)
        terms = collect_terms(sorted(persons), sorted(references), vocabulary, decisions.allow, decisions.deny,
                              sorted(identifiers), shapes.counts(), sorted(staff))
        info = vault.put(scope=run.dataset_id, dataset_id=run.dataset_id, kind=ArtefactKind.INTERMEDIATE,
                         name=work_name(run, TERMS_NAME), source=terms.to_json().encode(), actor=actor)
    log_event(log, "pipeline.dataset_terms", dataset_id=run.dataset_id, run_id=run.run_id, **terms.counts())
    return str(info.id)


# What a column joined into free text holds whole that is caught wherever a note copies it, as the values of a table
# only queries read are (a child's school, a patient's number); a phone or a mailbox joined so may be a maker's.
_PROPAGATED_JOINED = frozenset({"ADDRESS", "MRN", "UK_NHS", "UK_NINO"})


def _joined_routes(classification: Mapping[str, Any] | None, people: set[str], things: set[str],
                   identifiers: dict[str, set[str]]) -> dict[str, set[str]]:
    """Where the values of a table's columns joined into free text go (column -> set), from its classification
    read once: the columns replaced whole as people's names to `people`; those whose name labels a thing ("Mask",
    "Interface Type") and whose values the profile found no identifier in to `things`, products' names kept
    wherever a note writes them ("refit to Amara View S"); those replaced whole as one identifier of
    _PROPAGATED_JOINED to `identifiers` under its entity type."""
    from intake.anonymisation import TableClassification
    from intake.anonymisation.classification import ColumnKind
    from intake.anonymisation.labelled_things import names_things

    if classification is None:
        return {}
    routes: dict[str, set[str]] = {}
    for c in TableClassification.from_dict(dict(classification)).columns.values():
        if c.role != "free_text":
            continue
        if c.kind is ColumnKind.IDENTIFIER and c.entity_type == "PERSON":
            routes[c.column] = people
        elif c.kind is ColumnKind.FREE_TEXT and names_things(c.column):
            routes[c.column] = things
        elif c.kind is ColumnKind.IDENTIFIER and c.entity_type in _PROPAGATED_JOINED:
            routes[c.column] = identifiers.setdefault(c.entity_type, set())
    return routes


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


def store_review_proposals(ctx: Context, run: Any, anonymised: Any, terms_id: str | None) -> str:
    """The run's review file (intake.review): names of the person fields, full names found in free text, and
    reference values that name one of those people."""
    from intake.anonymisation.dataset_terms import DatasetTerms, references_naming_people
    from intake.anonymisation.session import AnonymisationSession
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
