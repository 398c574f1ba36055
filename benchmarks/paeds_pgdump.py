"""The PostgreSQL side of `paeds_export.py`: a writer that lays the library system's tables out as `pg_dump` 15/16
plain format does (the schema is `paeds_schema.py`; read back by intake's own `sql_dump` reader, for intake and for
the plain-Presidio baseline alike).

The writer: the header and `SET` lines, `SELECT pg_catalog.set_config('search_path', '', false);`, pg_dump 16.10's
`\\restrict` key (dev12) or pgAdmin's `--verbose` TOC comments (fresh10); the `audit` schema, an extension, an enum
type, two trigger functions with dollar-quoted bodies (one holds an `INSERT INTO`); `CREATE TABLE` with types,
defaults, a `CHECK` and a quoted keyword column, `OWNER TO`, sequences `OWNED BY` and one identity column; the
column defaults; the data as `COPY ... FROM stdin;` blocks ended by `\\.` in COPY's text escaping (`\\t`, `\\n`,
`\\r`, `\\\\`, `\\N` for NULL), jsonb, arrays, booleans as t/f, Europe/London time stamps; `setval`s, then keys,
indexes, triggers, foreign keys and grants, as pg_dump orders them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from paeds_schema import FOREIGN, FUNCTIONS, IDENTITY, INDEXES, OWNER, SCHEMA, STATUSES, UNIQUE


class Raw(str):
    """A value written as it stands: a numeric as PostgreSQL prints it."""


class Jsonb:
    """A jsonb value, printed as PostgreSQL prints jsonb (keys by length, then bytes; ", " and ": ")."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __str__(self) -> str:
        def out(v: Any) -> str:
            if isinstance(v, dict):
                keys = sorted(v, key=lambda k: (len(k.encode()), k.encode()))
                return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {out(v[k])}" for k in keys) + "}"
            if isinstance(v, list):
                return "[" + ", ".join(out(x) for x in v) + "]"
            return json.dumps(v, ensure_ascii=False)
        return out(self.value)


def columns(table: str) -> list[str]:
    return [line.split()[0].strip('"') for line in SCHEMA[table] if not line.startswith("CONSTRAINT")]


def _bst(t: dt.datetime) -> bool:
    """British Summer Time: from the last Sunday of March to the last Sunday of October, 01:00 UTC."""
    def last_sunday(month: int) -> dt.datetime:
        d = dt.datetime(t.year, month, 31, 1)
        return d - dt.timedelta(days=(d.weekday() + 1) % 7)
    return last_sunday(3) <= t < last_sunday(10)


def tstz(t: dt.datetime) -> str:
    """A naive UTC moment as a Europe/London session prints a timestamptz."""
    local = t + dt.timedelta(hours=1) if _bst(t) else t
    frac = f".{t.microsecond:06d}".rstrip("0") if t.microsecond else ""
    return f"{local:%Y-%m-%d %H:%M:%S}{frac}{'+01' if _bst(t) else '+00'}"


_COPY = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\v": "\\v"}


def _array(values: list[str]) -> str:
    def item(v: str) -> str:
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' if re.search(r'[\s,{}"\\]', v) or not v \
            else v
    return "{" + ",".join(item(v) for v in values) + "}"


def field(value: Any) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime):
        text = tstz(value)
    elif isinstance(value, list):
        text = _array(value)
    else:
        text = str(value)
    return "".join(_COPY.get(c, c) for c in text)


def dump(tables: dict[str, list[dict[str, Any]]], split: str, finished: dt.datetime,
         key: Callable[[], str]) -> str:
    """The dump file's text: every table of `SCHEMA` with its rows (by unqualified name) in their stored order."""
    verbose, toc = split == "fresh10", [214]
    restrict = key() if split == "dev12" else ""

    def head(name: str, kind: str, schema: str = "public", owner: str = OWNER, data: bool = False) -> list[str]:
        toc[0] += 1
        lines = ["--"]
        if verbose:
            lines.append(f"-- TOC entry {toc[0]} (class 1259 OID {16384 + toc[0] * 3})")
        lines.append(f"-- {'Data for ' if data else ''}Name: {name}; Type: {kind}; Schema: {schema}; Owner: {owner}")
        return [*lines, "--", ""]

    version = ("16.10 (Debian 16.10-1.pgdg120+1)", "16.10 (Ubuntu 16.10-1.pgdg22.04+1)") if split == "dev12" else \
        ("15.13 (Ubuntu 15.13-1.pgdg22.04+1)", "15.13")
    out = ["--", "-- PostgreSQL database dump", "--", ""]
    out += [f"\\restrict {restrict}", ""] if restrict else []
    out += [f"-- Dumped from database version {version[0]}", f"-- Dumped by pg_dump version {version[1]}", ""]
    out += [f"-- Started on {finished - dt.timedelta(seconds=41):%Y-%m-%d %H:%M:%S} GMT", ""] if verbose else []
    out += ["SET statement_timeout = 0;", "SET lock_timeout = 0;", "SET idle_in_transaction_session_timeout = 0;"]
    out += ["SET transaction_timeout = 0;"] if split == "dev12" else []
    out += ["SET client_encoding = 'UTF8';", "SET standard_conforming_strings = on;",
            "SELECT pg_catalog.set_config('search_path', '', false);", "SET check_function_bodies = false;",
            "SET xmloption = content;", "SET client_min_messages = warning;", "SET row_security = off;", ""]
    out += [*head("audit", "SCHEMA", "-"), "CREATE SCHEMA audit;", "", "", f"ALTER SCHEMA audit OWNER TO {OWNER};", ""]
    out += [*head("pgcrypto", "EXTENSION", "-", "-"), "CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;", ""]
    out += [*head("device_status", "TYPE"), "CREATE TYPE public.device_status AS ENUM (",
            ",\n".join(f"    '{s}'" for s in STATUSES), ");", "", "",
            f"ALTER TYPE public.device_status OWNER TO {OWNER};", ""]
    out += [*head("if_modified_func()", "FUNCTION", "audit"), FUNCTIONS, "", "SET default_tablespace = '';", "",
            "SET default_table_access_method = heap;", ""]
    sequences: list[tuple[str, str, int]] = []
    for table in SCHEMA:
        schema, name = table.split(".")
        rows = tables.get(name, [])
        out += [*head(name, "TABLE", schema), f"CREATE TABLE {table} (", ",\n".join(f"    {c}" for c in SCHEMA[table]),
                ");", "", "", f"ALTER TABLE {table} OWNER TO {OWNER};", ""]
        if name == "settings":
            continue
        pk = columns(table)[0]
        seq = f"{name}_{pk}_seq"
        last = max((int(r[pk]) for r in rows), default=0)
        sequences.append((f"{schema}.{seq}", table, last))
        body = ["    START WITH 1", "    INCREMENT BY 1", "    NO MINVALUE", "    NO MAXVALUE", "    CACHE 1"]
        if table in IDENTITY:
            out += [*head(seq, "SEQUENCE", schema), f"ALTER TABLE {table} ALTER COLUMN {pk} ADD GENERATED BY DEFAULT "
                    "AS IDENTITY (", f"    SEQUENCE NAME {schema}.{seq}", *body, ");", "", ""]
            continue
        kind = "bigint" if pk == "event_id" else "integer"
        out += [*head(seq, "SEQUENCE", schema), f"CREATE SEQUENCE {schema}.{seq}", f"    AS {kind}", *body[:-1],
                body[-1] + ";", "", "", f"ALTER SEQUENCE {schema}.{seq} OWNER TO {OWNER};", "",
                *head(seq, "SEQUENCE OWNED BY", schema), f"ALTER SEQUENCE {schema}.{seq} OWNED BY {table}.{pk};", ""]
    for seq, table, _ in sequences:
        if table not in IDENTITY:
            pk = columns(table)[0]
            out += [*head(f"{table.split('.')[1]} {pk}", "DEFAULT", table.split(".")[0]),
                    f"ALTER TABLE ONLY {table} ALTER COLUMN {pk} SET DEFAULT nextval('{seq}'::regclass);", ""]
    for table in SCHEMA:
        schema, name = table.split(".")
        listed = ", ".join(_ident(c) for c in columns(table))
        out += [*head(name, "TABLE DATA", schema, data=True), f"COPY {table} ({listed}) FROM stdin;"]
        out += ["\t".join(field(row.get(c)) for c in columns(table)) for row in tables.get(name, [])]
        out += ["\\.", "", ""]
    for seq, _, last in sequences:
        out += [*head(seq.split(".")[1], "SEQUENCE SET", seq.split(".")[0]),
                f"SELECT pg_catalog.setval('{seq}', {max(last, 1)}, {'true' if last else 'false'});", "", ""]
    for table in SCHEMA:
        schema, name = table.split(".")
        pk = columns(table)[0]
        out += [*head(f"{name} {name}_pkey", "CONSTRAINT", schema), f"ALTER TABLE ONLY {table}",
                f"    ADD CONSTRAINT {name}_pkey PRIMARY KEY ({pk});", ""]
        if table in UNIQUE:
            out += [*head(f"{name} {name}_{UNIQUE[table]}_key", "CONSTRAINT", schema), f"ALTER TABLE ONLY {table}",
                    f"    ADD CONSTRAINT {name}_{UNIQUE[table]}_key UNIQUE ({UNIQUE[table]});", ""]
    for index in INDEXES:
        out += [*head(index.split()[2], "INDEX", index.split()[4].split(".")[0]), index, ""]
    out += [*head("devices audit_trigger_row", "TRIGGER"), "CREATE TRIGGER audit_trigger_row AFTER INSERT OR DELETE OR "
            "UPDATE ON public.devices FOR EACH ROW EXECUTE FUNCTION audit.if_modified_func('true', "
            "'{notes,accessories,updated_at}');", "",
            *head("devices set_updated_at", "TRIGGER"), "CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.devices "
            "FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();", ""]
    for table, column, target in FOREIGN:
        name = table.split(".")[1]
        out += [*head(f"{name} {name}_{column}_fkey", "FK CONSTRAINT"), f"ALTER TABLE ONLY {table}",
                f"    ADD CONSTRAINT {name}_{column}_fkey FOREIGN KEY ({column}) REFERENCES {target}(id);", ""]
    out += [*head("SCHEMA public", "ACL", "-", "pg_database_owner"), "REVOKE USAGE ON SCHEMA public FROM PUBLIC;",
            "GRANT USAGE ON SCHEMA public TO mdl_app;", "GRANT USAGE ON SCHEMA public TO mdl_report;", ""]
    for table in ("public.devices", "public.jobs", "public.loans"):
        out += [*head(f"TABLE {table.split('.')[1]}", "ACL"), f"GRANT SELECT ON TABLE {table} TO mdl_report;", ""]
    if verbose:
        out += [f"-- Completed on {finished:%Y-%m-%d %H:%M:%S} GMT", ""]
    out += ["--", "-- PostgreSQL database dump complete", "--", ""]
    out += [f"\\unrestrict {restrict}", ""] if restrict else []
    return "\n".join(out) + "\n"


def _ident(column: str) -> str:
    """A column named by a keyword PostgreSQL reserves is quoted."""
    return f'"{column}"' if column == "position" else column
