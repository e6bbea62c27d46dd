"""The `serve` group: a loopback load test of `jdgen serve` with and without idle and slow clients.

One `jdgen serve --port 0` process. Rounds alternate between "calm" (only the measuring
client) and "under attack": 100 sockets that connect and send nothing, and 20 that trickle
their request headers a byte every half second, all held open for the whole round. Each
round sends the same requests, one at a time: `GET /api/health` and `POST /api/jd` (JSON).
The figures are latencies and success rates side by side, and their ratio; a round is bounded
(`REQUEST_TIMEOUT` per request), so the whole group ends in well under a minute.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Any

from bench_stats import Summary, summarise

IDLE_SOCKETS = 100
SLOW_SOCKETS = 20
REQUEST_TIMEOUT = 5.0
JD_BODY = json.dumps({"archetype": "customer-success", "format": "json", "profile": {"company": "Acme"}}).encode()


def _start_server() -> tuple[subprocess.Popen[str], int]:
    jdgen = Path(sys.executable).with_name("jdgen")
    command = [str(jdgen)] if jdgen.exists() else [sys.executable, "-m", "jdgen"]
    env = {k: v for k, v in os.environ.items() if k != "JDGEN_TOKEN"}
    process = subprocess.Popen(
        [*command, "serve", "--port", "0", "--no-surveys"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if "the wizard is at http://" not in line:
        process.kill()
        raise RuntimeError(f"jdgen serve did not start: {line!r}")
    port = int(line.rsplit(":", 1)[1].split("/")[0])
    return process, port


def _request(port: int, path: str, body: bytes | None) -> tuple[bool, float]:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            ok = response.status == 200
    except (urllib.error.URLError, OSError):
        ok = False
    return ok, (time.perf_counter() - started) * 1000


def _trickle(port: int, stop: threading.Event) -> None:
    """One slow client: request headers a byte every 0.5 s, reconnecting when the server cuts it off."""
    header = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 10_000
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
                for byte in header:
                    if stop.wait(0.5):
                        return
                    sock.sendall(bytes([byte]))
        except OSError:
            if stop.wait(0.2):
                return


def _round(port: int, attacked: bool, requests: int, samples: dict[str, list[float]], fails: dict[str, int]) -> None:
    with ExitStack() as stack:
        stop = threading.Event()
        if attacked:
            for _ in range(IDLE_SOCKETS):
                stack.enter_context(closing(socket.create_connection(("127.0.0.1", port))))
            threads = [threading.Thread(target=_trickle, args=(port, stop), daemon=True) for _ in range(SLOW_SOCKETS)]
            for thread in threads:
                thread.start()
            stack.callback(lambda: [t.join(timeout=2) for t in threads])
            stack.callback(stop.set)
            time.sleep(0.5)
        mode = "attacked" if attacked else "calm"
        for _ in range(requests):
            for name, path, body in (("health", "/api/health", None), ("jd_json", "/api/jd", JD_BODY)):
                ok, ms = _request(port, path, body)
                key = f"serve.{name}.{mode}"
                if ok:
                    samples[key].append(ms)
                else:
                    fails[key] += 1


def group_serve(rounds: int, requests: int) -> tuple[list[Summary], dict[str, Any]]:
    """Alternate calm and attacked rounds against one server; return the summaries and the success rates."""
    process, port = _start_server()
    keys = [f"serve.{n}.{m}" for n in ("health", "jd_json") for m in ("calm", "attacked")]
    samples: dict[str, list[float]] = {k: [] for k in keys}
    fails = dict.fromkeys(keys, 0)
    try:
        _request(port, "/api/jd", JD_BODY)  # warm up
        for n in range(rounds):
            for attacked in (n % 2 == 1, n % 2 == 0):
                print(f"  serve round {n + 1}/{rounds}, {'attacked' if attacked else 'calm'}…", file=sys.stderr)
                _round(port, attacked, requests, samples, fails)
    finally:
        process.kill()
        process.wait(timeout=10)
    summaries = []
    rates: dict[str, Any] = {}
    for key in keys:
        total = len(samples[key]) + fails[key]
        rate = len(samples[key]) / total if total else 0.0
        note = f"{rate:.0%} answered 200" + (
            f"; {IDLE_SOCKETS} idle + {SLOW_SOCKETS} slow-header sockets open" if key.endswith("attacked") else ""
        )
        summary = summarise(key, "serve", samples[key] or [float("nan")], note=note)
        summary.extra = {"success_rate": round(rate, 3), "failed": fails[key]}
        summaries.append(summary)
        rates[key] = {"success_rate": round(rate, 3), "failed": fails[key], "answered": len(samples[key])}
    return summaries, rates
