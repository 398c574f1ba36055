"""The global distinct-value pass: free-text values analysed once for the whole table give the chunks the output
they had when each chunk analysed its own values, and the chunks then run no detector on those values."""

from __future__ import annotations

import pyarrow as pa
import pytest

from intake.anonymisation import AnonymisationSession
from intake.anonymisation.chunks import ChunkWorkers
from intake.anonymisation.distinct import DistinctFindings, analysable, distinct_strings, free_text_columns
from tests.anonymisation.conftest import legacy_table
from tests.anonymisation.test_chunks import comparable

pytestmark = pytest.mark.slow


def global_pass(session: AnonymisationSession, table: pa.Table, classification) -> DistinctFindings:
    columns = free_text_columns("assets", classification, session.policy)
    assert columns  # the legacy table has notes
    values = [v for c in columns for v in analysable(distinct_strings(table.to_batches(max_chunksize=70), c))]
    return session.analyse_distinct(values)


def test_chunks_given_the_global_findings_write_what_they_wrote_alone(
    session: AnonymisationSession, secret: bytes,
) -> None:
    table, _ = legacy_table(rows=300)
    classification = session.profile("assets", table.to_batches())
    columns = free_text_columns("assets", classification, session.policy)
    alone = [session.anonymise_chunk(secret, "assets", classification, table.slice(s, 100).to_batches(), 30)
             for s in range(0, 300, 100)]

    findings = DistinctFindings.from_parquet(global_pass(session, table, classification).to_parquet())
    analysed = session.text.analysed
    given = []
    for start in range(0, 300, 100):
        rows = table.slice(start, 100)
        known = {k: v for c in columns for k, v in findings.for_values(rows.column(c).combine_chunks()).items()}
        assert known and any(found for found, _ in known.values())
        given.append(session.anonymise_chunk(secret, "assets", classification, rows.to_batches(), 30, known))

    assert [comparable(o) for o in given] == [comparable(o) for o in alone]
    assert session.text.known_hits > 0
    # What the detector still reads in the chunks is only text the global pass never saw: rewritten values
    # checked again, or cells of other columns.
    assert session.text.analysed - analysed < len(findings)


def test_the_findings_do_not_depend_on_how_the_values_are_shared_among_workers(
    session: AnonymisationSession,
) -> None:
    table, _ = legacy_table(rows=200)
    classification = session.profile("assets", table.to_batches())
    here = global_pass(session, table, classification)
    with ChunkWorkers(session.settings, session.vocabulary, session.policy, processes=2) as workers:
        values = here.values.to_pylist()
        there = DistinctFindings.build(values, workers.analyse(values, part=7))
    assert there.values.equals(here.values) and there.findings.equals(here.findings) and there.gate.equals(here.gate)
    assert any(v is not None for v in here.findings.to_pylist())
    assert here.gate.to_pylist() == [session.text.needs_ner(v) for v in here.values.to_pylist()]


def test_lookup_answers_only_for_analysed_values() -> None:
    from intake.anonymisation.findings import Finding

    found = (Finding("PERSON", 4, 9, 0.85, "rules"),)
    findings = DistinctFindings.build(["Ask Jones today", "Cleaned"], [(found, True), ((), False)])
    asked = pa.array(["Cleaned", None, "Ask Jones today", "never seen", "Cleaned"])
    assert findings.for_values(asked) == {"Cleaned": ((), False), "Ask Jones today": (found, True)}
