"""The same register / verify / withdraw path on PostgreSQL (bytea manifests, timestamptz validity)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.authorisation import (
    AuthorisationExpired,
    AuthorisationWithdrawn,
    SignatureInvalid,
    verify_for,
    withdraw,
)
from intake.clock import FixedClock
from intake.config import Settings
from intake.context import Context
from intake.registry.db import Registry
from intake.registry.models import Authorisation, Purpose, Role
from intake.users import add_user, initialise
from tests.authorisation.conftest import Authorisations
from tests.services import empty_registry


@pytest.mark.postgres
def test_authorisation_lifecycle_on_postgresql(postgres_url: str, tmp_path: Path, dataset_dir: Path,
                                              dataset_hashes: dict[str, str]) -> None:
    empty_registry(postgres_url)
    registry = Registry(postgres_url)
    clock = FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    ctx = Context(settings=Settings(home=tmp_path / "h", database_url=postgres_url), actor="ada", clock=clock,
                  registry=registry)
    try:
        initialise(ctx)
        add_user(ctx, "eve", [Role.ENGINEER])
        add_user(ctx, "dora", [Role.DPO])  # confirms the customer key (two-person rule)
        auths = Authorisations(ctx, tmp_path / "auth", dataset_dir)
        first, second = auths.write(), auths.write()
        auths.register(first)
        auths.register(second)

        verified = verify_for(ctx, first.reference, Purpose.MIGRATION, dataset_hashes)
        assert verified.valid_until == datetime(2026, 9, 30, 23, 59, 59, 999999, tzinfo=UTC)

        with ctx.registry.session() as session:
            row = session.scalar(select(Authorisation).where(Authorisation.reference == second.reference))
            row.manifest = bytes(row.manifest) + b"\n"
        with pytest.raises(SignatureInvalid):
            verify_for(ctx, second.reference, Purpose.MIGRATION)

        withdraw(ctx, first.reference, "customer letter")
        with pytest.raises(AuthorisationWithdrawn):
            verify_for(ctx, first.reference, Purpose.MIGRATION)

        third = auths.write()
        auths.register(third)
        clock.advance(timedelta(days=365))
        with pytest.raises(AuthorisationExpired):
            verify_for(ctx, third.reference, Purpose.MIGRATION)
        ctx.audit.verify()
    finally:
        registry.dispose()
