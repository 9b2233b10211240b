"""The dashboard's login, idle timeout, logout and page gating, in Streamlit's AppTest (no browser)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.components.auth import SESSION_FAILURES, SESSION_WINDOW
from etl.access.actors import SYSTEM
from etl.governance import account_rules, accounts, audit
from etl.governance import period_locks as locks
from etl.ledger.store import open_store
from metrics.clock import now_utc
from metrics.settings import PROJECT_ROOT, Settings

PASSWORD = "council-password-2026"
HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://evil") **굵게**'
APP = str(PROJECT_ROOT / "dashboard" / "app.py")
LOGIN = str(PROJECT_ROOT / "dashboard" / "views" / "login.py")
ADMIN = str(PROJECT_ROOT / "dashboard" / "views" / "admin.py")


@pytest.fixture
def served(store_copy: Settings, use_store, monkeypatch: pytest.MonkeyPatch) -> Settings:  # type: ignore[no-untyped-def]
    use_store(store_copy)
    monkeypatch.delenv("GOVDASH_PUBLIC_READ", raising=False)
    monkeypatch.delenv("GOVDASH_IDLE_MINUTES", raising=False)
    store = open_store(store_copy)
    accounts.add_user(store, SYSTEM, "choi", "council", password=PASSWORD)
    accounts.add_user(store, SYSTEM, "lee", "admin", password=PASSWORD)
    locks.lock(store, SYSTEM, "2026-09", HOSTILE)
    store.engine.dispose()
    return store_copy


def _texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "markdown", "caption", "success", "warning", "error", "info")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def _login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return next(b for b in at.button if b.label in ("로그인", "Log in")).click().run()


def test_login_and_logout(served: Settings) -> None:
    at = AppTest.from_file(LOGIN, default_timeout=30).run()
    assert not at.exception
    _login(at, "choi", "wrong password")
    assert "wrong user name or password" in _texts(at) or "맞지 않습니다" in _texts(at)
    assert "auth_user" not in at.session_state
    _login(at, "choi", PASSWORD)
    assert at.session_state["auth_user"] == {"user_id": "choi", "role": "council", "agency_code": None}
    assert "choi" in _texts(at)
    at.button(key="login_logout").click().run()
    assert "auth_user" not in at.session_state
    actions = [e.action for e in reversed(audit.search(open_store(served), SYSTEM, text="user:choi"))]
    assert actions == ["account.created", "login.failed", "login.ok", "logout"]  # logout ends the ledger session


def test_an_idle_login_ends(served: Settings) -> None:
    at = AppTest.from_file(LOGIN, default_timeout=30)
    at.session_state["auth_user"] = {"user_id": "choi", "role": "council", "agency_code": None}
    at.session_state["auth_last_seen"] = now_utc() - timedelta(minutes=30, seconds=1)
    at.run()
    assert "auth_user" not in at.session_state
    assert "30" in _texts(at) and "로그아웃되었습니다" in _texts(at)

    fresh = AppTest.from_file(LOGIN, default_timeout=30)
    fresh.session_state["auth_user"] = {"user_id": "choi", "role": "council", "agency_code": None}
    fresh.session_state["auth_last_seen"] = now_utc() - timedelta(minutes=29)
    fresh.run()
    assert fresh.session_state["auth_user"]["user_id"] == "choi"


def test_reading_needs_a_login_when_public_read_is_off(served: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVDASH_PUBLIC_READ", "0")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["로그인"]
    assert "이 대시보드는 로그인 후 볼 수 있습니다." in _texts(at)
    # (Submitting the form through the router is exercised in a real browser: tests/e2e.)
    signed_in = AppTest.from_file(APP, default_timeout=60)
    signed_in.session_state["auth_user"] = {"user_id": "choi", "role": "council", "agency_code": None}
    signed_in.session_state["auth_last_seen"] = now_utc()
    signed_in.run()
    assert not signed_in.exception
    assert signed_in.title and signed_in.title[0].value != "로그인"  # the overview
    assert "choi" in _texts(signed_in)


def test_the_overview_opens_without_a_login_by_default(served: Settings) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.title and at.title[0].value != "로그인"


def test_the_admin_page_is_for_administrators_and_shows_text_inert(served: Settings) -> None:
    council = AppTest.from_file(ADMIN, default_timeout=60)
    council.session_state["auth_user"] = {"user_id": "choi", "role": "council", "agency_code": None}
    council.session_state["auth_last_seen"] = now_utc()
    council.run()
    assert not council.exception and "관리자만" in _texts(council)
    assert not council.dataframe

    admin = AppTest.from_file(ADMIN, default_timeout=60)
    admin.session_state["auth_user"] = {"user_id": "lee", "role": "admin", "agency_code": None}
    admin.session_state["auth_last_seen"] = now_utc()
    admin.run()
    assert not admin.exception
    assert "<script>" not in _texts(admin)  # never rendered as markup
    shown = [df.value for df in admin.dataframe]
    lock_table = next(df for df in shown if "사유" in df.columns)
    assert list(lock_table["사유"]) == [HOSTILE]  # verbatim, in a data table


def test_a_locked_account_an_unknown_name_and_a_wrong_password_read_the_same(served: Settings) -> None:
    store = open_store(served)
    for _ in range(account_rules.MAX_FAILURES):
        with pytest.raises(account_rules.LoginFailed):
            accounts.authenticate(store, "lee", "wrong password!")
    store.engine.dispose()
    shown = {}
    for name, password in (("lee", PASSWORD), ("nobody", PASSWORD), ("choi", "wrong password!")):
        at = AppTest.from_file(LOGIN, default_timeout=30).run()
        _login(at, name, password)
        shown[name] = [e.value for e in at.error]
        assert "auth_user" not in at.session_state
    assert shown == {name: [account_rules.LOGIN_FAILED] for name in ("lee", "nobody", "choi")}


def test_one_browser_session_waits_after_five_failures(served: Settings) -> None:
    at = AppTest.from_file(LOGIN, default_timeout=30).run()
    for i in range(SESSION_FAILURES):  # five names, one guess each: no account lock sees this
        _login(at, f"nobody{i}", "wrong password")
    _login(at, "choi", PASSWORD)  # the right password, but this session must wait
    # The 5th failure was moments ago and the oldest leaves the 5-minute window in just under 5 minutes,
    # rounded up: 5.
    assert "이 브라우저에서 로그인에 5회 실패했습니다. 5분 뒤에 다시 시도하십시오." in _texts(at)
    assert "auth_user" not in at.session_state
    store = open_store(served)
    actions = [e.action for e in reversed(audit.search(store, SYSTEM, text="user:choi"))]
    assert actions == ["account.created"]  # the refused attempt never reached the service or the account
    assert [a.failed_logins for a in accounts.list_users(store, SYSTEM) if a.username == "choi"] == [0]
    assert len(audit.search(store, SYSTEM, action="login.failed")) == SESSION_FAILURES

    # Five minutes on (the failures moved back by the window), the same session may try again.
    at.session_state["auth_failures"] = [t - SESSION_WINDOW for t in at.session_state["auth_failures"]]
    _login(at, "choi", PASSWORD)
    assert at.session_state["auth_user"]["user_id"] == "choi"
