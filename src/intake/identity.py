"""Who is acting, as the operating system proves it, not as a flag declares it.

The intake home (registry, keys, vault) belongs to one OS account: the service account on a shared host
(deployments/sudoers.d/intake), or the one person using a single-user installation. Three cases:

- Through sudo (`sudo -u <service account> intake ...`): the actor is the OS login that sudo authenticated
  (SUDO_USER, which sudo sets itself and a caller cannot choose). `--as` or INTAKE_ACTOR naming anyone else
  is refused: a member of staff acts as themselves. The intake user carries the same name as the login.
- Run directly by the account that owns the home, or by root: that account holds the keys and could read or
  change anything, so it may name the actor (`--as`, INTAKE_ACTOR) — the service's own automated runs (the
  Prefect worker as `intake-service`) and a single-user installation. `Identity.proof` says which it was.
- Run directly by any other account: refused, with the command to use instead.
"""

from __future__ import annotations

import os
import pwd
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from intake.errors import PermissionDenied

SUDO, OWNER, ROOT = "sudo", "home owner", "root"
SERVICE_ACTOR = "intake-service"  # the deletion service's own intake user (and database login, server mode)


class NamedAnother(PermissionDenied):
    """An actor other than the authenticated one was named (--as, INTAKE_ACTOR): refused, and audited as `login`.

    `login` is who authenticated (the sudo login, or the OS account that runs intake), `named` the name tried and
    `proof` how the login was established (SUDO, OWNER or ROOT)."""

    def __init__(self, message: str, login: str, named: str, proof: str) -> None:
        super().__init__(message)
        self.login, self.named, self.proof = login, named, proof


@dataclass(frozen=True)
class Identity:
    actor: str  # the intake user acting
    os_account: str  # the OS account the process runs as
    proof: str  # SUDO (the login sudo authenticated), OWNER or ROOT (an actor the home's owner named)


def _account(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def os_account() -> str:
    """The OS account this process runs as (its effective uid), whatever USER or LOGNAME say."""
    return _account(os.geteuid())


def _owner(home: Path) -> int | None:
    """The uid owning the home; None before `intake init` creates it (as the caller, who then owns it)."""
    try:
        return home.stat().st_uid
    except FileNotFoundError:
        return None


def resolve_identity(home: Path, declared: str | None, environ: Mapping[str, str] | None = None) -> Identity:
    """The identity of this process for the intake home `home`; `declared` is `--as` (or None)."""
    env = os.environ if environ is None else environ
    uid = os.geteuid()
    account = os_account()
    declared = declared or env.get("INTAKE_ACTOR") or None
    owner = _owner(home)
    sudo_user = env.get("SUDO_USER")
    if sudo_user and sudo_user != "root" and (uid == owner or uid == 0):
        if declared and declared != sudo_user:
            raise NamedAnother(
                f"you are '{sudo_user}' (authenticated by sudo): --as or INTAKE_ACTOR cannot make you "
                f"'{declared}'; run the command as yourself",
                sudo_user, declared, SUDO,
            )
        return Identity(sudo_user, account, SUDO)
    if uid == 0:
        return Identity(declared or account, account, ROOT)
    if owner is None or uid == owner:
        return Identity(declared or account, account, OWNER)
    service = _account(owner)
    raise PermissionDenied(
        f"the intake home {home} belongs to the OS account '{service}', not '{account}': run intake through sudo "
        f"as `sudo -u {service} intake ...` (an administrator grants it: deployments/sudoers.d/intake)"
    )


def server_mode_identity(identity: Identity) -> Identity:
    """Server mode: the database acts as this identity's person (SET ROLE), so a name the home's owner declares
    may only be the service's own identity, for its automated runs; a person is who sudo (or their own database
    login) authenticated, never a name typed after --as or in INTAKE_ACTOR."""
    if identity.proof != SUDO and identity.actor not in (identity.os_account, SERVICE_ACTOR):
        raise NamedAnother(
            f"in server mode --as and INTAKE_ACTOR name only the service's own identity '{SERVICE_ACTOR}', not "
            f"'{identity.actor}': a member of staff runs `sudo -u <service account> intake ...` (deployments/"
            "sudoers.d/intake) or connects with their own database login, and acts as themselves",
            identity.os_account, identity.actor, identity.proof,
        )
    return identity
