"""Markdown → a complete, styled, self-contained HTML page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jdgen.render.environment import render_template
from jdgen.render.markdown import markdown_parser
from jdgen.render.text import clean

PAGE_TEMPLATE = "page.html.j2"


def markdown_to_html(markdown_text: str, title: str, template_dirs: Sequence[str | Path] = ()) -> str:
    """Wrap the Markdown's HTML in the page template (escaping is markdown-it's and Jinja's)."""
    body = markdown_parser().render(markdown_text)
    return render_template(PAGE_TEMPLATE, {"title": clean(title), "body": body}, template_dirs)
