"""The fault workspace's bounds: how much it loads, how many rows it shows, how long raw values stay open, and
where a raw-access reason is kept (fault_workspace.py).

- A workspace holds its tables in memory: it reads at most `connectors.fault_workspace_max_rows` rows, counted
  while reading and stopped at the cap (the connectors know no row count before reading), and refuses the rest
  with WorkspaceTooLarge, naming the tables so that fewer can be asked for (`--table`).
- A result shown in the terminal or as JSON is at most MAX_SHOWN_ROWS rows; a larger one is kept encrypted
  (`--save-as`), never printed.
- Raw values expire even while nobody types: a watcher thread drops the tables from memory when the workspace's
  clock (the context's, injectable) passes the expiry, not only at the next statement.
- The reason for raw values, typed by support, may name a patient: it is kept encrypted with the dataset as a
  `fault-queries/` artefact (read as the query texts are, with `fault.read`, and deleted with the dataset); the
  audit log, which outlives the dataset, gets its artefact id and a SHA-256 of the artefact, never its text.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable
from datetime import datetime

from intake.context import Actor, Context
from intake.errors import IntakeError
from intake.registry.models import ArtefactKind

MAX_SHOWN_ROWS = 10_000
MAX_ROWS_SETTING = "connectors.fault_workspace_max_rows"
WATCH_SECONDS = 1.0  # how often an open raw workspace checks its expiry


class WorkspaceTooLarge(IntakeError):
    """The fault dataset (or the tables asked for) holds more rows than the workspace may hold in memory."""


class TooManyRowsShown(IntakeError):
    """More rows were asked to be shown than a terminal or a JSON output may carry."""


def check_shown_rows(limit: int, option: str) -> int:
    """`limit` if it is 1 to MAX_SHOWN_ROWS, else a refusal saying how to keep a larger result."""
    if not 1 <= limit <= MAX_SHOWN_ROWS:
        raise TooManyRowsShown(f"{option} is 1 to {MAX_SHOWN_ROWS:,} rows shown: a larger result is kept encrypted "
                               "with the dataset instead (`--save-as NAME` on `intake fault query`, `.save NAME` in "
                               "the shell) and read with `intake reports show DATASET fault-results/NAME.parquet`")
    return limit


class RowBudget:
    """The rows a workspace may still load; `take` refuses the batch that passes the cap."""

    def __init__(self, cap: int) -> None:
        self.cap, self.rows, self.exceeded = cap, 0, False

    def take(self, rows: int) -> bool:
        """Count a batch's rows; False (and `exceeded`) when they pass the cap: stop reading."""
        self.rows += rows
        self.exceeded = self.exceeded or self.rows > self.cap
        return not self.exceeded

    def refusal(self, dataset_id: str, names: Iterable[str], selected: bool) -> WorkspaceTooLarge:
        asked = "the tables asked for hold" if selected else "holds"
        return WorkspaceTooLarge(
            f"dataset {dataset_id} {asked} more than {self.cap:,} rows: too large for the fault workspace, which "
            f"holds its tables in memory (reading stopped at the cap). Query fewer tables with --table NAME "
            f"(its tables: {', '.join(sorted(names))}), or have the setting {MAX_ROWS_SETTING} raised (environment "
            "INTAKE_CONNECTORS__FAULT_WORKSPACE_MAX_ROWS) on a machine with the memory for it")


def store_reason(ctx: Context, actor: Actor, dataset_id: str, reason: str, expires_at: datetime) -> dict[str, str]:
    """Keep the raw-access reason encrypted with the dataset; the audit details that stand for it.

    The SHA-256 is of the stored artefact, which holds a random nonce: it proves the artefact unchanged without
    letting a short reason ("checking Jane Smith's call") be guessed from the audit log by hashing candidates."""
    from intake.vault import Vault

    now = ctx.clock.now()
    document = json.dumps({"actor": actor.name, "dataset_id": dataset_id, "reason": reason,
                           "opened_at": now.isoformat(), "expires_at": expires_at.isoformat(),
                           "nonce": os.urandom(16).hex()}).encode()
    digest = hashlib.sha256(document).hexdigest()
    kept = Vault.from_context(ctx).put(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.REPORT,
                                       name=f"fault-queries/{now:%Y%m%dT%H%M%S}-raw-reason-{digest[:12]}.json",
                                       source=document, actor=actor)
    return {"reason_artefact_id": kept.id, "reason_sha256": digest}


class ExpiryWatch:
    """Calls `expire` once the clock passes `expires_at`, checking every `seconds` from a daemon thread, so that
    raw values leave memory while the shell waits for input. `stop` ends the watch (the workspace closed)."""

    def __init__(self, now: Callable[[], datetime], expires_at: datetime, expire: Callable[[], None],
                 seconds: float = WATCH_SECONDS) -> None:
        self._now, self._expires_at, self._expire, self._seconds = now, expires_at, expire, seconds
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="fault-raw-expiry", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stopped.wait(self._seconds):
            if self._now() >= self._expires_at:
                self._expire()
                return

    def stop(self) -> None:
        self._stopped.set()
