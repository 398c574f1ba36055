"""Tokens of a SQL dump script, read from a UTF-8 byte stream in bounded memory.

Hand-written rather than a SQL parser library because a dump is mostly one statement shape (INSERT ... VALUES,
COPY ... FROM stdin) repeated millions of times, with single statements of hundreds of megabytes: this reads it
in 1 MB chunks (sql_dump_buffer.py), never holds more than one value beyond `field_limit`, and knows the quoting
rules of the four dialects that write dumps (mysqldump/MariaDB/phpMyAdmin: backslash escapes and backticks;
pg_dump: dollar quotes and E'' strings; SQLite's .dump and SQL Server's generated scripts: doubled quotes,
[brackets], GO).
"""

from __future__ import annotations

import re
from typing import IO, NamedTuple

from intake.connectors.errors import SourceReadError
from intake.connectors.sql_dump_buffer import CHUNK, Buffer

__all__ = ["CHUNK", "Scanner", "Token"]
LOOKAHEAD = 4096

_WS = re.compile(rb"[ \t\r\n\f\v]+")
_WORD = re.compile(rb"[A-Za-z_\x80-\xff][A-Za-z0-9_$\x80-\xff]*")
_NUM = re.compile(rb"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_HEX = re.compile(rb"0[xX][0-9A-Fa-f]*")
_DOLLAR = re.compile(rb"\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$")
_DELIMITER = re.compile(rb"(?i)DELIMITER[ \t]+(\S+)")
_GO = re.compile(rb"(?i)GO(?:[ \t]+\d+)?[ \t]*(?:\r?\n|$)")
# What may stand before a quote to make a string of it: N'' (SQL Server), E'' (PostgreSQL escapes),
# X''/B'' (hex and bit strings), MySQL's charset introducers.
_STRING_PREFIXES = {b"N": "n", b"E": "e", b"X": "x", b"B": "b", b"_BINARY": "n", b"_UTF8MB4": "n", b"_UTF8": "n",
                    b"_UTF8MB3": "n", b"_LATIN1": "n", b"_ASCII": "n", b"_UCS2": "n", b"_UTF16": "n"}
_MYSQL_ESCAPES = {ord("0"): b"\0", ord("b"): b"\b", ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t",
                  ord("Z"): b"\x1a", ord("%"): b"\\%", ord("_"): b"\\_"}
_C_ESCAPES = {ord("b"): b"\b", ord("f"): b"\f", ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t",
              ord("v"): b"\v"}


_SPECIAL = {(quote, escapes): re.compile(b"[" + re.escape(quote) + (rb"\\" if escapes else b"") + b"]")
            for quote in (b"'", b'"', b"`", b"]") for escapes in (False, True)}


# Possessive quantifiers (Python 3.11): a string that does not close within the buffer fails at once instead of
# trying every way to split its characters.
# One plain value of a row and what follows it: a quoted string, NULL or a number, then "," or ")". Rows of only
# these (nearly every row of a dump) are read with one match per value instead of token by token (`literal_row`).
_NUMBER = rb"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_LITERALS = {escapes: re.compile(
    rb"[ \t\r\n]*(?:(" + (rb"'(?:[^'\\]++|\\.|'')*+'" if escapes else rb"'(?:[^']++|'')*+'") + rb")|(NULL|null)|("
    + _NUMBER + rb"))[ \t\r\n]*([,)])", re.DOTALL) for escapes in (False, True)}
_BACKSLASHED = re.compile(rb"\\(.)", re.DOTALL)
# What an INSERT's rows hold up to its ";" (`skip_statement`): anything but a quote or ";", and whole quoted
# strings; a line break only when what follows it is known to be no "GO" line (SQL Server's end of a batch), even
# at the buffer's end. The standard dialect's statements may also end with none (SQL Server's batches): it stops
# at the word INSERT, and knows [bracketed] and "quoted" names, E'' strings and comments, as the tokens do.
_NOT_GO = rb"\n(?=[ \t]*+(?:[^ \tGg]|[Gg](?:[^Oo]|[Oo][^ \t\r\n])))"
_W = rb"A-Za-z0-9_$\x80-\xff"
_TO_SEMICOLON = {
    True: re.compile(rb"(?:[^';\n]++|" + _NOT_GO + rb"|'(?:[^'\\]++|\\.|'')*+')*+", re.DOTALL),
    False: re.compile(rb"(?:[^';\n\"\[/A-Za-z_\x80-\xff-]++|" + _NOT_GO + rb"|[Ee]'(?:[^'\\]++|\\.|'')*+'"
                      rb"|(?!(?i:insert)[^" + _W + rb"])[A-Za-z_\x80-\xff][" + _W + rb"]*+(?=[^" + _W + rb"])"
                      rb"|-(?=[^-])|/(?=[^*])|'(?:[^']++|'')*+'|\"(?:[^\"]++|\"\")*+\"|\[(?:[^\]]++|\]\])*+\])*+",
                      re.DOTALL)}


class Token(NamedTuple):
    """kind: word, ident (quoted identifier), str, num, hex, punct, end (a statement's end; text "GO" for a
    batch's), eof. `text` is None for a string longer than the field limit (it was read past, not kept)."""

    kind: str
    text: str | None
    line: int
    offset: int
    prefix: str = ""


class Scanner(Buffer):
    """Tokens from `stream` (UTF-8 bytes) starting at absolute byte `offset`, line `line`."""

    def __init__(self, stream: IO[bytes], name: str, backslash_escapes: bool, field_limit: int,
                 offset: int = 0, line: int = 1, delimiter: bytes = b";") -> None:
        super().__init__(stream, field_limit, offset, line)
        self.name = name
        self.backslashes = backslash_escapes
        self.delimiter = delimiter
        self.fresh_line = True
        self.batches = False  # a "GO" line was read: a SQL Server script of batches
        self._pushed: Token | None = None
        self._escapes = "mysql" if backslash_escapes else ""

    # -- tokens ---------------------------------------------------------------------------------------------
    def push(self, token: Token) -> None:
        self._pushed = token

    def peek(self) -> Token:
        token = self.next()
        self._pushed = token
        return token

    def next(self) -> Token:
        if self._pushed is not None:
            token, self._pushed = self._pushed, None
            return token
        self._skip_blank()
        self._ensure(LOOKAHEAD)
        self._count_to(self.pos)
        start, line, buf, pos = self.offset, self.line, self.buf, self.pos
        if pos >= len(buf):
            return Token("eof", None, line, start)
        if self.fresh_line:
            self.fresh_line = False
            if self.backslashes and (found := _DELIMITER.match(buf, pos)):
                self.delimiter = found.group(1)
                self.pos = found.end()
                return Token("end", None, line, start)
            if found := _GO.match(buf, pos):
                self.pos = found.end()
                self.fresh_line = self.batches = True
                return Token("end", "GO", line, start)
        if buf.startswith(self.delimiter, pos):
            self.pos += len(self.delimiter)
            return Token("end", None, line, start)
        char = buf[pos]
        if char == 0x27:  # '
            return Token("str", self._string(b"'", self._escapes), line, start)
        if char == 0x22:  # "
            if self.backslashes:  # MySQL: a double-quoted string
                return Token("str", self._string(b'"', "mysql"), line, start)
            return Token("ident", self._string(b'"', ""), line, start)
        if char == 0x60:  # `
            return Token("ident", self._string(b"`", ""), line, start)
        if char == 0x5B:  # [
            return Token("ident", self._string(b"]", ""), line, start)
        if (found := _HEX.match(buf, pos)) and found.end() - pos > 2:
            self.pos = found.end()
            return Token("hex", buf[pos + 2:found.end()].decode("ascii").lower(), line, start)
        if found := _NUM.match(buf, pos):
            self.pos = found.end()
            return Token("num", found.group().decode("ascii"), line, start)
        if found := _WORD.match(buf, pos):
            word = found.group()
            prefix = _STRING_PREFIXES.get(word.upper())
            quote = found.end()
            if prefix is not None and word.startswith(b"_"):  # mysqldump writes "_binary 'x'"
                gap = buf[quote:quote + 8]
                quote += len(gap) - len(gap.lstrip(b" \t"))
            if prefix is not None and buf[quote:quote + 1] == b"'":
                self.pos = quote
                escapes = "c" if prefix == "e" else self._escapes
                return Token("str", self._string(b"'", escapes), line, start, prefix)
            self.pos = found.end()
            return Token("word", word.decode("utf-8", "replace"), line, start)
        if char == 0x24 and not self.backslashes and (found := _DOLLAR.match(buf, pos)):
            return Token("str", self._dollar(found.group()), line, start)
        self.pos += 1
        return Token("punct", chr(char), line, start)

    def skip_statement(self) -> bool:
        """Past the ";" ending the statement being read, in one match per buffer (the index pass skips a table's
        rows so); False, having moved nowhere it should not, when the delimiter is another, or a "GO" line, an
        INSERT (the standard dialect), a comment or the text's end comes first: the token path reads on."""
        if self.delimiter != b";" or self._pushed is not None:
            return False
        pattern = _TO_SEMICOLON[self.backslashes]
        while True:
            self.pos = pattern.match(self.buf, self.pos).end()  # type: ignore[union-attr]  # matches "" at least
            left = len(self.buf) - self.pos
            if left and self.buf[self.pos] == 0x3B:  # ;
                self.pos += 1
                return True
            if left > 16 and self.buf[self.pos] not in b"'\"[":
                return False  # a "GO" line, an INSERT or a comment: the token path reads it
            if left > 2 * CHUNK:
                return False  # a value longer than a chunk: the token path reads past it in bounded memory
            if not self._more():
                return False

    def literal_row(self) -> list[str | None] | None:
        """The rest of a row whose "(" was just read, when every value is a plain literal within the buffer and the
        field limit; else None, nothing consumed (the token path reads it, and says what is wrong)."""
        if self._pushed is not None:
            return None
        self._ensure(LOOKAHEAD)
        pattern, buf, pos = _LITERALS[self.backslashes], self.buf, self.pos
        values: list[str | None] = []
        while True:
            m = pattern.match(buf, pos)
            if m is None or (m.end() >= len(buf) and not self.eof):
                return None
            quoted, null, number, after = m.groups()
            if quoted is not None:
                raw = quoted[1:-1]
                if len(raw) > self.field_limit:
                    return None
                if b"'" in raw:
                    raw = raw.replace(b"''", b"'")
                if self.backslashes and b"\\" in raw:
                    raw = _BACKSLASHED.sub(lambda e: _MYSQL_ESCAPES.get(e.group(1)[0], e.group(1)), raw)
                try:
                    values.append(raw.decode("utf-8") or None)
                except UnicodeDecodeError:
                    return None
            else:
                values.append(None if null is not None else number.decode("ascii"))
            pos = m.end()
            if after == b")":
                self.pos = pos
                return values

    def _skip_blank(self) -> None:
        while True:
            self._ensure(LOOKAHEAD)
            buf, pos = self.buf, self.pos
            if pos >= len(buf):
                return
            if found := _WS.match(buf, pos):
                if b"\n" in found.group():
                    self.fresh_line = True
                self.pos = found.end()
                continue
            two = buf[pos:pos + 2]
            if two == b"--" and (not self.backslashes or buf[pos + 2:pos + 3] in (b" ", b"\t", b"\r", b"\n", b"")):
                self._until(b"\n")
                self.fresh_line = True
            elif two == b"/*":
                self.pos += 2
                self._until(b"*/")
            elif self.backslashes and buf[pos] == 0x23:  # MySQL's '#' comment
                self._until(b"\n")
                self.fresh_line = True
            else:
                return

    def _string(self, quote: bytes, escapes: str) -> str | None:
        """A quoted string or identifier from its opening quote; doubled quotes stand for one. `escapes`: "" (none),
        "mysql" or "c" (PostgreSQL's E'' strings)."""
        self.pos += 1
        special = _SPECIAL[(quote, bool(escapes))]
        parts: list[bytes] = []
        size = 0
        over = False
        while True:
            found = special.search(self.buf, self.pos)
            if found is None:
                piece = self.buf[self.pos:]
                self.pos = len(self.buf)
                at = None
            else:
                at = found.start()
                piece = self.buf[self.pos:at]
            if not over:
                size += len(piece)
                if size > self.field_limit:
                    over, parts = True, []
                else:
                    parts.append(piece)
            if at is None:
                if not self._more():
                    raise SourceReadError(f"{self.name}: the script ends inside a quoted value that opens near line "
                                          f"{self.line}: the dump is cut short; export it again")
                continue
            self.pos = at
            self._ensure(2)
            nxt = self.buf[at + 1:at + 2]
            if self.buf[at] == 0x5C:  # backslash
                code = nxt[0] if nxt else 0
                piece = (_MYSQL_ESCAPES if escapes == "mysql" else _C_ESCAPES).get(code, nxt)
                self.pos = at + 2
            elif nxt == quote:
                piece, self.pos = quote, at + 2
            else:
                self.pos = at + 1
                break
            if not over:
                size += len(piece)
                parts.append(piece)
        if over:
            return None
        try:
            return b"".join(parts).decode("utf-8")
        except UnicodeDecodeError:
            return "\ufffd"  # flagged: never a stored value (the reader rejects the row)

    def _dollar(self, tag: bytes) -> str | None:
        self.pos += len(tag)
        start = self.offset
        self._until(tag)
        if self.offset - start - len(tag) > self.field_limit or start < self.base:
            return None
        return self.buf[start - self.base:self.pos - len(tag)].decode("utf-8", "replace")
