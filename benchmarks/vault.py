"""Vault throughput and memory: encrypt+store and read+decrypt of one large file against plain file copies.

    .venv/bin/python benchmarks/vault.py                  # 1 GiB of random data
    .venv/bin/python benchmarks/vault.py --size-mib 256 --data compressible
    .venv/bin/python benchmarks/vault.py --workdir /dev/shm --results benchmarks/results/vault-tmpfs.json

Each phase runs in its own subprocess so its peak RSS (getrusage maxrss) is its own. Targets (issue 4):
vault time within 2x of a plain copy of the same file, peak memory below 200 MB.
Prints a table and writes benchmarks/results/vault.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MIB = 1 << 20
RESULTS = Path(__file__).resolve().parent / "results" / "vault.json"
SCOPE = "benchmark"


def generate(path: Path, size_mib: int, kind: str) -> None:
    """Random data (incompressible) or CSV-like text that compresses well."""
    line = b"EQ004512,SN-88231,Infusion Pump,B. Braun,Infusomat Space,13-215,Main,ICU,Ward 7,A,High\n"
    block = (line * (MIB // len(line) + 1))[:MIB]
    with path.open("wb") as out:
        for _ in range(size_mib):
            out.write(os.urandom(MIB) if kind == "random" else block)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # all threads, user and kernel time
    return usage.ru_utime + usage.ru_stime


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _vault(home: Path):
    from intake.config import Settings
    from intake.context import Context
    from intake.vault import Vault

    ctx = Context(settings=Settings(home=home), actor="bench")
    return ctx, Vault.from_context(ctx)


def run_phase(phase: str, source: Path, work: Path) -> dict[str, float | str]:
    """One measured operation; returns seconds, peak RSS and RSS before the operation."""
    (work / "copy.bin").unlink(missing_ok=True)
    if phase in ("vault_put", "vault_read"):
        ctx, vault = _vault(work / "home")
        actor = ctx.actor()
        if phase == "vault_put":  # each repetition starts from an empty vault, like the copy from no copy
            for old in vault.artefacts(scope=SCOPE):
                vault.delete_artefact(old.id, actor)
    os.sync()  # dirty pages of earlier phases must not be written back on this phase's time
    baseline = _rss_mib()
    cpu_started = _cpu_seconds()
    started = time.perf_counter()
    result: dict[str, float | str] = {}
    if phase == "copy":
        shutil.copyfile(source, work / "copy.bin")
    elif phase == "copy_fsync":
        shutil.copyfile(source, work / "copy.bin")
        with (work / "copy.bin").open("rb+") as file:
            os.fsync(file.fileno())
    elif phase == "plain_read":
        buffer = bytearray(MIB)
        with source.open("rb", buffering=0) as file:
            while file.readinto(buffer):
                pass
    elif phase == "vault_put":
        from intake.registry.models import ArtefactKind

        info = vault.put(SCOPE, None, ArtefactKind.RAW, source.name, source, actor)
        result["artefact_id"] = info.id
        result["ciphertext_bytes"] = info.size
    elif phase == "vault_read":
        (info,) = vault.artefacts(scope=SCOPE)
        buffer = bytearray(MIB)
        with vault.open(info.id, actor) as stream:
            while stream.readinto(buffer):
                pass
    else:
        raise SystemExit(f"unknown phase {phase}")
    result.update(seconds=time.perf_counter() - started, cpu_seconds=_cpu_seconds() - cpu_started,
                  peak_rss_mib=_rss_mib(), rss_before_mib=baseline)
    return result


def measure(phase: str, source: Path, work: Path) -> dict[str, float | str]:
    output = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--source", str(source), "--work", str(work)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--data", choices=["random", "compressible"], default="random")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each phase; the median is reported")
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary folder, removed after")
    parser.add_argument("--results", type=Path, default=RESULTS, help=f"JSON output (default {RESULTS})")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.source, args.work)))
        return

    work = Path(tempfile.mkdtemp(prefix="intake-vault-bench-", dir=args.workdir))
    try:
        source = work / "source.bin"
        generate(source, args.size_mib, args.data)
        subprocess.run([sys.executable, "-c", "import sys; from intake.config import Settings; "
                        "from intake.context import Context; from intake.users import initialise; "
                        "initialise(Context(settings=Settings(home=sys.argv[1]), actor='bench'))",
                        str(work / "home")], check=True)
        runs: dict[str, list[dict[str, float | str]]] = {}
        for _ in range(args.repeat):  # interleaved, so drifting disk state affects every phase alike
            for phase in ["plain_read", "copy", "copy_fsync", "vault_put", "vault_read"]:
                runs.setdefault(phase, []).append(measure(phase, source, work))
        phases = {}
        for phase, results in runs.items():
            ordered = sorted(results, key=lambda r: float(r["seconds"]))
            cpu = sorted(float(r["cpu_seconds"]) for r in results)
            phases[phase] = {**ordered[len(ordered) // 2], "all_seconds": [float(r["seconds"]) for r in results],
                             "median_cpu_seconds": cpu[len(cpu) // 2],
                             "peak_rss_mib": max(float(r["peak_rss_mib"]) for r in results)}
        size = args.size_mib * MIB
        for result in phases.values():
            result["mib_per_s"] = size / MIB / float(result["seconds"])
        def ratio(phase: str, baseline: str) -> dict[str, float]:
            # Per round (the phases of one round ran back to back, so they share the machine's state), and best
            # against best; the median of the per-round ratios is the headline, being the least noisy.
            rounds = sorted(float(a["seconds"]) / float(b["seconds"]) for a, b in zip(runs[phase], runs[baseline],
                                                                                      strict=True))
            best = min(float(r["seconds"]) for r in runs[phase]) / min(float(r["seconds"]) for r in runs[baseline])
            return {"median_of_rounds": rounds[len(rounds) // 2], "best_vs_best": best}

        put_vs_copy, read_vs_copy = ratio("vault_put", "copy"), ratio("vault_read", "copy")
        put_vs_copy_fsync = ratio("vault_put", "copy_fsync")
        put_ratio, read_ratio = put_vs_copy["median_of_rounds"], read_vs_copy["median_of_rounds"]
        peak = max(float(phases[p]["peak_rss_mib"]) for p in ("vault_put", "vault_read"))
        import cryptography

        from intake.config import VaultSettings

        report = {
            "size_mib": args.size_mib,
            "workdir_filesystem": subprocess.run(["df", "--output=fstype", str(work)], capture_output=True,
                                                 text=True).stdout.split()[-1],
            "repeat": args.repeat,
            "data": args.data,
            "chunk_size": VaultSettings().chunk_size,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                        "cryptography": cryptography.__version__},
            "phases": phases,
            "put_vs_copy": put_vs_copy,
            "read_vs_copy": read_vs_copy,
            "put_vs_copy_fsync": put_vs_copy_fsync,
            "load_average": os.getloadavg(),
            "peak_rss_mib": peak,
            "targets": {
                "within_2x_of_copy": max(put_ratio, read_ratio) <= 2.0,
                "peak_below_200_mb": peak * MIB < 200e6,
            },
        }
        print(f"\nvault benchmark: {args.size_mib} MiB of {args.data} data, chunk {report['chunk_size'] // 1024} KiB\n")
        print(f"{'phase':<12} {'median s':>8} {'CPU s':>6} {'MiB/s':>8} {'peak RSS MiB':>13} {'RSS before':>11}"
              "  all runs (s)")
        for phase, result in phases.items():
            print(f"{phase:<12} {float(result['seconds']):>8.2f} {float(result['median_cpu_seconds']):>6.2f} "
                  f"{float(result['mib_per_s']):>8.0f} "
                  f"{float(result['peak_rss_mib']):>13.1f} {float(result['rss_before_mib']):>11.1f}  "
                  + " ".join(f"{t:.2f}" for t in result["all_seconds"]))
        print(f"\nmedian of per-round ratios (best vs best): put/copy {put_ratio:.2f}x "
              f"({put_vs_copy['best_vs_best']:.2f}x), read/copy {read_ratio:.2f}x "
              f"({read_vs_copy['best_vs_best']:.2f}x), put/(copy+fsync) {put_vs_copy_fsync['median_of_rounds']:.2f}x "
              f"({put_vs_copy_fsync['best_vs_best']:.2f}x)")
        print(f"vault peak RSS {peak:.0f} MiB; load average {os.getloadavg()[0]:.1f}; targets: {report['targets']}")
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(json.dumps(report, indent=2) + "\n")
        print(f"written {args.results}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
