"""Both sample layouts from real legacy files to an import package, with exact reconciliation counts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq

from intake.clock import FixedClock
from intake.config import ConnectorSettings
from intake.product import LocalFolderPackageWriter, builtin_mapping, verify_package, write_package
from intake.product.package import PackageResult
from tests.product.legacy import (
    asset_row,
    job_row,
    read_equiptrack_assets_csv,
    read_equiptrack_jobs_xlsx,
    read_sqlite_tables,
    write_equiptrack_assets_csv,
    write_equiptrack_jobs_xlsx,
)

LIMITS = ConnectorSettings()  # the shipped connector limits

CLOCK = FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))

EQUIPTRACK_ASSETS = [
    asset_row("EQ000001", Purchase_Cost="£1,234.50", **{"PPM Frequency (months)": "12"}, Last_PPM="01/06/2025",
              Next_PPM_Due="01/06/2026"),
    asset_row("EQ000002", Manufacturer="B Braun", Location="ICU Bay 3", Status="S", Risk="Medium",
              Purchase_Date="2019-03-14", Purchase_Cost="1234.5", Supplier="MEDEQUIP LTD"),
    asset_row("EQ000003", Model="Perfusor Space", Category_Code="13-217", Status="NA", Risk="Low",
              Purchase_Date="14-Mar-19", Purchase_Cost="POA"),
    asset_row("EQ000004", Description="Patient Monitor", Manufacturer="Philips", Model="IntelliVue MX450",
              Category_Code="12-636", Department="Theatres", Location="Theatre 2", Status="R",
              Purchase_Date="unknown", Purchase_Cost="£2,000.00", Supplier="Acme Medical",
              **{"PPM Frequency (months)": "6"}),
    asset_row("EQ000005", Description="Patient Monitor", Manufacturer="PHILIPS Healthcare",
              Model="IntelliVue MX450", Category_Code="12-636", Department="Theatres", Location="Theatre 2",
              Status="S", Notes="Spare battery with PERSON_1a2b3c4d",
              Purchase_Date="24/08/2006 (invoiced) 11/09/2006 (installed)"),
    asset_row("EQ000006", Description="Ventilator", Manufacturer="GE Healthcare", Model="Carescape R860",
              Category_Code="17-429", Site="General Hospital", Department="Renal", Location="Room 4", Status="C",
              **{"PPM Frequency (months)": "24"}),
    asset_row("EQ000007", Description="Ventilator", Manufacturer="G.E. Healthcare", Model="Carescape R860",
              Category_Code="17-429", Site="General Hospital", Department="Renal", Location="Room 4", Status="L"),
    # row 8: a careless join repeated row 2 exactly -> merged
    asset_row("EQ000002", Manufacturer="B Braun", Location="ICU Bay 3", Status="S", Risk="Medium",
              Purchase_Date="2019-03-14", Purchase_Cost="1234.5", Supplier="MEDEQUIP LTD"),
    asset_row("EQ000008", Manufacturer="Zoll", Purchase_Date="31/02/2019"),  # impossible date
    asset_row("EQ000009", Status="Z", Purchase_Cost="-£5.00"),  # unknown status, negative cost
    asset_row("EQ000010", Purchase_Date="01/01/2027"),  # in the future
    asset_row("EQ000001", Serial_No="SN-OTHER"),  # same number as row 1, other values
    asset_row("", Serial_No="SN-LOST"),  # no equipment number
]

EQUIPTRACK_JOBS = [
    job_row("J0000001", "EQ000001", Date_Raised=datetime(2024, 1, 2, 9, 0), Date_Completed="02/01/2024",
            Labour_Hours=1.5, Parts_Cost=0, Engineer="PERSON_e1e1e1e1"),  # completed: the date only
    job_row("J0000002", "EQ000004", Job_Type="REP", Date_Raised="03/02/2024 14:00", Date_Completed="",
            Fault_Description="Screen cracked, reported by PERSON_77777777 on PHONE_1234",
            Outcome="Parts ordered", Labour_Hours="45 min", Parts_Cost="£120.00", Engineer="PERSON_e2e2e2e2"),
    job_row("J0000003", "EQ999999"),  # unknown asset
    job_row("J0000004", "EQ000008"),  # asset rejected
    job_row("J0000005", "EQ000002", Date_Raised="2024-03-01 09:00:00", Date_Completed="2024-02-01 09:00:00"),
    job_row("J0000006", "eq000005", Job_Type="INS", Labour_Hours=2, Engineer="PERSON_e1e1e1e1",
            Date_Completed="TBC"),
    job_row("J0000006", "EQ000005", Outcome="Failed"),  # job number repeated with other values
    job_row("J0000008", "EQ000006", Job_Type="XXX"),  # unknown job type
]


def write_equiptrack(folder: Path) -> tuple[Path, Path]:
    return (write_equiptrack_assets_csv(folder / "assets.csv", EQUIPTRACK_ASSETS),
            write_equiptrack_jobs_xlsx(folder / "jobs.xlsx", EQUIPTRACK_JOBS))


def package(tmp_path: Path, sources: dict[str, Any], system: str) -> tuple[PackageResult, Path]:
    target = tmp_path / "package"
    result = write_package(sources, builtin_mapping(system), LocalFolderPackageWriter(target), dataset_id="DS-1",
                           authorisation_reference="AUTH-2026-001", clock=CLOCK)
    return result, target


def counts(result: PackageResult, table: str) -> tuple[int, int, int, int]:
    t = result.reconciliation.tables[table]
    return t.rows_read, t.rows_loaded, t.rows_merged, t.rows_rejected


def entity_rows(result: PackageResult) -> dict[str, int]:
    return {name: e.rows for name, e in result.reconciliation.entities.items()}


def check_equiptrack(result: PackageResult, target: Path) -> None:
    assert result.reconciliation.balanced
    assert counts(result, "assets") == (13, 7, 1, 5)
    assert counts(result, "jobs") == (8, 3, 0, 5)
    assert dict(result.reconciliation.tables["assets"].reasons) == {
        "invalid_value": 1, "unknown_code": 1, "out_of_range": 1, "future_date": 1, "duplicate_key": 1,
        "missing_required": 1}
    assert dict(result.reconciliation.tables["jobs"].reasons) == {
        "missing_reference": 1, "rejected_reference": 1, "dates_out_of_order": 1, "duplicate_key": 1,
        "unknown_code": 1}
    assert entity_rows(result) == {"sites": 2, "locations": 4, "manufacturers": 3, "device_models": 4,
                                   "suppliers": 2, "assets": 7, "ppm_schedules": 3, "contacts": 2, "jobs": 3}

    cost = result.reconciliation.totals[("assets", "assets", "acquisition_cost")]
    assert (cost.source, cost.loaded, cost.merged, cost.rejected) == (
        Decimal("5698.50"), Decimal("4469.00"), Decimal("1234.50"), Decimal("-5.00"))
    hours = result.reconciliation.totals[("jobs", "jobs", "labour_hours")]
    assert (hours.source, hours.loaded, hours.rejected) == (9.25, 4.25, 5.0)

    manifest = verify_package(target)
    assert manifest["entities"]["assets"]["rows"] == 7
    assets = pq.read_table(target / "assets.parquet")
    assert pc.sum(assets.column("acquisition_cost")).as_py() == cost.loaded
    assert sorted(assets.column("asset_number").to_pylist()) == [f"EQ00000{i}" for i in range(1, 8)]
    makers = pq.read_table(target / "manufacturers.parquet").column("name").to_pylist()
    assert sorted(makers) == ["B. Braun", "G.E. Healthcare", "PHILIPS Healthcare"]
    jobs = {r["job_number"]: r for r in pq.read_table(target / "jobs.parquet").to_pylist()}
    assert jobs["J0000002"]["status"] == "open" and jobs["J0000002"]["labour_hours"] == 0.75
    assert (jobs["J0000006"]["status"], jobs["J0000006"]["completed_at"]) == ("open", None)  # "TBC"
    assert jobs["J0000001"]["completed_at"] == datetime(2024, 1, 2)
    bought = {r["asset_number"]: r["acquisition_date"] for r in assets.to_pylist()}
    assert bought["EQ000005"] == date(2006, 8, 24)  # "24/08/2006 (invoiced) 11/09/2006 (installed)"
    assert jobs["J0000001"]["raised_at"] == datetime(2024, 1, 2, 9, 0)
    asset_ids = set(assets.column("asset_id").to_pylist())
    assert {j["asset_id"] for j in jobs.values()} <= asset_ids
    rejects = pq.read_table(target / "rejects.parquet").to_pylist()
    assert sorted((r["source_table"], r["row_number"]) for r in rejects) == [
        ("assets", 9), ("assets", 10), ("assets", 11), ("assets", 12), ("assets", 13),
        ("jobs", 3), ("jobs", 4), ("jobs", 5), ("jobs", 7), ("jobs", 8)]


def test_equiptrack_round_trip(tmp_path: Path) -> None:
    assets_csv, jobs_xlsx = write_equiptrack(tmp_path)
    sources = {"assets": lambda: read_equiptrack_assets_csv(assets_csv),
               "jobs": lambda: read_equiptrack_jobs_xlsx(jobs_xlsx)}
    result, target = package(tmp_path, sources, "equiptrack")
    check_equiptrack(result, target)


def test_equiptrack_round_trip_through_the_connectors(tmp_path: Path) -> None:
    import intake.connectors as connectors
    from intake.connectors.header import BANNER_REASON as banner
    assets_csv, jobs_xlsx = write_equiptrack(tmp_path)
    with connectors.open_source(None, assets_csv, settings=LIMITS) as assets, \
            connectors.open_source(None, jobs_xlsx, settings=LIMITS) as jobs:
        readers = {"assets": assets.read(assets.tables()[0]), "jobs": jobs.read("Jobs")}
        result, target = package(tmp_path, readers, "equiptrack")
    check_equiptrack(result, target)
    # The connectors read every data row (13 assets, 8 jobs, as in check_equiptrack) and report the two banner
    # lines above each header as their own rejects: every non-blank line but the header is accounted for.
    for reader in readers.values():
        assert (reader.rows_rejected, dict(reader.reject_reasons)) == (2, {banner: 2})
        assert [r.row_number for r in reader.rejects] == [1, 2]
        assert all("PERSON_" not in r.reason for r in reader.rejects)  # the exporting user stays in `raw` only


def test_reader_rejects_are_reported_beside_a_balanced_reconciliation(tmp_path: Path) -> None:
    """As the pipeline does: rows the connectors rejected (here the banners) are shown as unreadable, apart from
    the rows that reached the mapping, which still balance."""
    import intake.connectors as connectors
    assets_csv, jobs_xlsx = write_equiptrack(tmp_path)
    unreadable = {}
    for path, table in ((assets_csv, "assets"), (jobs_xlsx, "Jobs")):
        with connectors.open_source(None, path, settings=LIMITS) as source:
            reader = source.read(table)
            for _ in reader:
                pass
            unreadable[table.lower()] = reader.rows_rejected
    assert unreadable == {"assets": 2, "jobs": 2}
    with connectors.open_source(None, assets_csv, settings=LIMITS) as assets, \
            connectors.open_source(None, jobs_xlsx, settings=LIMITS) as jobs:
        readers = {"assets": assets.read("assets"), "jobs": jobs.read("Jobs")}
        result = write_package(readers, builtin_mapping("equiptrack"), LocalFolderPackageWriter(tmp_path / "pkg"),
                               dataset_id="DS-1", authorisation_reference="AUTH-2026-001", clock=CLOCK,
                               reader_rejects=unreadable)
    recon = result.reconciliation
    assert recon.balanced
    assert [(t, recon.tables[t].rows_read, recon.tables[t].rows_rejected_by_reader) for t in ("assets", "jobs")] \
        == [("assets", 13, 2), ("jobs", 8, 2)]
    assert "| assets | 13 (+2 unreadable) | 7 | 1 | 5 | yes |" in recon.to_markdown()


MEDIMAINT_COUNTS = {
    "tblSite": (2, 2, 0, 0), "tblLocation": (3, 3, 0, 0), "tblManufacturer": (2, 2, 0, 0),
    "tblModel": (3, 3, 0, 0), "tblStaff": (3, 3, 0, 0), "tblEquipment": (7, 4, 0, 3),
    "tblPPMSchedule": (3, 2, 0, 1), "tblWorkOrder": (6, 2, 0, 4), "tblContract": (3, 3, 0, 0),
}


def check_medimaint(result: PackageResult, target: Path) -> None:
    assert result.reconciliation.balanced
    assert {name: counts(result, name) for name in MEDIMAINT_COUNTS} == MEDIMAINT_COUNTS
    assert dict(result.reconciliation.tables["tblEquipment"].reasons) == {
        "missing_reference": 1, "unknown_code": 1, "duplicate_value": 1}
    assert dict(result.reconciliation.tables["tblWorkOrder"].reasons) == {
        "rejected_reference": 1, "dates_out_of_order": 1, "unknown_code": 1, "missing_reference": 1}
    assert entity_rows(result) == {"sites": 2, "locations": 3, "manufacturers": 2, "contacts": 4,
                                   "device_models": 3, "assets": 4, "ppm_schedules": 2, "jobs": 2, "suppliers": 2,
                                   "contracts": 3}
    cost = result.reconciliation.totals[("tblEquipment", "assets", "acquisition_cost")]
    assert (cost.source, cost.loaded, cost.rejected) == (Decimal("9394.49"), Decimal("9334.49"), Decimal("60.00"))
    verify_package(target)
    assets = {r["asset_number"]: r for r in pq.read_table(target / "assets.parquet").to_pylist()}
    assert set(assets) == {"MM-0001", "MM-0002", "MM-0003", "MM-0007"}
    assert (assets["MM-0001"]["status"], assets["MM-0001"]["device_class"]) == ("in_service", "IIb")
    contacts = {r["contact_id"]: r for r in pq.read_table(target / "contacts.parquet").to_pylist()}
    assert contacts[assets["MM-0001"]["owner_contact_id"]]["name"] == "PERSON_ee55ee55"
    suppliers = pq.read_table(target / "suppliers.parquet").column("name").to_pylist()
    assert sorted(suppliers) == ["Acme Services", "Medequip Limited"]
    models = pq.read_table(target / "device_models.parquet").to_pylist()
    makers = {r["manufacturer_id"] for r in pq.read_table(target / "manufacturers.parquet").to_pylist()}
    assert {m["manufacturer_id"] for m in models} <= makers


def test_medimaint_round_trip(tmp_path: Path, medimaint_db: Path) -> None:
    result, target = package(tmp_path, read_sqlite_tables(medimaint_db), "medimaint")
    check_medimaint(result, target)


def test_medimaint_round_trip_through_the_connectors(tmp_path: Path, medimaint_db: Path) -> None:
    import intake.connectors as connectors
    with connectors.open_source(None, medimaint_db, settings=LIMITS) as database:
        readers = {table: database.read(table) for table in database.tables()}
        result, target = package(tmp_path, readers, "medimaint")
    check_medimaint(result, target)


def test_the_same_source_gives_the_same_ids(tmp_path: Path, medimaint_db: Path) -> None:
    _, one = package(tmp_path / "a", read_sqlite_tables(medimaint_db), "medimaint")
    _, two = package(tmp_path / "b", read_sqlite_tables(medimaint_db), "medimaint")
    for entity in ("assets", "jobs", "suppliers", "contacts"):
        assert pq.read_table(one / f"{entity}.parquet").equals(pq.read_table(two / f"{entity}.parquet"))
