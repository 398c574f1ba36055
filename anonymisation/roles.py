"""Schema-aware classification: the mapping's data roles decide how a column is anonymised, not a guess.

The profiler guesses each column's kind from a sample of its values. When the column feeds a product field
whose role is declared (intake.product.roles), the role wins:
- person: anonymised whole (an identifier column of the field's entity type), whatever the values look like;
- free_text: full detection;
- reference: kept; only values that are plainly another identifier (STRONG_ENTITIES) are replaced, so a ward
  or a hospital named after a person is never pseudonymised by a guess;
- code: the profiler's classification stands (a foreign key read from a name column is still anonymised
  before it is hashed into an id), except for a column read only through lookups ("Good", "Fair", "Poor"):
  the package gets the lookup's codes, never these values, and a pseudonym would no longer be found.
The roles travel as plain dicts so that this package does not depend on the product format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from intake.anonymisation.classification import ColumnClassification, ColumnKind, TableClassification

PERSON, FREE_TEXT, REFERENCE, CODE = "person", "free_text", "reference", "code"
ROLES = (PERSON, FREE_TEXT, REFERENCE, CODE)

# What is replaced in a reference column: values recognisable from their own shape, never a name guessed from
# capitals or a name list (a reference column is full of capitalised place, maker and model names).
STRONG_ENTITIES = frozenset({"EMAIL_ADDRESS", "PHONE_NUMBER", "UK_NHS", "UK_NINO", "CREDIT_CARD", "IBAN_CODE",
                             "MRN", "IP_ADDRESS", "STAFF_ID", "UK_VEHICLE_REGISTRATION", "NATIONAL_ID"})


# What a column that feeds free text still is, cell by cell, when its name and values say so.
_WHOLE_CELLS = frozenset({"MRN", "UK_NHS", "UK_NINO", "EMAIL_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH"})


def apply_roles(classification: TableClassification, roles: Mapping[str, Mapping[str, Any]]) -> TableClassification:
    """The classification with each column the roles name re-classified by its role.

    `roles`: column -> {"role": one of ROLES, "entity": entity type of a person column, "fields": [...],
    "lookup_only": read only through lookups, "joined_only": read only as one part of a join}."""
    columns = dict(classification.columns)
    for column, spec in roles.items():
        role = spec.get("role")
        if role not in ROLES:
            raise ValueError(f"column '{column}': unknown data role {role!r}; expected one of {', '.join(ROLES)}")
        fields = tuple(spec.get("fields", ()))
        old = columns.get(column) or ColumnClassification(column, ColumnKind.NOT_PERSONAL,
                                                          reasons=("not profiled",))
        where = f"mapped to {', '.join(fields) or 'the product'}"
        if role == PERSON:
            entity = spec.get("entity") or "PERSON"
            new = replace(old, kind=ColumnKind.IDENTIFIER, entity_type=entity, confidence=1.0,
                          reasons=(f"{where}: a person field, anonymised whole ({entity})",))
        elif role == FREE_TEXT and old.kind == ColumnKind.IDENTIFIER and (
                old.entity_type in _WHOLE_CELLS or spec.get("joined_only")):
            # "Patient" joined into the notes: no label in "M1343770" says what it is, the column does; and a
            # column joined to others ("Signed Off": "JB") is not a sentence, whatever the joined field is
            new = replace(old, confidence=1.0, reasons=(
                *old.reasons, f"{where} as free text, but each cell is one {old.entity_type}: replaced whole"))
        elif role == FREE_TEXT:
            new = replace(old, kind=ColumnKind.FREE_TEXT, entity_type=None, confidence=1.0,
                          reasons=(f"{where}: free text, every value searched for personal data",))
        elif role == REFERENCE:
            new = replace(old, kind=ColumnKind.NOT_PERSONAL, entity_type=None, confidence=1.0,
                          reasons=(f"{where}: reference data (places, makers, models, titles), kept; only e-mail "
                                   "addresses, phone, NHS and other numbered identifiers are replaced",))
        elif old.entity_type == "STAFF_ID" and fields and all(_not_delivered(f) for f in fields):
            new = replace(old, kind=ColumnKind.NOT_PERSONAL, entity_type=None, confidence=1.0,
                          reasons=(f"{where}: keys hashed into the product's ids, never delivered; pseudonymised here "
                                   "and not where they are joined to, the join would break",))
        elif spec.get("lookup_only"):
            new = replace(old, kind=ColumnKind.NOT_PERSONAL, entity_type=None, confidence=1.0,
                          reasons=(f"{where} through the mapping's lookups only: codes, kept; the package gets "
                                   "the lookup's values, never these",))
        else:
            new = replace(old, reasons=(*old.reasons, f"{where}: a code or number"))
        columns[column] = replace(new, role=role, fields=fields)
    return replace(classification, columns=columns)


def _not_delivered(field: str) -> bool:
    """A field the value is hashed into ("jobs.engineer_contact_id", a table's source key) or only tested."""
    return field.endswith(("_id", "(source key)", "(when present)"))


def is_reference(column: ColumnClassification) -> bool:
    return column.role == REFERENCE


def is_person(column: ColumnClassification) -> bool:
    return column.role == PERSON
