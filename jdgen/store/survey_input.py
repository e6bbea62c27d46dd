"""A new survey's inputs as people type them: respondents one per line, a closing day."""

from __future__ import annotations

import datetime

from jdgen.common.errors import InputError, Problem


def parse_respondents(text: str) -> tuple[tuple[str, str | None], ...]:
    """``Name, role`` per line (the role is optional) as (name, role) pairs; blank lines skipped."""
    people = []
    for line in text.splitlines():
        name, _, role = line.partition(",")
        if name.strip():
            people.append((" ".join(name.split()), " ".join(role.split()) or None))
    return tuple(people)


def closing_time(text: str, today: datetime.date) -> datetime.datetime | None:
    """The end of the closing day (UTC), from ``YYYY-MM-DD``; None when no day is given."""
    if not text.strip():
        return None
    try:
        day = datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            problems=(Problem("survey", f"{text.strip()!r} is not a day; write it as YYYY-MM-DD", field="closes"),)
        ) from None
    if day < today:
        raise InputError(problems=(Problem("survey", f"{day} has passed; choose today or later", field="closes"),))
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), datetime.UTC)
