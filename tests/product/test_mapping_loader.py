"""Mapping files: the shipped ones load; malformed ones fail with an error naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.errors import IntakeError
from intake.product import MappingError, builtin_mapping, builtin_mappings, load_mapping, parse_mapping

VALID = """\
format: intake-mapping/1
system: test
lookups:
  status: {A: in_service, S: in_store}
tables:
  - table: assets
    source_key: Equipment No
    outputs:
      - entity: manufacturers
        derive:
          key: [Manufacturer]
          match: fuzzy
        fields:
          name: Manufacturer
      - entity: assets
        id: Equipment No
        fields:
          asset_number: Equipment No
          status: {from: Status, lookup: status, default: unknown}
          acquisition_date: {from: Purchase Date, convert: [date]}
  - table: jobs
    outputs:
      - entity: jobs
        id: Job No
        fields:
          job_number: Job No
          asset_id: {id: assets, from: Equipment No}
          job_type: {value: repair}
          raised_at: Date Raised
"""


def line_of(text: str, marker: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if marker in line:
            return number
    raise AssertionError(f"{marker!r} not in the mapping text")


def failure(text: str) -> MappingError:
    with pytest.raises(MappingError) as caught:
        parse_mapping(text, source="test.yaml")
    return caught.value


def test_the_valid_mapping_loads() -> None:
    mapping = parse_mapping(VALID, source="test.yaml")
    assert [t.table for t in mapping.tables] == ["assets", "jobs"]
    assert mapping.table("assets").primary.entity.name == "assets"
    assert len(mapping.sha256) == 64


def test_shipped_mappings_load() -> None:
    assert builtin_mappings() == ["equiptrack", "medimaint"]
    assert [t.table for t in builtin_mapping("equiptrack").tables] == ["assets", "jobs"]
    assert builtin_mapping("medimaint").table("tblWorkOrder").primary.entity.name == "jobs"
    with pytest.raises(MappingError, match="no built-in mapping 'acme'"):
        builtin_mapping("acme")


@pytest.mark.parametrize(("old", "new", "marker", "message"), [
    ("tables:\n", "tables: [\n", "- table: assets", "not valid YAML"),
    ("      - entity: assets\n        id: Equipment No\n",
     "      - entity: assets\n        id: Equipment No\n       fields: x\n", "fields: x", "not valid YAML"),
    ("          name: Manufacturer\n", "          name: Manufacturer\n          name: Model\n", "name: Model",
     "'name' appears twice"),
    ("system: test\n", "system: test\ntitel: x\n", "titel: x", "unknown key 'titel'"),
    ("format: intake-mapping/1\n", "format: intake-mapping/9\n", "format:", "format must be 'intake-mapping/1'"),
    ("      - entity: manufacturers\n", "      - entity: makers\n", "entity: makers", "unknown entity 'makers'"),
    ("          status: {from", "          colour: Colour\n          status: {from", "colour: Colour",
     "entity 'assets' has no field 'colour'"),
    ("convert: [date]", "convert: [dates]", "convert: [dates]", "unknown conversion 'dates'"),
    ("convert: [date]", "convert: [{date: [european]}]", "european", "unknown date format 'european'"),
    ("convert: [date]", "convert: [date, upper]", "convert: [date, upper]", "needs text but gets date32"),
    ("lookup: status,", "lookup: statuses,", "lookup: statuses", "unknown lookup 'statuses'"),
    ("{A: in_service, S: in_store}", "{A: in_service, S: stored}", "S: stored",
     "maps 'S' to 'stored', which is not one of"),
    ("{A: in_service, S: in_store}", "{A: in_service, a: in_store}", "a: in_store", "clashes with 'A'"),
    ("          asset_number: Equipment No\n", "", "      - entity: assets", "'assets.asset_number' is not mapped"),
    ("          asset_id: {id: assets, from: Equipment No}", "          asset_id: Equipment No",
     "asset_id: Equipment No", "refers to 'assets'"),
    ("          asset_id: {id: assets, from: Equipment No}", "          asset_id: {id: sites, from: Site}",
     "asset_id: {id: sites", "no earlier table produces 'sites'"),
    ("          asset_number: Equipment No\n", "          asset_number: Equipment No\n"
     "          model_id: {ref: device_models}\n", "model_id:", "must name an output listed earlier"),
    ("          job_type: {value: repair}", "          job_type: {value: fixing}", "value: fixing",
     "'fixing' is not one of"),
    ("          raised_at: Date Raised", "          raised_at: {from: Date Raised, default: someday}",
     "default: someday", "cannot be read as timestamp"),
    ("          asset_number: Equipment No\n",
     "          asset_number: Equipment No\n          serial_number: {from: Serial, convert: [number]}\n",
     "serial_number:", "produce double but the field holds string"),
    ("        id: Equipment No\n", "        id: Equipment No\n        when_present: [Status]\n",
     "when_present", "only for later outputs"),
    ("          name: Manufacturer\n", "          name: Model\n", "name: Model",
     "must come from the key's last column"),
    ("      - entity: assets\n        id: Equipment No\n", "      - entity: assets\n", "      - entity: assets",
     "needs 'id'"),
    ("          match: fuzzy\n", "          match: sloppy\n", "match: sloppy", "match must be 'exact' or 'fuzzy'"),
])
def test_malformed_mapping_names_the_line(old: str, new: str, marker: str, message: str) -> None:
    assert old in VALID
    text = VALID.replace(old, new, 1)
    error = failure(text)
    assert message in str(error)
    assert error.line == line_of(text, marker)
    assert str(error).startswith(f"test.yaml, line {error.line}: ")
    assert isinstance(error, IntakeError)


def test_codes_that_yaml_would_read_as_booleans_stay_text() -> None:
    text = VALID.replace("{A: in_service, S: in_store}", "{Y: in_service, No: in_store, 1: on_loan}")
    lookup = parse_mapping(text).lookups["status"]
    assert lookup.codes == {"Y": "in_service", "No": "in_store", "1": "on_loan"}


def test_load_mapping_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(VALID.replace("system: test", "system: [test"), encoding="utf-8")
    with pytest.raises(MappingError, match=r"^acme\.yaml, line \d+: not valid YAML"):
        load_mapping(path)
    with pytest.raises(MappingError, match="cannot read mapping file"):
        load_mapping(tmp_path / "missing.yaml")


def test_empty_file_and_missing_sections() -> None:
    assert "empty" in str(failure(""))
    error = failure("format: intake-mapping/1\nsystem: x\n")
    assert "needs 'tables'" in str(error) and error.line == 1


def test_one_load_reports_every_mistake_each_with_its_line() -> None:
    text = (Path(__file__).parents[2] / "src/intake/product/mappings/equiptrack.yaml").read_text()
    broken = (text.replace("serial_number: Serial No", "serial_numbr: Serial No", 1)
              .replace("{from: Purchase Cost", "{frm: Purchase Cost", 1)
              .replace("lookup: job_type}", "lookup: jobtype}", 1))
    lines = [next(i for i, row in enumerate(broken.splitlines(), 1) if word in row)
             for word in ("serial_numbr", "frm: Purchase Cost", "lookup: jobtype")]
    with pytest.raises(MappingError) as caught:
        parse_mapping(broken, "broken.yaml")
    message = str(caught.value)
    assert message.startswith("broken.yaml, line ") and "mistakes:" in message
    for line in lines:
        assert f"line {line}: " in message
    assert "serial_numbr" in message and "jobtype" in message and "frm" in message
