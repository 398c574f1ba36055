"""The schema of `privatehosp_export.py`'s CMMS and the script SQL Server Management Studio's "Generate Scripts"
(schema and data) writes of it: UTF-16 LE with a BOM, CR LF line ends, `GO` batches, bracketed names, one INSERT
per row with `N''` strings (doubled quotes, line breaks inside), `CAST(N'...' AS DateTime)` dates, `CAST(x AS
Decimal(p, s))` decimals, bit and uniqueidentifier columns, a computed and a rowversion column (left out of the
INSERTs), identity inserts, a view, an audit trigger whose INSERT ... SELECT holds no row, indexes, defaults, foreign
keys, a check and an extended property at the end."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# table: (schema in fresh11's script, columns "Name type [notnull|identity|computed AS ...|rowguid]"); the first
# column is the key.
SCHEMA: dict[str, tuple[str, list[str]]] = {
    "AuditTrail": ("audit", ["AuditID bigint identity", "TableName sysname notnull", "RecordID int notnull",
                             "FieldName sysname notnull", "OldValue nvarchar(max)", "NewValue nvarchar(max)",
                             "ChangedBy nvarchar(128) notnull", "ChangedOn datetime2(7) notnull",
                             "HostName nvarchar(64)"]),
    "Assets": ("dbo", ["AssetID int identity", "AssetTag varchar(12) notnull", "ModelID int notnull",
                       "SerialNo nvarchar(40)", "RoomID int", "Status varchar(20) notnull",
                       "IsConsultantOwned bit notnull",
                       "OwnerStaffID int", "LinkEngineerID int", "SupplierID int", "ContractID int",
                       "PurchaseOrderNo varchar(20)", "PurchaseDate date", "PurchaseCost decimal(10,2)",
                       "WarrantyExpiry date", "LastPPM date", "NextPPM date", "Notes nvarchar(max)",
                       "AssetGuid uniqueidentifier rowguid", "CreatedOn datetime notnull",
                       "LastModifiedBy nvarchar(64)",
                       "LastModifiedOn datetime", "RowVer timestamp notnull"]),
    "Companies": ("dbo", ["CompanyID int identity", "CompanyName nvarchar(120) notnull", "CompanyType varchar(20)",
                          "AccountNo varchar(12)", "SupportLine varchar(20)", "ServiceContact nvarchar(100)",
                          "ServiceMobile varchar(25)", "Website nvarchar(120)", "IsApproved bit notnull"]),
    "Contracts": ("dbo", ["ContractID int identity", "ContractNo varchar(20) notnull", "CompanyID int notnull",
                          "CoverType nvarchar(40)", "StartDate date", "EndDate date", "AnnualValue decimal(12,2)",
                          "Notes nvarchar(max)"]),
    "Departments": ("dbo", ["DepartmentID int identity", "SiteID int notnull", "DepartmentName nvarchar(100) notnull",
                            "Building nvarchar(60)", "CostCentre varchar(12)", "Extension varchar(8)",
                            "AreaType varchar(12)", "ManagerStaffID int"]),
    "Incidents": ("dbo", ["IncidentID int identity", "IncidentRef varchar(20) notnull", "AssetID int notnull",
                          "WorkOrderID int", "OccurredAt datetime notnull", "Category nvarchar(40)",
                          "Harm nvarchar(20)",
                          "PatientInvolved bit notnull", "Description nvarchar(max)", "ActionTaken nvarchar(max)",
                          "ReportedBy nvarchar(100)", "MHRAReported bit notnull", "MHRARef varchar(30)"]),
    "Models": ("dbo", ["ModelID int identity", "ManufacturerID int notnull", "ModelName nvarchar(80) notnull",
                       "DeviceType nvarchar(80)", "GMDNCode varchar(10)", "RiskClass varchar(10)",
                       "PPMIntervalMonths tinyint", "IsLoanPool bit notnull"]),
    "PatientLoans": ("dbo", ["LoanID int identity", "AssetID int notnull", "PatientName nvarchar(120) notnull",
                             "PatientNo varchar(20)", "DateOfBirth date", "AddressLine nvarchar(200)",
                             "Postcode varchar(10)", "ContactPhone varchar(30)", "FundingType varchar(10)",
                             "InsurerName nvarchar(60)", "MembershipNo varchar(30)", "NHSNumber varchar(12)",
                             "ConsultantID int", "IssuedByID int", "IssuedOn datetime notnull", "DueBack date",
                             "ReturnedOn datetime", "Notes nvarchar(max)"]),
    "Rooms": ("dbo", ["RoomID int identity", "DepartmentID int notnull", "RoomName nvarchar(80) notnull",
                      "RoomType varchar(20)", "IsClinical bit notnull"]),
    "Sites": ("dbo", ["SiteID int identity", "SiteCode nvarchar(10) notnull", "SiteName nvarchar(100) notnull",
                      "Town nvarchar(50)", "Switchboard varchar(20)", "IsActive bit notnull",
                      "SiteGuid uniqueidentifier rowguid"]),
    "Staff": ("dbo", ["StaffID int identity", "Title nvarchar(10)", "Forename nvarchar(50) notnull",
                      "Surname nvarchar(60) notnull", "FullName computed AS (([Forename]+N' ')+[Surname])",
                      "JobTitle nvarchar(80)", "StaffGroup varchar(10)", "ProfessionalBody varchar(6)",
                      "RegistrationNo varchar(12)", "Email nvarchar(120)", "Mobile varchar(25)", "Extension varchar(8)",
                      "IsActive bit notnull", "StaffGuid uniqueidentifier rowguid", "CreatedOn datetime"]),
    "SystemSettings": ("dbo", ["SettingKey varchar(50) notnull", "SettingValue nvarchar(400)"]),
    "Users": ("dbo", ["UserID int identity", "LoginName nvarchar(64) notnull", "StaffID int",
                      "PasswordHash varbinary(64)", "IsAdmin bit notnull", "LastLogin datetime",
                      "IsLocked bit notnull"]),
    "WorkOrderNotes": ("dbo", ["NoteID int identity", "WorkOrderID int notnull", "NoteType nvarchar(30)",
                               "EnteredOn datetime2(0) notnull", "EnteredBy nvarchar(64)", "NoteText nvarchar(max)",
                               "IsInternal bit notnull"]),
    "WorkOrders": ("dbo", ["WorkOrderID int identity", "WONumber varchar(16) notnull", "AssetID int notnull",
                           "JobType varchar(20)", "Priority tinyint", "Status varchar(20)", "RaisedOn datetime notnull",
                           "RaisedBy nvarchar(100)", "ContactNo nvarchar(40)", "FaultDescription nvarchar(max)",
                           "AssignedToID int", "ContractorID int", "PONumber varchar(20)", "CompletedOn datetime",
                           "LabourHours decimal(5,2)", "PartsCost decimal(10,2)", "FailureCause nvarchar(40)",
                           "WOGuid uniqueidentifier rowguid"]),
}
FOREIGN = [("Assets", "ModelID", "Models"), ("Assets", "RoomID", "Rooms"), ("Assets", "OwnerStaffID", "Staff"),
           ("Assets", "SupplierID", "Companies"), ("Assets", "ContractID", "Contracts"),
           ("Departments", "SiteID", "Sites"), ("Incidents", "AssetID", "Assets"),
           ("Models", "ManufacturerID", "Companies"), ("PatientLoans", "AssetID", "Assets"),
           ("PatientLoans", "ConsultantID", "Staff"), ("Rooms", "DepartmentID", "Departments"),
           ("WorkOrderNotes", "WorkOrderID", "WorkOrders"), ("WorkOrders", "AssetID", "Assets")]
_COL = re.compile(r"(\w+) (\w+)(?:\(([\w, ]+)\))?(.*)")


def _columns(table: str) -> list[tuple[str, str, str, str]]:
    """(name, type, size, flags) of the table's columns."""
    out = []
    for spec in SCHEMA[table][1]:
        m = _COL.match(spec)
        assert m, spec
        name, kind, size, flags = m.groups()
        out.append((name, kind, size or "", flags.strip()))
    return out


def _value(value: Any, kind: str, size: str) -> str:
    if value is None:
        return "NULL"
    if kind in ("nvarchar", "sysname", "uniqueidentifier"):
        return "N'" + str(value).replace("'", "''") + "'"
    if kind == "varchar":
        return "'" + str(value).replace("'", "''") + "'"
    if kind == "datetime":
        return f"CAST(N'{value:%Y-%m-%dT%H:%M:%S}.{value.microsecond // 1000:03d}' AS DateTime)"
    if kind == "datetime2":
        digits = int(size)
        frac = f".{value.microsecond:06d}0"[:digits + 1] if digits else ""
        return f"CAST(N'{value:%Y-%m-%dT%H:%M:%S}{frac}' AS DateTime2)"
    if kind == "date":
        return f"CAST(N'{value:%Y-%m-%d}' AS Date)"
    if kind == "decimal":
        p, s = size.split(",")
        return f"CAST({value} AS Decimal({p.strip()}, {s.strip()}))"
    if kind == "varbinary":
        return "0x" + bytes(value).hex().upper()
    return str(int(value)) if isinstance(value, bool) else str(value)


def _type(kind: str, size: str) -> str:
    return f"[{kind}]" + (f"({size.replace(',', ', ')})" if size else "")


def create_table(table: str, schema: str, modern: bool) -> str:
    lines = []
    cols = _columns(table)
    for name, kind, size, flags in cols:
        if kind == "computed":
            lines.append(f"\t[{name}]  {flags},")
            continue
        extra = " IDENTITY(1,1)" if flags == "identity" else " ROWGUIDCOL " if flags == "rowguid" else ""
        null = " NOT NULL" if flags in ("identity", "notnull", "rowguid") else " NULL"
        lines.append(f"\t[{name}] {_type(kind, size)}{extra}{null},")
    option = ", OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF" if modern else ""
    text_image = " TEXTIMAGE_ON [PRIMARY]" if any(size == "max" for _, _, size, _ in cols) else ""
    return (f"CREATE TABLE [{schema}].[{table}](\r\n" + "\r\n".join(lines) +
            f"\r\n CONSTRAINT [PK_{table}] PRIMARY KEY CLUSTERED \r\n(\r\n\t[{cols[0][0]}] ASC\r\n)WITH ("
            "PAD_INDEX = OFF, "
            "STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON"
            f"{option}) ON [PRIMARY]\r\n) ON [PRIMARY]{text_image}\r\n")


def inserts(table: str, schema: str, rows: list[dict[str, Any]]) -> str:
    """The table's data as SSMS 18+ scripts it: one INSERT per row, each its own batch."""
    cols = [c for c in _columns(table) if c[1] not in ("computed", "timestamp")]
    head = f"INSERT [{schema}].[{table}] (" + ", ".join(f"[{c[0]}]" for c in cols) + ") VALUES ("
    identity = any(c[3] == "identity" for c in cols)
    out = [f"SET IDENTITY_INSERT [{schema}].[{table}] ON \r\nGO\r\n"] if identity else []
    for row in rows:
        out.append(head + ", ".join(_value(row.get(c[0]), c[1], c[2]) for c in cols) + ")\r\nGO\r\n")
    if identity:
        out.append(f"SET IDENTITY_INSERT [{schema}].[{table}] OFF\r\nGO\r\n")
    return "".join(out)


def header(kind: str, schema: str, name: str, stamp: dt.datetime) -> str:
    return f"/****** Object:  {kind} [{schema}].[{name}]    Script Date: {stamp:%d/%m/%Y %H:%M:%S} ******/\r\n"


def _prelude(db: str, split: str, stamp: dt.datetime) -> str:
    """dev13 scripted the tables only; fresh11 the database too (files, settings, a login's user)."""
    if split == "dev13":
        return f"USE [{db}]\r\nGO\r\n"
    settings = ["ANSI_NULL_DEFAULT OFF ", "ANSI_NULLS OFF ", "ANSI_PADDING OFF ", "ARITHABORT OFF ",
                "AUTO_CLOSE OFF ", "AUTO_SHRINK OFF ", "RECOVERY FULL ", " MULTI_USER ", "PAGE_VERIFY CHECKSUM  ",
                "DB_CHAINING OFF ", "QUERY_STORE = OFF"]
    out = ["USE [master]\r\nGO\r\n",
           header("Database", "", db, stamp).replace("[].", ""),
           f"CREATE DATABASE [{db}]\r\n CONTAINMENT = NONE\r\n ON  PRIMARY \r\n( NAME = N'{db}', "
           "FILENAME = N'E:\\MSSQL13."
           f"MEDENG\\MSSQL\\DATA\\{db}.mdf' , SIZE = 401408KB , MAXSIZE = UNLIMITED, FILEGROWTH = 65536KB )\r\n LOG ON "
           f"\r\n( NAME = N'{db}_log', FILENAME = N'F:\\MSSQL13.MEDENG\\MSSQL\\Log\\{db}_log.ldf' , SIZE = 204800KB , "
           "MAXSIZE = 2048GB , FILEGROWTH = 65536KB )\r\nGO\r\n",
           f"ALTER DATABASE [{db}] SET COMPATIBILITY_LEVEL = 130\r\nGO\r\n",
           "IF (1 = FULLTEXTSERVICEPROPERTY('IsFullTextInstalled'))\r\nbegin\r\n"
           f"EXEC [{db}].[dbo].[sp_fulltext_database] @action = 'enable'\r\nend\r\nGO\r\n"]
    out += [f"ALTER DATABASE [{db}] SET {s}\r\nGO\r\n" for s in settings]
    out += [f"USE [{db}]\r\nGO\r\n", header("User", "", "PIH\\svc_medeng", stamp).replace("[].", "") +
            "CREATE USER [PIH\\svc_medeng] FOR LOGIN [PIH\\svc_medeng] WITH DEFAULT_SCHEMA=[dbo]\r\nGO\r\n",
            "ALTER ROLE [db_datareader] ADD MEMBER [PIH\\svc_medeng]\r\nGO\r\n",
            header("Schema", "", "audit", stamp).replace("[].", "") + "CREATE SCHEMA [audit]\r\nGO\r\n"]
    return "".join(out)


VIEW = ("CREATE VIEW [dbo].[vwOverdueLoans]\r\nAS\r\nSELECT l.LoanID, a.AssetTag, l.PatientName, l.ContactPhone, "
        "l.DueBack,"
        "\r\n       DATEDIFF(day, l.DueBack, GETDATE()) AS DaysOverdue\r\nFROM dbo.PatientLoans AS l\r\n"
        "INNER JOIN dbo.Assets AS a ON a.AssetID = l.AssetID\r\nWHERE l.ReturnedOn IS NULL AND l.DueBack < "
        "CAST(GETDATE() AS date)\r\nGO\r\n")
TRIGGER = ("CREATE TRIGGER [dbo].[trg_Assets_Audit] ON [dbo].[Assets]\r\nAFTER UPDATE\r\nAS\r\nBEGIN\r\n"
           "\tSET NOCOUNT ON;\r\n\tINSERT INTO [{audit}].[AuditTrail] ([TableName], [RecordID], [FieldName], "
           "[OldValue], "
           "[NewValue], [ChangedBy], [ChangedOn], [HostName])\r\n\tSELECT N'Assets', i.AssetID, N'Status', d.Status, "
           "i.Status, SUSER_SNAME(), SYSDATETIME(), HOST_NAME()\r\n\tFROM inserted AS i INNER JOIN deleted AS d ON "
           "d.AssetID = i.AssetID\r\n\tWHERE ISNULL(d.Status, '') <> ISNULL(i.Status, '');\r\nEND\r\nGO\r\n"
           "ALTER TABLE [dbo].[Assets] ENABLE TRIGGER [trg_Assets_Audit]\r\nGO\r\n")


def script(tables: dict[str, list[dict[str, Any]]], split: str, db: str, stamp: dt.datetime) -> str:
    """The whole script, as SSMS 19 (dev13, SQL Server 2019) or SSMS 18 on SQL Server 2016 (fresh11) writes it."""
    modern = split == "dev13"
    audit = "audit" if not modern else "dbo"
    schemas = {t: (audit if t == "AuditTrail" else "dbo") for t in SCHEMA}
    order = sorted(SCHEMA, key=lambda t: (schemas[t] != "audit", t))
    out = [_prelude(db, split, stamp)]
    for table in order:
        out.append(header("Table", schemas[table], table, stamp) + "SET ANSI_NULLS ON\r\nGO\r\n"
                   "SET QUOTED_IDENTIFIER ON\r\nGO\r\n" + create_table(table, schemas[table], modern) + "GO\r\n")
    out.append(header("View", "dbo", "vwOverdueLoans", stamp) + "SET ANSI_NULLS ON\r\nGO\r\nSET QUOTED_IDENTIFIER ON"
               "\r\nGO\r\n" + VIEW)
    for table in order:
        out.append(inserts(table, schemas[table], tables[table]))
    tail = ["SET ANSI_PADDING ON\r\nGO\r\n" + header("Index", "dbo", "IX_Assets_AssetTag", stamp).replace(
        "[dbo].[IX_Assets_AssetTag]", "[IX_Assets_AssetTag]") + "CREATE UNIQUE NONCLUSTERED INDEX [IX_Assets_AssetTag] "
        "ON [dbo].[Assets]\r\n(\r\n\t[AssetTag] ASC\r\n)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, "
        "SORT_IN_TEMPDB = OFF, IGNORE_DUP_KEY = OFF, DROP_EXISTING = OFF, ONLINE = OFF, ALLOW_ROW_LOCKS = ON, "
        "ALLOW_PAGE_LOCKS = ON) ON [PRIMARY]\r\nGO\r\n"]
    for table, column, value in (("Assets", "AssetGuid", "newid()"), ("Assets", "CreatedOn", "getdate()"),
                                 ("Assets", "IsConsultantOwned", "(0)"), ("Sites", "SiteGuid", "newsequentialid()"),
                                 ("Staff", "StaffGuid", "newid()"), ("WorkOrders", "WOGuid", "newid()"),
                                 ("AuditTrail", "ChangedOn", "sysdatetime()")):
        tail.append(f"ALTER TABLE [{schemas[table]}].[{table}] ADD  CONSTRAINT [DF_{table}_{column}]  "
                    f"DEFAULT ({value}) FOR [{column}]\r\nGO\r\n")
    for table, column, target in FOREIGN:
        fk = f"FK_{table}_{target}_{column}"
        tail.append(f"ALTER TABLE [dbo].[{table}]  WITH CHECK ADD  CONSTRAINT [{fk}] FOREIGN KEY([{column}])\r\n"
                    f"REFERENCES [dbo].[{target}] ([{_columns(target)[0][0]}])\r\nGO\r\n"
                    f"ALTER TABLE [dbo].[{table}] CHECK CONSTRAINT [{fk}]\r\nGO\r\n")
    tail.append("ALTER TABLE [dbo].[WorkOrders]  WITH CHECK ADD  CONSTRAINT [CK_WorkOrders_Priority] CHECK  "
                "(([Priority]>=(1) AND [Priority]<=(5)))\r\nGO\r\nALTER TABLE [dbo].[WorkOrders] CHECK CONSTRAINT "
                "[CK_WorkOrders_Priority]\r\nGO\r\n")
    tail.append(header("Trigger", "dbo", "trg_Assets_Audit", stamp) + "SET ANSI_NULLS ON\r\nGO\r\n"
                "SET QUOTED_IDENTIFIER ON\r\nGO\r\n" + TRIGGER.replace("{audit}", audit))
    tail.append("EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'Patient''s name as typed at the "
                "loans desk (surname, forename or title initial surname)' , @level0type=N'SCHEMA',@level0name=N'dbo', "
                "@level1type=N'TABLE',@level1name=N'PatientLoans', @level2type=N'COLUMN',@level2name=N'PatientName'"
                "\r\nGO\r\n")
    if not modern:
        tail.append(f"USE [master]\r\nGO\r\nALTER DATABASE [{db}] SET  READ_WRITE \r\nGO\r\n")
    return "".join(out + tail)
