"""Presidio as the anonymisation benchmarks' yardstick: plain Presidio's AnalyzerEngine with a given spaCy model,
and presidio-structured run over the same tables as intake's pipeline (part 1)."""

from __future__ import annotations

import time
from typing import Any

import pyarrow as pa


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
