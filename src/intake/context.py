"""The application context every command and flow runs in: settings, registry, clock, actor, audit."""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast

from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from intake.audit import REFUSED, AuditLog
from intake.clock import Clock, SystemClock
from intake.config import Settings, load_settings
from intake.errors import IntakeError, PermissionDenied, StateTampered
from intake.identity import SUDO, NamedAnother, resolve_identity, server_mode_identity
from intake.permissions import allowed_roles
from intake.registry.check import require_state_intact
from intake.registry.db import Registry
from intake.registry.models import Role, User
from intake.registry.state_key import StateKeyFile


@dataclass(frozen=True)
class Actor:
    name: str
    roles: frozenset[Role]

    @property
    def role_label(self) -> str:
        return ",".join(sorted(r.value for r in self.roles)) or "none"


class Context:
    def __init__(
        self,
        settings: Settings | None = None,
        actor: str | None = None,
        clock: Clock | None = None,
        registry: Registry | None = None,
        migrate: bool = True,
    ) -> None:
        self.settings = settings or load_settings()
        self.clock: Clock = clock or SystemClock()
        self.state_key = StateKeyFile(self.settings.state_key_file)
        try:
            self.identity = resolve_identity(self.settings.home, actor)
            if self.settings.server_mode:
                server_mode_identity(self.identity)
        except NamedAnother as refused:
            # Another account than the home's owner is refused otherwise (plain PermissionDenied) and cannot write
            # its audit log (that is the point); whoever authenticated and named someone else is recorded.
            if registry is not None or self.settings.server_mode or os.access(self.settings.home, os.W_OK):
                self._audit_named_another(registry, refused)
            raise
        self.actor_name = self.identity.actor
        self.registry = registry or Registry(self.settings.registry_url, state_key=self.state_key.load,
                                             clock=self.clock, actor=self.actor_name,
                                             acting=self.actor_name if self.settings.server_mode else None)
        if migrate:
            self.registry.upgrade()
        self.audit = AuditLog(self.registry, self.clock)

    def _audit_named_another(self, registry: Registry | None, refused: NamedAnother) -> None:
        """Record a refused --as/INTAKE_ACTOR against the identity that was authenticated, with the name tried;
        never at the cost of the refusal itself (no registry yet, or a database that refuses, records nothing)."""
        details = {"named": refused.named, "reason": "an actor other than the authenticated one was named"}
        if registry is None and self.settings.server_mode and refused.proof != SUDO:
            # Root or the service account named a person: no person was authenticated, so intake's own login
            # records it through its one function (server_roles.sql), with the OS account that ran it.
            record_refused_naming(self.settings.registry_url, refused.named, refused.login)
            return
        # Through sudo the login is the intake user of the same name (identity.py); in server mode the database
        # stamps it as the person that login acts as (SET ROLE), so the event cannot claim anyone else.
        actor = refused.login if refused.proof == SUDO else f"os:{refused.login}"
        own = registry
        try:
            if own is None:
                own = Registry(self.settings.registry_url, state_key=self.state_key.load, clock=self.clock,
                               actor=actor, acting=actor if self.settings.server_mode else None)
            AuditLog(own, self.clock).record(actor, "none", "identity", REFUSED, details=details)
        except (SQLAlchemyError, IntakeError):
            pass  # no registry here yet (before `intake init`), or no login to act as: the refusal stands
        finally:
            if registry is None and own is not None:
                own.dispose()

    def actor(self) -> Actor:
        with self.registry.session() as session:
            user = session.get(User, self.actor_name)
            if user is None or not user.active:
                return Actor(self.actor_name, frozenset())
            return Actor(user.name, frozenset(r.role for r in user.roles))

    def authorise(self, action: str, dataset_id: str | None = None, **details: Any) -> Actor:
        """Return the actor if one of its roles may perform `action`; otherwise audit and refuse."""
        actor = self.actor()
        needed = allowed_roles(action)
        if actor.roles & needed:
            self.registry.actor = actor.name  # a row refused while acting for them is recorded against them
            return actor
        self.audit.record(
            actor.name, actor.role_label, action, REFUSED, dataset_id,
            {"reason": "permission", "needs": sorted(r.value for r in needed), **details},
        )
        if not actor.roles:
            hint = (
                f"'{actor.name}' is not a registered user: an admin runs `intake users add {actor.name} --role ...`"
            )
        else:
            hint = f"'{actor.name}' has roles {actor.role_label}"
        roles = ", ".join(sorted(r.value for r in needed)) or "(none: unknown action)"
        raise PermissionDenied(f"{action} needs one of the roles {roles}; {hint}")

    def verify_state(self) -> int:
        """Check every sealed registry row (registry/seal.py); StateTampered names those changed outside intake."""
        with self.registry.session() as session:
            return require_state_intact(session, self.state_key.load())

    def require_trusted_state(self, actor: Actor, action: str) -> None:
        """Before deciding or reporting from registry state: a dataset edited to "deleted" would vanish from what is
        due and a deleted hold from what is held, so `action` is refused (audited, StateTampered) when any sealed
        row was changed outside intake."""
        try:
            self.verify_state()
        except StateTampered:
            self.record(actor, action, outcome="refused", reason="state_tampered")
            raise

    def record(self, actor: Actor, action: str, dataset_id: str | None = None, outcome: str = "ok",
               **details: Any) -> None:
        self.audit.record(actor.name, actor.role_label, action, outcome, dataset_id, details)

    def close(self) -> None:
        self.registry.dispose()


def record_refused_naming(url: str, named: str, os_account: str) -> None:
    """Server mode: audit that the service account (or root) named a person, as intake's own login, through the one
    function that login may call (server_roles.sql: intake_service_api.audit_refused_naming)."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT intake_service_api.audit_refused_naming(:named, :account)"),
                         {"named": named, "account": os_account})
    except SQLAlchemyError:
        pass  # a database without the function, or down: the refusal stands unrecorded
    finally:
        engine.dispose()


Step = TypeVar("Step", bound=Callable[..., Any])
# Arguments of a refused step that name what was asked for, and the detail they are recorded under (a key id by
# its first 16 characters, as everywhere).
_IDS = {"dataset_id": "dataset_id", "hold_id": "hold_id", "key_id_or_prefix": "key_id"}


def audits_refusals(action: str, errors: tuple[type[IntakeError], ...]) -> Callable[[Step], Step]:
    """Audit a step (its first argument the Context) refused with one of `errors`, after its permission check: by
    the error's type and the ids among its arguments, never the message (it may name a reference). `action` is
    formatted with the arguments ("{kind.value}_hold.place")."""

    def decorate(step: Step) -> Step:
        signature = inspect.signature(step)

        @wraps(step)
        def audited(ctx: Context, *args: Any, **kwargs: Any) -> Any:
            try:
                return step(ctx, *args, **kwargs)
            except errors as exc:
                given = signature.bind(ctx, *args, **kwargs).arguments
                ids = {name: str(given[arg])[:16 if name == "key_id" else 64]
                       for arg, name in _IDS.items() if given.get(arg) is not None}
                try:
                    role = ctx.actor().role_label
                except IntakeError:
                    role = "unknown"  # the refusal is what matters; the role is read again only to label it
                ctx.audit.record(ctx.actor_name, role, action.format(**given), REFUSED, ids.pop("dataset_id", None),
                                 {"reason": type(exc).__name__, **ids})
                raise

        return cast(Step, audited)

    return decorate
