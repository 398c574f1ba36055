"""Anonymise and re-scan whole chunks, in this process or in worker processes that each hold the full detector.

A run is CPU-bound Python from end to end (name rules, Presidio's recognizers, NER, rendering, the re-scan), so
the work splits by chunk: each worker process anonymises and re-scans a whole chunk with its own in-process
detector and caches. The process that sends the chunk keeps the vault, the registry and the audit log; a worker
only ever sees the chunk's rows and the customer's secret (which the pseudonyms need), and sends back the
anonymised rows, the counts and the re-scan's verdict: no keys, no database, no files.

The outcome of a chunk depends only on its rows, the classification, the policy, the vocabulary, the secret and
the model (anonymise_batch is pure), so it is the same in a worker, in this process or on a Dask worker.
"""

from __future__ import annotations

import multiprocessing
import pickle
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import pyarrow as pa

from intake.anonymisation.classification import TableClassification
from intake.anonymisation.counts import AnonymisationCounts
from intake.anonymisation.errors import PolicyError, WorkerProcessLost
from intake.anonymisation.freetext import Answer, Known
from intake.anonymisation.operators import Operator, register_operator, registered_operators
from intake.anonymisation.rescan import RescanResult
from intake.anonymisation.revealed import Revealed
from intake.logs import get_logger, log_event

if TYPE_CHECKING:
    from intake.anonymisation.policy import Policy
    from intake.anonymisation.session import AnonymisationSession
    from intake.anonymisation.vocabulary import Vocabulary
    from intake.config import AnonymisationSettings

log = get_logger("intake.anonymisation.chunks")
R = TypeVar("R")
# Distinct values per task of the global distinct-value pass: enough for full nlp.pipe batches, small enough
# that both workers stay busy to the end.
ANALYSE_PART = 2_000


@dataclass
class ChunkOutcome:
    """One chunk anonymised: its output batches (one schema), counts for the findings report, re-scan verdict."""

    batches: list[pa.RecordBatch]
    counts: AnonymisationCounts
    rescan: RescanResult
    revealed: Revealed = field(default_factory=Revealed)  # for pass 3 (revealed.py)


def anonymise_and_rescan(
    session: AnonymisationSession, secret: bytes, table: str, classification: TableClassification,
    batches: Sequence[pa.RecordBatch], ner_sample: int, known: Known | None = None,
) -> ChunkOutcome:
    """The chunk's batches anonymised and the output re-scanned as it is produced, with the session's detectors.
    `known`: the free-text detector's findings for the chunk's values, from the global distinct-value pass."""
    anonymiser = session.anonymiser(secret)
    rescanner = session.rescanner(table, classification, ner_sample=ner_sample)
    out = []
    with session.text.known(known):
        for batch in batches:
            anonymised = anonymiser.anonymise_batch(table, classification, batch)
            rescanner.update(anonymised)
            out.append(anonymised)
    return ChunkOutcome(out, anonymiser.counts, rescanner.result(), anonymiser.revealed)


_worker_session: AnonymisationSession | None = None


def _worker_init(
    settings: AnonymisationSettings, vocabulary: Vocabulary, policy: Policy, operators: dict[str, Operator],
) -> None:
    global _worker_session
    from intake.anonymisation.session import AnonymisationSession

    for name, operator in operators.items():
        register_operator(name, operator)
    _worker_session = AnonymisationSession(settings, vocabulary, policy, processes=1)
    _worker_session.text.detector.analyze(["warm up"])  # the model loads before the first chunk arrives


def _worker_profile(table: str, batches: list[pa.RecordBatch]) -> TableClassification:
    assert _worker_session is not None
    return _worker_session.profile(table, batches)


def _worker_pid() -> int:
    return multiprocessing.current_process().pid or 0


def _worker_chunk(
    secret: bytes, table: str, classification: TableClassification, batches: list[pa.RecordBatch], ner_sample: int,
    known: Known | None = None,
) -> ChunkOutcome:
    assert _worker_session is not None
    return anonymise_and_rescan(_worker_session, secret, table, classification, batches, ner_sample, known)


def _worker_analyse(values: list[str]) -> list[Answer]:
    assert _worker_session is not None
    return _worker_session.text.answers(values)


def _operators_for_workers() -> dict[str, Operator]:
    """The operators registered in this process, checked to reach a worker (pickled by their import name)."""
    operators = registered_operators()
    for name, operator in operators.items():
        try:
            pickle.dumps(operator)
        except (pickle.PicklingError, AttributeError, TypeError):
            raise PolicyError(
                f"operator '{name}' cannot be sent to the worker processes: register a module-level function "
                "(not a lambda or a nested function), or set anonymisation.processes to 1"
            ) from None
    return operators


class ChunkWorkers:
    """`processes` worker processes, each with an in-process session built from the same settings, vocabulary
    and policy. Thread-safe: several threads may send chunks at once. A pool that lost a process is replaced on
    the next chunk, so a retried chunk runs on fresh workers."""

    def __init__(
        self, settings: AnonymisationSettings, vocabulary: Vocabulary, policy: Policy, processes: int = 2,
        start_method: str = "spawn",
    ) -> None:
        self._settings, self._vocabulary, self._policy = settings, vocabulary, policy
        self.processes = max(1, processes)
        self.start_method = start_method
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _get_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.processes, mp_context=multiprocessing.get_context(self.start_method),
                    initializer=_worker_init,
                    initargs=(self._settings, self._vocabulary, self._policy, _operators_for_workers()),
                )
                log_event(log, "anonymisation.chunks.pool_started", processes=self.processes,
                          method=self.start_method)
            return self._pool

    def start(self) -> list[int]:
        """Start the workers now (else on the first chunk); returns the process ids that answered, each once it
        has loaded the model."""
        pool = self._get_pool()
        futures = [pool.submit(_worker_pid) for _ in range(self.processes)]
        return sorted({future.result() for future in futures})

    def profile(self, table: str, batches: Sequence[pa.RecordBatch]) -> TableClassification:
        """The table classified from these (sample) batches by a worker."""
        return self._submit(table, _worker_profile, table, list(batches))

    def run(
        self, secret: bytes, table: str, classification: TableClassification, batches: Sequence[pa.RecordBatch],
        ner_sample: int, known: Known | None = None,
    ) -> ChunkOutcome:
        return self._submit(table, _worker_chunk, secret, table, classification, list(batches), ner_sample, known)

    def analyse(self, values: Sequence[str], part: int = ANALYSE_PART) -> list[Answer]:
        """The free-text detector's answers (findings, gate) for each value, in order: parts of `part` values
        spread over the workers (the global distinct-value pass)."""
        pool = self._get_pool()
        futures = [pool.submit(_worker_analyse, list(values[i:i + part])) for i in range(0, len(values), part)]
        out: list[Answer] = []
        for future in futures:
            found: list[Answer] = self._result("free text", pool, future)
            out.extend(found)
        return out

    def _submit(self, table: str, fn: Callable[..., R], *args: object) -> R:
        pool = self._get_pool()
        return self._result(f"table '{table}'", pool, pool.submit(fn, *args))

    def _result(self, what: str, pool: ProcessPoolExecutor, future: Future[R]) -> R:
        try:
            return future.result()
        except BrokenProcessPool as exc:
            self._discard(pool)
            raise WorkerProcessLost(
                f"a worker process working on {what} ended unexpectedly (killed or out of memory); "
                "nothing of its work was kept. Run again (a chunk's task retries once); if it recurs, lower "
                "chunk_rows or anonymisation.processes"
            ) from exc

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ChunkWorkers:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
