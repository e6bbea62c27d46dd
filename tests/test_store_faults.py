"""Killing the server while respondents save: no committed answer is lost, and the store is not corrupted.

Five clients save answers as fast as the server takes them, each save with a numbered note; the
server is killed (SIGKILL, no shutdown) in the middle. Every answer the server acknowledged must
be in the store afterwards, or a later save of the same statement that was in flight; the store
must pass its integrity check and serve the survey again from a new server.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from sqlalchemy import text

from jdgen import load_catalog
from jdgen.store.surveys import SurveyStore
from tests.serve_process import start_server

STATEMENTS = load_catalog().statements.ids()
ANSWERS = ("yes", "partial", "no", "unknown")
PEOPLE = [("Ana", "CEO"), ("Bo", "CFO"), ("Cy", "COO"), ("Dee", "CHRO"), ("Ed", "CTO")]


def _save(url: str, statement: str, answer: str, note: str) -> bool:
    """One save, as the page's script sends it; True when the server acknowledged it."""
    body = urllib.parse.urlencode({"statement": statement, "answer": answer, "note": note}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, method="POST"), timeout=10) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def test_a_killed_server_loses_no_committed_answer(db: str, tmp_path: Path) -> None:
    store = SurveyStore(db)
    made = store.create({"company": "Acme"}, PEOPLE)
    server = start_server(tmp_path, "--db", db)
    acknowledged: dict[tuple[int, str], int] = {}  # (respondent, statement) → the last save acknowledged
    sent: dict[tuple[int, str], int] = {}  # … → the last save sent
    stop = threading.Event()
    done = [0]  # saves acknowledged, all respondents together

    def respondent(index: int, token: str) -> None:
        url = f"{server.url}s/{token}/answer"
        number = 0
        while not stop.is_set():
            statement = STATEMENTS[number % len(STATEMENTS)]
            number += 1
            sent[(index, statement)] = number
            if _save(url, statement, ANSWERS[number % 4], f"save {number}"):
                acknowledged[(index, statement)] = number
                done[0] += 1
            elif stop.is_set() or server.process.poll() is not None:
                return

    threads = [threading.Thread(target=respondent, args=(i, t)) for i, (_, t) in enumerate(made.respondent_tokens)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while done[0] < 150 and time.monotonic() < deadline:  # well into the saves
        time.sleep(0.05)
    server.stop(kill=True)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert done[0] >= 150, "the server acknowledged too few saves before it was killed"

    reopened = SurveyStore(db)
    if not db.startswith("postgresql"):  # PostgreSQL's own server was not the one killed
        with reopened._engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    stored = {}
    for index, (_, token) in enumerate(made.respondent_tokens):
        for statement, (answer, note) in reopened.own_answers(token).items():
            number = int(str(note).split()[1])
            assert answer == ANSWERS[number % 4]  # an answer and its note are saved together or not at all
            stored[(index, statement)] = number
    for key, number in acknowledged.items():
        assert key in stored, f"an acknowledged answer is gone: {key}"
        assert number <= stored[key] <= sent[key], f"{key}: acknowledged save {number}, stored {stored[key]}"
    reopened.close_connections()
    store.close_connections()

    again = start_server(tmp_path, "--db", db)  # the store opens and serves after the crash
    try:
        token = made.respondent_tokens[0][1]
        with urllib.request.urlopen(f"{again.url}s/{token}", timeout=10) as reply:
            assert reply.status == 200 and "save " in reply.read().decode()
    finally:
        again.stop()
    assert "Traceback" not in again.logged()
