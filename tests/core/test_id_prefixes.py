"""Hold ids by a unique start, as `holds list` shows them cut short; a start of several is refused, with how many."""

from __future__ import annotations

import itertools
import json
import types
from collections.abc import Callable
from typing import Any

import pytest

from intake.context import Context
from tests.retention.conftest import RegistryFactory


def test_hold_ids_are_taken_by_a_unique_start_and_an_ambiguous_one_is_refused(
        cli: Callable[..., Any], ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    customer = RegistryFactory(ctx).customer("Trust of Ids")
    import intake.registry.models as models

    serial = itertools.count(1)  # every id made while placing shares its first 8 characters: "5eed0000"
    with monkeypatch.context() as patched:
        patched.setattr(models, "uuid", types.SimpleNamespace(
            uuid4=lambda: f"5eed0000-{next(serial):04d}-4000-8000-000000000000"))
        placed = [json.loads(cli("--json", "holds", "legal", "place", "--customer", customer, "--reason",
                                 "claim").stdout) for _ in range(2)]
        restriction = json.loads(cli("--json", "holds", "restrict", "place", "--customer", customer, "--reason",
                                     "art. 18 request").stdout)
    first, second = (p["id"] for p in placed)
    assert first[:8] == second[:8] == restriction["id"][:8] == "5eed0000"

    ambiguous = cli("holds", "legal", "review", "5eed0000\u2026", "--reason", "still needed")
    assert ambiguous.exit_code == 1 and "AmbiguousId" in ambiguous.stderr
    assert "'5eed0000' starts 3 hold ids: give more of it" in ambiguous.stderr
    assert "Traceback" not in ambiguous.output

    reviewed = cli("--json", "holds", "legal", "review", first[:13], "--reason", "still needed")
    assert reviewed.exit_code == 0, reviewed.output
    assert json.loads(reviewed.stdout)["id"] == first
    released = cli("--json", "holds", "legal", "release", second[:13] + "\u2026", "--reason", "settled", "--yes")
    assert released.exit_code == 0, released.output
    assert json.loads(released.stdout)["id"] == second and json.loads(released.stdout)["closed_at"]
    lifted = cli("--json", "holds", "restrict", "release", restriction["id"][:13], "--reason", "request answered")
    assert lifted.exit_code == 0, lifted.output
    assert json.loads(lifted.stdout)["id"] == restriction["id"]

    # A start that matches nothing is left as given, for the command's own message.
    unknown = cli("holds", "legal", "review", "0bad0000", "--reason", "x")
    assert unknown.exit_code == 1 and "no legal hold with id 0bad0000" in unknown.stderr
