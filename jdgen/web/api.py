"""The JSON API: the catalog's lists, and a JD, a comparison, a readiness report or lint findings.

Every endpoint calls the library function of the same name; the request models only say how a
JSON body carries that function's arguments. Bad input is a 422 with ``{"error", "problems"}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from jdgen.ats import Export, Target, ats_export
from jdgen.common.errors import InputError
from jdgen.data.catalog import Catalog
from jdgen.data.catalog_models import Archetype, Block, Statement
from jdgen.data.fields import MAX_RESPONDENTS, AnswerValue, Passage
from jdgen.data.input_models import Answers, Profile, Survey
from jdgen.data.inputs import check_answers, parse_survey
from jdgen.data.schemas import list_context_ids
from jdgen.decide.board_results import Comparison, ReadinessReport
from jdgen.decide.charter import make_charter
from jdgen.decide.compare import compare
from jdgen.decide.compose import compose
from jdgen.decide.interview_kit import make_interview_kit
from jdgen.decide.pack import pack_context, role_pack
from jdgen.decide.pack_results import Charter, InterviewKit, Scorecard
from jdgen.decide.report import readiness_report
from jdgen.decide.results import JobDescription
from jdgen.decide.scorecard import make_scorecard
from jdgen.postings.lint import MAX_TEXT_CHARS, LintReport, lint_text
from jdgen.render.output import company_file, default_name
from jdgen.render.pdf import NOT_INSTALLED as PDF_NOT_INSTALLED
from jdgen.render.pdf import pdf_available
from jdgen.render.templates import Branding

MEDIA_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "jsonld": "application/ld+json",
    "pdf": "application/pdf",
}
#: The formats saved as files rather than shown.
BINARY = frozenset({"docx", "pdf"})
#: What the OpenAPI document says of the jsonld format: a schema.org JobPosting object.
JSONLD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A schema.org JobPosting (https://schema.org/JobPosting).",
    "properties": {"@context": {"type": "string"}, "@type": {"type": "string", "const": "JobPosting"}},
    "required": ["@context", "@type"],
}
JdFormat = Literal["json", "md", "html", "docx", "jsonld", "pdf"]
DocumentFormat = Literal["json", "md", "html", "docx", "pdf"]
#: The formats of a comparison and a readiness report.
DOCUMENT_FORMATS: tuple[str, ...] = ("json", "md", "html", "docx", "pdf")


@dataclass(frozen=True)
class Settings:
    """What the server was started with: the catalog, and the branding of every document."""

    catalog: Catalog
    branding: Branding = field(default_factory=Branding)
    #: Whether this server can make PDFs (LibreOffice is installed), found once when it starts.
    pdf: bool = field(default_factory=pdf_available)

    def check_format(self, fmt: str) -> None:
        """Refuse PDF with 501 when this server cannot make it, before any work is done."""
        if fmt == "pdf" and not self.pdf:
            raise HTTPException(501, detail=f"this server cannot make PDFs: {PDF_NOT_INSTALLED}")


class ErrorBody(BaseModel):
    """An error: one line to show, and each problem on its own."""

    error: str = Field(description="What is wrong and what to do, in one line.")
    problems: list[str] = Field(description="Every problem found (field and message), one per entry.")


class Inputs(BaseModel):
    """The company profile and the readiness answers, as `compose` and `compare` take them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    profile: Profile = Field(default_factory=Profile, description="The company profile; every field is optional.")
    answers: dict[str, AnswerValue] = Field(
        default_factory=dict,
        description="One respondent's readiness answers: statement id → yes | partial | no | unknown "
        "(GET /api/statements lists the ids). Leave out for a JD without readiness gaps.",
    )
    notes: dict[str, Passage] = Field(default_factory=dict, description="Statement id → a note on the answer.")
    respondents: list[Answers] = Field(
        default_factory=list,
        max_length=MAX_RESPONDENTS,
        description="Several respondents' answers (instead of `answers`): the board sees consensus and dissent.",
    )

    def survey(self, catalog: Catalog) -> Survey | None:
        """The answers, their statement ids checked; None when none were given.

        Raises:
            InputError: both shapes given, or an id the catalog does not have (named as in the body).
        """
        if self.respondents and (self.answers or self.notes):
            raise InputError("give `answers` (one respondent) or `respondents` (several), not both")
        if self.respondents:
            survey = Survey(respondents=tuple(self.respondents))
            check_answers(catalog, survey, "body")
            return survey
        if self.answers or self.notes:
            return parse_survey({"answers": self.answers, "notes": self.notes}, "body", catalog)
        return None


class JdRequest(Inputs):
    """A job description: the archetype, the inputs, the format and the edition."""

    archetype: str = Field(description="The archetype id (GET /api/archetypes).", examples=["enterprise-cx"])
    format: JdFormat = Field(
        default="json",
        description="json, md, html, docx, jsonld (schema.org JobPosting) or pdf (when the server has LibreOffice).",
    )
    edition: Literal["internal", "posting"] = Field(
        default="internal",
        description="internal: with the readiness, the warnings and the sources; posting: ready to publish.",
    )


class ExportRequest(Inputs):
    """The request bodies one applicant-tracking system takes for an archetype's JD."""

    archetype: str = Field(description="The archetype id (GET /api/archetypes).", examples=["enterprise-cx"])
    target: Target = Field(description="greenhouse, lever, oracle, seek or unified (a neutral job JSON).")
    fill: dict[str, Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=dict,
        max_length=10,
        description='Values for the target\'s {placeholders}, e.g. {"lever_user_id": "…"}; those left are in `fill`.',
    )

    pack: bool = Field(
        default=False,
        description="Also the role pack: Lever feedback templates, or (greenhouse) the scorecard and interview plan by hand.",
    )
    oracle_internal: Literal["posting", "internal"] = Field(
        default="posting",
        description="What Oracle's Internal* fields carry; employees read them on the internal career site.",
    )


class ComparisonRequest(Inputs):
    """A board comparison of archetypes."""

    archetypes: list[str] | None = Field(
        default=None, description="The archetype ids to compare, in order; every archetype when left out."
    )
    format: DocumentFormat = "json"


class PackRequest(Inputs):
    """A role-pack document (scorecard, interview kit or charter) for one archetype's JD."""

    archetype: str = Field(description="The archetype id (GET /api/archetypes).", examples=["enterprise-cx"])
    format: DocumentFormat = "json"


class ReadinessRequest(Inputs):
    """The readiness report of one or several respondents' answers."""

    format: DocumentFormat = "json"


class LintRequest(BaseModel):
    """A posting to check, and optionally where the job is (for the pay-transparency laws)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(
        max_length=MAX_TEXT_CHARS,
        json_schema_extra={"pattern": r"\S"},  # blank text is refused (by lint_text, with its own message)
        description="The posting, as Markdown or plain text.",
    )
    profile: Profile | None = Field(
        default=None, description="Location, remote work, headcount: with it the pay-transparency laws are checked."
    )
    title: str | None = Field(default=None, description="The job title; the first heading by default.")


def document_response(data: bytes | str, fmt: str, filename: str, *, attachment: bool = False) -> Response:
    """The rendered document with its media type; a Word file (or any, with `attachment`) to save."""
    save = attachment or fmt in BINARY
    headers = {"content-disposition": f'attachment; filename="{filename}"'} if save else None
    return Response(data, media_type=MEDIA_TYPES[fmt], headers=headers)


ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": "The request body is too large."},
    501: {"model": ErrorBody, "description": "PDF was asked for, and this server has no LibreOffice to make it."},
    422: {"model": ErrorBody, "description": "Bad input: the message says which field and what to do."},
}


def _ok(model: type[BaseModel], description: str, formats: tuple[str, ...]) -> dict[int | str, dict[str, Any]]:
    """The documented responses of a document endpoint: the model as JSON, the other formats, the errors."""
    content: dict[str, Any] = {}
    for fmt in formats:
        kind = MEDIA_TYPES[fmt].split(";")[0]
        if fmt in BINARY:
            content[kind] = {"schema": {"type": "string", "format": "binary"}}
        elif fmt == "jsonld":  # a JSON document, not a string: clients and validators parse it
            content[kind] = {"schema": JSONLD_SCHEMA}
        elif fmt != "json":
            content[kind] = {"schema": {"type": "string"}}
    return {200: {"model": model, "description": description, "content": content}, **ERRORS}


def api_router(settings: Settings) -> APIRouter:
    """The API's routes, bound to the server's catalog and branding."""
    router = APIRouter(prefix="/api", tags=["api"])
    catalog = settings.catalog

    @router.get("/archetypes", summary="List the archetypes of the role")
    def archetypes() -> list[Archetype]:
        return list(catalog.archetypes)

    @router.get("/blocks", summary="List the responsibility blocks")
    def blocks() -> list[Block]:
        return list(catalog.blocks)

    @router.get("/statements", summary="List the readiness statements")
    def statements() -> list[Statement]:
        return list(catalog.statements)

    @router.post(
        "/jd",
        summary="Compose a job description",
        response_class=Response,
        responses=_ok(JobDescription, "The JD in the asked format.", tuple(MEDIA_TYPES)),
    )
    def job_description(body: JdRequest) -> Response:
        """The archetype's JD for this profile and these answers, in one format and edition."""
        settings.check_format(body.format)
        jd = compose(catalog, body.archetype, body.survey(catalog), body.profile)
        posting = body.edition == "posting"
        data = settings.branding.render(jd, body.format, posting=posting)
        return document_response(data, body.format, default_name(jd.archetype.id, jd.company, body.format, posting))

    @router.post(
        "/comparison",
        summary="Compare archetypes for the board",
        response_class=Response,
        responses=_ok(Comparison, "The comparison in the asked format.", DOCUMENT_FORMATS),
    )
    def comparison(body: ComparisonRequest) -> Response:
        """The coverage matrix, the fit ranking and the risks of the archetypes for this company."""
        settings.check_format(body.format)
        result = compare(catalog, body.survey(catalog), body.profile, body.archetypes)
        data = settings.branding.render(result, body.format)
        return document_response(data, body.format, company_file("cco-board-comparison", result.company, body.format))

    @router.post(
        "/readiness",
        summary="Assess readiness for a CCO",
        response_class=Response,
        responses=_ok(ReadinessReport, "The readiness report in the asked format.", DOCUMENT_FORMATS),
    )
    def readiness(body: ReadinessRequest) -> Response:
        """The verdict, the gaps, the dissent and the next steps for these answers."""
        settings.check_format(body.format)
        survey = body.survey(catalog)
        if survey is None:
            raise InputError("give `answers` (statement id → yes | partial | no | unknown) or `respondents`")
        report = readiness_report(catalog, survey, body.profile)
        data = settings.branding.render(report, body.format)
        return document_response(data, body.format, company_file("cco-readiness-report", report.company, body.format))

    def pack_document(body: PackRequest, kind: str) -> Response:
        settings.check_format(body.format)
        jd = compose(catalog, body.archetype, body.survey(catalog), body.profile)
        context = pack_context(catalog, jd, body.profile)
        document = (
            make_scorecard(context)
            if kind == "scorecard"
            else make_interview_kit(context)
            if kind == "interview"
            else make_charter(context)
        )
        data = settings.branding.render(document, body.format)
        name = company_file(f"cco-{jd.archetype.id}-{kind}", jd.company, body.format)
        return document_response(data, body.format, name)

    @router.post(
        "/scorecard",
        summary="The role's scorecard",
        response_class=Response,
        responses=_ok(Scorecard, "Mission, outcomes, competencies and the first year.", DOCUMENT_FORMATS),
    )
    def scorecard(body: PackRequest) -> Response:
        """The scorecard of the archetype's JD for this profile and these answers."""
        return pack_document(body, "scorecard")

    @router.post(
        "/interview",
        summary="The interview kit",
        response_class=Response,
        responses=_ok(InterviewKit, "Plan, questions and anchors, probes, work sample, references.", DOCUMENT_FORMATS),
    )
    def interview(body: PackRequest) -> Response:
        """The structured interview kit of the archetype's JD for this profile and these answers."""
        return pack_document(body, "interview")

    @router.post(
        "/charter",
        summary="The decision-rights charter",
        response_class=Response,
        responses=_ok(Charter, "Who decides each customer decision, and the governance calendar.", DOCUMENT_FORMATS),
    )
    def charter(body: PackRequest) -> Response:
        """Decision rights by the JD's authority model and archetype, and the forums."""
        return pack_document(body, "charter")

    @router.post("/export", summary="The request bodies an ATS takes", responses=dict(ERRORS))
    def ats(body: ExportRequest) -> Export:
        """Greenhouse, Lever, Oracle Recruiting or SEEK requests (jdgen sends none), or the neutral job."""
        jd = compose(catalog, body.archetype, body.survey(catalog), body.profile)
        pack = role_pack(catalog, jd, body.profile) if body.pack else None
        return ats_export(jd, body.target, settings.branding.template_dirs, body.fill, pack, body.oracle_internal)

    @router.post("/lint", summary="Check a posting's wording and pay transparency", responses=dict(ERRORS))
    def lint(body: LintRequest) -> LintReport:
        """Gender-coded words, clichés, length, readability, requirements and, with a profile, pay laws."""
        return lint_text(body.text, profile=body.profile, title=body.title, label="posting")

    return router


def patch_openapi(schema: dict[str, Any], catalog: Catalog, *, token: bool = False) -> dict[str, Any]:
    """Say in the schema what the library checks: the catalog's ids, and what a posting leaves out.

    Also what the guards answer on every call: 400 (a Host this server does not answer, a bad
    Content-Length) and, with a token, the bearer scheme and 401.
    """
    components = schema.get("components", {}).get("schemas", {})
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            responses["400"] = {"description": "A Host this server does not answer, or a bad Content-Length.", **error}
            if token:
                responses["401"] = {"description": "The access token is missing or wrong.", **error}
    if token:
        schema.setdefault("components", {})["securitySchemes"] = {"token": {"type": "http", "scheme": "bearer"}}
        schema["security"] = [{"token": []}]
    ids = {"archetype": list(catalog.archetypes.ids()), "statement": list(catalog.statements.ids())}
    for name in ("JdRequest", "ExportRequest"):
        components[name]["properties"]["archetype"]["enum"] = ids["archetype"]
    for name in ("JdRequest", "ComparisonRequest", "ReadinessRequest", "Answers"):  # Answers: each respondent
        props = components[name]["properties"]
        for key in ("answers", "notes"):
            props[key]["propertyNames"] = {"enum": ids["statement"]}
    if "Profile" in components:
        list_context_ids(components["Profile"], catalog)
    archetypes = components["ComparisonRequest"]["properties"]["archetypes"]
    for option in archetypes.get("anyOf", []):
        if option.get("type") == "array":
            option["items"] = {"type": "string", "enum": ids["archetype"]}
            option["minItems"] = 1  # an empty list compares nothing: leave the field out for every archetype
    # The posting edition's JSON leaves the internal advisory out (readiness, warnings, sources).
    jd = components.get("JobDescription")
    if jd:
        jd["required"] = [f for f in jd.get("required", []) if f not in JobDescription.INTERNAL_FIELDS]
    block = components.get("IncludedBlock")
    if block:
        block["required"] = [f for f in block.get("required", []) if f not in {"reason", "closes"}]
    return schema
