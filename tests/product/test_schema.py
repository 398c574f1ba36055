"""Product format v1: schema rules hold together and the documentation matches the code."""

from __future__ import annotations

from pathlib import Path

from intake.product import ENTITIES, SCHEMA_VERSION
from intake.product.schema import render_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "product-format.md"


def test_every_entity_has_a_prefixed_required_primary_key_first() -> None:
    prefixes = [spec.id_prefix for spec in ENTITIES.values()]
    assert len(set(prefixes)) == len(prefixes)
    for spec in ENTITIES.values():
        key = spec.fields[0]
        assert key.required and key.name.endswith("_id")
        schema = spec.arrow_schema()
        assert not schema.field(key.name).nullable
        assert schema.metadata[b"intake.product.schema_version"] == SCHEMA_VERSION.encode()


def test_foreign_keys_point_at_entities_defined_before_or_at_contacts() -> None:
    order = list(ENTITIES)
    for spec in ENTITIES.values():
        for field in spec.fields:
            if field.references:
                assert field.references in ENTITIES
                assert ENTITIES[field.references].primary_key.endswith("_id")
                assert order.index(field.references) < order.index(spec.name) or field.references == "contacts"


def test_unique_and_ordered_fields_exist() -> None:
    for spec in ENTITIES.values():
        for name in spec.unique:
            assert spec.has_field(name)
        for earlier, later in spec.ordered:
            assert spec.field(earlier).type == spec.field(later).type


def test_the_documentation_carries_the_generated_field_tables() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert render_markdown().strip() in text, "regenerate docs/product-format.md with render_markdown()"
    assert f"Schema version: **{SCHEMA_VERSION}**" in text
