"""The Jinja environments: sandboxed, strict about undefined names, one per template folder set.

Markdown templates (``*.md.j2``) print every value through `md_escape`; the HTML page
template (``*.html.j2``) autoescapes for HTML. Both are built once per folder list and
shared: a Jinja environment is safe to render from several threads once built.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    meta,
)
from jinja2.loaders import split_template_path

from jdgen.common import resources
from jdgen.common.errors import RenderError
from jdgen.common.words import lower_first, sentence_list
from jdgen.render.text import (
    link_host,
    link_target,
    long_date,
    md_escape,
    money,
    pay_range,
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


#: Largest template file read (a job description template is a few KB).
MAX_TEMPLATE_BYTES = 1024 * 1024


class _BoundedLoader(FileSystemLoader):
    """Jinja's file loader, refusing a file that is not a regular file or is over `MAX_TEMPLATE_BYTES`.

    An included ``*.txt`` is not checked ahead like a ``*.j2``; this stops a FIFO, a device or a
    huge file before it is read.
    """

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The template's source, file name and up-to-date check, as `FileSystemLoader` gives them."""
        pieces = split_template_path(template)
        for folder in self.searchpath:
            try:
                info = Path(folder, *pieces).stat()
            except (OSError, ValueError):
                continue
            if stat.S_ISDIR(info.st_mode):
                continue
            if not stat.S_ISREG(info.st_mode):
                raise TemplateError(f"{template} is not a regular file")
            if info.st_size > MAX_TEMPLATE_BYTES:
                raise TemplateError(
                    f"{template} is larger than the {MAX_TEMPLATE_BYTES // 1024} KB limit for a template"
                )
            break
        return super().get_source(environment, template)


def _search_path(extra: Sequence[str]) -> list[str]:
    return [*extra, str(resources.templates_dir())]


@lru_cache(maxsize=16)
def _environment(kind: str, extra: tuple[str, ...]) -> Environment:
    """The environment for templates of `kind` searched in `extra`, then the built-in folder.

    With no folder of the user's, every template it can load is jdgen's own: it renders without
    the sandbox's checks on each attribute and operation, which cost a third of a render. Any
    folder of the user's gets the sandbox.
    """
    options: dict[str, Any] = {
        "loader": _BoundedLoader(_search_path(extra)),
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        # A user's templates are read again when they change (a long-running service sees the
        # edit); the built-in ones never change, so they are not checked.
        "auto_reload": bool(extra),
    }
    environment: type[Environment] = Environment
    if extra:  # a user's folder: the sandbox
        from jdgen.render.sandbox import JdgenSandbox

        environment = JdgenSandbox
    if not extra:  # jdgen's own templates, compiled once into the user's cache (Jinja checks each against its source)
        options["bytecode_cache"] = _bytecode_cache(kind)
    if kind == "markdown":
        env = environment(autoescape=False, finalize=md_escape, **options)
    else:
        env = environment(autoescape=True, **options)
    env.filters.update(FILTERS)
    return env


def _bytecode_cache(kind: str) -> BytecodeCache | None:
    """Jinja's compiled templates kept in the user's cache, under a name that changes with jdgen and Jinja."""
    import jinja2

    from jdgen.common.cache import file_key, folder, key

    base = folder()
    if base is None:
        return None
    try:
        (base / "templates").mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    # The compiled code depends on this module's settings (finalize, filters) as well as on the source.
    stamp = key(kind, file_key(__file__), jinja2.__version__)
    return jinja2.FileSystemBytecodeCache(str(base / "templates"), f"{stamp}-%s.cache")


def _kind(name: str) -> str:
    return "markdown" if name.endswith(".md.j2") else "html"


def render_template(name: str, context: dict[str, Any], template_dirs: Sequence[str | Path] = ()) -> str:
    """Render the named template with `context`; user folders are searched before the built-in one.

    A built-in template renders here. One that is, or includes, a file of the user's folders
    renders in a separate process under CPU, time and memory limits (`jdgen.render.isolation`);
    on Windows, here too, with the sandbox's own checks only.

    Raises:
        RenderError: one line naming the template file, the line and the reason, or the limit hit.
    """
    extra = tuple(str(Path(d)) for d in template_dirs)
    if uses_user_files(name, extra) and sys.platform != "win32":  # Windows has no resource limits
        from jdgen.render.isolation import render_isolated

        return render_isolated(name, context, extra, template_file(name, extra))
    # No file of the user's is reachable: the built-in environment cannot read one either.
    return render_here(name, context, (), searched=extra)


def render_here(
    name: str,
    context: dict[str, Any],
    extra: tuple[str, ...],
    *,
    searched: tuple[str, ...] = (),
    memory_errors: bool = False,
) -> str:
    """Render in this process (the isolated worker calls this too), errors as one `RenderError` line.

    `searched` adds folders to the "not found" message; with `memory_errors`, a `MemoryError`
    is raised as it is, for the worker to report the limit hit.
    """
    env = _environment(_kind(name), extra)
    try:
        return env.get_template(name).render(context)
    except TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or name}: line {exc.lineno}: {exc.message}") from None
    except TemplateNotFound as exc:
        where = _template_frame(exc)
        folders = ", ".join(_search_path(extra or searched))
        raise RenderError(f"{where}template {exc.name!r} not found in {folders}") from None
    except MemoryError:
        if memory_errors:
            raise
        raise RenderError(f"{name}: {_reason(MemoryError())}") from None
    except Exception as exc:  # noqa: BLE001  (a template can make any operation fail: 1/0, a bad format…)
        raise RenderError(f"{_template_frame(exc) or name + ': '}{_reason(exc)}") from None


def template_file(name: str, extra: Sequence[str]) -> str:
    """The file `name` resolves to: the first user folder holding it, else the built-in folder."""
    for folder in _search_path(extra):
        path = Path(folder, name)
        if path.exists():
            return str(path)
    return name


def uses_user_files(name: str, extra: Sequence[str]) -> bool:
    """Whether rendering `name` may read a file of the user's folders `extra`.

    True when the template, or one that it includes, imports or extends (followed through the
    built-in templates), has a file of that name in a user folder; or when a built-in template
    on the way names its includes at run time.
    """
    if not extra:
        return False
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            pieces = split_template_path(current)
        except TemplateNotFound:
            return True  # a name like ../x: the worker gives the error, as for any user template
        if any(os.path.lexists(Path(folder, *pieces)) for folder in extra):
            return True
        references = _builtin_references(current)
        if references is None:
            return True
        todo.extend(references)
    return False


@lru_cache(maxsize=64)
def _builtin_references(name: str) -> frozenset[str] | None:
    """The templates a built-in template names (none if it is missing); None if it names one at run time."""
    path = resources.templates_dir() / name
    if not path.is_file():
        return frozenset()
    names = list(meta.find_referenced_templates(_environment(_kind(name), ()).parse(path.read_text("utf-8"))))
    return None if None in names else frozenset(n for n in names if n is not None)


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
            if not path.is_file():  # a FIFO would block the read, a device never end
                raise RenderError(f"{path}: is not a regular file")
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
