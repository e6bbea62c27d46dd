"""Markdown → a complete, styled, self-contained HTML page."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path

from jdgen.render.environment import render_template
from jdgen.render.markdown import markdown_parser, parse
from jdgen.render.text import clean

PAGE_TEMPLATE = "page.html.j2"


def markdown_to_html(
    markdown_text: str,
    title: str,
    template_dirs: Sequence[str | Path] = (),
    *,
    shading: Mapping[str, str] | None = None,
    wide: bool = False,
) -> str:
    """Wrap the Markdown's HTML in the page template (escaping is markdown-it's and Jinja's).

    Table cells whose whole text is a key of `shading` get that background colour (hex RGB);
    `wide` asks the page template for a wider column (the comparison matrix).
    """
    tokens = parse(markdown_text)
    if shading:
        for opening, content in itertools.pairwise(tokens):
            if opening.type == "td_open" and content.type == "inline" and content.content in shading:
                opening.attrSet("class", "shaded")
                opening.attrSet("style", f"background-color: #{shading[content.content]}")
    parser = markdown_parser()
    body = parser.renderer.render(tokens, parser.options, {})
    return render_template(PAGE_TEMPLATE, {"title": clean(title), "body": body, "wide": wide}, template_dirs)
