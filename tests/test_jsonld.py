"""schema.org JobPosting JSON-LD: checked against a JSON Schema written from Google's and schema.org's documentation."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError

import jdgen
from jdgen.postings.jsonld_checks import jsonld_findings
from jdgen.render.jsonld import GOOGLE_JOB_POSTING
from tests.conftest import DATA

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCHEMA = json.loads((DATA / "jobposting.schema.json").read_text(encoding="utf-8"))

# A profile with every field the JSON-LD uses; tests take it and change one thing.
FULL: dict[str, Any] = {
    "company": "Acme Outfitters",
    "company_url": "https://acme.example.com",
    "industry": "Outdoor retail",
    "location": {"city": "Toronto", "region": "Ontario", "country": "Canada"},
    "pay": {"min": 250000, "max": 300000, "currency": "CAD", "period": "year"},
    "benefits": ["Bonus", "Pension"],
    "date_posted": "2026-11-02",
    "valid_through": "2026-12-31",
    "apply_url": "https://careers.example.com/apply/cco",
    "requisition_id": "REQ-2027-014",
}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(SCHEMA)
    return Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def demo_jd() -> jdgen.JobDescription:
    catalog = jdgen.load_catalog()
    answers = jdgen.load_answers(EXAMPLES / "answers.yaml", catalog)
    return jdgen.compose(catalog, "enterprise-cx", answers, jdgen.load_profile(EXAMPLES / "profile.yaml"))


def jsonld(jd: jdgen.JobDescription) -> dict[str, Any]:
    out = jdgen.render(jd, "jsonld")
    assert isinstance(out, str) and out.endswith("}\n")
    data: dict[str, Any] = json.loads(out)
    return data


def errors(validator: Draft202012Validator, data: dict[str, Any]) -> list[str]:
    """Each schema error, and each reason an anyOf/oneOf branch failed, as ``/path keyword: message``."""

    def flat(errs: Iterable[ValidationError]) -> Iterator[ValidationError]:
        for e in errs:
            yield e
            yield from flat(e.context or ())

    return sorted(
        f"/{'/'.join(map(str, e.absolute_path))} {e.validator}: {e.message[:120]}"
        for e in flat(validator.iter_errors(data))
    )


def compose(catalog: jdgen.Catalog, **changes: Any) -> jdgen.JobDescription:
    profile = {key: value for key, value in (FULL | changes).items() if value is not None}
    return jdgen.compose(catalog, "enterprise-cx", profile=profile)


class _Scripts(HTMLParser):
    """The script elements of a page as an HTML parser sees them: (in the head?, type, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = self.in_script = False
        self.scripts: list[tuple[bool, str | None, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_head |= tag == "head"
        if tag == "script":
            self.in_script = True
            self.scripts.append((self.in_head, dict(attrs).get("type"), ""))

    def handle_endtag(self, tag: str) -> None:
        self.in_head &= tag != "head"
        self.in_script &= tag != "script"

    def handle_data(self, data: str) -> None:
        if self.in_script:
            in_head, kind, text = self.scripts[-1]
            self.scripts[-1] = (in_head, kind, text + data)


def page_scripts(html: str) -> list[tuple[bool, str | None, str]]:
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


# --- the JSON-LD is valid and says what the profile says ------------------------------------


def test_demo_jd_is_a_valid_job_posting_with_every_field_mapped(
    validator: Draft202012Validator, demo_jd: jdgen.JobDescription
) -> None:
    data = jsonld(demo_jd)
    assert errors(validator, data) == []
    assert list(data)[:8] == [
        "@context",
        "@type",
        "title",
        "description",
        "datePosted",
        "validThrough",
        "employmentType",
        "hiringOrganization",
    ]
    assert data["title"] == "Chief Customer Officer"
    assert (data["datePosted"], data["validThrough"]) == ("2026-11-02", "2026-12-31")
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Northwind Outfitters",
        "sameAs": "https://www.example.com/northwind",
    }
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Denver",
        "addressRegion": "Colorado",
        "addressCountry": "US",
    }
    assert "jobLocationType" not in data  # hybrid is not TELECOMMUTE
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@type": "QuantitativeValue", "minValue": 265000, "maxValue": 310000, "unitText": "YEAR"},
    }
    assert data["employmentType"] == "FULL_TIME"
    onet, isco, *esco = data["occupationalCategory"]
    assert onet == {
        "@type": "CategoryCode",
        "codeValue": "11-1011.00",
        "name": "Chief Executives",
        "url": "https://www.onetonline.org/link/summary/11-1011.00",
        "inCodeSet": {
            "@type": "CategoryCodeSet",
            "name": "O*NET-SOC",
            "url": "https://www.onetcenter.org/taxonomy.html",
        },
    }
    assert isco == {
        "@type": "CategoryCode",
        "codeValue": "1221",
        "name": "Sales and marketing managers",
        "url": "http://data.europa.eu/esco/isco/C1221",
        "inCodeSet": {
            "@type": "CategoryCodeSet",
            "name": "ISCO-08",
            "version": "2008",
            "url": "http://data.europa.eu/esco/concept-scheme/isco",
        },
    }
    assert esco == []  # ESCO has no customer-experience executive (catalog: enterprise-cx's occupation)
    assert data["directApply"] is True and "url" not in data
    assert data["responsibilities"] == [h.text for h in demo_jd.highlights]  # what the posting says
    assert data["qualifications"] == list(demo_jd.qualifications)
    titles = [c.title for c in demo_jd.competencies]
    assert data["skills"][: len(titles)] == titles
    terms = data["skills"][len(titles) :]
    mapped = {c.esco_skill.uri for c in demo_jd.competencies if c.esco_skill}
    assert [t["url"] for t in terms] == list(
        dict.fromkeys(c.esco_skill.uri for c in demo_jd.competencies if c.esco_skill)
    )
    assert mapped and all(t["inDefinedTermSet"]["name"] == "ESCO skills" for t in terms)
    assert data["jobBenefits"].startswith("Medical, dental and vision coverage from the first day; 401(k)")
    assert data["incentiveCompensation"].startswith("Target of 30% of base pay; Long-term incentive plan")
    assert jsonld_findings(demo_jd) == ()


def test_every_archetype_gives_a_valid_job_posting(validator: Draft202012Validator, catalog: jdgen.Catalog) -> None:
    answers = jdgen.load_answers(EXAMPLES / "answers.yaml", catalog)
    profile = jdgen.load_profile(EXAMPLES / "profile.yaml")
    archetypes = list(catalog.archetypes.ids())
    assert len(archetypes) == 8
    for archetype in archetypes:
        data = jsonld(jdgen.compose(catalog, archetype, answers, profile))
        assert errors(validator, data) == [], archetype
        assert data["responsibilities"] and data["qualifications"] and data["skills"], archetype


def test_every_archetype_names_its_occupation_in_onet_isco_and_esco(
    validator: Draft202012Validator, catalog: jdgen.Catalog
) -> None:
    profile = jdgen.load_profile(EXAMPLES / "profile.yaml")
    for archetype in catalog.archetypes:
        data = jsonld(jdgen.compose(catalog, archetype.id, profile=profile))
        assert errors(validator, data) == [], archetype.id
        systems = [c["inCodeSet"]["name"] for c in data["occupationalCategory"]]
        occupation = archetype.occupation
        assert occupation is not None, archetype.id
        assert systems == ["O*NET-SOC", "ISCO-08"] + (["ESCO occupations"] if occupation.esco else []), archetype.id
        assert data["occupationalCategory"][1]["url"] == occupation.isco.uri
        if occupation.esco:
            esco = data["occupationalCategory"][2]
            assert (esco["codeValue"], esco["url"]) == (occupation.esco.code, occupation.esco.uri)
            assert esco["inCodeSet"]["version"] == "v1.2.0"


def test_a_category_that_is_not_an_onet_code_stays_text(catalog: jdgen.Catalog) -> None:
    data = jsonld(jdgen.compose(catalog, "commercial", profile={"occupational_category": "Chief customer officer"}))
    assert data["occupationalCategory"][0] == "Chief customer officer"  # schema.org reads text as O*NET-SOC
    coded = jsonld(jdgen.compose(catalog, "commercial", profile={"occupational_category": "11-2022 Sales Managers"}))
    assert coded["occupationalCategory"][0]["codeValue"] == "11-2022"
    assert "url" not in coded["occupationalCategory"][0]  # O*NET OnLine links detailed codes only


def test_company_url_is_the_organization_same_as(validator: Draft202012Validator, catalog: jdgen.Catalog) -> None:
    data = jsonld(compose(catalog))
    assert errors(validator, data) == []
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Acme Outfitters",
        "sameAs": "https://acme.example.com",
    }
    assert data["jobLocation"]["address"]["addressCountry"] == "CA"  # a known country name → its ISO code


def test_fully_remote_job_says_where_applicants_may_live_instead_of_a_workplace(
    validator: Draft202012Validator, catalog: jdgen.Catalog
) -> None:
    jd = compose(catalog, remote="yes", remote_scope=["United States", "the Netherlands", "Ontario", "Georgia"])
    data = jsonld(jd)
    assert errors(validator, data) == []
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "United States"},
        {"@type": "Country", "name": "the Netherlands"},
        {"@type": "AdministrativeArea", "name": "Ontario"},
        {"@type": "AdministrativeArea", "name": "Georgia"},  # the US state as likely as the country
    ]
    assert "jobLocation" not in data
    assert jsonld_findings(jd) == ()


def test_fully_remote_job_without_a_scope_takes_the_location_country(
    validator: Draft202012Validator, catalog: jdgen.Catalog
) -> None:
    data = jsonld(compose(catalog, remote="yes"))
    assert errors(validator, data) == []
    assert data["applicantLocationRequirements"] == [{"@type": "Country", "name": "Canada"}]


def test_without_pay_there_is_no_base_salary_and_one_info_finding(
    validator: Draft202012Validator, catalog: jdgen.Catalog
) -> None:
    jd = compose(catalog, pay=None)
    data = jsonld(jd)
    assert errors(validator, data) == []
    assert "baseSalary" not in data
    findings = jsonld_findings(jd)
    assert [(f.check, f.level) for f in findings] == [("jsonld", "info")]
    assert "`pay`" in (findings[0].advice or "") and "baseSalary" in findings[0].message
    assert GOOGLE_JOB_POSTING in (findings[0].source or "")


@pytest.mark.parametrize(
    ("pay", "value", "field"),
    [
        ({"min": 90, "max": 90, "currency": "EUR", "period": "hour"}, {"value": 90, "unitText": "HOUR"}, None),
        ({"max": 9000, "currency": "EUR", "period": "month"}, {"maxValue": 9000, "unitText": "MONTH"}, None),
        ({"min": 250000, "max": 300000, "currency": "EUR"}, {"minValue": 250000, "maxValue": 300000}, "pay.period"),
        ({"min": 250000, "period": "year"}, None, "pay.currency"),
    ],
)
def test_base_salary_follows_the_pay_given(
    validator: Draft202012Validator,
    catalog: jdgen.Catalog,
    pay: dict[str, Any],
    value: dict[str, Any] | None,
    field: str | None,
) -> None:
    jd = compose(catalog, pay=pay)
    data = jsonld(jd)
    assert errors(validator, data) == []
    if value is None:
        assert "baseSalary" not in data
    else:
        assert data["baseSalary"]["value"] == {"@type": "QuantitativeValue", **value}
    assert [f.message.split(":")[0] for f in jsonld_findings(jd)] == ([f"No {field}"] if field else [])


def test_minimal_profile_warns_once_per_missing_required_field_and_fails_the_schema(
    validator: Draft202012Validator, catalog: jdgen.Catalog
) -> None:
    jd = jdgen.compose(catalog, "service-led")
    findings = jsonld_findings(jd)
    warnings = [f for f in findings if f.level == "warning"]
    assert [f.message.split(":")[0] for f in warnings] == ["No company", "No date_posted", "No location"]
    for finding, field, prop in zip(
        warnings,
        ["company", "date_posted", "location"],
        ["hiringOrganization", "datePosted", "jobLocation"],
        strict=True,
    ):
        assert f"`{field}`" in (finding.advice or "") and prop in finding.message
        assert finding.check == "jsonld" and GOOGLE_JOB_POSTING in (finding.source or "")
    assert {f.message.split(":")[0] for f in findings if f.level == "info"} == {
        "No valid_through",
        "No pay",
        "No apply_url",
        "No requisition_id",
    }
    problems = errors(validator, jsonld(jd))
    assert "/ required: 'hiringOrganization' is a required property" in problems
    assert "/ required: 'datePosted' is a required property" in problems
    assert "/ required: 'jobLocation' is a required property" in problems


@pytest.mark.parametrize(
    ("changes", "field", "prop"),
    [
        ({"location": {"city": "Toronto"}}, "location.country", "addressCountry"),
        ({"remote": "yes", "location": None}, "remote_scope", "applicantLocationRequirements"),
    ],
)
def test_a_place_google_cannot_use_is_a_warning_and_fails_the_schema(
    validator: Draft202012Validator, catalog: jdgen.Catalog, changes: dict[str, Any], field: str, prop: str
) -> None:
    jd = compose(catalog, **changes)
    [finding] = jsonld_findings(jd)
    assert finding.level == "warning" and f"`{field}`" in (finding.advice or "") and prop in finding.message
    assert errors(validator, jsonld(jd)) != []


# --- the schema can fail ------------------------------------------------------------------


def _telecommute_without_area(data: dict[str, Any]) -> None:
    del data["jobLocation"]
    data["jobLocationType"] = "TELECOMMUTE"


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (lambda d: d.pop("title"), "/ required: 'title' is a required property"),
        (lambda d: d.pop("description"), "/ required: 'description' is a required property"),
        (lambda d: d.pop("jobLocation"), "/ required: 'jobLocation' is a required property"),
        (_telecommute_without_area, "/ required: 'applicantLocationRequirements' is a required property"),
        (lambda d: d.update(titel=d.pop("title")), "/ additionalProperties: Additional properties are not allowed"),
        (lambda d: d["baseSalary"]["value"].update(unitText="ANNUAL"), "/baseSalary/value/unitText enum:"),
        (lambda d: d["baseSalary"].update(currency="dollars"), "/baseSalary/currency pattern:"),
        (lambda d: d["baseSalary"].update(value={"@type": "QuantitativeValue"}), "/baseSalary/value anyOf:"),
        (lambda d: d.update(employmentType="FULLTIME"), "/employmentType enum:"),
        (lambda d: d.update(datePosted="02/11/2026"), "/datePosted oneOf:"),
        (lambda d: d.update(validThrough="2026-02-30"), "/validThrough format:"),
        (lambda d: d["hiringOrganization"].pop("name"), "/hiringOrganization required: 'name' is a required"),
        (lambda d: d["jobLocation"]["address"].pop("addressCountry"), "/jobLocation/address required:"),
        (lambda d: d.update(jobLocationType="REMOTE"), "/jobLocationType const:"),
        (lambda d: d.update(description="No markup at all."), "/description pattern:"),
        (lambda d: d["occupationalCategory"][1].pop("inCodeSet"), "/occupationalCategory oneOf:"),
        (lambda d: d["skills"][-1].update(uri=d["skills"][-1].pop("url")), "/skills oneOf:"),
    ],
)
def test_the_schema_rejects_a_broken_job_posting(
    validator: Draft202012Validator, demo_jd: jdgen.JobDescription, break_it: Any, expected: str
) -> None:
    data = copy.deepcopy(jsonld(demo_jd))
    assert errors(validator, data) == []
    break_it(data)
    problems = errors(validator, data)
    assert any(p.startswith(expected) for p in problems), problems


# --- render() and the HTML page -------------------------------------------------------------


@pytest.mark.parametrize("posting", [False, True], ids=["internal", "posting"])
def test_html_head_embeds_the_same_job_posting(demo_jd: jdgen.JobDescription, posting: bool) -> None:
    html = jdgen.render(demo_jd, "html", posting=posting)
    assert isinstance(html, str)
    [(in_head, kind, text)] = page_scripts(html)
    assert in_head and kind == "application/ld+json"
    assert json.loads(text) == jsonld(demo_jd)
    assert jdgen.render(demo_jd, "jsonld", posting=posting) == jdgen.render(demo_jd, "jsonld")


def test_description_is_the_posting_body_without_the_advisory(demo_jd: jdgen.JobDescription) -> None:
    description = jsonld(demo_jd)["description"]
    assert demo_jd.warnings and demo_jd.readiness
    for internal in ("Internal advisory", "Why it is here", "Readiness", demo_jd.warnings[0].title):
        assert internal not in description
    assert not re.search(r"<(html|head|body|main|script|style)\b", description)
    assert description.startswith("<h1>Chief Customer Officer</h1>") and "<li>" in description
    posting_page = jdgen.render(demo_jd, "html", posting=True)
    assert isinstance(posting_page, str) and description in posting_page  # the page's content, as it is


HOSTILE = "</script><script>alert(1)</script><!-- & --> </SCRIPT "


def test_hostile_company_cannot_break_out_of_the_script(catalog: jdgen.Catalog) -> None:
    jd = compose(catalog, company=HOSTILE, industry="<!--", benefits=["]]> & <b>x</b>"])
    html = jdgen.render(jd, "html")
    assert isinstance(html, str)
    assert len(re.findall(r"<script", html, re.IGNORECASE)) == 1
    assert len(re.findall(r"</script", html, re.IGNORECASE)) == 1
    assert "<!--" not in html
    [(in_head, kind, text)] = page_scripts(html)
    assert in_head and kind == "application/ld+json"
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["hiringOrganization"]["name"] == HOSTILE.strip()
    assert data["industry"] == "<!--"
    assert data["jobBenefits"] == "]]> & <b>x</b>"
    assert data == jsonld(jd)


def test_jsonld_keeps_non_ascii_text(catalog: jdgen.Catalog) -> None:
    out = jdgen.render(compose(catalog, company="Zürich Ōtsuka 株式会社"), "jsonld")
    assert isinstance(out, str) and '"name": "Zürich Ōtsuka 株式会社"' in out


def test_only_a_job_description_has_json_ld(catalog: jdgen.Catalog) -> None:
    answers = jdgen.load_answers(EXAMPLES / "answers.yaml", catalog)
    for document in (jdgen.compare(catalog, answers), jdgen.readiness_report(catalog, answers)):
        with pytest.raises(jdgen.InputError, match=f"only a job description has JSON-LD.*{type(document).__name__}"):
            jdgen.render(document, "jsonld")
        html = jdgen.render(document, "html")
        assert isinstance(html, str) and "<script" not in html


def test_jsonld_is_a_text_format_with_its_own_extension() -> None:
    from jdgen.render import BINARY_FORMATS, EXTENSIONS

    assert "jsonld" in jdgen.FORMATS and EXTENSIONS[".jsonld"] == "jsonld" and "jsonld" not in BINARY_FORMATS


def test_the_requisition_url_logo_openings_and_education_complete_the_posting(
    validator: Draft202012Validator, catalog: jdgen.Catalog
) -> None:
    profile = {
        "company": "Acme",
        "location": {"city": "Denver", "region": "CO", "country": "US"},
        "date_posted": "2027-01-04",
        "requisition_id": "REQ-2027-014",
        "posting_url": "https://jobs.acme.example/cco",
        "logo_url": "https://acme.example/logo.png",
        "openings": 1,
        "education": "bachelor degree",
        "experience_years": 15,
    }
    data = jsonld(jdgen.compose(catalog, "commercial", None, profile))
    assert errors(validator, data) == []
    assert data["identifier"] == {"@type": "PropertyValue", "name": "Acme", "value": "REQ-2027-014"}
    assert data["url"] == "https://jobs.acme.example/cco" and data["totalJobOpenings"] == 1
    assert data["hiringOrganization"]["logo"] == "https://acme.example/logo.png"
    assert data["educationRequirements"] == {
        "@type": "EducationalOccupationalCredential",
        "credentialCategory": "bachelor degree",
    }
    assert data["experienceRequirements"]["monthsOfExperience"] == 180
    bare = jsonld(jdgen.compose(catalog, "commercial", None, {"company": "Acme"}))
    assert not {"identifier", "url", "totalJobOpenings", "educationRequirements"} & bare.keys()
    assert "logo" not in bare["hiringOrganization"]
    with pytest.raises(jdgen.InputError, match="education"):
        jdgen.compose(catalog, "commercial", None, {"company": "Acme", "education": "MBA"})
