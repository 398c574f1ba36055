"""Profiling has a time budget: a table whose columns take longer to classify is refused, never passed on
half-classified (issue: a 15 MB CSV of 100,000 columns kept profiling busy for over 15 minutes)."""

from __future__ import annotations

import pickle

import pyarrow as pa
import pytest

from intake.anonymisation import AnonymisationSession, Vocabulary
from intake.anonymisation.errors import ProfilingTooSlow
from intake.anonymisation.profiler import Profiler
from intake.config import AnonymisationSettings


def test_a_table_over_its_profiling_budget_is_refused_naming_the_table_and_the_setting(vocabulary: Vocabulary
                                                                                       ) -> None:
    table = pa.table({f"c{i}": [f"value {i}"] * 10 for i in range(5)})
    with pytest.raises(ProfilingTooSlow) as caught:
        Profiler(vocabulary, time_budget=1e-9).profile("wide", table.to_batches())
    error = caught.value
    assert (error.table, error.total) == ("wide", 5) and error.done < 5
    assert "anonymisation.profile_seconds" in str(error) and "value" not in str(error)
    assert str(pickle.loads(pickle.dumps(error))) == str(error)  # noqa: S301  (raised in a worker, read in the run)
    done = Profiler(vocabulary, time_budget=60).profile("wide", table.to_batches())
    assert set(done.columns) == set(table.column_names)


def test_the_session_applies_the_configured_budget(vocabulary: Vocabulary) -> None:
    session = AnonymisationSession(AnonymisationSettings(profile_seconds=7), vocabulary=vocabulary, processes=1)
    with session:
        assert session.profiler().time_budget == 7
