"""The statements of a SQL dump that carry a table: CREATE TABLE (its columns), INSERT ... VALUES and COPY ...
FROM stdin (its rows). Every other statement (SET, LOCK, CREATE INDEX, functions, triggers) is read past.

A row is a list of texts (NULL as None) or a problem saying why it cannot be read; values are never evaluated
beyond what dumps write to store a value: a literal, a signed number, CAST/CONVERT, PostgreSQL's `::type`,
SQLite's replace(..., '\\n', char(10)) for line breaks, char()/concat(). Anything else (NOW(), a sub-query) is
computed by a database, not stored in the file: that row is a reject naming the function.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from intake.connectors.sql_dump_lexer import Scanner, Token

_CONSTRAINTS = {"PRIMARY", "KEY", "INDEX", "UNIQUE", "CONSTRAINT", "FOREIGN", "CHECK", "FULLTEXT", "SPATIAL",
                "EXCLUDE", "PERIOD", "LIKE"}
_COPY_ESCAPES = {ord("b"): "\b", ord("f"): "\f", ord("n"): "\n", ord("r"): "\r", ord("t"): "\t", ord("v"): "\v"}


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


class _ValueError(Exception):
    """A value the reader will not compute; the message names what it is (never the value)."""


class _Oversized(_ValueError):
    pass


class Script:
    def __init__(self, scanner: Scanner, max_values: int) -> None:
        self.scan = scanner
        self.max_values = max_values

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
            else:
                self._to_end(token)

    # -- statement heads ----------------------------------------------------------------------------------------
    def _to_end(self, token: Token) -> None:
        while token.kind not in ("end", "eof"):
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
                "OR", "REPLACE", "TEMPORARY", "TEMP", "UNLOGGED", "GLOBAL", "LOCAL"):
            token = self.scan.next()
        if token.kind != "word" or (token.text or "").upper() != "TABLE":
            self._to_end(token)
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
        columns: list[str] = []
        computed: set[str] = set()
        while True:  # one definition per loop
            head = self.scan.next()
            generated, depth, token = False, 0, head
            while not (depth == 0 and token.kind == "punct" and token.text in (",", ")")):
                if token.kind in ("end", "eof"):
                    self.scan.push(token)
                    return name, columns, frozenset(computed)
                if token.kind == "punct":
                    depth += {"(": 1, ")": -1}.get(token.text or "", 0)
                elif token.kind == "word" and (token.text or "").upper() == "AS" and token is not head:
                    following = self.scan.peek()  # AS (expression): computed by the database, never stored
                    generated = generated or (following.kind == "punct" and following.text == "(")
                token = self.scan.next()
            if head.kind in ("word", "ident") and head.text and not (
                    head.kind == "word" and head.text.upper() in _CONSTRAINTS):
                columns.append(head.text)
                if generated:
                    computed.add(head.text)
            if token.text == ")":
                break
        self._to_end(self.scan.next())
        return name, columns, frozenset(computed)

    # -- rows ---------------------------------------------------------------------------------------------------
    def _tuples(self, width: int | None) -> Iterator[Row]:
        scan = self.scan
        while True:
            token = scan.next()
            if token.kind != "punct" or token.text != "(":
                self._to_end(token)  # ON DUPLICATE KEY ..., RETURNING ..., or the statement's end
                return
            scan.mark = token.offset
            values: list[str | None] = []
            problem: str | None = None
            oversized: int | None = None
            while True:
                try:
                    value, token = self._value(scan.next())
                except _ValueError as exc:
                    if problem is None and isinstance(exc, _Oversized):
                        oversized = len(values)
                    problem = problem or str(exc)
                    value, token = None, self._past_value()
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
            token = scan.next()
            if token.kind != "punct" or token.text != ",":
                self._to_end(token)
                return

    def _past_value(self) -> Token:
        depth = 0
        while True:
            token = self.scan.next()
            if token.kind in ("end", "eof"):
                return token
            if token.kind == "punct":
                if depth == 0 and token.text in (",", ")"):
                    return token
                depth += {"(": 1, ")": -1}.get(token.text or "", 0)

    def _value(self, token: Token) -> tuple[str | None, Token]:
        """A value from its first token; returns it with the token after it."""
        value: str | None
        if token.kind == "str":
            if token.text is None:
                raise _Oversized(f"a value is longer than the {self.scan.field_limit}-byte limit "
                                 "(connectors.max_field_bytes)")
            if token.text == "\ufffd":
                raise _ValueError("a value is not valid text in the dump's encoding")
            value = token.text.lower() if token.prefix == "x" else token.text
        elif token.kind in ("num", "hex"):
            value = token.text
        elif token.kind == "punct" and token.text in ("-", "+"):
            number, after = self._value(self.scan.next())
            return (f"-{number}" if token.text == "-" and number is not None else number), after
        elif token.kind == "word" and token.text:
            word = token.text.upper()
            after = self.scan.next()
            if after.kind == "punct" and after.text == "(":
                value = self._call(word)
            elif word in ("NULL", "DEFAULT"):
                self.scan.push(after)
                value = None
            elif word in ("TRUE", "FALSE"):
                self.scan.push(after)
                value = word.lower()
            else:
                raise _ValueError(f"a value is the expression {word[:40]}, computed by a database, not stored")
        else:
            raise _ValueError("a value is not a literal")
        after = self.scan.next()
        while after.kind == "punct" and after.text == ":":  # PostgreSQL's 'x'::type
            after = self._skip_type(self.scan.next())
        return (value or None), after

    def _skip_type(self, token: Token) -> Token:
        depth = 0
        while True:
            if token.kind in ("end", "eof"):
                return token
            if token.kind == "punct":
                if depth == 0 and token.text in (",", ")", ":"):
                    return token
                depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(token.text or "", 0)
            token = self.scan.next()

    def _call(self, function: str) -> str | None:
        """CAST(x AS t), CONVERT(t, x) / CONVERT(x USING cs), replace(a, b, c), char(n, ...), concat(a, ...)."""
        args: list[str | None] = []
        token = self.scan.peek()
        if token.kind == "punct" and token.text == ")":
            raise _ValueError(f"a value is computed by {function[:40]}(), not stored in the dump")
        while True:
            value, token = self._value(self.scan.next())
            args.append(value)
            token = self._skip_type(token)  # `AS type`, `USING utf8mb4`
            if token.kind != "punct" or token.text != ",":
                break
        if token.kind != "punct" or token.text != ")":
            raise _ValueError(f"a value's {function[:40]}(...) is not complete")
        texts = ["" if a is None else a for a in args]
        if function in ("CAST", "TRY_CAST") and len(args) == 1:
            return args[0]
        if function == "CONVERT" and len(args) == 1:  # MySQL's CONVERT(x USING utf8mb4)
            return args[0]
        if function == "REPLACE" and len(args) == 3:
            return texts[0].replace(texts[1], texts[2]) if args[0] is not None else None
        if function in ("CHAR", "CHR", "NCHAR") and all(t.isdigit() for t in texts):
            return "".join(chr(int(t)) for t in texts if int(t) < 0x110000)
        if function == "CONCAT":
            return "".join(texts)
        raise _ValueError(f"a value is computed by {function[:40]}(), which a dump does not use to store a value")

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
            values = [None if field == "\\N" else _unescape_copy(field) for field in text.split("\t")]
            problem = "a value is not valid text in the dump's encoding" if "\ufffd" in text else None
            limit = self.scan.field_limit
            oversized = next((i for i, v in enumerate(values) if v is not None and len(v.encode()) > limit), None)
            if problem is None and oversized is not None:
                problem = f"a value is longer than the {self.scan.field_limit}-byte limit (connectors.max_field_bytes)"
            yield Row(values[:self.max_values + 1], problem, line, text, oversized)


def _unescape_copy(field: str) -> str | None:
    if "\\" not in field:
        return field or None
    out: list[str] = []
    i = 0
    while i < len(field):
        char = field[i]
        if char != "\\" or i + 1 >= len(field):
            out.append(char)
            i += 1
            continue
        code = field[i + 1]
        if code in "01234567":
            digits = field[i + 1:i + 4]
            digits = digits[:len(digits) - len(digits.lstrip("01234567"))] or digits[:1]
            out.append(chr(int(digits, 8)))
            i += 1 + len(digits)
        elif code == "x" and i + 2 < len(field):
            digits = field[i + 2:i + 4]
            digits = digits[:len(digits) - len(digits.lstrip("0123456789abcdefABCDEF"))]
            out.append(chr(int(digits, 16)) if digits else "x")
            i += 2 + len(digits)
        else:
            out.append(_COPY_ESCAPES.get(ord(code), code))
            i += 2
    return "".join(out) or None
