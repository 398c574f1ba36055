"""Tampering with stored objects is detected and names the artefact; nothing readable is ever left on disk."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from intake.context import Actor, Context
from intake.registry.audit_tables import AuditEvent
from intake.registry.models import Artefact, ArtefactKind
from intake.vault import ArtefactInfo, IntegrityError, Vault
from intake.vault.crypto import HEADER_SIZE, TAG_SIZE

CHUNK = 4096
SEALED = CHUNK + TAG_SIZE


def stored(vault: Vault, info: ArtefactInfo) -> Path:
    return Path(vault.store.describe(info.location))


@pytest.fixture
def artefact(vault: Vault, dataset_id: str, actor: Actor) -> ArtefactInfo:
    return vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "assets.csv", os.urandom(5 * CHUNK + 100), actor)


def read_all(vault: Vault, info: ArtefactInfo, actor: Actor) -> bytes:
    with vault.open(info.id, actor) as stream:
        return stream.read()


@pytest.mark.parametrize("position", [3, HEADER_SIZE + 10, HEADER_SIZE + 2 * SEALED + 7, -1])
def test_a_flipped_bit_anywhere_raises_an_integrity_error_naming_the_artefact(
    vault: Vault, artefact: ArtefactInfo, actor: Actor, position: int
) -> None:
    path = stored(vault, artefact)
    data = bytearray(path.read_bytes())
    data[position] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match=rf"artefact {artefact.id} \(assets.csv\) failed its integrity check"):
        read_all(vault, artefact, actor)


@pytest.mark.parametrize("cut", [SEALED, 1, 100 + TAG_SIZE])
def test_truncation_raises_an_integrity_error(
    vault: Vault, artefact: ArtefactInfo, actor: Actor, cut: int
) -> None:
    path = stored(vault, artefact)
    path.write_bytes(path.read_bytes()[:-cut])
    with pytest.raises(IntegrityError, match=artefact.id):
        read_all(vault, artefact, actor)


def test_a_truncated_object_that_still_looks_whole_fails_against_the_registry(
    ctx: Context, vault: Vault, dataset_id: str, actor: Actor
) -> None:
    # Even a validly sealed shorter object of the same artefact is refused: the registry knows the size.
    info = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "assets.csv", b"a" * 10_000, actor)
    with ctx.registry.session() as session:
        session.get(Artefact, info.id).plaintext_size = 20_000
    with pytest.raises(IntegrityError, match="registry recorded 20000"):
        vault.open(info.id, actor)


def test_swapped_chunks_raise_an_integrity_error_when_read(
    vault: Vault, artefact: ArtefactInfo, actor: Actor
) -> None:
    path = stored(vault, artefact)
    data = path.read_bytes()
    one = data[HEADER_SIZE + SEALED : HEADER_SIZE + 2 * SEALED]
    two = data[HEADER_SIZE + 2 * SEALED : HEADER_SIZE + 3 * SEALED]
    path.write_bytes(data[: HEADER_SIZE + SEALED] + two + one + data[HEADER_SIZE + 3 * SEALED :])
    with vault.open(artefact.id, actor) as stream:
        assert len(stream.read(CHUNK)) == CHUNK  # untouched chunk 0 still reads
        with pytest.raises(IntegrityError, match=rf"{artefact.id} .*chunk 1 of 6 does not authenticate"):
            stream.read()


def test_an_object_moved_over_another_artefact_or_into_another_dataset_is_refused(
    vault: Vault, make_dataset, actor: Actor
) -> None:
    one, two = make_dataset(), make_dataset()
    original = vault.put(one, one, ArtefactKind.RAW, "assets.csv", os.urandom(9000), actor)
    sibling = vault.put(one, one, ArtefactKind.RAW, "jobs.csv", os.urandom(9000), actor)
    elsewhere = vault.put(two, two, ArtefactKind.RAW, "assets.csv", os.urandom(9000), actor)
    shutil.copyfile(stored(vault, original), stored(vault, sibling))
    with pytest.raises(IntegrityError, match=rf"artefact {sibling.id} \(jobs.csv\)"):
        read_all(vault, sibling, actor)
    shutil.copyfile(stored(vault, original), stored(vault, elsewhere))
    with pytest.raises(IntegrityError, match=rf"artefact {elsewhere.id}"):
        read_all(vault, elsewhere, actor)


def test_an_artefact_relabelled_to_another_scope_does_not_decrypt_under_that_key(
    ctx: Context, vault: Vault, make_dataset, actor: Actor
) -> None:
    one, two = make_dataset(), make_dataset()
    info = vault.put(one, one, ArtefactKind.RAW, "assets.csv", b"x" * 5000, actor)
    vault.put(two, two, ArtefactKind.RAW, "other.csv", b"y", actor)  # gives dataset two a key
    with ctx.registry.session() as session:
        row = session.get(Artefact, info.id)
        row.scope, row.dataset_id = two, two
    with pytest.raises(IntegrityError, match=info.id):
        vault.open(info.id, actor)


def test_integrity_failures_are_audited_as_failed_reads(
    ctx: Context, vault: Vault, artefact: ArtefactInfo, actor: Actor
) -> None:
    path = stored(vault, artefact)
    data = bytearray(path.read_bytes())
    data[HEADER_SIZE + SEALED + 1] ^= 0x80
    path.write_bytes(bytes(data))
    with pytest.raises(IntegrityError):
        read_all(vault, artefact, actor)
    with ctx.registry.session() as session:
        events = session.query(AuditEvent).filter(AuditEvent.action == "vault.read").all()
        outcomes = [(e.outcome, json.loads(e.details).get("reason")) for e in events]
    assert ("failed", "integrity") in outcomes


MARKERS = ["Marjorie Quintrell-Vasquez", "07700 913842", "marjorie.q@example.nhs.uk", "943 476 5919"]


def test_no_plaintext_value_reaches_any_file_under_the_home_folder(
    ctx: Context, vault: Vault, dataset_id: str, actor: Actor
) -> None:
    rows = {"Equipment No": [f"EQ{i:06d}" for i in range(3000)],
            "Responsible Engineer": [MARKERS[i % 4] for i in range(3000)]}
    csv_bytes = "Equipment No,Responsible Engineer\n" + "".join(
        f"{a},{b}\n" for a, b in zip(rows["Equipment No"], rows["Responsible Engineer"], strict=True)
    )
    raw = vault.put(dataset_id, dataset_id, ArtefactKind.RAW, "assets.csv", csv_bytes.encode(), actor)
    with vault.open(raw.id, actor) as stream:
        table = pacsv.read_csv(stream)
    with vault.writer(dataset_id, dataset_id, ArtefactKind.INTERMEDIATE, "assets.parquet", actor) as writer:
        pq.write_table(table, writer, compression="NONE")  # uncompressed: markers would be visible if written
    with vault.open(writer.artefact.id, actor) as stream:
        assert pq.read_table(stream).column("Responsible Engineer").to_pylist() == rows["Responsible Engineer"]
    with vault.writer(dataset_id, dataset_id, ArtefactKind.REPORT, "report.txt", actor) as writer:
        writer.write("\n".join(MARKERS).encode("utf-16"))
    vault.customer_secret("cust-1", actor)

    files = [p for p in ctx.settings.home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".ikv" for p in files) and any(p.name.startswith("registry.db") for p in files)
    for path in files:
        content = path.read_bytes()
        for marker in MARKERS:
            for encoded in (marker.encode(), marker.encode("utf-16-le")):
                assert encoded not in content, f"plaintext found in {path}"
