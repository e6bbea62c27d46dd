"""The Jinja environments: sandboxed, strict about undefined names, one per template folder set.

Markdown templates (``*.md.j2``) print every value through `md_escape`; the HTML page
template (``*.html.j2``) autoescapes for HTML. Both are built once per folder list and
shared: a Jinja environment is safe to render from several threads once built.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from jdgen import resources
from jdgen.errors import RenderError
from jdgen.render.text import link_target, long_date, md_escape, money, pay_range, sentence_list, signed

FILTERS = {
    "money": money,
    "pay_range": pay_range,
    "long_date": long_date,
    "sentence_list": sentence_list,
    "signed": signed,
    "link_target": link_target,
}


def _search_path(extra: Sequence[str]) -> list[str]:
    return [*extra, str(resources.templates_dir())]


@lru_cache(maxsize=16)
def _environment(kind: str, extra: tuple[str, ...]) -> SandboxedEnvironment:
    options: dict[str, Any] = {
        "loader": FileSystemLoader(_search_path(extra)),
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if kind == "markdown":
        env = SandboxedEnvironment(autoescape=False, finalize=md_escape, **options)
    else:
        env = SandboxedEnvironment(autoescape=True, **options)
    env.filters.update(FILTERS)
    return env


def render_template(name: str, context: dict[str, Any], template_dirs: Sequence[str | Path] = ()) -> str:
    """Render the named template with `context`; user folders are searched before the built-in one.

    Raises:
        RenderError: one line naming the template, the line and the reason.
    """
    kind = "markdown" if name.endswith(".md.j2") else "html"
    env = _environment(kind, tuple(str(Path(d)) for d in template_dirs))
    try:
        return env.get_template(name).render(context)
    except TemplateNotFound as exc:
        raise RenderError(
            f"template {exc.name!r} not found in {', '.join(_search_path([str(d) for d in template_dirs]))}"
        ) from None
    except TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or name}: line {exc.lineno}: {exc.message}") from None
    except TemplateError as exc:
        raise RenderError(f"{name}: {_template_line(exc, name)}{exc.message or exc}") from None


def _template_line(exc: BaseException, name: str) -> str:
    """``line N: `` of the template frame in the traceback, when Jinja recorded it."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return f"line {line}: " if line else ""
