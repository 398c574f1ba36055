"""Users and their roles. The first `intake init` makes its caller the admin."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from intake.config import REGISTRY_FILE, Settings
from intake.context import Context, audits_refusals
from intake.errors import DatabaseRefused, NotFound, PermissionDenied, StateError
from intake.identity import SERVICE_ACTOR
from intake.registry.check import has_sealed_rows, has_state_events, seal_unsealed
from intake.registry.guarded import grant_role, revoke_role
from intake.registry.models import Role, User, UserRole

SERVICE_USER = SERVICE_ACTOR


@dataclass(frozen=True)
class UserView:
    name: str
    roles: list[str]
    active: bool


def _view(user: User) -> UserView:
    return UserView(user.name, sorted(r.role.value for r in user.roles), user.active)


def initialise(ctx: Context) -> UserView | None:
    """Create the home folders and, when there are no users yet, make the current actor admin; then create the
    vault's local key-encryption key if the home has none and no data key needs one (the only place besides
    `intake keys rotate-kek` that makes a KEK; a home whose key file is lost is refused, see `initialise_kek`) and
    the service's signing key (certificates, audit anchors)."""
    from intake.retention.certificates import load_service_key
    from intake.vault.keys import initialise_kek

    initialise_state_key(ctx)
    _version_rows(ctx)
    view = _first_admin(ctx)
    if view is not None or Role.ADMIN in ctx.actor().roles:
        _service_identity(ctx)
    initialise_kek(ctx)
    load_service_key(ctx.settings, create=True)  # signs deletion certificates and audit anchors from then on
    _owner_only(ctx.settings)
    return view


def _owner_only(settings: Settings) -> None:
    """The home (registry, keys, vault) is its owner's alone: other accounts reach it through sudo as the owner
    (intake.identity), never by reading the files.

    Modes set after the fact, not `private_files.create_new_file`: SQLite creates the registry and its write-ahead
    files, not intake. A home intake creates is 0700 from the start (registry.db.make_engine), so nothing in it is
    reachable by others at any moment; in a home folder made beforehand (an admin's mkdir) the new registry has the
    umask's mode until it is narrowed here."""
    settings.home.chmod(0o700)
    if settings.database_url is None:  # the embedded SQLite registry and its write-ahead files
        database = settings.home / REGISTRY_FILE
        for path in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))):
            if path.exists():
                path.chmod(0o600)


def _service_identity(ctx: Context) -> None:
    """The deletion service's own user (`INTAKE_ACTOR=intake-service` on the Prefect worker), holding the one role
    the scheduled sweep needs; created once, by init."""
    with ctx.registry.session() as session:
        if session.get(User, SERVICE_USER) is not None:
            return
        now = ctx.clock.now()
        user = User(name=SERVICE_USER, created_at=now, active=True)
        user.roles.append(UserRole(role=Role.SERVICE, granted_by=ctx.actor_name, granted_at=now))
        session.add(user)
    ctx.audit.record(ctx.actor_name, "admin", "users.add", details={"user": SERVICE_USER, "roles": ["service"]})


def _check_roles(name: str, roles: set[Role]) -> None:
    if name == SERVICE_USER and roles - {Role.SERVICE}:
        raise StateError(f"'{SERVICE_USER}' is the deletion service's identity: it holds the service role only")
    if name != SERVICE_USER and Role.SERVICE in roles:
        raise StateError(f"the service role belongs to '{SERVICE_USER}', which `intake init` creates; it is never "
                         "granted to a person")


def initialise_state_key(ctx: Context) -> bool:
    """Create the registry's state key when the home has none and no row was ever sealed with one; a home whose
    key is lost is refused, as a lost KEK is. A registry made before seals existed has its rows sealed here, once,
    by its admin (audited)."""
    if ctx.state_key.exists():
        return False
    engine = ctx.registry.engine
    if has_sealed_rows(engine) or has_state_events(engine):
        ctx.state_key.load()  # raises StateKeyMissing, naming the file to restore
    with Session(engine) as raw:  # column reads: no sealed row is loaded, so none is checked yet
        existing = raw.scalar(select(func.count()).select_from(User)) or 0
        admin = raw.scalar(select(func.count()).select_from(UserRole).where(
            UserRole.user_name == ctx.actor_name, UserRole.role == Role.ADMIN)) or 0
    if existing and not admin:
        raise PermissionDenied(f"sealing the rows of this existing registry needs its admin; '{ctx.actor_name}' "
                               "is not: the admin runs `intake init` once")
    ctx.state_key.create()
    if existing:
        with ctx.registry.session() as session:
            count = seal_unsealed(session)
        ctx.audit.record(ctx.actor_name, "admin", "state.sealed", details={"rows": count})
    return True


def _version_rows(ctx: Context) -> None:
    """Rows sealed before versions existed whose registry was upgraded while its state key was missing get their
    versions here, once the key is back (Registry.upgrade does it otherwise)."""
    adopted, left = ctx.registry.adopt_unversioned()
    if adopted or left:
        ctx.audit.record(ctx.actor_name, "admin", "state.versioned", details={"rows": adopted, "refused": left})


def _first_admin(ctx: Context) -> UserView | None:
    ctx.settings.home.mkdir(parents=True, exist_ok=True)
    with ctx.registry.session() as session:
        if (session.scalar(select(func.count()).select_from(User)) or 0) > 0:
            return None
        now = ctx.clock.now()
        user = User(name=ctx.actor_name, created_at=now, active=True)
        user.roles.append(UserRole(role=Role.ADMIN, granted_by=ctx.actor_name, granted_at=now))
        session.add(user)
        view = _view(user)
    ctx.audit.record(ctx.actor_name, "admin", "init", details={"created_admin": True})
    return view


class OwnRolesRefused(PermissionDenied):
    """An admin granted or revoked a role of their own: another admin does it (separation of duties, issue 19)."""


def _not_oneself(actor_name: str, name: str, role: Role, verb: str) -> None:
    """Nobody changes their own roles, on the embedded registry as in server mode (where the database refuses it
    too: deployments/postgres/server_roles.sql)."""
    if name == actor_name:
        change = f"`intake users {verb} {name} {role.value}`"
        raise OwnRolesRefused(f"nobody grants a role to themselves or revokes their own: another admin runs {change}"
                              f"; '{name}' cannot")


# Refusals a step decides itself are audited here; a missing permission is audited by Context.authorise.
_REFUSED = (DatabaseRefused, OwnRolesRefused, StateError, NotFound)


@audits_refusals("users.add", _REFUSED)
def add_user(ctx: Context, name: str, roles: list[Role]) -> UserView:
    actor = ctx.authorise("users.manage")
    with ctx.registry.session() as session:
        if session.get(User, name) is not None:
            raise StateError(f"user '{name}' already exists: use `intake users grant` to add roles")
        _check_roles(name, set(roles))
        now = ctx.clock.now()
        user = User(name=name, created_at=now, active=True)
        session.add(user)
        for role in sorted(set(roles), key=lambda r: r.value):
            grant_role(session, user, role, actor.name, now)
        view = _view(user)
    ctx.record(actor, "users.add", user=name, roles=view.roles)
    return view


@audits_refusals("users.grant", _REFUSED)
def grant(ctx: Context, name: str, role: Role) -> UserView:
    actor = ctx.authorise("users.manage")
    _not_oneself(actor.name, name, role, "grant")
    with ctx.registry.session() as session:
        user = _get(session, name)
        _check_roles(name, {role})
        if role not in {r.role for r in user.roles}:
            grant_role(session, user, role, actor.name, ctx.clock.now())
        session.flush()
        view = _view(user)
    ctx.record(actor, "users.grant", user=name, role=role.value)
    return view


@audits_refusals("users.revoke", _REFUSED)
def revoke(ctx: Context, name: str, role: Role) -> UserView:
    actor = ctx.authorise("users.manage")
    with ctx.registry.session() as session:
        user = _get(session, name)
        if role == Role.ADMIN and name == actor.name:
            others = session.scalar(
                select(func.count())
                .select_from(UserRole)
                .where(UserRole.role == Role.ADMIN, UserRole.user_name != name)
            )
            if not others:
                raise StateError("refusing to revoke the last admin: grant admin to another user first")
        _not_oneself(actor.name, name, role, "revoke")
        revoke_role(session, user, role)
        session.flush()
        view = _view(user)
    ctx.record(actor, "users.revoke", user=name, role=role.value)
    return view


def list_users(ctx: Context) -> list[UserView]:
    ctx.authorise("users.list")
    with ctx.registry.session() as session:
        users = session.scalars(select(User).options(selectinload(User.roles)).order_by(User.name)).all()
        return [_view(u) for u in users]


def _get(session, name: str) -> User:  # noqa: ANN001
    user = session.get(User, name)
    if user is None:
        raise NotFound(f"no user named '{name}': `intake users list` shows who exists")
    return user
