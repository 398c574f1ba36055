"""Derived entities: free-typed manufacturer, model and supplier names de-duplicated into stable entities."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pyarrow as pa
import pytest

from intake.clock import FixedClock
from intake.product import builtin_mapping, transform_to_tables
from intake.product.derive import DerivedEntity, normalise_name
from intake.product.mapping import DEFAULT_IGNORE_WORDS
from intake.product.schema import ENTITIES
from tests.product.legacy import ASSET_COLUMNS, JOB_COLUMNS, asset_row, batch

CLOCK = FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))


@pytest.mark.parametrize(("variants", "expected"), [
    (["B Braun", "B.BRAUN", "B. Braun", "b braun ltd"], "bbraun"),
    (["Philips", "PHILIPS Healthcare", "Philips Medical Systems"], "philips"),
    (["GE Healthcare", "G.E. Healthcare", "GE"], "ge"),
    (["Dräger", "Drager"], "drager"),
])
def test_normalised_names_agree(variants: list[str], expected: str) -> None:
    assert {normalise_name(v, DEFAULT_IGNORE_WORDS) for v in variants} == {expected}


def test_a_name_made_only_of_filler_words_keeps_them() -> None:
    assert normalise_name("Medical Systems Ltd", DEFAULT_IGNORE_WORDS) == "medicalsystemsltd"


def manufacturers(names: list[str]) -> pa.Table:
    rows = [asset_row(f"EQ{i}", Manufacturer=name) for i, name in enumerate(names)]
    result = transform_to_tables({"assets": [batch(ASSET_COLUMNS, rows)], "jobs": [batch(JOB_COLUMNS, [])]},
                                 builtin_mapping("equiptrack"), clock=CLOCK)
    return result.entities["manufacturers"]


def test_free_typed_manufacturers_become_one_entity_named_by_the_commonest_spelling() -> None:
    table = manufacturers(["B Braun", "B.BRAUN", "B. Braun", "B. Braun", "Philips", "PHILIPS Healthcare",
                           "Phillips", "Philips", "G.E. Healthcare", "GE Healthcare", "GE Healthcare"])
    assert sorted(table.column("name").to_pylist()) == ["B. Braun", "GE Healthcare", "Philips"]


def test_every_asset_points_at_its_deduplicated_manufacturer() -> None:
    rows = [asset_row("EQ1", Manufacturer="B Braun", Model="Infusomat Space"),
            asset_row("EQ2", Manufacturer="B.BRAUN", Model="INFUSOMAT SPACE"),
            asset_row("EQ3", Manufacturer="Philips", Model="IntelliVue MX450"),
            asset_row("EQ4", Manufacturer="Philips", Model="IntelliVue MX400")]
    result = transform_to_tables({"assets": [batch(ASSET_COLUMNS, rows)], "jobs": [batch(JOB_COLUMNS, [])]},
                                 builtin_mapping("equiptrack"), clock=CLOCK)
    models = {r["model_id"]: r for r in result.entities["device_models"].to_pylist()}
    makers = {r["manufacturer_id"]: r["name"] for r in result.entities["manufacturers"].to_pylist()}
    assets = result.entities["assets"].to_pylist()
    assert assets[0]["model_id"] == assets[1]["model_id"]
    assert assets[2]["model_id"] != assets[3]["model_id"]  # MX450 and MX400 differ only in digits: never merged
    assert len(models) == 3
    # equally frequent spellings: the first in sort order names the entity, so runs agree
    assert {makers[m["manufacturer_id"]] for m in models.values()} == {"B Braun", "Philips"}
    assert all(m["category_scheme"] == "UMDNS" for m in models.values())


def test_derived_ids_are_stable_across_runs_and_batch_splits() -> None:
    spec = ENTITIES["manufacturers"]
    names = ["B Braun", "Philips", "B.BRAUN", "GE Healthcare"]
    one = DerivedEntity(spec, "manufacturers", "fuzzy", 90, DEFAULT_IGNORE_WORDS)
    hashes_one = one.assign([pa.array(names)]).hashes
    two = DerivedEntity(spec, "manufacturers", "fuzzy", 90, DEFAULT_IGNORE_WORDS)
    first = two.assign([pa.array(names[:2])]).hashes
    second = two.assign([pa.array(names[2:])]).hashes
    assert hashes_one.tolist() == first.tolist() + second.tolist()
    assert hashes_one[0] == hashes_one[2]


def test_rows_without_a_name_have_no_derived_entity() -> None:
    state = DerivedEntity(ENTITIES["suppliers"], "suppliers", "fuzzy", 90, DEFAULT_IGNORE_WORDS)
    assignment = state.assign([pa.array(["Medequip Ltd", None])])
    assert assignment.valid.tolist() == [True, False]
    assert assignment.clusters.tolist() == [0, -1]


def test_only_loaded_rows_create_derived_entities() -> None:
    rows = [asset_row("EQ1", Manufacturer="Zoll", Status="Z"), asset_row("EQ2", Manufacturer="Mindray")]
    result = transform_to_tables({"assets": [batch(ASSET_COLUMNS, rows)], "jobs": [batch(JOB_COLUMNS, [])]},
                                 builtin_mapping("equiptrack"), clock=CLOCK)
    assert result.entities["manufacturers"].column("name").to_pylist() == ["Mindray"]


def test_locations_split_wards_from_rooms() -> None:
    rows = [asset_row("EQ1", Location="Ward 7"), asset_row("EQ2", Location="ICU Bay 3")]
    result = transform_to_tables({"assets": [batch(ASSET_COLUMNS, rows)], "jobs": [batch(JOB_COLUMNS, [])]},
                                 builtin_mapping("equiptrack"), clock=CLOCK)
    places = {r["name"]: (r["ward"], r["room"], r["department"]) for r in result.entities["locations"].to_pylist()}
    assert places == {"Ward 7": ("Ward 7", None, "ICU"), "ICU Bay 3": (None, "ICU Bay 3", "ICU")}


@pytest.mark.parametrize("dense_cells", [8_000_000, 3])
def test_votes_pick_the_commonest_value_dense_or_sparse(dense_cells: int) -> None:
    from intake.product.derive import _FieldVotes

    votes = _FieldVotes()
    votes.DENSE_CELLS = dense_cells
    votes.add(np.array([0, 0, 0, 1, 1, 2]), pa.array(["b", "a", "b", "x", "y", None]), 3)
    votes.add(np.array([1, 0]), pa.array(["x", "a"]), 3)
    assert votes.winners([0, 1, 2]) == ["a", "x", None]  # a: 2, b: 2 -> "a" first in sort order
