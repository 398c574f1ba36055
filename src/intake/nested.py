"""Nested columns as flat tables: what a JSON export's objects hold, column by column.

A supplier portal's JSON lines nest the patient in an object (`patient.address.houseName`) and their relatives in a
list of objects (`patient.contacts[].name`). The profiler judges flat columns of text; a struct or a list is none, so
the personal values inside would be judged by nobody. `flat_tables` turns a batch into the tables a reader would
see: every struct opened into dotted leaf columns, and every list of values or objects into a table of its own
items (one row per item), opened the same way.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc


def is_nested(data_type: pa.DataType) -> bool:
    return pa.types.is_struct(data_type) or _is_list(data_type)


def _is_list(data_type: pa.DataType) -> bool:
    return pa.types.is_list(data_type) or pa.types.is_large_list(data_type) or pa.types.is_fixed_size_list(data_type)


def flat_tables(name: str, batch: pa.RecordBatch | pa.Table) -> dict[str, pa.Table]:
    """`name` -> the batch's flat columns (structs opened, lists left out), and `name.column` -> the items of each
    list column, opened the same way. Empty when the batch has no nested column."""
    table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
    if not any(is_nested(f.type) for f in table.schema):
        return {}
    out: dict[str, pa.Table] = {}
    _open(name, table, out)
    return out


def _open(name: str, table: pa.Table, out: dict[str, pa.Table]) -> None:
    columns: dict[str, pa.ChunkedArray] = {}
    lists: dict[str, pa.ChunkedArray] = {}

    def leaf(path: str, array: pa.ChunkedArray) -> None:
        if pa.types.is_struct(array.type):
            for i in range(array.type.num_fields):
                leaf(f"{path}.{array.type.field(i).name}", pc.struct_field(array, [i]))
        elif _is_list(array.type):
            lists[path] = array
        else:
            columns[path] = array

    for field_name, column in zip(table.column_names, table.columns, strict=True):
        leaf(field_name, column)
    out[name] = pa.table(columns) if columns else pa.table({})
    for path, array in lists.items():
        items = pc.list_flatten(array)
        _open(f"{name}.{path}", pa.table({path: items}), out)
