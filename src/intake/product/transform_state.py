"""What the transform keeps across tables and batches: the key sets for uniqueness and references, the derived
entities and the reconciliation."""

from __future__ import annotations

from datetime import date

from intake.clock import Clock, SystemClock
from intake.product.derive import DerivedEntity
from intake.product.mapping import Mapping, OutputMapping
from intake.product.query_tables import _read_by_queries
from intake.product.reconciliation import Reconciliation
from intake.product.validation import RejectedKeys, UniqueKeys

ROW_NUMBER_COLUMN = "_row_number"


class TransformState:
    """The state `Transformer` builds up as it runs the mapping's tables in order."""

    def __init__(self, mapping: Mapping, *, clock: Clock | None = None,
                 row_number_column: str = ROW_NUMBER_COLUMN) -> None:
        self.mapping = mapping
        self.today: date = (clock or SystemClock()).now().date()
        self.row_number_column = row_number_column
        self.primary_keys: dict[str, UniqueKeys] = {}
        self.unique_values: dict[tuple[str, str], UniqueKeys] = {}
        self.rejected_keys: dict[str, RejectedKeys] = {}
        self.derived: dict[tuple[str, str], DerivedEntity] = {}
        self.reconciliation = Reconciliation(mapping.system, ignored_tables={**mapping.ignore_tables,
                                                                             **_read_by_queries(mapping)})
        self.merged_entities = {t.primary.entity.name for t in mapping.tables
                                if t.primary is not None and t.primary.on_duplicate == "merge_identical"}

    def derived_state(self, output: OutputMapping) -> DerivedEntity:
        assert output.derive is not None
        key = (output.entity.name, output.namespace)
        if key not in self.derived:
            self.derived[key] = DerivedEntity(output.entity, output.namespace, output.derive.match,
                                              output.derive.threshold, output.derive.ignore_words)
        return self.derived[key]

    def keys(self, entity: str) -> UniqueKeys:
        if entity not in self.primary_keys:
            self.primary_keys[entity] = UniqueKeys(with_content=entity in self.merged_entities)
        return self.primary_keys[entity]

    def rejected(self, entity: str) -> RejectedKeys:
        return self.rejected_keys.setdefault(entity, RejectedKeys())

