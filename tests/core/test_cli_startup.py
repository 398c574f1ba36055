"""The CLI starts fast (issue 21): `intake --help`, `intake <group> --help` and local registry reads do not import
the pipeline's heavy libraries; commands import what they need when they run. An import check in a fresh
interpreter, not a timing assert (timings on a shared machine are noise); benchmarks/startup.sh measures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from intake.cli import app

# Never needed to print help or to read the registry: the flows, the data path, the cloud clients.
PIPELINE = ("prefect", "pyarrow", "duckdb", "spacy", "presidio_analyzer", "presidio_anonymizer", "boto3", "botocore",
            "numpy", "pandas", "intake.pipeline", "intake.flows", "intake.vault", "intake.connectors",
            "intake.anonymisation")
# Not needed for help either: the registry's libraries and the crypto primitives.
REGISTRY = ("sqlalchemy", "cryptography.hazmat.primitives.ciphers", "pydantic_settings", "intake.context",
            "intake.config", "intake.registry.models", "intake.authorisation", "intake.retention", "intake.users")

PROBE = """
import json, sys
sys.argv = ["intake", *json.loads(sys.argv[1])]
try:
    from intake.cli import main
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def loaded(args: list[str], home: Path) -> tuple[int, set[str]]:
    """Run `intake ARGS` in a fresh interpreter: its exit code and every module it imported."""
    env = {**os.environ, "INTAKE_HOME": str(home)}
    env.pop("INTAKE_CONFIG", None)
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, env=env,
                          check=False, timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def imported(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if n in modules or any(m.startswith(n + ".") for m in modules))


def test_import_and_help_load_neither_the_pipeline_nor_the_registry(tmp_path: Path) -> None:
    groups = sorted(group.name for group in app.registered_groups if group.name)
    assert {"users", "audit", "datasets", "migration", "retention"} <= set(groups)
    for args in ([], ["--help"], *([group, "--help"] for group in groups)):
        code, modules = loaded(args, tmp_path / "no-home")
        assert code in (0, 2), (args, code)  # no_args_is_help exits 2 after printing the help, as click does
        assert imported(modules, PIPELINE + REGISTRY) == [], args


@pytest.mark.parametrize("command", [["users", "list"], ["audit", "list"], ["retention", "list"],
                                     ["holds", "list"], ["datasets", "list"]])
def test_local_reads_do_not_load_the_pipeline(ctx, command: list[str]) -> None:
    """Reads of the registry import the registry's libraries, never Prefect, Arrow, DuckDB, spaCy or boto3."""
    code, modules = loaded(["--as", "ada", *command], ctx.settings.home)
    assert code == 0 and "sqlalchemy" in modules  # the command ran, against the registry
    assert imported(modules, PIPELINE[:10]) == []
