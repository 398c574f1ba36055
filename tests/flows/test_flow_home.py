"""A flow or task process finds its home by environment (a worker, a Dask worker): pointed at a home without a
registry, it refuses and names the home, rather than create an empty registry that knows no one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from intake.config import REGISTRY_FILE
from intake.errors import ConfigError
from intake.flows.settings import flow_context, forget_contexts


@pytest.fixture
def worker_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("INTAKE_CONFIG", raising=False)
    monkeypatch.delenv("INTAKE_DATABASE_URL", raising=False)
    forget_contexts()
    yield
    forget_contexts()


@pytest.mark.parametrize("exists", [False, True], ids=["missing home", "empty home"])
def test_a_flow_process_refuses_a_home_without_a_registry_and_creates_nothing(
        worker_env, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, exists: bool) -> None:
    home = tmp_path / "wrong-home"
    if exists:
        home.mkdir()
    monkeypatch.setenv("INTAKE_HOME", str(home))

    with pytest.raises(ConfigError) as refused:
        flow_context()

    message = str(refused.value)
    assert str((home / REGISTRY_FILE).resolve()) in message and "INTAKE_HOME" in message
    assert "intake init" in message
    assert home.exists() == exists
    assert not (home / REGISTRY_FILE).exists() and (not exists or list(home.iterdir()) == [])


def test_a_flow_process_uses_the_registry_its_home_holds(worker_env, ctx, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_HOME", str(ctx.settings.home))
    monkeypatch.setenv("INTAKE_ACTOR", "eve")

    assert flow_context().settings.home == ctx.settings.home
