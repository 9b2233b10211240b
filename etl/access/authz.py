"""The one authorisation rule: role × action → allow or deny, plus the agency scope of agency officers.

Every service in etl/ calls `require` before it writes (or reads what is restricted); the dashboard only
hides what `allowed` says a role cannot do. Changing who may do what means changing MATRIX, nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.access.actors import ROLES, Actor, PermissionDenied, role_name

ACTIONS: dict[str, tuple[str, str]] = {
    "read": ("대시보드·보고서 열람", "read the dashboard and reports"),
    "submit": ("파일 제출", "submit files"),
    "comment": ("지표 의견 작성", "comment on KPI figures"),
    "assess": ("과제 평가 작성", "write task assessments"),
    "manage_users": ("계정 관리", "manage accounts"),
    "change_targets": ("목표·기준 변경", "change targets and thresholds"),
    "change_calendar": ("공휴일 달력 변경", "change the holiday calendar"),
    "lock_period": ("기간 잠금", "lock a month"),
    "unlock_period": ("기간 잠금 해제", "unlock a month"),
    "restore": ("제출 복원", "restore a submission"),
    "read_audit": ("감사 기록 열람·내보내기", "read and export the audit trail"),
    # alerts and annotations (docs/decisions.md §22)
    "annotate": ("추이 차트 주석 관리", "manage trend-chart annotations"),
    "subscribe": ("알림 구독·받은 알림 관리", "manage one's own alert subscriptions and inbox"),
    "notify": ("알림·보고서 전자우편 발송", "send alerts and the report by e-mail"),
    # task narratives and disputes (etl/governance/narratives.py, etl/governance/disputes.py)
    "narrate": ("과제 추진 경과 작성·제출", "write and submit task narratives"),
    "review_narrative": ("과제 추진 경과 검토", "review task narratives"),
    "dispute": ("지표 수치 이의 제기", "dispute a KPI figure"),
    "answer_dispute": ("이의 제기 답변", "answer disputes"),
}

# Actions an agency officer may take only for their own agency. Restoring an earlier file is the same as
# sending its bytes again (etl/ingest/accept.py treats a re-sent superseded file as a restore), so it follows submit.
AGENCY_SCOPED = frozenset({"submit", "comment", "restore", "narrate", "dispute"})

_ADMIN = {
    "read",
    "submit",
    "manage_users",
    "change_targets",
    "change_calendar",
    "lock_period",
    "unlock_period",
    "restore",
    "read_audit",
    "narrate",  # an administrator may write a task's narrative for its owner; never review or dispute
    "answer_dispute",
}
_ALERTS = {"admin": {"annotate", "subscribe", "notify"}, "system": {"annotate", "notify"}}  # §22
MATRIX: dict[str, frozenset[str]] = {
    "admin": frozenset(_ADMIN | _ALERTS["admin"]),
    "agency": frozenset({"read", "submit", "comment", "restore", "narrate", "dispute", "subscribe"}),
    "council": frozenset({"read", "subscribe"}),
    "committee": frozenset({"read", "assess", "review_narrative", "subscribe"}),
    # The host itself (demo, command line run by the operator): administration, never opinions.
    "system": frozenset(_ADMIN | _ALERTS["system"]),
}
assert set(MATRIX) == set(ROLES) and all(a in ACTIONS for acts in MATRIX.values() for a in acts)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    message: str = ""


def decide(actor: Actor, action: str, *, agency_code: str | None = None) -> Decision:
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    ko, en = ACTIONS[action]
    if action not in MATRIX.get(actor.role, frozenset()):
        return Decision(
            False,
            f"{actor.user_id}의 역할({role_name(actor.role)})로는 '{ko}'을(를) 할 수 없습니다 "
            f"(role {actor.role} may not {en})",
        )
    if actor.role == "agency" and action in AGENCY_SCOPED and actor.agency_code != agency_code:
        return Decision(
            False,
            f"{actor.user_id}은(는) 기관 {actor.agency_code}의 담당자이므로 기관 {agency_code}에 대해 "
            f"'{ko}'을(를) 할 수 없습니다 ({actor.user_id} may {en} for agency {actor.agency_code} only, "
            f"not {agency_code})",
        )
    return Decision(True)


def allowed(actor: Actor, action: str, *, agency_code: str | None = None) -> bool:
    return decide(actor, action, agency_code=agency_code).allowed


def require(actor: Actor, action: str, *, agency_code: str | None = None) -> None:
    decision = decide(actor, action, agency_code=agency_code)
    if not decision.allowed:
        raise PermissionDenied(decision.message)


def check_may_submit(actor: Actor, agency_code: str) -> None:
    """Raise PermissionDenied unless the actor may submit files for this agency."""
    require(actor, "submit", agency_code=agency_code)
