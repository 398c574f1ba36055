"""Parsing a mapping's field expressions (column, constant, id and ref) and their conversion steps, with the
checks that the conversions, lookup and target field agree on types and codes."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import yaml

from intake.product.conversions import CONVERSIONS, default_parser_for, make_conversion
from intake.product.errors import MappingError
from intake.product.mapping_model import Expr, LookupTable, OutputMapping, Step
from intake.product.mapping_yaml import NodeReader
from intake.product.schema import ENTITIES, FLOAT, INTEGER, MONEY, STRING, EntitySpec, FieldSpec


class ExpressionReader(NodeReader):
    """Field expressions of a mapping file; they may use the lookups and the entities of tables read before."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.lookups: dict[str, LookupTable] = {}
        # entity -> namespaces produced by row outputs of tables already loaded
        self.row_entities: dict[str, set[str]] = {}

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
