"""Prefect runs offline and keeps no data: environment set before Prefect is imported, and the flows' Context.

Importing `intake.flows` (any module in it) applies `OFFLINE_ENVIRONMENT` first, so no analytics or
telemetry leave the machine and no task result is written to Prefect's result storage unless a task
asks for it (none that touches data does).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# Values win over Prefect's defaults; those not in ENFORCED give way to what an operator exported explicitly.
OFFLINE_ENVIRONMENT: dict[str, str] = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
    "PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS": "false",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    "PREFECT_TASKS_DEFAULT_PERSIST_RESULT": "false",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    # A CLI flow without `intake serve` starts Prefect's temporary API; on a busy 2-core machine that took more
    # than Prefect's default 20 s and the run failed before it began.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}

# These are about privacy, not preference: an operator cannot switch them back on by environment (an inherited
# DO_NOT_TRACK=0 or PREFECT_SERVER_ANALYTICS_ENABLED=true would otherwise send usage data off the machine).
ENFORCED = ("PREFECT_RESULTS_PERSIST_BY_DEFAULT", "PREFECT_TASKS_DEFAULT_PERSIST_RESULT", "PREFECT_LOGGING_LOG_PRINTS",
            "DO_NOT_TRACK", "PREFECT_SERVER_ANALYTICS_ENABLED", "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY")


def apply_offline_environment(environ: dict[str, str] | os._Environ[str] | None = None) -> None:
    env = os.environ if environ is None else environ
    for name, value in OFFLINE_ENVIRONMENT.items():
        if name in ENFORCED:
            env[name] = value
        else:
            env.setdefault(name, value)


apply_offline_environment()

# Libraries whose debug and info logs quote the text they analyse: never below WARNING in a flow process,
# whatever the root level, so Prefect's log handler (and any other) cannot receive a value.
QUOTING_LOGGERS = ("presidio-analyzer", "presidio-anonymizer", "presidio-structured")


def quiet_quoting_loggers() -> None:
    for name in QUOTING_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


quiet_quoting_loggers()

# Imported after the environment is set on purpose.
from intake import run_requests  # noqa: E402
from intake.audit import REFUSED  # noqa: E402
from intake.config import REGISTRY_FILE, Settings, discover_home, load_settings  # noqa: E402
from intake.context import Context  # noqa: E402
from intake.errors import ConfigError, PermissionDenied  # noqa: E402

ContextFactory = Callable[[str | None], Context]

_lock = threading.Lock()
_contexts: dict[tuple[str, str | None], Context] = {}
_factory: ContextFactory | None = None


def _default_context(actor: str | None) -> Context:
    """One Context per (configuration, actor) in this process: tasks reuse the registry engine. Never creates a
    registry (`require_registry`)."""
    settings = load_settings()
    # The dump hides the database password: the URL itself (hashed) tells two registries apart.
    key = (settings.model_dump_json() + hashlib.sha256(settings.registry_url.encode()).hexdigest(), actor)
    with _lock:
        ctx = _contexts.get(key)
        if ctx is None:
            require_registry(settings)
            ctx = Context(settings=settings, actor=actor, migrate=not any(k[0] == key[0] for k in _contexts))
            _contexts[key] = ctx
        return ctx


def require_registry(settings: Settings) -> None:
    """A flow or task process (a worker, a Dask worker) works on an existing registry: with no `database_url`
    and no registry in the home it found, it refuses, naming the home, rather than start an empty registry that
    knows no user and no dataset (only `intake init` creates one, as the CLI says)."""
    registry = settings.home / REGISTRY_FILE
    if settings.database_url is None and not registry.is_file():
        _, how = discover_home()
        raise ConfigError(
            f"no intake registry at {registry.resolve()} (home found by: {how}): this flow process looked for the "
            "home there and creates none. Set INTAKE_HOME (or INTAKE_CONFIG) in the worker's environment to the "
            "home `intake init` created, or set database_url"
        )


def flow_context(actor: str | None = None) -> Context:
    """The Context a flow or task runs in: from `use_context_factory` when set, else the environment.

    Tasks run on Dask workers build theirs from the environment (INTAKE_HOME / INTAKE_CONFIG), which the
    workers inherit from the process that started them.
    """
    factory = _factory
    if actor is not None and _deployment_run():
        actor = _deployment_actor(actor)
    return factory(actor) if factory is not None else _default_context(actor)


def _deployment_run() -> bool:
    from prefect.runtime import deployment

    return bool(deployment.id)


# Flow-run id -> the person its run request proved (run_requests.redeem), so that the run's tasks, which name
# that person, are not taken for a typed name.
_granted: dict[str, str] = {}


def _deployment_actor(actor: str) -> str:
    from prefect.runtime import flow_run

    run_id = str(flow_run.id)
    if actor.startswith(run_requests.PREFIX):
        with _lock:
            granted = _granted.get(run_id)
        if granted is None:
            granted = run_requests.redeem(_default_context(None), actor.removeprefix(run_requests.PREFIX),
                                          flow_run.flow_name, dict(flow_run.parameters), run_id)
            with _lock:
                _granted[run_id] = granted
        return granted
    with _lock:
        if _granted.get(run_id) == actor:
            return actor
    _refuse_named_actor(actor)
    return actor


def _refuse_named_actor(actor: str) -> None:
    """A run started from a deployment (the Prefect UI or API) acts as the worker's own identity: anyone who
    can reach the UI could type any name into an `actor` parameter, and nothing proves it. A person's run is
    requested with the intake CLI, whose identity the OS proves (intake.identity): the run then carries the
    recorded request's id, never a name (intake.run_requests)."""
    own = _default_context(None)
    if actor == own.actor_name:
        return
    own.audit.record(own.actor_name, own.actor().role_label, "flow.actor", REFUSED,
                     details={"reason": "a deployment run named another actor", "named": actor})
    raise PermissionDenied(
        f"a run started from a Prefect deployment acts as the worker's identity '{own.actor_name}', not as a "
        f"named actor ('{actor}'): start it with the intake CLI (e.g. `intake datasets receive`, "
        "`intake migration run [--on-worker]`), which runs as, or records a request by, the person the OS proved"
    )


@contextmanager
def use_context_factory(factory: ContextFactory) -> Iterator[None]:
    """Run flows in contexts made by `factory` (the CLI passes its own, honouring --as)."""
    global _factory
    previous, _factory = _factory, factory
    try:
        yield
    finally:
        _factory = previous


def anchor_run(flow: Any, flow_run: Any, state: Any) -> None:
    """Every flow's completion and failure hook: on a worker, the audit chain is anchored outside the registry
    when the run appended to it (intake.audit_anchor), as the CLI does where its commands end. A run started by
    the CLI uses the CLI's own contexts, which the command anchors as it ends. Prefect logs a hook that fails."""
    from intake.audit_anchor import write_anchor

    with _lock:
        registries: dict[str, list[Context]] = {}
        for (config, _actor), ctx in _contexts.items():
            registries.setdefault(config, []).append(ctx)
    for contexts in registries.values():
        appended = [ctx for ctx in contexts if ctx.registry.audit_appended]
        if appended:
            for ctx in appended[1:]:
                ctx.registry.audit_appended = False  # one anchor covers the registry's whole chain
            write_anchor(appended[0])


def forget_contexts() -> None:
    """Close cached contexts (their registry engines); the next task makes fresh ones."""
    with _lock:
        for ctx in _contexts.values():
            ctx.close()
        _contexts.clear()
