"""dashboard/head_script.py: the history script's tag as the first element of <head> in the HTML a browser
navigates to, and nothing else touched. The middleware is driven as an ASGI app over a stand-in for
Streamlit's static files (the browser test tests/e2e/test_back_history.py drives the real server)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from starlette.types import Message, Receive, Scope, Send

from dashboard.head_script import TAG, HeadScript, with_script

PAGE = b"<!DOCTYPE html>\n<html>\n  <head>\n    <meta charset=utf-8>\n  </head><body></body></html>"


def scope(accept: str, method: str = "GET", **headers: str) -> Scope:
    raw = [(b"accept", accept.encode())] + [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]
    return {"type": "http", "method": method, "path": "/kpi", "headers": raw}


def answering(content_type: str, chunks: list[bytes], seen: list[Scope], **extra: str):  # type: ignore[no-untyped-def]
    """A stand-in app: answers with `chunks` as the body, and notes the scope it was given."""

    async def app(s: Scope, receive: Receive, send: Send) -> None:
        seen.append(s)
        headers = [(b"content-type", content_type.encode()), (b"content-length", str(sum(map(len, chunks))).encode())]
        headers += [(k.replace("_", "-").encode(), v.encode()) for k, v in extra.items()]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        for i, chunk in enumerate(chunks):
            await send({"type": "http.response.body", "body": chunk, "more_body": i < len(chunks) - 1})

    return app


def run(app, s: Scope) -> tuple[dict[str, str], bytes, list[Message]]:  # type: ignore[no-untyped-def]
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    with ThreadPoolExecutor(1) as thread:  # its own event loop: a browser test may hold this thread's
        thread.submit(asyncio.run, HeadScript(app)(s, receive, send)).result()
    headers = {k.decode(): v.decode() for k, v in sent[0]["headers"]}
    return headers, b"".join(m.get("body", b"") for m in sent[1:]), sent


def test_the_tag_goes_first_in_head_once() -> None:
    assert TAG == b'<script src="./_govdash/history.js"></script>'
    page = with_script(PAGE)
    assert page.startswith(b"<!DOCTYPE html>\n<html>\n  <head>" + TAG + b"\n    <meta charset=utf-8>")
    assert with_script(page) == page  # never twice
    assert with_script(b"<p>no head</p>") == b"<p>no head</p>"


def test_a_navigation_gets_the_whole_page_with_the_tag() -> None:
    seen: list[Scope] = []
    half = len(PAGE) // 2
    app = answering("text/html; charset=utf-8", [PAGE[:half], PAGE[half:]], seen, etag='"abc"', last_modified="x")
    request = scope("text/html,*/*", accept_encoding="gzip", if_none_match='"abc"', cookie="c=1")
    headers, body, sent = run(app, request)
    assert body == with_script(PAGE) and len(sent) == 2  # the two chunks sent as one
    assert headers["content-length"] == str(len(PAGE) + len(TAG))
    assert "etag" not in headers and "last-modified" not in headers
    # Asked uncompressed and unconditionally (never a 304 for a page cached before the script was added);
    # the other request headers pass as they were.
    names = [k for k, _ in seen[0]["headers"]]
    assert b"accept-encoding" not in names and b"if-none-match" not in names and b"cookie" in names


def test_anything_else_passes_untouched() -> None:
    for request, content_type, extra in (
        (scope("*/*"), "text/html", {}),  # not a navigation (a script's fetch)
        (scope("text/html", method="HEAD"), "text/html", {}),
        (scope("text/html"), "text/javascript", {}),  # a navigation to a file that is not a page
        (scope("text/html"), "text/html", {"content_encoding": "gzip"}),  # compressed: not rewritten
    ):
        seen: list[Scope] = []
        headers, body, _ = run(answering(content_type, [PAGE], seen, **extra), request)
        assert body == PAGE and headers["content-length"] == str(len(PAGE))
