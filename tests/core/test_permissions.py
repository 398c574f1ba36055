"""Each role may do its own work and is refused the rest; refusals are audited."""

from __future__ import annotations

import json

import pytest

from intake.errors import PermissionDenied
from intake.permissions import PERMISSIONS
from intake.registry.models import Role
from intake.users import SERVICE_USER
from tests.conftest import ADMIN, ROLE_USERS

USER_OF_ROLE = {role: name for name, role in ROLE_USERS.items()} | {Role.ADMIN: ADMIN, Role.SERVICE: SERVICE_USER}


@pytest.mark.parametrize("action", sorted(PERMISSIONS))
@pytest.mark.parametrize("role", list(Role))
def test_permission_table_is_enforced(ctx, as_user, action: str, role: Role) -> None:
    actor_ctx = as_user(USER_OF_ROLE[role])
    if role in PERMISSIONS[action]:
        assert actor_ctx.authorise(action).name == USER_OF_ROLE[role]
    else:
        before = ctx.audit.count()
        with pytest.raises(PermissionDenied, match=action):
            actor_ctx.authorise(action)
        events = ctx.audit.events(limit=1)
        assert ctx.audit.count() == before + 1
        assert events[-1].outcome == "refused"
        assert events[-1].action == action
        assert json.loads(events[-1].details)["reason"] == "permission"


def test_key_separations_of_duty() -> None:
    assert PERMISSIONS["migration.run"] == {Role.ENGINEER}
    assert PERMISSIONS["fault.open"] == {Role.SUPPORT} and PERMISSIONS["fault.close"] == {Role.SUPPORT}
    assert PERMISSIONS["legal_hold.manage"] == {Role.DPO}
    assert PERMISSIONS["report.raw"] == {Role.DPO}
    # Support investigates a fault, the DPO supervises (reads what was queried, why, and kept); the admin never.
    assert PERMISSIONS["fault.read"] == {Role.SUPPORT, Role.DPO}
    assert not [a for a in ("fault.read", "report.raw", "dataset.inspect") if Role.ADMIN in PERMISSIONS[a]]
    assert [a for a, roles in PERMISSIONS.items() if Role.SERVICE in roles] == ["retention.sweep"]


def test_init_creates_the_service_identity_that_no_person_can_share(ctx) -> None:
    from intake.errors import StateError
    from intake.users import add_user, grant, list_users

    [service] = [u for u in list_users(ctx) if u.name == SERVICE_USER]
    assert service.roles == ["service"] and service.active
    with pytest.raises(StateError, match="never granted to a person"):
        add_user(ctx, "mallory", [Role.SERVICE])
    with pytest.raises(StateError, match="never granted to a person"):
        grant(ctx, "eve", Role.SERVICE)
    with pytest.raises(StateError, match="service role only"):
        grant(ctx, SERVICE_USER, Role.DPO)


def test_unknown_user_and_unknown_action_are_refused(ctx, as_user) -> None:
    with pytest.raises(PermissionDenied, match="not a registered user"):
        as_user("mallory").authorise("dataset.list")
    with pytest.raises(PermissionDenied, match="unknown action"):
        ctx.authorise("no.such.action")


def test_revoked_role_no_longer_allows(ctx, as_user) -> None:
    from intake.users import revoke

    assert as_user("eve").authorise("migration.run")
    revoke(ctx, "eve", Role.ENGINEER)
    with pytest.raises(PermissionDenied):
        as_user("eve").authorise("migration.run")


def test_last_admin_cannot_revoke_itself(ctx) -> None:
    from intake.errors import StateError
    from intake.users import revoke

    with pytest.raises(StateError, match="last admin"):
        revoke(ctx, ADMIN, Role.ADMIN)
