"""Issue 19 gaps on the embedded registry: a refused attempt to name someone else is recorded against the login sudo
authenticated, with the name tried; `intake serve` (an unauthenticated API on 127.0.0.1 and a worker running every
flow) is started only by someone with a role, and a refusal is audited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from intake.config import Settings
from intake.context import Context
from intake.errors import PermissionDenied
from intake.identity import SUDO, resolve_identity
from tests.conftest import ADMIN


def _events(home: Path, action: str) -> list[Any]:
    reader = Context(settings=Settings(home=home), actor=ADMIN)
    try:
        return [e for e in reader.audit.events() if e.action == action]
    finally:
        reader.close()


def _cli(*args: str, env: dict[str, str | None] | None = None) -> Any:
    from intake.cli import app
    from intake.cli.common import state

    if state.context is not None:
        state.context.close()
    state.context = None
    return CliRunner().invoke(app, list(args), env=env)


def test_the_refusal_names_who_sudo_authenticated_and_whom_they_named(tmp_path: Path) -> None:
    from intake.identity import NamedAnother

    with pytest.raises(NamedAnother) as caught:
        resolve_identity(tmp_path, "dora", environ={"SUDO_USER": "eve"})
    assert isinstance(caught.value, PermissionDenied)
    assert (caught.value.login, caught.value.named, caught.value.proof) == ("eve", "dora", SUDO)


def test_naming_someone_else_through_sudo_is_audited_as_the_login_with_the_name_tried(cli_home: Path) -> None:
    claimed = _cli("--as", "dora", "users", "whoami", env={"SUDO_USER": "eve", "INTAKE_ACTOR": None})
    assert claimed.exit_code == 1 and "authenticated by sudo" in claimed.output
    by_env = _cli("users", "whoami", env={"SUDO_USER": "sam", "INTAKE_ACTOR": "ada"})
    assert by_env.exit_code == 1 and "authenticated by sudo" in by_env.output
    refused = _events(cli_home, "identity")
    assert [(e.actor, e.outcome, json.loads(e.details)["named"]) for e in refused] == [
        ("eve", "refused", "dora"), ("sam", "refused", "ada")]
    reader = Context(settings=Settings(home=cli_home), actor=ADMIN)
    try:
        reader.audit.verify()
    finally:
        reader.close()


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """`intake serve` up to the point it would start Prefect: what it would have served is recorded instead."""
    import intake.flows.local
    import intake.flows.serve

    started: list[tuple[Any, ...]] = []
    monkeypatch.setattr(intake.flows.local, "prepare_prefect", lambda *args, **kwargs: False)
    monkeypatch.setattr(intake.flows.serve, "run", lambda *args: started.append(args))
    return started


def test_serve_is_refused_and_audited_for_someone_without_a_role(cli_home: Path, no_server) -> None:
    refused = _cli("--as", "zoe", "serve", "--no-sweep-schedule")
    assert refused.exit_code == 1, refused.output
    said = " ".join(refused.output.split())
    assert "`intake serve` needs one of the roles" in said and "'zoe'" in said
    assert no_server == []
    [event] = _events(cli_home, "flows.serve")
    assert (event.actor, event.outcome, json.loads(event.details)["reason"]) == ("zoe", "refused", "permission")


@pytest.mark.parametrize("actor", ["eve", "ada", "intake-service"])
def test_serve_starts_for_staff_with_a_role_and_for_the_service(cli_home: Path, no_server, actor: str) -> None:
    # intake-service: the service identity `intake init` creates; its unit runs `intake serve` (deployments/README.md)
    started = _cli("--as", actor, "serve", "--no-sweep-schedule")
    assert started.exit_code == 0, started.output
    assert len(no_server) == 1
    assert [(e.actor, e.outcome) for e in _events(cli_home, "flows.serve")] == [(actor, "ok")]
