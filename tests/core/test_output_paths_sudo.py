"""Through a real sudo (the shipped sudoers rule, real OS accounts: tests/core/test_identity.py), a member of staff
cannot make the service account write an output file over the home's internals; a new file elsewhere works."""

from __future__ import annotations

import subprocess

import pytest

from tests.core.test_identity import RUNUSER, SUDO_BIN, _run
from tests.core.test_identity import accounts as accounts  # the fixture, reused (an explicit re-export)


def test_staff_through_sudo_cannot_overwrite_the_anchor_file_or_write_into_the_home(
        request: pytest.FixtureRequest) -> None:
    service, staff, home, intake = request.getfixturevalue("accounts")
    as_service = {"PATH": "/usr/bin:/bin", "INTAKE_HOME": str(home), "LANG": "C.UTF-8"}
    _run(RUNUSER, "-u", service, "--", intake, "--as", "admin1", "init", env=as_service)
    _run(RUNUSER, "-u", service, "--", intake, "--as", "admin1", "users", "add", staff, "--role", "dpo",
         env=as_service)
    _run(RUNUSER, "-u", service, "--", intake, "--as", "admin1", "audit", "anchor", env=as_service)

    def staff_runs(*args: str) -> subprocess.CompletedProcess[str]:
        return _run(RUNUSER, "-u", staff, "--", SUDO_BIN, "-n", "-u", service, intake, *args, check=False,
                    env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})

    anchors = home / "audit-anchors.jsonl"
    before = anchors.read_bytes()
    for target in (anchors, home / "keys" / "kek.key", home / "keys" / "planted.pem"):
        kept = target.read_bytes() if target.exists() else None
        refused = staff_runs("retention", "certificate", "public-key", "--out", str(target))
        assert refused.returncode == 1 and "inside intake's data home" in " ".join(refused.stderr.split())
        assert (target.read_bytes() if target.exists() else None) == kept
    assert anchors.read_bytes()[:len(before)] == before
    fresh = home.parent / "service.pem"  # the service account's own folder, outside the intake home
    written = staff_runs("retention", "certificate", "public-key", "--out", str(fresh))
    assert written.returncode == 0, written.stderr
    assert fresh.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----") and (fresh.stat().st_mode & 0o777) == 0o600
    again = staff_runs("retention", "certificate", "public-key", "--out", str(fresh))
    assert again.returncode == 1 and "choose a new name" in " ".join(again.stderr.split())
