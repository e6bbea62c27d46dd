"""A team survey's answers carried through the wizard, in one hidden field.

The wizard keeps no state on the server, so the facilitator's "continue to the job description"
posts the survey's answers (as JSON, shaped as an answers file's ``respondents``) with the
company's fields; every later step carries them on, and the verdict, the ranking and the JD
are those of the team.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from jdgen.common.errors import InputError

#: The hidden field that carries the team's answers.
TEAM_FIELD = "team"
#: The longest the field may be: fifty executives' answers with every note full (2,000 characters).
MAX_TEAM = 1_500_000


def team_json(respondents: Sequence[dict[str, Any]]) -> str:
    """The team's answers as the hidden field holds them."""
    return json.dumps(list(respondents), ensure_ascii=False, separators=(",", ":"))


def team_respondents(text: str) -> list[Any]:
    """The respondents the hidden field holds; the library checks their answers like any others.

    Raises:
        InputError: a field too long, not JSON, or with no respondent.
    """
    if len(text) > MAX_TEAM:
        raise InputError(f"the team's answers are too long ({len(text):,} characters; {MAX_TEAM:,} at most)")
    try:
        team = json.loads(text)
    except ValueError:
        raise InputError("the team's answers are not valid JSON; open the wizard again from the survey") from None
    if not isinstance(team, list) or not team:
        raise InputError("the team's answers hold no respondent; open the wizard again from the survey")
    return team
