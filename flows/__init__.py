"""Prefect flows: thin wrappers over `intake.pipeline` and the retention core.

Importing this package first applies the offline Prefect environment (`intake.flows.settings`), so any
flow module may import prefect afterwards. Flows: receive-dataset, migration-run, complete-migration,
open-fault-hold, close-fault-hold, retention-sweep; `intake.flows.serve` starts them as deployments.
"""

from __future__ import annotations

from intake.flows import settings as _settings  # noqa: F401  (sets the environment before prefect loads)
