"""`intake keys ...` and `intake authorisation ...` end to end, as users run them (--as, INTAKE_HOME)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from intake.authorisation import make_sample_authorisation
from intake.clock import FixedClock
from intake.registry.models import Purpose
from tests.authorisation.conftest import CUSTOMER
from tests.conftest import invoke


def text(result: Result) -> str:
    """Output with rich's line wrapping undone."""
    return " ".join(result.output.split())


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def refused(result: Result, error: str, *phrases: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert f"{error}:" in text(result)
    for phrase in phrases:
        assert phrase in text(result), (phrase, text(result))


@pytest.fixture
def home(runner: CliRunner) -> CliRunner:
    ok(invoke(runner, "init"))
    ok(invoke(runner, "users", "add", "eve", "--role", "engineer"))
    ok(invoke(runner, "users", "add", "sam", "--role", "support"))
    return runner


def test_sign_register_verify_withdraw(home: CliRunner, dataset_dir: Path, tmp_path: Path) -> None:
    runner = home
    # the customer generates a key and signs the manifest
    generated = json.loads(ok(invoke(runner, "--json", "keys", "generate", "--out", tmp_path / "customer-keys")).stdout)
    private_key, public_key = Path(generated["private_key"]), Path(generated["public_key"])
    sample = make_sample_authorisation(sorted(dataset_dir.iterdir()), CUSTOMER, Purpose.MIGRATION,
                                       tmp_path / "sample", FixedClock(datetime.now(UTC)))
    signature = tmp_path / "manifest.sig"
    ok(invoke(runner, "authorisation", "validate", sample.manifest, actor="eve"))
    signed = json.loads(ok(invoke(runner, "--json", "authorisation", "sign", sample.manifest, "--key", private_key,
                                  "--out", signature, actor="eve")).stdout)
    assert (signed["key_id"], signed["encoding"]) == (generated["key_id"], "base64")

    # support may not trust keys; the admin does
    add = ["keys", "add", "--customer", CUSTOMER, "--kind", "customer", "--label", "Head of EBME", public_key]
    refused(invoke(runner, *add, actor="sam"), "PermissionDenied", "signers.manage needs one of the roles admin")
    ok(invoke(runner, *add))
    [key] = json.loads(ok(invoke(runner, "--json", "keys", "list", actor="sam")).stdout)
    assert (key["key_id"], key["customer"], key["status"]) == (generated["key_id"], CUSTOMER, "trusted")

    ok(invoke(runner, "keys", "confirm", generated["key_id"][:16], "--how", "read back by phone to the customer",
              actor="eve"))
    register = ["authorisation", "register", sample.manifest, "--signature", signature, "--evidence", sample.evidence]
    # the signature made by the sample's own key is not trusted
    refused(invoke(runner, "authorisation", "register", sample.manifest, "--signature", sample.signature,
                   "--evidence", sample.evidence, actor="eve"), "SignatureInvalid", "not registered")
    registered = json.loads(ok(invoke(runner, "--json", *register, actor="eve")).stdout)
    assert (registered["reference"], registered["state"], registered["files"]) == (sample.reference, "active", 2)
    refused(invoke(runner, *register, actor="eve"), "DuplicateReference", sample.reference)

    [listed] = json.loads(ok(invoke(runner, "--json", "authorisation", "list", actor="sam")).stdout)
    assert listed["reference"] == sample.reference
    shown = json.loads(ok(invoke(runner, "--json", "authorisation", "show", sample.reference, actor="sam")).stdout)
    assert sorted(f["name"] for f in shown["file_list"]) == ["assets.csv", "jobs.csv"]
    assert "authorised files" in text(ok(invoke(runner, "authorisation", "show", sample.reference, actor="sam")))

    files = sorted(dataset_dir.iterdir())
    verified = json.loads(ok(invoke(runner, "--json", "authorisation", "verify", sample.reference,
                                    "--purpose", "migration", *files, actor="eve")).stdout)
    assert (verified["verified"], verified["files_checked"]) == (True, 2)
    refused(invoke(runner, "authorisation", "verify", sample.reference, "--purpose", "fault_investigation",
                   actor="eve"),
            "PurposeMismatch", "not fault_investigation")
    (dataset_dir / "jobs.csv").write_bytes(b"changed\n")
    refused(invoke(runner, "authorisation", "verify", sample.reference, "--purpose", "migration", *files, actor="eve"),
            "FileHashMismatch", "jobs.csv")
    extra = tmp_path / "extra.csv"
    extra.write_bytes(b"x\n")
    refused(invoke(runner, "authorisation", "verify", sample.reference, "--purpose", "migration", extra, actor="eve"),
            "FileNotAuthorised", "extra.csv")

    withdrawn = ok(invoke(runner, "authorisation", "withdraw", sample.reference, "--reason", "customer letter",
                          "--yes", actor="sam"))
    assert "withdrawn" in text(withdrawn)
    refused(invoke(runner, "authorisation", "verify", sample.reference, "--purpose", "migration", actor="eve"),
            "AuthorisationWithdrawn")

    revoked = json.loads(ok(invoke(runner, "--json", "keys", "revoke", generated["key_id"][:12], "--reason", "test"))
                         .stdout)
    assert revoked["status"] == "revoked"

    # every refusal above is in the audit log
    events = json.loads(ok(invoke(runner, "--json", "audit", "list", "--last", "200")).stdout)
    refusals = [(e["action"], e["details"].get("check")) for e in events if e["outcome"] == "refused"]
    assert refusals == [
        ("signers.manage", None),
        ("authorisation.register", "signature"),
        ("authorisation.register", "reference_unique"),
        ("authorisation.verify", "purpose"),
        ("authorisation.verify", "file_hash"),
        ("authorisation.verify", "file_authorised"),
        ("authorisation.verify", "withdrawn"),
    ]


def test_bad_input_gives_a_message_not_a_traceback(home: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("customer: St Elsewhere\nsignatory: {name: X}\nfiles: [\n")
    refused(invoke(home, "authorisation", "validate", bad), "ManifestError", "bad.yaml", "line")
    refused(invoke(home, "authorisation", "sign", bad, "--key", tmp_path / "missing.key", "--out", tmp_path / "s.sig"),
            "ManifestError")
    good = tmp_path / "good.yaml"
    from tests.authorisation.test_manifest import VALID

    good.write_text(VALID)
    refused(invoke(home, "authorisation", "sign", good, "--key", tmp_path / "missing.key", "--out", tmp_path / "s.sig"),
            "KeyFileError", "cannot read private key")
    refused(invoke(home, "keys", "add", "--customer", CUSTOMER, "--kind", "customer", "--label", "x", good),
            "KeyFileError", "not an Ed25519 public key")
    refused(invoke(home, "keys", "generate", "--out", tmp_path / "k", "--passphrase-env", "NO_SUCH_VARIABLE"),
            "KeyFileError", "NO_SUCH_VARIABLE")
    refused(invoke(home, "authorisation", "show", "AUTH-NOPE", actor="eve"), "AuthorisationNotFound")
    refused(invoke(home, "authorisation", "withdraw", "AUTH-NOPE", "--reason", "x", "--yes", actor="sam"),
            "AuthorisationNotFound")
    refused(invoke(home, "keys", "revoke", "deadbeef00"), "SignerNotFound")
    assert invoke(home, "keys", "add", "--customer", CUSTOMER, "--kind", "notary", "--label", "x", good).exit_code == 2


def test_passphrase_protected_key(home: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.authorisation.test_manifest import VALID

    monkeypatch.setenv("SIGNER_PASSPHRASE", "correct horse battery staple")
    generated = json.loads(ok(invoke(home, "--json", "keys", "generate", "--out", tmp_path / "k",
                                     "--passphrase-env", "SIGNER_PASSPHRASE")).stdout)
    manifest = tmp_path / "m.yaml"
    manifest.write_text(VALID)
    refused(invoke(home, "authorisation", "sign", manifest, "--key", generated["private_key"], "--out", tmp_path / "s"),
            "KeyFileError", "give its passphrase")
    ok(invoke(home, "authorisation", "sign", manifest, "--key", generated["private_key"], "--out", tmp_path / "s",
              "--passphrase-env", "SIGNER_PASSPHRASE"))
    assert (tmp_path / "s").read_bytes().endswith(b"\n")
