"""`intake mapping draft`: a first mapping YAML for a new export, which the engineer edits (docs/mapping.md) rather
than writes; `intake mapping check` then says what is still wrong, with lines. Reads the first rows of each table
(files where they are, or a received dataset decrypted in memory); stores nothing but the YAML it returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa

from intake.context import Context
from intake.mapping_check import DEFAULT_ROWS, Sample, sample_dataset, sample_files
from intake.mapping_guess import ORDER, TableDraft, _yaml_name, draft_table
from intake.mapping_names import table_entity, words
from intake.product.mapping import MAPPING_FORMAT


def draft_mapping(tables: dict[str, pa.Table], system: str) -> str:
    """The YAML of a mapping for `tables` (name -> first rows): tables in an order where foreign keys point back."""
    rank = {entity: i for i, entity in enumerate(ORDER)}
    names = sorted(tables, key=lambda t: (rank.get(table_entity(t) or "", len(ORDER)), t))
    keys: dict[str, tuple[str, str]] = {}
    drafts: list[TableDraft] = []
    for name in names:
        draft = draft_table(name, tables[name], keys)
        drafts.append(draft)
        if draft.entity is not None and draft.key is not None:
            keys.setdefault(words(draft.key), (draft.entity.name, name))
    return _render(drafts, system)


def _render(drafts: list[TableDraft], system: str) -> str:
    out = [f"# Drafted by `intake mapping draft` from {len(drafts)} table(s): edit every TODO, check the guesses",
           "# (lookups, conversions, which column feeds which field), then run `intake mapping check`.",
           f"format: {MAPPING_FORMAT}", f"system: {system}", ""]
    lookups = {name: codes for d in drafts for name, codes in d.lookups.items()}
    if lookups:
        out.append("lookups:")
        for name, codes in lookups.items():
            out.append(f"  {name}:")
            out += [f"    {_yaml_name(code)}: {target}" + ("  # which product code?" if target == "TODO" else "")
                    for code, target in codes.items()]
        out.append("")
    ignored = [d for d in drafts if d.entity is None]
    if ignored:
        out.append("ignore_tables:")
        out += [f"  {_yaml_name(d.table)}: TODO not recognised; map it, or give the reason it is left out  "
                f"# columns: {', '.join(d.unused)}" for d in ignored]
        out.append("")
    out.append("tables:")
    for d in drafts:
        if d.entity is None:
            continue
        out.append(f"  - table: {_yaml_name(d.table)}")
        if d.key:
            out.append(f"    source_key: {_yaml_name(d.key)}")
        out.append("    outputs:")
        for derived in d.derived:
            out += ["      " + line for line in derived.split("\n")]
        out.append(f"      - entity: {d.entity.name}")
        out.append(f"        id: {_yaml_name(d.key)}" if d.key else "        id: TODO  # no column names a row")
        out.append("        fields:")
        out += [f"          {name}: {expr}" for name, expr in d.fields.items()]
        out += [f"          # TODO {name}: required, no column found" for name in d.missing]
        out += [f"          # note: {note}" for note in d.notes]
        if d.unused:
            out.append(f"        # not mapped (not migrated): {', '.join(d.unused)}")
        out.append("")
    return "\n".join(out)


def draft_files(ctx: Context, files: list[Path], system: str, rows: int = DEFAULT_ROWS) -> str:
    """`draft_mapping` of local export files (read where they are, as `intake mapping check` reads them)."""
    actor = ctx.authorise("dataset.inspect", files=len(files))
    tables = _tables(sample_files(ctx, files, rows))
    ctx.record(actor, "mapping.draft", files=len(files), tables=len(tables))
    return draft_mapping(tables, system)


def draft_dataset(ctx: Context, dataset_id: str, system: str, rows: int = DEFAULT_ROWS) -> str:
    """`draft_mapping` of a received dataset, decrypted from the vault in memory (engineer, as for a run)."""
    actor = ctx.authorise("migration.run", dataset_id=dataset_id)
    tables = _tables(sample_dataset(ctx, dataset_id, actor, rows))
    ctx.record(actor, "mapping.draft", dataset_id, tables=len(tables))
    return draft_mapping(tables, system)


def _tables(samples: Iterable[Sample]) -> dict[str, pa.Table]:
    return {name: pa.Table.from_batches(batches, schema=schema) for name, batches, schema in samples}
