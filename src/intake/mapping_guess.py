"""Guessing a first mapping for a new export from its tables (written out by `mapping_draft`): which entity each
table holds, which column feeds which field (by header, `mapping_names`: synonyms of clinical-engineering systems,
then fuzzy), conversions chosen from what the values parse as, lookups prefilled from a code column's distinct
values, foreign keys from shared id columns, and every column left out.

Only headers and the distinct values of columns feeding a code field (status, job type, class: a handful of short
codes) go into the draft; values of any other column never do.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from intake.mapping_names import DERIVED, LOCATION_WORDS, NAME_PARTS, SYNONYMS, match_header, table_entity, words
from intake.product.conversions import DEFAULT_NULL_VALUES, make_conversion
from intake.product.schema import DATE, ENTITIES, FLOAT, INTEGER, MONEY, TIMESTAMP, EntitySpec, FieldSpec

NULLS = {v.lower() for v in DEFAULT_NULL_VALUES}
MAX_CODES = 30  # more distinct values than this is not a code column


@dataclass
class TableDraft:
    table: str
    entity: EntitySpec | None
    key: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # product field -> YAML expression
    derived: list[str] = field(default_factory=list)  # YAML of derived outputs
    lookups: dict[str, dict[str, str]] = field(default_factory=dict)
    unused: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # required fields no column feeds
    columns: dict[str, str] = field(default_factory=dict)  # product field -> the one column feeding it
    notes: list[str] = field(default_factory=list)


ORDER = ("sites", "locations", "manufacturers", "suppliers", "device_models", "contacts", "assets", "ppm_schedules",
         "jobs", "contracts")
ENUM_DEFAULTS = {"assets.status": "unknown", "jobs.job_type": "other", "contacts.role": "staff"}


def _present(values: pa.Array) -> pa.Array:
    text = pc.utf8_trim_whitespace(values.cast(pa.string()))
    return pc.filter(text, pc.and_(pc.is_valid(text), pc.not_equal(text, "")))


def _parsed_share(values: pa.Array, conversion: str, params: dict[str, object]) -> float:
    present = _present(values)
    if len(present) == 0:
        return 1.0
    converted = make_conversion(conversion, dict(params))(present)
    return 1 - converted.values.null_count / len(present)


def _convert(spec: FieldSpec, values: pa.Array) -> tuple[str | None, str | None]:
    """(convert list for the YAML, note) for a field of `spec`'s type, from what the sample parses as."""
    if spec.type in (DATE, TIMESTAMP):
        name = "date" if spec.type == DATE else "datetime"
        for formats in (None, ["us"], ["iso", "uk", "month_name", "month_year", "compact", "excel_serial"]):
            if _parsed_share(values, name, {"formats": formats} if formats else {}) >= 0.9:
                return (f"[{name}]" if formats is None else f"[{{{name}: [{', '.join(formats)}]}}]"), None
        return f"[{name}]", "some values are in no date layout intake knows: see docs/mapping.md"
    if spec.type == MONEY:
        return "[currency]", None
    if spec.type == INTEGER:
        return "[integer]", None
    if spec.type == FLOAT:
        if _parsed_share(values, "number", {}) >= 0.9:
            return "[number]", None
        return "[{unit: {quantity: duration, to: hours}}]", None
    return None, None


def _codes(spec: FieldSpec, values: pa.Array) -> dict[str, str] | None:
    """Distinct codes of a column feeding an enum field, each with the closest product code ("TODO" when none is
    close: TODO): only a handful of short values, so never free text or names."""
    distinct = [v for v in pc.unique(_present(values)).to_pylist() if v and v.lower() not in NULLS]
    if not distinct or len(distinct) > MAX_CODES or any(len(v) > 24 for v in distinct):
        return None
    assert spec.enum is not None
    enum_words = [words(e) for e in spec.enum]
    out = {}
    for value in sorted(distinct):
        key = words(value)
        close = difflib.get_close_matches(key, enum_words, n=1, cutoff=0.6)
        prefix = [e for e, w in zip(spec.enum, enum_words, strict=True) if len(key) >= 3 and w.startswith(key)]
        out[value] = (spec.enum[enum_words.index(key)] if key in enum_words
                      else spec.enum[enum_words.index(close[0])] if close else prefix[0] if prefix else "TODO")
    return out


def draft_table(table: str, sample: pa.Table, keys: dict[str, tuple[str, str]]) -> TableDraft:
    """The draft of one table; `keys` maps the key column of tables drafted earlier to (entity, table)."""
    entity_name = table_entity(table)
    entity = ENTITIES.get(entity_name) if entity_name else None
    draft = TableDraft(table, entity)
    headers = list(sample.column_names)
    if entity is None:
        draft.unused = headers
        return draft
    taken: set[str] = set()
    by_values = _enum_columns(entity, sample)
    taken |= set(by_values.values())
    for spec in entity.fields[1:]:
        if spec.references is not None:
            column = next((h for h in headers if h not in taken and _references(h, keys) == spec.references), None)
            if column is not None:
                taken.add(column)
                draft.fields[spec.name] = f"{{id: {spec.references}, from: {_yaml_name(column)}}}"
            continue
        if entity.name == "contacts" and spec.name == "name":
            first, last = (match_header(headers, part, taken) for part in NAME_PARTS)
            if first and last:
                taken |= {first, last}
                draft.fields["name"] = f"{{from: [{_yaml_name(first)}, {_yaml_name(last)}], join: \" \"}}"
                continue
        column = by_values.get(spec.name) or match_header(
            headers, SYNONYMS.get(f"{entity.name}.{spec.name}", (spec.name.replace("_", " "),)), taken)
        if column is None:
            default = ENUM_DEFAULTS.get(f"{entity.name}.{spec.name}")
            if default is not None:
                draft.fields[spec.name] = f"{{value: {default}}}  # TODO: no column found; check"
            elif spec.required:
                draft.missing.append(spec.name)
            continue
        taken.add(column)
        draft.columns[spec.name] = column
        values = sample.column(column).combine_chunks()
        if spec.enum is not None:
            codes = _codes(spec, values)
            if codes is not None:
                lookup = f"{table}_{spec.name}".lower().replace(" ", "_")
                draft.lookups[lookup] = codes
                fallback = ENUM_DEFAULTS.get(f"{entity.name}.{spec.name}") if spec.required else None
                default = f", default: {fallback}" if fallback else ""  # an empty code is not a rejected row
                draft.fields[spec.name] = f"{{from: {_yaml_name(column)}, lookup: {lookup}{default}}}"
                continue
        convert, note = _convert(spec, values)
        draft.fields[spec.name] = (f"{{from: {_yaml_name(column)}, convert: {convert}}}" if convert
                                   else _yaml_name(column))
        if note:
            draft.notes.append(f"{spec.name} ({column}): {note}")
    draft.key = _key(entity, draft, headers, sample, taken)
    if draft.key is not None:
        taken.add(draft.key)
        natural = NATURAL.get(entity.name)
        if natural and natural in draft.missing:  # the row's own id is its number ("WOID")
            draft.missing.remove(natural)
            draft.fields = {natural: _yaml_name(draft.key), **draft.fields}
    if entity.name in ("assets", "contracts"):
        _derive(draft, headers, taken)
    draft.unused = [h for h in headers if h not in taken]
    return draft


NATURAL = {"assets": "asset_number", "jobs": "job_number"}


def _key(entity: EntitySpec, draft: TableDraft, headers: list[str], sample: pa.Table, taken: set[str]) -> str | None:
    """The column naming a row: a unique id column (what other tables point at), else the asset or job number,
    else a unique number or code column."""
    def unique(header: str) -> bool:
        column = sample.column(header)
        return header not in taken and pc.count_distinct(column).as_py() == len(column) - column.null_count > 0

    for header in headers:
        if words(header).endswith("id") and unique(header):
            return header
    natural = NATURAL.get(entity.name)
    if natural in draft.columns:
        return draft.columns[natural]
    return next((h for h in headers if words(h).endswith(("no", "number", "code", "ref")) and unique(h)), None)


def _references(header: str, keys: dict[str, tuple[str, str]]) -> str | None:
    """The entity a column points at: it is named as the key column of an earlier table ("EquipID"), or ends with
    that name ("OwnerStaffID" -> "StaffID")."""
    name = words(header)
    for key, (entity, _table) in keys.items():
        if name == key or name.endswith(" " + key):
            return entity
    return None


def _enum_columns(entity: EntitySpec, sample: pa.Table) -> dict[str, str]:
    """Code fields whose product codes a column already holds ({I, IIa, IIb, III} is the device class whatever the
    header says, "RiskClass"): field -> column."""
    found: dict[str, str] = {}
    for spec in entity.fields:
        if spec.enum is None:
            continue
        codes = {e.lower() for e in spec.enum}
        for header in sample.column_names:
            values = {v.lower() for v in pc.unique(_present(sample.column(header).combine_chunks())).to_pylist()
                      if v and v.lower() not in NULLS}
            if len(values) >= 2 and values <= codes and header not in found.values():
                found[spec.name] = header
                break
    return found


def _derive(draft: TableDraft, headers: list[str], taken: set[str]) -> None:
    found: dict[str, str] = {}
    assert draft.entity is not None
    feeds = {"manufacturers": "model_id", "device_models": "model_id", "sites": "location_id",
             "suppliers": "supplier_id"}
    for entity, synonyms in DERIVED:
        if not draft.entity.has_field(feeds[entity]) or feeds[entity] in draft.fields:
            continue
        column = match_header(headers, synonyms, taken)
        if column is not None:
            taken.add(column)
            found[entity] = column
    places = [h for h in headers if h not in taken and any(w in words(h).split() for w in LOCATION_WORDS)
              and draft.entity.has_field("location_id") and "location_id" not in draft.fields]
    taken |= set(places)
    for entity, column in found.items():
        if entity == "device_models":
            maker = "{ref: manufacturers}, " if "manufacturers" in found else ""
            fields = f"name: {_yaml_name(column)}" + (", manufacturer_id: {ref: manufacturers}" if maker else "")
            draft.derived.append(f"- entity: device_models\n  derive: {{key: [{maker}{_yaml_name(column)}], "
                                 f"match: fuzzy}}\n  fields: {{{fields}}}")
            draft.fields["model_id"] = "{ref: device_models}"
        else:
            draft.derived.append(f"- entity: {entity}\n  derive: {{key: [{_yaml_name(column)}], match: fuzzy}}\n"
                                 f"  fields: {{name: {_yaml_name(column)}}}")
            if entity == "suppliers":
                draft.fields["supplier_id"] = "{ref: suppliers}"
    if places:
        site = "{ref: sites}, " if "sites" in found else ""
        joined = f"{{from: [{', '.join(_yaml_name(p) for p in places)}], join: \" / \"}}"
        draft.derived.append(f"- entity: locations\n  derive: {{key: [{site}{joined}], match: exact}}\n"
                             f"  fields: {{name: {joined}{', site_id: {ref: sites}' if site else ''}}}")
        draft.fields["location_id"] = "{ref: locations}"


def _yaml_name(column: str) -> str:
    plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9 _()./-]*[A-Za-z0-9)]", column) and ": " not in column
    return column if plain and column.lower() not in ("yes", "no", "true", "false", "null") else repr(column)
