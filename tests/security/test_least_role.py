"""Safe administrative defaults, in the services: a new account has no default role (a missing one is refused,
nothing created, nothing audited as created), and a new target has no default value (a missing or non-finite
one is refused, the effective target unchanged)."""

from __future__ import annotations

import pytest

from etl import accounts, audit, targets
from etl.accounts import AccountError
from etl.store import Store
from tests.security.conftest import ACTORS, NOW

KPI = "S1-T2-K1"


@pytest.mark.parametrize("role", [None, ""])
def test_a_new_account_without_a_role_is_refused(blank_store: Store, role: str | None) -> None:
    with pytest.raises(AccountError) as refused:
        accounts.add_user(blank_store, ACTORS["admin"], "kim", role, now=NOW)
    message = str(refused.value)
    assert message.startswith("역할을 선택하십시오")
    assert "choose a role; a new account has no default role" in message
    assert not accounts.has_user(blank_store, "kim")
    assert audit.search(blank_store, ACTORS["admin"], action="account.") == []


def test_a_chosen_role_is_the_one_given(blank_store: Store) -> None:
    accounts.add_user(blank_store, ACTORS["admin"], "kim", "council", now=NOW)
    [created] = accounts.list_users(blank_store, ACTORS["admin"])
    assert (created.username, created.role) == ("kim", "council")


@pytest.mark.parametrize(
    ("value", "said"),
    [(None, "새 목표값을 입력하십시오"), (float("nan"), "숫자가 아닙니다"), (float("inf"), "숫자가 아닙니다")],
)
def test_a_target_without_a_value_is_refused(blank_store: Store, value: float | None, said: str) -> None:
    before = targets.effective_catalog(blank_store).kpi(KPI).targets.get(2026)
    with pytest.raises(ValueError, match=said):
        targets.change_target(blank_store, ACTORS["admin"], KPI, 2026, value, "협의회 의결", now=NOW)
    assert targets.list_changes(blank_store) == []
    assert targets.effective_catalog(blank_store).kpi(KPI).targets.get(2026) == before
