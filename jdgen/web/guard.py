"""What stands between a request and the app: a body-size limit, the optional token, safe headers.

Each is a plain ASGI middleware, so it acts before the framework reads a byte of the body.
An API client gets JSON errors; a browser on a wizard page gets a short HTML page.
"""

from __future__ import annotations

import contextlib
import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from html import escape
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "jdgen_token"
#: The paths whose address carries a survey link's secret (let through the server's token guard).
LINK_PREFIXES = ("/s/", "/f/")

#: Pages are served from this origin only: scripts and styles from /static (the wizard's
#: previews are srcdoc frames whose documents carry their own <style>), no plug-ins, no framing.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def wants_json(scope: Scope) -> bool:
    """An API call (JSON errors) rather than a wizard page (HTML errors)."""
    path = str(scope.get("path", ""))
    return path.startswith("/api") or path == "/openapi.json"


def redacted(path: str) -> str:
    """A path as it may be logged: a survey link's secret left out."""
    for prefix in LINK_PREFIXES:
        if path.startswith(prefix):
            rest = path[len(prefix) :].partition("/")[2]
            return f"{prefix}…" + (f"/{rest}" if rest else "")
    return path


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


async def send_error(
    scope: Scope, send: Send, status: int, message: str, headers: tuple[tuple[bytes, bytes], ...] = ()
) -> None:
    """A complete error response: ``{"error": message, "problems": [message]}`` or a small HTML page."""
    if wants_json(scope):
        body = json.dumps({"error": message, "problems": [message]}).encode()
        kind = b"application/json"
    else:
        body = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>jdgen</title>'
            '<link rel="stylesheet" href="/static/wizard.css"></head><body><main class="narrow">'
            f'<h1>jdgen</h1><p class="error">{escape(message)}</p></main></body></html>'
        ).encode()
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *headers],
        }
    )
    await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies over `limit` bytes with 413, by Content-Length or as they stream in."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, or answer 413 when its body is too large."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"the request body is larger than {self.limit:,} bytes; send less"
        length = _header(scope, b"content-length")
        if length is not None and not length.strip().isdigit():
            await send_error(scope, send, 400, "the Content-Length header is not a number")
            return
        if length is not None and int(length) > self.limit:
            await send_error(scope, send, 413, message)
            return
        received = 0
        started = False
        too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            incoming = await receive()
            if incoming["type"] == "http.request":
                received += len(incoming.get("body", b""))
                if received > self.limit:
                    too_large = True
                    raise _TooLarge
            return incoming

        async def tracking_send(outgoing: Message) -> None:
            nonlocal started
            if too_large and not started:  # the app's answer to the cut-off body (FastAPI's 400): the 413 replaces it
                return
            started = started or outgoing["type"] == "http.response.start"
            await send(outgoing)

        with contextlib.suppress(_TooLarge):
            await self.app(scope, limited_receive, tracking_send)
        if too_large and not started:
            await send_error(scope, send, 413, message)


class TokenGuard:
    """With a token set, every request but the static files (and `open_prefixes`) needs it.

    API clients send ``Authorization: Bearer TOKEN``. A browser opens the address ``jdgen serve``
    prints (``/?token=TOKEN``) once: the token is kept in an HttpOnly, same-site cookie and the
    address is cleaned of it.
    """

    def __init__(self, app: ASGIApp, token: str, open_prefixes: tuple[str, ...] = ()) -> None:
        self.app = app
        self.token = token.encode()
        # Paths whose own address holds a secret (the survey links): they are let through as it is.
        self.open_prefixes = ("/static/", *open_prefixes)

    def _matches(self, candidate: bytes | str | None) -> bool:
        if candidate is None:
            return False
        raw = candidate.encode() if isinstance(candidate, str) else candidate
        return hmac.compare_digest(raw, self.token)

    @staticmethod
    def cookie_name(scope: Scope) -> str:
        """One cookie per port: browsers share cookies between the ports of a host."""
        server = scope.get("server") or ("", 0)
        return f"{TOKEN_COOKIE}_{server[1]}" if server[1] else TOKEN_COOKIE

    def _cookie_matches(self, scope: Scope) -> bool:
        name = self.cookie_name(scope)
        for part in (_header(scope, b"cookie") or "").split(";"):
            key, _, value = part.strip().partition("=")
            if key == name and self._matches(unquote(value)):
                return True
        return False

    def _bearer_matches(self, scope: Scope) -> bool:
        # The header's raw bytes: a UTF-8 token may end in a byte that Latin-1 reads as a space.
        raw = next((bytes(v) for k, v in scope.get("headers", ()) if k.lower() == b"authorization"), b"")
        scheme, _, credentials = raw.strip(b" \t").partition(b" ")
        return scheme.lower() == b"bearer" and self._matches(credentials.strip(b" \t"))

    async def _let_browser_in(self, scope: Scope, send: Send, query: list[tuple[str, str]]) -> None:
        """Keep the token in a cookie and show the same page without it in the address."""
        rest = urlencode([(k, v) for k, v in query if k != "token"])
        # The path as a local one: one leading slash (never //host), every odd character escaped.
        path = "/" + quote(str(scope.get("path", "/")).lstrip("/\\"), safe="/-._~")
        location = path + (f"?{rest}" if rest else "")
        value = quote(self.token.decode(), safe="")
        cookie = f"{self.cookie_name(scope)}={value}; HttpOnly; SameSite=Strict; Path=/"
        headers = [(b"location", location.encode()), (b"set-cookie", cookie.encode()), (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on when it carries the token; else set the cookie, or answer 401."""
        if scope["type"] == "lifespan" or str(scope.get("path", "")).startswith(self.open_prefixes):
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websocket route exists; none gets past the guard
            await send({"type": "websocket.close", "code": 1008})
            return
        if self._bearer_matches(scope) or self._cookie_matches(scope):
            await self.app(scope, receive, send)
            return
        query = parse_qsl(bytes(scope.get("query_string", b"")).decode("latin-1"))
        given = next((v for k, v in query if k == "token"), None)
        if scope.get("method") == "GET" and self._matches(given):
            await self._let_browser_in(scope, send, query)
            return
        hint = (
            "this server needs its access token: send 'Authorization: Bearer TOKEN'"
            if wants_json(scope)
            else "this server needs its access token: open the address `jdgen serve` printed (it ends in ?token=…)"
        )
        await send_error(scope, send, 401, hint, ((b"www-authenticate", b'Bearer realm="jdgen"'),))


class HostGuard:
    """Answer only requests addressed to one of `hosts` (a local server's guard against DNS rebinding)."""

    def __init__(self, app: ASGIApp, hosts: Sequence[str]) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on when its Host is one of ours; else answer 400."""
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websocket route exists; none gets past the guard
            await send({"type": "websocket.close", "code": 1008})
            return
        host = (_header(scope, b"host") or "").lower()
        name, _, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
        if not name or not port.isdigit():  # no port, or not a port ("localhost:8777@evil.example")
            name = host
        if name.strip("[]") not in {h.strip("[]") for h in self.hosts}:
            allowed = ", ".join(sorted(self.hosts))
            await send_error(
                scope, send, 400, f"this server answers requests for {allowed} only, not {host or 'no host'}"
            )
            return
        await self.app(scope, receive, send)


class CrossSiteGuard:
    """Refuse a request that changes or makes something when a browser says another site sent it.

    Browsers mark such requests (``Sec-Fetch-Site`` other than same-origin, an ``Origin`` of another host);
    API clients send neither and are not affected. Without a token the server keeps no state, so
    a forged form could only make a download, but it is refused all the same (OWASP CSRF).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on unless a browser sent it from another site; else answer 403."""
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS") and _cross_site(scope):
            await send_error(scope, send, 403, "a page on another site cannot send requests to this server")
            return
        await self.app(scope, receive, send)


def _cross_site(scope: Scope) -> bool:
    fetch_site = _header(scope, b"sec-fetch-site")
    if fetch_site is not None:  # every current browser sends it: trust it first
        return fetch_site.lower() not in ("same-origin", "none")  # "none": typed in or a bookmark
    origin = _header(scope, b"origin")  # older browsers; "null" also comes with Referrer-Policy: no-referrer
    if origin is None or origin == "null":
        return False
    host = (_header(scope, b"host") or "").lower()
    return origin.lower().split("://", 1)[-1].rstrip("/") != host


class SecurityHeaders:
    """Add the security headers (and the content security policy, unless a page sets its own)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, adding the headers to its response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {bytes(k).lower() for k, _ in headers}
                headers += [h for h in SECURITY_HEADERS if h[0] not in present]
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
