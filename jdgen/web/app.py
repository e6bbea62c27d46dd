"""The ASGI application: the wizard at ``/``, the API under ``/api``, its reference at ``/docs``."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from jdgen import __version__
from jdgen.common import resources
from jdgen.common.budget import BudgetExceeded
from jdgen.common.errors import InputError, JdgenError, first_of
from jdgen.data.catalog import Catalog, load_catalog
from jdgen.data.validation import problems_from_errors
from jdgen.render.isolation import TemplatesBusy
from jdgen.render.templates import Branding
from jdgen.web.api import (
    ComparisonRequest,
    JdRequest,
    LintRequest,
    ReadinessRequest,
    Settings,
    api_router,
    patch_openapi,
)
from jdgen.web.guard import (
    LINK_PREFIXES,
    BodyLimit,
    CrossSiteGuard,
    HostGuard,
    SecurityHeaders,
    TokenGuard,
    redacted,
    wants_json,
)
from jdgen.web.limits import MAX_REQUESTS, REQUEST_SECONDS, RequestLimit
from jdgen.web.wizard import error_page, wizard_router

if TYPE_CHECKING:
    from jdgen.store.surveys import SurveyStore

#: The largest request body accepted (bytes): room for a long posting to lint, far from a flood.
MAX_BODY = 2_000_000

#: Swagger UI's page runs one inline script; this policy allows it on /docs only.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)

SEND_JSON = "send a JSON object in UTF-8, with Content-Type: application/json"
NOT_JSON = "the body is not a JSON object in UTF-8; send one, with Content-Type: application/json"

log = logging.getLogger("jdgen.web")

DESCRIPTION = """\
Chief Customer Officer job descriptions from evidence, for HR systems in any language.

* `GET /api/archetypes`, `/api/blocks`, `/api/statements`: what the catalog holds.
* `POST /api/jd`: a profile, readiness answers and an archetype → the JD as JSON, Markdown, HTML,
  Word (.docx) or schema.org JSON-LD, internal or posting edition.
* `POST /api/comparison`: the board's side-by-side comparison of archetypes.
* `POST /api/readiness`: the readiness verdict and report.
* `POST /api/lint`: a posting's text → findings (wording, length, pay transparency).

Bad input gets status 422 and `{"error": "...", "problems": ["..."]}`; a server handling 64 requests
already, or a request past its 30-second budget, gets 503. The recruiters' wizard is at `/`.
"""


def _error(status: int, message: str, problems: Sequence[str] = ()) -> JSONResponse:
    return JSONResponse({"error": message, "problems": list(problems) or [message]}, status_code=status)


def _request_model(path: str) -> Any:
    return {
        "/api/jd": JdRequest,
        "/api/comparison": ComparisonRequest,
        "/api/readiness": ReadinessRequest,
        "/api/lint": LintRequest,
    }.get(path)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        errors = list(exc.errors())
        for e in errors:
            if e.get("type") == "json_invalid":
                detail = (e.get("ctx") or {}).get("error")
                return _error(422, f"the body is not valid JSON ({detail}); {SEND_JSON}" if detail else NOT_JSON)
            if tuple(e.get("loc", ())) == ("body",):
                return _error(422, NOT_JSON)
        model = _request_model(request.url.path)
        stripped = [{**e, "loc": tuple(e.get("loc", ()))[1:]} for e in errors]
        lines = [str(p) for p in problems_from_errors(stripped, model, "body")] if model else []
        if not lines:
            lines = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in errors]
        return _error(422, first_of(lines), lines)

    @app.exception_handler(JdgenError)
    async def jdgen_error(request: Request, exc: JdgenError) -> Response:
        lines = exc.lines()
        if wants_json(request.scope):
            return _error(422, first_of(lines), lines)
        return error_page(request, 422, lines)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400 and _request_model(request.url.path) is not None:
            # FastAPI's answer to a body it cannot decode (not UTF-8): bad input, like JSON that does not parse.
            return _error(422, NOT_JSON)
        message = {404: "no such page or endpoint", 405: "this method is not allowed here"}.get(
            exc.status_code, str(exc.detail)
        )
        if wants_json(request.scope):
            response: Response = _error(exc.status_code, message)
        else:
            response = error_page(request, exc.status_code, [message])
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, redacted(request.url.path))
        message = f"unexpected {type(exc).__name__} (a bug in jdgen; please report it)"
        if wants_json(request.scope):
            return _error(500, message)
        return error_page(request, 500, [message])


async def _out_of_time(request: Request, exc: Exception) -> Response:
    """503 for work stopped by its time budget, or a template with no free worker: the server is busy."""
    response = _error(503, str(exc))
    response.headers["retry-after"] = "1"
    return response


def create_app(
    catalog: Catalog | None = None,
    *,
    token: str | None = None,
    allowed_hosts: Sequence[str] | None = None,
    max_body: int = MAX_BODY,
    max_requests: int = MAX_REQUESTS,
    request_seconds: float = REQUEST_SECONDS,
    template_dirs: Sequence[str | Path] = (),
    reference: str | Path | None = None,
    today: Callable[[], datetime.date] = datetime.date.today,
    surveys: SurveyStore | None = None,
) -> FastAPI:
    """The wizard and the API as one ASGI app.

    Args:
        catalog: from `load_catalog()` (overlays included); the built-in catalog by default.
        token: when set, every request needs it (``Authorization: Bearer TOKEN``, or the
            browser's cookie set by opening ``/?token=TOKEN`` once).
        allowed_hosts: the Host names accepted (guards a local server against DNS rebinding);
            any host when None.
        max_body: the largest request body, in bytes (larger ones get 413).
        max_requests: requests handled at once (more get 503); idle connections do not count.
        request_seconds: the time budget of each request (past it: 503, and the work stops).
        template_dirs: template folders for every document (see ``--templates``).
        reference: a .docx whose styles the Word files take.
        today: the day a new posting is dated in the wizard (a fixed day for tests).
        surveys: the store of team surveys (`jdgen.store.SurveyStore`); without one, the server has
            no survey pages. Their links (``/s/…``, ``/f/…``) carry their own secret and need no token.
    """
    if token is not None and not token.strip():
        raise InputError("the access token is empty; give one, or leave the token out")
    if token is not None and token != token.strip():
        raise InputError("the access token starts or ends with a space; a client could never send it as given")
    branding = Branding(tuple(Path(d) for d in template_dirs), Path(reference) if reference is not None else None)
    settings = Settings(catalog or load_catalog(), branding)
    app = FastAPI(
        title="jdgen",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
    )
    app.include_router(api_router(settings))
    app.include_router(wizard_router(settings, today, surveys.answers_of_facilitator if surveys else None))
    if surveys is not None:  # imported only here: the store's database library is heavy to load
        from jdgen.web.surveys import survey_router

        app.include_router(survey_router(settings, surveys, today))
    app.mount("/static", StaticFiles(directory=resources.templates_dir() / "web" / "static"), name="static")
    app.mount("/docs-assets", StaticFiles(directory=str(files("fastapi_offline") / "static")), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="jdgen API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png",
        )
        page.headers["content-security-policy"] = DOCS_CSP
        return page

    @app.get("/api/health", summary="Whether the server is up, and its version", tags=["api"])
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = patch_openapi(FastAPI.openapi(app), settings.catalog, token=token is not None)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    _install_error_handlers(app)
    app.add_exception_handler(BudgetExceeded, _out_of_time)
    app.add_exception_handler(TemplatesBusy, _out_of_time)
    # Outermost last: headers on every response, then the host check, the number of requests in
    # flight and their time, the size limit, the token.
    if token:
        app.add_middleware(TokenGuard, token=token, open_prefixes=LINK_PREFIXES if surveys is not None else ())
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(RequestLimit, limit=max_requests, seconds=request_seconds)
    app.add_middleware(CrossSiteGuard)
    if allowed_hosts is not None:
        app.add_middleware(HostGuard, hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return app
