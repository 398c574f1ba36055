"""Mapping tables defined by a DuckDB query over the export's own tables (a normalised legacy schema)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from intake.errors import IntakeError
from intake.product import parse_mapping, transform_to_tables
from intake.product.errors import MappingError, TransformError
from intake.product.queries import Query, run_query

# A normalised CMMS export: equipment points at models, models at makers and a risk-class code table; the
# location is a code of a location table. The product wants the class and the location name on the asset.
EQUIPMENT = pa.table({
    "EquipID": ["1", "2", "3", "4"],
    "Tag": ["A-1", "A-2", "A-3", "A-4"],
    "ModelRef": ["10", "11", "10", "12"],
    "LocRef": ["L1", "L2", None, "L1"],
    "Owner": ["Jane Doe", "Ann Smith", None, "Jane Doe"],
})
MODELS = pa.table({"ModelID": ["10", "11", "12"], "ModelName": ["Volumat", "MP50", "Lifepak 15"],
                   "MakerRef": ["m1", "m2", "m3"], "ClassRef": ["2", "3", "9"]})
MAKERS = pa.table({"MakerID": ["m1", "m2", "m3"], "MakerName": ["Fresenius", "Philips", "Stryker"]})
CLASSES = pa.table({"ClassID": ["2", "3", "9"], "ClassCode": ["IIb", "IIa", "III"]})
LOCATIONS = pa.table({"LocID": ["L1", "L2"], "LocName": ["Ward 7", "ICU"]})
SOURCES = {"equipment": EQUIPMENT, "models": MODELS, "makers": MAKERS, "risk_classes": CLASSES,
           "locations": LOCATIONS}

MAPPING = """\
format: intake-mapping/1
system: normalised
tables:
  - table: assets
    query: |
      SELECT e.EquipID, e.Tag, e.Owner, m.ModelName, mk.MakerName, c.ClassCode,
             coalesce(l.LocName, 'Unknown location') AS Location
      FROM equipment e
      JOIN models m ON m.ModelID = e.ModelRef
      JOIN makers mk ON mk.MakerID = m.MakerRef
      LEFT JOIN risk_classes c ON c.ClassID = m.ClassRef
      LEFT JOIN locations l ON l.LocID = e.LocRef
    source_key: EquipID
    outputs:
      - entity: manufacturers
        derive: {key: [MakerName]}
        fields: {name: MakerName}
      - entity: device_models
        derive: {key: [MakerName, ModelName]}
        fields: {name: ModelName, manufacturer_id: {ref: manufacturers}}
      - entity: locations
        derive: {key: [Location]}
        fields: {name: Location}
      - entity: assets
        id: EquipID
        fields:
          asset_number: Tag
          device_class: ClassCode
          status: {value: in_service}
          owner: Owner
          location_id: {ref: locations}
          model_id: {ref: device_models}
"""


def batches(table: pa.Table) -> list[pa.RecordBatch]:
    return table.to_batches()


def test_the_tables_a_query_reads_are_found_without_the_names_of_its_own_subqueries() -> None:
    sql = ("WITH open AS (SELECT * FROM jobs WHERE closed IS NULL) "
           "SELECT o.*, a.tag FROM open o JOIN (SELECT * FROM assets) a USING (asset_id) "
           "UNION ALL SELECT * FROM archive")
    assert set(Query.parse(sql, 1).reads) == {"jobs", "assets", "archive"}


@pytest.mark.parametrize(("sql", "why"), [
    ("DELETE FROM assets", "only a SELECT"),
    ("SELECT 1 FROM assets; SELECT 2 FROM jobs", "one SELECT statement"),
    ("SELECT 42", "reads no table"),
    ("SELEC * FROM assets", "syntax error"),
])
def test_a_query_that_is_not_one_select_over_the_export_is_refused(sql: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        Query.parse(sql, 1)


def test_a_mapping_table_from_a_query_joins_the_normalised_tables_and_the_tables_it_reads_are_accounted() -> None:
    mapping = parse_mapping(MAPPING)
    assert mapping.table("assets").query is not None
    result = transform_to_tables({n: batches(t) for n, t in SOURCES.items()}, mapping)
    assets = result.entities["assets"].to_pylist()
    assert [a["asset_number"] for a in assets] == ["A-1", "A-2", "A-3", "A-4"]
    assert [a["device_class"] for a in assets] == ["IIb", "IIa", "IIb", "III"]
    makers = {m["manufacturer_id"]: m["name"] for m in result.entities["manufacturers"].to_pylist()}
    models = {m["model_id"]: (makers[m["manufacturer_id"]], m["name"])
              for m in result.entities["device_models"].to_pylist()}
    assert [models[a["model_id"]] for a in assets] == [("Fresenius", "Volumat"), ("Philips", "MP50"),
                                                       ("Fresenius", "Volumat"), ("Stryker", "Lifepak 15")]
    places = {p["location_id"]: p["name"] for p in result.entities["locations"].to_pylist()}
    assert [places[a["location_id"]] for a in assets] == ["Ward 7", "ICU", "Unknown location", "Ward 7"]
    reconciliation = result.reconciliation
    assert reconciliation.balanced and reconciliation.tables["assets"].rows_read == 4
    # the tables only the query reads are neither lost silently nor refused as unmapped: they are named
    assert set(reconciliation.ignored_tables) == {"equipment", "models", "makers", "risk_classes", "locations"}
    assert all("query of table 'assets'" in why for why in reconciliation.ignored_tables.values())


def test_unreadable_lines_of_the_tables_only_a_query_reads_are_in_the_reconciliation() -> None:
    """They have no row of their own in the reconciliation, but their lines the reader rejected are source rows:
    listed apart under the table's name, once however often the query reads it; a mapped table's stay its own."""
    mapping = parse_mapping(MAPPING.replace("JOIN makers mk", "JOIN (SELECT * FROM makers WHERE MakerID IN "
                                            "(SELECT MakerID FROM makers)) mk"))
    result = transform_to_tables({n: batches(t) for n, t in SOURCES.items()}, mapping,
                                 reader_rejects={"assets": 1, "equipment": 2, "makers": 1, "models": 0})
    reconciliation = result.reconciliation
    assert reconciliation.tables["assets"].rows_rejected_by_reader == 1 and reconciliation.balanced
    assert reconciliation.query_inputs_rejected_by_reader == {"equipment": 2, "makers": 1}
    assert reconciliation.to_dict()["query_inputs_rejected_by_reader"] == {"equipment": 2, "makers": 1}
    assert "- equipment: 2" in reconciliation.to_markdown()


def test_a_query_names_an_archives_tables_by_their_short_names() -> None:
    """The connector names a table inside an archive "export.zip/equipment.csv:equipment"; a mapping writes
    "equipment", as for a loose file; a short name two tables share is refused, naming both."""
    archived = {f"export.zip/{n}.csv:{n}": batches(t) for n, t in SOURCES.items()}
    result = transform_to_tables(archived, parse_mapping(MAPPING))
    assert result.entities["assets"].num_rows == 4 and result.reconciliation.balanced
    twice = {**archived, "export.zip/old/equipment.csv:equipment": batches(EQUIPMENT)}
    with pytest.raises(TransformError, match=r"reads 'equipment', which 2 tables .*export\.zip/old/equipment\.csv"):
        transform_to_tables(twice, parse_mapping(MAPPING))
    full = MAPPING.replace("FROM equipment e", 'FROM "export.zip/old/equipment.csv:equipment" e').replace(
        "tables:\n", 'ignore_tables: {"export.zip/equipment.csv:equipment": "an older copy"}\ntables:\n', 1)
    assert transform_to_tables(twice, parse_mapping(full)).entities["assets"].num_rows == 4  # the full name


def test_a_query_table_may_enrich_a_table_of_the_same_name() -> None:
    mapping = parse_mapping(MAPPING.replace("- table: assets", "- table: equipment").replace(
        "FROM equipment e", "FROM equipment AS e"))
    result = transform_to_tables({n: batches(t) for n, t in SOURCES.items()}, mapping)
    assert result.entities["assets"].num_rows == 4
    assert "equipment" not in result.reconciliation.ignored_tables


def test_a_query_mistake_is_reported_with_its_mapping_line() -> None:
    with pytest.raises(MappingError) as caught:
        parse_mapping(MAPPING.replace("SELECT e.EquipID", "SELEC e.EquipID"))
    assert caught.value.line == 5 and "query of table 'assets'" in str(caught.value)
    mapping = parse_mapping(MAPPING.replace("mk.MakerName", "mk.MakerTitle"))
    with pytest.raises(TransformError, match=r"query of table 'assets' \(mapping line 5\).*MakerTitle"):
        transform_to_tables({n: batches(t) for n, t in SOURCES.items()}, mapping)
    missing = {n: batches(t) for n, t in SOURCES.items() if n != "makers"}
    with pytest.raises(TransformError, match="reads 'makers', which the export does not have"):
        transform_to_tables(missing, parse_mapping(MAPPING))


def test_a_query_cannot_reach_files_or_change_its_own_limits(tmp_path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    for sql in (f"SELECT * FROM read_csv('{secret}') JOIN makers ON true",
                f"SELECT * FROM makers, (SELECT * FROM '{secret}')"):
        with pytest.raises(IntakeError):
            list(run_query("t", Query.parse(sql, 3), {"makers": MAKERS}))
    sql = "SELECT *, current_setting('temp_directory') AS spill FROM makers"
    [batch] = run_query("t", Query.parse(sql, 3), {"makers": MAKERS})
    assert set(batch.column("spill").to_pylist()) == {""}  # nothing decrypted is spilled to disk


def test_query_results_are_text_and_a_failed_conversion_withholds_the_value() -> None:
    sql = "SELECT MakerID, 2 * 3 AS n, DATE '2024-01-31' AS d FROM makers"
    [batch] = run_query("t", Query.parse(sql, 1), {"makers": MAKERS})
    assert batch.schema.types == [pa.string()] * 3 and batch.column("d")[0].as_py() == "2024-01-31"
    sql = "SELECT CAST(MakerName AS INTEGER) AS n FROM makers"
    with pytest.raises(TransformError) as caught:
        list(run_query("t", Query.parse(sql, 1), {"makers": MAKERS}))
    assert "withheld" in str(caught.value) and "Fresenius" not in str(caught.value)


def test_columns_returned_twice_are_refused_and_a_query_over_its_memory_limit_says_what_to_do() -> None:
    sql = "SELECT m.*, k.* FROM makers m JOIN makers k USING (MakerID)"
    with pytest.raises(TransformError, match="more than once; name them apart with AS"):
        list(run_query("t", Query.parse(sql, 1), {"makers": MAKERS}))
    sql = "SELECT string_agg(MakerName || range::VARCHAR, ',') FROM makers, range(3000000)"
    with pytest.raises(TransformError, match="memory limit"):
        list(run_query("t", Query.parse(sql, 1), {"makers": MAKERS}, memory_limit="20MB"))


def test_mapping_check_runs_the_query_on_the_first_rows_and_reports_its_mistakes_with_their_lines() -> None:
    from intake.mapping_check import check

    done = check(parse_mapping(MAPPING), {n: batches(t) for n, t in SOURCES.items()})
    assert done.ok and done.entities["assets"] == 4
    assert any("table 'assets' is its query over equipment, locations, makers" in n for n in done.notes)
    assert not any("neither mapped nor ignored" in n for n in done.notes)
    # The columns the query passes on ("e.*") and uses itself (the join keys ModelRef, LocRef) are read by the
    # migration, though no field reads them; only what nothing uses is "not migrated".
    passed_on = MAPPING.replace("SELECT e.EquipID, e.Tag, e.Owner,", "SELECT e.*,")
    done = check(parse_mapping(passed_on), {n: batches(t) for n, t in SOURCES.items()})
    assert done.ok and not [n for n in done.notes if "does not read" in n]
    no_owner = passed_on.replace("          owner: Owner\n", "")
    done = check(parse_mapping(no_owner), {n: batches(t) for n, t in SOURCES.items()})
    assert [n for n in done.notes if "does not read" in n] == [
        "table 'assets': columns the mapping does not read (not migrated): Owner"]
    bad = MAPPING.replace("mk.MakerName", "mk.MakerTitle").replace("owner: Owner", "owner: Keeper")
    done = check(parse_mapping(bad), {n: batches(t) for n, t in SOURCES.items()})
    assert len(done.problems) == 1 and done.problems[0].startswith("<mapping> line 5: ")
    assert "MakerTitle" in done.problems[0]
    done = check(parse_mapping(MAPPING.replace("owner: Owner", "owner: Keeper")),
                 {n: batches(t) for n, t in SOURCES.items()})
    assert done.problems == ["<mapping> line 30: column 'Keeper' of table 'assets' is not in the export"]


def test_a_table_a_query_reads_that_came_without_columns_is_a_clear_error() -> None:
    sources = {n: batches(t) for n, t in SOURCES.items()} | {"makers": []}
    with pytest.raises(TransformError, match="'makers', which a mapping query reads, came with no columns"):
        transform_to_tables(sources, parse_mapping(MAPPING))


def test_tables_scanned_once_are_streamed_and_a_table_scanned_twice_is_read_whole() -> None:
    assert parse_mapping(MAPPING).table("assets").query.streamed == {
        "equipment", "models", "makers", "risk_classes", "locations"}
    twice = Query.parse("SELECT m.MakerID FROM makers m JOIN makers k ON k.MakerName = m.MakerName "
                        "JOIN models USING (ModelID)", 1)
    assert twice.streamed == {"models"}
    assert Query.parse("WITH x AS (SELECT * FROM makers) SELECT * FROM x", 1).streamed == frozenset()


def test_a_streamed_table_gives_the_rows_of_a_table_read_whole() -> None:
    query = parse_mapping(MAPPING).table("assets").query
    whole = pa.Table.from_batches(list(run_query("assets", query, SOURCES)))
    streams = {n: pa.RecordBatchReader.from_batches(t.schema, t.to_batches(max_chunksize=1))
               for n, t in SOURCES.items()}
    assert pa.Table.from_batches(list(run_query("assets", query, streams))).equals(whole)


def test_a_nested_object_or_array_selected_whole_comes_as_its_json_text() -> None:
    """A JSON export's nested object ("custodian": {...}) selected whole: Arrow cannot cast it to text, so it
    comes as JSON (this failed with ArrowNotImplementedError before)."""
    assets = pa.table({"id": ["A1"], "custodian": [{"name": "x", "no": 1}], "tags": [["a", "b"]]})
    out = run_query("assets", Query.parse('SELECT id, custodian, tags AS "we""ird" FROM assets', 1),
                    {"assets": assets}).read_all()
    assert out.schema.names == ["id", "custodian", 'we"ird']
    assert out.to_pylist() == [{"id": "A1", "custodian": '{"name":"x","no":1}', 'we"ird': '["a","b"]'}]


def test_a_nested_column_mapped_directly_is_read_as_its_json_text() -> None:
    mapping = parse_mapping("""
format: intake-mapping/1
system: nested
lookups:
  status: {values: {"A1": "in_service"}, default: unknown}
tables:
  - table: assets
    source_key: id
    outputs:
      - entity: assets
        id: id
        fields: {asset_number: id, notes: custodian, status: {from: id, lookup: status}}
""")
    source = pa.table({"id": ["A1"], "custodian": [{"name": "x", "no": 1}]})
    result = transform_to_tables({"assets": batches(source)}, mapping)
    assert result.entities["assets"].column("notes").to_pylist() == ['{"name":"x","no":1}']
