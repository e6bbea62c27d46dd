"""Plain-text tables and descriptions for the terminal (the CLI's listing commands)."""

from __future__ import annotations

import os
import re
import sys
import textwrap
from collections.abc import Sequence
from typing import TextIO

from jdgen.data.catalog import Catalog
from jdgen.data.catalog_models import Archetype
from jdgen.decide.results import ChasmWarning

#: A last column of prose narrower than this reads as a ribbon of a few words a line: each row
#: is then printed as a short record instead (its key fields on a line, the text beneath).
NARROWEST_TEXT = 40
#: The widest a table's wrapped text runs, however wide the terminal: longer lines are hard to read.
WIDEST_TEXT = 80
_NUMBER = re.compile(r"^-?\d[\d,.]*$")


def width(*, err: bool = False) -> int:
    """The width to wrap prose at: the terminal's (standard error's with `err`), at least 60 and at most 120.

    Output that is not a terminal is wrapped at 100 columns unless ``$COLUMNS`` says otherwise.
    """
    return max(60, min(120, columns(sys.stderr if err else sys.stdout) or 100))


def columns(stream: TextIO) -> int | None:
    """The columns output to `stream` may use: ``$COLUMNS`` when set, else the terminal's width.

    None when the stream is not a terminal (a pipe or a file) and ``$COLUMNS`` is not set:
    tables then keep each row on one line, whole, for grep and the like.
    """
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):  # no real file descriptor behind the stream
        pass
    return None


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, err: bool = False) -> str:
    """Rows under their headers, sized to the terminal that standard output (or, with `err`, error) goes to.

    Columns take the width of their content, numbers aligned right. When the table is wider
    than the terminal, the last column wraps within the room left; when that room is narrower
    than `NARROWEST_TEXT` and a cell would take more than two lines in it, each row becomes a
    record (see `records`). Output that is not a terminal gets one line per row, nothing wrapped.
    """
    available = columns(sys.stderr if err else sys.stdout)
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    numeric = [bool(cells) and all(_NUMBER.match(r[i]) for r in cells) for i in range(len(headers))]
    fixed = sum(widths[:-1]) + 2 * (len(headers) - 1)
    text_width = widths[-1]
    if available is not None and fixed + widths[-1] > available and not numeric[-1]:
        text_width = min(available - fixed, WIDEST_TEXT)
        if text_width < NARROWEST_TEXT and widths[-1] > 2 * text_width and len(headers) > 1:
            return records(headers, cells, available)
        text_width = max(text_width, 1)

    def line(values: Sequence[str]) -> list[str]:
        head = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values[:-1], widths, numeric, strict=False)]
        last = values[-1].rjust(widths[-1]) if numeric[-1] else values[-1]
        wrapped = textwrap.wrap(last, text_width, break_on_hyphens=False) if len(last) > text_width else [last]
        out = ["  ".join([*head, wrapped[0] if wrapped else ""])]
        out += [" " * fixed + more for more in wrapped[1:]]
        return [text.rstrip() for text in out]

    rule = ["-" * w for w in widths[:-1]] + ["-" * min(widths[-1], text_width, WIDEST_TEXT)]
    numbered_headers = [h.rjust(w) if num else h for h, w, num in zip(headers, widths, numeric, strict=True)]
    lines = [*line(numbered_headers), *line(rule)]
    for row in cells:
        lines += line(row)
    return "\n".join(lines)


def records(headers: Sequence[str], rows: Sequence[Sequence[str]], available: int) -> str:
    """Each row as a short record: the first two fields on a line, the others labelled beneath, the last as text.

    ::

        enterprise-cx  Enterprise CX leader
          authority: advisory · reports to: CEO
          An executive who owns the company's customer strategy from the outside in …

    Records are separated by a blank line; text wraps at the terminal's width (at most
    `WIDEST_TEXT` characters).
    """
    indent = "  "
    line_width = max(20, min(available, WIDEST_TEXT + len(indent)))
    first = 2 if len(headers) > 2 else 1
    blocks = []
    for row in rows:
        labelled = [f"{h.lower()}: {v}" for h, v in zip(headers[first:-1], row[first:-1], strict=True)]
        lines = textwrap.wrap("  ".join(row[:first]), line_width, subsequent_indent=indent, break_long_words=False)
        for text in ([" · ".join(labelled)] if labelled else []) + [row[-1]]:
            lines += textwrap.wrap(
                text, line_width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
            )
        blocks.append("\n".join(line.rstrip() for line in lines))
    return "\n\n".join(blocks)


def _bullets(title: str, items: Sequence[str], indent: int = 2) -> list[str]:
    out = [f"{title}:"]
    for item in items:
        out.extend(
            textwrap.wrap(
                item, width() - indent - 2, initial_indent=" " * indent + "- ", subsequent_indent=" " * (indent + 2)
            )
        )
    return out


def describe_archetype(catalog: Catalog, archetype: Archetype) -> str:
    """Everything a reader needs about one archetype, as indented text."""
    a = archetype
    wrap = width()
    lines = [f"{a.name} ({a.id})", f"Job title: {a.title}", ""]
    lines += textwrap.wrap(a.summary, wrap)
    lines += [
        "",
        f"Reports to: {a.reports_to}",
        f"Authority: {catalog.authority_models[a.authority].title} ({a.authority})",
        f"Focus: {a.focus}",
    ]
    if a.dotted_lines:
        lines.append(f"Dotted lines from: {', '.join(a.dotted_lines)}")
    lines.append("")
    lines += _bullets("Scope", a.scope)
    lines += _bullets("Core blocks", [f"{catalog.blocks[b].title} ({b})" for b in a.core_blocks])
    lines += _bullets("Strengths", a.strengths)
    lines += ["", "Execution chasm" + (" (our reading of the sources below)" if a.chasm.inference else "") + ":"]
    lines += textwrap.wrap(a.chasm.summary, wrap, initial_indent="  ", subsequent_indent="  ")
    lines += _bullets("Typically lacks", a.chasm.lacks)
    lines += _bullets("Sources", [catalog.sources[s].citation(catalog.source_years[s]) for s in a.sources])
    return "\n".join(lines)


SEVERITY_LABEL = {"critical": "critical", "warning": "warning", "info": "note"}


def warning_line(w: ChasmWarning) -> str:
    """One line for a chasm warning on stderr."""
    return f"{SEVERITY_LABEL[w.severity]}: {w.title} [{w.id}]"
