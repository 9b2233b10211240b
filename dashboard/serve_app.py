"""The server `govdash serve` runs: Streamlit's own (st.App, Starlette) with the two routes that set and clear
the session cookie, which a Streamlit page cannot (it has no response to put a header on), and every page sent
with dashboard/history.js as the first script of its <head> (one history entry per page, decisions §32).

POST /_govdash/session   body: the one-time handoff code a login left in the page → Set-Cookie govdash_session
POST /_govdash/logout    → the cookie cleared (the session itself is ended in the ledger by the page)
GET  /_govdash/history.js the history script (dashboard/head_script.py)

The two POST routes refuse a request from another origin (a foreign page must not plant its own session in a browser).
The cookie is HttpOnly (no script reads it), SameSite=Lax (no foreign page's request or websocket carries
it) and Secure behind HTTPS. See etl/sessions.py and docs/security.md "Sessions".
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

# `streamlit run dashboard/serve_app.py` puts dashboard/ on the path, not the project: add the project root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402
from starlette.concurrency import run_in_threadpool  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import Response  # noqa: E402
from starlette.routing import Route  # noqa: E402

from dashboard.head_script import SCRIPT_PATH, HeadScript, history_script  # noqa: E402
from etl import sessions  # noqa: E402
from etl.store import Store, open_store  # noqa: E402
from metrics.settings import get_settings  # noqa: E402

_stores: dict[str, Store] = {}


def _store() -> Store:
    s = get_settings()
    key = f"{s.database_url}|{s.home}"
    if key not in _stores:
        _stores[key] = open_store(s)
    return _stores[key]


def same_origin(request: Request) -> bool:
    """The request comes from a page of this server: its Origin (sent by browsers on every POST) names the
    host the request was sent to."""
    origin = request.headers.get("origin")
    return bool(origin) and urlsplit(origin).netloc == request.headers.get("host")


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


async def set_session(request: Request) -> Response:
    if not same_origin(request):
        return Response("forbidden", status_code=403)
    code = (await request.body()).decode("ascii", "replace").strip()
    redeemed = await run_in_threadpool(lambda: sessions.redeem(_store(), code))  # the ledger, off the loop
    if redeemed is None:
        return Response("gone", status_code=410)  # used, late or unknown: the tab stays logged in anyway
    value, row = redeemed
    response = Response(status_code=204)
    response.set_cookie(
        sessions.COOKIE,
        value,
        max_age=int((row.expires_at - row.created_at).total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
    return response


async def clear_session(request: Request) -> Response:
    if not same_origin(request):
        return Response("forbidden", status_code=403)
    response = Response(status_code=204)
    response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="lax", secure=_secure(request))
    return response


app = st.App(
    "app.py",
    routes=[
        Route("/_govdash/session", set_session, methods=["POST"]),
        Route("/_govdash/logout", clear_session, methods=["POST"]),
        Route(SCRIPT_PATH, history_script, methods=["GET"]),
    ],
    middleware=[Middleware(HeadScript)],
)
