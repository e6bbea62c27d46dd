"""The recruiters' wizard: four server-rendered steps, from the company to a Word JD.

1. the company profile, with the pay-transparency laws that apply to it;
2. the 11 readiness statements, with the verdict;
3. the archetype, beside the board comparison;
4. the JD's preview with the advisory and the posting's lint findings, and the downloads.

The pages are rendered in worker threads (the library is thread-safe), so a slow render does not
hold up other requests. Each step posts the whole form to the next (see `jdgen.web.forms`); a page that finds problems
in its own fields shows them all there at once, with status 422. Two small fragments (the pay hints and the
verdict) let the page's script refresh them as the user types; without the script, the
"Check" buttons do the same with a full page.
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.concurrency import run_in_threadpool

from jdgen import __version__
from jdgen.common import resources
from jdgen.common.errors import InputError
from jdgen.data.input_models import Profile
from jdgen.data.inputs import as_survey
from jdgen.decide.assessment import assess
from jdgen.decide.compare import compare
from jdgen.decide.compose import compose
from jdgen.decide.report import readiness_report
from jdgen.decide.results import JobDescription, Readiness
from jdgen.postings.lint import lint_posting
from jdgen.postings.pay_places import applicable_rules
from jdgen.postings.pay_transparency import pay_findings, posting_day
from jdgen.render.documents import layout
from jdgen.render.output import company_file, default_name
from jdgen.web.api import MEDIA_TYPES, Settings, document_response
from jdgen.web.downloads import DOWNLOADS, EXTRA_DOWNLOADS, PACK_DOWNLOADS, offered, pack_download
from jdgen.web.forms import (
    ANSWER_VALUES,
    EDITIONS,
    MAX_FIELD,
    PROFILE_NAMES,
    TEAM_FIELD,
    FieldProblem,
    answers_data,
    form_problems,
    in_form_words,
    new_form,
    read_profile,
    read_state,
)
from jdgen.web.frames import framed
from jdgen.web.marks import Place, mark_findings, shown_findings
from jdgen.web.profile_form import CHECK_PREFIX, PROFILE_DEFAULTS, PROFILE_SECTIONS

#: Reads a team survey's answers by its facilitator's link secret (None: no such survey).
TeamAnswers = Callable[[str], list[dict[str, Any]] | None]

STEPS: tuple[tuple[str, str], ...] = (
    ("profile", "Company"),
    ("readiness", "Readiness"),
    ("archetype", "Archetype"),
    ("preview", "Job description"),
)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(resources.templates_dir() / "web"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["in_form_words"] = in_form_words
    return env


def page(name: str, code: int = 200, **context: Any) -> HTMLResponse:
    """A wizard template rendered to a response (every value autoescaped)."""
    html = _environment().get_template(name).render(version=__version__, steps=STEPS, max_field=MAX_FIELD, **context)
    return HTMLResponse(html, status_code=code)


def error_page(request: Request, status: int, lines: Sequence[str]) -> HTMLResponse:
    """An HTML page for an error outside the wizard's forms (a 404, a bad request)."""
    return page("error.html.j2", status, status=status, lines=list(lines))


def _hidden(state: Mapping[str, str], shown: set[str]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in sorted(state.items()) if k not in shown]


def _pay_hints(profile: Profile) -> dict[str, Any]:
    day = posting_day(profile)
    return {
        "rules": [app.rule.label() for app in applicable_rules(profile, day)],
        "findings": list(pay_findings(profile, on=day)),
    }


def _hints_context(state: Mapping[str, str]) -> dict[str, Any]:
    try:
        return {"hints": _pay_hints(read_profile(state)), "errors": []}
    except InputError as exc:
        return {"hints": None, "errors": form_problems(exc)}


def _answer_problems(problem: InputError | None, titles: Mapping[str, str]) -> tuple[list[str], dict[str, list[str]]]:
    """The problems of step 2 as lines for the summary, and by statement id for beside each statement."""
    lines: list[str] = []
    beside: dict[str, list[str]] = {}
    for item in problem.problems if problem else ():
        kind, _, statement = (item.field or "").partition(".")  # answers.ID or note.ID
        if statement in titles:
            beside.setdefault(statement, []).append(item.message)
        named = kind == "answers" and statement in titles  # a note's message names its statement already
        lines.append(f"“{titles[statement]}”: {item.message}" if named else item.message)
    if problem and not lines:
        lines = [str(problem)]
    return lines, beside


class Wizard:
    """The wizard's pages for one server: each takes the form's fields and answers a page."""

    def __init__(
        self,
        settings: Settings,
        today: Callable[[], datetime.date] = datetime.date.today,
        team_answers: TeamAnswers | None = None,
    ) -> None:
        self.settings = settings
        self.catalog = settings.catalog
        self.today = today
        self.team_answers = team_answers
        self.surveys = team_answers is not None  # the server keeps team surveys: step 2 offers one

    def answers(self, state: Mapping[str, str]) -> dict[str, Any]:
        """The answers of the form's step 2, or of the team survey the wizard was opened from."""
        link = state.get(TEAM_FIELD, "").strip()
        if not link or self.team_answers is None:
            return answers_data(state, self.catalog)
        team = self.team_answers(link)
        if team is None:
            raise InputError(
                "the survey these answers came from was deleted, or its page's link replaced; "
                "open the wizard again from your survey page"
            )
        if not team:
            raise InputError("no one has answered the survey yet; come back when someone has")
        return {"respondents": team}

    async def state_of(self, request: Request) -> dict[str, str]:
        """The wizard's fields from the posted form."""
        form = await request.form(max_files=0, max_fields=500)
        return read_state(form, self.catalog)

    def profile_page(self, state: Mapping[str, str], errors: list[FieldProblem] | None = None) -> HTMLResponse:
        """Step 1, with the pay hints, or with the problems found in its fields."""
        context = _hints_context(state) if errors is None else {"hints": None, "errors": errors}
        return page(
            "profile.html.j2",
            422 if errors else 200,
            step="profile",
            sections=PROFILE_SECTIONS,
            check_prefix=CHECK_PREFIX,
            values={**PROFILE_DEFAULTS, **state},
            hidden=_hidden(state, set(PROFILE_NAMES)),
            **context,
        )

    def verdict(self, state: Mapping[str, str]) -> Readiness:
        """The readiness verdict of the answers given so far."""
        return assess(self.catalog, self.answers(state))

    def readiness_page(self, state: Mapping[str, str], problem: InputError | None = None) -> HTMLResponse:
        """Step 2, with the verdict, or with every problem of its answers and notes."""
        shown = {f"{p}.{s}" for s in self.catalog.statements.ids() for p in ("answer", "note")}
        try:
            readiness: Readiness | None = self.verdict(state)
        except InputError as exc:
            readiness, problem = None, problem or exc
        lines, beside = _answer_problems(problem, {s.id: s.title for s in self.catalog.statements})
        return page(
            "readiness.html.j2",
            422 if problem else 200,
            step="readiness",
            statements=list(self.catalog.statements),
            statements_by_id={s.id: s for s in self.catalog.statements},
            values=state,
            choices=ANSWER_VALUES,
            readiness=readiness,
            errors=lines,
            beside=beside,
            error="Fix the problems marked in the form to see the verdict." if readiness is None else None,
            hidden=_hidden(state, shown),
            team=bool(state.get(TEAM_FIELD, "").strip()),
            surveys=self.surveys,
        )

    def checked(self, state: Mapping[str, str]) -> tuple[Profile, dict[str, Any]] | HTMLResponse:
        """The profile and answers, or the page of the first step that has a problem."""
        try:
            profile = read_profile(state)
        except InputError as exc:
            return self.profile_page(state, form_problems(exc))
        try:
            answers = self.answers(state)
            as_survey(self.catalog, answers)  # checks them; compose and compare assess them
        except InputError as exc:
            return self.readiness_page(state, exc)
        return profile, answers

    def archetype_page(self, state: Mapping[str, str], error: str | None = None) -> HTMLResponse:
        """Step 3: the ranking to choose from, beside the board comparison."""
        inputs = self.checked(state)
        if isinstance(inputs, HTMLResponse):
            return inputs
        profile, answers = inputs
        comparison = compare(self.catalog, answers, profile)
        chosen = state.get("archetype")
        if chosen not in self.catalog.archetypes:
            chosen = comparison.ranking[0].archetype
        return page(
            "archetype.html.j2",
            422 if error else 200,
            step="archetype",
            ranking=comparison.ranking,
            archetypes={a.id: a for a in self.catalog.archetypes},
            chosen=chosen,
            readiness=comparison.readiness,
            recommendation=comparison.recommendation,
            comparison_html=framed(str(self.settings.branding.render(comparison, "html"))),
            error=error,
            hidden=_hidden(state, {"archetype"}),
        )

    def composed(self, state: Mapping[str, str]) -> tuple[JobDescription, Profile, str] | HTMLResponse:
        """The JD, its profile and the edition asked for, or the page of the step with a problem."""
        inputs = self.checked(state)
        if isinstance(inputs, HTMLResponse):
            return inputs
        profile, answers = inputs
        archetype = state.get("archetype", "")
        if archetype not in self.catalog.archetypes:
            return self.archetype_page(state, "choose one of the archetypes")
        edition = state.get("edition", "")
        return (
            compose(self.catalog, archetype, answers, profile),
            profile,
            edition if edition in dict(EDITIONS) else "posting",
        )

    def preview_page(self, state: Mapping[str, str]) -> HTMLResponse:
        """Step 4: the preview, the advisory, the posting's findings and the downloads."""
        result = self.composed(state)
        if isinstance(result, HTMLResponse):
            return result
        jd, profile, edition = result
        markdown, lint = lint_posting(jd, profile, template_dirs=self.settings.branding.template_dirs, jsonld=True)
        preview = str(self.settings.branding.render(jd, "html", posting=edition == "posting"))
        places: Mapping[int, tuple[Place, ...]] = {}
        if edition == "posting":  # the findings are of the posting's text: the internal edition has other lines
            marked = mark_findings(preview, markdown, lint.findings, layout(jd.posting_edition()).shading)
            preview, places = marked.page, marked.places
        return page(
            "preview.html.j2",
            step="preview",
            jd=jd,
            edition=edition,
            editions=EDITIONS,
            preview_html=framed(preview),
            lint=lint,
            findings=shown_findings(lint.findings, places),
            downloads=offered(DOWNLOADS, self.settings.pdf),
            extra_downloads=offered(EXTRA_DOWNLOADS, self.settings.pdf),
            pack_downloads=PACK_DOWNLOADS,
            hidden=_hidden(state, {"edition"}),
        )

    def download(self, state: Mapping[str, str], fmt: object) -> Response:
        """The JD as a file to save, in the edition chosen on the preview; or the board's or team's document."""
        known = [*MEDIA_TYPES, *dict(EXTRA_DOWNLOADS), *dict(PACK_DOWNLOADS)]
        if not isinstance(fmt, str) or fmt not in known:
            choices = ", ".join(known)
            given = f"unknown format {fmt!r}" if isinstance(fmt, str) else "no format given"
            raise InputError(f"{given}; choose one of: {choices}")
        if fmt in dict(PACK_DOWNLOADS):  # the hiring team's: from the internal edition, whatever the preview
            made = self.composed(state)
            if isinstance(made, HTMLResponse):
                return made
            return pack_download(self.settings, self.catalog, made[0], made[1], fmt.split(".")[0])
        self.settings.check_format(fmt.rsplit(".", 1)[-1])
        if fmt in MEDIA_TYPES:
            result = self.composed(state)
            if isinstance(result, HTMLResponse):
                return result
            jd, _, edition = result
            posting = edition == "posting"
            name = default_name(jd.archetype.id, jd.company, fmt, posting)
            data = self.settings.branding.render(jd, fmt, posting=posting)
        else:  # the board's or the team's document: no JD is composed for it
            inputs = self.checked(state)
            if isinstance(inputs, HTMLResponse):
                return inputs
            profile, answers = inputs
            kind, fmt = fmt.split(".")
            board = kind == "board"
            document = (
                compare(self.catalog, answers, profile) if board else readiness_report(self.catalog, answers, profile)
            )
            name = company_file("cco-board-comparison" if board else "cco-readiness-report", profile.company, fmt)
            data = self.settings.branding.render(document, fmt)
        return document_response(data, fmt, name, attachment=True)

    def profile_step(self, state: Mapping[str, str]) -> HTMLResponse:
        """Step 1 again (back, or "Check pay rules"), with the problems of its fields marked."""
        return self._once_profile_valid(state, self.profile_page)

    def readiness_step(self, state: Mapping[str, str]) -> HTMLResponse:
        """Step 2 once the profile is valid; step 1 with its problems otherwise."""
        return self._once_profile_valid(state, self.readiness_page)

    def _once_profile_valid(
        self, state: Mapping[str, str], then: Callable[[Mapping[str, str]], HTMLResponse]
    ) -> HTMLResponse:
        try:
            read_profile(state)
        except InputError as exc:
            return self.profile_page(state, form_problems(exc))
        return then(state)

    def hints_fragment(self, state: Mapping[str, str]) -> HTMLResponse:
        """The pay-transparency panel alone (for the page's script)."""
        return page("_hints.html.j2", **_hints_context(state))

    def verdict_fragment(self, state: Mapping[str, str]) -> HTMLResponse:
        """The verdict panel alone (for the page's script)."""
        try:
            return page("_verdict.html.j2", readiness=self.verdict(state), error=None)
        except InputError as exc:
            return page(
                "_verdict.html.j2", 422, readiness=None, error=" ".join(p.message for p in exc.problems) or str(exc)
            )


def wizard_router(
    settings: Settings,
    today: Callable[[], datetime.date] = datetime.date.today,
    team_answers: TeamAnswers | None = None,
) -> APIRouter:
    """The wizard's routes, bound to the server's catalog and branding; `today` dates a new posting; `team_answers` reads surveys."""
    router = APIRouter(include_in_schema=False)
    wizard = Wizard(settings, today, team_answers)

    @router.get("/")
    def start() -> HTMLResponse:
        return wizard.profile_page(new_form(wizard.today()))

    @router.get("/wizard/{step}")
    def restart(step: str) -> RedirectResponse:
        return RedirectResponse("/", status_code=303)  # a step's address opened anew: the wizard starts over

    def form_page(handler: Callable[[dict[str, str]], HTMLResponse]) -> Callable[[Request], Awaitable[HTMLResponse]]:
        async def endpoint(request: Request) -> HTMLResponse:
            return await run_in_threadpool(handler, await wizard.state_of(request))

        return endpoint

    steps: dict[str, Callable[[dict[str, str]], HTMLResponse]] = {
        "profile": wizard.profile_step,
        "hints": wizard.hints_fragment,
        "readiness": wizard.readiness_step,
        "verdict": wizard.verdict_fragment,
        "archetype": wizard.archetype_page,
        "preview": wizard.preview_page,
    }
    for name, handler in steps.items():
        router.add_api_route(f"/wizard/{name}", form_page(handler), methods=["POST"], response_class=HTMLResponse)

    @router.post("/wizard/download")
    async def download(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=500)
        return await run_in_threadpool(wizard.download, read_state(form, settings.catalog), form.get("format"))

    return router
