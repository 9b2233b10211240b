"""Who is acting, and what each role may write. Enforced here, where the write happens, so the command
line, the dashboard and the tests all meet the same rule (the full matrix is in etl/access/authz.py)."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from typing import Literal

Role = Literal["admin", "agency", "council", "committee", "system"]

# Roles a person can hold (system is the server itself: the demo and the command line on the host).
PERSON_ROLES: tuple[Role, ...] = ("admin", "agency", "council", "committee")
ROLES: tuple[Role, ...] = (*PERSON_ROLES, "system")
ROLE_NAMES: dict[str, tuple[str, str]] = {
    "admin": ("관리자", "administrator"),
    "agency": ("기관 담당자", "agency officer"),
    "council": ("협의회 위원", "council member"),
    "committee": ("위원회 위원", "committee member"),
    "system": ("시스템", "system"),
}


class PermissionDenied(PermissionError):
    """The actor may not do this; the message says why in Korean and English."""


@dataclass(frozen=True)
class Actor:
    user_id: str
    role: Role
    agency_code: str | None = None


SYSTEM = Actor("system", "system")


def host_operator() -> Actor:
    """Whoever runs a `govdash` command on the host. Every command acts as the system role (whoever can run
    them can read the ledger file anyway: docs/security.md) and is recorded under GOVDASH_USER, or the login
    name, so the audit trail says which person it was."""
    return Actor(os.environ.get("GOVDASH_USER") or getpass.getuser(), "system")


def role_name(role: str, lang: str = "ko") -> str:
    ko, en = ROLE_NAMES.get(role, (role, role))
    return ko if lang == "ko" else en
