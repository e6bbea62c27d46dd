"""Plain-text tables and descriptions for the terminal (the CLI's listing commands)."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence

from jdgen.catalog import Catalog
from jdgen.models import Archetype
from jdgen.results import ChasmWarning


def width() -> int:
    """The terminal width, at least 60 and at most 120 columns."""
    return max(60, min(120, shutil.get_terminal_size((100, 24)).columns))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns sized to their content; the last column wraps to the terminal width."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    fixed = sum(widths[:-1]) + 2 * (len(headers) - 1)
    last = max(20, width() - fixed)
    lines = []
    for cells in [
        list(headers),
        ["-" * min(w, last) if i == len(widths) - 1 else "-" * w for i, w in enumerate(widths)],
        *rows,
    ]:
        head = "  ".join(str(c).ljust(widths[i]) for i, c in enumerate(cells[:-1]))
        wrapped = textwrap.wrap(str(cells[-1]), last) or [""]
        pad = " " * (fixed + (2 if len(headers) > 1 else 0)) if len(headers) > 1 else ""
        lines.append((head + "  " if len(headers) > 1 else "") + wrapped[0])
        lines.extend(pad + more for more in wrapped[1:])
    return "\n".join(line.rstrip() for line in lines)


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
    lines += ["", "Execution chasm" + (" (our synthesis; no source states it)" if a.chasm.inference else "") + ":"]
    lines += textwrap.wrap(a.chasm.summary, wrap, initial_indent="  ", subsequent_indent="  ")
    lines += _bullets("Typically lacks", a.chasm.lacks)
    lines += _bullets("Sources", [catalog.sources[s].citation() for s in a.sources])
    return "\n".join(lines)


SEVERITY_LABEL = {"critical": "critical", "warning": "warning", "info": "note"}


def warning_line(w: ChasmWarning) -> str:
    """One line for a chasm warning on stderr."""
    return f"{SEVERITY_LABEL[w.severity]}: {w.title} [{w.id}]"
