"""NER over free text, fast: only distinct values, in nlp.pipe batches, in parallel worker processes, with a
cache of values already analysed.

The result for a value depends only on the value, the model and the detector configuration, never on which
process, batch or chunk analysed it: a chunked (Dask/Prefect) run gives the same findings as a single one.
"""

from __future__ import annotations

import multiprocessing
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from multiprocessing.pool import Pool
from types import TracebackType

from intake.anonymisation.engine import DetectorConfig, TextDetector
from intake.anonymisation.findings import Finding
from intake.anonymisation.nergate import NerGate
from intake.logs import get_logger, log_event

log = get_logger("intake.anonymisation.freetext")

Findings = tuple[Finding, ...]
# What the detector answers for a text: its findings, and whether the model would read it (NerGate.needs_ner).
Answer = tuple[Findings, bool]
Known = Mapping[str, Answer]

_worker_detector: TextDetector | None = None


def _worker_init(config: DetectorConfig) -> None:
    global _worker_detector
    _worker_detector = TextDetector(config)


def _worker_analyze(texts: list[str]) -> list[Findings]:
    assert _worker_detector is not None
    return _worker_detector.analyze(texts)


class FreeTextAnalyzer:
    """Analyse many texts: distinct values only, cached, spread over `processes` worker processes.

    processes=1 analyses in this process (no pool); use it in tests and for small inputs. Use as a context
    manager (or call close()) so that worker processes end.
    """

    def __init__(
        self,
        config: DetectorConfig,
        processes: int = 2,
        start_method: str = "spawn",
        chunk_size: int = 512,
        cache_size: int = 100_000,
        detector: TextDetector | None = None,
    ) -> None:
        self.config = config
        self.processes = max(1, processes)
        self.start_method = start_method
        self.chunk_size = chunk_size
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Findings] = OrderedDict()
        self._detector = detector
        self._pool: Pool | None = None
        self._gate: NerGate | None = None
        # The detector's answers for a chunk's values from the global distinct-value pass (distinct.py), while
        # that chunk runs: not cached, so a worker's memory does not grow with the dataset.
        self._known: Known = {}
        self.analysed = 0
        self.cache_hits = 0
        self.known_hits = 0

    # -- lifecycle -----------------------------------------------------------------------------------------
    @property
    def detector(self) -> TextDetector:
        """The in-process detector (built on first use): also used for small inputs and samples."""
        if self._detector is None:
            self._detector = TextDetector(self.config)
        return self._detector

    def _get_pool(self) -> Pool:
        if self._pool is None:
            ctx = multiprocessing.get_context(self.start_method)
            self._pool = ctx.Pool(self.processes, initializer=_worker_init, initargs=(self.config,))
            log_event(log, "anonymisation.freetext.pool_started", processes=self.processes, method=self.start_method)
        return self._pool

    def start(self) -> None:
        """Start the worker processes now and wait until each has loaded the model (else: on first need)."""
        if self.processes > 1:
            pool = self._get_pool()
            pool.map(_worker_analyze, [["warm up"]] * self.processes, chunksize=1)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> FreeTextAnalyzer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None and self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self.close()

    # -- analysis ------------------------------------------------------------------------------------------
    def needs_ner(self, text: str) -> bool:
        """Whether the model would read this text (nergate.py), answered here without loading the model (the
        in-process detector's gate when it is loaded, as in a chunk worker)."""
        answer = self._known.get(text)
        if answer is not None:
            return answer[1]
        if self._gate is None:
            self._gate = self._detector.gate if self._detector is not None else NerGate.for_entities(
                self.config.vocabulary, self.config.entities)
        return self._gate.needs_ner(text)

    @contextmanager
    def known(self, answers: Known | None) -> Iterator[None]:
        """Within the block, `answers` (value -> this detector's findings and gate answer, worked out once for
        the whole dataset: answers()) stand for the detector's answers for those values."""
        self._known = answers or {}
        try:
            yield
        finally:
            self._known = {}

    def analyze_distinct(self, values: Iterable[str]) -> dict[str, Findings]:
        """Findings for each distinct value (values seen before come from the cache)."""
        result: dict[str, Findings] = {}
        todo: list[str] = []
        known = self._known
        for value in dict.fromkeys(values):
            answer = known.get(value)
            if answer is not None:
                result[value] = answer[0]
                self.known_hits += 1
                continue
            cached = self._cache.get(value)
            if cached is not None:
                self._cache.move_to_end(value)
                result[value] = cached
                self.cache_hits += 1
            else:
                todo.append(value)
        if todo:
            for value, findings in zip(todo, self._run(todo), strict=True):
                result[value] = findings
                self._remember(value, findings)
            self.analysed += len(todo)
        return result

    def answers(self, values: Sequence[str]) -> list[Answer]:
        """Findings and gate answer for each value, in order (the global distinct-value pass, distinct.py)."""
        return [(found, self.needs_ner(v)) for v, found in zip(values, self.analyze(values), strict=True)]

    def analyze(self, texts: Sequence[str]) -> list[Findings]:
        found = self.analyze_distinct(texts)
        return [found[t] for t in texts]

    def _run(self, texts: list[str]) -> list[Findings]:
        if self.processes == 1 or len(texts) < self.chunk_size:
            return self.detector.analyze(texts)
        chunks = [texts[i:i + self.chunk_size] for i in range(0, len(texts), self.chunk_size)]
        out: list[Findings] = []
        for part in self._get_pool().imap(_worker_analyze, chunks):
            out.extend(part)
        return out

    def _remember(self, value: str, findings: Findings) -> None:
        self._cache[value] = findings
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
