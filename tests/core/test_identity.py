"""Who is acting is what the OS proves: the login sudo authenticated, or whatever the home's owner names; any other
account is refused. The last test creates real OS accounts and runs intake through a real sudo with the shipped
sudoers file (CI runs as root and installs sudo: .ci/run)."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake.errors import PermissionDenied
from intake.identity import OWNER, ROOT, SUDO, os_account, resolve_identity

PROJECT = Path(__file__).resolve().parents[2]
SUDOERS = PROJECT / "deployments" / "sudoers.d" / "intake"
RUNUSER, SUDO_BIN = shutil.which("runuser") or "runuser", shutil.which("sudo") or "sudo"


def test_the_owner_of_the_home_may_name_the_actor_and_the_os_account_is_recorded(tmp_path: Path) -> None:
    identity = resolve_identity(tmp_path, "intake-service", environ={})
    assert identity.actor == "intake-service" and identity.os_account == os_account()
    assert identity.proof == (ROOT if os.geteuid() == 0 else OWNER)
    assert resolve_identity(tmp_path, None, environ={"INTAKE_ACTOR": "eve"}).actor == "eve"
    assert resolve_identity(tmp_path, None, environ={}).actor == os_account()


def test_through_sudo_the_authenticated_login_acts_and_cannot_name_another(tmp_path: Path) -> None:
    identity = resolve_identity(tmp_path, None, environ={"SUDO_USER": "alice", "SUDO_UID": "1001"})
    assert (identity.actor, identity.proof) == ("alice", SUDO)
    assert resolve_identity(tmp_path, "alice", environ={"SUDO_USER": "alice"}).actor == "alice"
    with pytest.raises(PermissionDenied, match="authenticated by sudo"):
        resolve_identity(tmp_path, "dpo", environ={"SUDO_USER": "alice"})
    with pytest.raises(PermissionDenied, match="authenticated by sudo"):
        resolve_identity(tmp_path, None, environ={"SUDO_USER": "alice", "INTAKE_ACTOR": "dpo"})


def _run(*args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(list(args), capture_output=True, text=True, check=False, env=env, cwd="/")
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args[:6])} exited {result.returncode}: {result.stderr[-2000:]}")
    return result


def _installed_for_everyone(base: Path) -> str:
    """An `intake` command other accounts can run. This venv's interpreter may live in root's home (pyenv), which
    they cannot enter: the command runs the same Python version from the system with this venv's packages, as an
    installation under /opt would."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    python = shutil.which(version, path="/usr/bin:/usr/local/bin")
    assert python, f"a system {version} is needed for other accounts to run intake"
    packages = Path(sys.executable).parent.parent / "lib" / version / "site-packages"
    command = base / "bin" / "intake"
    command.parent.mkdir(mode=0o755)
    command.write_text(f"#!/bin/sh\nexec {python} -c 'import site, sys; site.addsitedir(sys.argv.pop(1)); "
                       f"sys.argv[0] = \"intake\"; from intake.cli import main; main()' {packages} \"$@\"\n")
    command.chmod(0o755)
    return str(command)


@pytest.fixture
def accounts() -> Iterator[tuple[str, str, Path, str]]:
    """A service account owning an intake home, a member of staff in a group sudoers lets run intake as it."""
    assert os.geteuid() == 0, "this test creates OS accounts and a sudoers rule: run it as root, as CI does"
    assert shutil.which("sudo") and shutil.which("useradd"), "sudo and useradd are needed (.ci/run installs sudo)"
    suffix = secrets.token_hex(3)
    service, staff, group = f"isvc{suffix}", f"istf{suffix}", f"igrp{suffix}"
    base = Path(tempfile.mkdtemp(prefix="intake-identity-", dir="/tmp"))
    base.chmod(0o755)
    rule = Path(f"/etc/sudoers.d/intake-test-{suffix}")
    _run("groupadd", group)
    try:
        _run("useradd", "--create-home", "--home-dir", str(base / service), "--shell", "/bin/sh", service)
        _run("useradd", "--no-create-home", "--shell", "/bin/sh", "--groups", group, staff)
        intake = _installed_for_everyone(base)
        text = SUDOERS.read_text().replace("/opt/intake/.venv/bin/intake", intake).replace(
            "%intake-staff ALL=(intake)", f"%{group} ALL=({service}) NOPASSWD:")
        draft = base / "sudoers"
        draft.write_text(text)
        _run("visudo", "-cf", str(draft))  # the shipped rule is valid sudoers syntax
        shutil.copy(draft, rule)
        rule.chmod(0o440)
        yield service, staff, base / service / ".intake", intake
    finally:
        rule.unlink(missing_ok=True)
        for user in (staff, service):
            _run("userdel", user, check=False)
        _run("groupdel", group, check=False)
        shutil.rmtree(base, ignore_errors=True)


def test_staff_act_as_themselves_through_sudo_and_no_one_else_reaches_the_home(accounts) -> None:
    service, staff, home, intake = accounts
    as_service = {"PATH": "/usr/bin:/bin", "INTAKE_HOME": str(home), "LANG": "C.UTF-8"}

    def service_runs(*args: str) -> subprocess.CompletedProcess[str]:
        return _run(RUNUSER, "-u", service, "--", intake, "--json", *args, env=as_service)

    service_runs("--as", "admin1", "init")
    service_runs("--as", "admin1", "users", "add", staff, "--role", "engineer")
    assert (home.stat().st_mode & 0o777) == 0o700

    def staff_runs(*args: str) -> subprocess.CompletedProcess[str]:
        return _run(RUNUSER, "-u", staff, "--", SUDO_BIN, "-n", "-u", service, intake, "--json", *args,
                    check=False, env={"PATH": "/usr/bin:/bin", "INTAKE_ACTOR": "admin1", "LANG": "C.UTF-8"})

    me = staff_runs("users", "whoami")
    assert me.returncode == 0, me.stderr
    assert json.loads(me.stdout) == {"actor": staff, "roles": ["engineer"], "os_account": service,
                                     "established_by": "sudo"}
    # Naming someone else is refused, and the refusal is in the audit log.
    claimed = staff_runs("--as", "admin1", "users", "list")
    assert claimed.returncode != 0 and "authenticated by sudo" in claimed.stderr
    events = json.loads(service_runs("--as", "admin1", "audit", "list").stdout)
    # ... recorded against the login sudo authenticated, with the name it tried
    assert any(e["action"] == "identity" and e["outcome"] == "refused" and e["actor"] == staff
               and e["details"]["named"] == "admin1" for e in events)
    # Without sudo, the staff account cannot use the home at all, and is told how to.
    direct = _run(RUNUSER, "-u", staff, "--", intake, "users", "whoami", check=False,
                  env={**as_service, "INTAKE_ACTOR": "admin1"})
    assert direct.returncode != 0 and f"sudo -u {service} intake" in " ".join(direct.stderr.split())
