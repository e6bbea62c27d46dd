"""A JD's editions as HTML sections, the pieces an applicant-tracking system's fields take.

Each edition is rendered as `generate` renders it (the user's templates, the same sandbox and
limits), then cut at its second-level headings. A section is classed by its heading as the
built-in templates word it: the work ("What you will do", "Responsibilities"), what the hire
brings ("What you bring", "Qualifications"), the closing (equal opportunity, how to apply), or
the description (everything else, so that a custom template's own sections are never lost).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from jdgen.decide.results import JobDescription
from jdgen.render.documents import layout
from jdgen.render.environment import render_template
from jdgen.render.html import markdown_body

SectionKind = Literal["header", "description", "responsibilities", "qualifications", "closing"]

_KINDS: dict[str, SectionKind] = {
    "what you will do": "responsibilities",
    "responsibilities": "responsibilities",
    "what you bring": "qualifications",
    "qualifications": "qualifications",
    "equal opportunity": "closing",
    "how to apply": "closing",
}
_H2 = re.compile(r"<h2[^>]*>(.*?)</h2>", re.DOTALL)
_H1 = re.compile(r"<h1[^>]*>.*?</h1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_LIST_TAG = re.compile(r"<(/?)(ul|ol|li)\b[^>]*>")


@dataclass(frozen=True)
class Section:
    """One part of an edition: its heading (empty for the part before the first), kind and HTML body."""

    title: str
    kind: SectionKind
    html: str

    def is_list(self) -> bool:
        """Whether the body is one flat list and nothing else."""
        body = self.html.strip()
        opened = [m for m in _LIST_TAG.finditer(body) if not m.group(1) and m.group(2) != "li"]
        return len(opened) == 1 and opened[0].start() == 0 and body.endswith(("</ul>", "</ol>"))

    def body_without_title(self) -> str:
        """The body without its first-level heading (the title, which the target has a field for)."""
        return _H1.sub("", self.html, count=1).strip()

    def items(self) -> tuple[str, ...]:
        """The HTML of each item of the body's lists, in order; a nested list stays inside its item."""
        items: list[str] = []
        depth, start = 0, 0
        for tag in _LIST_TAG.finditer(self.html):
            closing, name = tag.group(1), tag.group(2)
            if name != "li":
                continue
            if not closing:
                depth += 1
                if depth == 1:
                    start = tag.end()
            elif depth:
                depth -= 1
                if depth == 0:
                    items.append(self.html[start : tag.start()].strip())
        return tuple(items)


@dataclass(frozen=True)
class Edition:
    """An edition's whole HTML body and its sections."""

    html: str
    sections: tuple[Section, ...]

    def without_title(self) -> str:
        """The whole HTML without its first-level heading (the title, which targets have a field for)."""
        return _H1.sub("", self.html, count=1).strip()

    def of(self, *kinds: SectionKind) -> tuple[Section, ...]:
        """The sections of these kinds, in the edition's order."""
        return tuple(s for s in self.sections if s.kind in kinds)


def posting_edition(jd: JobDescription, template_dirs: Sequence[str | Path] = ()) -> Edition:
    """The posting edition as an ATS shows it: without the apply link and dates, which the ATS has.

    An ATS takes the applications itself and opens and closes the posting, so a link to another
    site, or dates fixed when the file was written, would send candidates away or go stale.
    """
    return _edition(_hosted(jd), template_dirs)


def internal_edition(jd: JobDescription, template_dirs: Sequence[str | Path] = ()) -> Edition:
    """The internal edition's job description, without its advisory, for the hiring team (no apply link, no dates).

    The readiness verdict, who answered what, the chasm warnings, the sources and the "why it is
    here" of each block stay in the Word file for the executive team: they are taken out of the
    data, so no template (a user's own included) can print them.
    """
    return _edition(_hosted(jd).model_copy(update={"edition": "internal"}), template_dirs)


def _hosted(jd: JobDescription) -> JobDescription:
    """The JD without its advisory (as posted), its apply link and its dates: what an ATS shows."""
    return jd.posting_edition().model_copy(update={"apply_url": None, "date_posted": None, "valid_through": None})


def _edition(jd: JobDescription, template_dirs: Sequence[str | Path]) -> Edition:
    spec = layout(jd)
    context = {**spec.context, "internal": False}  # no advisory section: its data is gone too
    body = markdown_body(render_template(spec.template, context, template_dirs), spec.shading)
    return Edition(html=body.strip(), sections=split(body))


def split(body: str) -> tuple[Section, ...]:
    """The HTML cut at its ``<h2>`` headings; the first section (title, facts) is the header."""
    parts = _H2.split(body)
    sections = [Section("", "header", parts[0].strip())] if parts[0].strip() else []
    for heading, content in zip(parts[1::2], parts[2::2], strict=True):
        title = text_of(heading)
        kind = _KINDS.get(title.casefold(), "description")
        sections.append(Section(title, kind, content.strip()))
    return tuple(sections)


def text_of(fragment: str) -> str:
    """An HTML fragment's text: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())
