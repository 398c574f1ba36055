"""Who may do what: one table, consulted by every CLI command and flow."""

from __future__ import annotations

from intake.registry.models import Role

E, S, D, A, SV = Role.ENGINEER, Role.SUPPORT, Role.DPO, Role.ADMIN, Role.SERVICE

PERMISSIONS: dict[str, frozenset[Role]] = {
    "users.manage": frozenset({A}),
    "users.list": frozenset({A, D}),
    "signers.manage": frozenset({A}),
    "signers.confirm": frozenset({A, D, E, S}),  # never the person who added the key (trust.confirm_signer)
    "signers.list": frozenset({A, D, E, S}),
    "authorisation.register": frozenset({E, S, A}),
    # A customer's letter reaches support or the DPO; the engineers who run migrations do not end consent.
    "authorisation.withdraw": frozenset({S, D, A}),
    "authorisation.list": frozenset({E, S, D, A}),
    "dataset.receive": frozenset({E, S}),
    "dataset.list": frozenset({E, S, D, A}),
    "dataset.inspect": frozenset({E, S, D}),  # reads a raw customer file outside the vault
    "migration.run": frozenset({E}),
    "migration.complete": frozenset({E}),
    "migration.fetch": frozenset({E}),  # the hand-over of a package to the product (handover.py)
    "fault.open": frozenset({S}),
    "fault.close": frozenset({S}),
    # Support investigates; the DPO, who supervises investigations and already reads raw data (report.raw,
    # dataset.inspect), reads what they kept (query texts, raw-access reasons, saved results), every read audited.
    # Never the admin: who manages users and keys reads no customer's data.
    "fault.read": frozenset({S, D}),
    "legal_hold.manage": frozenset({D}),
    "restriction.manage": frozenset({D}),
    "holds.list": frozenset({E, S, D, A}),
    "retention.list": frozenset({E, S, D, A}),
    "retention.sweep": frozenset({D, A, SV}),  # SV: the scheduled sweep, and nothing else
    "report.raw": frozenset({D}),
    "report.read": frozenset({E, S, D}),
    "audit.read": frozenset({D, A}),
    "audit.anchor": frozenset({D, A}),  # every command anchors too (cli/common.py): this is on demand
    "vault.rotate_kek": frozenset({A}),
    "vault.check_keys": frozenset({A, D}),
    "certificate.read": frozenset({D, A}),
    # Staff recording a run for the worker (run_requests.py); the run itself then checks its own action.
    "run.request": frozenset({E, S, D, A}),
}


def allowed_roles(action: str) -> frozenset[Role]:
    try:
        return PERMISSIONS[action]
    except KeyError:
        # An action missing from the table is refused, never allowed by default.
        return frozenset()
