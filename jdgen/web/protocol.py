"""uvicorn's HTTP/1.1 protocol (h11), with deadlines for clients that send nothing or send slowly.

uvicorn closes a keep-alive connection that stays quiet after a response, but a connection
that never completes its first request's headers, or trickles a body, is kept for ever: a few
dozen such sockets would hold the server. Here every connection must finish a request's
headers within `HEADER_SECONDS` (after it opens, or after the previous response) and its body
within `BODY_SECONDS`, or it is closed; and past `MAX_CONNECTIONS` open sockets a new one is
closed at once. Requests in flight are limited apart from this (`jdgen.web.limits`).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

#: Seconds a client has to send a request's headers (slow-header attacks need minutes).
HEADER_SECONDS = 10.0
#: Seconds a client has to send a request's body once its headers are in (2 MB at most).
BODY_SECONDS = 30.0
#: Open connections kept at most; each idle one is closed within `HEADER_SECONDS`.
MAX_CONNECTIONS = 512


class DeadlineH11Protocol(H11Protocol):
    """H11Protocol that closes connections whose client does not send a whole request in time."""

    header_seconds = HEADER_SECONDS
    body_seconds = BODY_SECONDS
    max_connections = MAX_CONNECTIONS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._reading_body_of: object = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Accept the connection, with a deadline for its first request's headers (or close it: too many)."""
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            transport.close()
            return
        self._arm(self.header_seconds)

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the deadline of a connection that is gone."""
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        """Let uvicorn read what came in, then move the deadline on as a request's parts arrive."""
        before = self.cycle
        super().handle_events()
        cycle = self.cycle
        if cycle is None:
            return
        if cycle is not before:  # a request's headers are in: now its body
            self._disarm()
            if cycle.more_body:
                self._reading_body_of = cycle
                self._arm(self.body_seconds)
        if self._reading_body_of is cycle and not cycle.more_body:  # the body is in: the app has it all
            self._reading_body_of = None
            self._disarm()

    def on_response_complete(self) -> None:
        """After a response, the next request's headers are due within the header deadline too."""
        super().on_response_complete()
        started_next = self.cycle is not None and not self.cycle.response_complete  # a pipelined request
        if not self.transport.is_closing() and not started_next:
            self._arm(self.timeout_keep_alive + self.header_seconds)

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()
