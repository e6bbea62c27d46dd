"""``jdgen survey``: the team surveys of ``jdgen serve``, from the command line, for those who send the links by their own mail."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from jdgen.cli.common import catalog_option, debug_option, emit, force_option, json_option, print_json, say
from jdgen.common.errors import InputError

if TYPE_CHECKING:
    from jdgen.store.surveys import SurveyInfo, SurveyStore

#: Where the links point when no --base-url is given: ``jdgen serve``'s own address.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"

db_option = click.option(
    "--db",
    envvar="JDGEN_DB",
    metavar="PATH|URL",
    help="The survey store: a SQLite file, or postgresql://… (default: the file jdgen serve uses); also $JDGEN_DB.",
)


def open_store(db: str | None) -> SurveyStore:
    """The survey store at `db` (the default SQLite file when None), or one line saying why it cannot open."""
    from jdgen.store.surveys import SurveyStore

    store = SurveyStore(db)
    context = click.get_current_context(silent=True)
    if context is not None:  # its connections are closed when the command ends, however it ends
        context.call_on_close(store.close_connections)
    return store


def _found(store: SurveyStore, survey_id: str) -> SurveyInfo:
    info = store.survey(survey_id.strip())
    if info is None:
        raise InputError(f"no survey {survey_id!r} in {store.where}; `jdgen survey list` shows them")
    return info


def _respondent_lines(lines: tuple[str, ...], file: Path | None) -> list[tuple[str, str | None]]:
    from jdgen.store.survey_input import parse_respondents

    text = "\n".join(lines)
    if file is not None:
        try:
            text += "\n" + file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                f"--respondents {file}: cannot be read ({getattr(exc, 'strerror', None) or exc})"
            ) from None
    return list(parse_respondents(text))


@click.group("survey")
def survey_group() -> None:
    """Team readiness surveys: a private link per executive, answers kept in a store.

    The links open on `jdgen serve` started with the same --db. Create a survey here, send each
    link by your own mail, follow the answers with `show`, and `export` them for --answers.
    """


@survey_group.command("create")
@click.option("--company", help="The company's name (or give it in --profile).")
@click.option(
    "--profile", "profile_path", type=click.Path(dir_okay=False, path_type=Path), help="A company profile file."
)
@click.option(
    "--respondent", "respondent_lines", multiple=True, metavar="'NAME, ROLE'", help="A respondent (repeatable)."
)
@click.option(
    "--respondents",
    "respondents_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A text file of respondents, one 'Name, role' per line.",
)
@click.option("--closes", help="The last day answers can change (YYYY-MM-DD, UTC).")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="The address jdgen serve is reached at.")
@db_option
@json_option
@debug_option
def create(
    company: str | None,
    profile_path: Path | None,
    respondent_lines: tuple[str, ...],
    respondents_file: Path | None,
    closes: str | None,
    base_url: str,
    db: str | None,
    as_json: bool,
) -> None:
    """Create a survey and print its links: one for you, one per respondent (shown this once)."""
    from jdgen.data.inputs import load_profile, override_profile
    from jdgen.store.survey_input import closing_time
    from jdgen.store.surveys import utc_stamp

    profile = load_profile(profile_path) if profile_path else None
    if company:
        profile = override_profile(profile, {"company": company})
    if profile is None or not profile.company:
        raise click.UsageError("name the company: --company NAME, or a --profile with its company")
    people = _respondent_lines(respondent_lines, respondents_file)
    if not people:
        raise click.UsageError("list the respondents: --respondent 'Name, role' (repeatable) or --respondents FILE")
    if not base_url.startswith(("http://", "https://")):
        raise click.BadParameter(
            "give the server's address, starting with http:// or https://", param_hint="'--base-url'"
        )
    closes_at = closing_time(closes or "", datetime.datetime.now(datetime.UTC).date())
    store = open_store(db)
    made = store.create(profile.model_dump(mode="json", exclude_defaults=True), people, closes_at)
    base = base_url.rstrip("/")
    links = [{"name": name, "role": role or "", "link": f"{base}/s/{token}"} for name, role, token in made.links]
    if as_json:
        print_json(
            {"survey": made.survey_id, "facilitator": f"{base}/f/{made.facilitator_token}", "respondents": links}
        )
    else:
        from jdgen.cli.terminal import table

        emit(
            f"Survey {made.survey_id} of {profile.company}"
            + (f", open until {utc_stamp(closes_at)}" if closes_at else "")
        )
        emit(f"Your page (keep it to yourself): {base}/f/{made.facilitator_token}")
        emit(table(("RESPONDENT", "ROLE", "LINK"), [(x["name"], x["role"], x["link"]) for x in links]))
    say(
        "the links are shown this once: the store keeps only their fingerprints. They open on "
        f"`jdgen serve --db {store.where}` at {base}."
    )


@survey_group.command("list")
@db_option
@json_option
@debug_option
def list_surveys(db: str | None, as_json: bool) -> None:
    """List the surveys in the store, newest first."""
    from jdgen.cli.terminal import table
    from jdgen.store.surveys import utc_stamp

    store = open_store(db)
    infos = store.surveys()
    if as_json:
        print_json([_info_json(i) for i in infos])
        return
    if not infos:
        say(f"no surveys in {store.where}; create one with `jdgen survey create`")
        return
    rows = [
        (
            i.id,
            i.company_name,
            utc_stamp(i.created_at),
            "closed" if i.closed else "open",
            f"{i.answered}/{i.respondents}",
        )
        for i in infos
    ]
    emit(table(("ID", "COMPANY", "CREATED", "STATUS", "ANSWERED"), rows))


def _info_json(info: SurveyInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "company": info.company_name,
        "created": info.created_at.isoformat(),
        "closes": info.closes_at.isoformat() if info.closes_at else None,
        "closed": info.closed,
        "respondents": info.respondents,
        "answered": info.answered,
    }


@survey_group.command("show")
@click.argument("survey_id")
@db_option
@json_option
@catalog_option
@debug_option
def show(survey_id: str, db: str | None, as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """Who has answered a survey, and the team's verdict so far (with where they disagree)."""
    from jdgen.cli.terminal import table
    from jdgen.data.catalog import load_catalog
    from jdgen.decide.assessment import assess
    from jdgen.store.surveys import utc_stamp

    store = open_store(db)
    info = _found(store, survey_id)
    catalog = load_catalog(catalog_dirs)
    people = store.respondents(info.id)
    team = store.answers(info.id)
    readiness = assess(catalog, team) if team else None
    total = len(catalog.statements)
    if as_json:
        print_json(
            {
                **_info_json(info),
                "people": [{"name": p.name, "role": p.role, "answered": p.answered} for p in people],
                "readiness": readiness.model_dump(mode="json") if readiness else None,
            }
        )
        return
    status = "closed" if info.closed else (f"open until {utc_stamp(info.closes_at)}" if info.closes_at else "open")
    emit(f"Survey {info.id} of {info.company_name}: {status}; {info.answered} of {info.respondents} have answered")
    emit(
        table(
            ("#", "RESPONDENT", "ROLE", "ANSWERED"),
            [(str(p.position + 1), p.name, p.role or "", f"{p.answered}/{total}") for p in people],
        )
    )
    if readiness is None:
        emit("No answers yet.")
        return
    emit(
        f"Verdict so far: {readiness.label}"
        + (f" (groundwork in place {readiness.score}/100)" if readiness.score is not None else "")
    )
    for row in readiness.dissenting():
        sides = "; ".join(f"{value}: {', '.join(names)}" for value, names in row.sides.items() if names)
        emit(f"  The team disagrees on {row.title}: {sides}")


@survey_group.command("close")
@click.argument("survey_id")
@db_option
@debug_option
def close(survey_id: str, db: str | None) -> None:
    """Close a survey: answers can no longer change."""
    store = open_store(db)
    info = _found(store, survey_id)
    store.close(info.id)
    say(f"survey {info.id} of {info.company_name} is closed")


@survey_group.command("export")
@click.argument("survey_id")
@click.option("--format", "fmt", type=click.Choice(["yaml", "csv"]), help="Default: from -o's extension, else yaml.")
@click.option("-o", "--output", default="-", show_default=True, help="The answers file to write, or - for stdout.")
@force_option
@db_option
@debug_option
def export(survey_id: str, fmt: str | None, output: str, force: bool, db: str | None) -> None:
    """Write a survey's answers as a file that --answers reads (YAML or CSV)."""
    from jdgen.cli.common import checked_output, write_output
    from jdgen.store.export import export_answers

    chosen = fmt or ("csv" if output.lower().endswith((".csv", ".tsv")) else "yaml")
    checked_output(output, force)
    store = open_store(db)
    info = _found(store, survey_id)
    team = store.answers(info.id)
    if not team:
        raise InputError(f"no one has answered survey {info.id} yet; there is nothing to export")
    write_output(export_answers(team, chosen, f"Survey {info.id} of {info.company_name}"), chosen, output, force)


@survey_group.command("new-link")
@click.argument("survey_id")
@click.argument("respondent", required=False)
@click.option("--facilitator", is_flag=True, help="Replace the facilitator's link instead.")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="The address jdgen serve is reached at.")
@db_option
@debug_option
def new_link(survey_id: str, respondent: str | None, facilitator: bool, base_url: str, db: str | None) -> None:
    """Replace a respondent's link (by number or name), or the facilitator's: the old one stops working, the answers stay."""
    if facilitator == (respondent is not None):
        raise click.UsageError("name one respondent (by number or name), or give --facilitator")
    store = open_store(db)
    info = _found(store, survey_id)
    if respondent is None:
        emit(f"{base_url.rstrip('/')}/f/{store.new_facilitator_link(info.id)}")
        say("a new link to the survey's page, shown this once; the old one no longer opens anything")
        return
    people = store.respondents(info.id)
    wanted = " ".join(respondent.casefold().split())
    match = [p for p in people if str(p.position + 1) == wanted or " ".join(p.name.casefold().split()) == wanted]
    if not match:
        names = ", ".join(f"{p.position + 1} {p.name}" for p in people)
        raise InputError(f"survey {info.id} has no respondent {respondent!r}; its respondents: {names}")
    token = store.revoke(info.id, match[0].position)
    emit(f"{base_url.rstrip('/')}/s/{token}")
    say(f"a new link for {match[0].name}, shown this once; the old one no longer opens anything")


@survey_group.command("delete")
@click.argument("survey_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@db_option
@debug_option
def delete(survey_id: str, yes: bool, db: str | None) -> None:
    """Delete a survey with every respondent, answer and note."""
    store = open_store(db)
    info = _found(store, survey_id)
    if not yes and not click.confirm(
        f"Delete survey {info.id} of {info.company_name} and its {info.answered} respondents' answers?", err=True
    ):
        raise click.Abort
    store.delete(info.id)
    say(f"survey {info.id} of {info.company_name} is deleted, with every answer and note")
