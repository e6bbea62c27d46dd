"""The ATS command: ``jdgen export --target T`` writes the requests an applicant-tracking system takes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from jdgen.cli.common import (
    answers_from,
    answers_option,
    catalog_and_archetype,
    catalog_option,
    checked_output,
    debug_option,
    emit,
    force_option,
    report_warnings,
    write_output,
)
from jdgen.cli.profile_options import profile_from, profile_options

_TARGETS = ("greenhouse", "lever", "oracle", "seek", "unified")
_SCHEMAS = (
    "export",
    "greenhouse-job-post",
    "greenhouse-job",
    "greenhouse-by-hand",
    "lever-posting",
    "lever-feedback-template",
    "oracle-enclosure",
    "seek-post-position",
    "unified-job",
)


def _fill_pair(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{value!r} is not NAME=VALUE, e.g. lever_user_id=8d49b010", param_hint="'--fill'")
        if not text.strip():
            raise click.BadParameter(f"{name.strip()} has no value; give it after the =", param_hint="'--fill'")
        if name.strip() in pairs:
            raise click.BadParameter(f"{name.strip()} is given twice; give it once", param_hint="'--fill'")
        pairs[name.strip()] = text.strip()
    return pairs


@click.command(
    epilog="Placeholders: greenhouse: greenhouse_job_post_id, greenhouse_job_id; lever: lever_user_id; "
    "oracle: oracle_host, oracle_requisition_id; seek: seek_hirer_id, seek_job_category_id, seek_location_id, "
    "seek_advertisement_product_id, contact_name, contact_email."
)
@click.option("-a", "--archetype", help="Archetype id (see `jdgen archetypes`).")
@click.option("--target", "target", type=click.Choice(_TARGETS), help="The system to write requests for.")
@answers_option
@profile_options
@click.option(
    "--fill",
    "fill",
    multiple=True,
    callback=_fill_pair,
    metavar="NAME=VALUE",
    help="A value only you know, for a {placeholder} of the requests (repeatable), e.g. lever_user_id=….",
)
@click.option(
    "--pack",
    is_flag=True,
    help="Also the role pack: Lever feedback templates from the interview kit, or (greenhouse) the scorecard "
    "and interview plan to enter by hand.",
)
@click.option(
    "--oracle-internal",
    type=click.Choice(["posting", "internal"]),
    default="posting",
    show_default=True,
    help="What Oracle's Internal* fields carry; employees read them on the internal career site.",
)
@click.option("-o", "--output", default="-", show_default=True, help="Output file (.json), or - for stdout.")
@force_option
@click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of your own templates for the posting and internal texts (repeatable).",
)
@click.option("--schema", "schema_name", type=click.Choice(_SCHEMAS), help="Print this JSON Schema and stop.")
@catalog_option
@debug_option
def export(
    archetype: str | None,
    target: str | None,
    answers_paths: tuple[Path, ...],
    profile_path: Path | None,
    fill: dict[str, str],
    pack: bool,
    oracle_internal: str,
    output: str,
    force: bool,
    template_dirs: tuple[Path, ...],
    schema_name: str | None,
    catalog_dirs: tuple[Path, ...],
    **fields: Any,
) -> None:
    """Write the requests that put a job description into an ATS (jdgen sends nothing).

    Greenhouse: the job post's content and the job's internal description. Lever: the new
    posting. Oracle Recruiting: the requisition's External* and Internal* texts. SEEK: the
    postPosition mutation. unified: a neutral job JSON. The posting edition goes where
    candidates read; the internal edition, without its advisory, where the hiring team does.
    Each body validates against the schema `--schema NAME` prints. Values only you know stay
    {placeholders} unless given with --fill; those left are listed on stderr.
    """
    from jdgen.ats import export as export_requests
    from jdgen.ats import placeholder_help, schema, to_json
    from jdgen.decide.compose import compose
    from jdgen.decide.pack import role_pack

    if schema_name:
        import json

        emit(json.dumps(schema(schema_name), indent=2, ensure_ascii=False))
        return
    if not target:
        raise click.UsageError("give --target (greenhouse, lever, oracle, seek or unified), or --schema NAME")
    if not archetype:
        raise click.UsageError("give --archetype (see `jdgen archetypes`)")
    catalog, archetype = catalog_and_archetype(catalog_dirs, archetype)
    profile = profile_from(profile_path, fields)
    checked_output(output, force)
    if template_dirs:
        from jdgen.render.environment import check_templates

        check_templates(template_dirs)
    if pack and target not in ("greenhouse", "lever"):
        raise click.UsageError(f"--pack is for greenhouse and lever; {target} takes no scorecard or interview kit")
    jd = compose(catalog, archetype, answers_from(catalog, answers_paths), profile)
    made = role_pack(catalog, jd, profile) if pack else None
    result = export_requests(
        jd, target, template_dirs, fill, made, "internal" if oracle_internal == "internal" else "posting"
    )
    report_warnings(jd.warnings, strict=False)
    write_output(to_json(result), "json", output, force)
    if result.fill:
        help_of = placeholder_help(target)
        for name in result.fill:
            click.echo(f"jdgen: fill in {{{name}}}: {help_of[name]} (--fill {name}=…)", err=True)
