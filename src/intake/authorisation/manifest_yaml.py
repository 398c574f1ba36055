"""Reading a manifest's YAML strictly, and locating a problem in it: the field path and the line it is on.

A parse failure keeps the node tree when one was composed, so that its problem can name the field it is in.
"""

from __future__ import annotations

from typing import Any

import yaml

from intake.authorisation.errors import ManifestProblem


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases, merge keys and duplicate keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed in a manifest", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[tuple[str, str]] = set()
            for key_node, _value in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.constructor.ConstructorError(
                        None, None, "field names must be plain text", key_node.start_mark
                    )
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(
                        None, None, "merge keys (<<) are not allowed in a manifest", key_node.start_mark
                    )
                identity = (key_node.tag, key_node.value)
                if identity in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"field '{key_node.value[:60]}' appears twice", key_node.start_mark
                    )
                seen.add(identity)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, "is not a real date (write YYYY-MM-DD)", node.start_mark
            ) from None


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


class YamlFailure(Exception):
    def __init__(self, error: yaml.YAMLError, root: Any) -> None:
        super().__init__(str(error))
        self.error, self.root = error, root


def yaml_problem(exc: yaml.YAMLError, root: Any) -> ManifestProblem:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    text = f"{context}, {problem}" if context else problem
    path = format_path(_path_at(root, mark)) if root is not None and mark is not None else ""
    return ManifestProblem(path, mark.line + 1 if mark is not None else None, f"not valid YAML: {text}")


def parse_yaml(text: str) -> tuple[Any, Any]:
    """Return (node tree, constructed data); a failure carries the node tree when it was composed."""
    loader = _StrictLoader(text)
    root = None
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
        return root, data
    except yaml.YAMLError as exc:
        raise YamlFailure(exc, root) from None
    finally:
        loader.dispose()


def _path_at(root: Any, mark: Any) -> tuple[str | int, ...]:
    """Field path of the innermost node containing `mark` (for errors found while constructing)."""
    path: list[str | int] = []
    node = root

    def contains(candidate: Any) -> bool:
        start, end = candidate.start_mark.index, candidate.end_mark.index
        return start <= mark.index < max(end, start + 1)

    while True:
        step: tuple[str | int, Any] | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if contains(key_node) or contains(value_node):
                    step = (str(key_node.value), value_node)
                    break
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                if contains(item):
                    step = (index, item)
                    break
        if step is None:
            return tuple(path)
        path.append(step[0])
        node = step[1]


def format_path(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_of(root: Any, loc: tuple[str | int, ...]) -> int | None:
    """Line of the deepest node of `loc` present in the YAML (the parent's, for a missing field)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    child = value_node
                    line = key_node.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
