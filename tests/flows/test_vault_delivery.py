"""The import package of the embedded default is kept encrypted in the dataset's vault scope: nothing of it is
in plaintext anywhere in the intake home; `intake migration fetch` decrypts byte-identical files that verify
against the manifest into an owner-only folder; the sweep deletes the package with the dataset and lists it in
the certificate. A configured `delivery_path` still receives the plaintext package, as before."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from pathlib import Path

import pytest

from benchmarks.generator import generate_equiptrack
from intake.authorisation import AuthorisationWithdrawn, withdraw
from intake.errors import NotFound, PermissionDenied
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from intake.handover import fetch_package, open_package
from intake.product import verify_package
from intake.registry.models import ArtefactKind
from intake.retention import sweep, verify_certificate_file
from intake.vault import Vault
from tests.flows.packages import packages, read_package
from tests.flows.privacy import files_under

pytestmark = pytest.mark.usefixtures("flows_as")

WINDOW = 48  # bytes: long enough that a match is a copy, never chance


def windows(data: bytes, count: int = 6) -> list[bytes]:
    """Slices spread over a file, each varied enough (not a run of zeros or padding) to identify it."""
    step = max((len(data) - WINDOW) // count, 1)
    found = [data[at:at + WINDOW] for at in range(0, max(len(data) - WINDOW, 1), step)]
    return [w for w in found if len(w) == WINDOW and len(set(w)) >= 16][:count]


def holding(places: list[Path], needles: dict[str, list[bytes]]) -> list[tuple[str, str]]:
    """(package file, where) for each file under `places` holding a slice of a package file."""
    hits = []
    for path in files_under(*places):
        data = path.read_bytes()
        hits += [(name, str(path)) for name, slices in needles.items() if any(s in data for s in slices)]
    return hits


def run_migration(authorise, tmp_path: Path, seed: int = 6) -> tuple[str, str, dict]:
    export = generate_equiptrack(tmp_path / "export", assets=80, jobs=160, seed=seed)
    files = [str(p) for p in export.paths.values()]
    reference = authorise([Path(f) for f in files])
    dataset_id = receive_dataset_flow(authorisation=reference, files=files, actor="eve")["dataset_id"]
    return reference, dataset_id, migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)


def test_no_plaintext_package_at_rest_and_fetch_decrypts_it(ctx, as_user, authorise, tmp_path: Path) -> None:
    reference, dataset_id, summary = run_migration(authorise, tmp_path)
    assert summary["package"].startswith(f"vault:{dataset_id}/run-")
    assert packages(ctx, dataset_id) == [summary["package"]]  # nothing in the local delivery folder
    vault = Vault.from_context(ctx)
    stored = {a.name.split("/", 1)[1]: a for a in vault.artefacts(dataset_id, kind=ArtefactKind.OUTPUT)}

    eve = as_user("eve")
    target = tmp_path / "handover"
    handed = fetch_package(eve, dataset_id, target)
    manifest = verify_package(target)  # every file, size and SHA-256 of the plaintext as written
    fetched = {p.name: p.read_bytes() for p in target.iterdir()}
    assert handed["verified"] and handed["files"] == len(fetched) == len(stored) and handed["bytes"] > 0
    assert set(fetched) == {*manifest["contents"], "manifest.json"}
    assert (target.stat().st_mode & 0o777) == 0o700 and {p.stat().st_mode & 0o777 for p in target.iterdir()} == {
        0o600}
    # The vault recorded the same plaintext; reading in memory gives the same bytes.
    assert {n: a.plaintext_sha256 for n, a in stored.items()} == {
        n: hashlib.sha256(d).hexdigest() for n, d in fetched.items()}
    assert read_package(eve, dataset_id) == fetched

    # Nothing of the package is in plaintext anywhere in the home: not the manifest, not a slice of any file.
    needles = {name: windows(data) for name, data in fetched.items()}
    assert all(needles.values())
    needles["manifest.json"].append(fetched["manifest.json"])
    needles["format"] = [manifest["format"].encode()]  # written nowhere but in a manifest
    assert sorted({name for name, _ in holding([target], needles)}) == sorted(needles)  # the search finds them
    assert holding([ctx.settings.home], needles) == []

    # Only an engineer may open it, and only a package the dataset delivered.
    with pytest.raises(PermissionDenied):
        open_package(as_user("sam"), dataset_id)
    with pytest.raises(NotFound, match="not a delivered package"):
        open_package(eve, dataset_id, f"vault:{dataset_id}/run-forged")

    # The sweep deletes the package with the dataset and lists it in the certificate, which verifies offline.
    withdraw(as_user("dora"), reference, reason="customer withdrew consent by letter")
    report = sweep(as_user("dora"))
    assert [d.dataset_id for d in report.deleted] == [dataset_id]
    assert packages(ctx, dataset_id) == []
    body = verify_certificate_file(report.deleted[0].certificate_file, settings=ctx.settings)
    [listed] = body["deliveries"]
    assert listed["location"] == summary["package"] and listed["store"] == "vault" and listed["deleted"] is True
    assert listed["files"] == len(fetched) and listed["bytes"] == sum(len(d) for d in fetched.values())
    assert listed["manifest_sha256"] == hashlib.sha256(fetched["manifest.json"]).hexdigest()
    certified = {a["id"] for a in body["artefacts"] if a["kind"] == "output"}
    assert certified == {a.id for a in stored.values()}
    with pytest.raises(AuthorisationWithdrawn):
        fetch_package(eve, dataset_id, tmp_path / "late")
    assert not (tmp_path / "late").exists()


def test_a_configured_delivery_path_receives_the_plaintext_package(ctx, as_user, authorise, tmp_path: Path) -> None:
    """The product's import share, named by the operator: behaviour as before (owner-only folder, plaintext)."""
    ctx.settings.delivery_path = tmp_path / "import-share"
    _, dataset_id, summary = run_migration(authorise, tmp_path, seed=7)
    package = Path(summary["package"])
    assert package.parent == tmp_path / "import-share" / dataset_id
    assert verify_package(package)["dataset_id"] == dataset_id
    assert Vault.from_context(ctx).artefacts(dataset_id, kind=ArtefactKind.OUTPUT) == []
    opened = open_package(as_user("eve"), dataset_id)
    assert opened.location == str(package)
    assert json.loads(opened.read_bytes("manifest.json")) == json.loads((package / "manifest.json").read_bytes())


def test_every_package_is_listed_and_an_older_one_fetched_by_its_run(ctx, cli, clock, as_user, authorise,
                                                                    tmp_path: Path) -> None:
    """Two runs, two packages in the vault: both listed (CLI and `datasets show`), the older one handed over by a
    start of its run id, both named in the deletion certificate and listed as gone after the sweep."""
    reference, dataset_id, first = run_migration(authorise, tmp_path, seed=8)
    clock.advance(timedelta(hours=1))  # "newest first" by start time, as in real life
    second = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)
    old_run, new_run = first["run_id"], second["run_id"]
    assert first["package"] != second["package"]

    listed = cli("--json", "migration", "packages", dataset_id[:8], actor="sam")
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert [(r["run"], r["package"], r["store"], r["present"]) for r in rows] == [
        (new_run, second["package"], "vault", True), (old_run, first["package"], "vault", True)]
    assert all(r["files"] >= 2 and r["bytes"] > 0 for r in rows)
    shown = json.loads(cli("--json", "datasets", "show", dataset_id, actor="sam").stdout)
    assert shown["packages"] == rows
    assert "packages" in cli("datasets", "show", dataset_id, actor="sam").stdout  # the table too

    target = tmp_path / "older"
    fetched = cli("--json", "migration", "fetch", dataset_id, "--to", str(target), "--run", old_run[:8])
    assert fetched.exit_code == 0, fetched.output
    handed = json.loads(fetched.stdout)
    assert (handed["run"], handed["package"]) == (old_run, first["package"])
    assert read_package(as_user("eve"), dataset_id, first["package"]) == {
        p.name: p.read_bytes() for p in target.iterdir()}
    latest = json.loads(cli("--json", "migration", "fetch", dataset_id, "--to", str(tmp_path / "latest")).stdout)
    assert latest["run"] == new_run
    unknown = cli("migration", "fetch", dataset_id, "--to", str(tmp_path / "none"), "--run", "ffffffff")
    assert unknown.exit_code == 1 and "no delivered package" in unknown.stderr
    assert not (tmp_path / "none").exists()
    events = [e for e in json.loads(cli("--json", "audit", "list", actor="dora").stdout)
              if e["action"] == "migration.fetch" and e["outcome"] == "ok" and "target" in e.get("details", {})]
    assert [e["details"]["run"] for e in events] == [old_run, new_run]

    withdraw(as_user("dora"), reference, reason="customer withdrew consent by letter")
    report = sweep(as_user("dora"))
    body = verify_certificate_file(report.deleted[0].certificate_file, settings=ctx.settings)
    assert sorted((d["location"], d["store"], d["deleted"]) for d in body["deliveries"]) == sorted(
        [(first["package"], "vault", True), (second["package"], "vault", True)])
    # The copies handed over are named, not claimed deleted: intake cannot delete what the engineer took.
    assert [(h["run"], h["target"], h["by"]) for h in body["handed_over"]] == [
        (old_run, str(target), "eve"), (new_run, str(tmp_path / "latest"), "eve")]
    assert all(h["files"] == handed["files"] for h in body["handed_over"][:1])
    assert "outside intake's retention" in body["handed_over_note"]
    gone = json.loads(cli("--json", "migration", "packages", dataset_id, actor="dora").stdout)
    assert [(r["run"], r["present"], r["files"]) for r in gone] == [(new_run, False, 0), (old_run, False, 0)]
