"""Product format v1 and the conversion of legacy datasets into it.

    mapping = builtin_mapping("equiptrack")              # or load_mapping(path)
    result = write_package({"assets": reader, "jobs": reader}, mapping, LocalFolderPackageWriter(folder),
                           dataset_id=..., authorisation_reference=..., clock=ctx.clock)
    # or any PackageSink: the connectors' DeliverySink.local / .s3 / .vault
    result.reconciliation.to_markdown()
"""

from __future__ import annotations

from intake.product.conversions import CONVERSIONS, Conversion, Converted, register_conversion
from intake.product.errors import MappingError, PackageError, ProductError, TransformError
from intake.product.mapping import Mapping, builtin_mapping, builtin_mappings, load_mapping, parse_mapping
from intake.product.package import PackageResult, verify_package, write_package
from intake.product.package_sinks import LocalFolderPackageWriter, PackageSink
from intake.product.reconciliation import Reconciliation
from intake.product.schema import ENTITIES, SCHEMA_VERSION, EntitySpec, FieldSpec
from intake.product.transform import (
    ROW_NUMBER_COLUMN,
    CollectingOutput,
    EntityOutput,
    TransformResult,
    transform,
    transform_to_tables,
)
from intake.product.validation import REJECTS_SCHEMA, ReasonCode

__all__ = [
    "CONVERSIONS",
    "ENTITIES",
    "REJECTS_SCHEMA",
    "ROW_NUMBER_COLUMN",
    "SCHEMA_VERSION",
    "CollectingOutput",
    "Conversion",
    "Converted",
    "EntityOutput",
    "EntitySpec",
    "FieldSpec",
    "LocalFolderPackageWriter",
    "Mapping",
    "MappingError",
    "PackageError",
    "PackageResult",
    "PackageSink",
    "ProductError",
    "ReasonCode",
    "Reconciliation",
    "TransformError",
    "TransformResult",
    "builtin_mapping",
    "builtin_mappings",
    "load_mapping",
    "parse_mapping",
    "register_conversion",
    "transform",
    "transform_to_tables",
    "verify_package",
    "write_package",
]
