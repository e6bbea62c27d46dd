"""The Jinja environments: sandboxed, strict about undefined names, one per template folder set.

Markdown templates (``*.md.j2``) print every value through `md_escape`; the HTML page
template (``*.html.j2``) autoescapes for HTML. Both are built once per folder list and
shared: a Jinja environment is safe to render from several threads once built.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from jdgen import resources
from jdgen.errors import RenderError
from jdgen.render.text import (
    link_host,
    link_target,
    long_date,
    lower_first,
    md_escape,
    money,
    pay_range,
    sentence_list,
    signed,
)

FILTERS = {
    "money": money,
    "pay_range": pay_range,
    "long_date": long_date,
    "sentence_list": sentence_list,
    "signed": signed,
    "link_target": link_target,
    "link_host": link_host,
    "lower_first": lower_first,
}


#: Largest string or list a template may build with ``*``, and the largest power with ``**``:
#: a template cannot exhaust memory with ``{{ "x" * 10**10 }}``.
MAX_PRODUCT_LENGTH = 10_000_000
MAX_EXPONENT = 1_000
#: Largest template file read (a job description template is a few KB).
MAX_TEMPLATE_BYTES = 1024 * 1024


class JdgenSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with ``*`` and ``**`` bounded so that a template cannot exhaust memory.

    The sandbox refuses attributes such as ``__class__`` and ``__globals__``, and template
    names resolve only inside the template folders; templates have no import of Python modules
    and no file access.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Multiply, add, format or raise to a power within bounds; refuse anything larger."""
        if operator == "+":
            if _length(left) + _length(right) > MAX_PRODUCT_LENGTH:
                raise SecurityError("joining these values would make one too large")
        elif operator == "%":
            if isinstance(left, str):
                _check_widths(left, _PERCENT_WIDTH)
        elif operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"the exponent {right} is too large (at most {MAX_EXPONENT})")
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > MAX_PRODUCT_LENGTH
                ):
                    raise SecurityError(f"repeating a {len(seq)}-long value {times} times is too large")
        return super().call_binop(context, operator, left, right)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Call within bounds: no padding or format width that would build a huge string."""
        name = getattr(obj, "__name__", "")
        if isinstance(getattr(obj, "__self__", None), str):
            if name in ("format", "format_map"):
                _check_widths(obj.__self__, _BRACE_WIDTH)
            elif name in ("center", "ljust", "rjust", "zfill", "expandtabs") and any(
                isinstance(a, int) and a > MAX_WIDTH for a in args
            ):
                raise SecurityError(f"a width over {MAX_WIDTH} is too large")
        return super().call(context, obj, *args, **kwargs)


#: The widest padding a template may ask for (``"%9999999s"``, ``"{:>9999999}"``, ``center(…)``).
MAX_WIDTH = 10_000
_PERCENT_WIDTH = re.compile(r"%[-+ #0]*(\d+)?(?:\.(\d+))?")
_BRACE_WIDTH = re.compile(r"\{[^{}]*?:[^{}\d]*(\d+)?(?:\.(\d+))?[^{}]*\}")


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


def _check_widths(text: str, pattern: re.Pattern[str]) -> None:
    for match in pattern.finditer(text):
        for number in match.groups():
            if number and (len(number) > 5 or int(number) > MAX_WIDTH):
                raise SecurityError(f"a width over {MAX_WIDTH} is too large")


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
        # A user's templates are read again when they change (a long-running service sees the
        # edit); the built-in ones never change, so they are not checked.
        "auto_reload": bool(extra),
    }
    if kind == "markdown":
        env = JdgenSandbox(autoescape=False, finalize=md_escape, **options)
    else:
        env = JdgenSandbox(autoescape=True, **options)
    env.filters.update(FILTERS)
    for name in ("center", "indent", "format"):
        env.filters[name] = _bounded(env.filters[name], formats=name == "format")
    return env


def _bounded(jinja_filter: Any, formats: bool) -> Any:
    """Jinja's ``center``, ``indent`` or ``format`` filter, refusing a width over `MAX_WIDTH`."""

    def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
        if formats and isinstance(value, str):
            _check_widths(value, _PERCENT_WIDTH)
        if any(isinstance(a, int) and not isinstance(a, bool) and a > MAX_WIDTH for a in (*args, *kwargs.values())):
            raise SecurityError(f"a width over {MAX_WIDTH} is too large")
        return jinja_filter(value, *args, **kwargs)

    bounded.__name__ = jinja_filter.__name__
    return bounded


def _kind(name: str) -> str:
    return "markdown" if name.endswith(".md.j2") else "html"


def render_template(name: str, context: dict[str, Any], template_dirs: Sequence[str | Path] = ()) -> str:
    """Render the named template with `context`; user folders are searched before the built-in one.

    Raises:
        RenderError: one line naming the template file, the line and the reason.
    """
    env = _environment(_kind(name), tuple(str(Path(d)) for d in template_dirs))
    try:
        return env.get_template(name).render(context)
    except TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or name}: line {exc.lineno}: {exc.message}") from None
    except TemplateNotFound as exc:
        where = _template_frame(exc)
        searched = ", ".join(_search_path([str(d) for d in template_dirs]))
        raise RenderError(f"{where}template {exc.name!r} not found in {searched}") from None
    except Exception as exc:  # noqa: BLE001  (a template can make any operation fail: 1/0, a bad format…)
        raise RenderError(f"{_template_frame(exc) or name + ': '}{_reason(exc)}") from None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TemplateError):
        return exc.message or type(exc).__name__
    if isinstance(exc, RecursionError):
        return "templates include each other (or a macro calls itself) without end"
    if isinstance(exc, MemoryError):
        return "the template built a value too large for memory"
    if isinstance(exc, OverflowError):  # range() over 100,000 items, a float too large
        return f"a number too large ({exc})"
    return f"{type(exc).__name__}: {exc}"  # 1/0, none + 1, a bad format: the template's own mistake


def check_templates(template_dirs: Sequence[str | Path]) -> None:
    """Compile every template in the user's folders now, so a mistake is found before any work.

    Raises:
        RenderError: a template that is empty, too large, not UTF-8 or not valid Jinja, naming
            the file and, for syntax, the line.
    """
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*.j2")):
            try:
                with path.open("rb") as handle:
                    blob = handle.read(MAX_TEMPLATE_BYTES + 1)
                text = blob.decode("utf-8")
            except UnicodeDecodeError:
                raise RenderError(f"{path}: is not UTF-8 text") from None
            except OSError as exc:
                raise RenderError(f"{path}: cannot be read ({exc.strerror or exc})") from None
            if len(blob) > MAX_TEMPLATE_BYTES:
                raise RenderError(f"{path}: larger than the {MAX_TEMPLATE_BYTES // 1024} KB limit for a template")
            if not text.strip():
                raise RenderError(f"{path}: the template is empty; delete it to use the built-in one")
            env = _environment(_kind(path.name), tuple(str(Path(d)) for d in template_dirs))
            try:
                env.parse(text, path.relative_to(folder).as_posix(), str(path))
            except TemplateSyntaxError as exc:
                raise RenderError(f"{path}: line {exc.lineno}: {exc.message}") from None


def _template_frame(exc: BaseException) -> str:
    """``FILE: line N: `` of the innermost template frame in the traceback ('' if none)."""
    tb = exc.__traceback__
    found = ""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{filename}: line {tb.tb_lineno}: "
        tb = tb.tb_next
    return found
