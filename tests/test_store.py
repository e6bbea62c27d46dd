"""The survey store on SQLite and (when JDGEN_TEST_POSTGRES_URL names one) PostgreSQL: links, answers, deletion, migrations."""

from __future__ import annotations

import datetime
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

import jdgen.store
from jdgen.common.errors import InputError
from jdgen.data.input_models import Survey
from jdgen.store.database import migrate
from jdgen.store.surveys import SurveyStore
from tests.store_db import POSTGRES, REQUIRED

TEAM = [("Ana Ortiz", "CEO"), ("Bo Chen", "CFO"), ("Cy Park", None)]


def test_postgresql_is_there_when_required() -> None:
    assert POSTGRES or not REQUIRED, "JDGEN_REQUIRE_POSTGRES=1 but JDGEN_TEST_POSTGRES_URL names no server"


@pytest.fixture
def open_store(db: str) -> Iterator[Callable[[], SurveyStore]]:
    """Opens the store (as often as a test asks); every connection is closed at the end."""
    opened: list[SurveyStore] = []

    def open_one() -> SurveyStore:
        opened.append(SurveyStore(db))
        return opened[-1]

    yield open_one
    for store in opened:
        store.close_connections()


def _rows(store: SurveyStore, table: str) -> list[tuple[object, ...]]:
    with store._engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(f"SELECT * FROM {table}"))]


def test_links_are_long_random_and_kept_only_as_digests(open_store: Callable[[], SurveyStore]) -> None:
    store = open_store()
    made = store.create({"company": "Acme"}, TEAM)
    secrets_given = [made.facilitator_token, *(token for _, token in made.respondent_tokens)]
    assert len(set(secrets_given)) == 4 and all(len(token) >= 43 for token in secrets_given)  # 256 bits each
    kept = repr([_rows(store, t) for t in ("surveys", "respondents")])
    assert not any(token in kept for token in secrets_given)


def test_a_respondents_link_reaches_their_own_answers_and_nothing_else(open_store: Callable[[], SurveyStore]) -> None:
    store = open_store()
    made = store.create({"company": "Acme"}, TEAM)
    (_, ana), (_, bo), _ = made.respondent_tokens
    store.save_answer(ana, "resources", "no", "  tight budget ")
    store.save_answer(bo, "resources", "yes")
    assert store.own_answers(ana) == {"resources": ("no", "tight budget")}
    assert store.own_answers(bo) == {"resources": ("yes", None)}
    assert store.survey_of_facilitator(ana) is None  # a respondent's link is not the facilitator's
    assert store.survey_of_facilitator(made.facilitator_token) == made.survey_id
    assert store.respondent(made.facilitator_token) is None
    assert store.respondent("not-a-token") is None and store.own_answers("x") == {}
    with pytest.raises(InputError, match="not valid"):
        store.save_answer("forged", "resources", "yes")


def test_an_answer_is_replaced_and_the_survey_reads_as_the_answers_files_do(
    open_store: Callable[[], SurveyStore],
) -> None:
    store = open_store()
    made = store.create({"company": "Acme"}, TEAM)
    (_, ana), (_, bo), _ = made.respondent_tokens
    store.save_answer(ana, "resources", "no")
    store.save_answer(ana, "resources", "partial", "some budget")
    store.save_answer(bo, "agreed-metrics", "unknown")
    answers = store.answers(made.survey_id)
    assert answers == [
        {
            "respondent": "Ana Ortiz",
            "role": "CEO",
            "answers": {"resources": "partial"},
            "notes": {"resources": "some budget"},
        },
        {"respondent": "Bo Chen", "role": "CFO", "answers": {"agreed-metrics": "unknown"}, "notes": {}},
    ]
    assert len(Survey.model_validate({"respondents": answers}).respondents) == 2
    assert [(p.name, p.answered) for p in store.respondents(made.survey_id)] == [
        ("Ana Ortiz", 1),
        ("Bo Chen", 1),
        ("Cy Park", 0),
    ]


@pytest.mark.parametrize(("answer", "note", "message"), [("maybe", None, "not one of"), ("yes", "x" * 2001, "at most")])
def test_a_bad_answer_is_one_clear_error(
    open_store: Callable[[], SurveyStore], answer: str, note: str | None, message: str
) -> None:
    store = open_store()
    token = store.create({}, TEAM).respondent_tokens[0][1]
    with pytest.raises(InputError, match=message):
        store.save_answer(token, "resources", answer, note)


def test_a_closed_survey_takes_no_more_answers(open_store: Callable[[], SurveyStore]) -> None:
    store = open_store()
    made = store.create({}, TEAM)
    store.save_answer(made.respondent_tokens[0][1], "resources", "no")
    store.close(made.survey_id)
    with pytest.raises(InputError, match="closed"):
        store.save_answer(made.respondent_tokens[0][1], "resources", "yes")
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    late = store.create({}, TEAM, closes_at=past)
    with pytest.raises(InputError, match="closed"):
        store.save_answer(late.respondent_tokens[0][1], "resources", "yes")


def test_a_revoked_link_stops_working_and_the_new_one_keeps_the_answers(open_store: Callable[[], SurveyStore]) -> None:
    store = open_store()
    made = store.create({}, TEAM)
    old = made.respondent_tokens[1][1]
    store.save_answer(old, "resources", "no")
    new = store.revoke(made.survey_id, 1)
    assert store.respondent(old) is None and store.own_answers(new) == {"resources": ("no", None)}
    with pytest.raises(InputError):
        store.revoke(made.survey_id, 7)


def test_deleting_a_survey_deletes_every_answer_and_note(open_store: Callable[[], SurveyStore]) -> None:
    store = open_store()
    made, kept = store.create({}, TEAM), store.create({}, TEAM[:1])
    store.save_answer(made.respondent_tokens[0][1], "resources", "no", "private")
    store.save_answer(kept.respondent_tokens[0][1], "resources", "yes")
    store.delete(made.survey_id)
    assert len(_rows(store, "surveys")) == 1 and len(_rows(store, "respondents")) == 1
    assert [row[2] for row in _rows(store, "answers")] == ["yes"]
    assert "private" not in repr(_rows(store, "answers"))


def test_reopening_migrates_nothing_and_loses_nothing(open_store: Callable[[], SurveyStore]) -> None:
    store = open_store()
    made = store.create({}, TEAM)
    store.save_answer(made.respondent_tokens[0][1], "resources", "no")
    store.close_connections()
    again = open_store()
    assert again.own_answers(made.respondent_tokens[0][1]) == {"resources": ("no", None)}
    assert _rows(again, "alembic_version") == [("0001",)]


def test_respondents_answering_at_once_lose_nothing(open_store: Callable[[], SurveyStore]) -> None:
    store = open_store()
    made = store.create({}, [(f"Exec {n}", None) for n in range(8)])
    statements = ["resources", "agreed-metrics", "role-clarity", "customer-roadmap"]
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def answer(token: str) -> None:
        try:
            barrier.wait()
            for statement in statements:
                store.save_answer(token, statement, "partial")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=answer, args=(token,)) for _, token in made.respondent_tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert [p.answered for p in store.respondents(made.survey_id)] == [4] * 8


SECOND_REVISION = '''
"""A later schema change of the kind a release makes: a wider name (SQLite rebuilds the table).

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("surveys") as batch:
        batch.add_column(sa.Column("note", sa.Text))
    with op.batch_alter_table("respondents") as batch:  # SQLite rebuilds it; PostgreSQL alters it
        batch.alter_column("name", type_=sa.String(300))
    FAIL
'''


def _with_revision(tmp_path: Path, fail: bool) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(Path(jdgen.store.__file__).parent / "migrations", folder)
    text = SECOND_REVISION.replace(
        "    FAIL\n", '    raise RuntimeError("this migration fails half way")\n' if fail else ""
    )
    (folder / "versions" / "0002_wider_names.py").write_text(text, encoding="utf-8")
    return folder


def test_a_migration_that_rebuilds_tables_keeps_every_answer(
    open_store: Callable[[], SurveyStore], tmp_path: Path
) -> None:
    store = open_store()
    made = store.create({"company": "Acme"}, TEAM)
    for _, token in made.respondent_tokens:
        store.save_answer(token, "resources", "no", "kept through the upgrade")
    migrate(store._engine, scripts=_with_revision(tmp_path, fail=False))
    assert _rows(store, "alembic_version") == [("0002",)]
    assert [person["notes"] for person in store.answers(made.survey_id)] == [
        {"resources": "kept through the upgrade"}
    ] * 3


def test_a_migration_that_fails_changes_nothing(open_store: Callable[[], SurveyStore], tmp_path: Path) -> None:
    store = open_store()
    made = store.create({"company": "Acme"}, TEAM)
    store.save_answer(made.respondent_tokens[0][1], "resources", "no")
    with pytest.raises(RuntimeError, match="half way"):
        migrate(store._engine, scripts=_with_revision(tmp_path, fail=True))
    assert _rows(store, "alembic_version") == [("0001",)]
    with store._engine.connect() as connection:
        columns = [c["name"] for c in inspect(connection).get_columns("surveys")]
    assert "note" not in columns  # the half-done change was rolled back with the rest
    assert store.own_answers(made.respondent_tokens[0][1]) == {"resources": ("no", None)}


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_a_deleted_note_is_gone_from_the_files_on_disk(open_store: Callable[[], SurveyStore], db: str) -> None:
    store = open_store()
    made = store.create({"company": "Acme"}, TEAM)
    secret = "the CFO blocks every budget, say nothing"
    for n in range(20):
        store.save_answer(made.respondent_tokens[0][1], "resources", "no", f"{secret} {n}")
    store.delete(made.survey_id)
    files = [Path(db), Path(f"{db}-wal")]
    assert not any(secret.encode() in f.read_bytes() for f in files if f.exists())
    assert Path(db).stat().st_mode & 0o077 == 0  # readable by its owner only
