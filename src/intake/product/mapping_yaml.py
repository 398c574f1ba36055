"""Reading a mapping file's YAML nodes: each mistake a MappingError with the file and line, and mistakes
collected so that one load reports them all."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import yaml

from intake.product.errors import MappingError


class NodeReader:
    """Typed access to YAML nodes for the mapping loader; `errors` holds the mistakes `collecting` kept."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[MappingError] = []

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

    @contextmanager
    def collecting(self) -> Iterator[None]:
        """Keep a mistake and go on to the next table, lookup or field, so that one load reports them all."""
        try:
            yield
        except MappingError as exc:
            self.errors.append(exc)
