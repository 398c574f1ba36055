"""PII scanning and anonymisation (Presidio + spaCy, offline), fast on whole tables, failing closed.

How the flows use it (one session per dataset run; see session.py):

    from intake.anonymisation import AnonymisationSession, Vocabulary, build_report, ensure_no_personal_data

    vocab = Vocabulary.load(deny_names=staff_names)            # shipped allow-list + customer's known staff
    # settings.anonymisation: policy_file, allow_list_files / deny_list_files (customer vocabularies, added to
    # vocab), start_method of the NER workers, rescan_threshold, rescan_ner_sample
    with AnonymisationSession(ctx.settings, vocabulary=vocab) as session:   # policy from settings or default
        # 0. declared "none"? scan before processing; on findings the data stays in quarantine
        report = session.scan_tables({"assets": lambda: reader_for("assets")})     # -> FindingsReport
        ensure_no_personal_data(report)                      # raises UndeclaredPersonalData(summary)

        # 1. profile each table from a sample of batches     -> TableClassification (to_dict()/from_dict())
        classification = session.profile("assets", sample_batches)

        # 2. anonymise the stream; same inputs -> same output, in any process or chunk
        anonymiser = session.anonymiser(vault.customer_secret(customer_id, actor))   # 32 secret bytes
        rescanner = session.rescanner("assets", classification)
        for out in anonymiser.anonymise_stream("assets", classification, reader):
            rescanner.update(out)                            # 3. re-scan as the output is written
            sink.write(out)                                  # text columns always `string`: one schema
        result = rescanner.result()                          # -> RescanResult
        result.raise_if_residual()                           # fail closed: ResidualPersonalData(result)
        # The anonymiser checks its own output with the re-scan's detectors (pattern scan, deny-list, NER
        # where the re-scan runs it) and replaces what they find, so the re-scan stops a run only for values
        # the policy leaves in place. Binary/struct/list columns raise UnscannableColumn unless dropped.

        # 4. report: JSON + Markdown, counts and redacted examples only
        report = build_report({"assets": classification}, anonymiser.counts, {"assets": result}, session.policy)
        report.to_json(); report.to_markdown()

Building blocks: build_analyzer (Presidio AnalyzerEngine with UK and name recognizers), TextDetector (batch
analysis, nlp.pipe), NerGate (which texts the model reads at all: most notes are decided by the rules and the
vocabularies, see nergate.py), FreeTextAnalyzer (distinct values, cache, worker processes), DistinctFindings (the
global distinct-value pass: session.analyse_distinct analyses a dataset's free-text values once, and each chunk
takes its values' answers: distinct.py), ChunkWorkers (whole chunks anonymised and re-scanned in worker
processes: session.anonymise_chunk), Profiler, Anonymiser, Rescanner,
operators (OPERATORS registry, register_operator), Policy/load_policy, Vocabulary.
"""

from __future__ import annotations

from intake.anonymisation.anonymiser import Anonymiser
from intake.anonymisation.classification import ColumnClassification, ColumnKind, TableClassification
from intake.anonymisation.counts import AnonymisationCounts
from intake.anonymisation.engine import TABLE_ENTITIES, DetectorConfig, TextDetector, build_analyzer
from intake.anonymisation.errors import (
    AnonymisationError,
    ModelNotAvailable,
    PolicyError,
    ResidualPersonalData,
    UndeclaredPersonalData,
    UnscannableColumn,
    VocabularyError,
    WorkerProcessLost,
)
from intake.anonymisation.findings import Finding
from intake.anonymisation.freetext import FreeTextAnalyzer
from intake.anonymisation.operators import OPERATORS, pseudonym, register_operator
from intake.anonymisation.policy import OperatorSpec, Policy, load_policy
from intake.anonymisation.profiler import Profiler
from intake.anonymisation.report import FindingsReport, build_report, redact_example
from intake.anonymisation.rescan import Rescanner, RescanResult, rescan
from intake.anonymisation.session import AnonymisationSession, ensure_no_personal_data, scan_tables
from intake.anonymisation.vocabulary import Vocabulary

__all__ = [
    "OPERATORS", "TABLE_ENTITIES", "AnonymisationCounts", "AnonymisationError", "AnonymisationSession",
    "Anonymiser", "ColumnClassification", "ColumnKind", "DetectorConfig", "Finding", "FindingsReport",
    "FreeTextAnalyzer", "ModelNotAvailable", "OperatorSpec", "Policy", "PolicyError", "Profiler", "RescanResult",
    "Rescanner", "ResidualPersonalData", "TableClassification", "TextDetector", "UndeclaredPersonalData",
    "UnscannableColumn", "Vocabulary", "VocabularyError", "WorkerProcessLost", "build_analyzer", "build_report",
    "ensure_no_personal_data", "load_policy", "pseudonym", "redact_example", "register_operator", "rescan",
    "scan_tables",
]
