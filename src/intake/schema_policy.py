"""The migration run's schema-aware policy: the role of each column the mapping reads.

`mapping_column_roles`: for a source table, the role of each column the mapping reads (person, free text,
reference, code: intake.product.roles), in the plain form the anonymisation package takes.

The run's steps that apply it live in the pipeline: the dataset's own terms (pass 1) and what the chunks revealed
in pipeline.terms, pass 3 in pipeline.known_names, the independent residual check in pipeline.residual.
"""

from __future__ import annotations

from typing import Any


def mapping_column_roles(mapping: Any, source_table: str) -> dict[str, dict[str, Any]]:
    """column -> {"role", "entity", "fields"} for the columns the mapping reads from `source_table`."""
    from intake.pipeline import mapping_table
    from intake.product.roles import mapping_roles

    roles = mapping_roles(mapping).get(mapping_table(mapping, source_table))
    return {column: role.to_dict() for column, role in roles.columns.items()} if roles else {}
