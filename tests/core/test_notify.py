"""Failures reach people: notices on a local webhook receiver and a local SMTP server, on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from intake.context import Context
from intake.errors import PermissionDenied
from intake.notify import CHANNELS, Notice, notify
from intake.retention import sweep
from tests.services import Inbox, free_port, smtp_sink, webhook_receiver


@pytest.fixture
def webhook(ctx: Context) -> Iterator[Inbox]:
    with webhook_receiver() as inbox:
        ctx.settings.notifications.webhook_url = SecretStr(inbox.url)
        yield inbox


@pytest.fixture
def mailbox(ctx: Context) -> Iterator[Inbox]:
    with smtp_sink() as inbox:
        host, port = inbox.url.split(":")
        n = ctx.settings.notifications
        n.smtp_host, n.smtp_port, n.mail_to, n.mail_from = host, int(port), ["dpo@trust.example"], "intake@vendor"
        yield inbox


def texts(inbox: Inbox) -> list[str]:
    return [json.dumps(m) if isinstance(m, dict) else m.as_string() for m in inbox.received]


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_every_channel_delivers_a_notice(ctx, channel: str, request: pytest.FixtureRequest) -> None:
    inbox = request.getfixturevalue({"webhook": "webhook", "email": "mailbox"}[channel])
    notice = Notice("test.event", "Something to know", "Body text.", {"dataset_id": "d-1", "count": 3})
    assert notify(ctx, notice) == [channel]
    [text] = texts(inbox)
    assert "test.event" in text or "Something to know" in text
    assert "d-1" in text
    [event] = [e for e in ctx.audit.events() if e.action == "notify"]
    assert (event.outcome, json.loads(event.details)["channel"]) == ("ok", channel)


def test_a_sweep_refused_every_night_is_told_to_the_dpo(ctx, as_user, webhook, mailbox) -> None:
    # The worker's actor is not a registered user: before, this failed every night and nobody knew.
    with pytest.raises(PermissionDenied):
        sweep(as_user("nobody-registered"))
    [hook] = webhook.received
    assert hook["event"] == "retention.sweep_failed" and hook["details"]["error"] == "PermissionDenied"
    [mail] = mailbox.received
    assert mail["To"] == "dpo@trust.example" and "deletion sweep" in mail["Subject"]
    assert "PermissionDenied" in mail.get_content()


def test_an_unreachable_channel_is_audited_and_never_hides_the_error(ctx, as_user) -> None:
    ctx.settings.notifications.webhook_url = SecretStr(f"http://127.0.0.1:{free_port()}/nobody-listens")
    ctx.settings.notifications.timeout_seconds = 2
    with pytest.raises(PermissionDenied):
        sweep(as_user("nobody-registered"))
    failed = [e for e in ctx.audit.events() if e.action == "notify"]
    assert [e.outcome for e in failed] == ["failed"]


def test_no_channel_configured_sends_nothing(ctx) -> None:
    assert notify(ctx, Notice("test.event", "s", "t")) == []
    assert not [e for e in ctx.audit.events() if e.action == "notify"]
