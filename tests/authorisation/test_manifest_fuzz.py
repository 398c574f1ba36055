"""Hypothesis: whatever bytes or text arrive, the loader returns a Manifest or raises ManifestError; nothing else."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from intake.authorisation import Manifest, ManifestError, load_manifest
from tests.authorisation.test_manifest import VALID

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_or_refuse(data: bytes | str) -> Manifest | ManifestError:
    try:
        return load_manifest(data, "fuzz.yaml")
    except ManifestError as error:
        # a refusal always explains itself: at least one problem, and a message a person can act on
        assert error.problems
        assert "fuzz.yaml" in str(error)
        assert "Traceback" not in str(error)
        return error


@FUZZ
@given(st.binary(max_size=2000))
@example(b"\x00")
@example(b"{" * 5000)
@example(b"- " * 2000 + b"x")
@example(b"a: !!timestamp 2026-13-45")
@example(b"a: !!binary ===")
@example(b"a: !!set {? [1]}")
@example(b"? [a, b]\n: c")
@example(b"%YAML 9.9\n---\na: 1")
def test_arbitrary_bytes(data: bytes) -> None:
    load_or_refuse(data)


@FUZZ
@given(st.text(max_size=2000))
@example("\ud800")
@example("a: 1e99999\nb: .nan")
@example("customer: &a x\nsignatory: *a")
@example("!!omap [a: 1, a: 2]")
def test_arbitrary_text(text: str) -> None:
    load_or_refuse(text)


valid_bytes = VALID.encode()


@st.composite
def mutated_manifests(draw: st.DrawFn) -> bytes:
    data = bytearray(valid_bytes)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "dup_line", "drop_line", "swap_lines"]))
        lines = bytes(data).split(b"\n")
        if op == "flip" and data:
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        elif op == "insert":
            i = draw(st.integers(0, len(data)))
            data[i:i] = draw(st.sampled_from([b":", b"-", b" ", b"\t", b"'", b'"', b"[", b"{", b"&x ", b"*x", b"!!",
                                              b"#", b"\n", b"? ", b"%", b"|", b">", b"\x00", b"\xc3"]))
        elif op == "delete" and data:
            i = draw(st.integers(0, len(data) - 1))
            del data[i : i + draw(st.integers(1, 8))]
        elif op in {"dup_line", "drop_line", "swap_lines"} and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "dup_line":
                lines.insert(j, lines[i])
            elif op == "drop_line":
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@FUZZ
@given(mutated_manifests())
def test_mutated_valid_manifests(data: bytes) -> None:
    load_or_refuse(data)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40) | st.dates()
    | st.datetimes() | st.binary(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
FIELDS = list(yaml.safe_load(VALID))


@FUZZ
@given(
    replacements=st.dictionaries(st.sampled_from(FIELDS), yaml_values, max_size=4),
    removed=st.sets(st.sampled_from(FIELDS), max_size=3),
    extra=st.dictionaries(st.text(max_size=10), yaml_values, max_size=2),
)
def test_fields_replaced_by_any_yaml_value(replacements: dict, removed: set, extra: dict) -> None:
    fields = yaml.safe_load(VALID)
    fields.update(replacements)
    for name in removed:
        fields.pop(name, None)
    fields.update(extra)
    result = load_or_refuse(yaml.safe_dump(fields, allow_unicode=True))
    changed = bool(replacements or removed or set(extra) - set(FIELDS))
    if isinstance(result, ManifestError):
        for problem in result.problems:
            # every schema problem points at a line of the document
            assert problem.line is None or problem.line >= 1
    elif not changed:
        assert result.reference == "AUTH-2026-001"


def test_the_valid_manifest_survives_a_yaml_round_trip() -> None:
    assert isinstance(load_or_refuse(yaml.safe_dump(yaml.safe_load(VALID))), Manifest)
