"""Product format v1: the entities the equipment-management product imports, as Arrow schemas.

Each entity is described once (`EntitySpec` of `FieldSpec`s); the Arrow schema, the validation rules and the
documentation tables are all derived from that description, so they cannot drift apart.

Ids are stable: `<PREFIX>-<16 hex digits>`, a 64-bit hash of the entity's natural key in the source system
(see `intake.product.ids`), so re-running the same source gives the same ids and foreign keys can be
computed without joins.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date

import pyarrow as pa

SCHEMA_VERSION = "1.0"

STRING = pa.string()
DATE = pa.date32()
TIMESTAMP = pa.timestamp("ms")  # wall-clock time as recorded at the site, no zone (Parquet has no seconds unit)
MONEY = pa.decimal128(18, 2)  # pounds and pence, exact
FLOAT = pa.float64()
INTEGER = pa.int32()
BOOLEAN = pa.bool_()

EARLIEST_DATE = date(1900, 1, 1)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: pa.DataType
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    references: str | None = None  # entity whose primary key this field holds
    min_value: float | None = None
    not_future: bool = False  # dates and times must not lie after the run's "today"
    total: bool = False  # summed in the reconciliation report
    # What the field holds, for anonymisation (intake.product.roles): "person" (anonymised whole, with
    # `entity` its entity type), "free_text" (full detection), "reference" (kept: places, makers, models,
    # titles) or "code" (numbers, codes, dates: pattern scan only).
    role: str = "code"
    entity: str | None = None

    @property
    def personal(self) -> bool:
        """May hold (pseudonymised) personal data."""
        return self.role in ("person", "free_text")


@dataclass(frozen=True)
class EntitySpec:
    name: str
    id_prefix: str
    description: str
    fields: tuple[FieldSpec, ...]
    unique: tuple[str, ...] = ()  # fields other than the primary key whose values must be unique
    ordered: tuple[tuple[str, str], ...] = ()  # (earlier, later) pairs of date/time fields
    _by_name: dict[str, FieldSpec] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    @property
    def primary_key(self) -> str:
        return self.fields[0].name

    def field(self, name: str) -> FieldSpec:
        return self._by_name[name]

    def has_field(self, name: str) -> bool:
        return name in self._by_name

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(f.name, f.type, nullable=not f.required, metadata=_field_metadata(f)) for f in self.fields],
            metadata={
                b"intake.product.entity": self.name.encode(),
                b"intake.product.schema_version": SCHEMA_VERSION.encode(),
            },
        )

    def empty_table(self) -> pa.Table:
        return self.arrow_schema().empty_table()


def _field_metadata(spec: FieldSpec) -> dict[bytes, bytes]:
    meta = {b"description": spec.description.encode()}
    if spec.enum:
        meta[b"enum"] = json.dumps(list(spec.enum)).encode()
    if spec.references:
        meta[b"references"] = spec.references.encode()
    return meta


def _ref(name: str, entity: str, description: str, required: bool = False) -> FieldSpec:
    return FieldSpec(name, STRING, description, required=required, references=entity)


ASSET_STATUS = ("in_service", "in_store", "under_repair", "condemned", "on_loan", "unknown")
RISK_CLASS = ("high", "medium", "low")
DEVICE_CLASS = ("I", "IIa", "IIb", "III")
CATEGORY_SCHEME = ("UMDNS", "GMDN", "EMDN", "ECRI", "LOCAL")
JOB_TYPE = ("ppm", "repair", "inspection", "calibration", "acceptance", "other")
JOB_STATUS = ("open", "completed")
CONTACT_ROLE = ("staff", "engineer", "manufacturer_contact", "supplier_contact", "requester", "other")

ENTITIES: dict[str, EntitySpec] = {}


def register_entity(spec: EntitySpec) -> EntitySpec:
    ENTITIES[spec.name] = spec
    return spec


register_entity(EntitySpec("sites", "SIT", "Hospitals and other premises of the customer.", (
    FieldSpec("site_id", STRING, "Stable id (SIT-<16 hex>).", True),
    FieldSpec("name", STRING, "Site name.", True, role="reference"),
    FieldSpec("code", STRING, "Customer's site code."),
    FieldSpec("address", STRING, "Postal address of the site.", role="reference"),
    FieldSpec("postcode", STRING, "Postcode of the site.", role="reference"),
)))

register_entity(EntitySpec("locations", "LOC", "Places equipment is kept: site > building > department > ward/room.", (
    FieldSpec("location_id", STRING, "Stable id (LOC-<16 hex>).", True),
    _ref("site_id", "sites", "Site the location belongs to."),
    FieldSpec("building", STRING, "Building.", role="reference"),
    FieldSpec("department", STRING, "Department or service.", role="reference"),
    FieldSpec("ward", STRING, "Ward.", role="reference"),
    FieldSpec("room", STRING, "Room, bay or theatre.", role="reference"),
    FieldSpec("name", STRING, "Label of the location as used by the customer.", role="reference"),
)))

register_entity(EntitySpec("manufacturers", "MFR", "Device manufacturers, de-duplicated.", (
    FieldSpec("manufacturer_id", STRING, "Stable id (MFR-<16 hex>).", True),
    FieldSpec("name", STRING, "Manufacturer name (most frequent spelling in the source).", True,
              role="reference"),
    FieldSpec("phone", STRING, "Switchboard or service phone number.", role="person", entity="PHONE_NUMBER"),
    FieldSpec("email", STRING, "Service e-mail address.", role="person", entity="EMAIL_ADDRESS"),
)))

register_entity(EntitySpec("suppliers", "SUP", "Suppliers and service agents, de-duplicated.", (
    FieldSpec("supplier_id", STRING, "Stable id (SUP-<16 hex>).", True),
    FieldSpec("name", STRING, "Supplier name (most frequent spelling in the source).", True,
              role="reference"),
    FieldSpec("phone", STRING, "Phone number.", role="person", entity="PHONE_NUMBER"),
    FieldSpec("email", STRING, "E-mail address.", role="person", entity="EMAIL_ADDRESS"),
)))

register_entity(EntitySpec("device_models", "MOD", "Device models, with their device category code.", (
    FieldSpec("model_id", STRING, "Stable id (MOD-<16 hex>).", True),
    _ref("manufacturer_id", "manufacturers", "Manufacturer of the model."),
    FieldSpec("name", STRING, "Model name.", True, role="reference"),
    FieldSpec("device_type", STRING, "Generic device type, e.g. 'Infusion Pump'.", role="reference"),
    FieldSpec("category_code", STRING, "Device category code in `category_scheme`, e.g. UMDNS '13-215'."),
    FieldSpec("category_scheme", STRING, "Nomenclature of `category_code`.", enum=CATEGORY_SCHEME),
)))

register_entity(EntitySpec(
    "assets", "AST", "Individual pieces of equipment.", (
        FieldSpec("asset_id", STRING, "Stable id (AST-<16 hex>).", True),
        FieldSpec("asset_number", STRING, "Customer's inventory/equipment number; unique.", True),
        FieldSpec("serial_number", STRING, "Manufacturer's serial number."),
        _ref("model_id", "device_models", "Device model."),
        _ref("location_id", "locations", "Where the asset is kept."),
        _ref("supplier_id", "suppliers", "Supplier the asset was bought from."),
        FieldSpec("owner", STRING, "Responsible person, as recorded (pseudonymised).", role="person", entity="PERSON"),
        _ref("owner_contact_id", "contacts", "Responsible person, when the source has a staff table."),
        FieldSpec("responsible_engineer", STRING, "Responsible engineer(s), as recorded (pseudonymised).",
                  role="person", entity="PERSON"),
        FieldSpec("contact_phone", STRING, "Contact phone number recorded on the asset.",
                  role="person", entity="PHONE_NUMBER"),
        FieldSpec("status", STRING, "Condition/status of the asset.", True, enum=ASSET_STATUS),
        FieldSpec("risk_class", STRING, "Clinical risk class used to prioritise maintenance.", enum=RISK_CLASS),
        FieldSpec("device_class", STRING, "Medical-device regulation class.", enum=DEVICE_CLASS),
        FieldSpec("acquisition_date", DATE, "Date purchased or installed.", not_future=True),
        FieldSpec("acquisition_cost", MONEY, "Purchase price, GBP.", min_value=0, total=True),
        FieldSpec("warranty_expiry", DATE, "End of the manufacturer's warranty."),
        FieldSpec("last_ppm_date", DATE, "Date of the last planned preventive maintenance.", not_future=True),
        FieldSpec("next_ppm_due", DATE, "Date the next planned preventive maintenance is due."),
        FieldSpec("notes", STRING, "Free-text notes (anonymised).", role="free_text"),
        FieldSpec("last_modified_by", STRING, "Who last changed the record (pseudonymised).",
                  role="person", entity="PERSON"),
    ),
    unique=("asset_number",),
))

register_entity(EntitySpec(
    "ppm_schedules", "PPM", "Planned preventive maintenance schedules, one per asset.", (
        FieldSpec("schedule_id", STRING, "Stable id (PPM-<16 hex>).", True),
        _ref("asset_id", "assets", "Asset maintained.", required=True),
        FieldSpec("interval_months", INTEGER, "Months between planned maintenance visits.", min_value=1),
        FieldSpec("last_done", DATE, "Date last done.", not_future=True),
        FieldSpec("next_due", DATE, "Date next due."),
    ),
))

register_entity(EntitySpec(
    "jobs", "JOB", "Jobs / work orders: planned maintenance, repairs, inspections.", (
        FieldSpec("job_id", STRING, "Stable id (JOB-<16 hex>).", True),
        FieldSpec("job_number", STRING, "Customer's job/work-order number; unique.", True),
        _ref("asset_id", "assets", "Asset worked on.", required=True),
        FieldSpec("job_type", STRING, "Kind of job.", True, enum=JOB_TYPE),
        FieldSpec("status", STRING, "Open or completed.", enum=JOB_STATUS),
        FieldSpec("raised_at", TIMESTAMP, "When the job was raised.", True, not_future=True),
        FieldSpec("completed_at", TIMESTAMP, "When the work was completed.", not_future=True),
        FieldSpec("fault_description", STRING, "Reported fault or work requested (anonymised).", role="free_text"),
        FieldSpec("outcome", STRING, "Outcome as recorded, e.g. 'Repaired', 'Passed' (anonymised).",
                  role="free_text"),
        FieldSpec("engineer", STRING, "Engineer who did the work, as recorded (pseudonymised).",
                  role="person", entity="PERSON"),
        _ref("engineer_contact_id", "contacts", "Engineer who did the work."),
        FieldSpec("labour_hours", FLOAT, "Labour, hours.", min_value=0, total=True),
        FieldSpec("parts_cost", MONEY, "Cost of parts, GBP.", min_value=0, total=True),
        FieldSpec("requested_by", STRING, "Who reported the fault (pseudonymised).", role="person", entity="PERSON"),
        FieldSpec("requester_phone", STRING, "Phone or extension of the requester.",
                  role="person", entity="PHONE_NUMBER"),
    ),
    unique=("job_number",),
    ordered=(("raised_at", "completed_at"),),
))

register_entity(EntitySpec(
    "contracts", "CON", "Service and maintenance contracts.", (
        FieldSpec("contract_id", STRING, "Stable id (CON-<16 hex>).", True),
        _ref("asset_id", "assets", "Asset covered."),
        _ref("supplier_id", "suppliers", "Contractor."),
        FieldSpec("start_date", DATE, "First day of cover."),
        FieldSpec("end_date", DATE, "Last day of cover."),
        FieldSpec("annual_cost", MONEY, "Cost per year, GBP.", min_value=0, total=True),
    ),
    ordered=(("start_date", "end_date"),),
))

register_entity(EntitySpec("contacts", "CTC", "People: staff, engineers, manufacturer and supplier contacts.", (
    FieldSpec("contact_id", STRING, "Stable id (CTC-<16 hex>).", True),
    FieldSpec("name", STRING, "Name (pseudonymised).", True, role="person", entity="PERSON"),
    FieldSpec("role", STRING, "Role of the contact.", True, enum=CONTACT_ROLE),
    FieldSpec("job_title", STRING, "Job title.", role="reference"),
    FieldSpec("phone", STRING, "Phone number (pseudonymised).", role="person", entity="PHONE_NUMBER"),
    FieldSpec("email", STRING, "E-mail address (pseudonymised).", role="person", entity="EMAIL_ADDRESS"),
    _ref("manufacturer_id", "manufacturers", "Manufacturer the contact works for."),
    _ref("supplier_id", "suppliers", "Supplier the contact works for."),
)))


def entity(name: str) -> EntitySpec:
    return ENTITIES[name]


def iter_entities() -> Iterator[EntitySpec]:
    """Entities in dependency order: referenced entities before the ones referring to them."""
    yield from ENTITIES.values()


def render_markdown() -> str:
    """The field tables of docs/product-format.md, generated from the specs above."""
    lines: list[str] = []
    for spec in iter_entities():
        lines += [f"### `{spec.name}` ({spec.id_prefix})", "", spec.description, ""]
        lines += ["| Field | Type | Required | Rules | Description |", "|---|---|---|---|---|"]
        for f in spec.fields:
            rules: list[str] = []
            if f is spec.fields[0]:
                rules.append("primary key")
            if f.name in spec.unique:
                rules.append("unique")
            if f.references:
                rules.append(f"→ `{f.references}`")
            if f.enum:
                rules.append("one of " + ", ".join(f"`{v}`" for v in f.enum))
            if f.min_value is not None:
                rules.append(f">= {f.min_value:g}")
            if f.not_future:
                rules.append("not in the future")
            if f.role == "person":
                rules.append("person (anonymised whole)")
            elif f.role == "free_text":
                rules.append("free text (personal data found and replaced)")
            elif f.role == "reference":
                rules.append("reference (kept)")
            lines.append(f"| `{f.name}` | {f.type} | {'yes' if f.required else ''} | {'; '.join(rules)} | "
                         f"{f.description} |")
        for earlier, later in spec.ordered:
            lines += ["", f"`{earlier}` must not be after `{later}`."]
        lines.append("")
    return "\n".join(lines)
