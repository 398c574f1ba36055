"""The statements of a SQL dump that carry a table: CREATE TABLE (its columns), INSERT ... VALUES and COPY ...
FROM stdin (its rows). Every other statement (SET, LOCK, CREATE INDEX, functions, triggers) is read past. In SQL
Server's scripts a statement may end with nothing ("SET IDENTITY_INSERT t ON" and INSERTs in one batch): there
the word INSERT starts the next statement, in both passes (`Scanner.skip_statement` stops at it too).

A row is a list of texts (NULL as None) or a problem saying why it cannot be read (sql_dump_values.py reads the
values); a row with a value a database would compute is a reject naming the function.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from intake.connectors.sql_dump_create import table_columns
from intake.connectors.sql_dump_lexer import Scanner, Token
from intake.connectors.sql_dump_values import Oversized, ValueProblem, Values, unescape_copy

# Objects whose body is statements (SQL Server's procedures, the triggers of every dialect): read past as one
# statement, their INSERTs never taken for a table's rows.
_ROUTINES = {"PROCEDURE", "PROC", "FUNCTION", "TRIGGER", "RULE", "EVENT"}


class Statement(NamedTuple):
    kind: str  # "create", "insert" or "copy"
    table: str
    columns: list[str] | None  # CREATE's columns; an INSERT's or COPY's column list when it has one
    offset: int
    line: int
    delimiter: bytes
    generated: frozenset[str] = frozenset()  # CREATE's columns computed by the database: no stored value


class Row(NamedTuple):
    values: list[str | None]
    problem: str | None
    line: int
    raw: str | None
    oversized: int | None = None  # the position of a value over the field limit (the problem then)


class Script:
    def __init__(self, scanner: Scanner, max_values: int, index: bool = False) -> None:
        """`index`: only each statement's first row is read, the rest skipped (the first pass's way)."""
        self.scan = scanner
        self.values = Values(scanner)
        self.max_values = max_values
        self.index = index
        self.split = not scanner.backslashes  # statements may end with nothing: SQL Server's batches

    def statements(self) -> Iterator[tuple[Statement, Iterator[Row]]]:
        """Each table statement with its rows (read them before the next statement, or they are read past)."""
        scan = self.scan
        while True:
            token = scan.next()
            if token.kind == "eof":
                return
            if token.kind != "word":
                self._to_end(token)
                continue
            verb = token.text.upper() if token.text else ""
            start = (token.offset, token.line, scan.delimiter)
            if verb in ("INSERT", "REPLACE"):
                found = self._insert_head()
                if found is None:
                    continue
                rows = self._tuples(len(found[1]) if found[1] else None)
                yield Statement("insert", found[0], found[1], *start), rows
                for _ in rows:
                    pass
            elif verb == "COPY":
                head = self._copy_head()
                if head is None:
                    continue
                rows = self._copy_rows()
                yield Statement("copy", head[0], head[1], *start), rows
                for _ in rows:
                    pass
            elif verb == "CREATE":
                made = self._create()
                if made is not None:
                    yield Statement("create", made[0], made[1], *start, made[2]), iter(())
            else:  # ALTER PROCEDURE ...: a body
                self._to_end(token, verb == "ALTER" and (scan.peek().text or "").upper() in _ROUTINES)

    # -- statement heads ----------------------------------------------------------------------------------------
    def _to_end(self, token: Token, body: bool = False) -> None:
        """Past the statement's end. Where statements may end with nothing (SQL Server: "SET IDENTITY_INSERT t ON"
        then INSERTs, no GO between), the word INSERT opens the next one (pushed back); a routine's `body` is read
        past whole: to the GO ending its batch in a script of batches, else to the delimiter."""
        while token.kind != "eof" and (token.kind != "end" or (body and self.scan.batches and token.text != "GO")):
            if self.split and not body and token.kind == "word" and (token.text or "").upper() == "INSERT":
                self.scan.push(token)
                return
            token = self.scan.next()

    def _name(self) -> str | None:
        """A table name, qualified or not ("dbo"."Assets", `db`.`t`, [dbo].[T]): its parts joined by dots."""
        parts: list[str] = []
        while True:
            token = self.scan.next()
            if token.kind not in ("word", "ident") or token.text is None:
                self.scan.push(token)
                break
            parts.append(token.text)
            dot = self.scan.next()
            if dot.kind != "punct" or dot.text != ".":
                self.scan.push(dot)
                break
        return ".".join(parts) or None

    def _column_list(self) -> list[str] | None:
        token = self.scan.next()
        if token.kind != "punct" or token.text != "(":
            self.scan.push(token)
            return None
        names: list[str] = []
        while True:
            token = self.scan.next()
            if token.kind in ("word", "ident") and token.text is not None:
                names.append(token.text)
            elif token.kind == "punct" and token.text == ")":
                return names
            elif token.kind in ("end", "eof"):
                self.scan.push(token)
                return names

    def _insert_head(self) -> tuple[str, list[str] | None] | None:
        token = self.scan.next()
        while token.kind == "word" and token.text and token.text.upper() in (
                "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "INTO", "OR", "ROLLBACK", "ABORT",
                "FAIL", "IGNORE", "REPLACE"):
            token = self.scan.next()
        self.scan.push(token)
        name = self._name()
        columns = self._column_list()
        token = self.scan.next()
        if token.kind == "word" and (token.text or "").upper() == "OVERRIDING":  # pg_dump: identity columns
            self.scan.next(), self.scan.next()
            token = self.scan.next()
        if name is None or token.kind != "word" or (token.text or "").upper() not in ("VALUES", "VALUE"):
            self._to_end(token)  # INSERT ... SELECT or ... SET: no stored rows
            return None
        return name, columns

    def _copy_head(self) -> tuple[str, list[str] | None] | None:
        name = self._name()
        columns = self._column_list()
        words: list[str] = []
        token = self.scan.next()
        while token.kind not in ("end", "eof"):
            words.append((token.text or "").upper())
            token = self.scan.next()
        if name is None or words != ["FROM", "STDIN"]:
            return None  # COPY ... TO a file, or from a file: no rows in the script
        self.scan.data_line(1 << 16)  # the rest of the COPY line
        return name, columns

    def _create(self) -> tuple[str, list[str], frozenset[str]] | None:
        token = self.scan.next()
        while token.kind == "word" and (token.text or "").upper() in (
                "OR", "REPLACE", "ALTER", "TEMPORARY", "TEMP", "UNLOGGED", "GLOBAL", "LOCAL"):
            token = self.scan.next()
        if token.kind != "word" or (token.text or "").upper() != "TABLE":
            self._to_end(token, token.kind == "word" and (token.text or "").upper() in _ROUTINES)
            return None
        token = self.scan.next()
        if token.kind == "word" and (token.text or "").upper() == "IF":
            self.scan.next(), self.scan.next()  # NOT EXISTS
        else:
            self.scan.push(token)
        name = self._name()
        token = self.scan.next()
        if name is None or token.kind != "punct" or token.text != "(":
            self._to_end(token)
            return None
        columns, computed, closed = table_columns(self.scan)
        if closed:
            self._to_end(self.scan.next())
        return name, columns, computed

    # -- rows ---------------------------------------------------------------------------------------------------
    def _tuples(self, width: int | None) -> Iterator[Row]:
        scan = self.scan
        while True:
            token = scan.next()
            if token.kind != "punct" or token.text != "(":
                self._to_end(token)  # ON DUPLICATE KEY ..., RETURNING ..., or the statement's end
                return
            scan.mark = token.offset
            plain = scan.literal_row()
            if plain is not None:
                wrong = width is not None and len(plain) != width
                problem = f"the row has {len(plain)} values for {width} columns" if wrong else None
                yield Row(plain[:self.max_values], problem, token.line, scan.raw_since(token.offset) if wrong else None)
                scan.mark = None
                if not self._another_row():
                    return
                continue
            values: list[str | None] = []
            problem = None
            oversized: int | None = None
            while True:
                try:
                    value, token = self.values.value(scan.next())
                except ValueProblem as exc:
                    if problem is None and isinstance(exc, Oversized):
                        oversized = len(values)
                    problem = problem or str(exc)
                    value, token = None, self.values.past_value()
                if len(values) < self.max_values:
                    values.append(value)
                if token.kind == "punct" and token.text == ")":
                    break
                if token.kind != "punct" or token.text != ",":
                    problem = "the row is not a well-formed list of values; the rest of its statement was skipped"
                    raw = scan.raw_since(token.offset if scan.mark is None else scan.mark)
                    scan.mark = None
                    yield Row(values, problem, token.line, raw)
                    self._to_end(token)
                    return
            raw = scan.raw_since(scan.mark) if scan.mark is not None else None
            scan.mark = None
            if problem is None and width is not None and len(values) != width:
                problem = f"the row has {len(values)} values for {width} columns"
            yield Row(values, problem, token.line, raw, oversized)
            if not self._another_row():
                return

    def _another_row(self) -> bool:
        """After a row: whether another follows (its comma read); if not, the statement is read to its end. The
        index pass skips the statement's other rows without reading them."""
        if self.index:
            if not self.scan.skip_statement():
                self._to_end(self.scan.next())
            return False
        token = self.scan.next()
        if token.kind != "punct" or token.text != ",":
            self._to_end(token)
            return False
        return True

    def _copy_rows(self) -> Iterator[Row]:
        limit = self.scan.field_limit * max(self.max_values, 1)
        while True:
            got = self.scan.data_line(limit)
            if got is None:
                return
            data, line = got
            if data == b"\\.":
                return
            if data is None:
                yield Row([], f"the line is longer than {limit} bytes", line, None)
                continue
            text = data.decode("utf-8", "replace")
            values = [None if field == "\\N" else unescape_copy(field) for field in text.split("\t")]
            problem = "a value is not valid text in the dump's encoding" if "\ufffd" in text else None
            limit = self.scan.field_limit
            oversized = next((i for i, v in enumerate(values) if v is not None and len(v.encode()) > limit), None)
            if problem is None and oversized is not None:
                problem = f"a value is longer than the {self.scan.field_limit}-byte limit (connectors.max_field_bytes)"
            yield Row(values[:self.max_values + 1], problem, line, text, oversized)
            if self.index:
                self.scan.skip_copy()
                return
