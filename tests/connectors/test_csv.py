"""Delimited text: encodings, delimiters, headers under banners, quoted newlines, ragged and huge rows."""

from __future__ import annotations

import io
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.config import ConnectorSettings
from intake.connectors import open_source
from intake.connectors.errors import EncodingError, SourceReadError, TableNotFound, UnsupportedFormat
from intake.connectors.header import BANNER_REASON as BANNER
from tests.connectors.conftest import read_one

EQUIPTRACK = (
    "EquipTrack Asset Register Export\r\n"
    "Exported 14/10/2026 09:12 by someone\r\n"
    "Equipment No,Description,Manufacturer,Purchase Cost,Notes\r\n"
    "EQ004512,Infusion Pump,B. Braun,\"£1,234.50\",Café fridge \u2013 checked\r\n"
    "\r\n"
    "EQ004513,Monitor,PHILIPS Healthcare,1234.5,\"two\r\nlines\"\r\n"
    "EQ004514,Defibrillator,G.E. Healthcare,,€ quote “ok”\r\n"
)


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_windows_1252_export_with_banner_lines_blank_lines_and_quoted_newlines(tmp_path: Path) -> None:
    path = write(tmp_path, "assets.csv", EQUIPTRACK.encode("cp1252"))
    with open_source(None, path, settings=ConnectorSettings()) as source:
        assert source.format == "csv"
        assert source.tables() == ["assets"]
        assert source.layout.encoding == "cp1252"
        assert source.layout.header_line == 3
        read = read_one(path)
    assert read.columns == ["Equipment No", "Description", "Manufacturer", "Purchase Cost", "Notes"]
    assert read.table.schema.types == [pa.string()] * 5
    assert [r["Equipment No"] for r in read.rows] == ["EQ004512", "EQ004513", "EQ004514"]
    assert read.rows[0]["Purchase Cost"] == "£1,234.50"
    assert read.rows[0]["Notes"] == "Café fridge \u2013 checked"
    assert read.rows[1]["Notes"] == "two\r\nlines"
    assert read.rows[2]["Purchase Cost"] is None  # empty cells are null
    assert read.rows[2]["Notes"] == "€ quote “ok”"
    # the two banner lines are rejects (line numbers, no values in the reason), the data rows all read
    assert (read.reader.rows_read, read.reader.rows_rejected) == (3, 2)
    assert read.where() == [(1, BANNER), (2, BANNER)]
    assert read.rejects[1].raw == "Exported 14/10/2026 09:12 by someone"  # kept for the vault's reject file
    assert all("someone" not in r.reason for r in read.rejects)


@pytest.mark.parametrize(
    ("encoding", "text", "expected"),
    [
        ("utf-8", "Name\nJosé Müller\n", "utf-8"),
        ("utf-8-sig", "Name\nJosé Müller\n", "utf-8"),
        ("cp1252", "Name\nJosé \u2013 “Müller”\n", "cp1252"),
        ("utf-16", "Name\nJosé Müller\n", "utf-16-le"),
    ],
)
def test_encodings_are_detected_and_decoded(tmp_path: Path, encoding: str, text: str, expected: str) -> None:
    path = write(tmp_path, "people.csv", text.encode(encoding))
    with open_source(None, path, settings=ConnectorSettings()) as source:
        assert source.layout.encoding == expected
    read = read_one(path)
    assert read.columns == ["Name"]
    assert read.rows == [{"Name": text.splitlines()[1]}]


def test_latin1_is_chosen_when_bytes_are_undefined_in_windows_1252(tmp_path: Path) -> None:
    # 0x81 does not exist in Windows-1252: such a file can only be Latin-1.
    path = write(tmp_path, "latin.csv", b"Name,Code\nJos\xe9,\x81A\n")
    with open_source(None, path, settings=ConnectorSettings()) as source:
        assert source.layout.encoding == "latin-1"
    assert read_one(path).rows == [{"Name": "José", "Code": "\x81A"}]


def test_windows_1252_undefined_byte_late_in_file_does_not_stop_the_read(tmp_path: Path) -> None:
    body = "Name,Price\n" + "Café,£1\n" * 200_000
    path = write(tmp_path, "late.csv", body.encode("cp1252") + b"Odd\x81,1\n")
    read = read_one(path)
    assert read.reader.rows_read == 200_001
    assert read.rows[-1]["Name"] == "Odd\x81"


def test_explicit_encoding_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "A\nÀ\n".encode("cp1252"))
    assert read_one(path, encoding="latin-1").rows == [{"A": "À"}]
    with pytest.raises(EncodingError):
        read_one(path, encoding="no-such-codec")


def test_binary_content_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", b"\x00\x01\x02\x03" * 100 + b"\xff\xfe\x00")
    with pytest.raises(EncodingError, match=r"x\.csv"):
        open_source("csv", path, settings=ConnectorSettings())


@pytest.mark.parametrize(("delimiter", "name"), [(",", "a.csv"), ("\t", "a.tsv"), ("|", "a.txt"), (";", "a.csv")])
def test_delimiters_are_sniffed(tmp_path: Path, delimiter: str, name: str) -> None:
    lines = ["Asset,Site" if delimiter != "," else "Asset;Site", "Title line"]
    content = "\n".join([lines[1], delimiter.join(["Asset No", "Site", "Room"]),
                         delimiter.join(["EQ1", "St Mary's, Ward 7", "3"]) if delimiter != "," else
                         delimiter.join(["EQ1", '"St Mary\'s, Ward 7"', "3"]),
                         delimiter.join(["EQ2", "Main", "4"])]) + "\n"
    path = write(tmp_path, name, content.encode())
    read = read_one(path)
    assert read.columns == ["Asset No", "Site", "Room"]
    assert read.rows[0] == {"Asset No": "EQ1", "Site": "St Mary's, Ward 7", "Room": "3"}
    assert read.reader.rows_read == 2
    assert read.where() == [(1, BANNER)]  # the title line


def test_ragged_rows_are_rejected_with_their_line_numbers(tmp_path: Path, small: ConnectorSettings) -> None:
    lines = ["Report", "", "A,B,C"]
    expected_rejects = [(1, BANNER)]
    for i in range(40):
        if i % 9 == 4:
            lines.append(f"x{i},y")
            expected_rejects.append((len(lines), "expected 3 fields, found 2"))
        elif i % 9 == 7:
            lines.append(f'"multi\nline {i}",y,z,extra')
            expected_rejects.append((len(lines), "expected 3 fields, found 4"))
            lines[-1:] = lines[-1].split("\n")  # the record spans two physical lines
        else:
            lines.append(f'"v\n{i}",b,c' if i % 5 == 0 else f"v{i},b,c")
            if i % 5 == 0:
                lines[-1:] = lines[-1].split("\n")
        if i % 11 == 0:
            lines.append("")
    path = write(tmp_path, "ragged.csv", ("\n".join(lines) + "\n").encode())
    read = read_one(path, settings=small)
    assert read.where() == expected_rejects
    assert read.reader.rows_read + read.reader.rows_rejected == 40 + 1  # the data records and the banner line
    assert all(size <= small.batch_rows for size in read.batch_sizes)
    assert read.rejects[1].raw == "x4,y"  # the raw row is kept for the vault's reject file
    assert read.rejects[0].source == "ragged.csv" and read.rejects[0].table == "ragged"


def test_reject_messages_carry_no_values(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", b"Name,Phone\nA B,1\nJohn Smith,07700 900123,extra\nC D,2\n")
    read = read_one(path)
    assert "John" not in read.rejects[0].reason and "07700" not in read.rejects[0].reason


def test_fields_over_the_limit_are_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    settings_ = ConnectorSettings(max_field_bytes=1024)
    rows = ["Id,Notes"] + [f"{i},short" for i in range(5)] + ["5," + "x" * 5000] + ["6,fine"]
    path = write(tmp_path, "huge.csv", ("\n".join(rows) + "\n").encode())
    read = read_one(path, settings=settings_)
    assert read.where() == [(7, "field 'Notes' is longer than the 1024-byte limit (connectors.max_field_bytes)")]
    assert [r["Id"] for r in read.rows] == ["0", "1", "2", "3", "4", "6"]


def test_a_record_longer_than_the_fast_reader_block_falls_back_and_keeps_counting(tmp_path: Path) -> None:
    # An unbalanced quote swallows the rest of the line: the record grows past every limit.
    settings_ = ConnectorSettings(max_field_bytes=1024, batch_rows=3)
    good = [f"{i},ok,{i}" for i in range(10)]
    huge = '10,"unclosed,' + "y" * 6_000_000
    content = "A,B,C\n" + "\n".join(good) + "\n" + huge + "\n" + "11,after,11\n12,x\n13,after,13\n"
    path = write(tmp_path, "unbalanced.csv", content.encode())
    read = read_one(path, settings=settings_)
    assert [r["A"] for r in read.rows] == [*map(str, range(10)), "11", "13"]
    assert [line for line, _ in read.where()] == [12, 14]
    assert "longer than the size limit" in read.where()[0][1]
    assert read.reader.rows_read + read.reader.rows_rejected == 14


def test_invalid_utf8_in_a_utf8_file_is_a_reject_not_a_crash(tmp_path: Path) -> None:
    # The bad bytes come after the 1 MB sample that decided "UTF-8".
    body = "Name,Town\n" + "Zoë,Leeds\n" * 120_000
    path = write(tmp_path, "bad.csv", body.encode() + b"Bad\xff\xfe,York\n" + b"Ok,Hull\n")
    read = read_one(path)
    assert read.where() == [(120_002, "field 'Name' is not valid UTF-8 text")]
    assert read.rows[-1] == {"Name": "Ok", "Town": "Hull"}
    assert read.reader.rows_read == 120_001


def test_duplicate_and_blank_headers_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", b"Name,,name,Notes,Notes\n1,2,3,4,5\n")
    assert read_one(path).columns == ["Name", "column_2", "name_2", "Notes", "Notes_2"]


def test_trailing_delimiter_on_every_row_adds_an_unnamed_column(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", b"A,B\n1,2,\n3,4,\n")
    read = read_one(path)
    assert read.columns == ["A", "B", "column_3"]
    assert read.reader.rows_rejected == 0


def test_a_file_without_header_gets_generated_column_names(tmp_path: Path) -> None:
    path = write(tmp_path, "n.csv", b"1,2019-03-14,12.5\n2,2019-03-15,13\n")
    read = read_one(path)
    assert read.columns == ["column_1", "column_2", "column_3"]
    assert read.reader.rows_read == 2
    assert read_one(path, header=True).reader.rows_read == 1


def test_header_line_option_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "o.csv", b"a,b\nx,y\nc,d\n")
    read = read_one(path, header_line=2)
    assert read.columns == ["x", "y"]
    assert read.rows == [{"x": "c", "y": "d"}]
    assert read.where() == [(1, BANNER)]  # the line above the header is accounted for, not dropped


def test_empty_and_header_only_files(tmp_path: Path) -> None:
    empty = read_one(write(tmp_path, "e.csv", b""))
    assert empty.columns == [] and empty.reader.rows_read == 0
    header_only = read_one(write(tmp_path, "h.csv", b"A,B,C\r\n"))
    assert header_only.columns == ["A", "B", "C"] and header_only.reader.rows_read == 0


def test_reading_from_a_binary_stream_and_unknown_options(tmp_path: Path) -> None:
    data = EQUIPTRACK.encode("cp1252")
    read = read_one(io.BytesIO(data), name="assets.csv")
    assert read.reader.rows_read == 3
    with pytest.raises(UnsupportedFormat, match="unknown csv option"):
        open_source("csv", io.BytesIO(data), name="a.csv", delimeter=",", settings=ConnectorSettings())
    with open_source(None, io.BytesIO(data), name="assets.csv", settings=ConnectorSettings()) as source, \
            pytest.raises(TableNotFound):
        source.read("jobs")


def test_a_table_is_read_once_per_reader(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", b"A\n1\n")
    with open_source(None, path, settings=ConnectorSettings()) as source:
        reader = source.read("a")
        list(reader)
        with pytest.raises(SourceReadError, match="already read"):
            list(reader)
        assert source.read("a").read_all().num_rows == 1


cell = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00\r"), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell, min_size=1, max_size=5), min_size=1, max_size=40),
       blank_every=st.integers(min_value=2, max_value=9))
def test_every_row_is_read_or_rejected(tmp_path: Path, rows: list[list[str]], blank_every: int) -> None:
    """Property: rows_read + rows_rejected equals the data records written, whatever their shape."""
    import csv as pycsv

    out = io.StringIO()
    writer = pycsv.writer(out, lineterminator="\n", quoting=pycsv.QUOTE_ALL)
    writer.writerow(["h1", "h2", "h3"])
    for i, row in enumerate(rows):
        writer.writerow(row)
        if i % blank_every == 0:
            out.write("\n")
    path = tmp_path / "prop.csv"
    path.write_bytes(out.getvalue().encode())
    read = read_one(path, settings=ConnectorSettings(batch_rows=5, max_field_bytes=4096), header=True, delimiter=",")
    assert read.reader.rows_read + read.reader.rows_rejected == len(rows)
    width = len(read.columns)  # the header's 3, or more when most rows are longer (a trailing delimiter)
    assert width >= 3
    assert read.reader.rows_rejected == sum(1 for r in rows if len(r) != width)
    assert [list(r.values()) for r in read.rows] == [[v or None for v in r] for r in rows if len(r) == width]


def test_after_a_record_it_cannot_handle_the_fast_reader_takes_over_again(tmp_path: Path) -> None:
    """A huge field early in a large file costs a short Python stretch, not a Python read of the whole file."""
    settings_ = ConnectorSettings(max_field_bytes=1024, batch_rows=50_000)
    rows = [f"{i},v{i},w" for i in range(60_000)]
    rows[5] = "5," + "x" * 3_000_000 + ",w"  # longer than one fast-reader block
    rows[7] = "7,short"  # ragged, in the same stretch as the huge one
    rows[50_000] = "50000,a,b,c"  # ragged, far after: found by the fast reader again
    path = write(tmp_path, "huge-early.csv", ("A,B,C\n" + "\n".join(rows) + "\n").encode())
    with open_source(None, path, settings=settings_) as source:
        reader = source.read("huge-early")
        read_rows = sum(batch.num_rows for batch in reader)
    assert reader.python_stretches == 1
    assert read_rows == reader.rows_read == 60_000 - 3
    assert [(r.row_number, r.reason) for r in reader.rejects] == [
        (7, "record is longer than the size limit (unbalanced quote?); reading resumed on the next line"),
        (9, "expected 3 fields, found 2"),
        (50_002, "expected 3 fields, found 4"),
    ]


def test_bytes_that_are_not_utf8_cost_a_short_python_stretch(tmp_path: Path) -> None:
    body = "Name,Town\n" + "Zoë,Leeds\n" * 120_000
    tail = "Ann,Hull\n" * 300_000
    path = write(tmp_path, "mixed.csv", body.encode() + b"Caf\xe9,York\n" + tail.encode() + b"x,y,z\n")
    with open_source(None, path, settings=ConnectorSettings()) as source:
        reader = source.read("mixed")
        total = sum(batch.num_rows for batch in reader)
    assert reader.python_stretches == 1
    assert total == 420_000
    assert [(r.row_number, r.reason) for r in reader.rejects] == [
        (120_002, "field 'Name' is not valid UTF-8 text"), (420_003, "expected 2 fields, found 3")]
