"""Offline: the analyzer runs with no network at all, and tldextract never fetches or caches a suffix list."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SCRIPT = textwrap.dedent("""
    import socket, sys
    attempts = []
    real_connect = socket.socket.connect
    def refuse(self, address):
        attempts.append(address)
        raise OSError("network disabled by the test")
    socket.socket.connect = refuse
    socket.create_connection = lambda *a, **k: refuse(None, a[0] if a else None)
    from intake.anonymisation import DetectorConfig, TextDetector
    from intake.anonymisation.engine import build_analyzer
    import tldextract
    detector = TextDetector(DetectorConfig())
    text = "Mail jane.doe@example.co.uk or see https://www.example.org/x, phone 0113 496 0123"
    found = {f.entity_type for f in detector.analyze([text])[0]}
    plain = tldextract.extract("www.bbc.co.uk")  # the module-level extractor Presidio's own recognizer uses
    results = build_analyzer().analyze(text, language="en")
    print(sorted(found), plain.suffix, len(results), len(attempts))
    sys.exit(0 if not attempts and "EMAIL_ADDRESS" in found and plain.suffix == "co.uk" else 1)
""")


def run_offline(home: Path, use_unshare: bool) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")}
    cmd = [sys.executable, "-c", SCRIPT]
    if use_unshare:
        cmd = ["unshare", "--net", *cmd]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.slow
def test_analyzer_and_tldextract_work_without_network(tmp_path: Path) -> None:
    can_unshare = shutil.which("unshare") is not None and os.geteuid() == 0
    result = run_offline(tmp_path, can_unshare)
    if can_unshare and result.returncode != 0 and "unshare" in result.stderr:
        result = run_offline(tmp_path, False)  # no permission for a network namespace: socket guard only
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert not list((tmp_path / "cache").rglob("*tldextract*"))  # nothing fetched, nothing cached


def test_the_spacy_model_is_loaded_once_per_process() -> None:
    from intake.anonymisation.engine import load_nlp_engine
    from intake.config import AnonymisationSettings

    model = AnonymisationSettings().spacy_model
    assert load_nlp_engine(model) is load_nlp_engine(model)  # every analyzer of the process shares it
