"""The anonymisation benchmark's part 2: free-text quality on presidio-research's synthetic sentences beside plain
Presidio, and column classification of the FakeNameGenerator table. A yardstick, never training data."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, as every benchmark does

from anonymisation_data import SHARED
from anonymisation_presidio import plain_presidio
from anonymisation_scoring import r4

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
    from intake.config import ConnectorSettings
    from intake.connectors import open_source

    path = SHARED / "presidio-research" / "FakeNameGenerator.com_3000.csv"
    with open_source(None, path, settings=ConnectorSettings()) as source, AnonymisationSession(processes=1) as session:
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
