"""What each source column of a mapping becomes, for anonymisation: the data role of the product fields it feeds.

The mapping already says which product field each source column becomes, and the product format declares each
field's role (`FieldSpec.role`). That is more than a guess from the column's values can tell:
- *person*: the column is anonymised whole, whatever its values look like ("Bay 5" in a "requested by" column
  is still somebody's entry);
- *free_text*: full detection;
- *reference* (sites, wards, makers, models, job titles): kept, never pseudonymised by a guess; only values
  that are plainly another kind of identifier (an e-mail address, an NHS number) are replaced;
- *code* (numbers, codes, dates, lookups, foreign keys): the pattern scan only.

A column feeding several fields takes the most protective role. A column read through a lookup becomes the
lookup's product code, and a column read as a foreign key becomes a hash: both are *code*, whatever the field.
A column read *only* through lookups is marked `lookup_only`: its values never reach the package (the lookup's
codes do), and a guess that they are names must not replace them, or the lookup no longer finds them.
A column read *only* as one part of a join (`{from: [Work Done, Signed Off], join: " | "}`) is marked
`joined_only`: the field's role says what the joined text is, not what this part is ("JB" in a sign-off column is
somebody's initials, which no detector finds in a sentence), so the column's own profile is heard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from intake.product.mapping import Expr, Mapping


class DataRole(StrEnum):
    PERSON = "person"
    FREE_TEXT = "free_text"
    REFERENCE = "reference"
    CODE = "code"


# Higher wins when one column feeds fields of several roles.
_PROTECTION = {DataRole.CODE: 0, DataRole.REFERENCE: 1, DataRole.FREE_TEXT: 2, DataRole.PERSON: 3}


@dataclass(frozen=True)
class ColumnRole:
    """The role of one source column, the entity type of a person column, and the fields it feeds."""

    role: DataRole
    entity: str | None = None  # PERSON, PHONE_NUMBER, EMAIL_ADDRESS for person columns
    fields: tuple[str, ...] = ()  # "entity.field" names, for the findings report
    lookup_only: bool = False
    joined_only: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"role": self.role.value, "entity": self.entity, "fields": list(self.fields),
                "lookup_only": self.lookup_only, "joined_only": self.joined_only}


@dataclass
class TableRoles:
    """Roles of a mapping table's source columns, and the column groups that name one person together."""

    columns: dict[str, ColumnRole] = field(default_factory=dict)
    # Columns joined into one person field ({from: [FirstName, Surname]}): read together, they give the name
    # as written elsewhere in the dataset ("Jane Doe"), where one part alone is too common a word.
    person_groups: list[tuple[str, ...]] = field(default_factory=list)

    def add(self, column: str, role: DataRole, entity: str | None, field_name: str, lookup: bool = False,
            joined: bool = False) -> None:
        old = self.columns.get(column)
        if old is None:
            self.columns[column] = ColumnRole(role, entity, (field_name,), lookup_only=lookup, joined_only=joined)
            return
        fields = old.fields if field_name in old.fields else (*old.fields, field_name)
        lookup_only = old.lookup_only and lookup
        joined_only = old.joined_only and joined
        if _PROTECTION[role] > _PROTECTION[old.role]:
            self.columns[column] = ColumnRole(role, entity, fields, lookup_only, joined_only)
        else:
            self.columns[column] = ColumnRole(old.role, old.entity, fields, lookup_only, joined_only)

    def of_role(self, role: DataRole) -> list[str]:
        return [c for c, r in self.columns.items() if r.role is role]


def _expr_role(expr: Expr, role: str) -> DataRole:
    if expr.kind != "column" or expr.lookup is not None:
        return DataRole.CODE
    return DataRole(role)


def mapping_roles(mapping: Mapping) -> dict[str, TableRoles]:
    """Mapping table name -> roles of the source columns its outputs read."""
    out: dict[str, TableRoles] = {}
    for table in mapping.tables:
        roles = out.setdefault(table.table, TableRoles())
        for output in table.outputs:
            spec = output.entity
            keyed: list[Expr] = []
            if output.id is not None:
                keyed.append(output.id)
            if output.derive is not None:
                keyed.extend(output.derive.key)
            for expr in keyed:  # hashed into ids: the value itself is not delivered
                for column in expr.columns:
                    roles.add(column, DataRole.CODE, None, f"{spec.name}.{spec.primary_key}")
            for name, expr in output.fields.items():
                field_spec = spec.field(name)
                role = _expr_role(expr, field_spec.role)
                entity = field_spec.entity if role is DataRole.PERSON else None
                joined = role is DataRole.FREE_TEXT and len(expr.columns) > 1
                for column in expr.columns:
                    roles.add(column, role, entity, f"{spec.name}.{name}", lookup=expr.lookup is not None,
                              joined=joined)
                if role is DataRole.PERSON and entity == "PERSON" and len(expr.columns) > 1:
                    group = tuple(expr.columns)
                    if group not in roles.person_groups:
                        roles.person_groups.append(group)
            for column in output.when_present:
                roles.add(column, DataRole.CODE, None, f"{spec.name} (when present)")
        for column in table.source_key:
            roles.add(column, DataRole.CODE, None, f"{table.table} (source key)")
    return out


def mapping_column_roles(mapping: Mapping, table: str) -> dict[str, dict[str, object]]:
    """column -> {"role", "entity", "fields", "lookup_only", "joined_only"} for the columns the mapping reads from
    its table `table`, in the plain form the anonymisation package takes (intake.anonymisation.roles.apply_roles).
    `table` is the mapping's name for it: a source table is resolved to that by the caller (pipeline.mapping_table,
    the transform's own rule), so that this module needs no more than the mapping."""
    roles = mapping_roles(mapping).get(table)
    return {column: role.to_dict() for column, role in roles.columns.items()} if roles else {}
