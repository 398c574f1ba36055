"""The manifest schema: a valid manifest loads; every kind of mistake is a ManifestError naming field and line."""

from __future__ import annotations

from datetime import date

import pytest

from intake.authorisation import ManifestError, load_manifest
from intake.authorisation.manifest import MAX_MANIFEST_BYTES, read_manifest
from intake.registry.models import PersonalDataDeclaration, Purpose

H1 = "a" * 64
H2 = "B" * 64

VALID = f"""\
customer: St Elsewhere NHS Foundation Trust
signatory:
  name: Dr A Example
  role: Head of Clinical Engineering
signed_on: 2026-03-01
valid_until: 2026-09-30
purpose:
  kind: migration
  migration_project: MIG-2026-001
reference: AUTH-2026-001
dataset_description: EquipTrack asset register and job history export
files:
  - name: assets.csv
    sha256: {H1}
  - name: jobs.xlsx
    sha256: {H2}
personal_data: may_contain
purpose_limitation_confirmed: true
evidence:
  file: signed-letter.pdf
  sha256: {H1}
"""


def problems(text: str | bytes) -> list[tuple[str, int | None, str]]:
    with pytest.raises(ManifestError) as caught:
        load_manifest(text, "m.yaml")
    assert "m.yaml" in str(caught.value)
    return [(p.path, p.line, p.message) for p in caught.value.problems]


def one_problem(text: str | bytes) -> tuple[str, int | None, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_valid_manifest_loads_with_normalised_hashes() -> None:
    manifest = load_manifest(VALID.encode())
    assert manifest.customer == "St Elsewhere NHS Foundation Trust"
    assert manifest.signatory.role == "Head of Clinical Engineering"
    assert manifest.signed_on == date(2026, 3, 1)
    assert manifest.purpose.kind is Purpose.MIGRATION
    assert manifest.purpose_reference == "MIG-2026-001"
    assert manifest.personal_data is PersonalDataDeclaration.MAY_CONTAIN
    assert manifest.file_hashes == {"assets.csv": H1, "jobs.xlsx": H2.lower()}
    assert manifest.evidence.file == "signed-letter.pdf"


def test_fault_investigation_purpose() -> None:
    text = VALID.replace("kind: migration\n  migration_project: MIG-2026-001",
                         "kind: fault_investigation\n  fault_ticket: FT-77")
    manifest = load_manifest(text)
    assert manifest.purpose.kind is Purpose.FAULT_INVESTIGATION
    assert manifest.purpose_reference == "FT-77"


def test_missing_field_names_field_and_the_line_of_its_parent() -> None:
    assert one_problem(VALID.replace("  role: Head of Clinical Engineering\n", "")) == (
        "signatory.role", 2, "required field is missing"
    )
    path, _line, message = one_problem(VALID.replace("reference: AUTH-2026-001\n", ""))
    assert (path, message) == ("reference", "required field is missing")


def test_unknown_field_is_refused_listing_allowed_fields() -> None:
    path, line, message = one_problem(VALID + "colour: blue\n")
    assert (path, line) == ("colour", 22)
    assert "unknown field" in message and "dataset_description" in message
    path, line, message = one_problem(VALID.replace("    sha256: " + H2, "    sha256: " + H2 + "\n    size: 12"))
    assert (path, line) == ("files[1].size", 17)
    assert "allowed fields here: name, sha256" in message


def test_bad_hash_names_the_file_entry() -> None:
    assert one_problem(VALID.replace(H2, "abc123")) == (
        "files[1].sha256", 16, "must be a SHA-256 hash: 64 hexadecimal characters (sha256sum prints it)"
    )
    path, line, _ = one_problem(VALID.replace(f"  sha256: {H1}\n", "  sha256: " + "g" * 64 + "\n").replace(
        f"    sha256: {'g' * 64}", f"    sha256: {H1}", 1))
    assert (path, line) == ("evidence.sha256", 21)


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "says"),
    [
        ("signed_on: 2026-03-01", "signed_on: '2026-03-01'", "signed_on", 5, "YYYY-MM-DD"),
        ("signed_on: 2026-03-01", "signed_on: 2026-03-01 10:00:00", "signed_on", 5, "YYYY-MM-DD"),
        ("signed_on: 2026-03-01", "signed_on: yesterday", "signed_on", 5, "YYYY-MM-DD"),
        ("purpose_limitation_confirmed: true", "purpose_limitation_confirmed: 'yes'", "purpose_limitation_confirmed",
         18, "true or false"),
        ("reference: AUTH-2026-001", "reference: 2026001", "reference", 10, "text"),
        ("reference: AUTH-2026-001", "reference: 'AUTH 2026 001'", "reference", 10, "letters, digits"),
        ("personal_data: may_contain", "personal_data: maybe", "personal_data", 17, "'none', 'anonymised'"),
        ("  kind: migration", "  kind: research", "purpose.kind", 8, "'migration' or 'fault_investigation'"),
        ("customer: St Elsewhere NHS Foundation Trust", "customer: '   '", "customer", 1, "blank"),
        ("dataset_description: EquipTrack asset register and job history export", "dataset_description: [a, b]",
         "dataset_description", 11, "text"),
        ("signatory:\n  name: Dr A Example\n  role: Head of Clinical Engineering", "signatory: Dr A Example",
         "signatory", 2, "mapping"),
        ("  - name: jobs.xlsx", "  - name: ../../etc/passwd", "files[1].name", 15, "relative file name"),
        ("  - name: jobs.xlsx", "  - name: /etc/passwd", "files[1].name", 15, "relative file name"),
    ],
)
def test_wrong_types_and_values(old: str, new: str, path: str, line: int, says: str) -> None:
    assert old in VALID
    found_path, found_line, message = one_problem(VALID.replace(old, new))
    assert (found_path, found_line) == (path, line)
    assert says in message


def test_files_must_not_be_empty_or_repeat_a_name() -> None:
    no_files = VALID.split("files:")[0] + "files: []\n" + VALID.split("personal_data:")[1].join(["personal_data:", ""])
    assert one_problem(no_files)[0] == "files"
    repeated = VALID.replace("jobs.xlsx", "assets.csv")
    assert one_problem(repeated) == ("files[1].name", 15, "repeats the file name of files[0]")


def test_dates_in_the_wrong_order() -> None:
    assert one_problem(VALID.replace("valid_until: 2026-09-30", "valid_until: 2026-02-28")) == (
        "valid_until", 6, "is before signed_on: an authorisation cannot end before it was signed"
    )


def test_impossible_date_names_field_and_line() -> None:
    path, line, message = one_problem(VALID.replace("valid_until: 2026-09-30", "valid_until: 2026-02-30"))
    assert (path, line) == ("valid_until", 6)
    assert "not a real date" in message


def test_purpose_reference_must_match_kind() -> None:
    assert problems(VALID.replace("  migration_project: MIG-2026-001", "  fault_ticket: FT-1")) == [
        ("purpose.migration_project", 7, "is required when purpose.kind is migration"),
        ("purpose.fault_ticket", 9, "is not allowed when purpose.kind is migration"),
    ]
    both = VALID.replace("  migration_project: MIG-2026-001", "  migration_project: MIG-1\n  fault_ticket: FT-1")
    assert one_problem(both) == ("purpose.fault_ticket", 10, "is not allowed when purpose.kind is migration")


def test_may_contain_needs_purpose_limitation_confirmed() -> None:
    for text in (VALID.replace("purpose_limitation_confirmed: true\n", ""),
                 VALID.replace("purpose_limitation_confirmed: true", "purpose_limitation_confirmed: false")):
        path, _line, message = one_problem(text)
        assert path == "purpose_limitation_confirmed"
        assert "must be true when personal_data is may_contain" in message
    # not needed when the customer declares the data free of personal data
    load_manifest(VALID.replace("may_contain", "none").replace("purpose_limitation_confirmed: true\n", ""))


def test_yaml_tricks_are_refused() -> None:
    assert "appears twice" in one_problem(VALID + "reference: AUTH-OTHER\n")[2]
    assert one_problem(VALID + "reference: AUTH-OTHER\n")[:2] == ("reference", 22)
    aliased = VALID.replace("signatory:\n", "signatory: &who\n") + "other: *who\n"
    assert "anchors and aliases" in one_problem(aliased)[2]
    assert "merge keys" in one_problem(VALID.replace("signatory:\n", "signatory:\n  <<: {name: X}\n"))[2]
    assert "could not determine a constructor" in one_problem("a: !!python/object/apply:os.system [ls]\n")[2]
    assert one_problem("customer: !!binary aGVsbG8=\n" + VALID.split("\n", 1)[1])[0] == "customer"


def test_malformed_documents() -> None:
    assert one_problem("")[2] == "is empty"
    assert one_problem("# only a comment\n")[2] == "is empty"
    assert "mapping of fields" in one_problem("- a\n- b\n")[2]
    assert "mapping of fields" in one_problem("just text\n")[2]
    _path, line, message = one_problem("customer: [unclosed\nsignatory: x\n")
    assert message.startswith("not valid YAML") and line is not None
    assert "single document" in one_problem(VALID + "---\n" + VALID)[2]
    assert one_problem(b"\xff\xfe\x00bad")[2] == "is not UTF-8 text"
    assert one_problem(VALID.encode() + b"\n# caf\xe9\n")[1] == 23
    assert "nested too deeply" in one_problem("a: " + "[" * 20000)[2]
    assert "larger than" in one_problem(b"#" * (MAX_MANIFEST_BYTES + 1))[2]


def test_utf8_bom_is_accepted() -> None:
    assert load_manifest(b"\xef\xbb\xbf" + VALID.encode()).reference == "AUTH-2026-001"


def test_many_problems_are_reported_together() -> None:
    text = VALID.replace(H2, "x").replace("kind: migration", "kind: other") + "extra: 1\n"
    paths = {p[0] for p in problems(text)}
    assert paths == {"files[1].sha256", "purpose.kind", "extra"}


def test_read_manifest_returns_exact_bytes_and_reports_unreadable_files(tmp_path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(VALID.encode())
    data, manifest = read_manifest(path)
    assert data == VALID.encode() and manifest.reference == "AUTH-2026-001"
    with pytest.raises(ManifestError, match="cannot be read"):
        read_manifest(tmp_path / "missing.yaml")
