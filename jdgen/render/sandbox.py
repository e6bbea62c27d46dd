"""The template sandbox: Jinja's immutable sandbox, with size checks on what a template can build.

These checks are cheap and refuse the usual ways a small template builds a huge value. They do
not bound run time or memory on their own (nested loops, ``~`` in a loop): a user's template is
also rendered in a separate process with CPU, time and memory limits (`jdgen.render.isolation`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.filters import make_attrgetter
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from markupsafe import Markup, escape, soft_str

#: Largest string or list a template may build with ``*``, ``+``, ``join``, ``replace``,
#: ``expandtabs`` or the ``indent`` filter.
MAX_PRODUCT_LENGTH = 10_000_000
#: Largest exponent of ``**``.
MAX_EXPONENT = 1_000
#: Largest whole number ``**`` or ``*`` may make, in bits (about 30,000 decimal digits).
MAX_NUMBER_BITS = 100_000
#: The widest padding or precision a template may ask for (``"%9999999s"``, ``"{:>9999999}"``, ``center(…)``).
MAX_WIDTH = 10_000
#: The largest ``indent`` of ``tojson`` and ``model_dump_json`` (JSON for people reads well with 2 or 4).
MAX_INDENT = 100

_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})


def _refuse_width(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and value > MAX_WIDTH:
        raise SecurityError(f"a width over {MAX_WIDTH} is too large")


def _refuse_size(size: int, what: str) -> None:
    if size > MAX_PRODUCT_LENGTH:
        raise SecurityError(f"{what} would make a value over {MAX_PRODUCT_LENGTH:,} long")


def check_format_spec(spec: str) -> None:
    """Refuse a ``str.format`` field spec whose width or precision is over `MAX_WIDTH`.

    Every run of digits counts: a digit used as the fill character is small anyway.
    """
    for digits in re.findall(r"[0-9]+", spec):
        if len(digits) > 5 or int(digits) > MAX_WIDTH:
            raise SecurityError(f"a width over {MAX_WIDTH} is too large")


def check_percent_format(fmt: str, values: Any) -> None:
    """Refuse a ``%`` format with a width or precision over `MAX_WIDTH`, written or given by ``*``.

    Walks the format as CPython does (mapping key with nested brackets, flags, width, precision,
    length modifier, conversion), so that a ``*`` takes the same argument Python would give it.
    """
    args = values if isinstance(values, tuple) else (values,)
    n, i, used = len(fmt), 0, 0
    while (i := fmt.find("%", i)) >= 0:
        i += 1
        if i < n and fmt[i] == "(":
            depth, i = 1, i + 1
            while i < n and depth:
                depth += {"(": 1, ")": -1}.get(fmt[i], 0)
                i += 1
        while i < n and fmt[i] in "-+ #0":
            i += 1
        for part in ("width", "precision"):
            if part == "precision":
                if i >= n or fmt[i] != ".":
                    break
                i += 1
            if i < n and fmt[i] == "*":
                if used < len(args):
                    _refuse_width(args[used])
                used, i = used + 1, i + 1
                continue
            start = i
            while i < n and fmt[i] in "0123456789":
                i += 1
            if i - start > 5 or (i > start and int(fmt[start:i]) > MAX_WIDTH):
                raise SecurityError(f"a width over {MAX_WIDTH} is too large")
        while i < n and fmt[i] in "hlL":
            i += 1
        if i < n and fmt[i] != "%":
            used += 1
        i += 1


def _replaced_size(text: str, old: str, new: str, count: Any) -> int:
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(0, len(new) - len(old))


class _BoundedFormatter(SandboxedFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        # The spec arrives here with its nested fields ({0:>{1}}) already filled in.
        check_format_spec(format_spec)
        return super().format_field(value, format_spec)


class _BoundedEscapeFormatter(_BoundedFormatter, SandboxedEscapeFormatter):
    pass


class JdgenSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, refusing values that would be too large to build.

    The sandbox refuses attributes such as ``__class__`` and ``__globals__`` and any change to a
    list, dict or set; template names resolve only inside the template folders; templates have
    no import of Python modules and no file access. On top of that, a template cannot ask for a
    width or precision over `MAX_WIDTH` (``%``, ``str.format``, ``format_map``, padding methods,
    the ``format`` and ``center`` filters), build a string or list over `MAX_PRODUCT_LENGTH` with
    ``*``, ``+``, ``join``, ``replace``, ``expandtabs`` or ``indent``, raise to a power over
    `MAX_EXPONENT` or make a number over `MAX_NUMBER_BITS`, or indent JSON by over `MAX_INDENT`.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)  # builds any length of text from one call
        for name in ("center", "format", "indent", "tojson", "join", "replace"):
            self.filters[name] = _bounded_filter(name, self.filters[name])

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Multiply, add, format or raise to a power within bounds; refuse anything larger."""
        if operator == "+":
            if _length(left) + _length(right) > MAX_PRODUCT_LENGTH:
                raise SecurityError("joining these values would make one too large")
        elif operator == "%":
            if isinstance(left, str):
                check_percent_format(left, right)
        elif operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"the exponent {right} is too large (at most {MAX_EXPONENT})")
            if _is_int(left) and _is_int(right) and right > 0 and abs(left).bit_length() * right > MAX_NUMBER_BITS:
                raise SecurityError(f"the power would be a number of over {MAX_NUMBER_BITS:,} bits")
        elif operator == "*":
            if _is_int(left) and _is_int(right) and abs(left).bit_length() + abs(right).bit_length() > MAX_NUMBER_BITS:
                raise SecurityError(f"the product would be a number of over {MAX_NUMBER_BITS:,} bits")
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and _is_int(times) and len(seq) * times > MAX_PRODUCT_LENGTH:
                    raise SecurityError(f"repeating a {len(seq)}-long value {times} times is too large")
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """An attribute, with ``str.format`` and ``format_map`` bounded (`check_format_spec`)."""
        if isinstance(obj, str) and attribute in ("format", "format_map"):
            return self._bounded_format(obj, attribute == "format_map")
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """An item, or an attribute by subscript, with ``str.format`` bounded as in `getattr`."""
        if isinstance(obj, str) and argument in ("format", "format_map"):
            return self._bounded_format(obj, argument == "format_map")
        return super().getitem(obj, argument)

    def _bounded_format(self, text: str, is_map: bool) -> Callable[..., str]:
        formatter: SandboxedFormatter
        if isinstance(text, Markup):
            formatter = _BoundedEscapeFormatter(self, escape=text.escape)
        else:
            formatter = _BoundedFormatter(self)
        kind = type(text)

        def bounded(*args: Any, **kwargs: Any) -> str:
            if not is_map:
                return kind(formatter.vformat(text, args, kwargs))
            if kwargs or len(args) != 1:
                raise TypeError("format_map() takes exactly one argument")
            return kind(formatter.vformat(text, (), args[0]))

        bounded.__name__ = "format_map" if is_map else "format"
        return bounded

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Call within bounds: no padding, tab, join, replace or JSON indent that would build a huge string."""
        if getattr(obj, "__name__", "").endswith("json"):  # model_dump_json(indent=…)
            _refuse_indent(kwargs.get("indent"))
        text = getattr(obj, "__self__", None)
        if isinstance(text, str):
            name = getattr(obj, "__name__", "")
            if name in ("format", "format_map"):  # Jinja 3.1.4's attr filter gives the method itself
                obj = self._bounded_format(text, name == "format_map")
            elif name in _PADDING_METHODS:
                for value in (*args, *kwargs.values()):
                    _refuse_width(value)
            elif name == "expandtabs":
                size = [v for v in (*args, *kwargs.values()) if _is_int(v)]
                _refuse_size(len(text) + text.count("\t") * max([0, *size, 8]), "expanding these tabs")
            elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
                count = args[2] if len(args) > 2 else kwargs.get("count", -1)
                _refuse_size(_replaced_size(text, args[0], args[1], count), "this replace")
            elif name == "join" and len(args) == 1 and not kwargs:
                items = list(args[0])
                if all(isinstance(item, str) for item in items):
                    _refuse_size(sum(map(len, items)) + len(text) * max(0, len(items) - 1), "this join")
                args = (items,)
        return super().call(context, obj, *args, **kwargs)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


def _check_join(eval_ctx: EvalContext | None, value: Any, args: list[Any], kwargs: dict[str, Any]) -> list[Any]:
    text = _escaped if eval_ctx is not None and eval_ctx.autoescape else soft_str
    items = list(value)
    attribute = kwargs.get("attribute", args[1] if len(args) > 1 else None)
    shown: Iterable[Any] = items
    if attribute is not None and eval_ctx is not None:
        shown = map(make_attrgetter(eval_ctx.environment, attribute), items)
    joiner = text(kwargs.get("d", args[0] if args else ""))
    lengths = [len(text(item)) for item in shown]
    _refuse_size(sum(lengths) + len(joiner) * max(0, len(lengths) - 1), "this join")
    return items


def _check_replace(eval_ctx: EvalContext | None, value: Any, args: list[Any], kwargs: dict[str, Any]) -> Any:
    text = _escaped if eval_ctx is not None and eval_ctx.autoescape else soft_str
    old, new = kwargs.get("old", args[0] if args else ""), kwargs.get("new", args[1] if len(args) > 1 else "")
    count = kwargs.get("count", args[2] if len(args) > 2 else None)
    _refuse_size(_replaced_size(text(value), text(old), text(new), count), "this replace")
    return value


def _check_format(eval_ctx: EvalContext | None, value: Any, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if isinstance(value, str):
        check_percent_format(value, kwargs or tuple(args))
    return value


def _check_tojson(eval_ctx: EvalContext | None, value: Any, args: list[Any], kwargs: dict[str, Any]) -> Any:
    _refuse_indent(kwargs.get("indent", args[0] if args else None))
    return value


def _check_indent(eval_ctx: EvalContext | None, value: Any, args: list[Any], kwargs: dict[str, Any]) -> Any:
    width = kwargs.get("width", args[0] if args else 4)
    _refuse_width(width)
    step = len(width) if isinstance(width, str) else width if _is_int(width) else 0
    text = soft_str(value)
    _refuse_size(len(text) + (text.count("\n") + 1) * max(0, step), "this indent")
    return value


def _check_center(eval_ctx: EvalContext | None, value: Any, args: list[Any], kwargs: dict[str, Any]) -> Any:
    for width in (*args, *kwargs.values()):
        _refuse_width(width)
    return value


_FILTER_CHECKS: dict[str, Callable[[EvalContext | None, Any, list[Any], dict[str, Any]], Any]] = {
    "center": _check_center,
    "format": _check_format,
    "indent": _check_indent,
    "tojson": _check_tojson,
    "join": _check_join,
    "replace": _check_replace,
}


def _bounded_filter(name: str, jinja_filter: Any) -> Any:
    """Jinja's filter `name`, refusing a width, indent or result size over the sandbox's bounds."""
    check = _FILTER_CHECKS[name]
    takes_context = hasattr(jinja_filter, "jinja_pass_arg")  # join, replace and tojson get the eval context

    def bounded(*args: Any, **kwargs: Any) -> Any:
        eval_ctx, (value, *rest) = (args[0], args[1:]) if takes_context else (None, args)
        value = check(eval_ctx, value, rest, kwargs)  # join's items, read once
        return jinja_filter(*((eval_ctx,) if takes_context else ()), value, *rest, **kwargs)

    return functools.update_wrapper(bounded, jinja_filter)  # keeps Jinja's pass_eval_context mark


def _refuse_indent(indent: Any) -> None:
    if _is_int(indent) and indent > MAX_INDENT:
        raise SecurityError(f"an indent over {MAX_INDENT} is too large")


def _escaped(value: Any) -> str:
    return str(escape(value))
