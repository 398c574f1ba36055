"""`intake keys check`: every live data key unwrapped with the KEK(s) available, counted per KEK (never key
material), and what to restore when one does not unwrap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import func, select

from intake.context import Context
from intake.errors import IntakeError
from intake.registry.models import DataKey
from intake.vault.errors import KekUnavailable, KeyCheckFailed, KeyProviderError
from intake.vault.keys import LOCAL, DataKeyring


@dataclass(frozen=True)
class KekCheck:
    provider: str
    kek_id: str
    live: int
    unwrapped: int
    failed: int
    problem: str = ""


@dataclass(frozen=True)
class KeyCheckReport:
    """What `intake keys check` found: counts and KEK ids only, never key material."""

    provider: str  # the configured provider, which wraps new data keys
    key_file: str | None  # the local key file, when the local provider is configured or needed
    key_file_state: str  # ok | missing | foreign | altered | unusable | not used
    live: int
    unwrapped: int
    failed: int
    destroyed: int
    keks: list[KekCheck]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.problems


def check_keys(ctx: Context) -> KeyCheckReport:
    """Unwrap every live data key with the KEK(s) available and report counts; audited either way."""
    actor = ctx.authorise("vault.check_keys")
    keyring = DataKeyring(ctx.registry, ctx.settings, ctx.clock)
    configured = ctx.settings.vault.key_provider
    with ctx.registry.session() as session:
        rows = [(row.scope, row.provider, row.kek_id, row.wrapped_key) for row in
                session.scalars(select(DataKey).where(DataKey.wrapped_key.is_not(None)).order_by(DataKey.scope))]
        destroyed = session.scalar(select(func.count()).select_from(DataKey)
                                   .where(DataKey.wrapped_key.is_(None))) or 0
    problems: list[str] = []
    uses_local = configured == LOCAL or any(provider == LOCAL for _, provider, _, _ in rows)
    key_file_state, key_file = "not used", None
    if uses_local:
        key_file = str(ctx.settings.key_file)
        try:
            keyring.require_local_keks()
            key_file_state = "ok"
        except KekUnavailable as exc:
            key_file_state = exc.reason.removeprefix("kek ")
            problems.append(str(exc))
        except KeyProviderError as exc:
            key_file_state = "unusable"
            problems.append(str(exc))
    tally: dict[tuple[str, str], list[int]] = {}
    reasons: dict[tuple[str, str], dict[str, int]] = {}
    for scope, provider, kek_id, wrapped in rows:
        counts = tally.setdefault((provider, kek_id), [0, 0, 0])
        counts[0] += 1
        try:
            keyring.provider_named(provider).unwrap(scope, cast(bytes, wrapped), kek_id)
            counts[1] += 1
        except IntakeError as exc:
            counts[2] += 1
            reason = getattr(exc, "reason", "does not unwrap" if isinstance(exc, KeyProviderError)
                             else "provider unavailable")
            bucket = reasons.setdefault((provider, kek_id), {})
            bucket[reason] = bucket.get(reason, 0) + 1
    keks: list[KekCheck] = []
    for (provider, kek_id), (live, unwrapped, failed) in sorted(tally.items()):
        why = reasons.get((provider, kek_id), {})
        problem = ", ".join(f"{count} {reason}" for reason, count in sorted(why.items()))
        if failed and unwrapped == 0 and why.keys() == {"does not unwrap"}:
            problem += (f": no data key under KEK {kek_id} unwraps, so the KEK itself was altered or replaced; "
                        "restore the key file (or KMS key) from backup")
        keks.append(KekCheck(provider, kek_id, live, unwrapped, failed, problem))
    live = len(rows)
    unwrapped = sum(k.unwrapped for k in keks)
    failed = live - unwrapped
    report = KeyCheckReport(configured, key_file, key_file_state, live, unwrapped, failed, int(destroyed), keks,
                            problems)
    ctx.record(actor, "vault.check_keys", outcome="ok" if report.ok else "failed", live=live, unwrapped=unwrapped,
               failed=failed, destroyed=report.destroyed, key_file_state=key_file_state,
               failures={f"{k.provider}:{k.kek_id}": k.failed for k in keks if k.failed})
    return report


def require_keys_ok(report: KeyCheckReport) -> None:
    """Raise KeyCheckFailed, with counts and what to do, when the check found a problem."""
    if report.ok:
        return
    failing = [f"{k.kek_id} ({k.provider}): {k.failed} of {k.live} fail ({k.problem})" for k in report.keks if k.failed]
    parts: list[str] = []
    if report.failed:
        parts.append(f"{report.failed} of {report.live} live data key(s) do not unwrap, so the data under them "
                     "cannot be read until the key file or KMS key that wraps them is restored")
        parts.append("; ".join(failing))
    parts.extend(report.problems)
    raise KeyCheckFailed(" | ".join(part[:1].upper() + part[1:] for part in parts))
