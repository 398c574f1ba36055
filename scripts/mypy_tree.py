"""Type-check the whole `intake` package with mypy: src/intake, connectors/, anonymisation/ and flows/.

    .venv/bin/python scripts/mypy_tree.py [extra mypy options]

setuptools installs four folders as one package (package-dir: src/intake -> intake, connectors/ ->
intake.connectors, anonymisation/ -> intake.anonymisation, flows/ -> intake.flows), a layout mypy cannot map:
it finds modules by folder on mypy_path, and the editable install's import hook is invisible to it. So this
script (re)creates build/mypy/intake, a link farm shaped like the installed package (a symlink for each entry
of src/intake plus connectors, anonymisation and flows), and runs mypy on it as `-p intake` with the
[tool.mypy] settings of pyproject.toml, whose mypy_path names the farm's root. mypy reports paths through the
farm; they are rewritten to the real files so that editors can jump to them. The same run checks
benchmarks.generator (benchmarks/generator, not installed: found from the project root, mypy's working
directory). The exit code is mypy's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FARM_ROOT = ROOT / "build" / "mypy"
PACKAGE = "intake"
CORE = ROOT / "src" / PACKAGE
# Subpackage name -> the top-level folder setuptools installs as intake.<name>.
SUBPACKAGES = {name: ROOT / name for name in ("connectors", "anonymisation", "flows")}
# Checked beside the package: the synthetic-export generator of the tests, benchmarks and examples.
TOOLING = ("benchmarks.generator",)


def build_farm() -> Path:
    """Recreate the link farm from scratch, so that files removed or renamed since the last run vanish from it."""
    farm = FARM_ROOT / PACKAGE
    if farm.is_symlink() or farm.is_file():
        farm.unlink()
    elif farm.exists():
        shutil.rmtree(farm)
    farm.mkdir(parents=True)
    for entry in sorted(CORE.iterdir()):
        if entry.name == "__pycache__":
            continue
        if entry.name in SUBPACKAGES:
            raise SystemExit(f"{entry} clashes with the top-level folder installed as {PACKAGE}.{entry.name}")
        (farm / entry.name).symlink_to(entry)
    for name, folder in SUBPACKAGES.items():
        (farm / name).symlink_to(folder, target_is_directory=True)
    return farm


def real_paths(text: str, farm: Path) -> str:
    """Rewrite farm paths (relative to ROOT, as mypy prints them when run from there) to the real files."""
    prefix = os.path.relpath(farm, ROOT) + os.sep
    core = os.path.relpath(CORE, ROOT) + os.sep
    for name, folder in SUBPACKAGES.items():
        text = text.replace(f"{prefix}{name}{os.sep}", os.path.relpath(folder, ROOT) + os.sep)
    return text.replace(prefix, core)


def main(argv: list[str] | None = None) -> int:
    farm = build_farm()
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        str(ROOT / "pyproject.toml"),
        *(sys.argv[1:] if argv is None else argv),
        "-p",
        PACKAGE,
        *(arg for name in TOOLING for arg in ("-p", name)),
    ]
    # MYPYPATH is searched before the config's mypy_path: make sure a stray one cannot shadow the farm.
    env = {**os.environ, "MYPYPATH": str(FARM_ROOT)}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    sys.stdout.write(real_paths(result.stdout, farm))
    sys.stderr.write(real_paths(result.stderr, farm))
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
