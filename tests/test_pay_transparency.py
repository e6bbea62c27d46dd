"""Pay-transparency rules: the data file, which rules apply, the text reader and the findings."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from jdgen.common import resources
from jdgen.common.errors import CatalogError
from jdgen.data.input_models import Pay, Profile
from jdgen.postings.pay_places import applicable_rules, normalise_place
from jdgen.postings.pay_rules import CHECK, MISSING_LABELS, PROFILE_FIELDS, load_pay_rules
from jdgen.postings.pay_text import PayFacts, pay_facts_from_text
from jdgen.postings.pay_transparency import gendered_title_matches, pay_findings, pay_history_matches
from jdgen.render.text import pay_range

D = datetime.date
LATER = D(2027, 1, 1)  # every rule in force
FULL_PAY = {"min": 265000, "max": 310000, "currency": "USD", "period": "year"}
BENEFITS = ["Medical, dental and vision coverage", "401(k) with a 5% match"]

#: Every jurisdiction the issue asks for, as the file labels it.
REQUIRED_JURISDICTIONS = {
    "Colorado",
    "California",
    "Washington",
    "New York State",
    "New York City",
    "Jersey City",
    "Hawaii",
    "District of Columbia",
    "Maryland",
    "Illinois",
    "Minnesota",
    "New Jersey",
    "Vermont",
    "Massachusetts",
    "European Union",
}

#: The 27 EU member states and their ISO 3166 codes (Greece also as EL, the EU's own code).
EU_MEMBERS = {
    "Austria": "AT",
    "Belgium": "BE",
    "Bulgaria": "BG",
    "Croatia": "HR",
    "Cyprus": "CY",
    "Czechia": "CZ",
    "Denmark": "DK",
    "Estonia": "EE",
    "Finland": "FI",
    "France": "FR",
    "Germany": "DE",
    "Greece": "GR",
    "Hungary": "HU",
    "Ireland": "IE",
    "Italy": "IT",
    "Latvia": "LV",
    "Lithuania": "LT",
    "Luxembourg": "LU",
    "Malta": "MT",
    "Netherlands": "NL",
    "Poland": "PL",
    "Portugal": "PT",
    "Romania": "RO",
    "Slovakia": "SK",
    "Slovenia": "SI",
    "Spain": "ES",
    "Sweden": "SE",
}

#: The US rules whose law reaches remote jobs that could be done there.
US_REMOTE = {
    "colorado",
    "california",
    "washington",
    "new-york-state",
    "new-york-city",
    "maryland",
    "illinois",
    "new-jersey",
    "massachusetts",
}


def profile(
    city: str | None = None,
    region: str | None = None,
    country: str | None = "United States",
    *,
    complete: bool = False,
    **fields: Any,
) -> Profile:
    """A profile at a place; `complete` adds a full pay range and benefits."""
    data: dict[str, Any] = {"employees": 500}
    if city or region or country:
        data["location"] = {"city": city, "region": region, "country": country}
    if complete:
        data |= {"pay": FULL_PAY, "benefits": BENEFITS}
    data |= fields
    return Profile.model_validate(data)


def ids(prof: Profile, on: datetime.date = LATER) -> set[str]:
    return {a.rule.id for a in applicable_rules(prof, on)}


# --- the data file ------------------------------------------------------------------------


def test_every_required_jurisdiction_is_present_once() -> None:
    labels = [r.jurisdiction for r in load_pay_rules()]
    assert set(labels) == REQUIRED_JURISDICTIONS
    assert len(labels) == len(set(labels))


def test_every_rule_has_sources_with_urls_an_effective_date_and_its_own_summary() -> None:
    for rule in load_pay_rules():
        assert rule.sources, rule.id
        assert all(s.url.startswith(("https://", "http://")) for s in rule.sources), rule.id
        assert isinstance(rule.effective, datetime.date), rule.id
        assert D(2020, 1, 1) < rule.effective < D(2030, 1, 1), rule.id
        assert rule.summary and rule.citation, rule.id


def test_the_eu_rule_lists_every_member_state_with_its_code_and_the_right_deadline() -> None:
    (eu,) = [r for r in load_pay_rules() if r.kind == "eu"]
    names = {normalise_place(c) for c in eu.match.countries}
    for name, code in EU_MEMBERS.items():
        assert normalise_place(name) in names, name
        assert normalise_place(code) in names, code
    assert eu.effective == D(2026, 6, 7)
    assert set(eu.checks) == {"gender-neutral-title", "no-pay-history"}


def test_the_wrong_eu_date_is_not_repeated_and_the_massachusetts_conflict_is_recorded() -> None:
    text = (resources.posting_dir() / "pay-transparency.yaml").read_text(encoding="utf-8")
    assert "2025-06-06" not in text and "6 June 2025" not in text
    (ma,) = [r for r in load_pay_rules() if r.id == "massachusetts"]
    assert ma.effective == D(2025, 10, 29)
    assert ma.caveat is not None and "2025-07-31" in ma.caveat


def test_the_built_in_file_is_cached() -> None:
    assert load_pay_rules() is load_pay_rules()


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("rules: [\n  - id: x\n    jurisdiction: [unclosed\n", "not valid YAML"),
        ("- just a list\n", "expected a mapping"),
        ("rules:\n  - id: bad\n    jurisdiction: X\n", "required field is missing"),
        ("rules: []\n", "rules"),
    ],
)
def test_a_broken_rules_file_is_one_clear_line_naming_the_file(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_pay_rules(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message and needle in message


def test_a_duplicate_rule_id_is_refused(tmp_path: Path) -> None:
    source = (resources.posting_dir() / "pay-transparency.yaml").read_text(encoding="utf-8")
    path = tmp_path / "rules.yaml"
    path.write_text(source.replace("id: california", "id: colorado"), encoding="utf-8")
    with pytest.raises(CatalogError, match="'colorado' is used twice"):
        load_pay_rules(path)


# --- which rules apply: dates and size ----------------------------------------------------


@pytest.mark.parametrize(
    ("place", "rule_id", "effective"),
    [
        (("Denver", "CO"), "colorado", D(2021, 1, 1)),
        (("Chicago", "Illinois"), "illinois", D(2025, 1, 1)),
        (("Newark", "NJ"), "new-jersey", D(2025, 6, 1)),
        (("Burlington", "Vermont"), "vermont", D(2025, 7, 1)),
        (("Boston", "MA"), "massachusetts", D(2025, 10, 29)),
    ],
)
def test_a_rule_applies_from_its_effective_day_not_the_day_before(
    place: tuple[str, str], rule_id: str, effective: datetime.date
) -> None:
    prof = profile(*place)
    assert rule_id not in ids(prof, effective - datetime.timedelta(days=1))
    assert rule_id in ids(prof, effective)


@pytest.mark.parametrize("where", [("Berlin", None, "Germany"), (None, None, "DE"), ("Lyon", None, "France")])
def test_an_eu_country_before_and_after_the_transposition_deadline(where: tuple[str | None, ...]) -> None:
    prof = profile(*where)
    assert ids(prof, D(2026, 6, 6)) == set()
    assert ids(prof, D(2026, 6, 7)) == {"eu-pay-transparency"}
    assert pay_findings(prof, on=D(2026, 6, 6)) == ()
    (finding,) = pay_findings(prof, on=D(2026, 6, 7))
    assert finding.level == "warning" and "European Union" in finding.message


@pytest.mark.parametrize(
    ("place", "rule_id", "threshold"),
    [
        (("Chicago", "IL"), "illinois", 15),
        (("Minneapolis", "MN"), "minnesota", 30),
        (("Honolulu", "HI"), "hawaii", 50),
        (("Albany", "NY"), "new-york-state", 4),
        (("Jersey City", "NJ"), "jersey-city", 5),
    ],
)
def test_employer_size_one_below_at_and_unknown(place: tuple[str, str], rule_id: str, threshold: int) -> None:
    assert rule_id not in ids(profile(*place, employees=threshold - 1))
    assert rule_id in ids(profile(*place, employees=threshold))
    unknown = {a.rule.id: a for a in applicable_rules(profile(*place, employees=None), LATER)}
    assert unknown[rule_id].size_unknown
    findings = pay_findings(profile(*place, employees=None), on=LATER)
    finding = next(f for f in findings if f.message.startswith(unknown[rule_id].rule.jurisdiction + " ("))
    assert f"{threshold}+ employees" in finding.message
    assert finding.advice is not None and "`employees`" in finding.advice


def test_a_rule_without_threshold_ignores_size() -> None:
    applicable = {a.rule.id: a for a in applicable_rules(profile("Denver", "Colorado", employees=None), LATER)}
    assert not applicable["colorado"].size_unknown
    assert "maryland" in ids(profile("Baltimore", "MD", employees=1))


# --- which rules apply: places ------------------------------------------------------------


def test_remote_across_the_united_states_fires_every_rule_that_reaches_remote_jobs() -> None:
    prof = profile(country=None, remote="yes", remote_scope=["United States"])
    assert ids(prof) == US_REMOTE
    reasons = {a.via for a in applicable_rules(prof, LATER)}
    assert reasons == {"remote-scope"}


def test_remote_limited_to_colorado_fires_colorado_only() -> None:
    assert ids(profile("Austin", "TX", remote="yes", remote_scope=["Colorado"])) == {"colorado"}


def test_a_named_state_applies_even_when_its_law_is_silent_on_remote_work() -> None:
    assert ids(profile(country=None, remote="yes", remote_scope=["Hawaii"])) == {"hawaii"}
    assert "hawaii" not in ids(profile(country=None, remote="yes", remote_scope=["USA"]))


def test_on_site_outside_every_jurisdiction_fires_nothing_and_says_nothing() -> None:
    prof = profile("Austin", "Texas", remote="no", remote_scope=["United States"])
    assert ids(prof) == set()
    assert pay_findings(prof, on=LATER) == ()


def test_hybrid_counts_the_location_only() -> None:
    assert ids(profile("Austin", "TX", remote="hybrid", remote_scope=["United States"])) == set()
    assert ids(profile("Denver", "CO", remote="hybrid", remote_scope=["United States"])) == {"colorado"}


def test_fully_remote_without_scope_assumes_the_locations_country_and_says_so() -> None:
    applicable = {a.rule.id: a for a in applicable_rules(profile("Austin", "TX", remote="yes"), LATER)}
    assert set(applicable) == US_REMOTE
    assert all(a.via == "assumed-country" for a in applicable.values())
    assert "no remote_scope" in applicable["california"].reason
    assert "United States" in applicable["california"].reason


def test_the_location_counts_too_when_fully_remote() -> None:
    prof = profile("Burlington", "VT", remote="yes", remote_scope=["Colorado"])
    assert ids(prof) == {"vermont", "colorado"}


def test_a_state_scope_includes_its_remote_reaching_city_and_a_city_scope_its_state() -> None:
    assert ids(profile(country=None, remote="yes", remote_scope=["New York"])) == {"new-york-state", "new-york-city"}
    assert ids(profile(country=None, remote="yes", remote_scope=["Jersey City"])) == {"jersey-city", "new-jersey"}
    assert ids(profile(country=None, remote="yes", remote_scope=["New Jersey"])) == {"new-jersey"}


@pytest.mark.parametrize(
    ("city", "region", "expected"),
    [
        ("New York", "NY", {"new-york-state", "new-york-city"}),
        ("N.Y.C.", None, {"new-york-state", "new-york-city"}),
        ("Brooklyn", "New York", {"new-york-state", "new-york-city"}),
        ("Buffalo", "NY", {"new-york-state"}),
        ("Jersey City", "New Jersey", {"jersey-city", "new-jersey"}),
        ("Jersey City", None, {"jersey-city", "new-jersey"}),
        ("Seattle", "Washington", {"washington"}),
        (None, "Washington, D.C.", {"district-of-columbia"}),
        ("Washington", None, {"district-of-columbia"}),
        ("Washington", "DC", {"district-of-columbia"}),
        (None, "District of Columbia", {"district-of-columbia"}),
        ("Spokane", "WA", {"washington"}),
    ],
)
def test_places_and_their_aliases(city: str | None, region: str | None, expected: set[str]) -> None:
    assert ids(profile(city, region)) == expected


def test_a_us_state_name_in_another_country_does_not_match() -> None:
    assert ids(profile("Vancouver", "Washington", "Canada")) == set()


def test_eu_countries_by_name_code_and_remote_scope() -> None:
    assert ids(profile(None, None, "Deutschland")) == {"eu-pay-transparency"}
    assert ids(profile(country=None, remote="yes", remote_scope=["DE"])) == {"eu-pay-transparency"}
    assert ids(profile("London", None, "United Kingdom")) == set()


# --- findings -----------------------------------------------------------------------------


def test_a_complete_posting_gives_no_warning() -> None:
    assert pay_findings(profile("Denver", "CO", complete=True, remote="yes"), on=LATER) == ()
    assert pay_findings(profile("Berlin", None, "Germany", complete=True), on=LATER) == ()


def test_the_message_names_jurisdiction_law_date_and_the_missing_items() -> None:
    prof = profile("Denver", "CO", pay={"min": 100000, "currency": "USD", "period": "year"})
    (finding,) = pay_findings(prof, on=LATER)
    assert finding.check == CHECK and finding.level == "warning"
    assert finding.message == (
        "Colorado (Equal Pay for Equal Work Act, from 2021-01-01): "
        "the posting lacks a pay maximum and a benefits description"
    )
    assert finding.advice is not None and "`pay.max`" in finding.advice and "`benefits`" in finding.advice
    assert finding.source is not None and finding.source.startswith("C.R.S. § 8-5-201")


@pytest.mark.parametrize("item", ["min", "max", "currency", "period", "benefits"])
def test_each_missing_item_is_named_alone(item: str) -> None:
    pay = {k: v for k, v in FULL_PAY.items() if k != item}
    data: dict[str, Any] = {"pay": pay, "benefits": [] if item == "benefits" else BENEFITS}
    # Colorado needs all but the currency; the EU needs all but benefits.
    prof = profile("Berlin", None, "Germany", **data) if item == "currency" else profile("Denver", "CO", **data)
    (finding,) = pay_findings(prof, on=LATER)
    assert finding.message.endswith(f"lacks {MISSING_LABELS[item]}")
    others = [label for key, label in MISSING_LABELS.items() if key != item]
    assert not any(label in finding.message for label in others)
    assert finding.advice is not None and f"`{PROFILE_FIELDS[item]}`" in finding.advice


def test_no_pay_at_all_lists_every_required_item_for_each_rule() -> None:
    findings = pay_findings(profile("New York", "NY"), on=LATER)
    assert [f.message.split(" (")[0] for f in findings] == ["New York State", "New York City"]
    assert all("a pay minimum, a pay maximum and a pay period" in f.message for f in findings)
    assert not any("benefits" in f.message for f in findings)


def test_eu_advice_allows_giving_the_pay_before_the_interview() -> None:
    (finding,) = pay_findings(profile("Madrid", None, "Spain"), on=LATER)
    assert finding.advice is not None and "before the first interview" in finding.advice


def test_facts_from_text_replace_the_profiles() -> None:
    prof = profile("Denver", "CO", complete=True)
    facts = pay_facts_from_text("Compensation: $120,000 - $150,000 per year.")
    (finding,) = pay_findings(prof, facts, on=LATER)
    assert finding.message.endswith("lacks a benefits description")


def test_the_date_defaults_to_date_posted() -> None:
    prof = profile("Chicago", "IL", date_posted=D(2024, 12, 31))
    assert pay_findings(prof) == ()
    assert len(pay_findings(prof.model_copy(update={"date_posted": D(2025, 1, 1)}))) == 1


@pytest.mark.parametrize(
    ("prof", "needle"),
    [
        (Profile(), "gives no location"),
        (Profile(remote="yes", remote_scope=("Canada",)), "gives no location"),
        (Profile.model_validate({"location": {"country": "USA"}}), "names no state or city"),
    ],
)
def test_info_when_the_location_is_unknown(prof: Profile, needle: str) -> None:
    (finding,) = pay_findings(prof, on=LATER)
    assert finding.level == "info" and needle in finding.message
    assert finding.advice is not None and "location" in finding.advice


def test_no_info_when_some_rule_was_determined_without_a_location() -> None:
    prof = Profile(remote="yes", remote_scope=("Colorado",), pay=Pay(**FULL_PAY), benefits=tuple(BENEFITS))
    assert pay_findings(prof, on=LATER) == ()


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        ("Chairman of Customer Experience", ["Chairman"]),
        ("Head of Sales (Salesman Lead)", ["Salesman"]),
        ("Chief Customer Officer (m/w)", ["(m/w)"]),
        ("Kundenchef (m)", ["(m)"]),
        ("Chief Customer Officer (m/w/d)", []),
        ("Chief Customer Officer", []),
        ("Human Resources Manager, German Market", []),
        ("Customer Lead, Women's Apparel", []),
    ],
)
def test_gendered_titles(title: str, flagged: list[str]) -> None:
    assert [m.text for m in gendered_title_matches(title)] == flagged


def test_a_gendered_title_warns_only_where_the_eu_rule_applies() -> None:
    eu = pay_findings(profile("Vienna", None, "Austria", complete=True), on=LATER, title="Chairman, Customer Board")
    (finding,) = eu
    assert "not gender-neutral" in finding.message and finding.matches[0].text == "Chairman"
    us = pay_findings(profile("Denver", "CO", complete=True), on=LATER, title="Chairman, Customer Board")
    assert us == ()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Please send your CV and your current salary.", ["current salary"]),
        ("Tell us about your salary history.", ["salary history"]),
        ("What was your previous compensation?", ["previous compensation"]),
        ("Please share your salary expectations.", []),
        ("We will not ask about your salary history.", []),
    ],
)
def test_pay_history_questions(text: str, found: list[str]) -> None:
    assert [m.text for m in pay_history_matches(text)] == found


def test_a_pay_history_question_warns_with_its_position() -> None:
    text = "About the role\nApply with your CV.\nState your current salary in the form."
    findings = pay_findings(profile("Milan", None, "Italy", complete=True), on=LATER, text=text)
    (finding,) = findings
    assert "pay history" in finding.message
    assert (finding.matches[0].line, finding.matches[0].column) == (3, 12)


# --- the text reader ----------------------------------------------------------------------

ALL = PayFacts(min=True, max=True, currency=True, period=True, benefits=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salary range: $120,000 - $150,000", PayFacts(min=True, max=True, currency=True, period=True)),
        ("Compensation: $120,000 - $150,000 (plus equity).", PayFacts(min=True, max=True, currency=True)),
        ("The pay range is USD 265,000–310,000 per year.", ALL),
        ("We pay €80,000 to €95,000 a year, depending on experience.", ALL),
        ("Base: 120k–150k.", PayFacts(min=True, max=True)),
        ("Rate: $55/hour, paid weekly.", ALL),
        ("Between £70,000 and £85,000 annually", ALL),
        ("Gehalt: 80.000 – 95.000 EUR brutto pro Jahr", ALL),
        ("Up to $180K per year plus bonus", PayFacts(max=True, currency=True, period=True)),
        ("Starting at $90,000/yr", PayFacts(min=True, currency=True, period=True)),
        ("You bring 10-15 years of experience and a $5M-$10M P&L.", PayFacts()),
        ("Competitive salary and great benefits package!", PayFacts()),
        (
            "## Benefits\n\n- Flexible hours\n- A learning budget",
            PayFacts(benefits=True),
        ),
        ("We offer medical and dental cover.", PayFacts(benefits=True)),
        ("A 401(k) plan with matching.", PayFacts(benefits=True)),
        ("Twelve weeks of paid parental leave.", PayFacts(benefits=True)),
        ("Our vision is customer-led growth.", PayFacts()),
    ],
)
def test_reading_real_looking_snippets(text: str, expected: PayFacts) -> None:
    assert pay_facts_from_text(text) == expected


@pytest.mark.parametrize(
    "pay",
    [
        Pay(min=265000, max=310000, currency="USD", period="year"),
        Pay(min=250000, currency="USD", period="year"),
        Pay(max=300000, currency="EUR", period="year"),
        Pay(min=45.5, max=60, currency="USD", period="hour"),
        Pay(min=9000, max=9000, currency="GBP", period="month"),
        Pay(min=250000, max=300000, period="year"),
        Pay(min=1200, max=1500, currency="CHF", period="day"),
    ],
)
def test_reading_our_own_pay_range_output(pay: Pay) -> None:
    text = f"## Pay and benefits\n\nThe pay range for this role is {pay_range(pay)}.\n"
    expected = PayFacts.from_profile(Profile(pay=pay))
    assert pay_facts_from_text(text) == expected


def test_the_pay_and_benefits_heading_alone_is_not_a_benefits_description() -> None:
    pay = Pay(**FULL_PAY)
    bare = f"## Pay and benefits\n\nThe pay range for this role is {pay_range(pay)}.\n\n## Equal opportunity\n"
    listed = bare.replace("\n\n## Equal", "\n\n- Flexible hours\n- Learning budget\n\n## Equal")
    assert not pay_facts_from_text(bare).benefits
    assert pay_facts_from_text(listed).benefits


def test_normalise_place() -> None:
    assert normalise_place("Washington, D.C.") == "washington dc"
    assert normalise_place(" N.Y.C. ") == "nyc"
    assert normalise_place("España") == "espana"
