"""Data keys and the local KEK: a private key file, scope-bound wraps, and rotation that retires the old KEK."""

from __future__ import annotations

import json
import os
import shutil
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from intake.context import Actor, Context
from intake.errors import PermissionDenied
from intake.registry.audit_tables import AuditEvent
from intake.registry.models import ArtefactKind, DataKey
from intake.vault import KekForeign, KekMissing, KeyProviderError, LocalKeyProvider, Vault, rotate_kek


def test_the_key_file_is_created_by_init_with_mode_0600_and_used_by_the_vault(
    ctx: Context, vault: Vault, dataset_id: str, actor: Actor
) -> None:
    key_file = ctx.settings.key_file
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600  # made by `initialise` (the ctx fixture), not by use
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    body = json.loads(key_file.read_text())
    assert body["format"] == "intake-kek/1" and list(body["keys"]) == [body["current"]]
    assert list(body["checks"]) == [body["current"]] and len(body["checks"][body["current"]]) == 32
    created = [e for e in ctx.audit.events() if e.action == "vault.create_kek"]
    assert len(created) == 1 and json.loads(created[0].details)["kek_id"] == body["current"]
    vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "a.csv", b"x", actor)
    assert json.loads(key_file.read_text()) == body
    with ctx.registry.session() as session:
        row = session.get(DataKey, dataset_id)
        assert (row.provider, row.kek_id) == ("local", body["current"])
        assert len(row.wrapped_key) == 12 + 32 + 16


def test_a_key_file_readable_by_others_is_refused(ctx: Context, vault: Vault, dataset_id: str, actor: Actor) -> None:
    vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "a.csv", b"x", actor)
    ctx.settings.key_file.chmod(0o644)
    with pytest.raises(KeyProviderError, match=r"mode 0644.*chmod 600"):
        Vault(ctx).put(dataset_id, dataset_id, ArtefactKind.RAW, "b.csv", b"y", actor)


def test_a_missing_key_file_is_reported_not_silently_replaced(
    ctx: Context, vault: Vault, dataset_id: str, actor: Actor
) -> None:
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "a.csv", b"x", actor)
    ctx.settings.key_file.unlink()
    with pytest.raises(KekMissing, match=r"key-encryption key file .* is missing.*restore .* from the backup"):
        Vault(ctx).open(info.id, actor)
    assert not ctx.settings.key_file.exists()


def test_a_wrapped_key_moved_to_another_scope_does_not_unwrap(
    ctx: Context, vault: Vault, make_dataset, actor: Actor
) -> None:
    one, two = make_dataset(), make_dataset()
    info = vault.put(one, one, ArtefactKind.RAW, "a.csv", b"x", actor)
    vault.put(two, two, ArtefactKind.RAW, "b.csv", b"y", actor)
    with ctx.registry.session() as session:
        session.get(DataKey, one).wrapped_key = session.get(DataKey, two).wrapped_key
    with pytest.raises(KeyProviderError, match=f"data key of dataset {one} does not unwrap"):
        Vault(ctx).open(info.id, actor)


def test_rotate_kek_rewraps_every_live_key_and_the_old_key_file_is_no_longer_needed(
    ctx: Context, vault: Vault, make_dataset, actor: Actor, tmp_path: Path
) -> None:
    datasets = [make_dataset() for _ in range(3)]
    stored = {d: vault.put(d, d, ArtefactKind.RAW, "a.csv", os.urandom(9000), actor) for d in datasets}
    secret = vault.customer_secret("cust-1", actor)
    vault.shred(datasets[2], actor)  # destroyed keys stay destroyed
    old_file = tmp_path / "old-kek.key"
    shutil.copy2(ctx.settings.key_file, old_file)
    old_id = json.loads(old_file.read_text())["current"]

    assert rotate_kek(ctx) == 3  # two datasets and the customer secret's scope

    body = json.loads(ctx.settings.key_file.read_text())
    assert body["current"] != old_id and list(body["keys"]) == [body["current"]]
    assert stat.S_IMODE(ctx.settings.key_file.stat().st_mode) == 0o600
    with ctx.registry.session() as session:
        assert {k.scope: k.kek_id for k in session.query(DataKey).filter(DataKey.wrapped_key.is_not(None))} == {
            datasets[0]: body["current"], datasets[1]: body["current"], "customer:cust-1": body["current"]}
    fresh = Vault(ctx)
    for dataset in datasets[:2]:
        assert fresh.read_bytes(stored[dataset].id, actor) == vault.read_bytes(stored[dataset].id, actor)
    assert fresh.customer_secret("cust-1", actor) == secret

    # Someone holding the old key file (and today's registry) can no longer unwrap anything.
    shutil.copy2(old_file, ctx.settings.key_file)
    with pytest.raises(KekForeign, match=f"wrapped by KEK {body['current']}, which is not in"):
        Vault(ctx).open(stored[datasets[0]].id, actor)

    with ctx.registry.session() as session:
        event = session.query(AuditEvent).filter(AuditEvent.action == "vault.rotate_kek").one()
        assert json.loads(event.details)["rewrapped"] == 3 and event.outcome == "ok"


def test_an_interrupted_rotation_keeps_everything_readable_and_the_next_one_completes(
    ctx: Context, vault: Vault, dataset_id: str, actor: Actor
) -> None:
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "a.csv", b"x" * 5000, actor)
    LocalKeyProvider(ctx.settings.key_file).begin_rotation()  # crash right after adding the new KEK
    assert len(json.loads(ctx.settings.key_file.read_text())["keys"]) == 2
    assert Vault(ctx).read_bytes(info.id, actor) == b"x" * 5000
    assert rotate_kek(ctx) == 1
    assert len(json.loads(ctx.settings.key_file.read_text())["keys"]) == 1
    assert Vault(ctx).read_bytes(info.id, actor) == b"x" * 5000


def test_only_admins_may_rotate_the_kek(as_user) -> None:
    with pytest.raises(PermissionDenied, match=r"vault\.rotate_kek needs one of the roles admin"):
        rotate_kek(as_user("eve"))


def test_concurrent_first_writes_to_a_scope_share_one_data_key(
    ctx: Context, dataset_id: str, actor: Actor
) -> None:
    vaults = [Vault(ctx, chunk_size=4096) for _ in range(4)]

    def write(number: int) -> str:
        return vaults[number].put(dataset_id, dataset_id, ArtefactKind.RAW, f"f{number}.csv", bytes([number]) * 999,
                                  actor).id

    with ThreadPoolExecutor(4) as pool:
        ids = list(pool.map(write, range(4)))
    reader = Vault(ctx)
    assert [reader.read_bytes(i, actor) for i in ids] == [bytes([n]) * 999 for n in range(4)]
    with ctx.registry.session() as session:
        assert session.query(DataKey).count() == 1
