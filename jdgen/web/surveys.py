"""The team survey's routes: ``/surveys/new`` for the facilitator, ``/s/TOKEN`` for each respondent, ``/f/TOKEN`` for the facilitator.

The token in a link's address is its credential: those pages are open without the server's own
token (the respondents never get it), and the store checks the link on every request. Forms
post to the same origin only (the server's cross-site check), and the one form whose address
holds no secret, a new survey's, carries a form key besides (`jdgen.web.survey_forms`).
Store calls run in worker threads: the database never holds up the server's loop.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from jdgen.store.surveys import SurveyStore
from jdgen.web.api import Settings
from jdgen.web.survey_forms import FORM_KEY_FIELD, form_key, form_key_cookie, form_key_matches
from jdgen.web.survey_pages import NOT_VALID, SurveyPages
from jdgen.web.wizard import page

#: The fields a survey's form posts at most (a new survey: the company's, the priorities, the respondents).
MAX_FIELDS = 100


def _not_valid() -> Response:
    return page("error.html.j2", 404, status=404, lines=[NOT_VALID])


def _base_url(request: Request) -> str:
    return str(request.base_url)


def survey_router(
    settings: Settings, store: SurveyStore, today: Callable[[], datetime.date] = datetime.date.today
) -> APIRouter:
    """The survey pages, bound to the server's catalog, branding and store."""
    router = APIRouter(include_in_schema=False)
    pages = SurveyPages(settings, store, today)

    @router.get("/surveys/new")
    def new_survey(request: Request) -> HTMLResponse:
        key, fresh = form_key(request.cookies, request.scope)
        response = pages.new_page(key)
        if fresh:
            response.headers["set-cookie"] = form_key_cookie(request.scope, key)
        return response

    @router.post("/surveys/new")
    async def create_survey(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=MAX_FIELDS)
        if not form_key_matches(request.cookies, request.scope, form.get(FORM_KEY_FIELD)):
            lines = ["This form has expired or was sent from another page. Open the new survey form again."]
            return page("error.html.j2", 403, status=403, lines=lines)
        key = str(form.get(FORM_KEY_FIELD))
        response = await run_in_threadpool(pages.create, dict(form), key, _base_url(request))
        if response.status_code == 201:  # a new key: reloading the page cannot make the survey twice
            response.headers["set-cookie"] = form_key_cookie(request.scope, form_key({}, request.scope)[0])
        return response

    @router.get("/s/{token}")
    async def answer(token: str) -> Response:
        return await run_in_threadpool(pages.answer_page, token)

    @router.post("/s/{token}")
    async def save_all(token: str, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=MAX_FIELDS)
        return await run_in_threadpool(pages.save_all, token, dict(form))

    @router.post("/s/{token}/answer")
    async def save_one(token: str, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=10)
        return await run_in_threadpool(pages.save_one, token, dict(form))

    _facilitator_routes(router, pages)
    return router


def _facilitator_routes(router: APIRouter, pages: SurveyPages) -> None:
    """The routes under ``/f/TOKEN``: the facilitator's page, its live report, downloads and actions."""

    @router.get("/f/{token}")
    async def team(token: str) -> Response:
        return await run_in_threadpool(pages.team_page, token)

    @router.get("/f/{token}/report")
    async def report(token: str) -> Response:
        return await run_in_threadpool(pages.report_fragment, token)

    @router.get("/f/{token}/download/{what}")
    async def download(token: str, what: str) -> Response:
        return await run_in_threadpool(pages.download, token, what)

    @router.post("/f/{token}/close")
    async def close(token: str) -> Response:
        if not await run_in_threadpool(pages.close, token):
            return _not_valid()
        return RedirectResponse(f"/f/{token}", status_code=303)

    @router.post("/f/{token}/revoke")
    async def revoke(token: str, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=10)
        return await run_in_threadpool(pages.revoke, token, form.get("respondent"), _base_url(request))

    @router.post("/f/{token}/new-link")
    async def new_own_link(token: str, request: Request) -> Response:
        return await run_in_threadpool(pages.new_own_link, token, _base_url(request))

    @router.post("/f/{token}/delete")
    async def delete(token: str, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=10)
        return await run_in_threadpool(pages.delete, token, form.get("confirm") == "yes")
