"""The values of a dump's rows as text: literals, signed numbers, and the few expressions dumps write to store a
value (CAST/CONVERT, PostgreSQL's `::type`, SQLite's replace(..., '\\n', char(10)) for line breaks, char()/concat()).
Anything else (NOW(), a sub-query) is computed by a database, not stored in the file: `ValueProblem` names it.
COPY's text format has its own escapes (`unescape_copy`)."""

from __future__ import annotations

from intake.connectors.sql_dump_lexer import Scanner, Token

_COPY_ESCAPES = {ord("b"): "\b", ord("f"): "\f", ord("n"): "\n", ord("r"): "\r", ord("t"): "\t", ord("v"): "\v"}


# What a reject's reason may name: the SQL a database computes values with. Any other word in a row's values may be
# the customer's own text typed without quotes ("(1, Smith, 2)"), which a reason never repeats.
_SQL_WORDS = frozenset({"NOW", "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIMESTAMP", "SYSDATE",
                        "GETDATE", "SYSDATETIME", "UUID", "NEWID", "RAND", "RANDOM", "MD5", "SHA1", "SHA2",
                        "UNHEX", "FROM_BASE64", "CONCAT_WS", "DATE_ADD", "STR_TO_DATE", "TO_DATE", "TO_TIMESTAMP",
                        "NEXTVAL", "CAST", "CONVERT", "REPLACE", "CHAR", "CHR", "CONCAT", "SELECT", "COALESCE"})


def _said(word: str) -> str:
    return word if word in _SQL_WORDS else "a word"


class ValueProblem(Exception):
    """A value the reader will not compute; the message names what it is (never the value)."""


class Oversized(ValueProblem):
    """A value longer than the field limit: read past, not kept."""


class Values:
    """Reads one value after another from the scanner."""

    def __init__(self, scanner: Scanner) -> None:
        self.scan = scanner

    def past_value(self) -> Token:
        depth = 0
        while True:
            token = self.scan.next()
            if token.kind in ("end", "eof"):
                return token
            if token.kind == "punct":
                if depth == 0 and token.text in (",", ")"):
                    return token
                depth += {"(": 1, ")": -1}.get(token.text or "", 0)

    def value(self, token: Token) -> tuple[str | None, Token]:
        """A value from its first token; returns it with the token after it."""
        value: str | None
        if token.kind == "str":
            if token.text is None:
                raise Oversized(f"a value is longer than the {self.scan.field_limit}-byte limit "
                                 "(connectors.max_field_bytes)")
            if token.text == "\ufffd":
                raise ValueProblem("a value is not valid text in the dump's encoding")
            value = token.text.lower() if token.prefix == "x" else token.text
        elif token.kind in ("num", "hex"):
            value = token.text
        elif token.kind == "punct" and token.text in ("-", "+"):
            number, after = self.value(self.scan.next())
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
                self.scan.push(after)  # what follows the word ends the value: the next value must not be read past
                raise ValueProblem(f"a value is {_said(word)}, not a quoted literal: computed by a database or "
                                   "typed without its quotes, not stored")
        else:
            if token.kind == "punct" and token.text in (",", ")"):
                self.scan.push(token)  # an empty value ("(1,,2)", "(1,)"): the row goes on after it
            raise ValueProblem("a value is not a literal")
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
            raise ValueProblem(f"a value is computed by {_said(function)}(), not stored in the dump")
        while True:
            value, token = self.value(self.scan.next())
            args.append(value)
            token = self._skip_type(token)  # `AS type`, `USING utf8mb4`
            if token.kind != "punct" or token.text != ",":
                break
        if token.kind != "punct" or token.text != ")":
            raise ValueProblem(f"a value's {_said(function)}(...) is not complete")
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
        raise ValueProblem(f"a value is computed by {_said(function)}(), which a dump does not use to store a value")


def unescape_copy(field: str) -> str | None:
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
