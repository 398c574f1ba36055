"""Errors of the product-format layer: mapping files, transformation and import packages.

Messages name the mapping file and line, the source table and column, or the package file; never a value
read from a customer dataset.
"""

from __future__ import annotations

from pathlib import Path

from intake.errors import IntakeError


class ProductError(IntakeError):
    """Base of errors raised while converting a dataset to the product format."""


class MappingError(ProductError):
    """A mapping file is malformed or refers to something that does not exist."""

    def __init__(self, message: str, *, source: str | Path | None = None, line: int | None = None) -> None:
        self.source = str(source) if source is not None else None
        self.line = line
        self.message = message  # without the file and line, for a list of mistakes
        where = ""
        if self.source and line is not None:
            where = f"{self.source}, line {line}: "
        elif self.source:
            where = f"{self.source}: "
        elif line is not None:
            where = f"line {line}: "
        super().__init__(where + message)


class TransformError(ProductError):
    """The source tables do not fit the mapping (missing table or column, unmapped table)."""


class PackageError(ProductError):
    """An import package could not be written or does not verify."""
