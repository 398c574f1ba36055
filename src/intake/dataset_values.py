"""Pass 1's reading of the run's encrypted work files: the distinct values of a table's person and reference
fields, and the personal values of the tables only the mapping's queries read (pipeline.terms uses them to collect
the dataset's terms)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from intake.context import Context
from intake.nested import flat_tables, is_nested


def distinct_values(array: Any) -> set[str]:
    """The distinct non-blank values of an Arrow column, as text."""
    import pyarrow.compute as pc

    return {v for v in pc.unique(array.cast("string")).to_pylist() if isinstance(v, str) and v.strip()}


def table_values(vault: Any, artefact_id: str, actor: Any, person_columns: Sequence[str],
                 groups: Sequence[tuple[str, ...]], reference_columns: Sequence[str],
                 code_columns: Sequence[str] = (), shapes: Any = None,
                 routes: Mapping[str, set[str]] | None = None) -> tuple[set[str], set[str]]:
    """Distinct values of a table's person fields (column groups joined as one name) and reference fields; the
    shapes of its code fields' values go to `shapes` (id_schemes.CodeShapes). `routes` (column -> set): the distinct
    values of those columns go to that set as well, read in the same pass (a person field's engineers, a column
    joined into free text whose people are only guessed)."""
    import pyarrow.compute as pc

    from intake.anonymisation.id_schemes import DIGITS_RE2
    from intake.anonymisation.structured import is_scannable_type
    from intake.pipeline import read_table_batches

    persons: set[str] = set()
    references: set[str] = set()
    codes = list(code_columns) if shapes is not None else []
    routes = routes or {}
    wanted = {*person_columns, *(c for g in groups for c in g), *reference_columns, *codes, *routes}
    present = [c for c in artefact_columns(vault, artefact_id, actor) if c in wanted]
    if not present:
        return persons, references
    for batch in read_table_batches(vault, artefact_id, actor, present):
        names = batch.schema.names
        for column in dict.fromkeys([*person_columns, *routes]):  # an engineer field is read once for both
            if column in names:
                found = distinct_values(batch.column(column))
                if column in person_columns:
                    persons |= found
                if column in routes:
                    routes[column] |= found
        for group in groups:
            if all(c in names for c in group):
                joined = pc.binary_join_element_wise(*(batch.column(c).cast("string") for c in group), " ",
                                                     null_handling="skip")
                persons |= distinct_values(joined)
        for column in reference_columns:
            if column in names:
                references |= distinct_values(batch.column(column))
        for column in codes:
            # a column no detector can read (binary, nested) is refused by name where it is anonymised
            if column in names and is_scannable_type(batch.schema.field(column).type):
                values = pc.unique(batch.column(column).cast("string"))
                shapes.add(pc.filter(values, pc.fill_null(pc.match_substring_regex(values, DIGITS_RE2), False))
                           .to_pylist())
    return persons, references


def artefact_columns(vault: Any, artefact_id: str, actor: Any) -> list[str]:
    return list(artefact_schema(vault, artefact_id, actor).names)


def artefact_schema(vault: Any, artefact_id: str, actor: Any) -> Any:
    import pyarrow.parquet as pq

    with vault.open(artefact_id, actor=actor) as handle:
        return pq.ParquetFile(handle).schema_arrow


def query_input_values(ctx: Context, run: Any, vault: Any, tables: Sequence[Any], actor: Any
                       ) -> tuple[set[str], set[tuple[str, str]], set[str]]:
    """The personal columns of the tables only the mapping's queries read (a scope-tracking table whose Patient
    column a query folds into the assets' notes): no product field says what they hold, so the profiler judges
    them as it would any column. Their people join the dataset's names; their other values are caught wherever
    the queries copied them, except the phone numbers and e-mail addresses of a table of organisations or places
    (a maker's service line "0800 028 8280", a ward's mailbox): the notes' own rules judge those where they are
    copied, as they judge any phone or address written there. Columns a name says are places ("clinical.ward",
    "gp.practice": column_names.names_places) give the dataset's places, as reference fields do. Nested columns (a
    JSON export's objects) are judged as the flat columns inside them (intake.nested).

    Returns the people, the other personal values with their entity types, and the places."""
    from intake.anonymisation.column_names import describes_things
    from intake.pipeline import read_table_batches
    from intake.pipeline.anonymise import profile_table

    persons: set[str] = set()
    identifiers: set[tuple[str, str]] = set()
    places: set[str] = set()

    def add(values: set[str], entity: str) -> None:
        if entity == "PERSON":
            persons.update(values)
        elif entity == _PLACE:
            places.update(values)
        else:
            identifiers.update((v, entity) for v in values)

    for table in tables:
        # judged by its values and column names alone: a query table of the same name owns the mapping's roles
        classification = profile_table(ctx, vault, table, actor)
        contact = {"PHONE_NUMBER", "EMAIL_ADDRESS"} if describes_things(table.table) else set()
        # a struct or a list is read as the flat columns inside it, never cast whole to text
        nested = [f.name for f in artefact_schema(vault, table.artefact_id, actor) if is_nested(f.type)]
        personal = {c: e for c, e in _personal(classification, contact).items() if c not in nested}
        inside = _nested_personal(ctx, vault, table, actor, nested, contact)
        if not personal and not inside:
            continue
        wanted = [*personal, *(nested if inside else [])]
        for batch in read_table_batches(vault, table.artefact_id, actor, wanted):
            for column, entity in personal.items():
                add(distinct_values(batch.column(column)), entity)
            flat = flat_tables(table.table, batch.select(nested)) if inside else {}
            for (name, column), entity in inside.items():
                if name in flat and column in flat[name].column_names:
                    add(distinct_values(flat[name].column(column)), entity)
    return persons, identifiers, places


_PLACE = "place"  # a column of places, in `_personal`'s answer


def _personal(classification: Any, contact: set[str]) -> dict[str, str]:
    """column -> entity type of a classification's identifier columns (not `contact` types), or `_PLACE` for a
    column its name says holds places (and that holds no number, address or e-mail by its values)."""
    from intake.anonymisation import ColumnKind
    from intake.anonymisation.column_names import names_places, names_region

    out = {}
    for c in classification.columns.values():
        if names_places(c.column) and (c.kind is not ColumnKind.IDENTIFIER or c.entity_type == "PERSON"):
            out[c.column] = _PLACE
        elif names_region(c.column) and (c.kind is not ColumnKind.IDENTIFIER or c.entity_type == "ADDRESS"):
            # "Porthmadog" alone finds nobody: the towns people live in are places, kept where a note writes them
            # after a home's address ("..., Wirral") as a shipped list's towns are; never a column the profile
            # found names in ("District Nurse", or towns that read as names), failing closed
            out[c.column] = _PLACE
        elif c.kind is ColumnKind.IDENTIFIER and c.entity_type not in contact:
            out[c.column] = c.entity_type or "PERSON"
    return out


def _nested_personal(ctx: Context, vault: Any, table: Any, actor: Any, nested: Sequence[str], contact: set[str]
                     ) -> dict[tuple[str, str], str]:
    """(flat table, dotted column) -> entity type of the identifier columns inside the table's `nested` columns (a
    JSON export's `patient.address.houseName`, `patient.contacts.name`), judged on the sample as flat columns
    (intake.nested)."""
    from intake.anonymisation.profiler import first_rows
    from intake.pipeline import read_table_batches
    from intake.pipeline.anonymise import profile_batches

    if not nested:
        return {}
    rows = ctx.settings.anonymisation.sample_rows
    batches = read_table_batches(vault, table.artefact_id, actor, nested)
    try:
        sample = first_rows(batches, rows)
    finally:
        batches.close()
    if sample is None:
        return {}
    out: dict[tuple[str, str], str] = {}
    for name, flat in flat_tables(table.table, sample).items():
        if flat.num_columns and flat.num_rows:
            classification = profile_batches(ctx, name, flat.combine_chunks().to_batches())
            out |= {(name, column): entity for column, entity in _personal(classification, contact).items()}
    return out
