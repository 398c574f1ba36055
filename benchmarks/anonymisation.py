"""Anonymisation benchmark: quality and speed on a generated legacy dataset, beside presidio-structured; and
free-text quality on Presidio's research data set beside plain Presidio, plus column classification of the
FakeNameGenerator table.

Part 1 - generated EquipTrack export (src/intake/generator, Faker en_GB, seeded), `assets` 200k rows x 22
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
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results"
SHARED = Path(os.environ.get("INTAKE_SHARED_DATA", ROOT.parent / "shared" / "data"))
OURS_TO_TRUTH = {"ADDRESS": "LOCATION"}
FREE_TEXT_TARGETS = ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_NHS")


# -- part 1: data ----------------------------------------------------------------------------------------
def generated_dataset(rows: int, jobs: int, seed: int) -> tuple[Path, str]:
    """The generator's dataset (waits for the generator module if another helper is still writing it)."""
    out = Path(os.environ.get("INTAKE_BENCH_DIR", "/tmp/intake-bench")) / f"equiptrack-{rows}-{jobs}-s{seed}"
    for _attempt in range(60):
        try:
            from intake.generator import generate_equiptrack
            break
        except ImportError:
            print("waiting for src/intake/generator ...", flush=True)
            time.sleep(30)
    else:
        raise SystemExit("the generator never appeared; cannot run part 1")
    if not (out / "generation.json").exists():
        generate_equiptrack(out, assets=rows, jobs=jobs, seed=seed, jobs_format="csv")
    return out, "intake.generator (Faker en_GB, seeded)"


def read_tables(folder: Path) -> dict[str, list[pa.RecordBatch]]:
    from intake.connectors import open_source

    tables: dict[str, list[pa.RecordBatch]] = {}
    for name in ("assets.csv", "jobs.csv"):
        with open_source(None, folder / name) as source:
            for table in source.tables():
                reader = source.read(table)
                tables[table] = list(reader)
                if reader.rows_rejected:
                    print(f"  warning: {reader.rows_rejected} rows of {table} rejected by the connector")
    return tables


def load_truth(folder: Path) -> dict[tuple[str, int, str], list[tuple[str, int, int]]]:
    truth: dict[tuple[str, int, str], list[tuple[str, int, int]]] = defaultdict(list)
    with (folder / "truth.jsonl").open(encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            if t["row"] == 0 or t["column"] is None:
                continue  # banner lines are outside the tables we anonymise
            truth[(t["table"], t["row"], t["column"])].append((t["entity_type"], t["start"], t["end"]))
    return truth


# -- scoring -----------------------------------------------------------------------------------------------
class Scorer:
    """Span-overlap scoring: a truth span is found when a prediction of the same type overlaps it."""

    def __init__(self) -> None:
        self.tp = Counter()  # by entity, truth side
        self.fn = Counter()
        self.ptp = Counter()  # by entity, prediction side
        self.fp = Counter()
        self.any_found = Counter()  # truth spans overlapped by a prediction of any type (privacy view)
        self.free_text_tp = Counter()
        self.free_text_fn = Counter()

    def add(self, truth: list[tuple[str, int, int]], predicted: list[tuple[str, int, int]], free_text: bool) -> None:
        for entity, s, e in truth:
            same = any(p == entity and ps < e and s < pe for p, ps, pe in predicted)
            anyt = any(ps < e and s < pe for _, ps, pe in predicted)
            (self.tp if same else self.fn)[entity] += 1
            if anyt:
                self.any_found[entity] += 1
            if free_text:
                (self.free_text_tp if same else self.free_text_fn)[entity] += 1
        for p, ps, pe in predicted:
            ok = any(t == p and ps < e and s < pe for t, s, e in truth)
            (self.ptp if ok else self.fp)[p] += 1

    def report(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for entity in sorted(set(self.tp) | set(self.fn) | set(self.ptp) | set(self.fp)):
            out[entity] = prf(self.ptp[entity], self.fp[entity], self.tp[entity], self.fn[entity])
            total = self.tp[entity] + self.fn[entity]
            out[entity]["recall_any_type"] = round(self.any_found[entity] / total, 4) if total else None
        out["OVERALL"] = prf(sum(self.ptp.values()), sum(self.fp.values()), sum(self.tp.values()),
                             sum(self.fn.values()))
        out["OVERALL"]["recall_any_type"] = round(sum(self.any_found.values()) / max(1, sum(self.tp.values())
                                                                                      + sum(self.fn.values())), 4)
        out["FREE_TEXT_RECALL"] = {
            e: round(self.free_text_tp[e] / (self.free_text_tp[e] + self.free_text_fn[e]), 4)
            for e in sorted(set(self.free_text_tp) | set(self.free_text_fn))
            if self.free_text_tp[e] + self.free_text_fn[e]
        }
        out["FREE_TEXT_RECALL"]["support"] = {e: self.free_text_tp[e] + self.free_text_fn[e]
                                              for e in sorted(set(self.free_text_tp) | set(self.free_text_fn))}
        return out


def prf(ptp: int, fp: int, tp: int, fn: int) -> dict[str, Any]:
    precision = ptp / (ptp + fp) if ptp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (2 * precision * recall / (precision + recall)) if precision and recall else None
    return {"precision": r4(precision), "recall": r4(recall), "f1": r4(f1), "support": tp + fn,
            "predicted": ptp + fp}


def r4(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


# -- part 1: our pipeline -----------------------------------------------------------------------------------
def run_ours(tables: dict[str, list[pa.RecordBatch]], processes: int) -> dict[str, Any]:
    from intake.anonymisation import AnonymisationSession, build_report
    from intake.config import AnonymisationSettings

    settings = AnonymisationSettings(processes=processes)
    out: dict[str, Any] = {"tables": {}}
    with AnonymisationSession(settings, processes=processes, start_method="spawn") as session:
        session.text.detector  # noqa: B018 - load the model before timing, like a long-running worker
        session.text.start()
        secret = bytes(range(32))
        anonymiser = session.anonymiser(secret)
        anonymiser.recorder = {}
        classifications, rescans, outputs = {}, {}, {}
        for table, batches in tables.items():
            rows = sum(b.num_rows for b in batches)
            t0 = time.perf_counter()
            # In this process, as the anonymiser below: the migration flow's chunk workers are e2e.py's subject.
            cls = session.profiler().profile(table, batches)
            t1 = time.perf_counter()
            rescanner = session.rescanner(table, cls)
            written = []
            for b in anonymiser.anonymise_stream(table, cls, batches):
                rescanner.update(b)
                written.append(b)
            t2 = time.perf_counter()
            result = rescanner.result()
            t3 = time.perf_counter()
            classifications[table], rescans[table], outputs[table] = cls, result, written
            out["tables"][table] = {
                "rows": rows, "columns": len(batches[0].schema), "profile_s": round(t1 - t0, 2),
                "anonymise_s": round(t2 - t1, 2), "rescan_s": round(t3 - t2, 2), "total_s": round(t3 - t0, 2),
                "rows_per_s": round(rows / (t3 - t0), 1), "rescan_clean": result.clean,
                "rescan_residual": {f"{c.column}": dict(c.residual) for c in result.residual_columns()},
                "classification": {c.column: (c.kind.value + (f":{c.entity_type}" if c.entity_type else ""))
                                   for c in cls.columns.values()},
            }
            print(f"  ours {table}: {rows} rows in {t3 - t0:.1f}s ({rows / (t3 - t0):.0f} rows/s; profile "
                  f"{t1 - t0:.1f}s, anonymise {t2 - t1:.1f}s, re-scan {t3 - t2:.1f}s), re-scan clean: {result.clean}",
                  flush=True)
        out["free_text_distinct_analysed"] = session.text.analysed
        out["free_text_cache_hits"] = session.text.cache_hits
        report = build_report(classifications, anonymiser.counts, rescans, session.policy)
        (RESULTS / "anonymisation_findings_report.md").write_text(report.to_markdown(), encoding="utf-8")
    out["recorder"] = anonymiser.recorder
    out["outputs"] = outputs
    return out


def predictions_ours(recorder: dict, table: str, column: str, value: str | None) -> list[tuple[str, int, int]]:
    if value is None:
        return []
    found = recorder.get((table, column), {}).get(value, ())
    return [(OURS_TO_TRUTH.get(f.entity_type, f.entity_type), f.start, f.end) for f in found]


def score(tables: dict[str, list[pa.RecordBatch]], truth: dict, predict: Any, free_text_columns: set) -> Scorer:
    scorer = Scorer()
    for table, batches in tables.items():
        row = 0
        for batch in batches:
            columns = {name: batch.column(i).to_pylist() for i, name in enumerate(batch.schema.names)}
            for k in range(batch.num_rows):
                row += 1
                for column, values in columns.items():
                    t = truth.get((table, row, column), [])
                    p = predict(table, column, values[k])
                    if t or p:
                        scorer.add(t, p, (table, column) in free_text_columns)
    return scorer


def nonpersonal_fp(folder: Path, tables: dict, outputs: dict) -> dict[str, Any]:
    """Share of cells changed in columns the generator marks as holding no personal data, by kind."""
    spec = json.loads((folder / "nonpersonal.json").read_text())
    changed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for col in spec["columns"]:
        table, column, kind = col["table"], col["column"], col["kind"]
        if table not in tables or table not in outputs:
            continue
        before = pa.Table.from_batches(tables[table]).column(column).to_pylist()
        after_table = pa.Table.from_batches(outputs[table])
        if column not in after_table.column_names:
            changed[kind] += sum(v is not None for v in before)
            total[kind] += sum(v is not None for v in before)
            continue
        after = after_table.column(column).to_pylist()
        for a, b in zip(before, after, strict=True):
            if a is not None and a.strip():
                total[kind] += 1
                changed[kind] += int(a != b)
    return {k: {"cells": total[k], "changed": changed[k], "rate": r4(changed[k] / total[k]) if total[k] else None}
            for k in sorted(total)}


def mentions_in_notes(tables: dict, predict: Any, free_text: set) -> dict[str, Any]:
    """Manufacturer and model names written inside notes that were taken for personal data."""
    if "assets" not in tables:
        return {}
    t = pa.Table.from_batches(tables["assets"])
    notes, makers, models = (t.column(c).to_pylist() for c in ("Notes", "Manufacturer", "Model"))
    mentions = flagged = 0
    for note, maker, model in zip(notes, makers, models, strict=True):
        if not note:
            continue
        spans = predict("assets", "Notes", note)
        for name in (maker, model):
            if name and len(name) > 2 and name in note:
                start = note.index(name)
                mentions += 1
                flagged += int(any(ps < start + len(name) and start < pe for _, ps, pe in spans))
    return {"mentions": mentions, "flagged": flagged, "rate": r4(flagged / mentions) if mentions else None}


# -- part 1: presidio-structured ----------------------------------------------------------------------------
def plain_presidio(model: str) -> Any:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from intake.anonymisation.engine import check_model, ensure_offline_tldextract

    check_model(model)
    ensure_offline_tldextract()
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]})
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])


def run_presidio_structured(tables: dict, sample_rows: int, model: str) -> dict[str, Any]:
    from presidio_anonymizer.entities import OperatorConfig
    from presidio_structured import PandasAnalysisBuilder, StructuredEngine

    analyzer = plain_presidio(model)
    builder = PandasAnalysisBuilder(analyzer=analyzer, batch_size=64)
    engine = StructuredEngine()
    out: dict[str, Any] = {"tables": {}, "mappings": {}}
    for table, batches in tables.items():
        df = pa.Table.from_batches(batches).to_pandas().fillna("")
        # presidio-structured reads rows with itertuples(): column names must be identifiers.
        names = {c: "c_" + "".join(ch if ch.isalnum() else "_" for ch in c) for c in df.columns}
        df = df.rename(columns=names)
        back = {v: k for k, v in names.items()}
        rows = len(df)
        sample = df.head(sample_rows)
        t0 = time.perf_counter()
        analysis = builder.generate_analysis(sample, n=len(sample))
        t1 = time.perf_counter()
        entities = set(analysis.entity_mapping.values())
        operators = {e: OperatorConfig("replace", {"new_value": f"<{e}>"}) for e in entities}
        anonymised = engine.anonymize(df, analysis, operators=operators or None)
        t2 = time.perf_counter()
        per_row = (t1 - t0) / len(sample)
        extrapolated = per_row * rows + (t2 - t1)
        out["mappings"][table] = {back[k]: v for k, v in analysis.entity_mapping.items()}
        out["tables"][table] = {
            "rows": rows, "analysis_sample_rows": len(sample), "analysis_sample_s": round(t1 - t0, 2),
            "anonymise_all_rows_s": round(t2 - t1, 2),
            "default_all_rows_extrapolated_s": round(extrapolated, 1),
            "rows_per_s_default_extrapolated": round(rows / extrapolated, 2),
            "rows_per_s_sampled_analysis": round(rows / ((t1 - t0) + (t2 - t1)), 1),
        }
        print(f"  presidio-structured {table}: analysis of {len(sample)} rows {t1 - t0:.1f}s "
              f"({per_row * 1000:.0f} ms/row) -> all {rows} rows ~{extrapolated:.0f}s "
              f"({rows / extrapolated:.1f} rows/s); anonymise all rows {t2 - t1:.1f}s; "
              f"mapping {out['mappings'][table]}", flush=True)
        del anonymised
    return out


def predictions_structured(mappings: dict) -> Any:
    def predict(table: str, column: str, value: str | None) -> list[tuple[str, int, int]]:
        entity = mappings.get(table, {}).get(column)
        if not entity or value is None or not value.strip():
            return []
        return [("DATE_OF_BIRTH" if entity == "DATE_TIME" else entity, 0, len(value))]

    return predict


# -- part 2: yardsticks -------------------------------------------------------------------------------------
GT_TO_OURS = {
    "PERSON": {"PERSON"}, "STREET_ADDRESS": {"ADDRESS", "LOCATION"}, "GPE": {"LOCATION"},
    "ORGANIZATION": {"ORGANIZATION"}, "PHONE_NUMBER": {"PHONE_NUMBER"}, "EMAIL_ADDRESS": {"EMAIL_ADDRESS"},
    "CREDIT_CARD": {"CREDIT_CARD"}, "DATE_TIME": {"DATE_TIME", "DATE_OF_BIRTH"}, "IP_ADDRESS": {"IP_ADDRESS"},
    "IBAN_CODE": {"IBAN_CODE"}, "US_SSN": {"US_SSN"}, "NRP": {"NRP"}, "ZIP_CODE": {"UK_POSTCODE", "LOCATION"},
    "DOMAIN_NAME": {"URL"}, "US_DRIVER_LICENSE": {"US_DRIVER_LICENSE"}, "AGE": {"AGE"}, "TITLE": set(),
}


def score_synth(samples: list[dict], predictions: list[list[tuple[str, int, int]]]) -> dict[str, Any]:
    truth_hits: Counter[str] = Counter()
    truth_total: Counter[str] = Counter()
    pred_ok: Counter[str] = Counter()
    pred_total: Counter[str] = Counter()
    for sample, preds in zip(samples, predictions, strict=True):
        spans = [(s["entity_type"], s["start_position"], s["end_position"]) for s in sample["spans"]]
        for gt, s, e in spans:
            truth_total[gt] += 1
            ok = GT_TO_OURS.get(gt, {gt})
            truth_hits[gt] += int(any(p in ok and ps < e and s < pe for p, ps, pe in preds))
        for p, ps, pe in preds:
            pred_total[p] += 1
            pred_ok[p] += int(any(p in GT_TO_OURS.get(gt, {gt}) and ps < e and s < pe for gt, s, e in spans))
    out = {"recall_by_truth_type": {k: {"recall": r4(truth_hits[k] / truth_total[k]), "support": truth_total[k]}
                                    for k in sorted(truth_total)},
           "precision_by_predicted_type": {k: {"precision": r4(pred_ok[k] / pred_total[k]), "predicted": pred_total[k]}
                                           for k in sorted(pred_total)}}
    p, r = out["precision_by_predicted_type"].get("PERSON", {}), out["recall_by_truth_type"].get("PERSON", {})
    if p and r and p["precision"] and r["recall"]:
        out["PERSON_f1"] = r4(2 * p["precision"] * r["recall"] / (p["precision"] + r["recall"]))
    return out


def run_synth(model: str) -> dict[str, Any]:
    from intake.anonymisation.engine import DetectorConfig, TextDetector, build_analyzer

    samples = json.loads((SHARED / "presidio-research" / "synth_dataset_v2.json").read_text())
    texts = [s["full_text"] for s in samples]
    config = DetectorConfig()
    analyzer = build_analyzer(config.settings(), config.vocabulary)
    ours = TextDetector(DetectorConfig(entities=tuple(sorted(analyzer.get_supported_entities("en")))), analyzer)
    t0 = time.perf_counter()
    our_preds = [[(f.entity_type, f.start, f.end) for f in found] for found in ours.analyze(texts)]
    t1 = time.perf_counter()
    plain = plain_presidio(model)
    plain_preds = [[(r.entity_type, r.start, r.end) for r in plain.analyze(t, language="en")] for t in texts]
    t2 = time.perf_counter()
    result = {"sentences": len(texts), "ours": score_synth(samples, our_preds), "plain_presidio": score_synth(
        samples, plain_preds), "ours_s": round(t1 - t0, 1), "plain_s": round(t2 - t1, 1),
        "note": "plain Presidio: AnalyzerEngine defaults (threshold 0) with the same spaCy model; ours: threshold 0.5"}
    # Notes are typed in lower case or capitals as often as in mixed case: the same sentences both ways (the
    # spans do not move, as case changes keep the length of these texts).
    for name, change in (("ours_lower", str.lower), ("ours_upper", str.upper)):
        changed = [change(t) for t in texts]
        if all(len(a) == len(b) for a, b in zip(texts, changed, strict=True)):
            result[name] = score_synth(samples, [[(f.entity_type, f.start, f.end) for f in found]
                                                 for found in ours.analyze(changed)])
    for name in ("ours", "ours_lower", "ours_upper", "plain_presidio"):
        if name not in result:
            continue
        r = result[name]
        print(f"  synth {name}: PERSON recall {r['recall_by_truth_type']['PERSON']['recall']}, precision "
              f"{r['precision_by_predicted_type'].get('PERSON', {}).get('precision')}", flush=True)
    return result


def run_fakenames() -> dict[str, Any]:
    from intake.anonymisation import AnonymisationSession
    from intake.connectors import open_source

    path = SHARED / "presidio-research" / "FakeNameGenerator.com_3000.csv"
    with open_source(None, path) as source, AnonymisationSession(processes=1) as session:
        table = source.tables()[0]
        cls = session.profile(table, iter(source.read(table)))
    columns = {c.column: {"kind": c.kind.value, "entity": c.entity_type, "reasons": list(c.reasons),
                          "sample_findings": dict(c.sample_findings)} for c in cls.columns.values()}
    personal = [c.column for c in cls.columns.values() if c.kind.value != "not_personal"]
    stray = [c.column for c in cls.columns.values() if c.kind.value == "not_personal" and c.sample_findings]
    print(f"  FakeNameGenerator: personal columns {personal}; not personal but with stray findings {stray}",
          flush=True)
    return {"personal_columns": personal, "not_personal_with_stray_findings": stray,
            "not_personal": [c for c in columns if c not in personal and c not in stray], "columns": columns}


# -- main ---------------------------------------------------------------------------------------------------
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
