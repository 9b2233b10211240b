"""A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port for the e-mail tests; every message it receives
is kept as parsed e-mail, and GOVDASH_SMTP_URL / GOVDASH_PUBLIC_URL point at it for the test."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

PUBLIC_URL = "https://govdash.example.go.kr"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]  # noqa: N802
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=default)
        self.messages.append(msg)  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    monkeypatch.setenv("GOVDASH_SMTP_URL", f"smtp://127.0.0.1:{controller.port}?from=govdash@example.go.kr")
    monkeypatch.setenv("GOVDASH_PUBLIC_URL", PUBLIC_URL)
    try:
        yield handler
    finally:
        controller.stop()


def text_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""  # type: ignore[union-attr]
