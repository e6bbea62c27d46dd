"""How much of the server one client can hold: requests in flight, and how long each may take.

`RequestLimit` counts requests, not connections: a thousand idle sockets take no slot (the
server's protocol, `jdgen.web.protocol`, closes them). Each request has a time budget; past it
the client gets 503 and the work is told to stop (see `jdgen.common.budget`).
"""

from __future__ import annotations

import asyncio
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jdgen.common import budget
from jdgen.web.guard import send_error

#: Requests handled at once; more get 503 at once rather than a queue that eats memory.
MAX_REQUESTS = 64
#: The longest a request may take, in seconds. Every request jdgen answers takes well under a
#: second or two, since its inputs are bounded; the budget stops the rest.
REQUEST_SECONDS = 30.0


class RequestLimit:
    """Answer 503 beyond `limit` requests in flight, and 503 to a request that runs past `seconds`."""

    def __init__(self, app: ASGIApp, limit: int = MAX_REQUESTS, seconds: float = REQUEST_SECONDS) -> None:
        self.app = app
        self.limit = limit
        self.seconds = seconds
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on within the limits, or answer 503 saying which one it met."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            message = f"the server is handling {self.limit} requests already; try again in a moment"
            await send_error(scope, send, 503, message, ((b"retry-after", b"1"),))
            return
        started = False

        async def tracking_send(outgoing: Message) -> None:
            nonlocal started
            started = started or outgoing["type"] == "http.response.start"
            await send(outgoing)

        self.in_flight += 1
        token = budget.DEADLINE.set(time.monotonic() + self.seconds)  # the worker thread inherits it
        try:
            async with asyncio.timeout(self.seconds):
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            if not started:
                message = f"the request took longer than {self.seconds:g} s and was stopped; send less at a time"
                await send_error(scope, send, 503, message)
        finally:
            budget.DEADLINE.reset(token)
            self.in_flight -= 1
