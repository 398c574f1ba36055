"""Audit anchors through the real CLI on SQLite: every command that changes the log anchors it, and `audit verify`
names the anchor a consistent rewrite of the whole chain (recomputed with intake's own hashing) or a cut of its end
disagrees with, although the chain on its own still verifies."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import delete, select
from typer.testing import CliRunner

from intake.audit import AuditLog
from intake.clock import SystemClock
from intake.registry.audit_tables import AuditEvent
from intake.registry.chain import GENESIS, event_hash
from intake.registry.db import Registry
from tests.conftest import invoke


def anchor_lines(home: Path) -> list[dict]:
    return [json.loads(line)["anchor"] for line in (home / "audit-anchors.jsonl").read_text().splitlines()]


def start(runner: CliRunner, tmp_path: Path) -> Path:
    """ada initialises and adds eve; eve tries to make herself admin and is refused (an audited refusal)."""
    assert invoke(runner, "init").exit_code == 0
    assert invoke(runner, "users", "add", "eve", "--role", "engineer").exit_code == 0
    assert invoke(runner, "users", "grant", "eve", "admin", actor="eve").exit_code == 1
    return tmp_path / "home"


FIELDS = ("at", "actor", "role", "action", "dataset_id", "outcome", "details")


def rewrite(home: Path, change: Callable[[list[dict]], list[dict]]) -> None:
    """What someone with write access to registry.db can do: rewrite the events, recomputing every hash with
    intake's own chain code, so that the chain verifies on its own."""
    registry = Registry(f"sqlite:///{home / 'registry.db'}")  # no state key: the raw table, as SQL would see it
    try:
        with registry.session() as session:
            events = change([{f: getattr(e, f) for f in FIELDS}
                             for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))])
            session.execute(delete(AuditEvent))
            prev = GENESIS
            for seq, event in enumerate(events, start=1):
                digest = event_hash(seq, *(event[f] for f in FIELDS), prev)
                session.add(AuditEvent(seq=seq, **event, prev_hash=prev, hash=digest))
                prev = digest
        assert AuditLog(registry, SystemClock()).verify().head_hash == prev  # invisible to the chain alone
    finally:
        registry.dispose()


def refusal(events: list[dict]) -> int:
    return next(i for i, e in enumerate(events) if e["outcome"] == "refused")


def verify(runner: CliRunner) -> str:
    result = invoke(runner, "audit", "verify", actor="ada")
    assert result.exit_code == 1, result.output
    return " ".join(result.output.split())


def test_each_command_that_changes_the_log_anchors_it_in_an_owner_only_file(runner: CliRunner, tmp_path: Path) -> None:
    home = start(runner, tmp_path)
    lines = anchor_lines(home)
    assert len(lines) == 3  # init, users add, the refusal: each command that appended anchored its head
    assert stat.S_IMODE((home / "audit-anchors.jsonl").stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "keys" / "service-ed25519.key").stat().st_mode) == 0o600
    registry = Registry(f"sqlite:///{home / 'registry.db'}")
    try:
        head = AuditLog(registry, SystemClock()).verify()
    finally:
        registry.dispose()
    assert lines[-1]["seq"] == head.events and lines[-1]["head_hash"] == head.head_hash
    assert invoke(runner, "users", "list").exit_code == 0  # reads only: nothing to anchor
    assert len(anchor_lines(home)) == 3
    ok = invoke(runner, "--json", "audit", "verify")
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["anchors"] == 3


def test_consistent_rewrite_of_the_whole_chain_is_named_by_the_anchor(runner: CliRunner, tmp_path: Path) -> None:
    home = start(runner, tmp_path)

    def blame_ada(events: list[dict]) -> list[dict]:
        events[refusal(events)]["actor"] = "ada"
        return events

    rewrite(home, blame_ada)
    said = verify(runner)
    assert "audit events up to" in said and "were rewritten after the anchor written at" in said, said
    assert "audit-anchors.jsonl line 3" in said, said  # the first anchor that saw the refusal


def test_erasing_an_event_and_renumbering_the_rest_is_named(runner: CliRunner, tmp_path: Path) -> None:
    home = start(runner, tmp_path)
    assert invoke(runner, "audit", "anchor", actor="ada").exit_code == 0

    def erase_refusal(events: list[dict]) -> list[dict]:
        del events[refusal(events)]
        return events

    rewrite(home, erase_refusal)
    said = verify(runner)
    # The anchor that saw the refusal names it (a later one would too: it is checked first, by sequence number).
    assert "were rewritten after the anchor written at" in said and "audit-anchors.jsonl line 3" in said, said


def test_tail_cut_is_named(runner: CliRunner, tmp_path: Path) -> None:
    home = start(runner, tmp_path)
    newest = anchor_lines(home)[-1]["seq"]

    def cut_refusal(events: list[dict]) -> list[dict]:
        return events[:refusal(events)]

    rewrite(home, cut_refusal)
    said = verify(runner)
    assert f"saw event {newest}: events were cut from its end" in said, said


def test_edited_anchor_file_is_named(runner: CliRunner, tmp_path: Path) -> None:
    home = start(runner, tmp_path)
    path = home / "audit-anchors.jsonl"
    lines = path.read_text().splitlines()
    document = json.loads(lines[-1])
    document["anchor"]["seq"] -= 1
    path.write_text("\n".join([*lines[:-1], json.dumps(document)]) + "\n")
    said = verify(runner)
    assert "line 3 was edited after it was signed" in said, said


def test_explicit_anchor_is_for_the_admin_or_dpo(runner: CliRunner, tmp_path: Path) -> None:
    home = start(runner, tmp_path)
    refused = invoke(runner, "audit", "anchor", actor="eve")
    assert refused.exit_code == 1 and "audit.anchor needs one of the roles admin, dpo" in refused.output
    done = invoke(runner, "--json", "audit", "anchor", actor="ada")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["seq"] == anchor_lines(home)[-1]["seq"]


def test_a_log_whose_anchors_were_removed_fails_verification_until_anchored_again(
        runner: CliRunner, tmp_path: Path) -> None:
    home = start(runner, tmp_path)
    (home / "audit-anchors.jsonl").unlink()
    result = invoke(runner, "audit", "verify")
    assert result.exit_code == 1 and "no signed anchor" in result.output
    assert invoke(runner, "audit", "anchor").exit_code == 0  # what an admin does for a home older than anchors
    assert invoke(runner, "audit", "verify").exit_code == 0


def test_a_lost_signing_key_is_never_replaced_silently(runner: CliRunner, tmp_path: Path) -> None:
    home = start(runner, tmp_path)
    (home / "keys" / "service-ed25519.key").unlink()
    added = invoke(runner, "users", "add", "fay", "--role", "support")
    assert added.exit_code == 0 and "audit anchor not written" in added.output  # the command is done, unanchored
    assert not (home / "keys" / "service-ed25519.key").exists()
    verify = invoke(runner, "audit", "verify")
    assert verify.exit_code == 1 and "no service signing key" in verify.output
