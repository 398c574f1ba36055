"""Anonymisation benchmark: quality and speed on a generated legacy dataset, beside presidio-structured; and
free-text quality on Presidio's research data set beside plain Presidio, plus column classification of the
FakeNameGenerator table.

Part 1 - generated EquipTrack export (benchmarks/generator, Faker en_GB, seeded), `assets` 200k rows x 22
columns with a free-text Notes column, and `jobs` (fault descriptions naming patients and staff), with the
generator's ground truth of every personal value:
  - precision / recall / F1 per entity type and overall (span overlap with a ground-truth span of the same
    type), recall of names/phones/e-mails/NHS numbers inside the free-text columns, and manufacturer/model
    false positives (cells changed, and mentions inside notes taken for personal data);
  - rows/second of profile + anonymise + re-scan, beside presidio-structured (PandasAnalysisBuilder +
    StructuredEngine) on the same data in the same run. presidio-structured's default analysis looks at every
    row; at 200k rows that takes hours, so its analysis is measured on a sample and extrapolated (reported as
    such), and its anonymisation pass is measured on all rows.
Part 2 - synth_dataset_v2.json (presidio-research): per-entity precision/recall of our analyzer beside plain
Presidio AnalyzerEngine with the same spaCy model. FakeNameGenerator.com_3000.csv: which columns we classify
personal. These files are a yardstick, never training data.

    .venv/bin/python benchmarks/anonymisation.py [--rows 200000] [--jobs 50000] [--processes 2] [--skip-part2]

Writes benchmarks/results/anonymisation.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from anonymisation_data import RESULTS, SHARED, generated_dataset, load_truth, read_tables  # noqa: E402
from anonymisation_ours import predictions_ours, run_ours  # noqa: E402
from anonymisation_presidio import predictions_structured, run_presidio_structured  # noqa: E402
from anonymisation_scoring import mentions_in_notes, nonpersonal_fp, r4, score  # noqa: E402
from anonymisation_yardsticks import run_fakenames, run_synth  # noqa: E402

FREE_TEXT_TARGETS = ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_NHS")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--jobs", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--structured-sample", type=int, default=300)
    parser.add_argument("--skip-part2", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    from intake.config import AnonymisationSettings

    model = AnonymisationSettings().spacy_model
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"parameters": vars(args), "spacy_model": model, "cpus": os.cpu_count(),
                               "load_average_at_start": os.getloadavg()}

    print("part 1: generated legacy dataset", flush=True)
    folder, source = generated_dataset(args.rows, args.jobs, args.seed)
    results["dataset"] = {"folder": str(folder), "source": source}
    tables = read_tables(folder)
    truth = load_truth(folder)
    ours = run_ours(tables, args.processes)
    free_text = {(t, c) for t, info in ours["tables"].items() for c, k in info["classification"].items()
                 if k == "free_text"}
    notes_columns = {("assets", "Notes"), ("jobs", "Fault Description")}
    recorder = ours.pop("recorder")
    outputs = ours.pop("outputs")
    our_scores = score(tables, truth, lambda t, c, v: predictions_ours(recorder, t, c, v), notes_columns).report()
    ours["quality"] = our_scores
    ours["nonpersonal_columns_changed"] = nonpersonal_fp(folder, tables, outputs)
    ours["maker_model_mentions_in_notes"] = mentions_in_notes(
        tables, lambda t, c, v: predictions_ours(recorder, t, c, v), free_text)
    results["ours"] = ours
    del outputs

    structured = run_presidio_structured(tables, args.structured_sample, model)
    predict_s = predictions_structured(structured["mappings"])
    structured["quality"] = score(tables, truth, predict_s, notes_columns).report()
    results["presidio_structured"] = structured

    our_rows = sum(v["rows"] for v in ours["tables"].values())
    our_time = sum(v["total_s"] for v in ours["tables"].values())
    ps_time = sum(v["default_all_rows_extrapolated_s"] for v in structured["tables"].values())
    ps_sampled = sum(v["analysis_sample_s"] + v["anonymise_all_rows_s"] for v in structured["tables"].values())
    makers = ours["nonpersonal_columns_changed"]
    maker_cells = sum(makers.get(k, {}).get("cells", 0) for k in ("MANUFACTURER", "MODEL"))
    maker_changed = sum(makers.get(k, {}).get("changed", 0) for k in ("MANUFACTURER", "MODEL"))
    mentions = ours["maker_model_mentions_in_notes"]
    results["summary"] = {
        "rows": our_rows,
        "ours_rows_per_s": round(our_rows / our_time, 1),
        "presidio_structured_rows_per_s_default_extrapolated": round(our_rows / ps_time, 2),
        "presidio_structured_rows_per_s_sampled_analysis": round(our_rows / ps_sampled, 1),
        "speedup_vs_default": round(ps_time / our_time, 1),
        "speedup_vs_sampled_analysis": round(ps_sampled / our_time, 2),
        "free_text_recall": {e: our_scores["FREE_TEXT_RECALL"].get(e) for e in FREE_TEXT_TARGETS},
        "overall_precision": our_scores["OVERALL"]["precision"],
        "overall_recall": our_scores["OVERALL"]["recall"],
        "overall_f1": our_scores["OVERALL"]["f1"],
        "presidio_structured_overall": structured["quality"]["OVERALL"],
        "maker_model_cells_changed_rate": r4(maker_changed / maker_cells) if maker_cells else None,
        "maker_model_mentions_flagged_rate": mentions.get("rate"),
        "rescan_clean": all(v["rescan_clean"] for v in ours["tables"].values()),
    }
    if not args.skip_part2 and SHARED.is_dir():
        print("part 2: yardsticks (never used for tuning)", flush=True)
        results["synth_dataset_v2"] = run_synth(model)
        results["fake_name_generator"] = run_fakenames()
    results["load_average_at_end"] = os.getloadavg()  # other work on the machine skews rows/s
    out = RESULTS / "anonymisation.json"
    out.write_text(json.dumps(results, indent=2, default=str))
    print(json.dumps(results["summary"], indent=2))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
