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

This module is the mapping's public face, importable as one: the model is in `mapping_model`, loading in
`mapping_loader` (the document), `mapping_fields` (field expressions) and `mapping_yaml` (nodes and mistakes),
the engine in `mapping_engine`.
"""

from __future__ import annotations

from intake.product.mapping_engine import Evaluated, Failure, SourceBatch
from intake.product.mapping_loader import (
    DEFAULT_IGNORE_WORDS,
    MAPPING_FORMAT,
    builtin_mapping,
    builtin_mappings,
    load_mapping,
    parse_mapping,
)
from intake.product.mapping_model import (
    DeriveSpec,
    Expr,
    LookupTable,
    Mapping,
    OutputMapping,
    Step,
    TableMapping,
)

__all__ = [
    "DEFAULT_IGNORE_WORDS",
    "MAPPING_FORMAT",
    "DeriveSpec",
    "Evaluated",
    "Expr",
    "Failure",
    "LookupTable",
    "Mapping",
    "OutputMapping",
    "SourceBatch",
    "Step",
    "TableMapping",
    "builtin_mapping",
    "builtin_mappings",
    "load_mapping",
    "parse_mapping",
]
