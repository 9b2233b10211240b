"""E-mail delivery over SMTP, configured by one environment variable (never a file, never the ledger).

GOVDASH_SMTP_URL   smtp://host:port (plain), smtp://host:port?starttls=1 (upgrade with STARTTLS),
                   smtps://user:password@host:port (TLS from the start); user and password are
                   percent-decoded; `?from=govdash@example.go.kr` sets the sender (default GOVDASH_MAIL_FROM,
                   else govdash@<host>). Unset: nothing is mailed (the inbox still gets everything).
GOVDASH_PUBLIC_URL the dashboard's address for links in messages, e.g. https://govdash.example.go.kr
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from metrics import clock

ENV_URL, ENV_PUBLIC, ENV_FROM = "GOVDASH_SMTP_URL", "GOVDASH_PUBLIC_URL", "GOVDASH_MAIL_FROM"
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    tls: bool  # smtps: TLS from the first byte
    starttls: bool
    user: str | None
    password: str | None
    sender: str

    def __repr__(self) -> str:  # never print the password (logs, tracebacks)
        return f"SmtpConfig({self.host}:{self.port}, tls={self.tls}, starttls={self.starttls}, user={self.user})"


def parse_url(url: str) -> SmtpConfig:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError(
            f"{ENV_URL}은(는) smtp://호스트:포트 또는 smtps://사용자:비밀번호@호스트:포트 형식이어야 합니다 "
            f"({ENV_URL} must look like smtp://host:port or smtps://user:password@host:port)"
        )
    query = parse_qs(parts.query)
    tls = parts.scheme == "smtps"
    starttls = query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes", "on")
    sender = query.get("from", [os.environ.get(ENV_FROM) or f"govdash@{parts.hostname}"])[0]
    return SmtpConfig(
        host=parts.hostname,
        port=parts.port or (465 if tls else 25),
        tls=tls,
        starttls=starttls,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        sender=sender,
    )


def configured() -> SmtpConfig | None:
    url = os.environ.get(ENV_URL, "").strip()
    return parse_url(url) if url else None


def relative_link(page: str, params: dict[str, str]) -> str:
    """A page and its URL query (lang, month, kpi…): the view it reopens."""
    query = urlencode(params)
    return page + (f"?{query}" if query else "")


def public_url(relative: str) -> str:
    """GOVDASH_PUBLIC_URL (default http://localhost:8501) + a relative link."""
    base = (os.environ.get(ENV_PUBLIC) or "http://localhost:8501").rstrip("/")
    return f"{base}/{relative}"


def message(
    sender: str, to: list[str], subject: str, body: str, attachments: Sequence[tuple[str, str, bytes]] = ()
) -> EmailMessage:
    """A UTF-8 message; attachments are (filename, MIME type, bytes)."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, ", ".join(to), subject
    msg["Date"] = format_datetime(clock.now_utc().replace(tzinfo=UTC))  # the pinned clock, as everywhere
    msg["Message-ID"] = make_msgid(domain="govdash")
    msg.set_content(body, charset="utf-8")
    for name, mime, data in attachments:
        main, sub = mime.split("/", 1)
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg


def send(config: SmtpConfig, messages: list[EmailMessage]) -> int:
    """Send the messages over one connection; returns how many were accepted."""
    if not messages:
        return 0
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if config.tls:
        smtp = smtplib.SMTP_SSL(config.host, config.port, timeout=TIMEOUT_SECONDS, context=context)
    else:
        smtp = smtplib.SMTP(config.host, config.port, timeout=TIMEOUT_SECONDS)
    with smtp:
        if config.starttls and not config.tls:
            smtp.starttls(context=context)
        if config.user:
            smtp.login(config.user, config.password or "")
        for m in messages:
            smtp.send_message(m)
    return len(messages)
