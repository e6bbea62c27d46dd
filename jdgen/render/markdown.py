"""JobDescription → Markdown through the Jinja template, and Markdown → tokens for the writers."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from jdgen.render.environment import render_template
from jdgen.results import JobDescription

JD_TEMPLATE = "jd.md.j2"


@cache
def markdown_parser() -> MarkdownIt:
    """CommonMark with tables; raw HTML off, so any markup in the text stays text."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def parse(text: str) -> list[Token]:
    """The markdown-it block tokens of `text`."""
    return markdown_parser().parse(text)


def jd_context(jd: JobDescription) -> dict[str, Any]:
    """What the JD template sees: the JD and a few lookups derived from it."""
    gap_titles = {g.statement: g.title for g in jd.readiness.gaps} if jd.readiness else {}
    return {
        "jd": jd,
        "internal": jd.edition == "internal",
        "sources": {s.id: s for s in jd.sources},
        "gap_titles": gap_titles,
    }


def jd_markdown(jd: JobDescription, template_dirs: Sequence[str | Path] = ()) -> str:
    """The JD as Markdown, worded and ordered by ``jd.md.j2``."""
    return render_template(JD_TEMPLATE, jd_context(jd), template_dirs)
