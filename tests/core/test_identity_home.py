"""Issue 19 with real OS accounts and a real sudo (the set-up of test_identity.py): another account reading the home
gets nothing, and a member of staff naming someone else through sudo is recorded as themselves, with the name."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.core.test_identity import RUNUSER, SUDO_BIN, _run, accounts

__all__ = ["accounts"]  # the fixture, shared with test_identity.py


def _as_service(service: str, home: Path, intake: str, *args: str) -> subprocess.CompletedProcess[str]:
    return _run(RUNUSER, "-u", service, "--", intake, "--json", *args,
                env={"PATH": "/usr/bin:/bin", "INTAKE_HOME": str(home), "LANG": "C.UTF-8"})


def test_another_account_reading_the_home_gets_nothing(accounts) -> None:
    service, staff, home, intake = accounts
    _as_service(service, home, intake, "--as", "admin1", "init")
    _as_service(service, home, intake, "--as", "admin1", "users", "add", staff, "--role", "engineer")
    registry, keys = home / "registry.db", sorted((home / "keys").iterdir())
    assert registry.is_file() and keys
    for path in (registry, *keys):
        assert (path.stat().st_mode & 0o777) == 0o600, path
        assert path.stat().st_uid == home.stat().st_uid
    assert (home.stat().st_mode & 0o777) == 0o700
    plain = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    for command in (["cat", str(registry)], ["ls", str(home)], ["cat", str(keys[0])], ["ls", str(home / "keys")]):
        tried = _run(RUNUSER, "-u", staff, "--", *command, check=False, env=plain)
        assert tried.returncode != 0 and tried.stdout == "" and "Permission denied" in tried.stderr, command


def test_naming_someone_else_through_sudo_is_recorded_as_the_staff_login(accounts) -> None:
    service, staff, home, intake = accounts
    _as_service(service, home, intake, "--as", "admin1", "init")
    _as_service(service, home, intake, "--as", "admin1", "users", "add", staff, "--role", "engineer")
    claimed = _run(RUNUSER, "-u", staff, "--", SUDO_BIN, "-n", "-u", service, intake, "--json", "--as", "admin1",
                   "users", "list", check=False, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert claimed.returncode != 0 and "authenticated by sudo" in claimed.stderr
    events = json.loads(_as_service(service, home, intake, "--as", "admin1", "audit", "list").stdout)
    refused = [e for e in events if e["action"] == "identity" and e["outcome"] == "refused"]
    assert [(e["actor"], json.loads(e["details"])["named"] if isinstance(e["details"], str) else e["details"]["named"])
            for e in refused] == [(staff, "admin1")]
