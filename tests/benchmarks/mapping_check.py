"""`intake mapping check` over a generated export, as a customer's engineer runs it: in a new home, as an engineer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def mapping_check(tmp_path: Path, data_file: Path | Sequence[Path], mapping: Path) -> dict[str, Any]:
    """The JSON report of `intake mapping check MAPPING DATA_FILE...` (one file or several); fails with the CLI's
    stderr if it exits non-zero."""
    files = [str(data_file)] if isinstance(data_file, Path) else [str(f) for f in data_file]
    intake = str(Path(sys.executable).parent / "intake")
    env = {**os.environ, "INTAKE_HOME": str(tmp_path / "home"), "INTAKE_ACTOR": "admin1"}
    env.pop("INTAKE_CONFIG", None)
    for args in (["init"], ["users", "add", "eng1", "--role", "engineer"]):
        subprocess.run([intake, *args], env=env, cwd=tmp_path, check=True, capture_output=True)
    done = subprocess.run([intake, "--as", "eng1", "--json", "mapping", "check", str(mapping), *files,
                           "--rows", "1000"], env=env, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, Any] = json.loads(done.stdout)
    return report
