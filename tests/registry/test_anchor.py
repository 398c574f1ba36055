"""Audit anchors over a real file and a real Ed25519 key: a rewrite, a cut and an edited anchor are named."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake.errors import AuditChainBroken
from intake.registry.anchor import (
    Anchor,
    append_local,
    read_local,
    sign_anchor,
    verify_chain_against_anchors,
)
from intake.registry.chain import GENESIS, event_hash
from intake.retention.certificates import ServiceKey

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def chain(actions: list[str]) -> list[str]:
    hashes, prev = [], GENESIS
    for seq, action in enumerate(actions, start=1):
        prev = event_hash(seq, T0 + timedelta(minutes=seq), "ops", "admin", action, None, "ok", "{}", prev)
        hashes.append(prev)
    return hashes


def anchored(tmp_path: Path, hashes: list[str]) -> tuple[ServiceKey, Path]:
    key = ServiceKey(Ed25519PrivateKey.generate(), tmp_path / "service-signing.key")
    path = tmp_path / "audit-anchors.jsonl"
    for seq in (2, len(hashes)):
        append_local(path, sign_anchor(key, Anchor(seq, hashes[seq - 1], T0 + timedelta(hours=seq), "reg-1")))
    return key, path


def check(key: ServiceKey, path: Path, hashes: list[str]) -> None:
    anchors = list(read_local(path, key.public_key))
    verify_chain_against_anchors(anchors, "reg-1", len(hashes), lambda seq: hashes[seq - 1])


def test_intact_chain_passes_and_reports(tmp_path: Path) -> None:
    hashes = chain(["a", "b", "c", "d"])
    key, path = anchored(tmp_path, hashes)
    report = verify_chain_against_anchors(
        list(read_local(path, key.public_key)), "reg-1", 4, lambda seq: hashes[seq - 1]
    )
    assert report.anchors == 2 and report.newest_at == T0 + timedelta(hours=4)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_consistent_rewrite_is_named(tmp_path: Path) -> None:
    hashes = chain(["a", "b", "c", "d"])
    key, path = anchored(tmp_path, hashes)
    rewritten = chain(["a", "forged", "c", "d"])  # every hash recomputed, as an attacker would
    named = r"audit events up to 2 were rewritten after the anchor written at .* \(anchor file .* line 1\)"
    with pytest.raises(AuditChainBroken, match=named):
        check(key, path, rewritten)


def test_tail_cut_is_named(tmp_path: Path) -> None:
    hashes = chain(["a", "b", "c", "d"])
    key, path = anchored(tmp_path, hashes)
    with pytest.raises(AuditChainBroken, match=r"ends at event 3 .* saw event 4"):
        check(key, path, hashes[:3])


def test_edited_anchor_line_is_named(tmp_path: Path) -> None:
    hashes = chain(["a", "b", "c", "d"])
    key, path = anchored(tmp_path, hashes)
    lines = path.read_text().splitlines()
    document = json.loads(lines[1])
    document["anchor"]["seq"] = 3
    path.write_text(lines[0] + "\n" + json.dumps(document) + "\n")
    with pytest.raises(AuditChainBroken, match="line 2 was edited after it was signed"):
        check(key, path, hashes)


def test_anchor_signed_by_another_key_is_named(tmp_path: Path) -> None:
    hashes = chain(["a", "b", "c", "d"])
    _, path = anchored(tmp_path, hashes)
    other = ServiceKey(Ed25519PrivateKey.generate(), tmp_path / "other.key")
    with pytest.raises(AuditChainBroken, match="not the service key"):
        check(other, path, hashes)


def test_anchor_holds_only_counts_hashes_time_and_registry(tmp_path: Path) -> None:
    hashes = chain(["a", "b", "c", "d"])
    _, path = anchored(tmp_path, hashes)
    body = json.loads(path.read_text().splitlines()[0])["anchor"]
    assert set(body) == {"format", "seq", "head_hash", "at", "registry", "service_key_id"}


def test_anchor_of_another_chain_is_never_skipped(tmp_path: Path) -> None:
    """An anchor location holds one registry's anchors: rewriting event 1 (the registry's identity) does not
    make the anchors someone else's and so silently ignored."""
    hashes = chain(["a", "b", "c", "d"])
    key, path = anchored(tmp_path, hashes)
    anchors = list(read_local(path, key.public_key))
    with pytest.raises(AuditChainBroken, match=r"is for the audit chain whose first event is .* event 1 was rewritten"):
        verify_chain_against_anchors(anchors, "reg-2", len(hashes), lambda seq: hashes[seq - 1])
