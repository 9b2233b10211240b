"""Who is acting, and what each role may write. Enforced here, where the write happens, so the command
line, the dashboard and the tests all meet the same rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["admin", "agency", "council", "committee", "system"]


class PermissionDenied(PermissionError):
    """The actor may not do this; the message says why in Korean and English."""


@dataclass(frozen=True)
class Actor:
    user_id: str
    role: Role
    agency_code: str | None = None


SYSTEM = Actor("system", "system")


def check_may_submit(actor: Actor, agency_code: str) -> None:
    if actor.role in ("admin", "system"):
        return
    if actor.role == "agency" and actor.agency_code == agency_code:
        return
    if actor.role == "agency":
        raise PermissionDenied(
            f"{actor.user_id}은(는) 기관 {actor.agency_code}의 담당자이므로 "
            f"기관 {agency_code}의 파일을 제출할 수 없습니다 "
            f"({actor.user_id} submits for agency {actor.agency_code} only, not {agency_code})"
        )
    raise PermissionDenied(
        f"{actor.user_id}의 역할({actor.role})로는 파일을 제출할 수 없습니다 (role {actor.role} may not submit files)"
    )
