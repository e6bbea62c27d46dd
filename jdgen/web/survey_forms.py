"""The facilitator's form for a new team survey, its guard against forged posts, and the way back into the wizard.

A new survey is made from a form (the company, the respondents one per line, a closing day).
That form is the one survey page whose address holds no secret, so it carries a form key: a
random value the server sets in a same-site cookie and repeats in the form, and a post whose two
copies differ is refused (OWASP's double-submit cookie, on top of the server's cross-site check).
The respondents' and facilitator's pages need none: the secret in their address is one.
"""

from __future__ import annotations

import datetime
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jdgen.common.errors import InputError, Problem
from jdgen.data.input_models import Profile
from jdgen.store.survey_input import closing_time, parse_respondents
from jdgen.store.surveys import MAX_NAME_CHARS, MAX_RESPONDENTS
from jdgen.web.forms import profile_values, read_profile
from jdgen.web.profile_form import CHECK_PREFIX, PROFILE_FIELDS, FormField

#: The company's fields a survey asks for (the rest of the profile is asked for in the wizard).
SURVEY_COMPANY_FIELDS: tuple[FormField, ...] = tuple(
    f for f in PROFILE_FIELDS if f.name in ("company", "industry", "sector", "priorities")
)
FORM_COOKIE = "jdgen_form"
FORM_KEY_FIELD = "form_key"


@dataclass(frozen=True)
class SurveyRequest:
    """What a facilitator asked for: the company, the respondents ((name, role) each), the closing time."""

    company: dict[str, Any]
    respondents: tuple[tuple[str, str | None], ...]
    closes_at: datetime.datetime | None


def cookie_name(scope: Mapping[str, Any]) -> str:
    """One cookie per port, as the token's: browsers share cookies between a host's ports."""
    server = scope.get("server") or ("", 0)
    return f"{FORM_COOKIE}_{server[1]}" if server[1] else FORM_COOKIE


def form_key(cookies: Mapping[str, str], scope: Mapping[str, Any]) -> tuple[str, bool]:
    """The form key for a new form: the browser's own (False), or a new one to set in its cookie (True)."""
    kept = cookies.get(cookie_name(scope), "")
    if len(kept) >= 32 and kept.isascii():
        return kept, False
    return secrets.token_urlsafe(32), True


def form_key_cookie(scope: Mapping[str, Any], key: str) -> str:
    """The Set-Cookie value that keeps `key` for this server's forms."""
    return f"{cookie_name(scope)}={key}; HttpOnly; SameSite=Strict; Path=/surveys"


def form_key_matches(cookies: Mapping[str, str], scope: Mapping[str, Any], posted: object) -> bool:
    """Whether a post carries the form key its browser's cookie holds (compared in constant time)."""
    kept = cookies.get(cookie_name(scope), "")
    if not kept or not isinstance(posted, str):
        return False
    return hmac.compare_digest(kept.encode("utf-8", "replace"), posted.encode("utf-8", "replace"))


def read_survey_form(form: Mapping[str, Any], today: datetime.date) -> SurveyRequest:
    """The survey a facilitator's form asks for.

    Raises:
        InputError: every problem, each with the `field` it is about.
    """
    state = {k: v for k, v in form.items() if isinstance(v, str)}
    problems: list[Problem] = []
    company: dict[str, Any] = {}
    if not state.get("company", "").strip():
        problems.append(Problem("survey", "give the company's name: the respondents see it", field="company"))
    try:
        known = {f.name for f in SURVEY_COMPANY_FIELDS}
        chosen = {k: v for k, v in state.items() if k in known or k.startswith(CHECK_PREFIX)}
        for field in SURVEY_COMPANY_FIELDS:  # a select's value is one of its choices (the sector is the catalog's)
            given = chosen.get(field.name, "")
            if field.kind == "select" and given and given not in dict(field.choices):
                problems.append(Problem("survey", f"{given!r} is not one of the choices", field=field.name))
                chosen.pop(field.name)
        read_profile(chosen)  # the same checks as the wizard's first step
        company = {k: v for k, v in profile_values(chosen).items() if k in known}
    except InputError as exc:
        problems.extend(exc.problems)
    people = parse_respondents(state.get("respondents", ""))
    if not people:
        problems.append(Problem("survey", "list the respondents, one per line: Name, role", field="respondents"))
    elif len(people) > MAX_RESPONDENTS:
        problems.append(
            Problem(
                "survey", f"{len(people)} respondents; a survey takes {MAX_RESPONDENTS} at most", field="respondents"
            )
        )
    too_long = [n for n, r in people if len(n) > MAX_NAME_CHARS or len(r or "") > MAX_NAME_CHARS]
    if too_long:
        problems.append(
            Problem("survey", f"a name or role holds {MAX_NAME_CHARS} characters at most", field="respondents")
        )
    closes_at = None
    try:
        closes_at = closing_time(state.get("closes", ""), today)
    except InputError as exc:
        problems.extend(exc.problems)
    if problems:
        raise InputError(problems=tuple(problems))
    return SurveyRequest(company, people, closes_at)


def wizard_state(company: Mapping[str, Any]) -> dict[str, str]:
    """A stored survey's company as the wizard's form fields (the inverse of `profile_values`)."""
    profile = Profile.model_validate(dict(company)).model_dump(mode="json", exclude_defaults=True)
    state: dict[str, str] = {}
    for field in PROFILE_FIELDS:
        value: Any = profile
        for part in field.name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None or value == [] or value == "":
            continue
        if field.kind == "checks":
            state.update({f"{CHECK_PREFIX}{choice}": "yes" for choice in value})
        elif isinstance(value, list):
            state[field.name] = ("\n" if field.kind == "lines" else ", ").join(str(v) for v in value)
        else:
            state[field.name] = str(value)
    return state
