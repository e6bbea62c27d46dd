"""`jdgen export`: the request bodies for Greenhouse, Lever, Oracle, SEEK and the neutral job.

Every body is validated against the JSON Schema written from the vendor's documentation
(jdgen/ats/schemas), for every archetype, with a full profile and team answers, with none,
and with a remote contractor paid by the hour. The advisory never leaves the Word file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

import jdgen
from jdgen.ats import SCHEMAS, TARGETS, export, schema, to_json
from jdgen.cli import main as cli

EXAMPLES = Path(__file__).parent.parent / "examples"
PROFILES: dict[str, dict[str, Any]] = {
    "demo": jdgen.load_profile(EXAMPLES / "profile.yaml").model_dump(exclude_none=True),
    "bare": {},
    "remote-contractor": {
        "company": "Kelpie & Co",
        "remote": "yes",
        "remote_scope": ["Australia"],
        "employment_type": "CONTRACTOR",
        "pay": {"min": 180, "max": 220, "currency": "AUD", "period": "hour"},
    },
}


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft202012Validator]:
    out = {}
    for name in SCHEMAS:
        Draft202012Validator.check_schema(schema(name))
        out[name] = Draft202012Validator(schema(name), format_checker=FormatChecker())
    return out


@pytest.fixture(scope="module")
def team(catalog: jdgen.Catalog) -> jdgen.Survey:
    return jdgen.load_answers(EXAMPLES / "team.csv", catalog)


def problems(validators: dict[str, Draft202012Validator], data: dict[str, Any]) -> list[str]:
    found = [f"export {e.json_path}: {e.message[:160]}" for e in validators["export"].iter_errors(data)]
    for request in data["requests"]:
        name = request["schema_name"]
        found += [f"{name} {e.json_path}: {e.message[:160]}" for e in validators[name].iter_errors(request["body"])]
    if "by_hand" in data:
        found += [
            f"by-hand {e.json_path}: {e.message[:160]}"
            for e in validators["greenhouse-by-hand"].iter_errors(data["by_hand"])
        ]
    if data["target"] == "unified":
        found += [
            f"unified-job {e.json_path}: {e.message[:160]}" for e in validators["unified-job"].iter_errors(data["job"])
        ]
    return found


# SEEK refuses a job without pay (test_seek_without_pay_says_what_to_set), so it has no bare case.
@pytest.mark.parametrize(
    ("target", "profile"),
    [(t, p) for t in TARGETS for p in PROFILES if (t, p) != ("seek", "bare")],
)
def test_every_archetype_gives_bodies_that_validate(
    validators: dict[str, Draft202012Validator], catalog: jdgen.Catalog, team: jdgen.Survey, target: str, profile: str
) -> None:
    for archetype in catalog.archetypes.ids():
        jd = jdgen.compose(catalog, archetype, team if profile == "demo" else None, PROFILES[profile])
        data = json.loads(to_json(export(jd, target)))
        assert problems(validators, data) == [], (archetype, target, profile)
        if target == "oracle":  # the internal edition in the Internal* fields
            data = json.loads(to_json(export(jd, target, oracle_internal="internal")))
            assert problems(validators, data) == [], (archetype, "oracle internal", profile)


@pytest.mark.parametrize("target", TARGETS)
def test_the_advisory_and_the_respondents_never_leave_the_word_file(
    catalog: jdgen.Catalog, team: jdgen.Survey, target: str
) -> None:
    jd = jdgen.compose(catalog, "commercial", team, PROFILES["demo"])
    assert jd.readiness and jd.warnings  # the internal JD has an advisory to keep out
    text = to_json(export(jd, target, fill={}))
    assert "Internal advisory" not in text and "Execution-chasm" not in text and "Why it is here" not in text
    for respondent in team.respondents:
        assert respondent.respondent not in text, respondent.respondent
        for note in respondent.notes.values():
            assert note not in text, note
    for warning in jd.warnings:
        assert warning.title not in text


def test_oracle_and_greenhouse_carry_the_internal_description_for_the_hiring_team(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "service-led", None, PROFILES["demo"])
    oracle = {r.url.rsplit("/", 1)[1]: r.body for r in export(jd, "oracle").requests}
    assert set(oracle) == {
        f"{side}{field}"
        for side in ("External", "Internal")
        for field in ("DescriptionHTML", "RespHTML", "QualHTML", "ShortDescription")
    }
    block = jd.blocks[0]
    # employees read the Internal* fields: by default they get the posting, as candidates do
    assert (
        oracle["InternalRespHTML"] == oracle["ExternalRespHTML"] and block.duties[0] not in oracle["InternalRespHTML"]
    )
    assert jd.highlights[0].text in oracle["ExternalRespHTML"]
    assert jd.qualifications[0] in oracle["ExternalQualHTML"]
    assert "<h1>" not in oracle["ExternalDescriptionHTML"]  # the requisition has its own title
    asked = {r.url.rsplit("/", 1)[1]: r.body for r in export(jd, "oracle", oracle_internal="internal").requests}
    assert block.duties[0] in asked["InternalRespHTML"] and asked["ExternalRespHTML"] == oracle["ExternalRespHTML"]
    greenhouse = export(jd, "greenhouse").requests
    assert [r.method for r in greenhouse] == ["PATCH", "PATCH"]
    assert block.duties[0] in greenhouse[1].body["team_and_responsibilities"]  # type: ignore[index]
    assert "\n" not in json.dumps([r.body for r in greenhouse]).replace("\\n", "\n")[1:-1]


def test_the_ats_hosts_the_application(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "commercial", None, PROFILES["demo"])
    assert jd.apply_url and jd.valid_through
    for target in ("greenhouse", "lever", "oracle"):
        text = to_json(export(jd, target))
        assert jd.apply_url not in text and "Applications close" not in text, target
    seek = export(jd, "seek")
    assert jd.apply_url in to_json(seek) and "Applications close" not in json.dumps(seek.requests[0].body)
    assert any(jd.valid_through.isoformat() in note for note in seek.notes)  # when the ad should end


def test_a_custom_template_cannot_reach_the_advisory(
    catalog: jdgen.Catalog, team: jdgen.Survey, tmp_path: Path
) -> None:
    (tmp_path / "jd.md.j2").write_text(
        "# {{ jd.title }}\n\n{% if jd.edition == 'internal' and jd.readiness %}{{ jd.readiness.label }}"
        "{% for w in jd.warnings %} {{ w.title }}{% endfor %}{% endif %}\n\n## Responsibilities\n\n"
        "{% for b in jd.blocks %}- {{ b.title }} {{ b.reason }} {{ b.closes | join(',') }}\n{% endfor %}\n",
        encoding="utf-8",
    )
    jd = jdgen.compose(catalog, "commercial", team, PROFILES["demo"])
    assert jd.readiness
    for target, options in (("greenhouse", {}), ("oracle", {"oracle_internal": "internal"}), ("unified", {})):
        text = to_json(export(jd, target, template_dirs=[tmp_path], **options))
        assert jd.readiness.label not in text, target
        assert all(w.title not in text for w in jd.warnings), target
        assert f"<li>{jd.blocks[0].title}</li>" in text, target  # a block's reason and gaps are gone from the data


@pytest.mark.parametrize(
    "body",
    [
        "## What you will do\n\nIn your first year you will:\n\n{% for h in jd.highlights %}- {{ h.text }}\n{% endfor %}\n",
        "- Reports to: {{ jd.reports_to }}\n\n## What you will do\n\n- Lead the customer teams\n  - service\n  - success\n",
    ],
    ids=["intro-then-list", "nested-list"],
)
def test_every_section_of_a_custom_posting_reaches_lever(catalog: jdgen.Catalog, tmp_path: Path, body: str) -> None:
    (tmp_path / "posting.md.j2").write_text(body, encoding="utf-8")
    jd = jdgen.compose(catalog, "commercial", None, PROFILES["demo"])
    lever = json.dumps(export(jd, "lever", template_dirs=[tmp_path]).requests[0].body)
    for words in ("In your first year you will", "Reports to", "Lead the customer teams", "success"):
        if words.split()[0] in body:
            assert words in lever, words
    unified = export(jd, "unified", template_dirs=[tmp_path]).job
    assert unified is not None
    items = [i for s in unified["sections"] for i in s["items"]]
    if "nested" in body or "  - " in body:
        assert items[-1].startswith("Lead the customer teams") and "success" in items[-1]


def test_vendor_html_keeps_words_apart_and_tables_readable() -> None:
    from jdgen.ats.html_subset import restrict
    from jdgen.ats.lever import DESCRIPTION

    html = (
        "<p><strong>bold</strong>\n<em>italic</em></p>\n<table>\n<tr>\n<th>Perk</th>\n<th>Detail</th>\n</tr>\n</table>"
    )
    assert restrict(html, DESCRIPTION) == "<p><b>bold</b> <i>italic</i></p><p>Perk · Detail</p>"


def test_seek_refuses_what_seek_refuses(catalog: jdgen.Catalog) -> None:
    pay = {"min": 200000, "max": 240000, "currency": "CHF", "period": "year"}
    with pytest.raises(jdgen.InputError, match=r"SEEK takes pay in AUD, .* not CHF"):
        export(jdgen.compose(catalog, "commercial", None, {"pay": pay}), "seek")
    long_id = {**PROFILES["remote-contractor"], "requisition_id": "R" * 60}
    with pytest.raises(jdgen.InputError, match="at most 50 characters of seekHirerJobReference"):
        export(jdgen.compose(catalog, "commercial", None, long_id), "seek")
    jd = jdgen.compose(catalog, "commercial", None, {**PROFILES["remote-contractor"], "company": "A <i>B</i> & C"})
    body = export(jd, "seek").requests[0].body
    assert isinstance(body, dict)
    package = body["variables"]["input"]["positionProfile"]["offeredRemunerationPackage"]
    assert package["descriptions"] == ["AUD 180–220 per hour"]

    def idempotency(hirer: str) -> str:
        made = export(jd, "seek", fill={"seek_hirer_id": hirer}).requests[0].body
        return made["variables"]["input"]["positionProfile"]["postingInstructions"][0]["idempotencyId"]  # type: ignore[index]

    assert idempotency("h-1") == idempotency("h-1") != idempotency("h-2")


def test_lever_takes_its_html_and_its_lists(
    catalog: jdgen.Catalog, validators: dict[str, Draft202012Validator]
) -> None:
    jd = jdgen.compose(catalog, "digital", None, PROFILES["demo"])
    body = export(jd, "lever").requests[0].body
    assert isinstance(body, dict)
    lists = {entry["text"]: entry["content"] for entry in body["content"]["lists"]}
    assert list(lists)[:1] == ["What you will do"] and "What you bring" in lists
    assert lists["What you will do"].count("<li>") == len(jd.highlights)
    description, closing = body["content"]["descriptionHtml"], body["content"]["closingPostingHtml"]
    assert "What you will do" not in description + closing  # a list is written once
    assert "<b>The role</b>" in description and "About" not in description  # the work before the perks
    assert closing.index("About") < closing.index("The pay range for this role is") < closing.index("Equal opportunity")
    assert body["salaryRange"] == {"min": 265000, "max": 310000, "currency": "USD", "interval": "per-year-salary"}
    broken = json.loads(json.dumps(body))
    broken["content"]["descriptionHtml"] += "<ul><li>x</li></ul>"
    assert any("pattern" in e.message or "match" in e.message for e in validators["lever-posting"].iter_errors(broken))


def test_hourly_pay_is_text_for_lever_and_an_hourly_range_for_seek(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "customer-success", None, PROFILES["remote-contractor"])
    lever = export(jd, "lever").requests[0].body
    assert isinstance(lever, dict)
    assert "salaryRange" not in lever and lever["salaryDescriptionHtml"] == "<p>AUD 180–220 per hour</p>"
    assert lever["workplaceType"] == "remote"
    seek = export(jd, "seek").requests[0].body
    assert isinstance(seek, dict)
    profile = seek["variables"]["input"]["positionProfile"]
    assert profile["offeredRemunerationPackage"]["basisCode"] == "Hourly"
    assert profile["offeredRemunerationPackage"]["ranges"][0]["intervalCode"] == "Hour"
    assert profile["seekAnzWorkTypeCode"] == "ContractTemp" and profile["seekWorkArrangementCodes"] == ["Remote"]


def test_seek_keeps_to_its_limits_and_posts_the_same_ad_once(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "public-sector", None, PROFILES["demo"])
    first = export(jd, "seek").requests[0].body
    again = export(jd, "seek").requests[0].body
    assert first == again
    assert isinstance(first, dict)
    profile = first["variables"]["input"]["positionProfile"]
    texts = {d["descriptionId"]: d["content"] for d in profile["positionFormattedDescriptions"]}
    assert len(texts["SearchSummary"]) <= 150 and "<" not in texts["SearchSummary"]
    bullets = [
        d["content"] for d in profile["positionFormattedDescriptions"] if d["descriptionId"] == "SearchBulletPoint"
    ]
    assert 1 <= len(bullets) <= 3 and all(len(b) <= 80 for b in bullets)
    assert not re.search(r"<(?!/?(b|br|div|em|h2|li|ol|p|strong|ul)>)", texts["AdvertisementDetails"])
    other = jd.model_copy(update={"title": "Chief Customer Experience Officer"})
    idempotency = profile["postingInstructions"][0]["idempotencyId"]
    assert (
        export(other, "seek")
        .requests[0]
        .body["variables"]["input"]["positionProfile"]["postingInstructions"][0][  # type: ignore[index]
            "idempotencyId"
        ]
        != idempotency
    )


def test_seek_without_pay_says_what_to_set(catalog: jdgen.Catalog) -> None:
    with pytest.raises(jdgen.InputError, match=r"SEEK requires pay: set pay.min, pay.max and pay.currency"):
        export(jdgen.compose(catalog, "service-led"), "seek")


def test_placeholders_are_filled_or_listed(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "service-led", None, PROFILES["demo"])
    assert export(jd, "oracle").fill == ("oracle_host", "oracle_requisition_id")
    filled = export(jd, "oracle", fill={"oracle_host": "abcd.fa.us2.oraclecloud.com"})
    assert filled.fill == ("oracle_requisition_id",)
    assert all(r.url.startswith("https://abcd.fa.us2.oraclecloud.com/hcmRestApi/") for r in filled.requests)
    with pytest.raises(jdgen.InputError, match="oracle has no placeholder 'lever_user_id'"):
        export(jd, "oracle", fill={"lever_user_id": "x"})
    with pytest.raises(jdgen.InputError, match="unknown export target 'workday'"):
        export(jd, "workday")


def test_a_placeholder_typed_into_the_profile_is_never_filled(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "commercial", None, {"company": "{lever_user_id} <script>alert(1)</script>"})
    body = json.dumps(export(jd, "lever", fill={"lever_user_id": "u-1"}).requests[0].body)
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "u-1" not in body  # only the URL takes the value
    assert export(jd, "lever", fill={"lever_user_id": "u-1"}).requests[0].url.endswith("perform_as=u-1")


def test_a_custom_templates_own_sections_reach_the_description(catalog: jdgen.Catalog, tmp_path: Path) -> None:
    (tmp_path / "posting.md.j2").write_text(
        "# {{ jd.title }}\n\n## Why join us\n\nA mission statement.\n\n## What you bring\n\n"
        "{% for q in jd.qualifications %}- {{ q }}\n{% endfor %}\n",
        encoding="utf-8",
    )
    jd = jdgen.compose(catalog, "commercial", None, PROFILES["demo"])
    oracle = {r.url.rsplit("/", 1)[1]: r.body for r in export(jd, "oracle", template_dirs=[tmp_path]).requests}
    assert "A mission statement." in oracle["ExternalDescriptionHTML"]
    assert jd.qualifications[0] in oracle["ExternalQualHTML"]
    assert "ExternalRespHTML" not in oracle  # the template has no section of the work


@pytest.mark.parametrize("target", TARGETS)
def test_golden(golden, catalog: jdgen.Catalog, team: jdgen.Survey, target: str) -> None:
    jd = jdgen.compose(catalog, "enterprise-cx", team, PROFILES["demo"])
    golden(f"export-{target}.json", to_json(export(jd, target)))


def test_the_command_writes_the_requests_and_names_what_to_fill(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "lever.json"
    args = ["export", "-a", "commercial", "--target", "lever", "--profile", str(EXAMPLES / "profile.yaml")]
    result = runner.invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["fill"] == ["lever_user_id"]
    assert "jdgen: fill in {lever_user_id}: The Lever user" in result.stderr
    again = runner.invoke(cli, [*args, "-o", str(out)])
    assert again.exit_code == 1 and "exists" in again.stderr and again.stderr.count("\n") == 1
    done = runner.invoke(cli, [*args, "-o", str(out), "--force", "--fill", "lever_user_id=u-1"])
    assert done.exit_code == 0 and "fill in" not in done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["requests"][0]["url"].endswith("perform_as=u-1")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-a", "commercial"], "give --target"),
        (["--target", "lever"], "give --archetype"),
        (["-a", "commercial", "--target", "lever", "--fill", "nope"], "is not NAME=VALUE"),
        (["-a", "commercial", "--target", "seek"], "SEEK requires pay"),
        (["-a", "comercial", "--target", "lever"], "did you mean 'commercial'?"),
    ],
)
def test_the_command_says_what_is_wrong_in_one_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["export", *args])
    assert result.exit_code in (1, 2) and message in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_the_command_prints_each_schema() -> None:
    for name in SCHEMAS:
        result = CliRunner().invoke(cli, ["export", "--schema", name])
        assert result.exit_code == 0
        Draft202012Validator.check_schema(json.loads(result.stdout))


def test_batch_writes_each_items_requests(tmp_path: Path) -> None:
    from jdgen import batch

    spec_path = tmp_path / "batch.yaml"
    spec_path.write_text(
        f"archetypes: [commercial]\nprofiles: [{EXAMPLES / 'profile.yaml'}, {{company: Beta Bank}}]\n"
        "formats: [md]\nexports: [lever, seek]\nfill: {lever_user_id: u-1}\n",
        encoding="utf-8",
    )
    spec = batch.load_spec(spec_path)
    settings = batch.Settings(fill=tuple(spec.fill.items()))
    (tmp_path / "out").mkdir()
    result = batch.run(batch.plan(spec, spec_path, tmp_path / "out"), settings, jobs=1)
    lever = json.loads((tmp_path / "out" / "profile-cco-commercial-lever.json").read_text(encoding="utf-8"))
    assert lever["requests"][0]["url"].endswith("perform_as=u-1") and lever["fill"] == []
    assert (tmp_path / "out" / "profile-cco-commercial-seek.json").is_file()
    failed = [item for item in result.items if item.status == "failed"]
    assert [item.company for item in failed] == ["Beta Bank"] and "SEEK requires pay" in failed[0].error
    spec_path.write_text(
        f"archetypes: [digital]\nprofiles: [{EXAMPLES / 'profile.yaml'}]\nformats: [md]\npack: true\nexports: [lever, oracle]\n",
        encoding="utf-8",
    )
    batch.run(batch.plan(batch.load_spec(spec_path), spec_path, tmp_path / "out"), batch.Settings(), jobs=1)
    with_pack = json.loads((tmp_path / "out" / "profile-cco-digital-lever.json").read_text(encoding="utf-8"))
    assert "lever-feedback-template" in {r["schema_name"] for r in with_pack["requests"]}
    assert (tmp_path / "out" / "profile-cco-digital-scorecard.md").is_file()
    assert (tmp_path / "out" / "profile-cco-digital-oracle.json").is_file()  # the pack goes to lever alone
    spec_path.write_text("profiles: [{company: A}]\nexports: [lever]\nfill: {oracle_host: x}\n", encoding="utf-8")
    with pytest.raises(jdgen.InputError, match="no export has the placeholder 'oracle_host'; theirs: lever_user_id"):
        batch.load_spec(spec_path)


def test_the_api_answers_with_the_requests() -> None:
    from fastapi.testclient import TestClient

    from jdgen.web.app import create_app

    client = TestClient(create_app())
    body = {"archetype": "commercial", "target": "oracle", "profile": {"company": "Acme"}, "fill": {"oracle_host": "h"}}
    answer = client.post("/api/export", json=body)
    assert answer.status_code == 200
    assert answer.json()["fill"] == ["oracle_requisition_id"]
    assert answer.json()["requests"][0]["url"].startswith("https://h/hcmRestApi/")
    refused = client.post("/api/export", json={"archetype": "commercial", "target": "seek"})
    assert refused.status_code == 422 and refused.json()["error"].startswith("SEEK requires pay")
    packed = client.post("/api/export", json={**body, "target": "greenhouse", "fill": {}, "pack": True})
    assert packed.status_code == 200 and packed.json()["by_hand"]["interview_plan"]
    spec = client.get("/openapi.json").json()["components"]["schemas"]["ExportRequest"]
    assert spec["properties"]["archetype"]["enum"][0] == "enterprise-cx"


@pytest.mark.parametrize("target", ["greenhouse", "lever"])
def test_the_role_pack_becomes_lever_templates_or_greenhouse_set_up(
    validators: dict[str, Draft202012Validator], catalog: jdgen.Catalog, team: jdgen.Survey, target: str
) -> None:
    for archetype in catalog.archetypes.ids():
        jd = jdgen.compose(catalog, archetype, team, PROFILES["demo"])
        pack = jdgen.role_pack(catalog, jd, PROFILES["demo"])
        data = json.loads(to_json(export(jd, target, pack=pack)))
        assert problems(validators, data) == [], (archetype, target)
        rated = {title for stage in pack.interview.stages for title in stage.focus}
        text = json.dumps(data)
        for guide in pack.interview.competencies:
            if guide.title in rated:
                assert guide.questions[0].ask in text, (archetype, guide.title)
        if target == "lever":
            templates = [r["body"] for r in data["requests"] if r["schema_name"] == "lever-feedback-template"]
            assert templates[-1]["text"].endswith("Reference checks")
            assert all([f["type"] for f in t["fields"]].count("score-system") == 1 for t in templates)
        else:
            assert [s["stage"] for s in data["by_hand"]["interview_plan"]] == [s.name for s in pack.interview.stages]


def test_the_pack_goes_only_where_a_system_takes_it(catalog: jdgen.Catalog) -> None:
    jd = jdgen.compose(catalog, "service-led", None, PROFILES["demo"])
    with pytest.raises(jdgen.InputError, match="seek takes no scorecard or interview kit"):
        export(jd, "seek", pack=jdgen.role_pack(catalog, jd, PROFILES["demo"]))
    result = CliRunner().invoke(cli, ["export", "-a", "service-led", "--target", "oracle", "--pack"])
    assert result.exit_code == 2 and "--pack is for greenhouse and lever" in result.stderr


def test_the_command_offers_every_target_and_schema() -> None:
    from jdgen.cli import export as command

    assert command._TARGETS == TARGETS and command._SCHEMAS == SCHEMAS
