"""Shared fixtures: an isolated intake home with users of every role, a fixed clock, real services."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from intake.clock import FixedClock
from intake.config import Settings
from intake.context import Context
from intake.registry.models import Role
from intake.users import add_user, initialise
from tests.services import AwsEndpoint, moto_server, postgres_bin, postgres_server

if TYPE_CHECKING:
    from typer.testing import Result

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

ROLE_USERS = {"eve": Role.ENGINEER, "sam": Role.SUPPORT, "dora": Role.DPO}
ADMIN = "ada"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


def make_context(settings: Settings, clock: FixedClock, actor: str) -> Context:
    return Context(settings=settings, actor=actor, clock=clock)


@pytest.fixture
def ctx(settings: Settings, clock: FixedClock) -> Iterator[Context]:
    """Context acting as the admin 'ada', with 'eve' (engineer), 'sam' (support) and 'dora' (dpo) registered."""
    admin = make_context(settings, clock, ADMIN)
    initialise(admin)
    for name, role in ROLE_USERS.items():
        add_user(admin, name, [role])
    yield admin
    admin.close()


@pytest.fixture
def as_user(ctx: Context) -> Iterator:
    """Factory: a context sharing ctx's registry and clock, acting as another user."""
    made: list[Context] = []

    def factory(name: str) -> Context:
        other = Context(settings=ctx.settings, actor=name, clock=ctx.clock, registry=ctx.registry, migrate=False)
        made.append(other)
        return other

    yield factory


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    if postgres_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed although CI must test it: .ci/run installs it")
        pytest.skip("PostgreSQL is not installed (.ci/run installs it)")
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def aws() -> Iterator[AwsEndpoint]:
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """A CLI runner on a fresh, uninitialised intake home in tmp_path (the working directory too)."""
    from intake.cli.common import state

    monkeypatch.setenv("INTAKE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("INTAKE_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    state.context = None
    yield CliRunner()
    if state.context is not None:
        state.context.close()
    state.context = None


@pytest.fixture
def cli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An initialised intake home for CLI tests: admin 'ada', users eve/sam/dora; the CLI acts as 'eve'."""
    from intake.audit_anchor import write_anchor
    from intake.cli.common import state

    home = tmp_path / "cli-home"
    monkeypatch.setenv("INTAKE_HOME", str(home))
    monkeypatch.setenv("INTAKE_ACTOR", "eve")
    monkeypatch.delenv("INTAKE_CONFIG", raising=False)
    admin = Context(settings=Settings(home=home), actor=ADMIN)
    initialise(admin)
    for name, role in ROLE_USERS.items():
        add_user(admin, name, [role])
    write_anchor(admin)  # as the CLI does where a command that appended audit events ends
    admin.close()
    state.context = None
    yield home
    if state.context is not None:
        state.context.close()
    state.context = None


def invoke(runner: CliRunner, *args: str | Path, actor: str = ADMIN) -> Result:
    """Run the CLI as `actor`, with the context a new process would have."""
    from intake.cli import app
    from intake.cli.common import state

    # The CLI keeps its context in module state: one left by an earlier call would be reused, with its actor.
    if state.context is not None:
        state.context.close()
    state.context = None
    return runner.invoke(app, ["--as", actor, *(str(a) for a in args)])


# Prefect ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Prefect's temporary SQLite-backed test server, one per session: flows the tests run (directly or through
    the CLI) never reach a real server. Returns its database file (the privacy tests search it)."""
    importlib.import_module("intake.flows")  # its offline Prefect environment first, then prefect
    from prefect.settings import (
        PREFECT_HOME,
        PREFECT_LOCAL_STORAGE_PATH,
        PREFECT_SERVER_DATABASE_CONNECTION_URL,
        temporary_settings,
    )
    from prefect.testing.utilities import prefect_test_harness

    home = tmp_path_factory.mktemp("prefect-home")
    with temporary_settings(updates={PREFECT_HOME: home, PREFECT_LOCAL_STORAGE_PATH: home / "storage"}), \
            prefect_test_harness(server_startup_timeout=90):
        url = PREFECT_SERVER_DATABASE_CONNECTION_URL.value()
        yield Path(url.split("///", 1)[1])
