"""Crypto-shredding: once a scope's key is destroyed, nothing of it can be read, copies and backups included."""

from __future__ import annotations

import json
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from intake.context import Actor, Context
from intake.registry.audit_tables import AuditEvent
from intake.registry.models import ArtefactKind, DataKey
from intake.vault import KeyDestroyed, Vault
from intake.vault.scopes import scope_prefix


def test_shred_destroys_the_key_and_every_object_and_a_copy_kept_aside_stays_unreadable(
    ctx: Context, vault: Vault, make_dataset, actor: Actor, tmp_path: Path
) -> None:
    dataset_id, other = make_dataset(), make_dataset()
    raw = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "assets.csv", os.urandom(20_000), actor)
    out = vault.put(dataset_id, dataset_id, ArtefactKind.OUTPUT, "assets.parquet", os.urandom(5_000), actor)
    survivor = vault.put(other, other, ArtefactKind.RAW, "assets.csv", b"other dataset", actor)
    backup = tmp_path / "backup.ikv"
    shutil.copyfile(vault.store.describe(raw.location), backup)  # a backup taken before the deletion

    ctx.clock.advance(timedelta(days=1))
    report = vault.shred(dataset_id, actor)

    assert (report.scope, report.artefacts, report.objects_removed, report.already_shredded) == (
        dataset_id, 2, 2, False)
    assert report.key_destroyed_at == ctx.clock.now()
    with ctx.registry.session() as session:
        key = session.get(DataKey, dataset_id)
        assert key.wrapped_key is None and key.destroyed_at is not None
    assert not Path(vault.store.describe(raw.location)).exists()
    assert vault.artefacts(dataset_id) == []
    assert vault.verify_unreadable(dataset_id)

    # The backup is put back where it was: it still cannot be read, because its key is gone.
    restored = Path(vault.store.describe(raw.location))
    restored.parent.mkdir(parents=True)
    shutil.copyfile(backup, restored)
    for artefact in (raw, out):
        with pytest.raises(KeyDestroyed, match=rf"^dataset {dataset_id} was crypto-shredded on 2026-03-03; its data "
                                               "cannot be read$"):
            vault.open(artefact.id, actor)
    assert not vault.verify_unreadable(dataset_id)  # an object is present again (though undecryptable)
    # Other scopes are untouched.
    assert vault.read_bytes(survivor.id, actor) == b"other dataset"
    assert not vault.verify_unreadable(other)


def test_shred_is_idempotent_removes_leftovers_and_blocks_new_writes(
    ctx: Context, vault: Vault, dataset_id: str, actor: Actor
) -> None:
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "assets.csv", b"x" * 100, actor)
    first = vault.shred(dataset_id, actor)
    stray = Path(vault.store.describe(info.location))
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"leftover from an interrupted delete")
    second = vault.shred(dataset_id, actor)
    assert second.already_shredded and second.key_destroyed_at == first.key_destroyed_at
    assert second.objects_removed == 1 and vault.verify_unreadable(dataset_id)
    with pytest.raises(KeyDestroyed, match="crypto-shredded"):
        vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "late.csv", b"y", actor)
    assert vault.store.count(scope_prefix(dataset_id)) == 0


def test_a_scope_that_never_had_data_is_shredded_too(vault: Vault, dataset_id: str, actor: Actor) -> None:
    report = vault.shred(dataset_id, actor)
    assert (report.artefacts, report.objects_removed, report.already_shredded) == (0, 0, False)
    assert vault.verify_unreadable(dataset_id)
    with pytest.raises(KeyDestroyed):
        vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "a.csv", b"y", actor)


def test_verify_unreadable_is_false_while_the_key_lives(vault: Vault, dataset_id: str, actor: Actor) -> None:
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "assets.csv", b"x", actor)
    vault.delete_artefact(info.id, actor)
    assert not vault.verify_unreadable(dataset_id)  # objects gone, but the key could still open a copy


def test_shred_and_failed_reads_are_audited(ctx: Context, vault: Vault, dataset_id: str, actor: Actor) -> None:
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "assets.csv", b"x", actor)
    vault.shred(dataset_id, actor)
    with pytest.raises(KeyDestroyed):
        vault.open(info.id, actor)
    with ctx.registry.session() as session:
        events = [(e.action, e.outcome, e.dataset_id, json.loads(e.details))
                  for e in session.query(AuditEvent)
                  .filter(AuditEvent.action.like("vault.%"), AuditEvent.action != "vault.create_kek")  # by init
                  .order_by(AuditEvent.seq)]
    assert [e[:3] for e in events] == [("vault.write", "ok", dataset_id), ("vault.shred", "ok", dataset_id),
                                       ("vault.read", "failed", dataset_id)]
    assert events[1][3]["artefacts"] == 1 and events[1][3]["objects_removed"] == 1
    assert events[2][3]["reason"] == "key destroyed"
