"""The worker process that renders a user's templates for `jdgen.render.isolation`.

Run as ``python -m jdgen.render.sandbox_worker PARENT_PID``. It reads requests (an 8-byte
length, then a pickle of the template name, context, user folders and limits) on stdin, and
writes each reply on stdout: a status byte (``o`` text, ``e`` an error line, ``m`` out of
memory), an 8-byte length and UTF-8 text. Before each render it sets its limits: the CPU limit
to the time used so far plus the allowance (the kernel ends it with SIGXCPU past it), and the
address-space limit (a `MemoryError` past it, after which it replies ``m`` and exits).
"""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import signal
import sys
from typing import IO

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        # Without prctl, an idle worker still ends when its input closes.
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(0)


def _limit(cpu_seconds: int, memory_mb: int) -> None:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(usage.ru_utime + usage.ru_stime) + cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _read(stream: IO[bytes]) -> bytes | None:
    header = stream.read(8)
    if len(header) < 8:
        return None
    return stream.read(int.from_bytes(header, "big"))


def main() -> None:
    """Serve render requests until stdin closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops this process
    _die_with_parent(int(sys.argv[1]))
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU would otherwise dump core
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but replies on the reply pipe

    from jdgen.common.errors import RenderError
    from jdgen.render.environment import render_here

    while (request := _read(requests)) is not None:
        name, context, extra, cpu_seconds, memory_mb = pickle.loads(request)
        _limit(cpu_seconds, memory_mb)
        try:
            try:
                status, text = b"o", render_here(name, context, extra, memory_errors=True)
            except RenderError as exc:
                status, text = b"e", str(exc)
            payload = text.encode("utf-8", "surrogatepass")
        except MemoryError:
            status, payload = b"m", b""
        replies.write(status + len(payload).to_bytes(8, "big") + payload)
        replies.flush()
        if status == b"m":
            return


if __name__ == "__main__":
    main()
