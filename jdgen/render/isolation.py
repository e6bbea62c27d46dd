"""Rendering a user's template in a separate process, under CPU, time and memory limits.

The sandbox (`jdgen.render.sandbox`) controls what a template may reach and refuses the usual
ways to build a huge value, but a template can still loop for ever or grow a string with ``~``.
So a template from the user's folders renders in a worker process
(`jdgen.render.sandbox_worker`) that may use `MAX_CPU_SECONDS` of CPU and `MAX_MEMORY_MB` of
address space per render, and is killed after `MAX_SECONDS`. Workers are kept for the next
render (starting one costs about half a second of imports), at most `MAX_WORKERS` at once; a
caller waits at most `MAX_SECONDS` for one.

Requests go to a worker pickled (they come from this process); the worker's reply is a status
byte and UTF-8 text, never a pickle, so that nothing a template does can run code here.
A worker dies with its parent (Linux: the parent-death signal; elsewhere it sees its input
close when idle) and ignores Ctrl-C, which the parent handles by stopping it.
"""

from __future__ import annotations

import atexit
import contextlib
import math
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

from jdgen.common.errors import RenderError

#: CPU time one render of a user's template may use, in seconds.
MAX_CPU_SECONDS = 5
#: Time one render may take, in seconds (waiting included: an include of a FIFO).
MAX_SECONDS = 10
#: Address space the worker may use while rendering, in MB.
MAX_MEMORY_MB = 512
#: Workers rendering at once; more callers wait for one to be free.
MAX_WORKERS = max(2, os.cpu_count() or 2)
#: Idle workers kept for the next renders.
MAX_IDLE = 2

_HEADER = 9  # a reply's status byte and payload length (8 bytes, big-endian)


class TemplatesBusy(RenderError):
    """Every worker was still rendering when the wait for one ended (the server is busy, not wrong)."""


class _Lost(Exception):
    """The worker stopped or ran out of time before it replied; the reason is one line."""


class _Worker:
    """One worker process and its two pipes."""

    def __init__(self) -> None:
        package_parent = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([package_parent, *filter(None, [env.get("PYTHONPATH")])])
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jdgen.render.sandbox_worker", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.requests: IO[bytes] = self.process.stdin  # type: ignore[assignment]
        self.replies: IO[bytes] = self.process.stdout  # type: ignore[assignment]

    def exchange(self, request: bytes, deadline: float) -> tuple[bytes, bytes]:
        """Send one request; the reply's status and payload.

        Raises:
            BrokenPipeError: the worker had stopped before the request (start another).
            _Lost: it stopped, or time ran out, before it replied.
        """
        self.requests.write(len(request).to_bytes(8, "big") + request)
        self.requests.flush()
        header = self._read(_HEADER, deadline)
        return header[:1], self._read(int.from_bytes(header[1:], "big"), deadline)

    def _read(self, size: int, deadline: float) -> bytes:
        fd = self.replies.fileno()
        ready = select.poll()  # not select(): a busy server's pipes may be numbered past 1024
        ready.register(fd, select.POLLIN)
        chunks: list[bytes] = []
        while size:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not ready.poll(max(1, math.ceil(remaining * 1000))):
                raise _Lost(f"took more than {MAX_SECONDS} s")
            chunk = os.read(fd, min(size, 1 << 20))
            if not chunk:
                raise _Lost(self._death())
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def _death(self) -> str:
        try:
            code = self.process.wait(timeout=MAX_SECONDS)
        except subprocess.TimeoutExpired:
            return "the process rendering it stopped replying"
        if code == -signal.SIGXCPU:
            return f"took more than {MAX_CPU_SECONDS} s of CPU"
        how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
        return f"the process rendering it stopped ({how}); it may have used more than {MAX_MEMORY_MB} MB"

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Kill the worker (it may be in the middle of a render) and wait for it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.requests, self.replies):
            with contextlib.suppress(OSError):  # the worker had gone with bytes still to flush
                stream.close()


class _Pool:
    """The idle workers of this process, and the one thread that starts workers.

    Workers start from that one long-lived thread: on Linux the parent-death signal follows
    the thread that started a process, and a web server's request threads come and go.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.idle: list[_Worker] = []
        self.slots = threading.BoundedSemaphore(MAX_WORKERS)
        self.starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jdgen-template-workers")

    def take(self) -> _Worker:
        with self.lock:
            while self.idle:
                worker = self.idle.pop()
                if worker.alive():
                    return worker
                worker.stop()
        try:
            return self.starter.submit(_Worker).result()
        except OSError as exc:
            raise RenderError(f"cannot start a process to render templates: {exc.strerror or exc}") from None

    def give_back(self, worker: _Worker) -> None:
        with self.lock:
            if len(self.idle) < MAX_IDLE:
                self.idle.append(worker)
                return
        worker.stop()

    def stop_idle(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for worker in idle:
            worker.stop()


_pool = _Pool()


def _forget_parents_pool() -> None:
    global _pool  # a forked child must not share its parent's workers and locks
    _pool = _Pool()


os.register_at_fork(after_in_child=_forget_parents_pool)
atexit.register(lambda: _pool.stop_idle())


def render_isolated(name: str, context: dict[str, Any], extra: tuple[str, ...], path: str) -> str:
    """Render template `name` (file `path`) with the user's folders `extra` in a limited worker.

    Raises:
        RenderError: the template's own error, as `jdgen.render.environment.render_here` words
            it, or one line naming `path` and the limit hit.
    """
    request = pickle.dumps((name, context, extra, MAX_CPU_SECONDS, MAX_MEMORY_MB), pickle.HIGHEST_PROTOCOL)
    pool = _pool
    # A bounded wait: a server whose request threads all wait here recovers within MAX_SECONDS.
    if not pool.slots.acquire(timeout=MAX_SECONDS):
        raise TemplatesBusy(f"{path}: not rendered: {MAX_WORKERS} templates were still rendering after {MAX_SECONDS} s")
    try:
        for attempt in (1, 2):
            worker = pool.take()
            try:
                status, payload = worker.exchange(request, time.monotonic() + MAX_SECONDS)
                break
            except BrokenPipeError:  # it had stopped while idle: once more with a new one
                worker.stop()
                if attempt == 2:
                    raise RenderError(f"{path}: the process rendering it stopped before it started") from None
            except _Lost as lost:
                worker.stop()
                raise RenderError(f"{path}: {lost}") from None
            except BaseException:  # Ctrl-C: the render is abandoned, and its worker with it
                worker.stop()
                raise
    finally:
        pool.slots.release()
    if status == b"m":
        worker.stop()  # a fresh worker for the next render, not one that ran out of memory
        raise RenderError(f"{path}: used more than {MAX_MEMORY_MB} MB")
    pool.give_back(worker)
    text = payload.decode("utf-8", "surrogatepass")
    if status == b"e":
        raise RenderError(text)
    return text
