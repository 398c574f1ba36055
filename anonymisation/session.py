"""One object holding what a run needs: settings, vocabulary, policy, the free-text analyzer and the chunk
workers, with the steps the flows call: profile, anonymise and re-scan a chunk, report. Also scan_tables for
datasets declared to hold no personal data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import TracebackType

import pyarrow as pa

from intake.anonymisation.anonymiser import Anonymiser
from intake.anonymisation.chunks import ChunkOutcome, ChunkWorkers, anonymise_and_rescan
from intake.anonymisation.classification import TableClassification
from intake.anonymisation.distinct import DistinctFindings
from intake.anonymisation.engine import DetectorConfig
from intake.anonymisation.errors import UndeclaredPersonalData
from intake.anonymisation.freetext import FreeTextAnalyzer, Known
from intake.anonymisation.policy import Policy, load_policy
from intake.anonymisation.profiler import Profiler, first_rows
from intake.anonymisation.report import FindingsReport, build_report
from intake.anonymisation.rescan import Rescanner, RescanResult
from intake.anonymisation.vocabulary import Vocabulary, default_vocabulary
from intake.config import AnonymisationSettings, Settings
from intake.logs import get_logger, log_event

log = get_logger("intake.anonymisation")

BatchSource = Iterable[pa.RecordBatch] | Callable[[], Iterable[pa.RecordBatch]]


def _batches(source: BatchSource) -> Iterable[pa.RecordBatch]:
    return source() if callable(source) else source


class AnonymisationSession:
    """Use as a context manager: worker processes start on first need and end on exit.

    `processes` > 1: anonymise_chunk sends each chunk to one of that many worker processes (chunks.py), and the
    free-text analyzer of an in-process anonymiser spreads its NER over as many; only one kind starts in a run.
    """

    def __init__(
        self,
        settings: AnonymisationSettings | Settings | None = None,
        vocabulary: Vocabulary | None = None,
        policy: Policy | None = None,
        processes: int | None = None,
        start_method: str | None = None,
    ) -> None:
        if isinstance(settings, Settings):
            settings = settings.anonymisation
        self.settings = settings or AnonymisationSettings()
        # The customer's vocabularies from the settings (allow_list_files, deny_list_files) come on top of the
        # given (or shipped) vocabulary: known staff are caught whoever builds the session.
        self.vocabulary = self.base_vocabulary(self.settings, vocabulary)
        self.policy = policy or load_policy(self.settings.policy_file)
        entities = tuple(self.policy.entity_types)
        self.config = DetectorConfig.from_settings(self.settings, self.vocabulary, entities)
        self.processes = processes or self.settings.processes
        self.start_method = start_method or self.settings.start_method
        self.text = FreeTextAnalyzer(self.config, processes=self.processes, start_method=self.start_method)
        self._chunk_workers: ChunkWorkers | None = None
        self._lock = threading.RLock()  # the in-process analyzer's caches are not shared between threads

    @staticmethod
    def base_vocabulary(settings: AnonymisationSettings, vocabulary: Vocabulary | None = None) -> Vocabulary:
        """The given (or shipped) vocabulary with the customer's vocabulary files of the settings."""
        return (vocabulary or default_vocabulary()).with_files(settings.allow_list_files, settings.deny_list_files)

    def __enter__(self) -> AnonymisationSession:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.text.__exit__(exc_type, exc, tb)
        self._close_chunk_workers()

    def close(self) -> None:
        self.text.close()
        self._close_chunk_workers()

    def _close_chunk_workers(self) -> None:
        with self._lock:
            workers, self._chunk_workers = self._chunk_workers, None
        if workers is not None:
            workers.close()

    @property
    def chunk_workers(self) -> ChunkWorkers:
        """The worker processes anonymise_chunk uses (started on the first chunk, or with start())."""
        with self._lock:
            if self._chunk_workers is None:
                self._chunk_workers = ChunkWorkers(self.settings, self.vocabulary, self.policy, self.processes,
                                                   self.start_method)
            return self._chunk_workers

    # -- the steps ---------------------------------------------------------------------------------------
    def profiler(self) -> Profiler:
        return Profiler(
            self.vocabulary, self.text.detector, sample_rows=self.settings.sample_rows,
            mrn_patterns=self.settings.mrn_patterns, threshold=self.settings.rescan_threshold,
            entities=self.policy.entity_types, time_budget=self.settings.profile_seconds,
        )

    def profile(self, table: str, batches: BatchSource) -> TableClassification:
        """Classify the table's columns from its first `sample_rows` rows: in a worker process when the session
        has more than one (this process then never loads the model), else here."""
        if self.processes > 1:
            sample = first_rows(_batches(batches), self.settings.sample_rows)
            classification = self.chunk_workers.profile(table, sample.to_batches() if sample is not None else [])
        else:
            classification = self._profile_here(table, batches)
        log_event(log, "anonymisation.profiled", table=table, rows=classification.sample_rows,
                  personal_columns=len(classification.personal_columns()))
        return classification

    def _profile_here(self, table: str, batches: BatchSource) -> TableClassification:
        return self.profiler().profile(table, _batches(batches))

    def anonymiser(self, secret: bytes) -> Anonymiser:
        """An anonymiser with the customer's secret; keep one per dataset so counts add up across tables."""
        return Anonymiser(
            self.policy, secret, self.vocabulary, self.text, stray_threshold=self.settings.rescan_threshold,
            mrn_patterns=self.settings.mrn_patterns,
        )

    def rescanner(self, table: str, classification: TableClassification, ner_sample: int | None = None) -> Rescanner:
        return Rescanner(
            table, classification, self.policy, self.vocabulary, self.text,
            threshold=self.settings.rescan_threshold,
            ner_sample=self.settings.rescan_ner_sample if ner_sample is None else ner_sample,
            mrn_patterns=self.settings.mrn_patterns,
        )

    def anonymise_chunk(
        self, secret: bytes, table: str, classification: TableClassification, batches: Sequence[pa.RecordBatch],
        ner_sample: int | None = None, known: Known | None = None,
    ) -> ChunkOutcome:
        """Anonymise a chunk and re-scan its output: in a worker process when the session has more than one,
        else in this process. The outcome is the same either way. `known`: the free-text findings of the chunk's
        values from the global distinct-value pass (analyse_distinct), so that they are not analysed again."""
        sample = self.settings.rescan_ner_sample if ner_sample is None else ner_sample
        if self.processes > 1:
            return self.chunk_workers.run(secret, table, classification, batches, sample, known)
        with self._lock:
            return anonymise_and_rescan(self, secret, table, classification, batches, sample, known)

    def analyse_distinct(self, values: Sequence[str]) -> DistinctFindings:
        """The global distinct-value pass (distinct.py): the free-text detector's findings for each of these
        distinct values, analysed once, spread over the session's worker processes when it has more than one."""
        values = list(dict.fromkeys(values))
        if self.processes > 1:
            answers = self.chunk_workers.analyse(values)
        else:
            with self._lock:
                answers = self.text.answers(values)
        log_event(log, "anonymisation.distinct_analysed", values=len(values))
        return DistinctFindings.build(values, answers)

    def scan_tables(self, tables: Mapping[str, BatchSource], full: bool = False) -> FindingsReport:
        """Find personal data before any processing (sample only, or every row with full=True)."""
        # Here, not in the chunk workers: a full scan spreads its NER over the free-text analyzer's processes.
        classifications = {name: self._profile_here(name, source) for name, source in tables.items()}
        counts = None
        if full:
            anonymiser = self.anonymiser(b"scan-only-key-never-used-for-output")
            for name, source in tables.items():
                for _ in anonymiser.anonymise_stream(name, classifications[name], _batches(source)):
                    pass
            counts = anonymiser.counts
        report = build_report(classifications, counts, None, self.policy, title="Personal data scan",
                              scope="full" if full else "sample")
        log_event(log, "anonymisation.scanned", tables=len(tables), personal=report.has_personal_data,
                  personal_columns=len(report.personal_columns()))
        return report


def scan_tables(
    tables: Mapping[str, BatchSource],
    settings: AnonymisationSettings | Settings | None = None,
    vocabulary: Vocabulary | None = None,
    full: bool = False,
    processes: int = 1,
) -> FindingsReport:
    """Scan tables for personal data and return the findings report (no values, redacted examples only)."""
    with AnonymisationSession(settings, vocabulary, processes=processes) as session:
        return session.scan_tables(tables, full=full)


def ensure_no_personal_data(report: FindingsReport) -> None:
    """For datasets declared 'none': raise UndeclaredPersonalData (counts per column only) if any was found."""
    if report.has_personal_data:
        raise UndeclaredPersonalData(report.summary())


def rescan_results_clean(results: Mapping[str, RescanResult]) -> bool:
    return all(r.clean for r in results.values())
