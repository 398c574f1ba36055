"""Pass 3 of the migration run: what one chunk's detectors revealed is replaced in every chunk.

The delivery (pipeline.deliver) and the independent residual check (pipeline.residual) read the anonymised
tables through `known_names_scrubber`, so both see the tables as they are delivered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from intake.context import Context
from intake.logs import get_logger, log_event
from intake.pipeline.terms import load_dataset_terms, load_found

log = get_logger("intake.pipeline")


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


def new_names(revealed: Iterable[str], persons: Iterable[str], allowed: Any) -> set[str]:
    """The names the chunks revealed that pass 1 did not know (pass 2 looked for those everywhere already). Not one
    that is whole a maker, model or place of the dataset (`allowed`: the vocabulary with its reference terms) or a
    device's word ("Marsden", "Toco"): pass 2 judged each place it stands, and its reference fields keep it."""
    return {n for n in set(revealed) - set(persons) if not allowed.is_allowed_term(n)}


def known_names_scrubber(ctx: Context, run: Any, terms_id: str | None, found_ids: Iterable[str],
                         skip: dict[str, set[str]], codes: dict[str, set[str]] | None = None
                         ) -> KnownNamesScrubber | None:
    """The pass-3 scrubber for what the chunks found (`store_found`) and pass 1 did not know: full names,
    identifiers, and the identifier schemes learnt from them (id_schemes.py); None when there is nothing new."""
    from intake.anonymisation import AnonymisationSession, Anonymiser, load_policy
    from intake.anonymisation.dataset_terms import DatasetTerms
    from intake.anonymisation.id_schemes import known_values, learn
    from intake.anonymisation.person_marks import entry_marks, signing_marks
    from intake.vault import Vault

    vault = Vault.from_context(ctx)
    revealed = load_found(ctx, found_ids)
    terms = load_dataset_terms(ctx, terms_id) or DatasetTerms()
    settings = ctx.settings.anonymisation
    base = AnonymisationSession.base_vocabulary(settings)
    # a mark the text signed with, unless the dataset's reference terms or a reviewer's allow-list spell it
    allowed = base.with_allowed(terms.references) if terms.references else base
    names = new_names(revealed.names, terms.persons, allowed)
    marks = {(m, "PERSON") for m in signing_marks(revealed.marks, allowed)}
    ends = tuple(sorted(entry_marks(revealed.marks, allowed) - set(terms.marks)))
    found = set(known_values(revealed.identifiers)) - set(terms.identifiers)
    values = tuple(sorted(found | (marks - set(terms.identifiers))))
    # Shapes the code fields take, and those the free text labels as something else: no scheme of a person's
    taken = dict(terms.code_shapes)
    for shape, count in revealed.other_numbers.counts().items():
        taken[shape] = taken.get(shape, 0) + count
    schemes = learn(revealed.identifiers | set(terms.identifiers), taken)
    if not names and not values and not schemes and not ends:
        return None
    # Only what is new: pass 2 already looked for pass 1's everywhere (and a smaller pattern scans faster).
    vocabulary = DatasetTerms(tuple(sorted(names)), terms.references, values, ends).vocabulary(base)
    policy, secret = load_policy(settings.policy_file), vault.customer_secret(run.customer_id, ctx.actor())

    def anonymiser(vocabulary: Any) -> Any:
        return Anonymiser(policy, secret, vocabulary, text_analyzer=None, stray_threshold=settings.rescan_threshold,
                          mrn_patterns=settings.mrn_patterns)

    main = anonymiser(replace(vocabulary, id_schemes=schemes) if schemes else vocabulary)
    # Code fields get neither the schemes nor the marks: a serial of a patient number's shape is still a serial, and
    # "JB" of "JB-0012" is part of the asset's number.
    if marks or ends:
        plain = anonymiser(DatasetTerms(tuple(sorted(names)), terms.references, tuple(sorted(found))).vocabulary(base))
    else:
        plain = anonymiser(vocabulary) if schemes else main
    log_event(log, "pipeline.known_names", dataset_id=run.dataset_id, run_id=run.run_id, names=len(names),
              identifiers=len(values), marks=len(marks) + len(ends), schemes=len(schemes))
    return KnownNamesScrubber(main, skip, frozenset(names), values, schemes, codes, plain)
