"""The errors jdgen raises: one root, a few kinds, each readable as one line per problem.

The CLI catches `JdgenError` in one place and prints ``str(error)``; library users can catch
the root or a specific kind. A `CatalogError` or `InputError` may carry several problems (one
per invalid field or item); each prints on a line of its own.
"""

from __future__ import annotations

from dataclasses import dataclass


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

    def lines(self) -> list[str]:
        """The error as lines to show: one per problem, else the message's own lines."""
        return [str(p) for p in self.problems] or str(self).splitlines() or [type(self).__name__]


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


class StrictModeError(JdgenError):
    """Warnings fired while ``--strict`` (or ``strict=True``) asked that they fail the run."""
