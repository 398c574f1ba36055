"""A customer drafts and signs an authorisation without an account, a registry or our software to sign: the
manifest from `intake authorisation draft`, the key and the signature from plain `openssl`
(docs/authorisation.md); the vendor's admin trusts the key after reading its fingerprint back, and the
authorisation registers and covers the files."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

from intake.authorisation.sample import one_page_pdf
from tests.authorisation.conftest import CUSTOMER
from tests.authorisation.test_cli import ok, refused
from tests.conftest import invoke

DOCS = Path(__file__).resolve().parents[2] / "docs" / "authorisation.md"


def openssl(*args: str | Path) -> bytes:
    assert shutil.which("openssl"), "openssl is needed (Debian's openssl package)"
    return subprocess.run(["openssl", *map(str, args)], check=True, capture_output=True).stdout


def test_a_customer_drafts_and_signs_with_openssl_only_and_the_authorisation_registers(
        runner, tmp_path: Path, monkeypatch) -> None:
    customer = tmp_path / "customer"
    customer.mkdir()
    export = [customer / "assets.csv", customer / "jobs.csv"]
    export[0].write_text("AssetID,Tag\n1,A-1\n")
    export[1].write_text("JobID,AssetID\n9,1\n")
    letter = customer / "signed-letter.pdf"
    letter.write_bytes(one_page_pdf(["We authorise the transfer of assets.csv and jobs.csv."]))

    # The customer's side: no intake home exists, and drafting creates none.
    monkeypatch.chdir(customer)
    manifest = customer / "manifest.yaml"
    until = (date.today() + timedelta(days=90)).isoformat()
    draft = ["authorisation", "draft", *export, "--evidence", letter, "--customer", CUSTOMER,
             "--reference", "AUTH-OPENSSL-1", "--purpose", "migration", "--purpose-reference", "MIG-2027-004",
             "--signatory", "Dr A Example", "--signatory-role", "Head of EBME", "--valid-until", until,
             "--personal-data", "may_contain", "--description", "Asset register and jobs", "--out", manifest]
    ok(invoke(runner, *draft))
    assert not (tmp_path / "home").exists() and not (customer / ".intake").exists()
    refused(invoke(runner, *draft), "UnreadableFile", "exists")  # a drafted manifest is never overwritten
    assert "sha256: " in manifest.read_text() and "purpose_limitation_confirmed: true" in manifest.read_text()

    # The commands of docs/authorisation.md, as documented.
    documented = DOCS.read_text()
    for command in ("openssl genpkey -algorithm ed25519 -out signer.key",
                    "openssl pkey -in signer.key -pubout -out signer.pub",
                    "openssl pkeyutl -sign -inkey signer.key -rawin -in manifest.yaml -out manifest.yaml.sig",
                    "openssl pkey -pubin -in signer.pub -outform DER | tail -c 32 | sha256sum"):
        assert command in documented, command
    openssl("genpkey", "-algorithm", "ed25519", "-out", customer / "signer.key")
    openssl("pkey", "-in", customer / "signer.key", "-pubout", "-out", customer / "signer.pub")
    openssl("pkeyutl", "-sign", "-inkey", customer / "signer.key", "-rawin", "-in", manifest,
            "-out", customer / "manifest.yaml.sig")
    der = openssl("pkey", "-pubin", "-in", customer / "signer.pub", "-outform", "DER")
    import hashlib

    fingerprint = hashlib.sha256(der[-32:]).hexdigest()

    # The vendor's side: the admin trusts the key and sees the fingerprint to read back; an engineer registers.
    ok(invoke(runner, "init"))
    ok(invoke(runner, "users", "add", "eve", "--role", "engineer"))
    added = ok(invoke(runner, "keys", "add", "--customer", CUSTOMER, "--kind", "customer", "--label", "Head of EBME",
                      customer / "signer.pub"))
    grouped = " ".join(fingerprint[i:i + 4] for i in range(0, 64, 4))
    assert grouped in " ".join(added.output.split()) and "read its fingerprint back" in added.output
    register = ["authorisation", "register", manifest, "--signature", customer / "manifest.yaml.sig", "--evidence",
                letter]
    unconfirmed = invoke(runner, *register, actor="eve")
    assert unconfirmed.exit_code == 1 and "SignerNotConfirmed" in unconfirmed.stderr
    assert "intake keys confirm" in " ".join(unconfirmed.stderr.split())
    key_id = fingerprint[:16]
    refused_self = invoke(runner, "keys", "confirm", key_id, "--how", "read back by phone, contract number")
    assert refused_self.exit_code == 1 and "someone else confirms" in refused_self.stderr  # not whoever added it
    ok(invoke(runner, "keys", "confirm", key_id, "--how", "read back by phone, contract number", actor="eve"))
    registered = json.loads(ok(invoke(runner, "--json", "authorisation", "register", manifest, "--signature",
                                      customer / "manifest.yaml.sig", "--evidence", letter, actor="eve")).stdout)
    assert registered["reference"] == "AUTH-OPENSSL-1"
    ok(invoke(runner, "authorisation", "verify", "AUTH-OPENSSL-1", "--purpose", "migration", *export, actor="eve"))

    # A manifest changed after signing no longer verifies.
    tampered = customer / "tampered.yaml"
    tampered.write_bytes(manifest.read_bytes().replace(b"AUTH-OPENSSL-1", b"AUTH-OPENSSL-2"))
    refused(invoke(runner, "authorisation", "register", tampered, "--signature", customer / "manifest.yaml.sig",
                   "--evidence", letter, actor="eve"), "SignatureInvalid")
