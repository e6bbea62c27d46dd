"""Which pay-transparency rules apply to a profile on a given day (`applicable_rules`).

Place names are compared without case, accents or punctuation, so ``"Washington, D.C."`` is
``"washington dc"`` and ``"N.Y.C."`` is ``"nyc"``. Pure and deterministic.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import Field

from jdgen.common.errors import quoted
from jdgen.data.fields import Frozen
from jdgen.data.input_models import Location, Profile
from jdgen.postings.pay_rules import US_NAME, PayRule, Via, load_pay_rules


def normalise_place(name: str) -> str:
    """A place name compared without case, accents or punctuation: ``"Washington, D.C."`` → ``"washington dc"``."""
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[.'’]", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


class Applicable(Frozen):
    """A rule that applies to a profile, and why."""

    rule: PayRule
    via: Via = Field(description="location, remote-scope, or assumed-country (remote with no scope).")
    place: str = Field(description="The place that matched: the location's label or the remote-scope entry.")
    reason: str = Field(description="Why the rule applies, in one sentence.")
    size_unknown: bool = Field(
        default=False, description="The rule has a headcount threshold and the profile does not give `employees`."
    )


@dataclass(frozen=True)
class _Names:
    countries: frozenset[str]
    regions: frozenset[str]
    cities: frozenset[str]
    state: str | None  # us-city: the normalised name of the city's state


def _names(rule: PayRule) -> _Names:
    m = rule.match
    regions = frozenset(normalise_place(r) for r in m.regions)
    state = normalise_place(m.regions[0]) if rule.kind == "us-city" else None
    return _Names(
        frozenset(normalise_place(c) for c in m.countries),
        regions,
        frozenset(normalise_place(c) for c in m.cities),
        state,
    )


@dataclass(frozen=True)
class _Place:
    city: str | None
    region: str | None
    country: str | None


def _norm_or_none(value: str | None) -> str | None:
    text = normalise_place(value) if value else ""
    return text or None


def names_no_us_state_or_city(location: Location, rules: Sequence[PayRule]) -> bool:
    """Whether `location` is in a country whose pay laws are its states' and cities', naming neither."""
    country = _norm_or_none(location.country)
    us_names = {name for rule in rules if rule.kind != "eu" for name in _names(rule).countries}
    return country in us_names and not location.city and not location.region


def _matches(rule: PayRule, names: _Names, place: _Place) -> bool:
    if rule.kind == "eu":
        return place.country is not None and place.country in names.countries
    if place.country is not None and place.country not in names.countries:
        return False
    if rule.kind != "us-city" and place.region is not None and place.region in names.regions:
        return True
    region_ok = place.region is None or place.region in names.regions
    return place.city is not None and place.city in names.cities and region_ok


def _with_implied_region(place: _Place, rules: Sequence[tuple[PayRule, _Names]]) -> _Place:
    """A city named without its region takes the region of the city rule it matches (NYC → New York)."""
    if place.region is not None:
        return place
    for rule, names in rules:
        if names.state is not None and _matches(rule, names, place):
            return _Place(place.city, names.state, place.country)
    return place


def _size(rule: PayRule, employees: int | None) -> tuple[bool, bool]:
    """(applies, size unknown) for the employer's headcount."""
    if rule.employees_min is None:
        return True, False
    if employees is None:
        return True, True
    return employees >= rule.employees_min, False


_REACHES = "and this law reaches remote jobs that could be done there"


def _scope_hits(
    entry: str, rules: Sequence[tuple[PayRule, _Names]], *, assumed: bool = False
) -> list[tuple[PayRule, str]]:
    """The rules a remote-scope entry triggers, each with the reason.

    With `assumed`, the entry is the location's country standing in for an empty remote scope.
    """
    key = normalise_place(entry)
    if not key:
        return []
    scope = (
        f"the role is fully remote with no remote_scope, so jdgen assumed hires may live anywhere in {entry} "
        "(the location's country)"
        if assumed
        else f"the remote scope includes {quoted(entry)}"
    )
    country_rules = [rule for rule, names in rules if key in names.countries]
    if country_rules:
        return [
            (rule, f"{scope}, which {rule.jurisdiction} law covers" if rule.kind == "eu" else f"{scope}, {_REACHES}")
            for rule in country_rules
            if rule.kind == "eu" or rule.covers_remote
        ]
    states = [rule for rule, names in rules if rule.kind != "us-city" and key in names.regions]
    if states:
        hits = [(rule, scope) for rule in states]
        hits += [
            (rule, f"{scope}, so a hire may work from {rule.jurisdiction}, {_REACHES}")
            for rule, names in rules
            if names.state is not None and key in names.regions and rule.covers_remote
        ]
        return hits
    hits = []
    for rule, names in rules:
        if key in names.cities:
            hits.append((rule, scope))
            if names.state is not None:
                hits += [
                    (parent, f"{scope}, which is in {parent.jurisdiction}")
                    for parent, parent_names in rules
                    if parent.kind != "us-city" and names.state in parent_names.regions
                ]
    return hits


def _location_country(place: _Place, rules: Sequence[tuple[PayRule, _Names]], written: str | None) -> str | None:
    """The location's country as written, else the United States when a US rule matches the location."""
    if written:
        return written
    if any(rule.kind != "eu" and _matches(rule, names, place) for rule, names in rules):
        return US_NAME
    return None


def applicable_rules(
    profile: Profile, on: datetime.date, rules: Sequence[PayRule] | None = None
) -> tuple[Applicable, ...]:
    """The rules that apply to a posting for `profile` on day `on`, in rules-file order.

    The location always counts. With ``remote: yes``, each `remote_scope` entry counts too: a
    country means every rule of that country whose law reaches remote jobs (`covers_remote`);
    a state means that state's rule plus the remote-reaching rules of its cities; a city means
    that city's rule plus its state's. A fully remote role with no scope is assumed open to the
    location's whole country, and the reason says so. Hybrid and on-site roles count the
    location only.

    A rule applies from its `effective` day on, and to employers of at least `employees_min`;
    when the profile does not give `employees`, a rule with a threshold still applies and is
    marked `size_unknown`.

    Args:
        profile: the posting's facts.
        on: the day the posting goes out.
        rules: the rules to use; the built-in file by default.

    Returns:
        One `Applicable` per rule that applies, with the first reason found (location first).
    """
    indexed = [(rule, _names(rule)) for rule in (load_pay_rules() if rules is None else rules)]
    found: dict[str, tuple[Via, str, str]] = {}

    loc = profile.location
    location_label = loc.label() if loc is not None else ""
    if loc is not None and location_label:
        place = _with_implied_region(
            _Place(_norm_or_none(loc.city), _norm_or_none(loc.region), _norm_or_none(loc.country)), indexed
        )
        for rule, names in indexed:
            if _matches(rule, names, place):
                reason = f"the location ({location_label}) is in {rule.jurisdiction}"
                found.setdefault(rule.id, ("location", location_label, reason))
    else:
        place = _Place(None, None, None)

    if profile.remote == "yes":
        for entry in profile.remote_scope:
            for rule, reason in _scope_hits(entry, indexed):
                found.setdefault(rule.id, ("remote-scope", entry, reason))
        if not profile.remote_scope and loc is not None:
            country = _location_country(place, indexed, loc.country)
            if country:
                for rule, reason in _scope_hits(country, indexed, assumed=True):
                    found.setdefault(rule.id, ("assumed-country", country, reason))

    out = []
    for rule, _ in indexed:
        if rule.id not in found or on < rule.effective:
            continue
        applies, unknown = _size(rule, profile.employees)
        if not applies:
            continue
        via, matched, reason = found[rule.id]
        out.append(Applicable(rule=rule, via=via, place=matched, reason=reason, size_unknown=unknown))
    return tuple(out)
