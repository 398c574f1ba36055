"""The e2e benchmark's child processes: each measured part runs as `e2e.py --phase NAME` in a process of its own,
and the parent samples the memory of that process's whole tree (main process, workers, Prefect's API server)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from e2e_flows import ENGINEER

# The script whose --phase option runs a phase: this module is imported by it, never run itself.
SCRIPT = Path(__file__).resolve().with_name("e2e.py")
SAMPLE_INTERVAL = 0.2


class TreeMemory(threading.Thread):
    """Samples the RSS of a process and all its descendants; the sum is what the run holds in memory."""

    def __init__(self, pid: int, interval: float = SAMPLE_INTERVAL) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, float, float, float, float, int]] = []  # t, total, no server, main, workers, n
        self._stop_event = threading.Event()
        self._kinds: dict[int, str] = {}

    def kind(self, proc: Any) -> str:
        if proc.pid not in self._kinds:
            try:
                command = " ".join(proc.cmdline())
            except Exception:
                command = ""
            self._kinds[proc.pid] = ("main" if proc.pid == self.pid else
                                     "prefect_server" if "prefect.server" in command else "workers")
        return self._kinds[proc.pid]

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop_event.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            by_kind: Counter[str] = Counter()
            for proc in procs:
                try:
                    by_kind[self.kind(proc)] += proc.memory_info().rss
                except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                    continue
            mb = {k: v / 2**20 for k, v in by_kind.items()}
            total = sum(mb.values())
            self.samples.append((time.time(), total, total - mb.get("prefect_server", 0.0), mb.get("main", 0.0),
                                 mb.get("workers", 0.0), len(procs)))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)

    def peak(self, column: int, window: list[float] | None = None) -> float:
        values = [s[column] for s in self.samples if window is None or window[0] <= s[0] <= window[1]]
        return round(max(values), 1) if values else 0.0

    def summary(self, windows: dict[str, list[float]]) -> dict[str, Any]:
        return {
            "peak_total_mb": self.peak(1),
            "peak_without_prefect_server_mb": self.peak(2),
            "peak_main_process_mb": self.peak(3),
            "peak_worker_processes_mb": self.peak(4),
            "max_processes": max((s[5] for s in self.samples), default=0),
            "samples": len(self.samples),
            "interval_seconds": self.interval,
            "peak_without_prefect_server_by_stage_mb": {k: self.peak(2, w) for k, w in windows.items()},
        }

    def timeseries(self, points: int = 600) -> list[list[float]]:
        """At most `points` samples (the max of each bin), seconds from the first sample."""
        if not self.samples:
            return []
        t0 = self.samples[0][0]
        step = max(1, len(self.samples) // points)
        out = []
        for i in range(0, len(self.samples), step):
            chunk = self.samples[i:i + step]
            out.append([round(chunk[0][0] - t0, 2), *(round(max(s[i] for s in chunk), 1) for i in (1, 2, 3, 4))])
        return out


def child_env(home: Path, args: argparse.Namespace) -> dict[str, str]:
    """The child's environment: this benchmark's intake home and Prefect home, nothing of the operator's.

    Dask workers inherit it, so settings given here hold for every task wherever it runs.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INTAKE_", "PREFECT_"))}
    env.update({"INTAKE_HOME": str(home), "INTAKE_ACTOR": ENGINEER, "PREFECT_HOME": str(home / "prefect"),
                "PREFECT_LOGGING_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"})
    if args.processes:
        env["INTAKE_ANONYMISATION__PROCESSES"] = str(args.processes)
    if args.rescan_threshold is not None:
        env["INTAKE_ANONYMISATION__RESCAN_THRESHOLD"] = str(args.rescan_threshold)
    return env


def run_child(phase: str, config: dict[str, Any], workdir: Path, env: dict[str, str] | None = None,
              sample: bool = False) -> tuple[dict[str, Any], TreeMemory | None]:
    """Run a phase of this script in a new process (memory sampled if asked); returns its JSON result."""
    workdir.mkdir(parents=True, exist_ok=True)
    config_path, result_path = workdir / f"{phase}.config.json", workdir / f"{phase}.result.json"
    log_path = workdir / f"{phase}.log"
    result_path.unlink(missing_ok=True)
    config_path.write_text(json.dumps({**config, "result": str(result_path)}))
    with log_path.open("w") as log:
        proc = subprocess.Popen([sys.executable, str(SCRIPT), "--phase", phase,
                                 "--config", str(config_path)], cwd=workdir, env=env or os.environ.copy(),
                                stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeMemory(proc.pid) if sample else None
        if sampler:
            sampler.start()
        code = proc.wait()
        if sampler:
            sampler.stop()
    if code != 0 or not result_path.is_file():
        tail = log_path.read_text(errors="replace").splitlines()[-40:]
        raise SystemExit(f"phase {phase} failed (exit {code}); last lines of {log_path}:\n" + "\n".join(tail))
    return json.loads(result_path.read_text()), sampler
