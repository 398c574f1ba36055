"""Stable ids and the key sets behind uniqueness and referential-integrity checks."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.product.ids import KeySet, format_ids, join_key_parts, stable_hashes


def test_ids_are_pinned_so_a_library_upgrade_cannot_change_them_silently() -> None:
    hashes = stable_hashes("assets", pa.array(["EQ1", "EQ2"]))
    assert format_ids("AST", hashes).to_pylist() == ["AST-89c2938fdbaa4bfb", "AST-b8731346677a693b"]


def test_namespaces_separate_equal_keys() -> None:
    staff = stable_hashes("staff", pa.array(["1"]))
    makers = stable_hashes("manufacturer_contacts", pa.array(["1"]))
    assert staff[0] != makers[0]


def test_null_keys_give_null_ids() -> None:
    hashes = stable_hashes("assets", pa.array(["EQ1", None]))
    assert format_ids("AST", hashes, np.array([True, False])).to_pylist()[1] is None


def test_composite_keys_keep_their_parts_apart() -> None:
    one = join_key_parts([pa.array(["ab", None]), pa.array(["c", "x"])])
    two = join_key_parts([pa.array(["a", "x"]), pa.array(["bc", None])])
    assert one.to_pylist()[0] != two.to_pylist()[0]
    assert one.to_pylist()[1] != two.to_pylist()[1]
    assert join_key_parts([pa.array([None]), pa.array([None])]).to_pylist() == [None]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(min_value=0, max_value=500), max_size=60), max_size=12))
def test_key_set_agrees_with_a_python_set(batches: list[list[int]]) -> None:
    keys = KeySet(payloads=1)
    reference: dict[int, int] = {}
    for number, values in enumerate(batches):
        probe = np.array(values, dtype=np.uint64)
        found, payload = keys.lookup(probe)
        assert found.tolist() == [v in reference for v in values]
        assert [int(p) for p, f in zip(payload[0], found, strict=True) if f] == [reference[v] for v in values
                                                                               if v in reference]
        fresh = sorted(set(values) - set(reference))
        keys.add(np.array(fresh, dtype=np.uint64), np.full(len(fresh), number))
        reference.update(dict.fromkeys(fresh, number))
    assert len(keys) == len(reference)
