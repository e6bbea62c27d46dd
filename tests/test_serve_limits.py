"""`jdgen serve` holds its limits against idle, slow and greedy clients, over real sockets (review D2, D5).

The server's deadlines are seconds long; tests that wait for them run the same protocol with
deadlines a fraction as long, in a uvicorn server on a loopback port.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path
from typing import Any

import pytest

uvicorn = pytest.importorskip("uvicorn")

import jdgen
from jdgen.common import budget
from jdgen.web import create_app
from jdgen.web.protocol import DeadlineH11Protocol
from tests.test_cli_serve import _address, server


class QuickDeadlines(DeadlineH11Protocol):
    header_seconds = 0.5
    body_seconds = 1.0


@contextmanager
def running(app: Any, protocol: type[DeadlineH11Protocol] = QuickDeadlines) -> Iterator[int]:
    """`app` served by uvicorn with `protocol` on a free loopback port; yields the port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, http=protocol, log_level="error", timeout_keep_alive=1, lifespan="off")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if instance.started:
            break
        time.sleep(0.02)
    try:
        yield sock.getsockname()[1]
    finally:
        instance.should_exit = True
        thread.join(timeout=10)
        sock.close()


def get(port: int, path: str = "/api/health", token: str | None = None) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}
        if token
        else {"Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def closed_by_server(sock: socket.socket, within: float) -> bool:
    """Whether the server closes `sock` within `within` seconds (reads what it sends until then)."""
    sock.settimeout(within)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
    return True


@pytest.mark.parametrize("token", [None, "s3cret"])
def test_a_hundred_idle_sockets_take_no_request_slot(token: str | None) -> None:
    args = ("--token", token) if token else ()
    with server(*args) as (_, line), ExitStack() as stack:
        port = int(_address(line).split(":")[2].split("/")[0])
        for _ in range(100):
            stack.enter_context(closing(socket.create_connection(("127.0.0.1", port))))
        time.sleep(0.5)
        status, body = get(port, token=token)
        assert status == 200 and body["status"] == "ok"


def test_a_client_that_sends_nothing_is_closed() -> None:
    with running(create_app()) as port, closing(socket.create_connection(("127.0.0.1", port))) as idle:
        assert closed_by_server(idle, within=5)


def test_headers_sent_a_byte_at_a_time_are_cut_off() -> None:
    request = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200
    with running(create_app()) as port, closing(socket.create_connection(("127.0.0.1", port))) as slow:
        cut = False
        for byte in request:  # 200+ bytes at 20 a second: 10 s, far past the 0.5 s deadline
            try:
                slow.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                cut = True
                break
            time.sleep(0.05)
            if closed_by_server(slow, within=0.001):
                cut = True
                break
        assert cut


def test_a_body_sent_too_slowly_is_cut_off_and_others_are_served() -> None:
    head = (
        b"POST /api/lint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
    )
    with running(create_app()) as port, closing(socket.create_connection(("127.0.0.1", port))) as slow:
        slow.sendall(head + b'{"text": "')
        assert get(port)[0] == 200
        assert closed_by_server(slow, within=5)


def test_requests_beyond_the_limit_get_503_and_then_the_server_recovers() -> None:
    head = b"POST /api/lint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 30\r\n\r\n"

    class PatientBodies(DeadlineH11Protocol):  # bodies may take their time: they hold requests in flight
        header_seconds = 5.0

    with running(create_app(max_requests=2), PatientBodies) as port, ExitStack() as stack:
        holders = [stack.enter_context(closing(socket.create_connection(("127.0.0.1", port)))) for _ in range(2)]
        for holder in holders:
            holder.sendall(head + b'{"text": "')
        time.sleep(0.5)
        status, body = get(port)
        assert status == 503 and "handling 2 requests already" in body["error"]
        for holder in holders:
            holder.sendall(b'Hello world."}'.ljust(20, b" "))
            assert b"200 OK" in holder.recv(4096)
        assert get(port)[0] == 200


def test_a_request_past_its_time_budget_gets_503_and_its_work_stops() -> None:
    text = "- x\n" * 49_000  # several seconds of linting, well past a 1 s budget
    with running(create_app(request_seconds=1.0)) as port:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/lint",
            data=json.dumps({"text": text}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=30)
        assert caught.value.code == 503
        assert "took longer than 1 s" in json.loads(caught.value.read())["error"]
        assert get(port)[0] == 200


def test_work_checks_its_deadline_and_stops() -> None:
    token = budget.DEADLINE.set(time.monotonic() - 1)
    try:
        with pytest.raises(budget.BudgetExceeded):
            jdgen.lint_text("- x\n" * 1000)
        with pytest.raises(budget.BudgetExceeded):
            jdgen.render(jdgen.compose(jdgen.load_catalog(), "digital"), "docx")
    finally:
        budget.DEADLINE.reset(token)
    assert jdgen.lint_text("- x\n" * 10).findings is not None


def test_a_template_waiting_for_a_busy_worker_gets_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from jdgen.render import isolation

    def busy(name: str, context: object, extra: object, path: str) -> str:
        raise isolation.TemplatesBusy(f"{path}: not rendered: 2 templates were still rendering after 10 s")

    monkeypatch.setattr(isolation, "render_isolated", busy)
    (tmp_path / "jd.md.j2").write_text("{{ jd.title }}\n")
    with TestClient(create_app(template_dirs=[tmp_path])) as client:
        response = client.post("/api/jd", json={"archetype": "digital", "format": "md"})
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert "templates were still rendering" in response.json()["error"]


def test_a_pipelined_request_is_not_cut_off_by_the_next_header_deadline() -> None:
    class ShortHeaders(DeadlineH11Protocol):
        header_seconds = 0.3

    two = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" * 2
    with running(create_app(), ShortHeaders) as port, closing(socket.create_connection(("127.0.0.1", port))) as sock:
        sock.sendall(two)  # both requests at once: the second starts as the first completes
        received = b""
        sock.settimeout(5)
        while received.count(b"200 OK") < 2:
            chunk = sock.recv(4096)
            assert chunk, received
            received += chunk
        assert received.count(b"200 OK") == 2
