"""`make demo`: a full migration of the shipped sample legacy dataset, through the `intake` CLI.

Runs on embedded defaults (intake's data under ./.intake/; what the customer and the product hold, the signed
authorisation and the handed-over package, beside it in ./.intake-demo/, as intake writes nothing a person names
into its own home), as the people who would do each step:
the admin trusts the customer's signing key, the engineer registers the signed authorisation,
receives the files, runs the migration and hands the import package over (`intake migration fetch`);
the DPO verifies the audit log.
Each step is the real command an operator types; nothing is faked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample-equiptrack"
SAMPLE_FILES = [SAMPLE / "assets.csv", SAMPLE / "jobs.xlsx"]
CUSTOMER = "St Elsewhere NHS Foundation Trust"
INTAKE = [str(Path(sys.executable).parent / "intake")]
ADMIN, ENGINEER, DPO = "demo-admin", "demo-engineer", "demo-dpo"


def step(title: str) -> None:
    print(f"\n== {title}", flush=True)


def intake(actor: str, *args: str, check: bool = True) -> Any:
    """Run one `intake` command as `actor`; return its JSON output."""
    command = [*INTAKE, "--as", actor, "--json", *args]
    print("$ intake --as", actor, " ".join(args), flush=True)
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=os.environ.copy())
    if check and result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"demo stopped: `intake {' '.join(args)}` exited {result.returncode}")
    try:
        return json.loads(result.stdout) if result.stdout.strip() else None
    except json.JSONDecodeError:
        return result.stdout


def ensure_user(name: str, role: str) -> None:
    users = {u["name"]: u for u in intake(ADMIN, "users", "list")}
    if name not in users:
        intake(ADMIN, "users", "add", name, "--role", role)
    elif role not in users[name]["roles"]:
        intake(ADMIN, "users", "grant", name, role)


def main() -> int:
    home = Path(os.environ.get("INTAKE_HOME") or ROOT / ".intake")  # INTAKE_HOME: the demo in another home
    step("Initialise the registry and vault (embedded defaults under ./.intake)")
    os.environ.setdefault("INTAKE_ACTOR", ADMIN)
    intake(ADMIN, "init")
    if ADMIN not in {u["name"] for u in intake(ADMIN, "users", "list", check=False) or []}:
        raise SystemExit(f"{home} was initialised by another admin: run `make demo` after removing {home}")
    ensure_user(ENGINEER, "engineer")
    ensure_user(DPO, "dpo")

    step("The customer signs an authorisation for the sample files (a new demo key, never a real customer's)")
    outside = home.with_name(home.name + "-demo")  # the customer's and the product's side, not intake's home
    signing = outside / "authorisation"
    dataset_dir = signing / "dataset"  # the files the customer sends: the sample's data files, not its docs
    dataset_dir.mkdir(parents=True, exist_ok=True)
    for path in SAMPLE_FILES:
        shutil.copyfile(path, dataset_dir / path.name)
    made = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_sample_authorisation.py"), "--dataset-dir", str(dataset_dir),
         "--customer", CUSTOMER, "--out", str(signing)],
        capture_output=True, text=True, check=False,
    )
    if made.returncode != 0:
        sys.stderr.write(made.stderr)
        return 1
    sample = json.loads(made.stdout)
    print(f"manifest {sample['manifest']}, signature {sample['signature']}, evidence {sample['evidence']}")

    step("The admin trusts the customer's public key, the DPO confirms its fingerprint, the engineer registers")
    key = intake(ADMIN, "keys", "add", sample["public_key"], "--customer", CUSTOMER, "--kind", "customer",
                 "--label", "Head of Clinical Engineering (demo)")
    # A second person reads the fingerprint back with the customer (here the demo made the key itself).
    intake(DPO, "keys", "confirm", key["key_id"][:16], "--how", "demo: the key pair was made by this script")
    registered = intake(ENGINEER, "authorisation", "register", sample["manifest"], "--signature",
                        sample["signature"], "--evidence", sample["evidence"])
    reference = registered["reference"]
    print(f"authorisation {reference} registered: purpose {registered['purpose']}")

    step("Receive the dataset: consent and file hashes verified, files encrypted into the vault quarantine")
    received = intake(ENGINEER, "datasets", "receive", "--authorisation", reference,
                      *[str(dataset_dir / p.name) for p in SAMPLE_FILES])
    dataset_id = received["dataset_id"]
    print(f"dataset {dataset_id}: {len(received['files'])} files encrypted")

    step("Migration run: scan, anonymise (fail closed), map to the product format, validate, deliver")
    run = intake(ENGINEER, "migration", "run", dataset_id, "--mapping", "equiptrack")
    print(json.dumps(run, indent=2))

    step("Hand-over to the product: the package, kept encrypted in the vault, decrypted into a new owner-only folder")
    # The demo hands over beside the home (./.intake-demo); a real hand-over names the product's import folder.
    # The copy is verified against the package's manifest and audited.
    handover = outside / "handover" / run["run_id"]
    fetched = intake(ENGINEER, "migration", "fetch", dataset_id, "--to", str(handover))
    print(f"{fetched['files']} files, {fetched['bytes']} bytes, verified against the manifest: {fetched['verified']}")

    step("The DPO verifies the audit log")
    audit = intake(DPO, "audit", "verify")
    print(f"audit log verified: {audit['events']} events, agreeing with {audit['anchors']} signed anchors kept "
          f"outside the registry ({audit['anchor_location']})")

    step("Done")
    print(f"import package: {run['package']} (encrypted in the vault), handed over to {handover}")
    print(f"reports (encrypted in the vault): `intake datasets show {dataset_id}`; every package and copy of one: "
          f"`intake migration packages {dataset_id}`")
    print(f"the migration's completion starts the 6-month retention clock: "
          f"intake --as {ENGINEER} migration complete {dataset_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
