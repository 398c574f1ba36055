"""intake.nested: a JSON export's objects and lists opened into the flat tables the profiler can judge."""

from __future__ import annotations

import pyarrow as pa

from intake.anonymisation.column_names import names_places, names_region
from intake.nested import flat_tables


def test_structs_open_into_dotted_columns_and_lists_into_tables_of_their_items() -> None:
    rows = [{"id": 1, "patient": {"name": "Eira Jones", "address": {"house": "Bryn Awel", "street": "3 Lon Isaf"},
                                  "contacts": [{"relation": "son", "name": "Rhodri"}, {"relation": "wife",
                                                                                      "name": "Haf"}]},
             "tags": ["oxygen", "cpap"]},
            {"id": 2, "patient": None, "tags": None}]
    flat = flat_tables("portal", pa.Table.from_pylist(rows))
    assert set(flat) == {"portal", "portal.patient.contacts", "portal.tags"}
    assert flat["portal"].column_names == ["id", "patient.name", "patient.address.house", "patient.address.street"]
    assert flat["portal"].column("patient.address.house").to_pylist() == ["Bryn Awel", None]
    assert flat["portal.patient.contacts"].to_pylist() == [
        {"patient.contacts.relation": "son", "patient.contacts.name": "Rhodri"},
        {"patient.contacts.relation": "wife", "patient.contacts.name": "Haf"}]
    assert flat["portal.tags"].column("tags").to_pylist() == ["oxygen", "cpap"]
    assert flat_tables("plain", pa.table({"a": [1], "b": ["x"]})) == {}


def test_a_column_of_places_is_told_by_its_name_not_one_of_their_people_or_numbers() -> None:
    assert all(names_places(c) for c in ("clinical.hospital", "clinical.ward", "gp.practice", "Depot", "Ward Name"))
    assert not any(names_places(c) for c in ("Hospital Number", "Hospital No", "Ward Contact", "Site Phone",
                                             "Practice Email", "gp.name", "patient.displayName"))


def test_a_town_alone_is_no_address_and_a_street_is() -> None:
    assert names_region("patient.address.town") and names_region("County")
    assert not names_region("patient.address.street") and not names_region("Postcode")


def test_a_query_only_tables_towns_are_places_and_its_streets_personal() -> None:
    """The towns a patients' table holds are where thousands live: the dataset's places, kept after a home's
    address in the notes as a shipped list's towns are; the street and the name stay personal."""
    from intake.anonymisation import ColumnKind, TableClassification
    from intake.anonymisation.classification import ColumnClassification
    from intake.dataset_values import _PLACE, _personal

    columns = {"town": ColumnClassification("town", ColumnKind.NOT_PERSONAL),
               "District Nurse": ColumnClassification("District Nurse", ColumnKind.IDENTIFIER, "PERSON"),
               "County": ColumnClassification("County", ColumnKind.NOT_PERSONAL),
               "address_line1": ColumnClassification("address_line1", ColumnKind.IDENTIFIER, "ADDRESS"),
               "surname": ColumnClassification("surname", ColumnKind.IDENTIFIER, "PERSON"),
               "phone": ColumnClassification("phone", ColumnKind.IDENTIFIER, "PHONE_NUMBER")}
    assert _personal(TableClassification("patients", columns), {"PHONE_NUMBER"}) == {
        "town": _PLACE, "County": _PLACE, "District Nurse": "PERSON", "address_line1": "ADDRESS",
        "surname": "PERSON"}
