"""`intake.vault` loads its names on first use: the Ed25519 module (certificates, anchors, signatures) comes without
the ciphers, the key ring and botocore, and the built-in key providers and stores are found by name all the same."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import intake.vault

HEAVY = ("botocore", "boto3", "intake.vault.keys", "intake.vault.crypto", "intake.vault.vault", "intake.vault.kms",
         "intake.vault.s3_store", "intake.vault.local_store")

PROBE = """
import json, sys
from intake.config import Settings
from intake.vault import ed25519
import intake.retention.certificates
before = sorted(sys.modules)
from intake.vault.providers import KEY_PROVIDERS, provider_from_settings
from intake.vault.stores import STORES, store_from_settings
settings = Settings(home=sys.argv[1])
built = [type(provider_from_settings("local", settings)).__name__,
         type(store_from_settings("local", settings)).__name__]
print(json.dumps({"before": before, "providers": sorted(KEY_PROVIDERS), "stores": sorted(STORES), "built": built,
                  "after": sorted(sys.modules)}))
"""


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if n in modules or any(m.startswith(n + ".") for m in modules)]


def test_ed25519_comes_alone_and_the_built_ins_load_when_first_used(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True, check=True,
                          timeout=120)
    report = json.loads(done.stdout)
    assert _loaded(report["before"], HEAVY) == []
    assert (report["providers"], report["stores"]) == (["kms", "local"], ["local", "s3"])  # before their modules
    assert report["built"] == ["LocalKeyProvider", "LocalStore"]
    assert _loaded(report["after"], ("botocore", "intake.vault.kms", "intake.vault.s3_store")) == []


def test_every_exported_name_is_its_modules_own() -> None:
    for name in intake.vault.__all__:
        assert getattr(intake.vault, name) is not None
    for name, module in intake.vault._LAZY.items():
        assert getattr(intake.vault, name) is getattr(importlib.import_module(f"intake.vault.{module}"), name)
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        intake.vault.Nothing  # noqa: B018


def test_the_lazy_names_are_the_names_type_checkers_see() -> None:
    # Type checkers see only the TYPE_CHECKING imports (the module's __getattr__ is hidden from them, so that a
    # misspelt name fails type checking): they must name what _LAZY loads, each from the same module.
    tree = ast.parse(Path(intake.vault.__file__).read_text(encoding="utf-8"))
    [block] = [node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"]
    seen = {alias.name: node.module.removeprefix("intake.vault.") for node in block.body
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("intake.vault.")
            for alias in node.names}
    assert seen == intake.vault._LAZY
