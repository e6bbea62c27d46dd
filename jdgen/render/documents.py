"""What each kind of document needs from the renderers: its template, context and Word metadata.

Three kinds are rendered: a `JobDescription`, the board's `Comparison` and the executive
team's `ReadinessReport`. Each names the Markdown template that words it, the context that
template sees, the header and document properties of the Word file, and the table cells to
shade (the comparison's coverage matrix and its legend).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from jdgen.data.fields import DEFAULT_LANGUAGE
from jdgen.decide.board_results import CellStatus, Comparison, ReadinessReport
from jdgen.decide.pack_results import Charter, InterviewKit, PackDocument, Scorecard
from jdgen.decide.results import JobDescription
from jdgen.render import Document

#: How each coverage-matrix cell reads, and its fill colour in Word and HTML. The words carry
#: the meaning on their own (printed in black and white, or read aloud); the colour speeds reading.
CELL_STYLES: dict[CellStatus, tuple[str, str]] = {
    "strength": ("Strength", "C6EFCE"),
    "added": ("Added by JD", "FFEB9C"),
    "lacks": ("Lacks", "FFC7CE"),
    "outside": ("Not in scope", "EDEDED"),
}

#: A "lacks" cell whose block the archetype's JD asks for anyway: the riskiest cell of all.
LACKS_IN_JD: tuple[str, str] = ("Lacks; in JD", "FFC7CE")

#: How each kind of internal document is marked on every page, so that it is not taken for a posting.
INTERNAL_MARK = "INTERNAL · NOT FOR POSTING"
BOARD_MARK = "CONFIDENTIAL · BOARD PAPER"
EXECUTIVE_MARK = "CONFIDENTIAL · FOR THE EXECUTIVE TEAM"
HIRING_MARK = "CONFIDENTIAL · FOR THE HIRING TEAM"

#: Word refuses a document property (title, subject, author, keywords) longer than this.
MAX_PROPERTY_CHARS = 255

#: The answer cells of the readiness report, shaded the same way (holds, partly, does not).
ANSWER_STYLES: dict[str, tuple[str, str]] = {
    "yes": ("yes", "C6EFCE"),
    "partial": ("partial", "FFEB9C"),
    "no": ("no", "FFC7CE"),
    "unknown": ("unknown", "EDEDED"),
}


@dataclass(frozen=True)
class Layout:
    """A document's template and Word metadata (properties cut to `MAX_PROPERTY_CHARS`)."""

    template: str
    context: dict[str, Any]
    header: str
    title: str
    subject: str
    author: str
    keywords: str
    category: str
    date: datetime.date | None = None
    shading: dict[str, str] = field(default_factory=dict)
    landscape: bool = False
    #: Printed at the head of every page (and of the HTML page) of a document not meant to be posted.
    marking: str | None = None
    language: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        # A long company or archetype name must not make the .docx fail: cut the property short.
        for name in ("title", "subject", "author", "keywords"):
            value = getattr(self, name)
            if len(value) > MAX_PROPERTY_CHARS:
                object.__setattr__(self, name, value[: MAX_PROPERTY_CHARS - 1] + "…")


def _with_company(text: str, company: str | None) -> str:
    return f"{company} · {text}" if company else text


def _jd_layout(jd: JobDescription) -> Layout:
    gap_titles = {g.statement: g.title for g in jd.readiness.gaps} if jd.readiness else {}
    return Layout(
        template="posting.md.j2" if jd.edition == "posting" else "jd.md.j2",
        context={
            "jd": jd,
            "internal": jd.edition == "internal",
            "sources": {s.id: s for s in jd.sources},
            "gap_titles": gap_titles,
        },
        header=_with_company(jd.title, jd.company),
        title=f"{jd.title} — {jd.company}" if jd.company else jd.title,
        subject=f"Job description: {jd.title} ({jd.archetype.name})",
        author=jd.company or "jdgen",
        keywords=f"Chief Customer Officer; CCO; job description; {jd.archetype.name}",
        category="Job description",
        date=jd.date_posted,
        marking=INTERNAL_MARK if jd.edition == "internal" else None,
        language=jd.language,
    )


def _comparison_layout(comparison: Comparison) -> Layout:
    names = {a.id: a.name for a in comparison.archetypes}
    return Layout(
        template="comparison.md.j2",
        context={
            "c": comparison,
            "archetypes": {a.id: a for a in comparison.archetypes},
            "cell": {status: label for status, (label, _) in CELL_STYLES.items()} | {"lacks-in-jd": LACKS_IN_JD[0]},
            "sources": {s.id: s for s in comparison.sources},
        },
        header=_with_company("Chief Customer Officer: archetype comparison", comparison.company),
        title=_with_company("CCO archetype comparison", comparison.company),
        subject="Board comparison of Chief Customer Officer archetypes",
        author=comparison.company or "jdgen",
        keywords="Chief Customer Officer; CCO; archetypes; board; " + "; ".join(names.values()),
        category="Board paper",
        shading={label: colour for label, colour in [*CELL_STYLES.values(), LACKS_IN_JD]},
        landscape=True,
        marking=BOARD_MARK,
        language=comparison.language,
    )


def _report_layout(report: ReadinessReport) -> Layout:
    return Layout(
        template="readiness.md.j2",
        context={"r": report, "readiness": report.readiness, "sources": {s.id: s for s in report.sources}},
        header=_with_company("Readiness for a Chief Customer Officer", report.company),
        title=_with_company("CCO readiness report", report.company),
        subject="Readiness assessment for a Chief Customer Officer",
        author=report.company or "jdgen",
        keywords="Chief Customer Officer; CCO; readiness; assessment",
        category="Readiness report",
        shading={label: colour for label, colour in ANSWER_STYLES.values()},
        marking=EXECUTIVE_MARK,
        language=report.language,
    )


#: Each pack document's template, its name in the context, and how it is titled and filed.
_PACK_KINDS: dict[type, tuple[str, str, str, str]] = {
    Scorecard: ("scorecard.md.j2", "s", "Scorecard", "scorecard; outcomes; competencies"),
    InterviewKit: ("interview.md.j2", "k", "Interview kit", "interview kit; structured interview"),
    Charter: ("charter.md.j2", "c", "Decision rights", "decision rights; RAPID; governance"),
}


def _pack_layout(document: PackDocument) -> Layout:
    template, name, kind, keywords = _PACK_KINDS[type(document)]
    role = document.role
    return Layout(
        template=template,
        context={name: document, "role": role},
        header=_with_company(f"{kind}: {role.title}", role.company),
        title=_with_company(f"{kind}: {role.title}", role.company),
        subject=f"{kind} for the hire of a {role.title} ({role.archetype.name})",
        author=role.company or "jdgen",
        keywords=f"Chief Customer Officer; CCO; {keywords}",
        category=kind,
        marking=HIRING_MARK,
        language=role.language,
    )


def layout(document: Document) -> Layout:
    """The layout of a document of any kind."""
    if isinstance(document, JobDescription):
        return _jd_layout(document)
    if isinstance(document, Comparison):
        return _comparison_layout(document)
    if isinstance(document, ReadinessReport):
        return _report_layout(document)
    return _pack_layout(document)
