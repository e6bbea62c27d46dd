"""A time budget for work done on behalf of one request, checked where the work loops.

The web server sets `DEADLINE` for each request; the thread that does the work inherits it
(context variables follow the call into the thread pool). Long loops call `check`, so work
whose client has already been told "too long" stops instead of running on. Outside a request
there is no deadline and `check` costs one lookup.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from jdgen.common.errors import JdgenError

#: When the current request's time is up (`time.monotonic()`), or None outside a request.
DEADLINE: ContextVar[float | None] = ContextVar("jdgen_deadline", default=None)


class BudgetExceeded(JdgenError):
    """The request's time budget ran out before its work was done."""


def check() -> None:
    """Raise `BudgetExceeded` if the current request's time is up.

    Raises:
        BudgetExceeded: past the deadline.
    """
    deadline = DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise BudgetExceeded("the request ran past its time budget and was stopped; send less at a time")
