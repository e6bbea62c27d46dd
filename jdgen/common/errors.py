"""The errors jdgen raises: one root, a few kinds, each readable as one line per problem.

The CLI catches `JdgenError` in one place and prints ``str(error)``; library users can catch
the root or a specific kind. A `CatalogError` or `InputError` may carry several problems (one
per invalid field or item); each prints on a line of its own.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass

#: Longest user value a message quotes; longer ones are cut with "…". A value can be megabytes
#: long (or, through YAML aliases, a structure that prints to gigabytes).
QUOTE_LIMIT = 60
#: Most problems an error shows, on the command line, in an API answer or a batch summary.
MAX_SHOWN_PROBLEMS = 20
_SHORT_REPR = reprlib.Repr()  # Python 3.11's Repr takes no arguments
_SHORT_REPR.maxlevel, _SHORT_REPR.maxlist, _SHORT_REPR.maxdict = 3, 4, 4
_SHORT_REPR.maxstring = _SHORT_REPR.maxother = QUOTE_LIMIT


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input: where it is and what to do about it.

    Attributes:
        file: the file (or a label such as ``"<profile>"``) the problem is in.
        message: what is wrong and, where it helps, how to fix it.
        item: the id of the catalog item, when the problem is inside one.
        field: the dotted path of the field, when the problem is in one.
    """

    file: str
    message: str
    item: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.item:
            where.append(self.item)
        if self.field:
            where.append(self.field)
        return f"{': '.join(where)}: {self.message}"


class JdgenError(Exception):
    """Root of every error jdgen raises on purpose.

    Attributes:
        problems: the individual problems, when the error gathers several.
    """

    def __init__(self, message: str = "", problems: tuple[Problem, ...] = ()) -> None:
        self.problems = problems
        if not message:
            message = "\n".join(str(p) for p in problems)
        super().__init__(message)

    def lines(self, limit: int = MAX_SHOWN_PROBLEMS) -> list[str]:
        """The error as lines to show: one per problem, else the message's own lines.

        At most `limit` of them, then one line saying how many more there are: a file with
        30,000 bad rows is 21 lines, not 30,000.
        """
        lines = [str(p) for p in self.problems[: limit + 1]] or str(self).splitlines() or [type(self).__name__]
        more = max(len(self.problems), len(lines)) - limit
        if more > 0:
            lines = [*lines[:limit], f"… and {more:,} more problem{'s' if more > 1 else ''}"]
        return lines


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """`value` quoted for a message, as ``repr`` gives it but never longer than about `limit` characters.

    ``quoted("x" * 500)`` is ``'xxx…'``; a list or mapping shows its first few entries.
    """
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[:limit] + "…")
    text = _SHORT_REPR.repr(value)
    return text if len(text) <= limit + 2 else text[:limit] + "…"


def first_of(lines: list[str]) -> str:
    """The first line, saying how many more there are: ``"… (and 2 more problems)"``."""
    more = len(lines) - 1
    return lines[0] + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")


class CatalogError(JdgenError):
    """The catalog (built-in or an overlay) is invalid: bad YAML, a bad field, a dangling id."""


class InputError(JdgenError):
    """A user input (answers, profile, an option's value) is invalid or unreadable."""


class RenderError(JdgenError):
    """A template or writer failed to produce the document."""


class OutputError(JdgenError):
    """The result cannot be written where asked (exists, not writable, not a folder)."""


class TargetExistsError(OutputError):
    """The file to write exists (or appeared while it was being written) and overwriting was not asked."""


class StoreError(JdgenError):
    """The survey store cannot be opened or used (a database out of reach, a file that cannot be written)."""


class StrictModeError(JdgenError):
    """Warnings fired while ``--strict`` (or ``strict=True``) asked that they fail the run."""
