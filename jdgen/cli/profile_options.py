"""The company profile on the command line: ``--profile FILE`` and one option per profile field.

Numbers (pay, headcount, team size) are read as jdgen reads them in a CSV cell, and the
options override the file's fields. Like every command module, this one loads click and nothing
heavy; the library is imported inside the functions that use it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from jdgen.cli.common import apply_options

if TYPE_CHECKING:
    from jdgen.data.input_models import Profile

F = TypeVar("F", bound=Callable[..., Any])


def _number(whole: bool = False) -> Callable[[click.Context, click.Parameter, str | None], int | float | None]:
    """An option's callback reading its text as jdgen reads a number in a CSV cell (`jdgen.data.inputs.number_from_text`).

    ``250000``, ``250,000`` and ``1,250,000.50`` are numbers; ``85,5`` (a decimal comma),
    ``265.000`` (a thousands point) and ``2,50,000`` are refused rather than read as another
    amount, in a usage error saying how to write the number. With `whole`, only whole numbers.
    """

    def convert(_ctx: click.Context, _param: click.Parameter, text: str | None) -> int | float | None:
        if text is None:
            return None
        from jdgen.data.inputs import number_from_text

        unsigned = text.strip().removeprefix("-")
        number = number_from_text(unsigned)
        if isinstance(number, str):
            if whole:
                raise click.BadParameter(f"{text!r} is not a whole number; write it as 2400 or 2,400")
            raise click.BadParameter(
                f"{text!r} is not a number jdgen reads; write 250000, 250,000 or 1,250,000.50 "
                "(a point before decimals, commas only between thousands)"
            )
        if number and unsigned != text.strip():
            raise click.BadParameter(f"{text!r} is below 0; give 0 or more")
        if whole and not float(number).is_integer():
            raise click.BadParameter(f"{text!r} is not a whole number; write it as 2400 or 2,400")
        return int(number) if whole else number

    return convert


_PROFILE_OPTION = click.option(
    "--profile", "profile_path", type=click.Path(dir_okay=False, path_type=Path), help="Company profile (YAML)."
)
_ROLE_OPTIONS: list[Any] = [
    _PROFILE_OPTION,
    click.option("--company", help="Company name (overrides the profile)."),
    click.option("--industry", help="Industry, in your words (shown in the documents)."),
    click.option("--sector", help="The company's sector, e.g. saas, retail, public-sector (jdgen sectors lists them)."),
    click.option(
        "--priority",
        "priorities",
        multiple=True,
        help="A problem the role is hired to solve, e.g. retention (repeatable; jdgen priorities lists them).",
    ),
    click.option("--reports-to", help="Job title the CCO reports to (default: the archetype's, usually CEO)."),
    click.option(
        "--layered-onto",
        type=click.Choice(["none", "customer-service", "marketing", "other"]),
        help="An existing job the CCO work is added to.",
    ),
    click.option(
        "--team-size", metavar="NUMBER", callback=_number(whole=True), help="People in the CCO's team at the start."
    ),
    click.option(
        "--experience-years",
        metavar="NUMBER",
        callback=_number(whole=True),
        help="Years of experience asked for (the posting says 'substantial experience' in the UK and EU).",
    ),
    click.option("--team-scale", help="The scale of teams led before, e.g. 'service teams of 500 people'."),
    click.option("--travel", help="How much travel, and where."),
]
_LOCATION_OPTIONS: list[Any] = [
    click.option("--city", help="City of the role."),
    click.option("--region", help="State, province or region."),
    click.option("--country", help="Country."),
    click.option("--remote", type=click.Choice(["no", "hybrid", "yes"]), help="Remote working."),
    click.option(
        "--remote-scope",
        multiple=True,
        help="Where a remote candidate may live: a state, country or region (repeatable).",
    ),
    click.option(
        "--employees",
        metavar="NUMBER",
        callback=_number(whole=True),
        help="The employer's headcount (pay-transparency thresholds).",
    ),
]
_POSTING_OPTIONS: list[Any] = [
    *_LOCATION_OPTIONS,
    click.option(
        "--pay-min", metavar="NUMBER", callback=_number(), help="Bottom of the pay range, e.g. 250000 or 250,000."
    ),
    click.option("--pay-max", metavar="NUMBER", callback=_number(), help="Top of the pay range."),
    click.option("--currency", help="ISO 4217 currency code, e.g. USD."),
    click.option("--pay-period", type=click.Choice(["hour", "day", "week", "month", "year"]), help="Pay period."),
    click.option("--bonus", help="Annual bonus or short-term incentive, e.g. 'Target of 30% of base pay'."),
    click.option("--equity", help="Long-term incentive or equity."),
    click.option(
        "--hiring-step", "hiring_process", multiple=True, help="A step of the hiring process (repeatable, in order)."
    ),
    click.option("--start", help="When the role starts, e.g. 'Spring 2027'."),
    click.option("--date-posted", type=click.DateTime(["%Y-%m-%d"]), help="Posting date (YYYY-MM-DD)."),
    click.option("--valid-through", type=click.DateTime(["%Y-%m-%d"]), help="Closing date (YYYY-MM-DD)."),
    click.option("--apply-url", help="Where candidates apply (http/https URL)."),
    click.option("--company-url", help="The company's website (http/https URL), for the JSON-LD."),
    click.option("--posting-url", help="Where the posting is published (http/https URL), for the JSON-LD."),
    click.option("--requisition-id", help="The requisition's number in your ATS (JSON-LD identifier)."),
    click.option("--logo-url", help="The company's logo (http/https URL), for the JSON-LD."),
    click.option("--openings", metavar="NUMBER", callback=_number(whole=True), help="People hired on this posting."),
    click.option(
        "--education",
        type=click.Choice(
            ["high school", "associate degree", "bachelor degree", "professional certificate", "postgraduate degree"]
        ),
        help="The lowest education asked for (JSON-LD educationRequirements).",
    ),
]


def role_options(func: F) -> F:
    """``--profile FILE`` and the profile fields that change the role: company, sector, priorities, reporting line, layering, team."""
    return apply_options(func, _ROLE_OPTIONS)


def location_options(func: F) -> F:
    """``--profile FILE`` and the fields that say where the job is and who posts it (for the pay laws)."""
    return apply_options(func, [_PROFILE_OPTION, *_LOCATION_OPTIONS])


def profile_options(func: F) -> F:
    """``--profile FILE`` and one option per profile field (each overrides the file)."""
    return apply_options(func, _ROLE_OPTIONS + _POSTING_OPTIONS)


_OVERRIDES = {
    "company": "company",
    "industry": "industry",
    "sector": "sector",
    "priorities": "priorities",
    "reports_to": "reports_to",
    "layered_onto": "layered_onto",
    "team_size": "team_size",
    "experience_years": "experience_years",
    "team_scale": "team_scale",
    "travel": "travel",
    "bonus": "bonus",
    "equity": "equity",
    "hiring_process": "hiring_process",
    "start": "start",
    "city": "location.city",
    "region": "location.region",
    "country": "location.country",
    "remote": "remote",
    "remote_scope": "remote_scope",
    "employees": "employees",
    "pay_min": "pay.min",
    "pay_max": "pay.max",
    "currency": "pay.currency",
    "pay_period": "pay.period",
    "date_posted": "date_posted",
    "valid_through": "valid_through",
    "apply_url": "apply_url",
    "company_url": "company_url",
    "posting_url": "posting_url",
    "requisition_id": "requisition_id",
    "logo_url": "logo_url",
    "openings": "openings",
    "education": "education",
}


def profile_from(profile_path: Path | None, fields: dict[str, Any]) -> Profile:
    """The profile file (if any) with the command-line fields applied over it."""
    from jdgen.data.input_models import Profile
    from jdgen.data.inputs import load_profile, override_profile

    profile = load_profile(profile_path) if profile_path else None
    values = overrides(fields)
    if any(v is not None for v in values.values()):
        label = f"{profile_path} with command-line options" if profile_path else "command-line options"
        profile = override_profile(profile, values, label=label)
    return profile or Profile()


def overrides(options: dict[str, Any]) -> dict[str, Any]:
    """The profile fields the command-line options set, by dotted profile key (None when not given)."""
    out: dict[str, Any] = {}
    for name, key in _OVERRIDES.items():
        value = options.get(name)
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, tuple):
            value = list(value) or None  # a repeatable option not given
        out[key] = value
    return out
