"""The vault on the local store: round trips, registry records, audit, seekable reads by real libraries."""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import stat
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from intake.config import Settings, VaultSettings
from intake.context import Actor, Context
from intake.errors import ConfigError, NotFound
from intake.registry.audit_tables import AuditEvent
from intake.registry.models import Artefact, ArtefactKind
from intake.vault import ArtefactInfo, ArtefactNotFound, KeyDestroyed, Vault, VaultError
from intake.vault.crypto import HEADER_SIZE, TAG_SIZE


def stored_path(vault: Vault, info: ArtefactInfo) -> Path:
    return Path(vault.store.describe(info.location))


def vault_events(ctx: Context, action: str) -> list[dict]:
    with ctx.registry.session() as session:
        rows = session.query(AuditEvent).filter(AuditEvent.action == action).order_by(AuditEvent.seq).all()
        return [{"outcome": r.outcome, "dataset_id": r.dataset_id, **json.loads(r.details)} for r in rows]


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 4097, 2 * 4096, 10 * 4096 + 123])
def test_put_and_open_round_trip_every_size_including_empty_and_chunk_boundaries(
    vault: Vault, dataset_id: str, actor: Actor, size: int
) -> None:
    plaintext = os.urandom(size)
    info = vault.put(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.RAW, name="assets.csv",
                     source=io.BytesIO(plaintext), actor=actor)
    chunks = max(1, -(-size // 4096))
    assert info.plaintext_size == size
    assert info.size == HEADER_SIZE + size + chunks * TAG_SIZE
    assert info.plaintext_sha256 == hashlib.sha256(plaintext).hexdigest()
    ciphertext = stored_path(vault, info).read_bytes()
    assert info.ciphertext_sha256 == hashlib.sha256(ciphertext).hexdigest()
    with vault.open(info.id, actor=actor) as stream:
        assert stream.read() == plaintext


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(min_value=0, max_value=40_000), offset=st.integers(min_value=0, max_value=41_000))
def test_random_sizes_round_trip_through_the_real_store_and_registry(
    vault: Vault, dataset_id: str, actor: Actor, size: int, offset: int
) -> None:
    plaintext = os.urandom(size)
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "f.bin", iter([plaintext[:size // 3],
                                                                               plaintext[size // 3:]]), actor)
    with vault.open(info.id, actor) as stream:
        assert stream.read() == plaintext
        stream.seek(offset)
        assert stream.read(5000) == plaintext[offset : offset + 5000]


def test_memory_stays_bounded_whatever_the_object_size(ctx: Context, dataset_id: str, actor: Actor) -> None:
    vault = Vault(ctx, chunk_size=1 << 20)
    total = 64 << 20
    digest = hashlib.sha256()

    def blocks():
        for _ in range(total // (1 << 20)):
            block = os.urandom(1 << 20)
            digest.update(block)
            yield block

    tracemalloc.start()
    try:
        info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "big.bin", blocks(), actor)
        _, write_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        check = hashlib.sha256()
        buffer = bytearray(256 * 1024)
        with vault.open(info.id, actor) as stream:
            while count := stream.readinto(buffer):
                check.update(memoryview(buffer)[:count])
        _, read_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert check.digest() == digest.digest() and info.plaintext_sha256 == digest.hexdigest()
    assert write_peak < 16 << 20 and read_peak < 8 << 20  # a few chunks, not the 64 MiB object


def test_every_kind_of_source_is_accepted(vault: Vault, dataset_id: str, actor: Actor, tmp_path: Path) -> None:
    data = os.urandom(20_000)
    path = tmp_path / "in.bin"
    path.write_bytes(data)
    sources = [data, io.BytesIO(data), path, iter([data[:7], b"", data[7:12_000], data[12_000:]])]
    for number, source in enumerate(sources):
        info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, f"file{number}", source, actor)
        assert vault.read_bytes(info.id, actor) == data


def test_writer_streams_and_records_the_artefact_on_a_clean_exit(
    ctx: Context, vault: Vault, dataset_id: str, actor: Actor
) -> None:
    with vault.writer(scope=dataset_id, dataset_id=dataset_id, kind=ArtefactKind.OUTPUT, name="out.bin",
                      actor=actor) as writer:
        for _ in range(10):
            writer.write(b"0123456789" * 1000)
        assert writer.tell() == 100_000
    info = writer.artefact
    assert info.name == "out.bin" and info.kind is ArtefactKind.OUTPUT and info.plaintext_size == 100_000
    assert [a.id for a in vault.artefacts(dataset_id)] == [info.id]
    with ctx.registry.session() as session:
        row = session.get(Artefact, info.id)
        assert (row.scope, row.dataset_id, row.store, row.created_by) == (dataset_id, dataset_id, "local", "ada")
        assert row.location == info.location and row.size == info.size


def test_an_error_inside_the_writer_leaves_no_object_and_no_record(
    vault: Vault, dataset_id: str, actor: Actor
) -> None:
    with pytest.raises(RuntimeError), vault.writer(dataset_id, dataset_id, ArtefactKind.OUTPUT, "x", actor) as writer:
        writer.write(os.urandom(50_000))
        raise RuntimeError("conversion failed")
    abandoned = vault.writer(dataset_id, dataset_id, ArtefactKind.OUTPUT, "y", actor)
    abandoned.write(b"half written")
    del abandoned
    gc.collect()
    assert vault.artefacts(dataset_id) == []
    assert vault.store.count(f"{dataset_id}/") == 0  # no temporary files left either


def test_unknown_dataset_and_bad_scope_are_refused_before_anything_is_written(vault: Vault, actor: Actor) -> None:
    with pytest.raises(NotFound, match="dataset nope is not in the registry"):
        vault.put("nope", "nope", ArtefactKind.RAW, "a.csv", b"x", actor)
    with pytest.raises(VaultError, match="invalid vault scope"):
        vault.put("../etc", None, ArtefactKind.RAW, "a.csv", b"x", actor)


def test_pyarrow_parquet_reads_a_table_directly_from_the_vault(vault: Vault, dataset_id: str, actor: Actor) -> None:
    table = pa.table({"asset": [f"EQ{i:06d}" for i in range(20_000)], "cost": [i * 1.5 for i in range(20_000)]})
    with vault.writer(dataset_id, dataset_id, ArtefactKind.INTERMEDIATE, "assets.parquet", actor) as writer:
        pq.write_table(table, writer, row_group_size=5000)
    with vault.open(writer.artefact.id, actor) as stream:
        assert pq.read_table(stream).equals(table)
    with vault.open(writer.artefact.id, actor) as stream:
        parquet = pq.ParquetFile(stream)
        assert parquet.metadata.num_row_groups == 4
        assert parquet.read_row_group(2).column("asset")[0].as_py() == "EQ010000"


def test_zipfile_and_openpyxl_read_members_directly_from_the_vault(
    vault: Vault, dataset_id: str, actor: Actor
) -> None:
    members = {f"dir/file{i}.txt": os.urandom(3000 + i * 1000) for i in range(5)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "export.zip", buffer.getvalue(), actor)
    with vault.open(info.id, actor) as stream, zipfile.ZipFile(stream) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in reversed(archive.namelist())} == members

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Jobs"
    sheet.append(["Job No", "Equipment No"])
    for number in range(200):
        sheet.append([f"J{number:07d}", f"EQ{number:06d}"])
    with vault.writer(dataset_id, dataset_id, ArtefactKind.RAW, "jobs.xlsx", actor) as writer:
        workbook.save(writer)
    with vault.open(writer.artefact.id, actor) as stream:
        loaded = openpyxl.load_workbook(stream, read_only=True)
        rows = list(loaded["Jobs"].iter_rows(values_only=True))
        loaded.close()
    assert rows[0] == ("Job No", "Equipment No") and rows[-1] == ("J0000199", "EQ000199") and len(rows) == 201


def test_writes_and_reads_are_audited_with_ids_and_sizes(
    ctx: Context, vault: Vault, dataset_id: str, actor: Actor
) -> None:
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "assets.csv", b"Equipment No\nEQ1\n", actor)
    vault.read_bytes(info.id, actor)
    (write,) = vault_events(ctx, "vault.write")
    assert write == {"outcome": "ok", "dataset_id": dataset_id, "artefact_id": info.id, "kind": "raw",
                     "name": "assets.csv", "scope": dataset_id, "store": "local", "size": info.size,
                     "plaintext_size": 17}
    (read,) = vault_events(ctx, "vault.read")
    assert read["artefact_id"] == info.id and read["outcome"] == "ok" and read["dataset_id"] == dataset_id
    ctx.audit.verify()


def test_stored_files_are_private_and_written_through_a_temporary_name(
    vault: Vault, dataset_id: str, actor: Actor
) -> None:
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "a.csv", os.urandom(10_000), actor)
    path = stored_path(vault, info)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_delete_artefact_removes_the_object_and_reads_then_fail(
    ctx: Context, vault: Vault, dataset_id: str, actor: Actor
) -> None:
    keep = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "keep.csv", b"k" * 100, actor)
    gone = vault.put(dataset_id, dataset_id, ArtefactKind.INTERMEDIATE, "gone.parquet", b"g" * 100, actor)
    assert vault.delete_artefact(gone.id, actor) == 1
    assert not stored_path(vault, gone).exists()
    assert [a.id for a in vault.artefacts(dataset_id)] == [keep.id]
    assert vault.info(gone.id).deleted_at == ctx.clock.now()
    assert {a.id for a in vault.artefacts(dataset_id, include_deleted=True)} == {keep.id, gone.id}
    with pytest.raises(ArtefactNotFound, match=rf"artefact {gone.id} \(gone.parquet\) was deleted on 2026-03-02"):
        vault.open(gone.id, actor)
    with pytest.raises(ArtefactNotFound, match="not in the registry"):
        vault.open("no-such-id", actor)
    assert vault.read_bytes(keep.id, actor) == b"k" * 100
    assert vault_events(ctx, "vault.delete")[0]["versions_removed"] == 1


def test_customer_secret_is_created_once_kept_encrypted_and_distinct_per_customer(
    ctx: Context, vault: Vault, actor: Actor
) -> None:
    first = vault.customer_secret("cust-1", actor)
    assert len(first) == 32
    again = Vault(ctx).customer_secret("cust-1", actor)  # another vault instance, e.g. another flow run
    assert again == first
    assert vault.customer_secret("cust-2", actor) != first
    (secret,) = vault.artefacts(scope="customer:cust-1")
    assert secret.kind is ArtefactKind.SECRET and secret.dataset_id is None
    assert first not in stored_path(vault, secret).read_bytes()
    vault.shred("customer:cust-1", actor)
    with pytest.raises(KeyDestroyed, match="customer cust-1 was crypto-shredded on 2026-03-02"):
        vault.customer_secret("cust-1", actor)


def test_artefacts_filters_by_dataset_scope_and_kind(
    vault: Vault, make_dataset, actor: Actor
) -> None:
    one, two = make_dataset(), make_dataset()
    raw = vault.put(one, one, ArtefactKind.RAW, "a.csv", b"1", actor)
    out = vault.put(one, one, ArtefactKind.OUTPUT, "a.parquet", b"2", actor)
    other = vault.put(two, two, ArtefactKind.RAW, "b.csv", b"3", actor)
    assert [a.id for a in vault.artefacts(one)] == [raw.id, out.id]
    assert [a.id for a in vault.artefacts(one, kind=ArtefactKind.OUTPUT)] == [out.id]
    assert [a.id for a in vault.artefacts(scope=two)] == [other.id]
    assert vault.info(raw.id) == raw


def test_an_incomplete_store_or_provider_configuration_says_which_setting_to_set(ctx: Context) -> None:
    for vault_settings, setting in [({"store": "s3"}, "INTAKE_VAULT__S3_BUCKET"),
                                    ({"key_provider": "kms"}, "INTAKE_VAULT__KMS_KEY_ID")]:
        settings = Settings(home=ctx.settings.home, vault=VaultSettings(**vault_settings))
        other = Context(settings=settings, actor="ada", clock=ctx.clock, registry=ctx.registry, migrate=False)
        with pytest.raises(ConfigError, match=setting):
            Vault.from_context(other)
