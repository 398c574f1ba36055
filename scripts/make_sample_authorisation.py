"""Write a sample signed authorisation for a dataset folder: key pair, manifest, evidence PDF, signature.

    .venv/bin/python scripts/make_sample_authorisation.py --dataset-dir DIR \
        --customer "St Elsewhere NHS Foundation Trust" --out .intake/sample-authorisation

The key pair is new on every run and stands for no real customer: never commit it.
Then, as an admin:  intake keys add --customer NAME --kind customer --label sample OUT/keys/*.pub
and as an engineer: intake authorisation register OUT/manifest.yaml --signature OUT/manifest.yaml.sig \
                        --evidence OUT/evidence.pdf
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from intake.authorisation import AuthorisationError, make_sample_authorisation
from intake.clock import SystemClock
from intake.registry.models import PersonalDataDeclaration, Purpose


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset-dir", type=Path, required=True, help="Folder whose files the manifest covers")
    parser.add_argument("--customer", required=True, help="Customer organisation named in the manifest")
    parser.add_argument("--out", type=Path, required=True, help="Folder for manifest, signature, evidence and keys")
    parser.add_argument("--purpose", choices=[p.value for p in Purpose], default=Purpose.MIGRATION.value)
    parser.add_argument("--purpose-reference", help="Migration project or fault ticket (default MIG-<year>-001)")
    parser.add_argument("--reference", help="Authorisation reference (default AUTH-<date>-<random>)")
    parser.add_argument("--personal-data", choices=[p.value for p in PersonalDataDeclaration],
                        default=PersonalDataDeclaration.MAY_CONTAIN.value)
    parser.add_argument("--valid-days", type=int, default=365)
    args = parser.parse_args(argv)

    if not args.dataset_dir.is_dir():
        parser.error(f"--dataset-dir {args.dataset_dir} is not a folder")
    files = sorted(p for p in args.dataset_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        parser.error(f"--dataset-dir {args.dataset_dir} has no files")
    try:
        paths = make_sample_authorisation(
            files, args.customer, args.purpose, args.out, SystemClock(),
            reference=args.reference, purpose_reference=args.purpose_reference,
            personal_data=args.personal_data, valid_days=args.valid_days,
        )
    except AuthorisationError as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({k: str(v) for k, v in vars(paths).items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
