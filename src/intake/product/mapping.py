"""Declarative mapping of a legacy system's tables to the product format: YAML loader and field engine.

A mapping file (see `mappings/equiptrack.yaml`) lists the source tables in processing order. Each table
has outputs: *row* outputs make one entity row per source row (the first is the table's primary output;
later ones may apply only `when_present`), *derived* outputs make de-duplicated entities (manufacturers,
models, sites...) from free-typed columns. Field expressions:

    field: Column Name                       # the column, trimmed, placeholders -> null
    field: {from: [A, B], join: " ", convert: [trim, {split: "/"}], lookup: codes, default: x,
            on_invalid: reject | null, keep_placeholders: false}
    field: {value: constant}
    field: {id: entity, from: Column, convert: [...], namespace: name}   # foreign key to an earlier table
    field: {ref: entity}                     # id of an earlier output of this same row

The loader keeps YAML node positions, so every mistake is reported with the file and line. The engine
evaluates expressions on whole Arrow arrays (`SourceBatch.evaluate`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import yaml

from intake.product.conversions import (
    CONVERSIONS,
    DEFAULT_NULL_VALUES,
    Conversion,
    Converted,
    default_parser_for,
    make_conversion,
    trim,
)
from intake.product.errors import MappingError, TransformError
from intake.product.ids import hash_strings, in_namespace, join_skipping_nulls
from intake.product.queries import Query
from intake.product.schema import ENTITIES, FLOAT, INTEGER, MONEY, STRING, EntitySpec, FieldSpec

MAPPING_FORMAT = "intake-mapping/1"
DEFAULT_IGNORE_WORDS = ("ltd", "limited", "plc", "inc", "incorporated", "llc", "gmbh", "ag", "sa", "bv", "co",
                        "company", "corp", "corporation", "group", "uk", "healthcare", "medical", "systems",
                        "international", "the", "and")


@dataclass(frozen=True)
class Step:
    name: str
    params: tuple[tuple[str, str], ...]
    conversion: Conversion
    line: int


@dataclass(frozen=True)
class LookupTable:
    name: str
    codes: dict[str, str]
    ignore_case: bool
    default: str | None
    line: int
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # code (or "default") -> line

    def __post_init__(self) -> None:
        keys = [k.lower() if self.ignore_case else k for k in self.codes]
        object.__setattr__(self, "_keys", pa.array(keys, STRING))
        object.__setattr__(self, "_targets", pa.array(list(self.codes.values()), STRING))

    def apply(self, values: pa.Array) -> tuple[pa.Array, np.ndarray]:
        """(product codes, mask of present values that are not in the table)."""
        probe = pc.utf8_lower(values) if self.ignore_case else values
        out = pc.take(self._targets, pc.index_in(probe, value_set=self._keys))  # type: ignore[attr-defined]
        unknown = _mask(pc.and_(pc.is_valid(values), pc.is_null(out)))
        if self.default is not None and unknown.any():
            out = pc.if_else(pa.array(unknown), self.default, out)
            unknown = np.zeros(len(values), dtype=bool)
        return out, unknown


@dataclass(frozen=True)
class Expr:
    """How one product value is computed from a source row."""

    kind: str  # "column", "value", "id" or "ref"
    line: int
    columns: tuple[str, ...] = ()
    join: str = " "
    steps: tuple[Step, ...] = ()
    lookup: LookupTable | None = None
    default: Any = None  # typed Python value
    value: Any = None  # typed Python value of a constant
    target: str | None = None  # entity of an id or ref
    namespace: str | None = None
    keep_placeholders: bool = False
    on_invalid: str = "reject"
    output_type: pa.DataType = STRING

    @property
    def column_label(self) -> str:
        return "+".join(self.columns)

    @property
    def cache_key(self) -> tuple[Any, ...]:
        return (self.kind, self.columns, self.join, tuple((s.name, s.params) for s in self.steps),
                self.lookup.name if self.lookup else None, repr(self.default), repr(self.value),
                self.keep_placeholders, self.on_invalid, str(self.output_type))


@dataclass(frozen=True)
class DeriveSpec:
    key: tuple[Expr, ...]
    match: str  # "exact" or "fuzzy"
    threshold: float
    ignore_words: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class OutputMapping:
    entity: EntitySpec
    namespace: str
    line: int
    fields: dict[str, Expr]
    id: Expr | None = None  # row outputs
    derive: DeriveSpec | None = None  # derived outputs
    when_present: tuple[str, ...] = ()
    on_duplicate: str = "reject"

    @property
    def derived(self) -> bool:
        return self.derive is not None


@dataclass(frozen=True)
class TableMapping:
    table: str
    line: int
    outputs: tuple[OutputMapping, ...]
    source_key: tuple[str, ...] = ()
    query: Query | None = None  # the table's rows are this query's, over the export's tables

    @property
    def primary(self) -> OutputMapping | None:
        return next((o for o in self.outputs if not o.derived), None)

    def columns(self) -> dict[str, int]:
        """Every source column the table's outputs read, with the line that first names it."""
        found: dict[str, int] = {}

        def add(expr: Expr) -> None:
            for column in expr.columns:
                found.setdefault(column, expr.line)

        for output in self.outputs:
            for column in output.when_present:
                found.setdefault(column, output.line)
            if output.id:
                add(output.id)
            if output.derive:
                for part in output.derive.key:
                    add(part)
            for expr in output.fields.values():
                add(expr)
        for column in self.source_key:
            found.setdefault(column, self.line)
        return found


@dataclass(frozen=True)
class Mapping:
    system: str
    title: str
    source: str
    sha256: str
    null_values: tuple[str, ...]
    lookups: dict[str, LookupTable]
    tables: tuple[TableMapping, ...]
    ignore_tables: dict[str, str] = field(default_factory=dict)

    def table(self, name: str) -> TableMapping:
        for table in self.tables:
            if table.table == name:
                return table
        raise KeyError(name)

    def read_by_queries(self) -> dict[str, list[str]]:
        """Export table (as a query names it) -> the mapping tables whose queries read it."""
        readers: dict[str, list[str]] = {}
        for table in self.tables:
            for name in table.query.reads if table.query else ():
                readers.setdefault(name, []).append(table.table)
        return readers


# --- loading ---------------------------------------------------------------------------------------------


def load_mapping(path: str | Path) -> Mapping:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(f"cannot read mapping file ({exc.__class__.__name__}); check the path",
                           source=path) from None
    return parse_mapping(text, source=path.name)


def builtin_mapping(system: str) -> Mapping:
    """One of the mappings shipped with the product: 'equiptrack' or 'medimaint'."""
    names = builtin_mappings()
    if system not in names:
        raise MappingError(f"no built-in mapping '{system}'; built-in: {', '.join(names)}")
    text = resources.files("intake.product").joinpath("mappings", f"{system}.yaml").read_text(encoding="utf-8")
    return parse_mapping(text, source=f"{system}.yaml")


def builtin_mappings() -> list[str]:
    folder = resources.files("intake.product").joinpath("mappings")
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def parse_mapping(text: str, source: str = "<mapping>") -> Mapping:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            problem += f" (the construct opened on line {exc.context_mark.line + 1})"
        raise MappingError(f"not valid YAML: {problem}", source=source,
                           line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise MappingError(f"not valid YAML ({exc.__class__.__name__})", source=source) from None
    if root is None:
        raise MappingError("the mapping file is empty", source=source)
    return _Loader(source, text).load(root)


class _Loader:
    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.text = text
        self.lookups: dict[str, LookupTable] = {}
        self.null_values: tuple[str, ...] = DEFAULT_NULL_VALUES
        self.errors: list[MappingError] = []
        # entity -> namespaces produced by row outputs of tables already loaded
        self.row_entities: dict[str, set[str]] = {}
        self.derived_settings: dict[tuple[str, str], tuple[str, float, tuple[str, ...]]] = {}

    # -- node helpers
    def fail(self, node: yaml.Node, message: str) -> NoReturn:
        raise MappingError(message, source=self.source, line=node.start_mark.line + 1)

    def mapping(self, node: yaml.Node, what: str, allowed: Iterable[str] | None = None,
                required: Iterable[str] = ()) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping of keys to values")
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, f"keys of {what} must be plain names")
            key = key_node.value
            if key in out:
                self.fail(key_node, f"'{key}' appears twice in {what}")
            if allowed is not None and key not in allowed:
                self.fail(key_node, f"unknown key '{key}' in {what}; expected one of: {', '.join(sorted(allowed))}")
            out[key] = value_node
        for key in required:
            if key not in out:
                self.fail(node, f"{what} needs '{key}'")
        return out

    def scalar(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            self.fail(node, f"{what} must be a single value")
        return str(node.value)

    def names(self, node: yaml.Node, what: str) -> list[str]:
        if isinstance(node, yaml.ScalarNode):
            return [self.scalar(node, what)]
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(node, f"{what} must be a name or a non-empty list of names")
        return [self.scalar(item, what) for item in node.value]

    def python(self, node: yaml.Node) -> Any:
        constructor = yaml.SafeLoader("")
        return constructor.construct_object(node, deep=True)

    def boolean(self, node: yaml.Node, what: str) -> bool:
        value = self.python(node)
        if not isinstance(value, bool):
            self.fail(node, f"{what} must be true or false")
        return value

    # -- document
    def load(self, root: yaml.Node) -> Mapping:
        top = self.mapping(root, "the mapping file",
                           {"format", "system", "title", "null_values", "lookups", "ignore_tables", "tables"},
                           ("format", "system", "tables"))
        fmt = self.scalar(top["format"], "format")
        if fmt != MAPPING_FORMAT:
            self.fail(top["format"], f"format must be '{MAPPING_FORMAT}'")
        system = self.scalar(top["system"], "system")
        title = self.scalar(top["title"], "title") if "title" in top else system
        if "null_values" in top:
            node = top["null_values"]
            if not isinstance(node, yaml.SequenceNode):
                self.fail(node, "null_values must be a list")
            self.null_values = tuple("" if v.tag.endswith(":null") else self.scalar(v, "a null value")
                                     for v in node.value)
        if "lookups" in top:
            for name, node in self.mapping(top["lookups"], "lookups").items():
                with self.collecting():
                    self.lookups[name] = self.lookup(name, node)
        ignore: dict[str, str] = {}
        if "ignore_tables" in top:
            for name, node in self.mapping(top["ignore_tables"], "ignore_tables").items():
                ignore[name] = self.scalar(node, f"the reason for ignoring table '{name}'")
        tables_node = top["tables"]
        if not isinstance(tables_node, yaml.SequenceNode) or not tables_node.value:
            self.fail(tables_node, "tables must be a non-empty list")
        tables: list[TableMapping] = []
        for node in tables_node.value:
            with self.collecting():
                tables.append(self.checked_table(node, tables, ignore))
        if self.errors:
            first = min(self.errors, key=lambda e: e.line or 0)
            if len(self.errors) == 1:
                raise first
            listed = "\n".join(f"  line {e.line}: {e.message}" for e in sorted(self.errors, key=lambda e: e.line or 0))
            raise MappingError(f"{len(self.errors)} mistakes:\n{listed}", source=self.source, line=first.line)
        return Mapping(system=system, title=title, source=self.source,
                       sha256=hashlib.sha256(self.text.encode()).hexdigest(), null_values=self.null_values,
                       lookups=self.lookups, tables=tuple(tables), ignore_tables=ignore)

    @contextmanager
    def collecting(self) -> Iterator[None]:
        """Keep a mistake and go on to the next table, lookup or field, so that one load reports them all."""
        try:
            yield
        except MappingError as exc:
            self.errors.append(exc)

    def checked_table(self, node: yaml.Node, tables: list[TableMapping], ignore: dict[str, str]) -> TableMapping:
        table = self.table(node)
        if any(t.table == table.table for t in tables):
            self.fail(node, f"table '{table.table}' is mapped twice")
        if table.table in ignore:
            self.fail(node, f"table '{table.table}' is both mapped and in ignore_tables")
        for output in table.outputs:
            if not output.derived:
                self.row_entities.setdefault(output.entity.name, set()).add(output.namespace)
        return table

    def lookup(self, name: str, node: yaml.Node) -> LookupTable:
        entries = self.mapping(node, f"lookup '{name}'")
        ignore_case, default = True, None
        lines: dict[str, int] = {}
        if "values" in entries and isinstance(entries["values"], yaml.MappingNode):
            extra = self.mapping(node, f"lookup '{name}'", {"values", "ignore_case", "default"}, ("values",))
            if "ignore_case" in extra:
                ignore_case = self.boolean(extra["ignore_case"], "ignore_case")
            if "default" in extra:
                default = self.scalar(extra["default"], "default")
                lines["default"] = extra["default"].start_mark.line + 1
            entries = self.mapping(extra["values"], f"values of lookup '{name}'")
        codes: dict[str, str] = {}
        seen: dict[str, str] = {}
        for code, target in entries.items():
            probe = code.lower() if ignore_case else code
            if probe in seen:
                self.fail(target, f"code '{code}' of lookup '{name}' clashes with '{seen[probe]}' (case ignored)")
            seen[probe] = code
            codes[code] = self.scalar(target, f"the product value of code '{code}'")
            lines[code] = target.start_mark.line + 1
        if not codes:
            self.fail(node, f"lookup '{name}' is empty")
        return LookupTable(name, codes, ignore_case, default, node.start_mark.line + 1, lines)

    def table(self, node: yaml.Node) -> TableMapping:
        spec = self.mapping(node, "a table", {"table", "query", "source_key", "outputs"}, ("table", "outputs"))
        name = self.scalar(spec["table"], "table")
        query = self.query(spec["query"], name) if "query" in spec else None
        source_key = tuple(self.names(spec["source_key"], "source_key")) if "source_key" in spec else ()
        outputs_node = spec["outputs"]
        if not isinstance(outputs_node, yaml.SequenceNode) or not outputs_node.value:
            self.fail(outputs_node, f"outputs of table '{name}' must be a non-empty list")
        outputs: list[OutputMapping] = []
        for item in outputs_node.value:
            output = self.output(item, name, outputs)
            if any(o.entity.name == output.entity.name for o in outputs):
                self.fail(item, f"table '{name}' has two outputs of entity '{output.entity.name}'")
            outputs.append(output)
        if not any(not o.derived for o in outputs):
            self.fail(outputs_node, f"table '{name}' needs at least one row output (an output without 'derive')")
        return TableMapping(name, node.start_mark.line + 1, tuple(outputs), source_key, query)

    def query(self, node: yaml.Node, table: str) -> Query:
        sql = self.scalar(node, f"the query of table '{table}'")
        try:
            return Query.parse(sql, node.start_mark.line + 1)
        except ValueError as exc:
            self.fail(node, f"the query of table '{table}': {str(exc).splitlines()[0]}")

    def output(self, node: yaml.Node, table: str, earlier: list[OutputMapping]) -> OutputMapping:
        spec = self.mapping(node, "an output",
                            {"entity", "id", "derive", "fields", "when_present", "on_duplicate", "namespace"},
                            ("entity",))
        entity_name = self.scalar(spec["entity"], "entity")
        if entity_name not in ENTITIES:
            self.fail(spec["entity"], f"unknown entity '{entity_name}'; product entities: {', '.join(ENTITIES)}")
        entity = ENTITIES[entity_name]
        namespace = self.scalar(spec["namespace"], "namespace") if "namespace" in spec else entity_name
        line = node.start_mark.line + 1
        primary_of_table = not any(not o.derived for o in earlier)
        derive: DeriveSpec | None = None
        id_expr: Expr | None = None
        if "derive" in spec:
            for key in ("id", "when_present", "on_duplicate"):
                if key in spec:
                    self.fail(spec[key], f"'{key}' does not apply to a derived output")
            derive = self.derive(spec["derive"], entity, namespace, earlier)
        else:
            if "id" not in spec:
                self.fail(node, f"output '{entity_name}' needs 'id' (the source column(s) of its key) or 'derive'")
            id_expr = self.expression(spec["id"], STRING, None, earlier, allow=("column",))
        when_present: tuple[str, ...] = ()
        if "when_present" in spec:
            if primary_of_table and derive is None:
                self.fail(spec["when_present"], "the first row output of a table applies to every row; "
                          "'when_present' is only for later outputs")
            when_present = tuple(self.names(spec["when_present"], "when_present"))
        on_duplicate = "reject"
        if "on_duplicate" in spec:
            on_duplicate = self.scalar(spec["on_duplicate"], "on_duplicate")
            if on_duplicate not in ("reject", "merge_identical"):
                self.fail(spec["on_duplicate"], "on_duplicate must be 'reject' or 'merge_identical'")
            if not primary_of_table:
                self.fail(spec["on_duplicate"], "on_duplicate applies to the first row output of a table only")
        fields: dict[str, Expr] = {}
        field_nodes = self.mapping(spec["fields"], f"fields of '{entity_name}'") if "fields" in spec else {}
        failed = len(self.errors)
        for field_name, field_node in field_nodes.items():
            with self.collecting():
                if not entity.has_field(field_name):
                    self.fail(field_node, f"entity '{entity_name}' has no field '{field_name}'; fields: "
                              f"{', '.join(entity.field_names)}")
                if field_name == entity.primary_key:
                    self.fail(field_node, f"'{field_name}' is the primary key; it comes from 'id' or 'derive'")
                fields[field_name] = self.field(field_node, entity.field(field_name), entity, earlier)
        # A required field missing because its own line failed is no news: check them once the fields are right.
        for spec_field in entity.fields[1:] if len(self.errors) == failed else ():
            if spec_field.required and spec_field.name not in fields:
                self.fail(node, f"required field '{entity_name}.{spec_field.name}' is not mapped")
            if spec_field.required and derive is not None:
                expr = fields[spec_field.name]
                named = set(derive.key[-1].columns)
                if expr.kind == "column" and not set(expr.columns) <= named:
                    self.fail(field_nodes[spec_field.name], f"required field '{entity_name}.{spec_field.name}' "
                              "of a derived entity must come from the key's last column(s) or be a constant, "
                              "so every derived row has it")
        return OutputMapping(entity=entity, namespace=namespace, line=line, fields=fields, id=id_expr,
                             derive=derive, when_present=when_present, on_duplicate=on_duplicate)

    def derive(self, node: yaml.Node, entity: EntitySpec, namespace: str,
               earlier: list[OutputMapping]) -> DeriveSpec:
        spec = self.mapping(node, "derive", {"key", "match", "threshold", "ignore_words"}, ("key",))
        key_node = spec["key"]
        items = key_node.value if isinstance(key_node, yaml.SequenceNode) else [key_node]
        if not items:
            self.fail(key_node, "derive key must name at least one column")
        key = tuple(self.expression(item, STRING, None, earlier, allow=("column", "ref")) for item in items)
        if key[-1].kind != "column":
            self.fail(key_node, "the last part of a derive key must be a source column (the name matched)")
        match = self.scalar(spec["match"], "match") if "match" in spec else "exact"
        if match not in ("exact", "fuzzy"):
            self.fail(spec["match"], "match must be 'exact' or 'fuzzy'")
        threshold = 90.0
        if "threshold" in spec:
            value = self.python(spec["threshold"])
            if not isinstance(value, int | float) or isinstance(value, bool) or not 50 <= value <= 100:
                self.fail(spec["threshold"], "threshold must be a number from 50 to 100")
            threshold = float(value)
        ignore_words: tuple[str, ...] = DEFAULT_IGNORE_WORDS
        if "ignore_words" in spec:
            node_words = spec["ignore_words"]
            ignore_words = tuple(w.lower() for w in self.names(node_words, "ignore_words")) \
                if isinstance(node_words, yaml.ScalarNode) or node_words.value else ()
        settings = (match, threshold, ignore_words)
        previous = self.derived_settings.setdefault((entity.name, namespace), settings)
        if previous != settings:
            self.fail(node, f"entity '{entity.name}' is derived elsewhere with other match settings; "
                      "use the same settings or another namespace")
        return DeriveSpec(key, match, threshold, ignore_words, node.start_mark.line + 1)

    def field(self, node: yaml.Node, spec: FieldSpec, entity: EntitySpec, earlier: list[OutputMapping]) -> Expr:
        where = f"'{entity.name}.{spec.name}'"
        expr = self.expression(node, spec.type, spec, earlier)
        if spec.references and expr.kind in ("column", "value"):
            self.fail(node, f"{where} refers to '{spec.references}'; map it with "
                      f"{{id: {spec.references}, from: <column>}} or {{ref: {spec.references}}}")
        if expr.kind in ("id", "ref") and expr.target != spec.references:
            self.fail(node, f"{where} holds ids of '{spec.references or 'nothing'}', not of '{expr.target}'")
        return expr

    def expression(self, node: yaml.Node, target: pa.DataType, spec: FieldSpec | None,
                   earlier: list[OutputMapping], allow: tuple[str, ...] = ("column", "value", "id", "ref")) -> Expr:
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            return self.column_expr(node, {"from": node}, target, spec, line)
        parts = self.mapping(node, "a field expression", {"from", "join", "convert", "lookup", "default", "value",
                                                          "id", "ref", "namespace", "on_invalid",
                                                          "keep_placeholders"})
        kinds = [k for k in ("value", "id", "ref") if k in parts]
        if len(kinds) > 1:
            self.fail(node, f"an expression can use only one of value, id and ref (found {', '.join(kinds)})")
        kind = kinds[0] if kinds else "column"
        if kind not in allow:
            self.fail(node, f"'{kind}' cannot be used here; allowed: {', '.join(allow)}")
        if kind == "value":
            self.only(parts, {"value"}, node, "a constant")
            value = self.constant(parts["value"], target, spec)
            return Expr("value", line, value=value, output_type=target)
        if kind == "ref":
            self.only(parts, {"ref"}, node, "a ref")
            target_entity = self.scalar(parts["ref"], "ref")
            if not any(o.entity.name == target_entity for o in earlier):
                self.fail(parts["ref"], f"ref '{target_entity}' must name an output listed earlier in this table")
            return Expr("ref", line, target=target_entity)
        if kind == "id":
            target_entity = self.scalar(parts["id"], "id")
            if target_entity not in ENTITIES:
                self.fail(parts["id"], f"unknown entity '{target_entity}'")
            if "from" not in parts:
                self.fail(node, "an id expression needs 'from' (the source column holding the key)")
            namespace = self.scalar(parts["namespace"], "namespace") if "namespace" in parts else target_entity
            produced = self.row_entities.get(target_entity, set())
            if namespace not in produced:
                self.fail(parts["id"], f"no earlier table produces '{target_entity}' rows in namespace "
                          f"'{namespace}'; list that table first (or use ref for an output of this row)")
            column = self.column_expr(node, parts, STRING, None, line, skip=frozenset({"id", "namespace"}))
            return Expr("id", line, columns=column.columns, join=column.join, steps=column.steps,
                        keep_placeholders=column.keep_placeholders, target=target_entity, namespace=namespace)
        if "namespace" in parts:
            self.fail(parts["namespace"], "'namespace' applies to id expressions only")
        return self.column_expr(node, parts, target, spec, line)

    def only(self, parts: dict[str, yaml.Node], allowed: set[str], node: yaml.Node, what: str) -> None:
        extra = sorted(set(parts) - allowed)
        if extra:
            self.fail(node, f"{what} takes no {', '.join(extra)}")

    def column_expr(self, node: yaml.Node, parts: dict[str, yaml.Node], target: pa.DataType,
                    spec: FieldSpec | None, line: int, skip: frozenset[str] = frozenset()) -> Expr:
        if "from" not in parts:
            self.fail(node, "an expression needs 'from' (source column), 'value', 'id' or 'ref'")
        columns = tuple(self.names(parts["from"], "from"))
        join = " "
        if "join" in parts:
            if len(columns) < 2:
                self.fail(parts["join"], "join needs two or more columns in 'from'")
            join = str(self.python(parts["join"]))
        elif len(columns) > 1:
            join = " "
        steps = self.steps(parts["convert"]) if "convert" in parts else ()
        current: pa.DataType = STRING
        for step in steps:
            current = self.step_type(step, current)
        lookup: LookupTable | None = None
        if "lookup" in parts:
            name = self.scalar(parts["lookup"], "lookup")
            if name not in self.lookups:
                self.fail(parts["lookup"], f"unknown lookup '{name}'; defined: {', '.join(self.lookups) or 'none'}")
            if current != STRING:
                self.fail(parts["lookup"], "a lookup needs text; put number/date conversions after the lookup "
                          "(not possible) or drop them")
            lookup = self.lookups[name]
            if spec is not None and spec.enum:
                for code, value in [*lookup.codes.items(), ("default", lookup.default)]:
                    if value is not None and value not in spec.enum:
                        raise MappingError(
                            f"lookup '{name}' maps '{code}' to '{value}', which is not one of "
                            f"{', '.join(spec.enum)} (the lookup is used for field '{spec.name}' on line {line})",
                            source=self.source, line=lookup.lines.get(code, lookup.line))
        parser = default_parser_for(target) if current == STRING and target != STRING else None
        if parser is not None:
            steps = (*steps, Step(parser.name, (), parser, line))
            current = target
        if not _compatible(current, target):
            self.fail(node, f"the conversions produce {current} but the field holds {target}")
        on_invalid = "reject"
        if "on_invalid" in parts:
            node_invalid = parts["on_invalid"]
            # `on_invalid: null` is YAML's null, which is what the author means
            on_invalid = "null" if node_invalid.tag.endswith(":null") else self.scalar(node_invalid, "on_invalid")
            if on_invalid not in ("reject", "null"):
                self.fail(parts["on_invalid"], "on_invalid must be 'reject' or 'null'")
        keep = self.boolean(parts["keep_placeholders"], "keep_placeholders") if "keep_placeholders" in parts else False
        default = self.constant(parts["default"], target, spec) if "default" in parts else None
        unknown = set(parts) - {"from", "join", "convert", "lookup", "default", "on_invalid", "keep_placeholders"}
        unknown -= skip
        if unknown:
            self.fail(node, f"unexpected {', '.join(sorted(unknown))} in a column expression")
        return Expr("column", line, columns=columns, join=join, steps=steps, lookup=lookup, default=default,
                    keep_placeholders=keep, on_invalid=on_invalid, output_type=current)

    def steps(self, node: yaml.Node) -> tuple[Step, ...]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        steps: list[Step] = []
        for item in items:
            line = item.start_mark.line + 1
            if isinstance(item, yaml.ScalarNode):
                name, params = self.scalar(item, "a conversion"), {}
            else:
                entry = self.mapping(item, "a conversion")
                if len(entry) != 1:
                    self.fail(item, "a conversion is a name or {name: parameters}")
                name, param_node = next(iter(entry.items()))
                raw = self.python(param_node)
                if isinstance(raw, dict):
                    params = raw
                elif raw is None:
                    params = {}
                else:
                    cls = CONVERSIONS.get(name)
                    if cls is None or cls.scalar is None:
                        self.fail(item, f"conversion '{name}' takes named parameters ({{{name}: {{...}}}})")
                    params = {cls.scalar: raw}
            try:
                conversion = make_conversion(name, params)
            except (ValueError, TypeError) as exc:
                self.fail(item, f"conversion '{name}': {exc}")
            steps.append(Step(name, tuple(sorted((k, repr(v)) for k, v in params.items())), conversion, line))
        return tuple(steps)

    def step_type(self, step: Step, current: pa.DataType) -> pa.DataType:
        conversion = step.conversion
        wants = conversion.input
        if wants == "text" and current != STRING:
            raise MappingError(f"conversion '{step.name}' needs text but gets {current}; order the conversions "
                               "text first", source=self.source, line=step.line)
        if wants == "number" and not (pa.types.is_integer(current) or pa.types.is_floating(current)
                                      or pa.types.is_decimal(current)):
            raise MappingError(f"conversion '{step.name}' needs numbers but gets {current}; convert with "
                               "number/integer/decimal first", source=self.source, line=step.line)
        return conversion.output or current

    def constant(self, node: yaml.Node, target: pa.DataType, spec: FieldSpec | None) -> Any:
        text = self.scalar(node, "a constant")
        if spec is not None and spec.enum and text not in spec.enum:
            self.fail(node, f"'{text}' is not one of {', '.join(spec.enum)}")
        if target == STRING:
            return text
        parser = default_parser_for(target)
        assert parser is not None
        converted = parser(pa.array([text], STRING))
        if converted.values[0].as_py() is None:
            self.fail(node, f"'{text}' cannot be read as {target}")
        return converted.values[0].as_py()


def _compatible(produced: pa.DataType, target: pa.DataType) -> bool:
    if produced == target:
        return True
    numeric_widening = {(INTEGER, FLOAT), (INTEGER, MONEY), (FLOAT, MONEY)}
    return (produced, target) in numeric_widening


# --- engine ----------------------------------------------------------------------------------------------


@dataclass
class Failure:
    """Rows where an expression failed, with the reason code and a value-free explanation."""

    mask: np.ndarray
    code: str
    detail: str


@dataclass
class Evaluated:
    values: pa.Array
    failures: list[Failure] = field(default_factory=list)
    nulled: int = 0  # invalid values turned into nulls because the mapping says on_invalid: null


def _mask(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values.fill_null(False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


def _cast(values: pa.Array, target: pa.DataType) -> pa.Array:
    if values.type == target:
        return values
    if pa.types.is_decimal(target) and pa.types.is_floating(values.type):
        values = pc.round(values, target.scale, round_mode="half_towards_infinity")
    return pc.cast(values, target)


def _placeholder_variants(values: Iterable[str]) -> pa.Array:
    """Placeholders as written and in lower, upper, title and capitalised case ("NA", "na", "Na", "N/a")."""
    variants = {form for v in values for form in (v, v.lower(), v.upper(), v.title(), v.capitalize())}
    return pa.array(sorted(variants), STRING)


class SourceBatch:
    """One batch of a legacy table (all columns text), with prepared columns and evaluated expressions cached."""

    def __init__(self, batch: pa.RecordBatch, mapping: Mapping, table: TableMapping) -> None:
        self.batch = batch
        self.mapping = mapping
        self.table = table
        self.num_rows = batch.num_rows
        self._placeholder_set = _placeholder_variants(mapping.null_values)
        self._short = max((len(v.encode()) for v in mapping.null_values), default=0)
        self._prepared: dict[tuple[str, bool], pa.Array] = {}
        self._cache: dict[tuple[Any, ...], Evaluated] = {}
        self._hashes: dict[int, tuple[pa.Array, np.ndarray]] = {}
        self.memo: dict[str, Any] = {}  # other per-batch results the transform computes once

    def hashes(self, namespace: str, values: pa.Array) -> np.ndarray:
        """Stable hashes of a string array of this batch; each array is hashed once for all namespaces."""
        cached = self._hashes.get(id(values))
        if cached is None or cached[0] is not values:
            cached = (values, hash_strings(values))
            self._hashes[id(values)] = cached
        return in_namespace(namespace, cached[1])

    def raw(self, column: str) -> pa.Array:
        index = self.batch.schema.get_field_index(column)
        if index < 0:
            line = self.table.columns().get(column)
            raise TransformError(
                f"table '{self.table.table}' has no column '{column}' (named on line {line} of mapping "
                f"{self.mapping.source}); fix the mapping or check the export's header")
        values = self.batch.column(index)
        if values.type != STRING:
            values = pc.cast(values, STRING)
        return values

    def column(self, name: str, keep_placeholders: bool = False) -> pa.Array:
        """A source column trimmed, with placeholders ("NA", "-", blank...) as nulls unless kept."""
        key = (name, keep_placeholders)
        if key not in self._prepared:
            values = trim(self.raw(name))
            if keep_placeholders:
                values = pc.if_else(pc.equal(values, ""), pa.scalar(None, STRING), values)
            else:
                values = self._drop_placeholders(values)
            self._prepared[key] = values
        return self._prepared[key]

    def _drop_placeholders(self, values: pa.Array) -> pa.Array:
        # only short strings can be placeholders: long free text is never hashed for the look-up
        lengths = pc.binary_length(values).to_numpy(zero_copy_only=False)
        short = np.flatnonzero(lengths <= self._short)  # nulls give NaN: never short
        if len(short) == 0:
            return values
        if len(short) == len(values):
            hit = _mask(pc.is_in(values, value_set=self._placeholder_set))
        else:
            hit = np.zeros(len(values), dtype=bool)
            hit[short[_mask(pc.is_in(values.take(pa.array(short)), value_set=self._placeholder_set))]] = True
        if not hit.any():
            return values
        return pc.if_else(pa.array(hit), pa.scalar(None, STRING), values)

    def any_present(self, columns: Iterable[str]) -> np.ndarray:
        present = np.zeros(self.num_rows, dtype=bool)
        for column in columns:
            present |= _mask(pc.is_valid(self.column(column)))
        return present

    def all_blank(self, columns: Iterable[str]) -> np.ndarray:
        return ~self.any_present(columns)

    def text(self, expr: Expr) -> pa.Array:
        """The joined, untyped source text of a column expression (before conversions)."""
        parts = [self.column(c, expr.keep_placeholders) for c in expr.columns]
        if len(parts) == 1:
            return parts[0]
        return join_skipping_nulls(parts, expr.join)

    def evaluate(self, expr: Expr, target: pa.DataType = STRING, enum: tuple[str, ...] | None = None) -> Evaluated:
        key = (*expr.cache_key, str(target), enum)
        if key not in self._cache:
            self._cache[key] = self._evaluate(expr, target, enum)
        return self._cache[key]

    def _evaluate(self, expr: Expr, target: pa.DataType, enum: tuple[str, ...] | None) -> Evaluated:
        n = self.num_rows
        if expr.kind == "value":
            return Evaluated(pa.repeat(pa.scalar(expr.value, target), n) if n else pa.array([], target))
        values = self.text(expr)
        failures: list[Failure] = []
        invalid_any = np.zeros(n, dtype=bool)
        for step in expr.steps:
            converted: Converted = step.conversion(values)
            values = converted.values
            if converted.invalid is not None and converted.invalid.any():
                fresh = converted.invalid & ~invalid_any
                invalid_any |= converted.invalid
                if fresh.any():
                    failures.append(Failure(fresh, "invalid_value",
                                            f"could not be read as a {step.conversion.kind}"))
        if expr.lookup is not None:
            values, unknown = expr.lookup.apply(values)
            if unknown.any():
                failures.append(Failure(unknown, "unknown_code", f"holds a code not in lookup '{expr.lookup.name}'"))
        elif enum is not None:
            known = _mask(pc.is_in(values, value_set=pa.array(list(enum), STRING)))
            unknown = _mask(pc.is_valid(values)) & ~known
            if unknown.any():
                failures.append(Failure(unknown, "unknown_code", "holds a value that is not an allowed code"))
                values = pc.if_else(pa.array(unknown), pa.scalar(None, values.type), values)
        nulled = 0
        if expr.on_invalid == "null" and failures:
            nulled = int(np.logical_or.reduce([f.mask for f in failures]).sum())
            failures = []
        if expr.default is not None:
            values = pc.fill_null(values, pa.scalar(expr.default, values.type))
        values = _cast(values, target)
        return Evaluated(values, failures, nulled)
