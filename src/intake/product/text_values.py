"""Any Arrow column as text, as the mapping reads every source column: scalars cast, nested values (an object or
an array of a JSON export) as their JSON text, which Arrow cannot cast itself."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.compute as pc

STRING = pa.string()


def _nested(data_type: pa.DataType) -> bool:
    return (pa.types.is_struct(data_type) or pa.types.is_list(data_type) or pa.types.is_large_list(data_type)
            or pa.types.is_fixed_size_list(data_type) or pa.types.is_map(data_type) or pa.types.is_union(data_type))


def as_text(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    if values.type == STRING:
        return values
    if not _nested(values.type):
        return pc.cast(values, STRING)
    return pa.array([None if v is None else json.dumps(v, ensure_ascii=False, separators=(",", ":"), default=str)
                     for v in values.to_pylist()], type=STRING)
