"""The audit trail as people read it: time in Korea (labelled KST), who (name and role), the action in words,
the object in words, and what changed as text ("역할: 협의회 위원 → 관리자"), never raw JSON or "None".

The ledger keeps entries as written (etl/governance/audit.py, append-only); this module only presents them, for the
administration page and for the CSV/XLSX export. Every exported cell that holds text is formula-injection safe
(metrics/safe.py): a reason typed as "=HYPERLINK(…)" stays text in Excel.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from etl.access.actors import Actor, role_name
from etl.governance import audit
from etl.ledger.tables import AuditEntry, session
from metrics.kst import utc_naive_to_kst
from metrics.safe import cell_value, neutralise

# Every action the services record (etl/*.py audit.record / record_now), in words.
ACTIONS: dict[str, tuple[str, str]] = {
    "account.created": ("계정 생성", "account created"),
    "account.disabled": ("계정 사용 중지", "account disabled"),
    "account.enabled": ("계정 사용 재개", "account enabled"),
    "account.password_reset": ("비밀번호 재설정", "password reset"),
    "login.ok": ("로그인", "logged in"),
    "login.failed": ("로그인 실패", "login failed"),
    "login.refused_locked": ("로그인 거부(잠금)", "login refused (locked)"),
    "login.sso_ok": ("SSO 로그인", "single sign-on"),
    "login.sso_refused": ("SSO 로그인 거부", "single sign-on refused"),
    "permission.denied": ("권한 없음", "permission denied"),
    "submission.accepted": ("제출 접수", "submission accepted"),
    "submission.rejected": ("제출 반려", "submission rejected"),
    "submission.duplicate": ("같은 파일 재전송", "same file sent again"),
    "submission.restored": ("이전 제출 복원", "earlier submission restored"),
    "submission.superseded": ("새 파일로 대체", "replaced by a newer file"),
    "submission.refused": ("제출 거부", "submission refused"),
    "period.locked": ("기간 잠금", "month locked"),
    "period.unlocked": ("기간 잠금 해제", "month unlocked"),
    "target.changed": ("목표 변경", "target changed"),
    "threshold.changed": ("판정 기준 변경", "threshold changed"),
    "holiday.added": ("공휴일 추가", "holiday added"),
    "holiday.removed": ("공휴일 삭제", "holiday removed"),
    "annotation.added": ("차트 주석 추가", "chart annotation added"),
    "annotation.withdrawn": ("차트 주석 철회", "chart annotation withdrawn"),
    "comment.added": ("의견 등록", "comment added"),
    "assessment.added": ("위원회 평가 등록", "committee assessment added"),
    "narrative.save": ("추진 경과 임시 저장", "narrative saved as draft"),
    "narrative.submit": ("추진 경과 제출", "narrative submitted"),
    "narrative.review": ("추진 경과 검토", "narrative reviewed"),
    "narrative.upload": ("추진 경과 파일 업로드", "narratives uploaded"),
    "dispute.open": ("이의 제기", "dispute opened"),
    "dispute.answer": ("이의 제기 답변", "dispute answered"),
    "subscription.changed": ("구독 변경", "subscription changed"),
    "inbox.read": ("알림 읽음", "alerts read"),
    "notify.run": ("알림 발송", "alerts sent"),
    "report.sent": ("보고서 발송", "report sent"),
}

# The kind of object before the colon of an entry's target ("submission:12").
OBJECTS: dict[str, tuple[str, str]] = {
    "submission": ("제출", "submission"),
    "slot": ("제출 칸", "slot"),
    "user": ("계정", "account"),
    "users": ("계정 목록", "accounts"),
    "email": ("전자우편", "e-mail"),
    "period": ("기간", "month"),
    "target": ("목표", "target"),
    "threshold": ("판정 기준", "threshold"),
    "holiday": ("공휴일", "holiday"),
    "annotation": ("차트 주석", "annotation"),
    "comment": ("의견", "comment"),
    "assessment": ("평가", "assessment"),
    "narrative": ("추진 경과", "narrative"),
    "dispute": ("이의 제기", "dispute"),
    "inbox": ("알림함", "inbox"),
    "subscription": ("구독", "subscription"),
    "notify": ("알림 발송", "alerts run"),
    "report": ("보고서", "report"),
    "file": ("파일", "file"),
    "audit": ("감사 기록", "audit trail"),
}

# Field names of the before/after states, in words; a field not listed shows under its own name.
FIELDS: dict[str, tuple[str, str]] = {
    "status": ("상태", "status"),
    "reason": ("사유", "reason"),
    "rows": ("행 수", "rows"),
    "errors": ("오류", "errors"),
    "filename": ("파일", "file"),
    "dataset": ("자료", "dataset"),
    "agency_code": ("기관코드", "agency code"),
    "period": ("기준월", "month"),
    "locked": ("잠금", "locked"),
    "snapshot": ("스냅숏", "snapshot"),
    "value": ("값", "value"),
    "effective": ("적용", "effective"),
    "text": ("내용", "text"),
    "rating": ("평가", "rating"),
    "active": ("활성 제출", "active submission"),
    "superseded_by": ("대체한 제출", "replaced by"),
    "role": ("역할", "role"),
    "email": ("전자우편", "e-mail"),
    "disabled": ("사용 중지", "disabled"),
    "action": ("요청한 작업", "requested action"),
    "message": ("안내", "message"),
    "version": ("판", "version"),
}

COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("번호", "No."),
    "time": ("시각 (KST)", "Time (KST)"),
    "actor": ("수행자", "Actor"),
    "action": ("작업", "Action"),
    "object": ("대상", "Object"),
    "change": ("변경 내용 (이전 → 이후)", "Change (before → after)"),
}
EMPTY = "—"  # a value that was not set: never "None"


@dataclass(frozen=True)
class AuditRow:
    id: int
    time: str  # "2026-11-25 10:00:00 KST"
    actor: str
    action: str
    subject: str  # the object acted on, in words
    change: str

    def cells(self) -> list[object]:
        return [self.id, self.time, self.actor, self.action, self.subject, self.change]


def _word(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    ko, en = table.get(key, (key, key))
    return ko if lang == "ko" else en


def action_name(action: str, lang: str = "ko") -> str:
    return _word(ACTIONS, action, lang)


def _object(target: str, lang: str) -> str:
    kind, sep, rest = target.partition(":")
    if not sep:
        return target
    if kind == "submission" and rest.isdigit():
        return f"{_word(OBJECTS, kind, lang)} #{rest}"
    return f"{_word(OBJECTS, kind, lang)} {rest}"


def _value(value: Any, key: str, lang: str) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return ("예" if value else "아니요") if lang == "ko" else ("yes" if value else "no")
    if key == "role" and isinstance(value, str):
        return role_name(value, lang)
    if key == "action" and isinstance(value, str) and value in ACTIONS:
        return action_name(value, lang)
    if isinstance(value, list):
        return ", ".join(_value(v, key, lang) for v in value) or EMPTY
    if isinstance(value, dict):
        return "; ".join(f"{_word(FIELDS, k, lang)} {_value(v, k, lang)}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    if isinstance(value, int | float):
        return f"{value:,}"
    return str(value)


def _state(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return {"": text}
    return value if isinstance(value, dict) else {"": value}


def change_text(before: str | None, after: str | None, lang: str = "ko") -> str:
    """What changed, field by field: "field: before → after" where both are known and differ, "field: after"
    for a new state, "field: before → —" for a state that ended; unchanged fields are left out."""
    old, new = _state(before) or {}, _state(after) or {}
    parts = []
    for key in [*old, *(k for k in new if k not in old)]:
        label = _word(FIELDS, key, lang)
        prefix = f"{label}: " if key else ""
        if key in old and key in new:
            if old[key] != new[key]:
                parts.append(f"{prefix}{_value(old[key], key, lang)} → {_value(new[key], key, lang)}")
        elif key in new:
            parts.append(f"{prefix}{_value(new[key], key, lang)}")
        else:
            parts.append(f"{prefix}{_value(old[key], key, lang)} → {EMPTY}")
    return "; ".join(parts) or EMPTY


def readable(entries: Iterable[AuditEntry], lang: str = "ko") -> list[AuditRow]:
    return [
        AuditRow(
            id=e.id or 0,
            time=f"{utc_naive_to_kst(e.at):%Y-%m-%d %H:%M:%S} KST",
            actor=f"{e.actor_id} ({role_name(e.actor_role, lang)})",
            action=action_name(e.action, lang),
            subject=_object(e.target, lang),
            change=change_text(e.before, e.after, lang),
        )
        for e in entries
    ]


def headers(lang: str = "ko") -> list[str]:
    return [_word(COLUMNS, k, lang) for k in COLUMNS]


def actor_ids(store: Any, actor: Actor) -> list[str]:
    """Who appears in the trail, for the page's filter (reading it is checked as audit.search does)."""
    audit.require(store, actor, "read_audit", "audit")
    with session(store) as s:
        return sorted(set(s.exec(select(col(AuditEntry.actor_id)).distinct())))


def export_csv(rows: Iterable[AuditRow], lang: str = "ko") -> bytes:
    """UTF-8 with a byte-order mark (Excel reads the Hangul), the readable columns, every text cell inert."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(lang))
    for row in rows:
        writer.writerow([neutralise(str(v)) for v in row.cells()])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(rows: Iterable[AuditRow], lang: str = "ko") -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    # strings_to_formulas off as well: a neutralised cell is written as the string it is, never evaluated.
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("감사 기록" if lang == "ko" else "Audit trail")
    head = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    sheet.write_row(0, 0, headers(lang), head)
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row.cells()):
            safe = cell_value(value)
            if isinstance(safe, str):
                sheet.write_string(i, j, safe)
            else:
                sheet.write_number(i, j, safe)  # type: ignore[arg-type]
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 4, 22)
    sheet.set_column(5, 5, 60)
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()
