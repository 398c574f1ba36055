"""`make demo` as a new user runs it: the shipped sample migrated end to end through the CLI, in a fresh home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_demo_migrates_the_sample_and_hands_the_package_over_outside_the_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INTAKE_", "PREFECT_API_URL"))}
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "demo.py")], capture_output=True, text=True,
                          env={**env, "INTAKE_HOME": str(home)}, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "audit log verified" in done.stdout
    handed_over = list((tmp_path / "home-demo" / "handover").glob("*/**/*.parquet"))
    assert {p.stem for p in handed_over} >= {"assets", "jobs"}
    assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in handed_over)
    assert not list(home.rglob("*.parquet"))  # nothing readable left in the home: the package stays encrypted
