"""The MySQL side of `board_dump_export.py`: the legacy schema and a writer that lays tables out as `mysqldump` 8.0
does (read back by intake's own `sql_dump` reader, for intake and for the plain-Presidio baseline alike).

The writer: header comments and `/*!40101 SET ... */;` lines, GTID lines, tables in alphabetical order, each with
`DROP TABLE IF EXISTS`, `CREATE TABLE` (enums, decimals, defaults, comments with doubled quotes, keys, a
foreign key), `LOCK TABLES`, `DISABLE KEYS` and extended INSERTs (one line each, a new statement once a line
passes the net buffer), strings escaped as `mysql_real_escape_string` does (`\\0 \\n \\r \\\\ \\' \\" \\Z`; tabs
as they are), numbers bare, `NULL`; the assets' audit trigger in a `DELIMITER ;;` block after their data (its
body holds an `INSERT INTO` of its own); and, appended by a later migration script, an INSERT with an explicit
column list in another order (that script also writes tabs as `\\t`).
"""

from __future__ import annotations

import re
from typing import Any


class Raw(str):
    """A value written bare: a decimal as MySQL prints it."""


_VC = "varchar({}) DEFAULT NULL"
SCHEMA: dict[str, list[str]] = {
    "assets": ["`id` int NOT NULL AUTO_INCREMENT", "`asset_tag` varchar(20) NOT NULL", f"`umdns` {_VC.format(10)}",
               f"`generic_name` {_VC.format(120)}", "`manufacturer_id` int DEFAULT NULL", f"`model` {_VC.format(80)}",
               f"`serial_no` {_VC.format(40)}", "`supplier_id` int DEFAULT NULL", "`location_id` int DEFAULT NULL",
               "`responsible_id` int DEFAULT NULL", "`engineer_id` int DEFAULT NULL",
               "`condition_code` enum('A','S','R','C','L') NOT NULL DEFAULT 'A'", f"`risk_class` {_VC.format(10)}",
               "`purchase_date` date DEFAULT NULL", "`install_date` date NOT NULL DEFAULT '0000-00-00'",
               "`warranty_end` date DEFAULT NULL", "`purchase_price` decimal(10,2) DEFAULT NULL",
               "`last_ppm` date DEFAULT NULL", "`next_ppm` date DEFAULT NULL",
               "`notes` text COMMENT 'free text (the ward''s own notes, (c) 2009 migration)'",
               f"`created_by` {_VC.format(32)}", f"`modified_by` {_VC.format(32)}",
               "`modified_at` datetime DEFAULT NULL",
               "PRIMARY KEY (`id`)", "UNIQUE KEY `uq_asset_tag` (`asset_tag`)", "KEY `idx_location` (`location_id`)",
               "KEY `fk_assets_mfr` (`manufacturer_id`)",
               "CONSTRAINT `fk_assets_mfr` FOREIGN KEY (`manufacturer_id`) REFERENCES `contacts` (`id`)"],
    "audit_log": ["`id` bigint unsigned NOT NULL AUTO_INCREMENT",
                  "`logged_at` datetime NOT NULL DEFAULT '0000-00-00 00:00:00'", f"`username` {_VC.format(64)}",
                  "`record_type` varchar(20) NOT NULL", "`record_id` int NOT NULL",
                  "`action` enum('INSERT','UPDATE','DELETE','IMPORT') NOT NULL", "`detail` text",
                  "PRIMARY KEY (`id`)", "KEY `idx_record` (`record_type`,`record_id`)"],
    "cmms_settings": ["`setting` varchar(64) NOT NULL", f"`value` {_VC.format(255)}", "PRIMARY KEY (`setting`)"],
    "contacts": ["`id` int NOT NULL AUTO_INCREMENT", "`org_name` varchar(120) NOT NULL",
                 "`org_type` enum('Manufacturer','Supplier','Service Agent','Manufacturer/Supplier') DEFAULT NULL",
                 f"`contact_person` {_VC.format(100)}", f"`address` {_VC.format(255)}", f"`town` {_VC.format(60)}",
                 f"`postcode` {_VC.format(10)}", f"`phone` {_VC.format(40)}", f"`fax` {_VC.format(40)}",
                 f"`email` {_VC.format(120)}", f"`website` {_VC.format(120)}", "`notes` text", "PRIMARY KEY (`id`)"],
    "interventions": ["`id` int NOT NULL AUTO_INCREMENT", "`workorder_id` int NOT NULL",
                      "`engineer_id` int DEFAULT NULL", "`contractor_id` int DEFAULT NULL",
                      "`int_date` date DEFAULT NULL", f"`failure_cause` {_VC.format(80)}", "`description` mediumtext",
                      "`hours` decimal(5,2) DEFAULT NULL", "`total_cost` decimal(10,2) DEFAULT '0.00'",
                      "`condition_after` char(1) DEFAULT NULL", "PRIMARY KEY (`id`)",
                      "KEY `idx_wo` (`workorder_id`)"],
    "locations": ["`id` int NOT NULL AUTO_INCREMENT", "`site_id` int NOT NULL", f"`building` {_VC.format(100)}",
                  f"`floor` {_VC.format(20)}", f"`department` {_VC.format(100)}", f"`room` {_VC.format(60)}",
                  f"`ext` {_VC.format(20)}", "PRIMARY KEY (`id`)", "KEY `idx_site` (`site_id`)"],
    "parts_lines": ["`id` int NOT NULL AUTO_INCREMENT", "`intervention_id` int NOT NULL",
                    f"`part_no` {_VC.format(40)}", f"`part_desc` {_VC.format(120)}",
                    "`qty` smallint NOT NULL DEFAULT '1'", "`unit_price` decimal(10,2) DEFAULT NULL",
                    "PRIMARY KEY (`id`)", "KEY `idx_int` (`intervention_id`)"],
    "sites": ["`id` int NOT NULL AUTO_INCREMENT", "`site_code` char(4) DEFAULT NULL",
              "`site_name` varchar(120) NOT NULL", f"`town` {_VC.format(60)}", f"`postcode` {_VC.format(10)}",
              "PRIMARY KEY (`id`)"],
    "staff": ["`id` int NOT NULL AUTO_INCREMENT",
              "`first_name` varchar(50) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL",
              "`last_name` varchar(50) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL",
              f"`position` {_VC.format(80)}", "`technician` tinyint(1) NOT NULL DEFAULT '0'",
              f"`work_phone` {_VC.format(30)}", f"`mobile` {_VC.format(30)}", f"`email` {_VC.format(120)}",
              f"`staff_no` {_VC.format(20)}", "`active` tinyint(1) NOT NULL DEFAULT '1'", "PRIMARY KEY (`id`)"],
    "users": ["`id` int NOT NULL AUTO_INCREMENT", "`username` varchar(32) NOT NULL", "`staff_id` int DEFAULT NULL",
              f"`pw_hash` {_VC.format(255)}", "`role` enum('admin','engineer','ward','readonly') NOT NULL DEFAULT "
              "'readonly'", "`last_login` datetime DEFAULT NULL",
              "`created` timestamp NULL DEFAULT CURRENT_TIMESTAMP", "PRIMARY KEY (`id`)",
              "UNIQUE KEY `uq_username` (`username`)"],
    "workorders": ["`id` int NOT NULL AUTO_INCREMENT", "`wo_no` varchar(20) NOT NULL", "`asset_id` int NOT NULL",
                   "`requested_at` datetime NOT NULL", f"`requester` {_VC.format(100)}",
                   f"`requester_tel` {_VC.format(40)}", "`description` text", "`priority` tinyint DEFAULT '3'",
                   "`visit_type` varchar(4) NOT NULL DEFAULT 'BRK'",
                   "`status` enum('Open','On Hold','Closed','Cancelled') NOT NULL DEFAULT 'Open'",
                   "`closed_at` datetime NOT NULL DEFAULT '0000-00-00 00:00:00'", f"`logged_by` {_VC.format(32)}",
                   "PRIMARY KEY (`id`)", "UNIQUE KEY `uq_wo_no` (`wo_no`)", "KEY `idx_asset` (`asset_id`)"],
}


def columns(table: str) -> list[str]:
    return [m.group(1) for line in SCHEMA[table] if (m := re.match(r"`(\w+)` ", line))]


_ESCAPES = {"\0": "\\0", "\n": "\\n", "\r": "\\r", "\\": "\\\\", "'": "\\'", '"': '\\"', "\x1a": "\\Z"}


def literal(value: Any, tabs: bool = False) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (int, Raw)):
        return str(value)
    escapes = {**_ESCAPES, "\t": "\\t"} if tabs else _ESCAPES
    return "'" + "".join(escapes.get(c, c) for c in str(value)) + "'"


TRIGGER = """\
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_0900_ai_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'NO_ENGINE_SUBSTITUTION' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`cmms_app`@`%`*/ /*!50003 TRIGGER `trg_assets_au` AFTER UPDATE ON `assets` \
FOR EACH ROW BEGIN
  IF NOT (NEW.location_id <=> OLD.location_id) THEN
    INSERT INTO audit_log (logged_at, username, record_type, record_id, action, detail)
    VALUES (NOW(), @app_user, 'asset', NEW.id, 'UPDATE', CONCAT('location_id ', OLD.location_id, ' -> ', \
NEW.location_id, ';'));
  END IF;
END */;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
"""


def dump(tables: dict[str, list[dict[str, Any]]], appended: tuple[str, list[str], list[dict[str, Any]]],
         host: str, database: str, finished: str, net_buffer: int) -> str:
    """The dump file's text: every table of `SCHEMA` with its rows, then the migration script's `appended` rows
    (table, column order, rows)."""
    out = ["-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)", "--",
           f"-- Host: {host}    Database: {database}", "-- ------------------------------------------------------",
           "-- Server version\t8.0.36-0ubuntu0.22.04.1", ""]
    out += [f"/*!{v} SET {s} */;" for v, s in [
        ("40101", "@OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT"),
        ("40101", "@OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS"),
        ("40101", "@OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION"), ("50503", "NAMES utf8mb4"),
        ("40103", "@OLD_TIME_ZONE=@@TIME_ZONE"), ("40103", "TIME_ZONE='+00:00'"),
        ("40014", "@OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0"),
        ("40014", "@OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0"),
        ("40101", "@OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO'"),
        ("40111", "@OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0")]]
    out += ["SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN;", "SET @@SESSION.SQL_LOG_BIN= 0;", "", "--",
            "-- GTID state at the beginning of the backup ", "--", "",
            "SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '3e11fa47-71ca-11e1-9e33-c80aa9429562:1-48211';"]
    for name in sorted(SCHEMA):
        rows = tables.get(name, [])
        cols = columns(name)
        ai = f" AUTO_INCREMENT={len(rows) + 1}" if rows and "AUTO_INCREMENT" in SCHEMA[name][0] else ""
        out += ["", "--", f"-- Table structure for table `{name}`", "--", "", f"DROP TABLE IF EXISTS `{name}`;",
                "/*!40101 SET @saved_cs_client     = @@character_set_client */;",
                "/*!50503 SET character_set_client = utf8mb4 */;", f"CREATE TABLE `{name}` (",
                ",\n".join("  " + line for line in SCHEMA[name]),
                f") ENGINE=InnoDB{ai} DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;",
                "/*!40101 SET character_set_client = @saved_cs_client */;", "", "--",
                f"-- Dumping data for table `{name}`", "--", "", f"LOCK TABLES `{name}` WRITE;",
                f"/*!40000 ALTER TABLE `{name}` DISABLE KEYS */;"]
        out += _inserts(f"INSERT INTO `{name}` VALUES ", cols, rows, net_buffer, False)
        out += [f"/*!40000 ALTER TABLE `{name}` ENABLE KEYS */;", "UNLOCK TABLES;"]
        if name == "assets":
            out.append(TRIGGER.rstrip("\n"))
    table, cols, rows = appended
    out += ["", f"-- {len(rows)} rows recovered from the Access front end (migrate_access.py, 2023-06-02)",
            f"LOCK TABLES `{table}` WRITE;"]
    out += _inserts(f"INSERT INTO `{table}` ({','.join(f'`{c}`' for c in cols)}) VALUES ", cols, rows, net_buffer,
                    True)
    out += ["UNLOCK TABLES;", "SET @@SESSION.SQL_LOG_BIN = @MYSQLDUMP_TEMP_LOG_BIN;",
            "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;", ""]
    out += [f"/*!{v} SET {s} */;" for v, s in [
        ("40101", "SQL_MODE=@OLD_SQL_MODE"), ("40014", "FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS"),
        ("40014", "UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS"), ("40101", "CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT"),
        ("40101", "CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS"),
        ("40101", "COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION"), ("40111", "SQL_NOTES=@OLD_SQL_NOTES")]]
    out += ["", f"-- Dump completed on {finished}", ""]
    return "\n".join(out)


def _inserts(head: str, cols: list[str], rows: list[dict[str, Any]], net_buffer: int, tabs: bool) -> list[str]:
    """Extended INSERTs: tuples joined by commas on one line, a new statement once the line passes `net_buffer`."""
    lines: list[str] = []
    current: list[str] = []
    size = 0
    for row in rows:
        values = "(" + ",".join(literal(row.get(c), tabs) for c in cols) + ")"
        if current and size + len(values.encode()) > net_buffer:
            lines.append(head + ",".join(current) + ";")
            current, size = [], 0
        current.append(values)
        size += len(values.encode()) + 1
    if current:
        lines.append(head + ",".join(current) + ";")
    return lines


_UNESCAPE = {"0": "\0", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a", "b": "\b"}
