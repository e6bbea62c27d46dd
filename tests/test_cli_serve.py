"""``jdgen serve``: starts, says where, guards with a token, stops cleanly, and fails in one line."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

pytest.importorskip("uvicorn")

from jdgen.cli import main


@contextmanager
def server(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`jdgen serve --port 0 ARGS` in a subprocess; yields it and the first line it printed."""
    with subprocess.Popen(
        [sys.executable, "-m", "jdgen", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "JDGEN_TOKEN"},
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert "the wizard is at http://" in line, process.stderr.read() if process.stderr else ""
            yield process, line
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


def _address(line: str) -> str:
    return line.split("the wizard is at ", 1)[1].strip()


def _get(url: str, token: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())  # keeps cookies, follows redirects
    try:
        with browser.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_serve_help_names_its_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--token", "--catalog", "--templates", "--reference"):
        assert option in result.output
    assert "127.0.0.1" in result.output and '"jdgen[web]"' in result.output


def test_a_port_in_use_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"jdgen: error: port {port} on 127.0.0.1 is in use by another program; choose another with --port\n"
    )


def test_an_unknown_host_is_one_line() -> None:
    result = CliRunner().invoke(main, ["serve", "--host", "no-such-host.invalid"])
    assert result.exit_code == 1
    assert result.stderr.startswith("jdgen: error: --host no-such-host.invalid: not an address of this machine")
    assert result.stderr.count("\n") == 1


def test_without_the_web_extra_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 1
    assert (
        result.stderr
        == 'jdgen: error: jdgen serve needs the web extra (uvicorn is missing): pip install "jdgen[web]"\n'
    )


def test_a_served_wizard_and_api_answer_and_ctrl_c_stops_the_server() -> None:
    with server() as (process, line):
        address = _address(line)
        assert address.startswith("http://127.0.0.1:") and "?token" not in address
        status, page = _get(address)
        assert status == 200 and "Who is hiring" in page
        status, body = _get(address + "api/health")
        assert status == 200 and json.loads(body)["status"] == "ok"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
        assert process.stderr is not None and process.stderr.read() == "jdgen: the server has stopped\n"


def test_with_a_token_the_address_carries_it_and_the_api_needs_it() -> None:
    with server("--token", "s3cret-token") as (_, line):
        address = _address(line)
        assert address.endswith("/?token=s3cret-token")
        base = address.split("?")[0]
        status, body = _get(base + "api/archetypes")
        assert status == 401 and "access token" in json.loads(body)["error"]
        status, body = _get(base + "api/archetypes", token="s3cret-token")
        assert status == 200 and len(json.loads(body)) == 8
        status, page = _get(address)  # the printed address lets a browser in (cookie, then the page)
        assert status == 200 and "Who is hiring" in page


def test_an_address_of_another_machine_is_one_line() -> None:
    result = CliRunner().invoke(main, ["serve", "--host", "192.0.2.1"])  # TEST-NET-1: never this machine's
    assert result.exit_code == 1
    assert result.stderr == "jdgen: error: --host 192.0.2.1: not an address of this machine; use 127.0.0.1 or 0.0.0.0\n"


def test_an_empty_token_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JDGEN_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--token", ""])
    assert result.exit_code == 1
    assert result.stderr == "jdgen: error: the access token is empty; give one, or leave the token out\n"


def test_listening_beyond_this_machine_without_a_token_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from jdgen.cli import serve as cli_serve

    bound: list[str] = []
    real_bind = cli_serve._bind
    # Bind on this machine only, whatever the option says; and serve nothing.
    monkeypatch.setattr(cli_serve, "_bind", lambda host, port: bound.append(host) or real_bind("127.0.0.1", 0))
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: [s.close() for s in sockets or ()])
    monkeypatch.delenv("JDGEN_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 0 and bound == ["0.0.0.0"]
    assert "listening on 0.0.0.0 without --token: anyone who can reach this machine can use it" in result.stderr
    quiet = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--token", "t"])
    assert "warning" not in quiet.stderr and "?token=t" in quiet.output
