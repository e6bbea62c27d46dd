"""Team surveys in the server, on SQLite and PostgreSQL: links, answers, the facilitator's report, downloads, safety.

Every request goes through the whole app (its guards included) with Starlette's test client.
A survey is made as a facilitator makes one, through the form; the links are read from the
page that shows them.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

import docx
import pytest
import yaml
from fastapi.testclient import TestClient
from markupsafe import escape

from jdgen import load_catalog
from jdgen.data.inputs import parse_survey
from jdgen.decide.assessment import assess
from jdgen.store.surveys import SurveyStore
from jdgen.web import create_app

TODAY = datetime.date(2026, 12, 4)
STATEMENTS = load_catalog().statements.ids()
NOTE = '<script>alert("x")</script> & "quotes"'
TEAM = "Ana Ortiz, CEO\nBo Chen, CFO\nCy Park, COO\nDee Rao, CHRO\nEd Lund"


@dataclass
class Links:
    facilitator: str
    respondents: list[str]


@pytest.fixture
def store(db: str) -> Iterator[SurveyStore]:
    opened = SurveyStore(db)
    yield opened
    opened.close_connections()


@pytest.fixture
def client(store: SurveyStore) -> Iterator[TestClient]:
    with TestClient(create_app(surveys=store, today=lambda: TODAY)) as test_client:
        yield test_client


def _form_key(client: TestClient) -> str:
    page = client.get("/surveys/new")
    assert page.status_code == 200
    found = re.search(r'name="form_key" value="([^"]+)"', page.text)
    assert found
    return found[1]


def _create(client: TestClient, company: str = "Acme Insurance", team: str = TEAM, **extra: str) -> Links:
    fields = {"form_key": _form_key(client), "company": company, "respondents": team, **extra}
    made = client.post("/surveys/new", data=fields)
    assert made.status_code == 201, made.text
    assert made.headers["cache-control"] == "no-store"
    links = [html.unescape(link) for link in re.findall(r'href="http://testserver(/[sf]/[^"]+)"', made.text)]
    respondents = list(dict.fromkeys(link for link in links if link.startswith("/s/")))
    facilitator = next(link for link in links if link.startswith("/f/"))
    return Links(facilitator, respondents)


def _answer(client: TestClient, link: str, statement: str, answer: str, note: str = "") -> dict[str, object]:
    response = client.post(f"{link}/answer", data={"statement": statement, "answer": answer, "note": note})
    result: dict[str, object] = response.json()
    result["status"] = response.status_code
    return result


def test_a_facilitator_gets_one_private_link_per_respondent(client: TestClient) -> None:
    links = _create(client)
    assert len(links.respondents) == 5
    secrets_given = [link.rsplit("/", 1)[1] for link in [links.facilitator, *links.respondents]]
    assert len(set(secrets_given)) == 6 and all(len(s) >= 43 for s in secrets_given)  # 256 bits each
    page = client.get(links.respondents[0])
    assert page.status_code == 200
    assert "Ana Ortiz" in page.text and "Acme Insurance" in page.text
    assert page.text.count('class="statement"') == len(STATEMENTS)
    assert page.text.count("Why it matters") == len(STATEMENTS)


def test_answers_are_saved_one_by_one_and_shown_when_the_respondent_comes_back(client: TestClient) -> None:
    links = _create(client)
    ana = links.respondents[0]
    assert _answer(client, ana, "resources", "no", "Budget frozen")["answered"] == 1
    assert _answer(client, ana, "resources", "partial", "Budget frozen until Q3")["answered"] == 1  # replaced
    assert _answer(client, ana, "role-clarity", "", "a note before an answer")["answered"] == 2
    page = client.get(ana).text
    assert re.search(r'name="answer\.resources" value="partial" checked', page)
    assert "Budget frozen until Q3" in page
    assert re.search(r'name="answer\.role-clarity" value="unknown" checked', page)


def test_the_page_without_its_script_saves_every_answer_at_once(client: TestClient) -> None:
    links = _create(client)
    fields = {f"answer.{s}": "yes" for s in STATEMENTS[:4]} | {"note.resources": "only revenue"}
    page = client.post(links.respondents[1], data=fields)
    assert page.status_code == 200 and "Saved 5 answers" in page.text
    assert "only revenue" in client.get(links.respondents[1]).text


def test_bad_answers_are_refused_with_a_reason(client: TestClient) -> None:
    ana = _create(client).respondents[0]
    assert _answer(client, ana, "no-such-statement", "yes") == {
        "error": "unknown statement; reload the page",
        "status": 422,
    }
    refused = _answer(client, ana, "resources", "maybe")
    assert refused["status"] == 422 and "is not one of yes, partial, no, unknown" in str(refused["error"])
    refused = _answer(client, ana, "resources", "no", "x" * 2001)
    assert refused["status"] == 422 and "2000 characters" in str(refused["error"])


def test_the_facilitator_sees_who_answered_the_verdict_and_the_dissent(client: TestClient) -> None:
    links = _create(client)
    ana, bo, cy = links.respondents[:3]
    for statement in STATEMENTS:
        _answer(client, ana, statement, "yes")
        _answer(client, bo, statement, "no" if statement == "resources" else "yes")
    _answer(client, cy, "resources", "partial", NOTE)
    page = client.get(links.facilitator)
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    report = client.get(f"{links.facilitator}/report").text
    assert "2 of 5 respondents have answered every statement; 1 more has started" in report
    assert re.search(r"Ana Ortiz</td><td>CEO</td><td class=\"ok\">11 of 11", report)
    assert re.search(r"Cy Park</td><td>COO</td><td[^>]*>1 of 11", report)
    team = parse_survey(
        [
            {"respondent": "Ana Ortiz", "role": "CEO", "answers": dict.fromkeys(STATEMENTS, "yes")},
            {
                "respondent": "Bo Chen",
                "role": "CFO",
                "answers": {s: "no" if s == "resources" else "yes" for s in STATEMENTS},
            },
            {"respondent": "Cy Park", "role": "COO", "answers": {"resources": "partial"}, "notes": {"resources": NOTE}},
        ]
    )
    expected = assess(load_catalog(), team)
    assert expected.label in report
    assert "Where the team disagrees" in report and "yes: CEO; no: CFO" in report.replace("partial: COO; ", "")
    assert str(escape(NOTE)) in report and NOTE not in report


def test_a_respondents_link_reaches_nothing_but_their_own_answers(client: TestClient) -> None:
    links = _create(client)
    ana, bo = links.respondents[:2]
    _answer(client, ana, "resources", "no", "Ana's private note")
    assert "Ana's private note" not in client.get(bo).text
    ana_secret = ana.rsplit("/", 1)[1]
    for path in (f"/f/{ana_secret}", f"/f/{ana_secret}/report", f"/f/{ana_secret}/download/answers.csv"):
        assert client.get(path).status_code == 404
    assert client.post(f"/f/{ana_secret}/close").status_code == 404
    assert client.post(f"/f/{ana_secret}/delete", data={"confirm": "yes"}).status_code == 404
    facilitator_secret = links.facilitator.rsplit("/", 1)[1]
    assert client.get(f"/s/{facilitator_secret}").status_code == 404  # the facilitator's link answers for no one
    assert client.get("/s/" + "A" * 43).status_code == 404
    assert client.get("/s/short").status_code == 404


def test_closing_stops_every_change_and_keeps_the_answers(client: TestClient) -> None:
    links = _create(client)
    ana = links.respondents[0]
    _answer(client, ana, "resources", "no")
    closed = client.post(f"{links.facilitator}/close", follow_redirects=False)
    assert closed.status_code == 303 and closed.headers["location"] == links.facilitator
    refused = _answer(client, ana, "resources", "yes")
    assert refused["status"] == 409 and "closed" in str(refused["error"])
    assert client.post(ana, data={"answer.resources": "yes"}).status_code == 409
    page = client.get(ana).text
    assert "This survey is closed" in page and "disabled" in page
    assert re.search(r'name="answer\.resources" value="no" checked', page)


def test_a_lost_link_is_replaced_and_the_old_one_stops(client: TestClient) -> None:
    links = _create(client)
    bo = links.respondents[1]
    _answer(client, bo, "resources", "no")
    page = client.post(f"{links.facilitator}/revoke", data={"respondent": "1"})
    assert page.status_code == 200
    found = re.search(r'id="new-link">http://testserver(/s/[^<]+)<', page.text)
    assert found
    assert client.get(bo).status_code == 404
    assert _answer(client, bo, "resources", "yes")["status"] == 404
    assert re.search(r'name="answer\.resources" value="no" checked', client.get(found[1]).text)  # answers kept


def test_downloads_are_what_answers_files_and_reports_hold(client: TestClient) -> None:
    links = _create(client, company="Acme, Inc.")
    ana, bo = links.respondents[:2]
    assert client.get(f"{links.facilitator}/download/answers.csv").status_code == 409  # nothing yet
    _answer(client, ana, "resources", "no", '=HYPERLINK("http://evil")')
    _answer(client, bo, "resources", "yes", "plain")
    rows = list(csv.DictReader(io.StringIO(client.get(f"{links.facilitator}/download/answers.csv").text)))
    assert [(r["respondent"], r["statement"], r["answer"]) for r in rows] == [
        ("Ana Ortiz", "resources", "no"),
        ("Bo Chen", "resources", "yes"),
    ]
    assert rows[0]["note"] == '\'=HYPERLINK("http://evil")'  # a spreadsheet shows it as text
    data = yaml.safe_load(client.get(f"{links.facilitator}/download/answers.yaml").text)
    assert data["respondents"][0] == {
        "respondent": "Ana Ortiz",
        "role": "CEO",
        "answers": {"resources": {"answer": "no", "note": '=HYPERLINK("http://evil")'}},
    }
    for kind in ("readiness", "board"):
        response = client.get(f"{links.facilitator}/download/{kind}.docx")
        assert response.status_code == 200
        assert 'filename="acme-inc-cco-' in response.headers["content-disposition"]
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
        assert "Acme, Inc." in text


def test_the_wizard_goes_on_with_the_company_and_the_teams_answers(client: TestClient) -> None:
    links = _create(client, sector="financial-services", **{"priority.retention": "yes"})
    ana, bo = links.respondents[:2]
    for statement in STATEMENTS:
        _answer(client, ana, statement, "yes")
        _answer(client, bo, statement, "no" if statement in ("resources", "agreed-metrics") else "yes")
    page = client.get(links.facilitator).text
    form = page.split('action="/wizard/profile"')[1].split("</form>")[0]
    fields = {html.unescape(n): html.unescape(v) for n, v in re.findall(r'name="([^"]+)" value="([^"]*)"', form)}
    assert fields["company"] == "Acme Insurance" and fields["sector"] == "financial-services"
    assert fields["priority.retention"] and fields["date_posted"] == TODAY.isoformat()
    assert fields["team"] == links.facilitator.rsplit("/", 1)[1]  # the answers are read from the store, not posted
    readiness = client.post("/wizard/readiness", data=fields).text
    assert "the executive team’s answers" in readiness and "the team disagrees" in readiness
    ranking = client.post("/wizard/archetype", data=fields)
    assert ranking.status_code == 200
    board = client.get(f"{links.facilitator}/download/board.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(board.content)).paragraphs)
    first = re.search(r'<input type="radio" name="archetype" value="([^"]+)" checked', ranking.text)
    assert first and load_catalog().archetypes[first[1]].name in text  # the same ranking as the board's document


def test_deleting_a_survey_deletes_every_answer_and_note(client: TestClient, store: SurveyStore) -> None:
    links = _create(client)
    _answer(client, links.respondents[0], "resources", "no", "a note to forget")
    assert client.post(f"{links.facilitator}/delete").status_code == 422  # not confirmed
    gone = client.post(f"{links.facilitator}/delete", data={"confirm": "yes"})
    assert gone.status_code == 200 and "is deleted" in gone.text
    assert store.surveys() == []
    with store._engine.connect() as connection:
        from sqlalchemy import text

        for table in ("surveys", "respondents", "answers"):
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    assert client.get(links.respondents[0]).status_code == 404
    assert client.get(links.facilitator).status_code == 404


def test_the_new_survey_form_checks_every_field(client: TestClient) -> None:
    assert '<option value="other" selected>' in client.get("/surveys/new").text  # no sector is chosen for you
    key = _form_key(client)
    page = client.post(
        "/surveys/new",
        data={"form_key": key, "company": "", "sector": "no-such", "respondents": "Ana\nana", "closes": "2026-12-01"},
    )
    assert page.status_code == 422
    lines = re.findall(r"<li>(.*?)</li>", page.text.split('class="errors"')[1].split("</div>")[0])
    assert len(lines) >= 3
    joined = html.unescape(" ".join(lines))
    assert "company's name" in joined and "not one of the choices" in joined and "has passed" in joined
    twice = client.post("/surveys/new", data={"form_key": key, "company": "A", "respondents": "Ana\n ana "})
    assert twice.status_code == 422 and "given twice" in html.unescape(twice.text)


def test_forms_from_another_site_are_refused(client: TestClient) -> None:
    key = _form_key(client)
    fields = {"form_key": key, "company": "A", "respondents": "Ana"}
    assert client.post("/surveys/new", data=fields, headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert client.post("/surveys/new", data=fields, headers={"origin": "http://evil.example"}).status_code == 403
    client.cookies.clear()  # a forged form: the attacker's page cannot read or set this server's cookie
    assert client.post("/surveys/new", data=fields).status_code == 403
    links = _create(client)
    forged = client.post(
        f"{links.respondents[0]}/answer",
        data={"statement": "resources", "answer": "no"},
        headers={"sec-fetch-site": "cross-site"},
    )
    assert forged.status_code == 403
    assert client.post(f"{links.facilitator}/close", headers={"sec-fetch-site": "same-site"}).status_code == 403


def test_names_and_notes_are_text_everywhere_they_show(client: TestClient) -> None:
    markup = "<img src=x onerror=alert(1)>"
    links = _create(client, company=f"Acme {markup}", team=f'Ana {markup}, CEO"><b>')
    _answer(client, links.respondents[0], "resources", "no", markup)
    pages = [
        client.get(links.respondents[0]).text,
        client.get(links.facilitator).text,
        client.get(f"{links.facilitator}/report").text,
    ]
    for page in pages:
        assert "<img" not in page and "<b>" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_with_a_server_token_the_links_still_open_and_the_rest_stays_closed(store: SurveyStore) -> None:
    with TestClient(create_app(surveys=store, token="s3cret", today=lambda: TODAY)) as client:
        assert client.get("/surveys/new").status_code == 401
        client.get("/?token=s3cret")  # the facilitator opens the server's address once
        links = _create(client)
    with TestClient(create_app(surveys=store, token="s3cret", today=lambda: TODAY)) as respondent:
        assert respondent.get(links.respondents[0]).status_code == 200  # no server token needed
        assert _answer(respondent, links.respondents[0], "resources", "no")["status"] == 200
        assert respondent.get(links.facilitator).status_code == 200
        assert respondent.get("/").status_code == 401
        assert respondent.get("/surveys/new").status_code == 401


def test_nothing_logged_holds_an_answer_a_note_or_a_link(
    client: TestClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = _create(client)
    secret_note = "the CFO blocks every budget"

    def broken(*_args: object) -> None:
        raise RuntimeError("the database went away")

    with caplog.at_level(logging.DEBUG):
        _answer(client, links.respondents[0], "resources", "no", secret_note)
        client.get(links.facilitator)
        monkeypatch.setattr(SurveyStore, "own_answers", broken)
        crashed = TestClient(client.app, raise_server_exceptions=False).get(links.respondents[0])
    assert crashed.status_code == 500
    server_side = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]  # not the test's client
    logged = "\n".join(logging.Formatter().format(r) for r in server_side)
    assert "unexpected error on GET /s/…" in logged
    for secret in (secret_note, *(link.rsplit("/", 1)[1] for link in [links.facilitator, *links.respondents])):
        assert secret not in logged


def test_without_a_store_the_server_has_no_survey_pages() -> None:
    with TestClient(create_app()) as client:
        assert client.get("/surveys/new").status_code == 404
        assert "Send them a survey" not in client.post("/wizard/readiness", data={}).text


def test_text_that_would_break_a_report_is_cleaned_as_it_is_saved(client: TestClient) -> None:
    links = _create(client, company="Acme\x07 Corp", team="Ana\x01 Ortiz, CEO\x7f")
    ana = links.respondents[0]
    assert _answer(client, ana, "resources", "no", "\x01")["status"] == 200  # a note of control characters only
    assert _answer(client, ana, "agreed-metrics", "no", "nul\x00 inside")["status"] == 200  # PostgreSQL refuses NUL
    for path in (links.facilitator, f"{links.facilitator}/report", f"{links.facilitator}/download/readiness.docx"):
        assert client.get(path).status_code == 200, path
    exported = yaml.safe_load(client.get(f"{links.facilitator}/download/answers.yaml").text)
    assert exported["respondents"][0]["respondent"] == "Ana Ortiz"
    assert exported["respondents"][0]["answers"]["agreed-metrics"] == {"answer": "no", "note": "nul inside"}


def test_the_page_without_its_script_keeps_what_it_could_not_save(client: TestClient) -> None:
    ana = _create(client).respondents[0]
    lines = "\r\n".join(["a line of a long note"] * 90)  # 1,979 characters as typed; more with \r\n
    fields = {f"answer.{s}": "yes" for s in STATEMENTS} | {"note.resources": lines, "note.agreed-metrics": "x" * 2001}
    page = client.post(ana, data=fields)
    assert page.status_code == 422 and "Saved 10 answers" in page.text
    assert "Agreed metrics" in html.unescape(page.text.split('class="errors"')[1].split("</div>")[0])
    assert "x" * 2001 in page.text  # shown again to shorten, not lost
    kept = client.get(ana).text
    assert len(re.findall(r"value=\"yes\" checked", kept)) == 10
    assert "a line of a long note\na line" in html.unescape(kept)


def test_the_facilitators_own_link_can_be_replaced(client: TestClient) -> None:
    links = _create(client)
    page = client.post(f"{links.facilitator}/new-link")
    found = re.search(r'id="new-link">http://testserver(/f/[^<]+)<', page.text)
    assert page.status_code == 200 and found
    assert client.get(links.facilitator).status_code == 404
    assert client.get(found[1]).status_code == 200
    assert f'action="{found[1]}/close"' in page.text  # the page's forms use the new link


def test_pages_and_files_with_answers_are_never_cached_and_a_reload_makes_no_second_survey(client: TestClient) -> None:
    key = _form_key(client)
    fields = {"form_key": key, "company": "Acme", "respondents": "Ana"}
    assert client.post("/surveys/new", data=fields).status_code == 201
    assert client.post("/surveys/new", data=fields).status_code == 403  # the browser's reload: the key was used
    links = _create(client)
    _answer(client, links.respondents[0], "resources", "no")
    for path in ("", "/report", "/download/answers.csv", "/download/answers.yaml", "/download/board.docx"):
        assert client.get(f"{links.facilitator}{path}").headers["cache-control"] == "no-store", path
    assert client.get(links.respondents[0]).headers["cache-control"] == "no-store"
    assert client.get(f"{links.facilitator}/download/secrets.txt").status_code == 404


def test_the_wizard_follows_the_survey_and_stops_when_it_is_deleted(client: TestClient) -> None:
    links = _create(client)
    _answer(client, links.respondents[0], "resources", "no")
    page = client.get(links.facilitator).text
    form = page.split('action="/wizard/profile"')[1].split("</form>")[0]
    fields = {html.unescape(n): html.unescape(v) for n, v in re.findall(r'name="([^"]+)" value="([^"]*)"', form)}
    assert "1 respondents" in client.post("/wizard/readiness", data=fields).text
    _answer(client, links.respondents[1], "resources", "yes")
    assert "2 respondents" in client.post("/wizard/readiness", data=fields).text  # read afresh at each step
    client.post(f"{links.facilitator}/delete", data={"confirm": "yes"})
    gone = client.post("/wizard/archetype", data=fields)
    assert gone.status_code == 422 and "was deleted" in html.unescape(gone.text)


def test_the_servers_guards_hold_on_every_survey_page(store: SurveyStore) -> None:
    app = create_app(surveys=store, allowed_hosts=["testserver"], max_body=10_000, today=lambda: TODAY)
    with TestClient(app) as client:
        links = _create(client)
        pages = ["/surveys/new", links.respondents[0], links.facilitator, f"{links.facilitator}/report"]
        for path in pages:
            response = client.get(path)
            assert (
                response.headers["x-frame-options"] == "DENY"
                and "frame-ancestors 'none'" in response.headers["content-security-policy"]
            )
            assert response.headers["referrer-policy"] == "no-referrer"  # a link's secret never leaves in a Referer
            assert client.get(path, headers={"host": "evil.example"}).status_code == 400
        huge = {"statement": "resources", "answer": "no", "note": "x" * 20_000}
        assert client.post(f"{links.respondents[0]}/answer", data=huge).status_code == 413
        fields = {f"f{n}": "x" for n in range(200)}
        assert client.post(links.respondents[0], data=fields).status_code == 400  # more fields than a page has
