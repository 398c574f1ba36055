"""`intake mapping draft`: the shipped sample layouts migrate with a drafted mapping plus the edits docs/mapping.md
asks for (the lookups' TODO codes), and the draft holds headers and codes, never a personal value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intake.mapping_check import check_files
from intake.product import parse_mapping
from intake.product.errors import MappingError
from tests.conftest import invoke

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# The codes a customer's own system documents (what each status or type code means): the only edit needed.
CODES = {
    "sample-equiptrack": {"'A'": "in_service", "'S'": "in_store", "'R'": "under_repair", "'C'": "condemned",
                          "'L'": "on_loan"},
    "sample-medimaint": {"'1'": "in_service", "'2'": "in_store", "'3'": "condemned", "'4'": "on_loan",
                         "CM": "repair"},
}


def export_files(sample: str) -> list[Path]:
    return sorted(p for p in (EXAMPLES / sample).iterdir() if p.suffix in (".csv", ".xlsx", ".db"))


def fill_codes(text: str, codes: dict[str, str]) -> str:
    for code, target in codes.items():
        text = text.replace(f"    {code}: TODO  # which product code?", f"    {code}: {target}")
    return text


@pytest.mark.parametrize("sample", sorted(CODES))
def test_a_drafted_mapping_migrates_the_sample_after_its_lookup_codes_are_filled_in(runner, tmp_path: Path,
                                                                                   sample: str) -> None:
    out = tmp_path / "draft.yaml"
    drafted = invoke(runner, "init")
    assert drafted.exit_code == 0, drafted.output
    assert invoke(runner, "users", "add", "eve", "--role", "engineer").exit_code == 0
    result = invoke(runner, "mapping", "draft", *export_files(sample), "--system", sample, "--out", out, actor="eve")
    assert result.exit_code == 0, result.output
    text = out.read_text()
    with pytest.raises(MappingError, match="TODO"):  # the codes no header can tell are left to the engineer
        parse_mapping(text)
    mapping = parse_mapping(fill_codes(text, CODES[sample]), source=out.name)

    from intake.cli.common import state

    checked = check_files(state.context, mapping, export_files(sample))
    assert checked.ok, checked.problems
    read = sum(t["rows_read"] for t in checked.tables)
    delivered = sum(t["rows_loaded"] + t["rows_merged"] for t in checked.tables)
    assert delivered >= 0.95 * read and {"assets", "jobs"} <= set(checked.entities)
    assert invoke(runner, "mapping", "draft", *export_files(sample), "--out", out, actor="eve").exit_code == 2


def test_the_draft_holds_headers_and_codes_never_a_personal_value(runner, tmp_path: Path) -> None:
    assert invoke(runner, "init").exit_code == 0
    assert invoke(runner, "users", "add", "eve", "--role", "engineer").exit_code == 0
    for sample in CODES:
        result = invoke(runner, "mapping", "draft", *export_files(sample), actor="eve")
        assert result.exit_code == 0, result.output
        truth = [json.loads(line) for line in (EXAMPLES / sample / "truth.jsonl").read_text().splitlines()]
        values = {t["value"] for t in truth if len(t["value"]) >= 4}
        assert values and not [v for v in values if v in result.output]
