"""Every task that touches data keeps nothing: no result persistence, no cache, errors withheld."""

from __future__ import annotations

import os

import pytest
from prefect import Task, flow
from prefect.cache_policies import NO_CACHE

from intake.flows import tasks
from intake.flows.settings import ENFORCED, OFFLINE_ENVIRONMENT
from intake.pipeline import PipelineError


def test_every_task_keeps_no_result_and_no_cache():
    found = [value for value in vars(tasks).values() if isinstance(value, Task)]
    assert len(found) >= 15
    for task in found:
        assert task.persist_result is False and task.cache_policy is NO_CACHE, task.name


def test_prefect_runs_offline_and_persists_nothing_by_default():
    from prefect.settings import get_current_settings

    for name in ENFORCED:
        assert os.environ[name] == OFFLINE_ENVIRONMENT[name]
    assert os.environ["DO_NOT_TRACK"] == "1" and os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    current = get_current_settings()
    assert current.results.persist_by_default is False and current.tasks.default_persist_result is False
    assert current.server.analytics_enabled is False


@tasks.data_task("parse-cell")
def parse_cell(text: str) -> int:
    return int(text)  # ValueError quotes the text: "invalid literal for int() with base 10: '...'"


@flow(persist_result=False)
def parse_flow(text: str) -> int:
    return parse_cell(text)


def test_a_library_error_is_reported_by_type_without_its_message():
    with pytest.raises(PipelineError) as raised:
        parse_flow("Jane Smythe 07700 900123")
    assert "ValueError" in str(raised.value) and "Smythe" not in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
