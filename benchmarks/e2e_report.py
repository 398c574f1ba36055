"""The e2e benchmark's report: its targets, the plot (time per stage beside the floor, memory over time,
linearity) and the table printed at the end."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from e2e_flows import STAGE_ORDER

MEMORY_TARGET_MB = 2048
FLOOR_TARGET = 4.0


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = results["runs"]
    main = runs["main"]
    panels = 3 if "small" in runs else 2
    fig, axes = plt.subplots(1, panels, figsize=(6.5 * panels, 5.2))
    colours = dict(zip(STAGE_ORDER, ("#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974", "#999999"),
                       strict=True))

    ax = axes[0]
    labels, lefts = [], []
    for index, (label, run) in enumerate(runs.items()):
        left = 0.0
        for stage in STAGE_ORDER:
            value = run["stages_seconds"][stage]
            ax.barh(index * 2, value, left=left, color=colours[stage], label=stage if index == 0 else None)
            left += value
        ax.barh(index * 2 + 0.8, run["floor"]["seconds"], color="black", label="floor" if index == 0 else None)
        ax.text(left, index * 2, f" {run['e2e_seconds']:,.0f} s", va="center", fontsize=8)
        ax.text(run["floor"]["seconds"], index * 2 + 0.8,
                f" {run['floor']['seconds']:,.1f} s (e2e = {run['e2e_vs_floor']:,.0f}x)", va="center", fontsize=8)
        labels += [f"{label}: {run['source_rows']:,} rows", "floor (pyarrow CSV->Parquet)"]
        lefts += [index * 2, index * 2 + 0.8]
    ax.set_xlim(0, max(r["e2e_seconds"] for r in runs.values()) * 1.25)
    ax.set_yticks(lefts, labels, fontsize=8)
    ax.set_xlabel("seconds")
    ax.set_title("Time per stage vs floor")
    ax.legend(fontsize=8)

    ax = axes[1]
    series = main["memory_timeseries"]["points"]
    if series:
        t0 = main["memory_timeseries"]["t0"]
        ax.plot([p[0] for p in series], [p[1] for p in series], label="process tree", color="#c44e52")
        ax.plot([p[0] for p in series], [p[2] for p in series], label="without Prefect server", color="#4c72b0")
        ax.plot([p[0] for p in series], [p[3] for p in series], label="main process", color="#55a868", linewidth=0.8)
        ax.plot([p[0] for p in series], [p[4] for p in series], label="anonymisation / Dask workers", color="#8172b2",
                linewidth=0.8)
        spans = {"receive": main["receive"]["window"],
                 **{k: v["window"] for k, v in main["migration"]["stages"].items() if "window" in v}}
        length = max(series[-1][0], 1.0)
        for stage, (start, end) in spans.items():
            ax.axvspan(start - t0, end - t0, alpha=0.12, color=colours.get(stage, "#999999"))
            if end - start > 0.04 * length:
                ax.text((start + end) / 2 - t0, 50, stage, fontsize=7, ha="center")
    ax.axhline(MEMORY_TARGET_MB, color="black", linestyle="--", linewidth=1, label="2 GB target")
    ax.set_xlabel("seconds since the migrate process started")
    ax.set_ylabel("RSS (MB)")
    ax.set_title(f"Memory, main run ({main['source_rows']:,} rows)")
    ax.legend(fontsize=8)

    if panels == 3:
        ax = axes[2]
        small = runs["small"]
        per_million = {label: [run["stages_seconds"][s] / run["source_rows"] * 1e6 for s in STAGE_ORDER]
                       for label, run in (("main", main), ("small", small))}
        x = range(len(STAGE_ORDER))
        ax.bar([i - 0.2 for i in x], per_million["small"], width=0.4, label=f"{small['source_rows']:,} rows")
        ax.bar([i + 0.2 for i in x], per_million["main"], width=0.4, label=f"{main['source_rows']:,} rows")
        ax.set_xticks(list(x), [s.replace("_", "\n") for s in STAGE_ORDER], fontsize=7)
        ax.set_ylabel("seconds per million rows")
        ratio = results["linearity"]["e2e_time_ratio"]
        ax.set_title(f"Linearity: {results['linearity']['rows_ratio']:.0f}x rows -> {ratio:.1f}x time")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def print_table(results: dict[str, Any]) -> None:
    out = io.StringIO()
    runs = results["runs"]
    out.write(f"{'stage':28s}" + "".join(f"{label + ' (s)':>16s}" for label in runs) + "\n")
    for stage in (*STAGE_ORDER, "e2e", "floor"):
        out.write(f"{stage:28s}")
        for run in runs.values():
            value = run["e2e_seconds"] if stage == "e2e" else run["floor"]["seconds"] if stage == "floor" \
                else run["stages_seconds"][stage]
            out.write(f"{value:16.1f}")
        out.write("\n")
    for label, run in runs.items():
        memory = run["memory"]
        out.write(f"{label}: {run['rows_per_second']:,.0f} rows/s, {run['e2e_vs_floor']:.1f}x floor (target <= "
                  f"{FLOOR_TARGET:.0f}x), peak memory {memory['peak_without_prefect_server_mb']:,.0f} MB without the "
                  f"Prefect server, {memory['peak_total_mb']:,.0f} MB with it (target < {MEMORY_TARGET_MB} MB)\n")
        if "quality" in run:
            for entity, q in run["quality"]["per_entity_type"].items():
                out.write(f"    {entity:16s} recall {q['recall']!s:>8} (n={q['truth_values']:,})  precision "
                          f"{q['precision']!s:>8} (n={q['changed_regions']:,})\n")
    if "linearity" in results:
        lin = results["linearity"]
        out.write(f"linearity: {lin['rows_ratio']:.1f}x rows -> {lin['e2e_time_ratio']:.2f}x time\n")
    if "dask" in results:
        d = results["dask"]
        out.write(f"dask: single process {d['single_process_seconds']}s, dask {d['dask_seconds']}s, identical output "
                  f"{d['identical']}\n")
    print(out.getvalue(), end="")
