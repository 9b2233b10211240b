"""`govdash report send`: the cabinet report mailed with its PDF and HWPX attached, the summary in the body."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from etl.access.actors import Actor
from etl.alerts import mailer
from etl.governance import audit

# One address: no spaces, commas, angle brackets or line breaks (a header must not be split or injected).
ADDRESS = re.compile(r"^[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[^@\s,;<>\"']+$")
MIME = {".pdf": "application/pdf", ".hwpx": "application/hwp+zip"}
SUBJECT = {"ko": "[govdash] 정부혁신 성과 보고서 {month}", "en": "[govdash] Government innovation report {month}"}
INTRO = {
    "ko": "정부혁신 추진전략 성과 보고서({month})를 보내 드립니다. PDF와 HWPX 파일을 첨부합니다.",
    "en": "Please find the government-innovation performance report ({month}) attached as PDF and HWPX.",
}


@dataclass(frozen=True)
class Sent:
    to: list[str]
    files: list[str]
    snapshot_id: str


def parse_addresses(text: str) -> list[str]:
    found = [a.strip() for a in (text or "").split(",") if a.strip()]
    bad = [a for a in found if not ADDRESS.match(a)]
    if not found or bad:
        shown = ", ".join(repr(a) for a in bad) or "(없음 / none)"
        raise ValueError(
            f"받는 사람 전자우편 주소가 올바르지 않습니다: {shown}. 쉼표로 구분해 a@b.go.kr,c@d.go.kr 처럼 "
            f"쓰십시오 (bad recipient address: {shown}; give them comma-separated, e.g. a@b.go.kr,c@d.go.kr)"
        )
    return found


def send_report(store, actor: Actor, options, to: str, *, charts: bool = True) -> Sent:  # type: ignore[no-untyped-def]
    """Build the PDF and HWPX of `options` (reports.model.ReportOptions) and mail them to `to`."""
    from reports.export import export
    from reports.summary import summary_lines

    month = f"{options.month:%Y-%m}"
    audit.require(store, actor, "notify", f"report:{month}")
    recipients = parse_addresses(to)
    config = mailer.configured()
    if config is None:
        raise ValueError(f"{mailer.ENV_URL}이(가) 설정되지 않아 보낼 수 없습니다 (set {mailer.ENV_URL} to send e-mail)")
    with tempfile.TemporaryDirectory(prefix="govdash-mail-") as tmp:
        result = export(options, ["pdf", "hwpx"], Path(tmp), charts=charts)
        attachments = [(p.name, MIME[p.suffix], p.read_bytes()) for p in result.files]
    lang = options.lang if options.lang in SUBJECT else "ko"
    lines = [INTRO[lang].format(month=month), ""] + [line.render() for line in summary_lines(result.report)]
    body = "\n".join(lines) + f"\n\n(snapshot {result.report.snapshot_id})\n"
    msg = mailer.message(config.sender, recipients, SUBJECT[lang].format(month=month), body, attachments)
    mailer.send(config, [msg])
    names = [name for name, _, _ in attachments]
    after = {"to": recipients, "files": names, "snapshot": result.report.snapshot_id}
    audit.record_now(store, actor, "report.sent", f"report:{month}", after=after)
    return Sent(recipients, names, result.report.snapshot_id)
