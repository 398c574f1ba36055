"""Typed connector errors. Messages name the file, table, row or column and say what to do; never a data value."""

from __future__ import annotations

from intake.errors import IntakeError


class ConnectorError(IntakeError):
    """A source or sink could not be read or written."""


class UnsupportedFormat(ConnectorError):
    """No registered source reads this file (unknown extension or content), or an option is not understood."""


class EncodingError(ConnectorError):
    """The text encoding of a file could not be determined or does not decode."""


class SourceReadError(ConnectorError):
    """A file, archive entry or database table could not be read (corrupt, truncated, missing tool)."""


class TableNotFound(ConnectorError):
    """A table named by the caller is not in the source."""


class ZipBombError(ConnectorError):
    """An archive exceeds the configured limits on entries, total size or compression ratio."""


class UnsafeArchivePath(ConnectorError):
    """An archive entry would escape its folder (.., absolute path, drive letter) or is a symbolic link."""


class DeliveryError(ConnectorError):
    """A delivery could not be staged, committed or cleaned up."""


class SinkError(ConnectorError):
    """A sink (vault Parquet, rejects) could not write its batches."""


class TooManyColumns(SourceReadError):
    """A table has more columns than `connectors.max_columns`."""


class GeneratedColumns(SourceReadError):
    """A database table has generated (computed) columns: their values are made by the file, not stored in it."""
