"""benchmarks/notes_probe.py: its four labelled sets are whole (every label occurs in its note, none is both personal
and kept, each people set names its organisations' people), and its scoring counts a label once per occurrence,
found where any finding overlaps it and lost likewise."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import notes_probe  # noqa: E402

from intake.anonymisation.findings import Finding  # noqa: E402


def _notes(probe: str, name: str) -> list[dict[str, Any]]:
    data = json.loads((ROOT / "benchmarks" / f"{probe}_probe_data" / f"{name}.json").read_text("utf-8"))
    if probe == "people":
        assert len(data["datasets"]) == 6
        for dataset in data["datasets"]:
            assert dataset["people"] and dataset["person_field_values"] and dataset["reference_values"]
        return [n for d in data["datasets"] for n in d["notes"]]
    return data


@pytest.mark.parametrize("probe", ["people", "address"])
@pytest.mark.parametrize("name", list(notes_probe.SETS))
def test_every_label_is_in_its_note_and_none_is_both_personal_and_kept(probe: str, name: str) -> None:
    notes = _notes(probe, name)
    assert len(notes) >= 250
    assert sum(len(n["personal"]) for n in notes) >= 400 and sum(len(n["keep"]) for n in notes) >= 500
    for note in notes:
        personal = {value for value, _ in note["personal"]}
        for value, _ in (*note["personal"], *note["keep"]):
            assert value and value in note["text"], value
        assert not personal & {value for value, _ in note["keep"]}


def test_a_label_counts_per_occurrence_found_or_lost_where_a_finding_overlaps_it() -> None:
    notes = [{"text": "passed to JS; JS rang Philips re MX450", "personal": [["JS", "initials"]],
              "keep": [["Philips", "maker"], ["MX450", "model"]]}]
    found = [Finding("PERSON", 10, 12, 1.0, "t"), Finding("PERSON", 17, 24, 1.0, "t")]
    counts: Any = notes_probe.Counter()
    misses: list[str] = []
    notes_probe._score(notes, [found], counts, misses)
    assert counts == {"initials/planted": 2, "initials/found": 1, "keep/maker/planted": 1, "keep/maker/lost": 1,
                      "keep/model/planted": 1}
    assert "MISSED initials 'JS'" in misses[0] and "LOST maker 'Philips'" in misses[0]
