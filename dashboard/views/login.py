"""로그인 / Login. The view is in components/auth.py, because the router also shows it in place of any page
while reading needs a login."""

from __future__ import annotations

from dashboard.components.auth import login_view

login_view()
