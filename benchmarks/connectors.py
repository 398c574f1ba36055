"""CSV connector throughput and peak memory, next to pyarrow.csv.read_csv on the same file in the same run; the
SQL dump reader next to SQLite executing the same dump.

    .venv/bin/python benchmarks/connectors.py            # 1M rows x 25 columns (~245 MB), UTF-8 and cp1252
    .venv/bin/python benchmarks/connectors.py --big      # also a ~2 GB file: peak memory of each reader
    .venv/bin/python benchmarks/connectors.py --sql-dump [--rows 200000]   # only the SQL dump comparison

Every measurement runs in its own subprocess and reports wall time and peak RSS (VmHWM of that child).
Readers compared:
- `pyarrow.read_csv`: pyarrow's multi-threaded reader with its default type inference (the issue's baseline);
- `pyarrow.read_csv_strings`: the same with every column read as text (what a legacy source produces);
- `intake.csv_source`: our streaming CSV source (sniffing, all-text columns, UTF-8 checks, field-size limit,
  reject accounting), iterating every batch.
With `--sql-dump` the same rows as a SQL dump (CREATE TABLE, INSERTs of 500 rows): `sqlite3.executescript` (SQLite
running the script into an in-memory database, then counting) beside `intake.sql_dump` (reading it, never running
it: its index pass and the table's read). Results go to benchmarks/results/connectors.json (the dump's under
"sql_dump").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results" / "connectors.json"
COLUMNS = 25

FIRST = ["Alice", "Bob", "Chloë", "David", "Emma", "Frank", "Grace", "Harry", "Isla", "Jack", "Zoë", "Seán"]
LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "O'Brien", "Müller"]
WORDS = ["pump", "monitor", "ward", "battery", "replaced", "checked", "fault", "alarm", "calibrated", "screen",
         "cracked", "sensor", "ok", "failed", "PPM", "due", "theatre", "ICU", "bay", "loan"]
MAKERS = ["B. Braun", "Philips", "GE Healthcare", "Baxter", "Medtronic", "Draeger", "Mindray", "Stryker"]


def make_row(rng: random.Random, i: int) -> list[str]:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2005, 2026)
    notes = " ".join(rng.choices(WORDS, k=rng.randint(2, 9)))
    if rng.random() < 0.1:
        notes = f'"{notes}, call {rng.choice(FIRST)} on 07700 {rng.randint(100000, 999999)}"'
    return [
        f"EQ{i:07d}", f"SN{rng.randint(10**7, 10**8)}", rng.choice(["Infusion Pump", "Monitor", "Ventilator"]),
        rng.choice(MAKERS), f"Model {rng.randint(1, 900)}", f"{rng.randint(10, 99)}-{rng.randint(100, 999)}",
        rng.choice(["St Mary's", "General", "Royal"]), rng.choice(["ICU", "Theatres", "Ward 7", "A&E"]),
        f"Bay {rng.randint(1, 20)}", rng.choice("ASRCL"), rng.choice(["High", "Medium", "Low"]),
        f"{day:02d}/{month:02d}/{year}", f"{rng.randint(100, 90000)}.{rng.randint(0, 99):02d}",
        f"{day:02d}/{month:02d}/{year + 3}", rng.choice(MAKERS), f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        f"0{rng.randint(1000, 9999)} {rng.randint(100000, 999999)}", rng.choice(["6", "12", "24", ""]),
        f"{day:02d}/{month:02d}/{year}", f"{day:02d}/{month:02d}/{min(year + 1, 2027)}", notes,
        f"{rng.choice(FIRST)} {rng.choice(LAST)}", str(rng.randint(0, 10**6)), f"{rng.random() * 1000:.3f}",
        rng.choice(["Y", "N"]),
    ]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """A UTF-8 CSV of `rows` rows x 25 columns; distinct rows are generated in blocks and reused with new ids."""
    rng = random.Random(seed)
    block = [make_row(rng, i) for i in range(min(rows, 200_000))]
    header = [f"Column {c + 1}" for c in range(COLUMNS)]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        written = 0
        while written < rows:
            lines = []
            for row in block[: rows - written]:
                row[0] = f"EQ{written:08d}"
                lines.append(",".join(row))
                written += 1
            out.write("\n".join(lines) + "\n")


def child(reader: str, path: str) -> None:
    """Runs in a subprocess: read the file once, print rows, seconds and peak RSS as JSON."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from intake.config import ConnectorSettings
    from intake.connectors import open_source  # imports are not part of the reading time

    encoding = "cp1252" if path.endswith("-cp1252.csv") else "utf8"
    options = pacsv.ReadOptions(encoding=encoding)
    started = time.perf_counter()
    if reader == "pyarrow.read_csv":
        rows = pacsv.read_csv(path, read_options=options).num_rows
    elif reader == "pyarrow.read_csv_strings":
        names = pacsv.open_csv(path, read_options=options).schema.names
        rows = pacsv.read_csv(path, read_options=options, convert_options=pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names})).num_rows
    elif reader == "sqlite3.executescript":
        import sqlite3

        db = sqlite3.connect(":memory:")
        db.executescript(Path(path).read_text(encoding="utf-8"))
        rows = db.execute("SELECT count(*) FROM assets").fetchone()[0]
    else:
        with open_source(reader.split(".", 1)[1], Path(path), settings=ConnectorSettings()) as source:
            reader_ = source.read(source.tables()[0])
            rows = sum(batch.num_rows for batch in reader_)
            assert reader_.rows_rejected == 0
    seconds = time.perf_counter() - started
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_rss_mb": peak_rss_kib() / 1024}))


def peak_rss_kib() -> int:
    """This process's peak RSS. VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent
    across exec, so a child of a big parent would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(reader: str, path: Path, repeats: int) -> dict[str, object]:
    runs = []
    for _ in range(repeats):
        done = subprocess.run([sys.executable, __file__, "--child", reader, str(path)], capture_output=True,
                              text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["seconds"])
    size_mb = path.stat().st_size / 1e6
    return {
        "reader": reader,
        "rows": best["rows"],
        "seconds_best": round(best["seconds"], 3),
        "seconds_median": round(statistics.median(r["seconds"] for r in runs), 3),
        "mb_per_s": round(size_mb / best["seconds"], 1),
        "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs), 1),
    }


def write_dump(csv_path: Path, path: Path) -> None:
    """The CSV's rows as a SQL dump SQLite can run: CREATE TABLE, then INSERTs of 500 rows, quotes doubled."""
    import csv

    with csv_path.open(encoding="utf-8", newline="") as src, path.open("w", encoding="utf-8") as out:
        rows = csv.reader(src)
        header = next(rows)
        out.write("CREATE TABLE assets (" + ", ".join(f'"{h}" TEXT' for h in header) + ");\n")
        chunk: list[str] = []
        for row in rows:
            chunk.append("(" + ",".join("'" + v.replace("'", "''") + "'" if v else "NULL" for v in row) + ")")
            if len(chunk) == 500:
                out.write("INSERT INTO assets VALUES " + ",".join(chunk) + ";\n")
                chunk = []
        if chunk:
            out.write("INSERT INTO assets VALUES " + ",".join(chunk) + ";\n")


def compare(path: Path, repeats: int, readers: list[str]) -> dict[str, object]:
    results = {name: measure(name, path, repeats) for name in readers}
    ours = results[readers[-1]]["seconds_best"]
    for name in readers:
        print(f"  {name:28s} {results[name]['seconds_best']:7.2f}s  {results[name]['mb_per_s']:7.1f} MB/s"
              f"  peak {results[name]['peak_rss_mb']:8.1f} MB")
    ratios = {f"vs_{name}": round(results[name]["seconds_best"] / ours, 2)  # type: ignore[operator]
              for name in readers if name != readers[-1]}
    print("  throughput ratio (ours / baseline, >= 0.7 is the target):", ratios)
    return {"file_mb": round(path.stat().st_size / 1e6, 1), "results": list(results.values()), "ratios": ratios}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--big", action="store_true", help="also measure a ~2 GB file (peak memory target 500 MB)")
    parser.add_argument("--sql-dump", action="store_true", help="only the SQL dump reader beside SQLite")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.sql_dump:
        sql_dump(args.rows, args.repeats)
        return
    readers = ["pyarrow.read_csv", "pyarrow.read_csv_strings", "intake.csv_source"]
    report: dict[str, object] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
    }
    with tempfile.TemporaryDirectory(prefix="intake-bench-") as folder:
        path = Path(folder) / "assets.csv"
        generate(path, args.rows)
        print(f"{args.rows} rows x {COLUMNS} columns, {path.stat().st_size / 1e6:.0f} MB:")
        report["standard"] = {"rows": args.rows, **compare(path, args.repeats, readers)}
        legacy = Path(folder) / "assets-cp1252.csv"
        legacy.write_bytes(path.read_text("utf-8").encode("cp1252"))
        print("the same rows in Windows-1252 (both readers transcode):")
        report["standard_cp1252"] = {"rows": args.rows, **compare(legacy, args.repeats, readers)}
        legacy.unlink()
        if args.big:
            big = Path(folder) / "big.csv"
            big_rows = int(args.rows * 2e9 / path.stat().st_size)
            path.unlink()
            generate(big, big_rows)
            print(f"{big_rows} rows, {big.stat().st_size / 1e9:.2f} GB:")
            report["big"] = {"rows": big_rows, **compare(big, 1, readers)}
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]  # type: ignore[index]
    previous = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    if not args.big and "big" in previous:
        report["big"] = previous["big"]  # keep the last --big measurement
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written {RESULTS}")


def sql_dump(rows: int, repeats: int) -> None:
    with tempfile.TemporaryDirectory(prefix="intake-bench-") as folder:
        csv_path, path = Path(folder) / "assets.csv", Path(folder) / "assets.sql"
        generate(csv_path, rows)
        write_dump(csv_path, path)
        print(f"{rows} rows x {COLUMNS} columns as a SQL dump, {path.stat().st_size / 1e6:.0f} MB:")
        result = {"rows": rows, "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
                  **compare(path, repeats, ["sqlite3.executescript", "intake.sql_dump"])}
    report = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    report["sql_dump"] = result
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
