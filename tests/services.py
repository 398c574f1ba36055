"""Real services for tests, started on loopback and stopped after: PostgreSQL and moto's S3/KMS server."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin() -> Path | None:
    for candidate in [shutil.which("initdb"), *sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)]:
        if candidate:
            return Path(candidate).resolve().parent
    return None


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a throwaway PostgreSQL cluster on 127.0.0.1; yield its SQLAlchemy URL."""
    bindir = postgres_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL binaries not found: apt-get install postgresql")
    root = Path(tempfile.mkdtemp(prefix="intake-pg-"))
    data = root / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root; Debian's package makes a postgres user
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(root, "postgres")
    port = free_port()
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "intake", "-A", "trust"],
                   check=True, capture_output=True)
    subprocess.run(
        [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(root / "log"),
         "-o", f"-h 127.0.0.1 -p {port} -k {root}", "start"],
        check=True, capture_output=True,
    )
    try:
        subprocess.run([*as_user, str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "intake",
                        "intake"], check=True, capture_output=True)
        yield f"postgresql+psycopg://intake@127.0.0.1:{port}/intake"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def empty_registry(url: str, logins: Iterable[str] = ()) -> None:
    """Make the PostgreSQL database at `url` empty for a new registry: intake's schemas dropped (the tables in
    public, the service's function in intake_service_api) and public made again; then the named logins dropped,
    which their grants on those schemas no longer hold back."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS intake_service_api CASCADE; DROP SCHEMA public CASCADE; "
                              "CREATE SCHEMA public"))
            for login in logins:
                conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
    finally:
        engine.dispose()


@dataclass(frozen=True)
class AwsEndpoint:
    url: str
    region: str = "eu-west-2"


@contextmanager
def moto_server() -> Iterator[AwsEndpoint]:
    """moto's threaded server on 127.0.0.1 over real HTTP, for S3 and KMS through boto3."""
    from moto.server import ThreadedMotoServer

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-2")
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    try:
        yield AwsEndpoint(f"http://127.0.0.1:{port}")
    finally:
        server.stop()


@dataclass
class Inbox:
    """What a local sink received: JSON bodies (webhook) or e-mail messages (SMTP)."""

    url: str
    received: list = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.received = []


@contextmanager
def webhook_receiver() -> Iterator[Inbox]:
    """An HTTP server on loopback that keeps every POSTed JSON body."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    inbox = Inbox(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            inbox.received.append(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    inbox.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield inbox
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def smtp_sink() -> Iterator[Inbox]:
    """An SMTP server (aiosmtpd) on loopback that keeps every message."""
    from email import message_from_bytes
    from email.policy import default

    from aiosmtpd.controller import Controller

    port = free_port()
    inbox = Inbox(url=f"127.0.0.1:{port}")

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            inbox.received.append(message_from_bytes(envelope.content, policy=default))
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
