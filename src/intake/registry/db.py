"""Engine creation and schema migrations for the registry database."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from intake.clock import Clock, SystemClock
from intake.errors import (
    ConfigError,
    DatabaseRefused,
    IntakeError,
    PermissionDenied,
    RegistryUnavailable,
    StateKeyMissing,
    StateTampered,
)
from intake.registry.acting import INSUFFICIENT_PRIVILEGE, act_as, record_refused_acting, require_acting, sqlstate
from intake.registry.chain import APPENDED
from intake.registry.seal import KeySource, install

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration's revision (tests/core/test_registry.py checks it against Alembic's own head). A registry
# already there is opened without importing Alembic, which costs a quarter of a second on every command.
SCHEMA_HEAD = "0007"
SQLITE_BUSY_MS = 30_000  # how long a command waits for another one's write lock before giving up
# A database server that cannot be reached is tried again after these pauses (7.5 s in all), each attempt bounded.
CONNECT_RETRY_DELAYS_S: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0)
CONNECT_TIMEOUT_S = 5


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_MS)}")
            cursor.close()

        return engine
    engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})

    @event.listens_for(engine, "do_connect")
    def _retry(dialect, _record, cargs, cparams):  # noqa: ANN001, ANN202
        # A database server restarting, failing over or still starting (a worker booted first) is back in
        # seconds: wait for it with back-off rather than fail the command or the scheduled sweep at once.
        for delay in (*CONNECT_RETRY_DELAYS_S, None):
            try:
                return dialect.connect(*cargs, **cparams)
            except dialect.loaded_dbapi.OperationalError as exc:
                if delay is None or not _transient(exc):
                    raise  # a wrong password or database name is no better in 7 s
                time.sleep(delay)
        raise AssertionError("unreachable")

    return engine


_TRANSIENT = ("refused", "timeout", "timed out", "starting up", "shutting down", "could not connect", "no route",
              "connection reset", "terminat", "server closed")


def _transient(exc: Exception) -> bool:
    said = str(exc).lower()
    return any(word in said for word in _TRANSIENT) and "authentication" not in said and "does not exist" not in said


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def at_head(engine: Engine) -> bool:
    """Whether the registry's schema is SCHEMA_HEAD already (no Alembic needed then)."""
    if not inspect(engine).has_table("alembic_version"):
        return False
    with engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [SCHEMA_HEAD]


def is_initialised(engine: Engine) -> bool:
    return inspect(engine).has_table("alembic_version")


class Registry:
    """The registry database: an engine plus a session factory.

    With a state key (as every command runs it, see context.py) the rows that decide what happens to customer
    data are sealed, versioned and recorded in the audit log when written, and checked when read (seal.py); without
    one (schema tests) they are not. `clock` dates the audit events those writes append.
    """

    def __init__(self, url: str, state_key: KeySource | None = None, clock: Clock | None = None,
                 actor: str = "intake", acting: str | None = None) -> None:
        self.url = url
        self.actor = actor  # who a refused row is recorded against: the actor last authorised (context.py)
        self.acting = acting  # server mode: the person every connection acts as (SET ROLE, acting.py)
        self._open = threading.local()
        self.engine = make_engine(url)
        if acting is not None:
            act_as(self.engine, acting)
            try:
                require_acting(self.engine, acting)  # refused now, saying what to do, rather than mid-command
            except OperationalError as exc:
                raise RegistryUnavailable(self._unavailable(exc)) from None
            except PermissionDenied:
                record_refused_acting(url, acting)
                raise
        self.state_key = state_key
        self.clock: Clock = clock or SystemClock()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.audit_appended = False  # an audit event was committed since the last anchor (audit_anchor.py)
        if state_key is not None:
            install(self._sessions, state_key, lambda: self.clock.now())

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends normally, rolled back on error."""
        depth = getattr(self._open, "depth", 0)
        self._open.depth = depth + 1
        try:
            with self._sessions() as session:
                try:
                    yield session
                    session.commit()
                    if session.info.pop(APPENDED, False):
                        self.audit_appended = True
                except OperationalError as exc:
                    session.rollback()
                    raise RegistryUnavailable(self._unavailable(exc)) from None
                except DBAPIError as exc:
                    session.rollback()
                    if self.acting is None or sqlstate(exc) != INSUFFICIENT_PRIVILEGE:
                        raise
                    raise DatabaseRefused(self._refused(exc)) from None
                except BaseException:
                    session.rollback()
                    raise
        except StateTampered as exc:
            if depth == 0:  # outermost: every session of this thread has rolled back, so no write lock is held
                self._audit_refused(exc)
            raise
        finally:
            self._open.depth = depth

    def _audit_refused(self, exc: StateTampered) -> None:
        """A row refused where it was loaded, by table and key; never at the cost of the refusal itself."""
        from intake.audit import REFUSED, AuditLog  # the audit log is built on this class

        if exc.audited or not exc.rows:
            return
        exc.audited = True
        # If the registry cannot take the record now, the refusal still stands and is reported.
        with suppress(IntakeError, SQLAlchemyError):
            AuditLog(self, self.clock).record(self.actor, "registry", "state.refused", REFUSED,
                                              details={"rows": [list(r) for r in exc.rows]})

    def _refused(self, exc: DBAPIError) -> str:
        # PostgreSQL's primary message names the table or the function's rule, never a statement's values.
        said = getattr(getattr(exc.orig, "diag", None), "message_primary", None) or "permission denied"
        return (f"the database refused this step for '{self.acting}': {said}. In server mode a person's rights are "
                "those of their database login (deployments/README.md, 'Server mode'); nothing was changed")

    def _unavailable(self, exc: OperationalError) -> str:
        """What went wrong, from the driver's message, without quoting it (it may hold a statement's values)."""
        said = str(exc.orig).lower() if exc.orig is not None else ""
        where = make_url(self.url).render_as_string(hide_password=True)
        if "locked" in said or "busy" in said:
            what = f"is locked by another intake process (waited {SQLITE_BUSY_MS / 1000:g} s)"
        elif "unable to open" in said or "readonly" in said or "read-only" in said:
            what = "cannot be opened or written (check the home folder's permissions and free space)"
        elif "connect" in said or "timeout" in said or "refused" in said or "terminat" in said:
            tries = len(CONNECT_RETRY_DELAYS_S) + 1
            what = (f"cannot be reached (tried {tries} times over {sum(CONNECT_RETRY_DELAYS_S):g} s: is the database "
                    "server up, and the URL right?)")
        else:
            what = f"failed with {type(exc.orig).__name__ if exc.orig is not None else 'OperationalError'}"
        return f"the registry {where} {what}; this step was rolled back: run the command again later"

    def upgrade(self) -> None:
        try:
            if not at_head(self.engine):
                if self.acting is not None:
                    raise ConfigError(
                        f"the registry's schema is older than this intake ({SCHEMA_HEAD}): in server mode the "
                        "administrator upgrades it with the owner's URL, `intake server init-db`")
                upgrade(self.engine)
                self.adopt_unversioned()
        except OperationalError as exc:  # the first contact with the database: say what is wrong with it
            raise RegistryUnavailable(self._unavailable(exc)) from None

    def adopt_unversioned(self) -> tuple[int, int]:
        """Version the rows sealed before versions existed, and seal the rows of tables sealed since (customers,
        0006) (check.adopt_unversioned), right after the upgrade that added them; `intake init` does it when the
        state key was missing then. Returns (adopted, left)."""
        from intake.registry.check import adopt_unversioned

        if self.state_key is None or not self._has_unversioned():
            return 0, 0
        try:
            key = self.state_key()
        except StateKeyMissing:
            return 0, 0  # the rows stay refused, saying so, until the key is restored and the admin runs init
        with self.session() as session:
            return adopt_unversioned(session, key)

    def _has_unversioned(self) -> bool:
        from intake.registry.check import has_unsealed_later
        from intake.registry.seal import SEALED

        with self.engine.connect() as conn:
            return any(conn.execute(select(m.seal).where(m.seal.is_not(None), m.version.is_(None))  # type: ignore[attr-defined]
                                    .limit(1)).first() for m in SEALED) or has_unsealed_later(conn)

    def dispose(self) -> None:
        self.engine.dispose()
