"""Rendering: one function, one module per format, one template for the words.

``render(jd, "md" | "html" | "json" | "docx")``. The Markdown template decides the wording
and order for every text format; the reference .docx decides the Word look.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal, get_args

from jdgen.errors import InputError
from jdgen.results import JobDescription

Format = Literal["docx", "md", "html", "json"]
FORMATS: tuple[str, ...] = get_args(Format)
BINARY_FORMATS = frozenset({"docx"})
EXTENSIONS: dict[str, str] = {
    ".docx": "docx",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def _header(jd: JobDescription) -> str:
    return f"{jd.company} · {jd.title}" if jd.company else jd.title


def render(
    jd: JobDescription,
    fmt: str = "docx",
    *,
    posting: bool = False,
    template_dirs: Sequence[str | Path] = (),
    reference: str | Path | None = None,
) -> bytes | str:
    """Render a job description.

    Args:
        jd: from `compose()`.
        fmt: ``docx`` (bytes), ``md``, ``html`` or ``json`` (str).
        posting: leave the internal advisory (readiness, warnings, sources, why each block is
            there) out of every format, JSON included.
        template_dirs: folders searched before the built-in templates.
        reference: a .docx whose styles the Word output takes; the built-in one by default.

    Raises:
        InputError: an unknown format.
        RenderError: a template or the reference document failed.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if posting:
        jd = jd.posting_edition()
    if fmt == "json":
        from jdgen.render.json import to_json

        return to_json(jd)
    from jdgen.render.markdown import jd_markdown

    text = jd_markdown(jd, template_dirs)
    if fmt == "md":
        return text
    if fmt == "html":
        from jdgen.render.html import markdown_to_html

        return markdown_to_html(text, _header(jd), template_dirs)
    from jdgen.render.docx import markdown_to_docx

    return markdown_to_docx(
        text,
        header=_header(jd),
        title=f"{jd.title} — {jd.company}" if jd.company else jd.title,
        subject=f"Job description: {jd.title} ({jd.archetype.name})",
        author=jd.company or "jdgen",
        keywords=f"Chief Customer Officer; CCO; job description; {jd.archetype.name}",
        date=jd.date_posted,
        reference=reference,
    )
