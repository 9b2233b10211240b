"""Our own script in the <head> of every page `govdash serve` sends (docs/decisions.md §32).

Streamlit answers every page address (/, /kpi, ...) with the same index.html, whose module script starts its
front end. `HeadScript` adds one classic `<script src>` as the first element of that <head>: the browser runs it
before any module script, so what it changes (dashboard/history.js wraps history.pushState) is in place before
the front end's first line runs, and so before a session's first run writes the page's filters to the URL.

A file served from this origin, not inline code: the Content-Security-Policy of docs/deployment.md allows
`script-src 'self'`. Only navigations (Accept: text/html) are touched; their conditional and compression
headers are dropped so that the answer is always the whole, uncompressed page to rewrite (index.html is a few
kilobytes and never cached: Streamlit marks it no-cache).
"""

from __future__ import annotations

from pathlib import Path

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SCRIPT_PATH = "/_govdash/history.js"
SCRIPT_FILE = Path(__file__).resolve().parent / "history.js"
# Relative, like Streamlit's own assets in index.html: it resolves under a proxy's path prefix too.
TAG = b'<script src=".' + SCRIPT_PATH.encode() + b'"></script>'
_DROPPED_REQUEST_HEADERS = {b"accept-encoding", b"if-none-match", b"if-modified-since"}
_DROPPED_RESPONSE_HEADERS = ("content-length", "etag", "last-modified")


async def history_script(request: Request) -> Response:
    """GET /_govdash/history.js: the script itself (no-cache, so that a new version is used at once)."""
    return Response(
        SCRIPT_FILE.read_bytes(),
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )


def with_script(html: bytes) -> bytes:
    """The page with TAG as the first element of its <head> (unchanged if it has no <head>)."""
    head = html.find(b"<head>")
    if head < 0 or TAG in html:
        return html
    at = head + len(b"<head>")
    return html[:at] + TAG + html[at:]


def _is_navigation(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    return "text/html" in Headers(scope=scope).get("accept", "")


class HeadScript:
    """ASGI middleware: TAG added to every HTML page a browser navigates to."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_navigation(scope):
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in _DROPPED_REQUEST_HEADERS]
        await self.app({**scope, "headers": headers}, receive, _Rewriter(send))


class _Rewriter:
    """Holds back an HTML answer until its body is complete, then sends it with TAG added."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.start: Message | None = None
        self.body: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = Headers(raw=message["headers"])
            if headers.get("content-type", "").startswith("text/html") and "content-encoding" not in headers:
                self.start = message
                return
        elif message["type"] == "http.response.body" and self.start is not None:
            self.body.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self._send_rewritten()
            return
        await self.send(message)

    async def _send_rewritten(self) -> None:
        assert self.start is not None
        html = with_script(b"".join(self.body))
        headers = MutableHeaders(raw=list(self.start["headers"]))
        for name in _DROPPED_RESPONSE_HEADERS:
            del headers[name]
        headers["content-length"] = str(len(html))
        await self.send({**self.start, "headers": headers.raw})
        await self.send({"type": "http.response.body", "body": html})
