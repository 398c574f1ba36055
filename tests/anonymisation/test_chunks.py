"""Tables profiled and chunks anonymised in worker processes: the outcome of this process, a lost worker
reported and replaced, our errors arriving whole."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pyarrow as pa
import pytest

from intake.anonymisation import AnonymisationSession, PolicyError, UnscannableColumn, WorkerProcessLost
from intake.anonymisation.chunks import ChunkOutcome, ChunkWorkers
from intake.anonymisation.operators import OPERATORS, OperatorContext, register_operator
from intake.anonymisation.policy import OperatorSpec, Policy
from tests.anonymisation.conftest import legacy_table

pytestmark = pytest.mark.slow


def workers_for(session: AnonymisationSession, processes: int) -> ChunkWorkers:
    return ChunkWorkers(session.settings, session.vocabulary, session.policy, processes=processes)


def comparable(outcome: ChunkOutcome) -> tuple[pa.Table, list, list, dict]:
    columns = sorted(outcome.counts.columns.values(), key=lambda c: c.column)
    return (pa.Table.from_batches(outcome.batches), [(c.column, dict(c.entities), c.changed_values, c.examples)
                                                    for c in columns],
            sorted(outcome.counts.rows.items()), outcome.rescan.to_dict())


def test_workers_give_the_outcome_of_this_process(session: AnonymisationSession, secret: bytes) -> None:
    table, truth = legacy_table(rows=400)
    classification = session.profile("assets", table.to_batches())
    batches = table.to_batches(max_chunksize=150)
    here = session.anonymise_chunk(secret, "assets", classification, batches, ner_sample=50)

    with workers_for(session, processes=2) as workers:
        assert len(workers.start()) >= 1
        classified_there = workers.profile("assets", table.to_batches())
        there = workers.run(secret, "assets", classification, batches, ner_sample=50)

    assert classified_there.to_dict() == classification.to_dict()
    assert classification.personal_columns()
    assert comparable(there) == comparable(here)
    assert here.rescan.clean
    out = pa.Table.from_batches(here.batches)
    left = {row["value"] for row in truth} & set(v for c in out.columns for v in c.to_pylist() if isinstance(v, str))
    assert not left  # the chunk was anonymised, not passed through
    assert sum(here.counts.for_column("assets", "Notes").entities.values()) > 0


def test_a_lost_worker_is_a_typed_error_and_the_next_chunk_gets_fresh_workers(
    session: AnonymisationSession, secret: bytes,
) -> None:
    table, _ = legacy_table(rows=60)
    classification = session.profile("assets", table.to_batches())
    expected = session.anonymise_chunk(secret, "assets", classification, table.to_batches(), ner_sample=10)

    with workers_for(session, processes=1) as workers:
        (pid,) = workers.start()
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(WorkerProcessLost, match=r"ended unexpectedly.*nothing of its work was kept"):
            workers.run(secret, "assets", classification, table.to_batches(), ner_sample=10)
        again = workers.run(secret, "assets", classification, table.to_batches(), ner_sample=10)
        assert workers.start() != [pid]

    assert comparable(again) == comparable(expected)


def test_an_error_in_a_worker_arrives_with_its_type_and_message(
    session: AnonymisationSession, secret: bytes,
) -> None:
    table, _ = legacy_table(rows=40)
    classification = session.profile("assets", table.to_batches())
    with_blob = table.append_column("Scan", pa.array([b"\x00\x01"] * table.num_rows, type=pa.binary()))

    with workers_for(session, processes=1) as workers, pytest.raises(UnscannableColumn) as raised:
        workers.run(secret, "assets", classification, with_blob.to_batches(), ner_sample=10)

    assert (raised.value.table, raised.value.column, raised.value.data_type) == ("assets", "Scan", "binary")
    assert "drop_column" in str(raised.value)


def initials(value: str, entity_type: str, ctx: OperatorContext) -> str:
    """A customer's own operator: a person's initials."""
    return "".join(w[0] for w in value.split() if w[:1].isalpha()).upper() + "."


@pytest.fixture
def registered_initials() -> Iterator[None]:
    register_operator("initials", initials)
    yield
    OPERATORS.pop("initials", None)


@pytest.mark.usefixtures("registered_initials")
def test_operators_registered_here_reach_the_workers(session: AnonymisationSession, secret: bytes) -> None:
    table, _ = legacy_table(rows=60)
    policy = Policy(entities={**session.policy.entities, "PERSON": OperatorSpec("initials")})
    with AnonymisationSession(session.settings, session.vocabulary, policy, processes=1) as here_session:
        here_session.text._detector = session.text.detector
        classification = here_session.profile("assets", table.to_batches())
        here = here_session.anonymise_chunk(secret, "assets", classification, table.to_batches(), ner_sample=10)
        with ChunkWorkers(session.settings, session.vocabulary, policy, processes=1) as workers:
            there = workers.run(secret, "assets", classification, table.to_batches(), ner_sample=10)

    assert comparable(there) == comparable(here)
    engineers = pa.Table.from_batches(there.batches).column("Responsible Engineer").to_pylist()
    assert all(e is None or (e.endswith(".") and len(e) <= 5) for e in engineers)


def test_an_operator_the_workers_cannot_import_is_refused_by_name(session: AnonymisationSession) -> None:
    register_operator("nested", lambda value, entity_type, ctx: "x")
    try:
        with workers_for(session, processes=1) as workers, pytest.raises(PolicyError, match="operator 'nested'"):
            workers.start()
    finally:
        OPERATORS.pop("nested", None)
