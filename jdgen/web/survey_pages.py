"""The team survey's pages: a new survey, a respondent's answers, the facilitator's live report.

Each method takes what its route read from the request and gives the response; the store and
the library do the work (`SurveyStore`, `assess`, `readiness_report`, `compare`). The routes
are in `jdgen.web.surveys`. A link's secret is checked by the store on every request: a
respondent's reaches their own answers only, the facilitator's reaches the survey.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from fastapi.responses import HTMLResponse, JSONResponse, Response

from jdgen.common.errors import InputError
from jdgen.data.input_models import Profile
from jdgen.decide.assessment import assess
from jdgen.decide.compare import compare
from jdgen.decide.report import readiness_report
from jdgen.decide.results import Readiness
from jdgen.render.output import company_file
from jdgen.store.export import export_answers
from jdgen.store.surveys import MAX_NOTE_CHARS, LinkNotValidError, SurveyClosedError, SurveyInfo, SurveyStore, utc_stamp
from jdgen.web.api import Settings, document_response
from jdgen.web.forms import ANSWER_VALUES, TEAM_FIELD, FieldProblem, new_form
from jdgen.web.profile_form import CHECK_PREFIX, PROFILE_DEFAULTS
from jdgen.web.survey_forms import SURVEY_COMPANY_FIELDS, SurveyRequest, read_survey_form, wizard_state
from jdgen.web.wizard import page

#: What the facilitator can download, and its label.
SURVEY_DOWNLOADS: tuple[tuple[str, str], ...] = (
    ("readiness.docx", "Readiness report (.docx)"),
    ("readiness.pdf", "Readiness report (.pdf)"),
    ("board.docx", "Board comparison (.docx)"),
    ("board.pdf", "Board comparison (.pdf)"),
    ("answers.csv", "Answers (.csv)"),
    ("answers.yaml", "Answers (.yaml)"),
)
NOT_VALID = (
    "This survey link is not valid: it was replaced by a new one, or the survey was deleted. "
    "Ask the person who sent it for a new link."
)
#: Pages that show a link's secret must not be kept by a browser's or a proxy's cache.
NO_STORE = {"cache-control": "no-store"}


def _problems(exc: InputError) -> list[FieldProblem]:
    labels = {f.name: f.label for f in SURVEY_COMPANY_FIELDS} | {"respondents": "Respondents", "closes": "Closes on"}
    return [FieldProblem(p.field, labels.get(p.field or "", None), p.message) for p in exc.problems or ()] or [
        FieldProblem(None, None, str(exc))
    ]


def _status(problem: InputError) -> int:
    """404 for a link that opens nothing, 409 for an answer to a closed survey (it conflicts with its state), else 422."""
    if isinstance(problem, LinkNotValidError):
        return 404
    return 409 if isinstance(problem, SurveyClosedError) else 422


class SurveyPages:
    """The survey pages of one server, on one store."""

    def __init__(self, settings: Settings, store: SurveyStore, today: Callable[[], datetime.date]) -> None:
        self.settings = settings
        self.catalog = settings.catalog
        self.store = store
        self.today = today

    # --- a new survey -----------------------------------------------------------------

    def new_page(
        self, key: str, values: Mapping[str, str] | None = None, errors: list[FieldProblem] | None = None
    ) -> HTMLResponse:
        """The form for a new survey (with the problems of the one just posted)."""
        return page(
            "survey_new.html.j2",
            422 if errors else 200,
            fields=SURVEY_COMPANY_FIELDS,
            check_prefix=CHECK_PREFIX,
            values={"sector": PROFILE_DEFAULTS.get("sector", ""), **(values or {})},
            errors=errors or [],
            form_key=key,
            today=self.today().isoformat(),
        )

    def create(self, form: Mapping[str, Any], key: str, base_url: str) -> HTMLResponse:
        """Make the survey the form asks for, and show its links (once: the store keeps only their hashes)."""
        values = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            wanted: SurveyRequest = read_survey_form(form, datetime.datetime.now(datetime.UTC).date())
            made = self.store.create(wanted.company, wanted.respondents, wanted.closes_at)
        except InputError as exc:
            return self.new_page(key, values, _problems(exc))
        base = base_url.rstrip("/")
        response = page(
            "survey_created.html.j2",
            201,
            company=wanted.company.get("company", ""),
            facilitator_link=f"{base}/f/{made.facilitator_token}",
            links=[(name, role, f"{base}/s/{token}") for name, role, token in made.links],
            closes=utc_stamp(wanted.closes_at),
        )
        response.headers.update(NO_STORE)
        return response

    # --- a respondent -----------------------------------------------------------------

    def answer_page(
        self,
        token: str,
        saved: int | None = None,
        code: int = 200,
        error: str = "",
        typed: Mapping[str, tuple[str, str | None]] | None = None,
    ) -> HTMLResponse:
        """A respondent's page: the statements, their answers so far, whether they can still change them."""
        person = self.store.respondent(token)
        info = self.store.survey(person.survey_id) if person else None
        if person is None or info is None:
            return page("error.html.j2", 404, status=404, lines=[NOT_VALID])
        response = page(
            "survey_answer.html.j2",
            code,
            info=info,
            person=person,
            statements=list(self.catalog.statements),
            own={**self.store.own_answers(token), **(typed or {})},
            choices=ANSWER_VALUES,
            closes=utc_stamp(info.closes_at),
            max_note=MAX_NOTE_CHARS,
            saved=saved,
            error=error,
            token=token,
        )
        response.headers.update(NO_STORE)
        return response

    def _save(self, token: str, statement: object, answer: object, note: object) -> InputError | None:
        """Save one answer; None, or what is wrong with it (a `SurveyClosedError` once the survey is closed)."""
        sid = self.catalog.statements.canonical(statement) if isinstance(statement, str) else None
        if sid is None:
            if self.store.respondent(token) is None:
                return LinkNotValidError("the link is not valid")
            return InputError("unknown statement; reload the page")
        given = answer if isinstance(answer, str) and answer else "unknown"  # a note before any answer
        text = note if isinstance(note, str) else None
        try:
            self.store.save_answer(token, sid, given, text)
        except InputError as exc:
            return exc
        return None

    def save_one(self, token: str, form: Mapping[str, Any]) -> JSONResponse:
        """The page's script saving one statement as it changes: ``{"saved": …}`` or ``{"error": …}``."""
        problem = self._save(token, form.get("statement"), form.get("answer"), form.get("note"))
        if problem is not None:
            message = NOT_VALID if isinstance(problem, LinkNotValidError) else str(problem)
            return JSONResponse({"error": message}, status_code=_status(problem))
        person = self.store.respondent(token)
        if person is None:  # deleted since the answer was saved
            return JSONResponse({"error": NOT_VALID}, status_code=404)
        return JSONResponse({"saved": utc_stamp(datetime.datetime.now(datetime.UTC)), "answered": person.answered})

    def save_all(self, token: str, form: Mapping[str, Any]) -> HTMLResponse:
        """The whole page posted (no script): every statement given an answer or a note is saved."""
        if self.store.respondent(token) is None:
            return self.answer_page(token)
        count = 0
        problems: dict[str, InputError] = {}
        typed: dict[str, tuple[str, str | None]] = {}
        titles = {s.id: s.title for s in self.catalog.statements}
        for sid in self.catalog.statements.ids():
            answer, note = form.get(f"answer.{sid}"), form.get(f"note.{sid}")
            if not answer and not (isinstance(note, str) and note.strip()):
                continue
            problem = self._save(token, sid, answer, note)
            if problem is None:
                count += 1
                continue
            problems[sid] = problem
            typed[sid] = (str(answer or ""), note if isinstance(note, str) else None)  # shown again, not lost
        if not problems:
            return self.answer_page(token, count)
        lines = " ".join(f"“{titles[sid]}”: {problem}" for sid, problem in problems.items())
        return self.answer_page(token, count, max(_status(p) for p in problems.values()), lines, typed)

    # --- the facilitator --------------------------------------------------------------

    def _survey(self, token: str) -> SurveyInfo | None:
        survey_id = self.store.survey_of_facilitator(token)
        return self.store.survey(survey_id) if survey_id else None

    def _report_context(self, info: SurveyInfo) -> dict[str, Any]:
        team = self.store.answers(info.id)
        readiness: Readiness | None = assess(self.catalog, team) if team else None
        return {
            "team": team,
            "info": info,
            "people": self.store.respondents(info.id),
            "readiness": readiness,
            "statement_count": len(self.catalog.statements),
            "closes": utc_stamp(info.closes_at),
        }

    def team_page(self, token: str, new_link: tuple[str, str] | None = None) -> HTMLResponse:
        """The facilitator's page: who has answered, the live report, close, downloads, on to the wizard."""
        info = self._survey(token)
        if info is None:
            return page("error.html.j2", 404, status=404, lines=[NOT_VALID])
        context = self._report_context(info)
        continue_fields = [*wizard_state(info.company).items()]
        continue_fields += [*new_form(self.today()).items()]
        continue_fields.append((TEAM_FIELD, token))  # the wizard reads the team's answers from the store
        response = page(
            "survey_team.html.j2",
            **context,
            token=token,
            downloads=[(f, label) for f, label in SURVEY_DOWNLOADS if self.settings.pdf or not f.endswith("pdf")],
            continue_fields=continue_fields,
            new_link=new_link,
        )
        response.headers.update(NO_STORE)
        return response

    def report_fragment(self, token: str) -> HTMLResponse:
        """The live part of the facilitator's page alone (the page's script asks for it every few seconds)."""
        info = self._survey(token)
        if info is None:
            return page("error.html.j2", 404, status=404, lines=[NOT_VALID])
        response = page("_team_report.html.j2", **self._report_context(info))
        response.headers.update(NO_STORE)
        return response

    def close(self, token: str) -> bool:
        """Close the survey (False: the link opens no survey)."""
        info = self._survey(token)
        if info is not None:
            self.store.close(info.id)
        return info is not None

    def revoke(self, token: str, position: object, base_url: str) -> HTMLResponse:
        """Replace a respondent's link with a new one (their answers stay) and show it, once."""
        info = self._survey(token)
        if info is None:
            return page("error.html.j2", 404, status=404, lines=[NOT_VALID])
        people = {str(p.position): p for p in self.store.respondents(info.id)}
        person = people.get(position) if isinstance(position, str) else None
        if person is None:
            raise InputError("choose a respondent of this survey")
        new_token = self.store.revoke(info.id, person.position)
        return self.team_page(token, (person.name, f"{base_url.rstrip('/')}/s/{new_token}"))

    def new_own_link(self, token: str, base_url: str) -> HTMLResponse:
        """Replace the facilitator's own link (a leaked one stops working) and show the new page once."""
        info = self._survey(token)
        if info is None:
            return page("error.html.j2", 404, status=404, lines=[NOT_VALID])
        new_token = self.store.new_facilitator_link(info.id)
        link = f"{base_url.rstrip('/')}/f/{new_token}"
        return self.team_page(new_token, ("your survey page", link))

    def delete(self, token: str, confirmed: bool) -> HTMLResponse:
        """Delete the survey, every answer and note with it, once the facilitator has confirmed."""
        info = self._survey(token)
        if info is None:
            return page("error.html.j2", 404, status=404, lines=[NOT_VALID])
        if not confirmed:
            raise InputError("tick “Delete every answer and note” to delete the survey")
        self.store.delete(info.id)
        return page("survey_deleted.html.j2", company=info.company_name)

    def download(self, token: str, what: str) -> Response:
        """The team's readiness report or board comparison (Word, PDF), or their answers (CSV, YAML)."""
        info = self._survey(token)
        if info is None:
            return page("error.html.j2", 404, status=404, lines=[NOT_VALID])
        if what not in dict(SURVEY_DOWNLOADS):
            return page("error.html.j2", 404, status=404, lines=[f"no download {what!r} here"])
        team = self.store.answers(info.id)
        if not team:
            return page(
                "error.html.j2", 409, status=409, lines=["No one has answered yet: there is nothing to download."]
            )
        kind, fmt = what.split(".")
        profile = Profile.model_validate(info.company)
        if kind == "answers":
            text = export_answers(
                team, fmt, f"Survey of {info.company_name}, saved {utc_stamp(datetime.datetime.now(datetime.UTC))}"
            )
            name = company_file("cco-readiness-answers", profile.company, fmt)
            media = "text/csv; charset=utf-8" if fmt == "csv" else "application/yaml; charset=utf-8"
            disposition = {"content-disposition": f'attachment; filename="{name}"', **NO_STORE}
            return Response(text, media_type=media, headers=disposition)
        self.settings.check_format(fmt)
        board = kind == "board"
        document = compare(self.catalog, team, profile) if board else readiness_report(self.catalog, team, profile)
        name = company_file("cco-board-comparison" if board else "cco-readiness-report", profile.company, fmt)
        response = document_response(self.settings.branding.render(document, fmt), fmt, name, attachment=True)
        response.headers.update(NO_STORE)
        return response
