"""Loading a mapping file: the document, its lookups, tables, outputs and derive settings, checked in order
(a table may only refer to tables listed before it), and the built-in mappings shipped with the product."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import yaml

from intake.product.conversions import DEFAULT_NULL_VALUES
from intake.product.errors import MappingError
from intake.product.mapping_fields import ExpressionReader
from intake.product.mapping_model import DeriveSpec, Expr, LookupTable, Mapping, OutputMapping, TableMapping
from intake.product.queries import Query
from intake.product.schema import ENTITIES, STRING, EntitySpec

MAPPING_FORMAT = "intake-mapping/1"
DEFAULT_IGNORE_WORDS = ("ltd", "limited", "plc", "inc", "incorporated", "llc", "gmbh", "ag", "sa", "bv", "co",
                        "company", "corp", "corporation", "group", "uk", "healthcare", "medical", "systems",
                        "international", "the", "and")


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


class _Loader(ExpressionReader):
    def __init__(self, source: str, text: str) -> None:
        super().__init__(source)
        self.text = text
        self.null_values: tuple[str, ...] = DEFAULT_NULL_VALUES
        self.derived_settings: dict[tuple[str, str], tuple[str, float, tuple[str, ...]]] = {}

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
