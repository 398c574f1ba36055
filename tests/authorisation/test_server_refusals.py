"""Server mode (issue 19): a refused attempt to name someone else is recorded, as the person sudo authenticated or,
when the service account itself named a person, as intake's own login with the OS account that ran it; a person's
run is not sent to the worker (whose login cannot act for them) but refused up front, saying to run it here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from intake.identity import os_account
from intake.registry.server import SERVICE
from tests.authorisation.test_server_wiring import CUSTOMER, Server, events, open_holds, run, server

__all__ = ["server"]  # the fixture, shared with test_server_wiring.py
pytestmark = pytest.mark.postgres


def test_naming_someone_else_is_recorded_against_who_was_authenticated(server: Server) -> None:
    assert run("audit", "anchor", sudo_user="ada").exit_code == 0  # the log as anchored so far
    claimed = run("--as", "dan", "holds", "legal", "place", "--customer", CUSTOMER, "--reason", "x", sudo_user="eve")
    assert claimed.exit_code == 1 and "authenticated by sudo" in claimed.output
    named = run("holds", "legal", "place", "--customer", CUSTOMER, "--reason", "x", actor="dan")
    assert named.exit_code == 1 and "name only the service's own identity" in named.output
    assert open_holds(server.owner_url) == []
    refused = [e for e in events(server.owner_url) if e.action == "identity"]
    assert [(e.actor, e.outcome) for e in refused] == [("eve", "refused"), (SERVICE, "refused")]
    assert json.loads(refused[0].details)["named"] == "dan"
    assert json.loads(refused[1].details) == {"named": "dan", "os_account": os_account(),
                                              "reason": "an actor other than the authenticated one was named"}
    verified = run("audit", "verify", sudo_user="dan")
    assert verified.exit_code == 0, verified.output


def test_a_login_that_cannot_be_acted_as_still_refuses_the_naming(server: Server) -> None:
    # zed has no database login: the naming is refused all the same, and the refused acting is what is recorded.
    claimed = run("--as", "dan", "users", "whoami", sudo_user="zed")
    assert claimed.exit_code == 1 and "authenticated by sudo" in claimed.output
    assert [e.actor for e in events(server.owner_url) if e.action == "identity"] == []
    assert [json.loads(e.details)["wanted"] for e in events(server.owner_url) if e.action == "identity.acting"] == [
        "zed"]


def test_a_run_on_the_worker_is_refused_up_front_in_server_mode(server: Server, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PREFECT_HOME", "PREFECT_LOGGING_LEVEL", "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"):
        monkeypatch.setenv(name, str(tmp_path / "prefect") if name == "PREFECT_HOME" else "WARNING")
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # nothing answers: nothing may be sent to it
    before = len(events(server.owner_url))
    sent = run("migration", "run", "0123456789abcdef0123456789abcdef", "--mapping", "equiptrack", "--on-worker",
               sudo_user="eve")
    assert sent.exit_code == 1
    said = " ".join(sent.output.split())
    assert "WorkerRunRefused" in said and "without --on-worker" in said and "server mode" in said
    owner = create_engine(server.owner_url)
    try:
        with owner.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM run_requests")).scalar_one() == 0
    finally:
        owner.dispose()
    assert len(events(server.owner_url)) == before  # nothing recorded: no request, no run


def test_a_staff_login_cannot_delete_data_keys_or_certificates(server: Server) -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError

    for who in ("eve", "ada", "dan"):
        login = create_engine(make_url(server.owner_url).set(username=who, password=f"pw-{who}"))
        try:
            for sql in ("DELETE FROM data_keys", "DELETE FROM deletion_certificates", "TRUNCATE data_keys"):
                with pytest.raises(DBAPIError, match="permission denied"), login.begin() as conn:
                    conn.execute(text(sql))
            with login.begin() as conn:  # reading, and clearing a key (crypto-shredding), stay theirs
                conn.execute(text("UPDATE data_keys SET wrapped_key = wrapped_key"))
        finally:
            login.dispose()
