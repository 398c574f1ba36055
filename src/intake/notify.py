"""Telling people when something that must not fail silently did: a deletion sweep that failed or was refused,
a dataset that could not be deleted, datasets flagged overdue, a migration that failed or crashed; and, from the
hourly `intake retention list --overdue --notify` (retention/monitoring.py), datasets overdue for deletion, a
sweep that stopped (none succeeded within the grace period) and legal holds past their review date.

Channels are a small protocol with a registry (`CHANNELS`): a webhook (JSON POST, e.g. a chat or paging
service's incoming hook) and e-mail over SMTP, both configured under `[notifications]`. A notice carries ids,
counts, error types and intake's own messages, never a value from a customer dataset. Sending never raises: a
channel that cannot be reached is audited (`notify`, outcome failed) and logged, and the original error goes on.
"""

from __future__ import annotations

import contextlib
import json
import smtplib
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from intake.logs import get_logger, log_event

if TYPE_CHECKING:
    from intake.context import Context

logger = get_logger(__name__)


class NotificationSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    webhook_url: SecretStr | None = Field(None, description="POST a JSON notice here (the URL may hold a token)")
    smtp_host: str | None = Field(None, description="Mail server for e-mail notices")
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    mail_from: str = "intake@localhost"
    mail_to: list[str] = Field(default_factory=list, description="Who gets e-mail notices (the DPO)")
    timeout_seconds: float = Field(10.0, gt=0)


@dataclass(frozen=True)
class Notice:
    event: str  # e.g. "retention.sweep_failed"
    subject: str
    text: str
    details: dict[str, Any] = field(default_factory=dict)  # ids, counts, error types: never data values

    def body(self, installation: str) -> dict[str, Any]:
        return {**asdict(self), "installation": installation}


class Channel(Protocol):
    name: str

    def send(self, notice: Notice, installation: str) -> None: ...


class WebhookChannel:
    name = "webhook"

    def __init__(self, settings: NotificationSettings) -> None:
        assert settings.webhook_url is not None
        self._url = settings.webhook_url.get_secret_value()
        self._timeout = settings.timeout_seconds

    def send(self, notice: Notice, installation: str) -> None:
        request = urllib.request.Request(  # noqa: S310 (an https or http URL the admin configured)
            self._url, data=json.dumps(notice.body(installation)).encode(), method="POST",
            headers={"Content-Type": "application/json", "User-Agent": "intake-notify"})
        with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310
            if not 200 <= response.status < 300:
                raise OSError(f"the webhook answered HTTP {response.status}")


class SmtpChannel:
    name = "email"

    def __init__(self, settings: NotificationSettings) -> None:
        self._settings = settings

    def send(self, notice: Notice, installation: str) -> None:
        s = self._settings
        message = EmailMessage()
        message["From"], message["To"] = s.mail_from, ", ".join(s.mail_to)
        message["Subject"] = f"[intake {installation}] {notice.subject}"
        message.set_content(f"{notice.text}\n\n{json.dumps(notice.details, indent=2, sort_keys=True)}\n")
        with smtplib.SMTP(s.smtp_host or "", s.smtp_port, timeout=s.timeout_seconds) as smtp:
            if s.smtp_starttls:
                smtp.starttls()
            if s.smtp_username and s.smtp_password is not None:
                smtp.login(s.smtp_username, s.smtp_password.get_secret_value())
            smtp.send_message(message)


# Each channel: whether the settings turn it on, and how to build it.
CHANNELS: dict[str, tuple[Callable[[NotificationSettings], bool], Callable[[NotificationSettings], Channel]]] = {
    "webhook": (lambda s: s.webhook_url is not None, WebhookChannel),
    "email": (lambda s: bool(s.smtp_host and s.mail_to), SmtpChannel),
}


def configured(settings: NotificationSettings) -> list[Channel]:
    return [build(settings) for enabled, build in CHANNELS.values() if enabled(settings)]


def notify(ctx: Context, notice: Notice) -> list[str]:
    """Send `notice` on every configured channel; return the channels that took it. Never raises."""
    delivered = []
    installation = socket.gethostname()
    for channel in configured(ctx.settings.notifications):
        error: str | None
        try:
            channel.send(notice, installation)
        except Exception as exc:
            outcome, error = "failed", type(exc).__name__
        else:
            outcome, error = "ok", None
            delivered.append(channel.name)
        log_event(logger, "notify", channel=channel.name, notice=notice.event, outcome=outcome, error=error)
        with contextlib.suppress(Exception):  # the registry may be what failed; the log line above stays
            ctx.audit.record(ctx.actor_name, "service", "notify", outcome, details={
                "channel": channel.name, "notice": notice.event, **({"error": error} if error else {})})
    return delivered
