"""The same data gives the same redactions whatever the dataset's secret: only the pseudonyms differ.

The model reads the text after the first pass with the pseudonyms in it; their digests once decided whether a
name beside them ("NOWAK, Heather") was found, so two runs over the same export redacted different words."""

from __future__ import annotations

import re

import pyarrow as pa

from intake.anonymisation import AnonymisationSession
from intake.anonymisation.findings import steady_pseudonyms
from intake.anonymisation.roles import apply_roles

NOTES = ["keypad unresponsive / patient WĘGRZYNIAK, Heather, physio \u2013 Holly",
         "patient NOWAK, Heather rang twice", "spoke to KOWALCZYK, Ivy about the pump",
         "per sister OKAFOR, Holly - returned", "cc BRENNAN, Grace / checked by Amber"]


def test_redactions_do_not_depend_on_the_secret(session: AnonymisationSession) -> None:
    table = pa.table({"Notes": NOTES})
    classified = apply_roles(session.profile("jobs", table.to_batches()),
                             {"Notes": {"role": "free_text", "fields": ["jobs.outcome"]}})
    outputs = set()
    for k in range(16):
        out = session.anonymise_chunk(bytes([k]) * 32, "jobs", classified, table.to_batches())
        cells = pa.Table.from_batches(out.batches).column("Notes").to_pylist()
        outputs.add(tuple(re.sub(r"_[0-9a-f]{16,64}\b", "_x", v) for v in cells))
    assert len(outputs) == 1
    assert not any(name in cell for cell in outputs.pop() for name in ("Heather", "Holly", "Ivy", "Grace"))


def test_steady_pseudonyms_keep_length_and_everything_else() -> None:
    text = "patient PERSON_1b2274b26f62dbef, Heather; PHONE_NUMBER_0a1b2c3d4e5f6a7b8c9d ext 4567"
    steady = steady_pseudonyms(text)
    assert steady == "patient PERSON_0000000000000000, Heather; PHONE_NUMBER_00000000000000000000 ext 4567"
    assert len(steady) == len(text)
    assert steady_pseudonyms("Ward_7 AMU_2") == "Ward_7 AMU_2"
