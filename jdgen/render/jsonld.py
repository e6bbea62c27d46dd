"""A job description as schema.org ``JobPosting`` JSON-LD: the structured data job search engines read.

`job_posting()` maps the JD's facts onto a JobPosting whose description is the HTML of the
posting edition; `to_jsonld()` writes it as a ``.jsonld`` file, and the HTML page of a JD embeds
the same object in its head. `jsonld_findings()` names the profile fields to set for what Google
requires (warnings) and recommends (info). The rules are Google's, which are stricter than
schema.org's: https://developers.google.com/search/docs/appearance/structured-data/job-posting
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jdgen.data.models import Location, Pay
from jdgen.decide.results import Finding, JobDescription, LintLevel
from jdgen.render.documents import layout
from jdgen.render.environment import render_template
from jdgen.render.html import markdown_body

GOOGLE_JOB_POSTING = "https://developers.google.com/search/docs/appearance/structured-data/job-posting"
SOURCE = f"Google Search Central, Job posting (JobPosting) structured data: {GOOGLE_JOB_POSTING}"


def posting_description(jd: JobDescription, template_dirs: Sequence[str | Path] = ()) -> str:
    """The HTML of the JD's posting edition: the page's content only, never the internal advisory."""
    spec = layout(jd.posting_edition())
    return markdown_body(render_template(spec.template, spec.context, template_dirs), spec.shading)


def job_posting(jd: JobDescription, description_html: str) -> dict[str, Any]:
    """The JD as a schema.org JobPosting (JSON-ready, keys in a fixed order: Google's required first).

    Args:
        jd: the job description (either edition: only facts a posting shows are used).
        description_html: the posting edition's HTML, from `posting_description`.
    """
    organization = {"@type": "Organization", "name": jd.company, "sameAs": jd.company_url} if jd.company else None
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": jd.title,
        "description": description_html,
        "datePosted": jd.date_posted.isoformat() if jd.date_posted else None,
        # A date, not a date-time: applications close at the end of that day, and the profile
        # gives no time zone to pin a time to. Google accepts either ("2017-02-24").
        "validThrough": jd.valid_through.isoformat() if jd.valid_through else None,
        "employmentType": jd.employment_type,
        "hiringOrganization": _present(organization) if organization else None,
        **_where(jd),
        "baseSalary": _base_salary(jd.pay),
        # The page's "Apply at" link starts the application (schema.org: "multiple internet
        # domains might nevertheless be involved"). `url` is the posting's own address, which
        # only the publisher knows, so it is left out rather than set to the application form.
        "directApply": True if jd.apply_url else None,
        "industry": jd.industry,
        "occupationalCategory": jd.occupational_category,
        # What the posting says the hire will do (the internal edition's blocks when it has none).
        "responsibilities": [h.text for h in jd.highlights] or [f"{b.title}: {b.purpose}" for b in jd.blocks],
        "qualifications": list(jd.qualifications),
        "skills": [c.title for c in jd.competencies],
        "jobBenefits": "; ".join(jd.benefits),
        # schema.org JobPosting (read 2026-12-03): incentiveCompensation is Text ("bonus and
        # commission"), experienceRequirements an OccupationalExperienceRequirements with
        # monthsOfExperience, jobStartDate a Date or Text.
        "incentiveCompensation": "; ".join(x for x in (jd.bonus, jd.equity) if x) or None,
        "experienceRequirements": _experience(jd),
        "jobStartDate": jd.start,
    }
    return _present(data)


def to_jsonld(jd: JobDescription, template_dirs: Sequence[str | Path] = ()) -> str:
    """The JD's JobPosting as pretty JSON (UTF-8 characters kept, a final newline)."""
    data = job_posting(jd, posting_description(jd, template_dirs))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def jsonld_findings(jd: JobDescription) -> tuple[Finding, ...]:
    """What the JSON-LD lacks: a warning per input Google requires, an info per one it recommends.

    Each finding names the profile field to set; its source is Google's structured-data page.
    """
    found: list[Finding] = []

    def add(level: LintLevel, message: str, advice: str) -> None:
        found.append(Finding(check="jsonld", level=level, message=message, advice=advice, source=SOURCE))

    if not jd.company:
        add(
            "warning",
            "No company: the JSON-LD has no hiringOrganization, which Google requires.",
            "Set `company` in the profile (and `company_url`, the company's website).",
        )
    if not jd.date_posted:
        add(
            "warning",
            "No date_posted: the JSON-LD has no datePosted, which Google requires.",
            "Set `date_posted` in the profile (YYYY-MM-DD), the day the posting goes live.",
        )
    country = jd.location.country if jd.location else None
    if jd.remote == "yes" and not jd.remote_scope and not country:
        add(
            "warning",
            "No remote_scope: the remote job's JSON-LD has no applicantLocationRequirements, which Google "
            "requires in place of a jobLocation.",
            "Set `remote_scope` to the countries or states a remote hire may live in (or `location.country`).",
        )
    elif jd.remote != "yes" and _place(jd.location) is None:
        add(
            "warning",
            "No location: the JSON-LD has no jobLocation, which Google requires.",
            "Set `location` (city, region, country) in the profile; for a fully remote role, `remote: yes` "
            "and `remote_scope`.",
        )
    elif jd.remote != "yes" and not country:
        add(
            "warning",
            "No location.country: the JSON-LD jobLocation has no addressCountry, which Google requires.",
            "Set `location.country` in the profile.",
        )
    if not jd.valid_through:
        add(
            "info",
            "No valid_through: the JSON-LD has no validThrough, which Google requires when the posting has a "
            "closing date.",
            "Set `valid_through` (YYYY-MM-DD) if applications close on a date; leave it out if they do not.",
        )
    pay = jd.pay
    if pay is None or (pay.min is None and pay.max is None):
        add(
            "info",
            "No pay: the JSON-LD has no baseSalary, which Google recommends.",
            "Set `pay` (min, max, currency and period) in the profile.",
        )
    elif not pay.currency:
        add(
            "info",
            "No pay.currency: the JSON-LD has no baseSalary, which Google recommends.",
            "Set `pay.currency` (an ISO 4217 code such as USD).",
        )
    elif not pay.period:
        add(
            "info",
            "No pay.period: the JSON-LD baseSalary has no unitText (HOUR, DAY, WEEK, MONTH or YEAR).",
            "Set `pay.period` (hour, day, week, month or year).",
        )
    if not jd.apply_url:
        add(
            "info",
            "No apply_url: the JSON-LD has no directApply, which Google recommends.",
            "Set `apply_url` to the page where candidates apply.",
        )
    return tuple(found)


def _experience(jd: JobDescription) -> dict[str, Any] | None:
    """The months of experience asked for, where the posting itself gives the years."""
    if jd.experience_years is None or (jd.experience and "years" not in jd.experience):
        return None
    return {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": jd.experience_years * 12}


def _present(data: dict[str, Any]) -> dict[str, Any]:
    """`data` without its empty values (None, "", []), in the same order."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _where(jd: JobDescription) -> dict[str, Any]:
    """Where the job is: a jobLocation on site or hybrid; TELECOMMUTE and where applicants may live if remote.

    A fully remote hire reports to no workplace, so the profile's location gives only the
    default country applicants may live in. Hybrid jobs are not TELECOMMUTE (Google: only jobs
    done 100% remotely).
    """
    if jd.remote != "yes":
        return {"jobLocation": _place(jd.location)}
    country = jd.location.country if jd.location else None
    areas = [_area(name) for name in jd.remote_scope] or ([{"@type": "Country", "name": country}] if country else [])
    return {"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": areas}


def _place(location: Location | None) -> dict[str, Any] | None:
    """A Place with a PostalAddress; the country as an ISO 3166-1 code when it is a known name."""
    if location is None:
        return None
    country = location.country
    address = _present(
        {
            "@type": "PostalAddress",
            "addressLocality": location.city,
            "addressRegion": location.region,
            "addressCountry": (country_code(country) or country) if country else None,
        }
    )
    return {"@type": "Place", "address": address} if len(address) > 1 else None


def _area(name: str) -> dict[str, str]:
    """A Country for a known country name; else an AdministrativeArea (a state, a region, a city)."""
    key = _key(name)
    kind = "Country" if key in _country_codes() and key not in _AMBIGUOUS else "AdministrativeArea"
    return {"@type": kind, "name": name}


def _base_salary(pay: Pay | None) -> dict[str, Any] | None:
    """A MonetaryAmount: one value, or a min–max range, per period; None without an amount or a currency."""
    if pay is None or not pay.currency or (pay.min is None and pay.max is None):
        return None
    if pay.min is not None and pay.min == pay.max:
        amount: dict[str, Any] = {"value": pay.min}
    else:
        amount = {"minValue": pay.min, "maxValue": pay.max}
    value = _present({"@type": "QuantitativeValue", **amount, "unitText": pay.period.upper() if pay.period else None})
    return {"@type": "MonetaryAmount", "currency": pay.currency, "value": value}


def country_code(name: str) -> str | None:
    """``United States`` → ``US``: the ISO 3166-1 alpha-2 code of a country's name, else None."""
    return _country_codes().get(_key(name))


def _key(name: str) -> str:
    """A name compared without case, dots, repeated spaces or a leading "the"."""
    return " ".join(name.casefold().replace(".", "").split()).removeprefix("the ")


@cache
def _country_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for line in _COUNTRIES.strip().splitlines():
        code, names = line.split(" ", 1)
        codes.update((_key(n), code) for n in names.split("|"))
    return codes


#: Country names that are also names of states or regions elsewhere ("Georgia" in a US scope is
#: the state): such a scope entry stays an AdministrativeArea, which a Country also is.
_AMBIGUOUS = frozenset({"georgia"})

#: ISO 3166-1 alpha-2 codes with English short names and common aliases (bare two-letter codes
#: are left out on purpose: "CA" or "IN" in a scope is as likely a US state as a country).
_COUNTRIES = """
AD Andorra
AE United Arab Emirates|UAE
AF Afghanistan
AG Antigua and Barbuda
AI Anguilla
AL Albania
AM Armenia
AO Angola
AQ Antarctica
AR Argentina
AS American Samoa
AT Austria
AU Australia
AW Aruba
AX Åland Islands|Aland Islands
AZ Azerbaijan
BA Bosnia and Herzegovina
BB Barbados
BD Bangladesh
BE Belgium
BF Burkina Faso
BG Bulgaria
BH Bahrain
BI Burundi
BJ Benin
BL Saint Barthélemy
BM Bermuda
BN Brunei|Brunei Darussalam
BO Bolivia
BQ Bonaire, Sint Eustatius and Saba|Caribbean Netherlands
BR Brazil
BS Bahamas
BT Bhutan
BV Bouvet Island
BW Botswana
BY Belarus
BZ Belize
CA Canada
CC Cocos (Keeling) Islands|Cocos Islands
CD Democratic Republic of the Congo|DR Congo|Congo, Democratic Republic of the
CF Central African Republic
CG Congo|Republic of the Congo
CH Switzerland
CI Côte d'Ivoire|Cote d'Ivoire|Ivory Coast
CK Cook Islands
CL Chile
CM Cameroon
CN China
CO Colombia
CR Costa Rica
CU Cuba
CV Cabo Verde|Cape Verde
CW Curaçao|Curacao
CX Christmas Island
CY Cyprus
CZ Czechia|Czech Republic
DE Germany
DJ Djibouti
DK Denmark
DM Dominica
DO Dominican Republic
DZ Algeria
EC Ecuador
EE Estonia
EG Egypt
EH Western Sahara
ER Eritrea
ES Spain
ET Ethiopia
FI Finland
FJ Fiji
FK Falkland Islands
FM Micronesia
FO Faroe Islands
FR France
GA Gabon
GB United Kingdom|UK|Great Britain|Britain
GD Grenada
GE Georgia
GF French Guiana
GG Guernsey
GH Ghana
GI Gibraltar
GL Greenland
GM Gambia
GN Guinea
GP Guadeloupe
GQ Equatorial Guinea
GR Greece
GS South Georgia and the South Sandwich Islands
GT Guatemala
GU Guam
GW Guinea-Bissau
GY Guyana
HK Hong Kong
HM Heard Island and McDonald Islands
HN Honduras
HR Croatia
HT Haiti
HU Hungary
ID Indonesia
IE Ireland
IL Israel
IM Isle of Man
IN India
IO British Indian Ocean Territory
IQ Iraq
IR Iran
IS Iceland
IT Italy
JE Jersey
JM Jamaica
JO Jordan
JP Japan
KE Kenya
KG Kyrgyzstan
KH Cambodia
KI Kiribati
KM Comoros
KN Saint Kitts and Nevis
KP North Korea
KR South Korea|Korea|Republic of Korea
KW Kuwait
KY Cayman Islands
KZ Kazakhstan
LA Laos|Lao People's Democratic Republic
LB Lebanon
LC Saint Lucia
LI Liechtenstein
LK Sri Lanka
LR Liberia
LS Lesotho
LT Lithuania
LU Luxembourg
LV Latvia
LY Libya
MA Morocco
MC Monaco
MD Moldova
ME Montenegro
MF Saint Martin
MG Madagascar
MH Marshall Islands
MK North Macedonia
ML Mali
MM Myanmar|Burma
MN Mongolia
MO Macao|Macau
MP Northern Mariana Islands
MQ Martinique
MR Mauritania
MS Montserrat
MT Malta
MU Mauritius
MV Maldives
MW Malawi
MX Mexico
MY Malaysia
MZ Mozambique
NA Namibia
NC New Caledonia
NE Niger
NF Norfolk Island
NG Nigeria
NI Nicaragua
NL Netherlands
NO Norway
NP Nepal
NR Nauru
NU Niue
NZ New Zealand
OM Oman
PA Panama
PE Peru
PF French Polynesia
PG Papua New Guinea
PH Philippines
PK Pakistan
PL Poland
PM Saint Pierre and Miquelon
PN Pitcairn|Pitcairn Islands
PR Puerto Rico
PS Palestine|State of Palestine
PT Portugal
PW Palau
PY Paraguay
QA Qatar
RE Réunion|Reunion
RO Romania
RS Serbia
RU Russia|Russian Federation
RW Rwanda
SA Saudi Arabia
SB Solomon Islands
SC Seychelles
SD Sudan
SE Sweden
SG Singapore
SH Saint Helena, Ascension and Tristan da Cunha|Saint Helena
SI Slovenia
SJ Svalbard and Jan Mayen
SK Slovakia
SL Sierra Leone
SM San Marino
SN Senegal
SO Somalia
SR Suriname
SS South Sudan
ST São Tomé and Príncipe|Sao Tome and Principe
SV El Salvador
SX Sint Maarten
SY Syria
SZ Eswatini|Swaziland
TC Turks and Caicos Islands
TD Chad
TF French Southern Territories
TG Togo
TH Thailand
TJ Tajikistan
TK Tokelau
TL Timor-Leste|East Timor
TM Turkmenistan
TN Tunisia
TO Tonga
TR Türkiye|Turkey
TT Trinidad and Tobago
TV Tuvalu
TW Taiwan
TZ Tanzania
UA Ukraine
UG Uganda
UM United States Minor Outlying Islands
US United States|United States of America|USA|US
UY Uruguay
UZ Uzbekistan
VA Holy See|Vatican City
VC Saint Vincent and the Grenadines
VE Venezuela
VG British Virgin Islands
VI US Virgin Islands|United States Virgin Islands
VN Vietnam|Viet Nam
VU Vanuatu
WF Wallis and Futuna
WS Samoa
YE Yemen
YT Mayotte
ZA South Africa
ZM Zambia
ZW Zimbabwe
"""
