"""Flow tests: Prefect's test harness for the session, a real `prefect server start`, signed authorisations.

Prefect keeps its home (database of the real server, result storage, local logs) under a session
temporary folder so the privacy tests can search all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import intake.flows  # noqa: F401  (offline Prefect environment before prefect is imported)
from intake.clock import FixedClock
from intake.config import Settings
from intake.context import Context
from intake.flows.settings import forget_contexts, use_context_factory
from tests.flows.signing import AuthorisationMaker
from tests.services import free_port


@pytest.fixture
def clock() -> FixedClock:
    """After the generated exports (14/10/2026), so their dates are in the past for the flows' validation."""
    return FixedClock(datetime(2026, 11, 2, 9, 30, tzinfo=UTC))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """NER in-process: small test datasets do not repay starting worker processes."""
    return Settings(home=tmp_path / "home", anonymisation={"processes": 1})


@pytest.fixture(scope="session", autouse=True)
def flows_on_test_server(prefect_harness: Path) -> Path:
    """Every flow test runs against the session's Prefect test server (tests/conftest.py)."""
    return prefect_harness


@dataclass(frozen=True)
class RealServer:
    api_url: str
    home: Path

    @property
    def database(self) -> Path:
        return self.home / "prefect.db"


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealServer]:
    """A real `prefect server start` on 127.0.0.1 (free port, own PREFECT_HOME, analytics off)."""
    from intake.flows.serve import local_prefect_server

    home = tmp_path_factory.mktemp("prefect-server")
    with local_prefect_server(home, port=free_port(), timeout=120) as server:
        yield RealServer(server.api_url, home)


@pytest.fixture
def flows_as(as_user: Callable[[str], Context]) -> Iterator[None]:
    """Flows in this test run in contexts sharing the test's registry and fixed clock; actor default 'eve'."""
    with use_context_factory(lambda actor: as_user(actor or "eve")):
        yield


@pytest.fixture
def intake_env(settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Processes started by the test (served flows, Dask workers) find the test's intake home by environment."""
    monkeypatch.setenv("INTAKE_HOME", str(settings.home))
    monkeypatch.setenv("INTAKE_ACTOR", "eve")
    forget_contexts()
    yield {"INTAKE_HOME": str(settings.home), "INTAKE_ACTOR": "eve"}
    forget_contexts()


@pytest.fixture
def authorise(ctx: Context, tmp_path: Path) -> AuthorisationMaker:
    """Sign and register authorisations for files, as a customer would: `authorise(files, ...) -> reference`."""
    return AuthorisationMaker(ctx, tmp_path / "signing")


@pytest.fixture
def cli(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Any]]:
    """The real CLI on the test's home: `cli(*args, actor="eve")` -> click's result (exit code, stdout, stderr)."""
    from typer.testing import CliRunner

    from intake.cli import app
    from intake.cli.common import state

    monkeypatch.setenv("INTAKE_HOME", str(ctx.settings.home))
    monkeypatch.delenv("INTAKE_CONFIG", raising=False)
    runner = CliRunner()

    def invoke(*args: str, actor: str = "eve", input: str | None = None) -> Any:
        if state.context is not None:
            state.context.close()
        state.context = None
        return runner.invoke(app, ["--as", actor, *args], input=input)

    yield invoke
    if state.context is not None:
        state.context.close()
    state.context = None
