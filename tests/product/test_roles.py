"""The data role of each source column follows from the mapping and the product format's field roles."""

from __future__ import annotations

from intake.product import builtin_mapping
from intake.product.mapping import parse_mapping
from intake.product.roles import DataRole, mapping_column_roles, mapping_roles
from intake.product.schema import ENTITIES


def test_every_personal_field_declares_its_role_and_person_fields_their_entity() -> None:
    for spec in ENTITIES.values():
        for field in spec.fields:
            assert field.role in {r.value for r in DataRole}, (spec.name, field.name)
            assert (field.entity is not None) == (field.role == "person"), (spec.name, field.name)
    assert ENTITIES["jobs"].field("requested_by").role == "person"
    assert ENTITIES["locations"].field("ward").role == "reference"
    assert ENTITIES["jobs"].field("fault_description").role == "free_text"


def test_builtin_mapping_columns_take_their_fields_roles() -> None:
    roles = mapping_roles(builtin_mapping("equiptrack"))
    assets, jobs = roles["assets"].columns, roles["jobs"].columns
    assert assets["Responsible Engineer"].role is DataRole.PERSON
    assert assets["Contact Tel"].role is DataRole.PERSON and assets["Contact Tel"].entity == "PHONE_NUMBER"
    assert assets["Site"].role is DataRole.REFERENCE and assets["Manufacturer"].role is DataRole.REFERENCE
    assert assets["Notes"].role is DataRole.FREE_TEXT
    assert assets["Status"].role is DataRole.CODE  # read through a lookup: a product code is delivered
    # Engineer is the key of the derived contacts (code) and a person field: the more protective role wins.
    assert jobs["Engineer"].role is DataRole.PERSON
    assert set(jobs["Engineer"].fields) >= {"jobs.engineer", "contacts.name"}



def test_the_column_roles_the_anonymiser_takes_are_plain_and_name_the_mapping_table() -> None:
    mapping = builtin_mapping("equiptrack")
    roles = mapping_column_roles(mapping, "assets")
    assert roles["Contact Tel"] == {"role": "person", "entity": "PHONE_NUMBER", "fields": ["assets.contact_phone"],
                                    "lookup_only": False, "joined_only": False}
    assert roles == {c: r.to_dict() for c, r in mapping_roles(mapping)["assets"].columns.items()}
    assert mapping_column_roles(mapping, "not_mapped") == {}

def test_columns_joined_into_one_person_field_are_read_together() -> None:
    roles = mapping_roles(builtin_mapping("medimaint"))
    staff = roles["tblStaff"]
    assert staff.columns["FirstName"].role is DataRole.PERSON and staff.columns["Surname"].role is DataRole.PERSON
    assert ("FirstName", "Surname") in staff.person_groups
    assert staff.columns["JobTitle"].role is DataRole.REFERENCE


def test_a_constant_or_an_id_reads_no_column_as_person() -> None:
    mapping = parse_mapping("""
format: intake-mapping/1
system: t
title: t
tables:
  - table: assets
    source_key: Tag
    outputs:
      - entity: assets
        id: Tag
        fields: {asset_number: Tag, status: {value: in_service}}
  - table: jobs
    source_key: No
    outputs:
      - entity: jobs
        id: No
        fields:
          job_number: No
          asset_id: {id: assets, from: Asset}
          job_type: {value: repair}
          raised_at: {from: Raised, convert: [{datetime: [iso]}]}
          requested_by: Caller
""")
    columns = mapping_roles(mapping)["jobs"].columns
    assert columns["Caller"].role is DataRole.PERSON
    assert columns["Asset"].role is DataRole.CODE and columns["No"].role is DataRole.CODE
    assert columns["Raised"].role is DataRole.CODE


def test_a_column_read_only_through_lookups_is_marked_so_and_one_also_delivered_is_not() -> None:
    mapping = parse_mapping("""
format: intake-mapping/1
system: t
title: t
lookups:
  condition: {"Good": in_service, "Poor": under_repair}
  risk: {"Red": high, "Amber": medium, "Green": low}
tables:
  - table: assets
    source_key: Tag
    outputs:
      - entity: assets
        id: Tag
        fields:
          asset_number: Tag
          status: {from: Condition, lookup: condition}
          notes: {from: [Grade, Remarks]}
          risk_class: {from: Grade, lookup: risk}
""")
    columns = mapping_roles(mapping)["assets"].columns
    assert columns["Condition"].role is DataRole.CODE and columns["Condition"].lookup_only
    assert columns["Condition"].to_dict()["lookup_only"] is True
    assert not columns["Grade"].lookup_only  # also written into the notes: its values reach the package
    assert not columns["Tag"].lookup_only


def test_a_column_read_only_as_part_of_a_join_is_marked_so_and_one_also_read_alone_is_not() -> None:
    """`outcome: {from: [Work Done, Signed Off]}`: the field's role says what the joined text is, not what each
    part is (anonymisation.roles then hears the part's own profile)."""
    mapping = parse_mapping("""
format: intake-mapping/1
system: t
title: t
tables:
  - table: assets
    source_key: Tag
    outputs:
      - entity: assets
        id: Tag
        fields: {asset_number: Tag, status: {value: in_service}, notes: {from: [Remarks, Checked], join: " | "},
                 serial_number: Remarks}
""")
    columns = mapping_roles(mapping)["assets"].columns
    assert columns["Checked"].role is DataRole.FREE_TEXT and columns["Checked"].joined_only
    assert columns["Checked"].to_dict()["joined_only"] is True
    assert not columns["Remarks"].joined_only  # also delivered alone as the serial number
    assert not columns["Tag"].joined_only
