"""One e-mail per user per notification run: every new alert, each with the link that reopens its view."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage

from etl.alerts import mailer
from etl.alerts.events import Outgoing, link
from metrics.kst import period_label

TEXT = {
    "ko": {
        "subject": "[govdash] 정부혁신 성과 대시보드 알림 {n}건 ({month} 기준)",
        "hello": "{user}님, 새 알림이 {n}건 있습니다 (보고 기준월 {month}).",
        "inbox": "받은 알림함과 구독 설정",
        "footer": "이 메일은 govdash가 보낸 것입니다. 구독은 대시보드의 '알림' 페이지에서 바꿀 수 있습니다.",
    },
    "en": {
        "subject": "[govdash] {n} new alert(s) ({month})",
        "hello": "{user}, you have {n} new alert(s) (reporting month {month}).",
        "inbox": "Inbox and subscriptions",
        "footer": "Sent by govdash. Change your subscriptions on the dashboard's 'Alerts' page.",
    },
}


def body(out: Outgoing, month: date) -> str:
    text = TEXT.get(out.lang, TEXT["ko"])
    lines = [text["hello"].format(user=out.username, n=len(out.events), month=period_label(month)), ""]
    for i, e in enumerate(out.events, 1):
        lines.append(f"{i}. {e.title_en if out.lang == 'en' else e.title_ko}")
        lines.append(f"   {mailer.public_url(link(e, out.lang))}")
    lines += ["", f"{text['inbox']}: {mailer.public_url(mailer.relative_link('alerts', {'lang': out.lang}))}"]
    lines += ["", text["footer"]]
    return "\n".join(lines) + "\n"


def compose(sender: str, out: Outgoing, month: date) -> EmailMessage:
    text = TEXT.get(out.lang, TEXT["ko"])
    subject = text["subject"].format(n=len(out.events), month=period_label(month))
    return mailer.message(sender, [out.email or ""], subject, body(out, month))
