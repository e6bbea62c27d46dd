"""The listing commands: ``jdgen archetypes``, ``blocks``, ``statements``, ``show`` and ``catalog validate``.

Like every command module, this one imports the library inside the commands, so that
``jdgen --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from jdgen.cli.common import catalog_and_archetype, catalog_option, debug_option, emit, json_option, print_json
from jdgen.common.errors import InputError


@click.command()
@json_option
@catalog_option
@debug_option
def archetypes(as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """List the archetypes of the CCO role."""
    from jdgen.cli.terminal import table
    from jdgen.data.catalog import load_catalog

    catalog = load_catalog(catalog_dirs)
    if as_json:
        print_json([a.model_dump(mode="json") for a in catalog.archetypes])
        return
    rows = [(a.id, a.name, a.authority, a.reports_to, a.summary) for a in catalog.archetypes]
    emit(table(("ID", "NAME", "AUTHORITY", "REPORTS TO", "SUMMARY"), rows))


@click.command()
@click.option("--domain", help="Only blocks of this domain id.")
@json_option
@catalog_option
@debug_option
def blocks(domain: str | None, as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """List the responsibility blocks, by domain."""
    from jdgen.cli.terminal import table
    from jdgen.data.catalog import load_catalog

    catalog = load_catalog(catalog_dirs)
    try:
        domain = catalog.domains.resolve(domain) if domain is not None else None
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="'--domain'") from None
    chosen = [b for b in catalog.blocks_in_order(catalog.blocks.ids()) if domain in (None, b.domain)]
    if as_json:
        print_json([b.model_dump(mode="json") for b in chosen])
        return
    emit(table(("ID", "DOMAIN", "TITLE"), [(b.id, b.domain, b.title) for b in chosen]))


@click.command()
@json_option
@catalog_option
@debug_option
def statements(as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """List the readiness statements, in order."""
    from jdgen.cli.terminal import table
    from jdgen.data.catalog import load_catalog

    catalog = load_catalog(catalog_dirs)
    if as_json:
        print_json([s.model_dump(mode="json") for s in catalog.statements])
        return
    rows = [(str(i), s.id, s.text) for i, s in enumerate(catalog.statements, start=1)]
    emit(table(("#", "ID", "STATEMENT"), rows))


@click.command()
@json_option
@catalog_option
@debug_option
def sectors(as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """List the sectors a profile can name (--sector), with the archetypes typical of each."""
    from jdgen.cli.terminal import table
    from jdgen.data.catalog import load_catalog

    catalog = load_catalog(catalog_dirs)
    if as_json:
        print_json([s.model_dump(mode="json") for s in catalog.sectors])
        return
    rows = [(s.id, s.name, ", ".join(s.typical) or "–") for s in catalog.sectors]
    emit(table(("ID", "SECTOR", "TYPICAL ARCHETYPES"), rows))


@click.command()
@json_option
@catalog_option
@debug_option
def priorities(as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """List the problems a company can hire the role to solve (--priority), with the archetypes built for each."""
    from jdgen.cli.terminal import table
    from jdgen.data.catalog import load_catalog

    catalog = load_catalog(catalog_dirs)
    if as_json:
        print_json([p.model_dump(mode="json") for p in catalog.priorities])
        return
    rows = [(p.id, p.name, ", ".join(p.primary)) for p in catalog.priorities]
    emit(table(("ID", "PRIORITY", "CORE WORK OF"), rows))


@click.command()
@click.argument("archetype")
@json_option
@catalog_option
@debug_option
def show(archetype: str, as_json: bool, catalog_dirs: tuple[Path, ...]) -> None:
    """Describe one archetype: scope, reporting line, strengths, chasm, sources."""
    from jdgen.cli.terminal import describe_archetype

    catalog, archetype = catalog_and_archetype(catalog_dirs, archetype, "'ARCHETYPE'")
    item = catalog.archetypes[archetype]
    if as_json:
        print_json(item.model_dump(mode="json"))
        return
    emit(describe_archetype(catalog, item))


@click.group("catalog")
@debug_option
def catalog_group() -> None:
    """Check the catalog."""


@catalog_group.command("validate")
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@debug_option
def catalog_validate(directory: Path | None) -> None:
    """Validate the built-in catalog, or DIR as an overlay on it (one line per problem)."""
    from jdgen.data.catalog import load_catalog

    catalog = load_catalog([directory] if directory else [])
    counts = ", ".join(
        f"{len(getattr(catalog, kind))} {kind.replace('_', ' ')}"
        for kind in ("domains", "blocks", "archetypes", "statements", "rules", "competencies", "sources")
    )
    click.echo(f"catalog OK: {counts}")
