"""The columns of a dump's CREATE TABLE: each definition's name, told apart from the keys, indexes and checks
that share its list, and whether the database computes the column (AS (expression): no value in the dump)."""

from __future__ import annotations

from intake.connectors.sql_dump_lexer import Scanner, Token

_CONSTRAINTS = {"PRIMARY", "CONSTRAINT", "FOREIGN", "FULLTEXT", "SPATIAL", "EXCLUDE"}
# Words that open a key, an index or a check in MySQL ("KEY idx_site (site)", "UNIQUE KEY (tag)", "CHECK (a > 0)")
# and are column names too where no dialect reserves them (PostgreSQL's "key character varying(64)"): a column when
# a type follows, a constraint when a bracket, KEY/INDEX or an index's name and its bracket follow.
_KEY_WORDS = {"KEY", "INDEX", "UNIQUE", "CHECK", "LIKE", "PERIOD"}
_TYPES = {"CHARACTER", "CHAR", "VARCHAR", "NCHAR", "NVARCHAR", "TEXT", "NTEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT",
          "INT", "INTEGER", "SMALLINT", "BIGINT", "TINYINT", "MEDIUMINT", "NUMERIC", "DECIMAL", "REAL", "DOUBLE",
          "FLOAT", "MONEY", "BOOLEAN", "BOOL", "BIT", "DATE", "TIME", "TIMESTAMP", "DATETIME", "DATETIME2", "YEAR",
          "INTERVAL", "BLOB", "BYTEA", "BINARY", "VARBINARY", "UUID", "UNIQUEIDENTIFIER", "JSON", "JSONB", "XML",
          "SERIAL", "BIGSERIAL", "SMALLSERIAL", "ENUM", "SET", "INET", "CIDR", "CLOB", "CITEXT", "HSTORE", "NUMBER",
          "VARCHAR2", "NVARCHAR2", "IMAGE", "SMALLDATETIME", "DATETIMEOFFSET", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB",
          "GEOMETRY", "POINT", "OID", "TSVECTOR"}


def _opens_key(after: list[Token]) -> bool:
    """After KEY, INDEX, UNIQUE, CHECK...: a key unless a type follows (a known one, a schema's "public.status", or
    a quoted name without a bracket after it); "KEY idx (a)", "INDEX IX_a NONCLUSTERED (a)", "UNIQUE KEY (a)" are
    keys."""
    if not after:
        return True
    first = after[0]
    second = after[1] if len(after) > 1 else None
    if first.kind == "word" and (first.text or "").upper() in _TYPES:
        return False
    if second is not None and second.kind == "punct" and second.text == ".":
        return False
    return not (first.kind == "ident" and not (second is not None and second.kind == "punct" and second.text == "("))


def table_columns(scan: Scanner) -> tuple[list[str], frozenset[str], bool]:
    """The definitions after CREATE TABLE name "(": the columns, the computed ones among them, and whether the
    list closed (False: the statement ended first, its end token pushed back)."""
    columns: list[str] = []
    computed: set[str] = set()
    while True:  # one definition per loop
        head = scan.next()
        generated, depth, token = False, 0, head
        after: list[Token] = []  # the definition's next two tokens, to tell a column from a key
        while not (depth == 0 and token.kind == "punct" and token.text in (",", ")")):
            if token is not head and len(after) < 2:
                after.append(token)
            if token.kind in ("end", "eof"):
                scan.push(token)
                return columns, frozenset(computed), False
            if token.kind == "punct":
                depth += {"(": 1, ")": -1}.get(token.text or "", 0)
            elif token.kind == "word" and (token.text or "").upper() == "AS" and token is not head:
                following = scan.peek()  # AS (expression): computed by the database, never stored
                generated = generated or (following.kind == "punct" and following.text == "(")
            token = scan.next()
        if head.kind in ("word", "ident") and head.text and not (
                head.kind == "word" and (head.text.upper() in _CONSTRAINTS
                                         or (head.text.upper() in _KEY_WORDS and _opens_key(after)))):
            columns.append(head.text)
            if generated:
                computed.add(head.text)
        if token.text == ")":
            return columns, frozenset(computed), True
