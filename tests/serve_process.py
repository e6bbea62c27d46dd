"""The real ``jdgen serve`` as a subprocess, for the tests that need a server to kill or a browser to drive."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO

SERVER_LINE = re.compile(r"the wizard is at (http://127\.0\.0\.1:(\d+)/)")
START_SECONDS = 30


@dataclass
class Server:
    """A running ``jdgen serve``: its address, its process, and where its stderr goes."""

    url: str
    process: subprocess.Popen[str]
    stderr: Path

    def stop(self, kill: bool = False) -> None:
        """Stop the server: SIGTERM and a wait, or SIGKILL at once (a crash)."""
        if self.process.poll() is None:
            if kill:
                self.process.kill()
            else:
                self.process.terminate()
            try:
                self.process.wait(timeout=START_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()

    def logged(self) -> str:
        """What the server wrote to stderr."""
        return self.stderr.read_text(encoding="utf-8")


def start_server(folder: Path, *args: str) -> Server:
    """Start ``python -m jdgen serve --port 0 ARGS`` and wait for the address it prints."""
    stderr_path = folder / "server-stderr.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("JDGEN_TOKEN", "JDGEN_DB")}
    env["PYTHONUNBUFFERED"] = "1"
    with stderr_path.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "jdgen", "serve", "--port", "0", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env=env,
        )
    assert process.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def read(stream: IO[str]) -> None:  # drains stdout to the end, so the server never blocks on it
        for line in stream:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, args=(process.stdout,), daemon=True).start()
    seen: list[str] = []
    while True:
        try:
            line = lines.get(timeout=START_SECONDS)
        except queue.Empty:
            process.kill()
            raise AssertionError(f"jdgen serve printed no address within {START_SECONDS} s: {seen}") from None
        if line is None:
            process.wait(timeout=START_SECONDS)
            raise AssertionError(f"jdgen serve exited ({process.returncode}): {seen} {stderr_path.read_text()}")
        seen.append(line)
        found = SERVER_LINE.search(line)
        if found:
            return Server(found[1], process, stderr_path)
