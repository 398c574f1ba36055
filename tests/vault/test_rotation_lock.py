"""A KEK rotation refused because another one is running is audited, and leaves the other rotation's lock alone."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from intake.clock import FixedClock
from intake.context import Context
from intake.errors import StateError
from intake.registry.models import Lock
from intake.vault import rotate_kek
from intake.vault.kek_rotation import ROTATION_LOCK, _take_lock


def test_a_rotation_while_another_runs_is_refused_audited_and_keeps_its_lock(ctx: Context,
                                                                              clock: FixedClock) -> None:
    _take_lock(ctx, "ben")  # ben's rotation, in another process, holds the lease
    key_file = ctx.settings.key_file.read_bytes()

    with pytest.raises(StateError, match=r"rotation by ben .* is still running"):
        rotate_kek(ctx)

    refused = [e for e in ctx.audit.events() if e.action == "vault.rotate_kek"]
    assert [(e.actor, e.outcome) for e in refused] == [("ada", "refused")]
    assert json.loads(refused[0].details) == {"provider": "local", "reason": "rotation running"}
    with ctx.registry.session() as session:
        lock = session.get(Lock, ROTATION_LOCK)
        assert lock is not None and lock.owner == "ben"  # still ben's: only he releases it
    assert ctx.settings.key_file.read_bytes() == key_file

    clock.advance(timedelta(hours=2))  # ben's lease lapsed (his process died): the next rotation takes over
    assert rotate_kek(ctx) == 0
    assert [e.outcome for e in ctx.audit.events() if e.action == "vault.rotate_kek"] == ["refused", "ok"]
