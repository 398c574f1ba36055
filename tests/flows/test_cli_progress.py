"""A migration run from the CLI shows a progress bar per stage on a terminal (the real command in a
pseudo-terminal), and nothing on a pipe."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from benchmarks.generator import generate_equiptrack
from intake.cli.progress import stage_progress
from intake.flows.receive import receive_dataset_flow

pytestmark = pytest.mark.usefixtures("flows_as")


def test_each_stage_shows_its_progress_on_a_terminal_and_nothing_on_a_pipe() -> None:
    from intake.flows.artifacts import Progress, counted, stage

    terminal, pipe = io.StringIO(), io.StringIO()
    with stage_progress(Console(file=terminal, force_terminal=True, width=140)):
        # a task reporting fractions of 4,000 rows
        writing = Progress("deliver-r1", "Writing the import package", 1000, unit="rows",
                           artifact="deliver-progress-d1", count_total=4000)
        writing.set_fraction(0.5)
        writing.finish()
        Progress("anonymise-r1", "Anonymising and re-scanning chunks", 4000, unit="rows").advance(1000)
        Progress("fingerprint-a1", "Fingerprinting the received files (SHA-256)", 3_000_000).advance(1_500_000)
        for _ in counted(["a", "b"], "profile-r1", "Profiling the columns", "tables", "profile-progress-d1"):
            pass
        with stage("terms-r1", "Pass 1: finding who is named anywhere"):
            pass
    shown = " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.getvalue()).split())
    # stage, bar, %, rows done / total, rate, elapsed and ETA
    assert re.search(r"Writing the import package \S+ 50% 2,000/4,000 rows 0:00:00", shown), shown
    assert re.search(r"Writing the import package \S+ 100% 4,000/4,000 rows [0-9,.]+ rows/s 0:00:00 0:00:00", shown)
    assert re.search(r"Anonymising and re-scanning chunks \S+ 25% 1,000/4,000 rows", shown), shown
    assert re.search(r"Fingerprinting the received files \(SHA-256\) \S+ 50% 1.5 MB/3.0 MB", shown), shown
    assert "1/2 tables" in shown and "2/2 tables" in shown
    assert "✓ Pass 1: finding who is named anywhere" in shown  # a stage with no count: its name and a spinner
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
    text = " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown).split())
    assert re.search(r"100% [0-9.]+ kB/[0-9.]+ kB", text), text[-2000:]  # bytes done / total


def test_intake_migration_run_in_a_terminal_draws_its_progress(ctx, authorise, tmp_path: Path) -> None:
    """The real command in a pseudo-terminal (what a person sees), against the session's Prefect test server."""
    import os
    import pty
    import select
    import subprocess
    import sys

    from prefect.settings import PREFECT_API_URL

    export = generate_equiptrack(tmp_path / "export", assets=1500, jobs=2500, seed=9)
    files = [str(p) for p in export.paths.values()]
    dataset_id = receive_dataset_flow(authorisation=authorise([Path(f) for f in files]), files=files,
                                      actor="eve")["dataset_id"]
    env = {**os.environ, "INTAKE_HOME": str(ctx.settings.home), "PREFECT_API_URL": str(PREFECT_API_URL.value()),
           "COLUMNS": "140", "TERM": "xterm"}
    env.pop("INTAKE_CONFIG", None)
    intake = str(Path(sys.executable).parent / "intake")
    primary, secondary = pty.openpty()
    process = subprocess.Popen([intake, "--as", "eve", "migration", "run", dataset_id, "--mapping", "equiptrack",
                                "--chunk-rows", "1000"],
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
    # The bar moved while the stage ran: a percentage strictly between 0 and 100, and a row count below the
    # total, were drawn for the anonymisation before its 100%.
    percents = [int(p) for p in re.findall(r"Anonymising and re-scanning chunks \S+ +(\d+)%", text)]
    assert 100 in percents and any(0 < p < 100 for p in percents[:percents.index(100)]), percents
    anonymised = re.findall(r"Anonymising and re-scanning chunks \S+ +\d+% ([0-9,]+)/([0-9,]+) rows", text)
    assert any(int(done.replace(",", "")) < int(total.replace(",", "")) for done, total in anonymised), anonymised
    assert {"Reading the received files into encrypted Parquet", "Profiling the columns (sample scan)",
            "Pass 1: finding who is named anywhere (dataset terms)", "Analysing the free text of the whole dataset",
            "Independent residual check", "Transforming, validating and writing the import package"} <= {
        line for line in re.findall(r"[✓⠀-⣿] ([A-Z][^━]+?) ━", text)}, text[-3000:]
    assert f"dataset {dataset_id} migrated" in text
