"""The team surveys: create one with a private link per respondent, save answers as they come, read them back.

Links carry tokens (`jdgen.store.tokens`); the store keeps only their digests. A respondent's
token reaches that respondent's answers and nothing else; the facilitator's token reaches the
survey. Every answer is saved in its own transaction, so a crash loses at most the one in flight.
"""

from __future__ import annotations

import datetime
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from jdgen.common.errors import InputError
from jdgen.data.fields import XML_ILLEGAL, AnswerValue
from jdgen.store import schema, tokens
from jdgen.store.database import open_engine, shown

ANSWER_VALUES: tuple[str, ...] = get_args(AnswerValue)
#: The most respondents a survey takes (an executive team, not a staff survey).
MAX_RESPONDENTS = 50
MAX_NOTE_CHARS = 2000
MAX_NAME_CHARS = 200


class SurveyClosedError(InputError):
    """An answer came for a survey that is closed: answers can no longer change."""


class LinkNotValidError(InputError):
    """A link that opens nothing: replaced by a new one, or its survey deleted."""


@dataclass(frozen=True)
class NewSurvey:
    """A survey just created: its id and the links' tokens, which are shown now and never again."""

    survey_id: str
    facilitator_token: str
    links: tuple[tuple[str, str | None, str], ...]  # (name, role, token) of each respondent, as kept, in order

    @property
    def respondent_tokens(self) -> tuple[tuple[str, str], ...]:
        """(name, token) of each respondent, in order."""
        return tuple((name, token) for name, _, token in self.links)


@dataclass(frozen=True)
class Respondent:
    """One respondent of a survey, as the store keeps them."""

    id: int
    survey_id: str
    position: int
    name: str
    role: str | None
    answered: int  # how many statements they have answered


@dataclass(frozen=True)
class SurveyInfo:
    """A survey as its facilitator sees it: what it is about, when it closes, how far it has got."""

    id: str
    company: dict[str, Any]  # the profile's fields the survey was made with
    created_at: datetime.datetime
    closes_at: datetime.datetime | None
    closed: bool  # closed by the facilitator, or past its closing time
    respondents: int
    answered: int  # respondents who have answered at least one statement

    @property
    def company_name(self) -> str:
        """The company's name, or a stand-in when the survey was made without one."""
        return str(self.company.get("company") or "(no company name)")


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    """A time from the database with its zone (SQLite gives times back without it; they are UTC)."""
    return moment.replace(tzinfo=datetime.UTC) if moment is not None and moment.tzinfo is None else moment


def clean_text(text: str | None) -> str:
    """Text as the store keeps it: no control characters (nor NUL, which PostgreSQL refuses), Windows line breaks as one."""
    return XML_ILLEGAL.sub("", (text or "").replace("\r\n", "\n")).strip()


def _clean_company(company: Mapping[str, Any]) -> dict[str, Any]:
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in company.items()}


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def utc_stamp(moment: datetime.datetime | None) -> str:
    """A time as surveys show it, ``2026-12-04 09:30 UTC`` ("" for no time)."""
    return "" if moment is None else moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


class SurveyStore:
    """The surveys in one database (`db`: a file path, a ``postgresql://`` URL, or None for the default file)."""

    def __init__(self, db: str | Path | None = None) -> None:
        self._engine = open_engine(db)

    @property
    def where(self) -> str:
        """Where the surveys are kept, as it may be shown (a file's path, or the URL without its password)."""
        return shown(str(self._engine.url.render_as_string(hide_password=False)))

    def close_connections(self) -> None:
        """Release the database connections (the store can be opened again)."""
        self._engine.dispose()

    # --- facilitator ------------------------------------------------------------------

    def create(
        self,
        company: Mapping[str, Any],
        respondents: Sequence[tuple[str, str | None]],
        closes_at: datetime.datetime | None = None,
    ) -> NewSurvey:
        """A new survey of `respondents` ((name, role) each) about `company` (a profile's fields)."""
        if not respondents:
            raise InputError("a survey needs at least one respondent")
        if len(respondents) > MAX_RESPONDENTS:
            raise InputError(f"a survey takes at most {MAX_RESPONDENTS} respondents")
        respondents = [(clean_text(name), clean_text(role) or None) for name, role in respondents]
        names = [name for name, _ in respondents]
        if any(not name for name in names):
            raise InputError("every respondent needs a name")
        seen: set[str] = set()
        for name in names:
            key = " ".join(name.casefold().split())
            if key in seen:
                raise InputError(f"{name!r} is given twice; each respondent answers once, under one name")
            seen.add(key)
        if any(len(name) > MAX_NAME_CHARS or len(role or "") > MAX_NAME_CHARS for name, role in respondents):
            raise InputError(f"a respondent's name or role holds at most {MAX_NAME_CHARS} characters")
        survey_id = secrets.token_hex(8)
        facilitator = tokens.new_token()
        links = tuple((name, role, tokens.new_token()) for name, role in respondents)
        with self._engine.begin() as connection:
            connection.execute(
                schema.surveys.insert().values(
                    id=survey_id,
                    company=json.dumps(_clean_company(company), ensure_ascii=False, default=str),
                    facilitator_digest=tokens.digest(facilitator),
                    created_at=_now(),
                    closes_at=closes_at,
                )
            )
            for position, (name, role, token) in enumerate(links):
                connection.execute(
                    schema.respondents.insert().values(
                        survey_id=survey_id,
                        position=position,
                        name=name,
                        role=role,
                        token_digest=tokens.digest(token),
                    )
                )
        return NewSurvey(survey_id, facilitator, links)

    def survey_of_facilitator(self, token: str) -> str | None:
        """The id of the survey this facilitator token opens (None: no such survey)."""
        row = self._one(schema.surveys, schema.surveys.c.facilitator_digest, token)
        return None if row is None else str(row.id)

    def surveys(self) -> list[SurveyInfo]:
        """Every survey in the store, newest first."""
        return self._infos(None)

    def survey(self, survey_id: str) -> SurveyInfo | None:
        """One survey (None: no survey has this id)."""
        found = self._infos(survey_id)
        return found[0] if found else None

    def _infos(self, survey_id: str | None) -> list[SurveyInfo]:
        from sqlalchemy import distinct, func, select

        s, r, a = schema.surveys, schema.respondents, schema.answers
        query = (
            select(
                s.c.id,
                s.c.company,
                s.c.created_at,
                s.c.closes_at,
                s.c.closed_at,
                func.count(distinct(r.c.id)),
                func.count(distinct(a.c.respondent_id)),
            )
            .select_from(s.outerjoin(r, (r.c.survey_id == s.c.id) & r.c.revoked_at.is_(None)))
            .outerjoin(a, a.c.respondent_id == r.c.id)
            .group_by(s.c.id, s.c.company, s.c.created_at, s.c.closes_at, s.c.closed_at)
            .order_by(s.c.created_at.desc(), s.c.id)
        )
        if survey_id is not None:
            query = query.where(s.c.id == survey_id)
        now = _now()
        with self._engine.connect() as connection:
            rows = list(connection.execute(query))
        infos = []
        for id_, company, created, closes, closed_at, count, answered in rows:
            closes = _aware(closes)
            infos.append(
                SurveyInfo(
                    id=id_,
                    company=json.loads(company),
                    created_at=_aware(created) or now,
                    closes_at=closes,
                    closed=closed_at is not None or (closes is not None and closes <= now),
                    respondents=count,
                    answered=answered,
                )
            )
        return infos

    def respondents(self, survey_id: str) -> list[Respondent]:
        """The survey's respondents, in order, with how many statements each has answered."""
        from sqlalchemy import func, select

        r, a = schema.respondents, schema.answers
        query = (
            select(r.c.id, r.c.survey_id, r.c.position, r.c.name, r.c.role, func.count(a.c.statement))
            .select_from(r.outerjoin(a, a.c.respondent_id == r.c.id))
            .where(r.c.survey_id == survey_id, r.c.revoked_at.is_(None))
            .group_by(r.c.id, r.c.survey_id, r.c.position, r.c.name, r.c.role)
            .order_by(r.c.position)
        )
        with self._engine.connect() as connection:
            return [Respondent(*row) for row in connection.execute(query)]

    def answers(self, survey_id: str) -> list[dict[str, Any]]:
        """Each respondent who has answered, as the answers files hold them: respondent, role, answers, notes."""
        from sqlalchemy import select

        r, a = schema.respondents, schema.answers
        query = (
            select(r.c.position, r.c.name, r.c.role, a.c.statement, a.c.answer, a.c.note)
            .select_from(r.join(a, a.c.respondent_id == r.c.id))
            .where(r.c.survey_id == survey_id, r.c.revoked_at.is_(None))
            .order_by(r.c.position, a.c.statement)
        )
        people: dict[int, dict[str, Any]] = {}
        with self._engine.connect() as connection:
            for position, name, role, statement, answer, note in connection.execute(query):
                person = people.setdefault(
                    position, {"respondent": name, **({"role": role} if role else {}), "answers": {}, "notes": {}}
                )
                person["answers"][statement] = answer
                if note:
                    person["notes"][statement] = note
        return list(people.values())

    def answers_of_facilitator(self, token: str) -> list[dict[str, Any]] | None:
        """The answers of the survey this facilitator token opens (None: no such survey)."""
        survey_id = self.survey_of_facilitator(token)
        return None if survey_id is None else self.answers(survey_id)

    def close(self, survey_id: str) -> None:
        """Close the survey: answers can no longer change."""
        self._update(schema.surveys, schema.surveys.c.id == survey_id, closed_at=_now())

    def delete(self, survey_id: str) -> None:
        """Delete the survey with every respondent, answer and note (on SQLite, its write-ahead log emptied too)."""
        from sqlalchemy import select

        r, a = schema.respondents, schema.answers
        theirs = select(r.c.id).where(r.c.survey_id == survey_id).scalar_subquery()
        with self._engine.begin() as connection:
            connection.execute(a.delete().where(a.c.respondent_id.in_(theirs)))
            connection.execute(r.delete().where(r.c.survey_id == survey_id))
            connection.execute(schema.surveys.delete().where(schema.surveys.c.id == survey_id))
        if self._engine.dialect.name == "sqlite":  # the log still holds the old pages until it is checkpointed
            with self._engine.connect() as connection:
                connection.connection.dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def revoke(self, survey_id: str, position: int) -> str:
        """Revoke a respondent's link and issue a new one (their answers stay); returns the new token."""
        token = tokens.new_token()
        r = schema.respondents
        changed = self._update(
            r, (r.c.survey_id == survey_id) & (r.c.position == position), token_digest=tokens.digest(token)
        )
        if not changed:
            raise InputError(f"survey {survey_id} has no respondent {position + 1}")
        return token

    def new_facilitator_link(self, survey_id: str) -> str:
        """Replace the facilitator's link (the old one stops working); returns the new token."""
        token = tokens.new_token()
        s = schema.surveys
        if not self._update(s, s.c.id == survey_id, facilitator_digest=tokens.digest(token)):
            raise InputError(f"no survey {survey_id}")
        return token

    # --- respondent -------------------------------------------------------------------

    def respondent(self, token: str) -> Respondent | None:
        """The respondent this token belongs to, if the link is valid (None otherwise)."""
        row = self._one(schema.respondents, schema.respondents.c.token_digest, token)
        if row is None or row.revoked_at is not None:
            return None
        return next((p for p in self.respondents(row.survey_id) if p.id == row.id), None)

    def own_answers(self, token: str) -> dict[str, tuple[str, str | None]]:
        """The answers saved under this respondent's link: statement → (answer, note)."""
        person = self.respondent(token)
        if person is None:
            return {}
        a = schema.answers
        with self._engine.connect() as connection:
            rows = connection.execute(a.select().where(a.c.respondent_id == person.id))
            return {row.statement: (row.answer, row.note) for row in rows}

    def save_answer(self, token: str, statement: str, answer: str, note: str | None = None) -> None:
        """Save one answer (and note) of the respondent whose link this is, replacing the one before.

        The link's validity, the survey being open and the write are one statement: an answer
        cannot slip in after the survey is closed, the link replaced or the survey deleted.
        """
        from sqlalchemy import literal, or_, select
        from sqlalchemy.exc import IntegrityError

        if answer not in ANSWER_VALUES:
            raise InputError(f"answer {answer!r} is not one of {', '.join(ANSWER_VALUES)}")
        text = clean_text(note)
        if len(text) > MAX_NOTE_CHARS:
            raise InputError(f"a note holds at most {MAX_NOTE_CHARS} characters (this one has {len(text):,})")
        now = _now()
        r, s, a = schema.respondents, schema.surveys, schema.answers
        open_link = (
            select(
                r.c.id,
                literal(statement),
                literal(answer),
                literal(text or None, schema.answers.c.note.type),
                literal(now, a.c.updated_at.type),
            )
            .select_from(r.join(s, s.c.id == r.c.survey_id))
            .where(
                r.c.token_digest == tokens.digest(token),
                r.c.revoked_at.is_(None),
                s.c.closed_at.is_(None),
                or_(s.c.closes_at.is_(None), s.c.closes_at > now),
            )
        )
        try:
            with self._engine.begin() as connection:
                insert = _upsert(connection.dialect.name, a)
                written = (
                    connection.execute(
                        insert.from_select(["respondent_id", "statement", "answer", "note", "updated_at"], open_link)
                        .on_conflict_do_update(
                            index_elements=["respondent_id", "statement"],
                            set_={"answer": answer, "note": text or None, "updated_at": now},
                        )
                        .returning(a.c.respondent_id)
                    ).first()
                    is not None
                )
        except IntegrityError:  # the survey was deleted while the answer was on its way
            written = False
        if written:
            return
        if self.respondent(token) is None:
            raise LinkNotValidError("this survey link is not valid (replaced by a new one, or the survey was deleted)")
        raise SurveyClosedError("this survey is closed; answers can no longer change")

    # --- helpers ----------------------------------------------------------------------

    def _one(self, table: Any, column: Any, token: str) -> Any:
        digest = tokens.digest(token)
        with self._engine.connect() as connection:
            row = connection.execute(table.select().where(column == digest)).first()
        # The lookup is by digest; comparing again in constant time keeps timing from telling anything.
        return row if row is not None and tokens.matches(token, getattr(row, column.name)) else None

    def _update(self, table: Any, where: Any, **values: Any) -> int:
        with self._engine.begin() as connection:
            return int(connection.execute(table.update().where(where).values(**values)).rowcount)


def _upsert(dialect: str, table: Any) -> Any:
    """An INSERT that can say ON CONFLICT DO UPDATE, in the database's own dialect."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
