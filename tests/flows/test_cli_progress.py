"""A migration run from the CLI shows a progress bar per stage on a terminal (the real command in a
pseudo-terminal), and nothing on a pipe."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from intake.cli.progress import stage_progress
from intake.flows.receive import receive_dataset_flow
from intake.generator import generate_equiptrack

pytestmark = pytest.mark.usefixtures("flows_as")


def test_each_stage_shows_its_progress_on_a_terminal_and_nothing_on_a_pipe() -> None:
    from intake.flows.artifacts import Progress

    terminal, pipe = io.StringIO(), io.StringIO()
    with stage_progress(Console(file=terminal, force_terminal=True, width=140)):
        reading = Progress("ingest-r1", "Reading the received files", 1000)
        reading.set_fraction(0.5)
        reading.finish()
        Progress("anonymise-r1", "Anonymising and re-scanning chunks", 4).advance(1)
    shown = terminal.getvalue()
    assert "Reading the received files" in shown and "100%" in shown
    assert "Anonymising and re-scanning chunks" in shown and "25%" in shown
    with stage_progress(Console(file=pipe, force_terminal=False)):
        Progress("ingest-r2", "Reading the received files", 10).finish()
    assert pipe.getvalue() == ""


def test_receiving_shows_fingerprinting_and_encrypting_by_bytes_on_a_terminal(authorise, tmp_path: Path) -> None:
    export = generate_equiptrack(tmp_path / "export", assets=30, jobs=60, seed=4)
    files = [str(p) for p in export.paths.values()]
    terminal = io.StringIO()
    with stage_progress(Console(file=terminal, force_terminal=True, width=140)):
        receive_dataset_flow(authorisation=authorise([Path(f) for f in files]), files=files, actor="eve")
    shown = terminal.getvalue()
    assert "Fingerprinting the received files (SHA-256)" in shown
    assert "Encrypting the received files into quarantine" in shown
    assert shown.count("100%") >= 2


def test_intake_migration_run_in_a_terminal_draws_its_progress(ctx, authorise, tmp_path: Path) -> None:
    """The real command in a pseudo-terminal (what a person sees), against the session's Prefect test server."""
    import os
    import pty
    import re
    import select
    import subprocess
    import sys

    from prefect.settings import PREFECT_API_URL

    export = generate_equiptrack(tmp_path / "export", assets=40, jobs=80, seed=9)
    files = [str(p) for p in export.paths.values()]
    dataset_id = receive_dataset_flow(authorisation=authorise([Path(f) for f in files]), files=files,
                                      actor="eve")["dataset_id"]
    env = {**os.environ, "INTAKE_HOME": str(ctx.settings.home), "PREFECT_API_URL": str(PREFECT_API_URL.value()),
           "COLUMNS": "140", "TERM": "xterm"}
    env.pop("INTAKE_CONFIG", None)
    intake = str(Path(sys.executable).parent / "intake")
    primary, secondary = pty.openpty()
    process = subprocess.Popen([intake, "--as", "eve", "migration", "run", dataset_id, "--mapping", "equiptrack"],
                               stdin=secondary, stdout=secondary, stderr=secondary, env=env, close_fds=True)
    os.close(secondary)
    shown = b""
    while True:
        ready, _, _ = select.select([primary], [], [], 240)
        if not ready:
            process.kill()
            raise AssertionError(f"no output for 240 s: {shown[-2000:]!r}")
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the command ended and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(60) == 0, shown[-3000:]
    drawn = shown.decode(errors="replace")
    assert drawn.count("\x1b[2K") >= 3  # lines drawn and redrawn in place, as a terminal shows them
    text = " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn).split())
    assert "Anonymising and re-scanning chunks" in text and "100%" in text
    assert f"dataset {dataset_id} migrated" in text
