"""Load the catalog: read every YAML file, validate it, merge overlays, cross-check ids.

The built-in catalog (``catalog/`` and the source register ``seeds/``) is the first layer;
each ``--catalog DIR`` is a further layer whose items add to it or replace items with the
same id. Within a layer an id may appear once. Every problem found is reported, one per
line, naming the file, the item and the field.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from pydantic import VERSION as PYDANTIC_VERSION
from pydantic import BaseModel, ValidationError

from jdgen.common import resources
from jdgen.common.errors import CatalogError, InputError, Problem, quoted
from jdgen.data.catalog_models import (
    KIND_LABELS,
    Alternative,
    Archetype,
    AuthorityModel,
    Block,
    CatalogFile,
    Competency,
    Domain,
    PlanPhase,
    Priority,
    ReportingLine,
    Rule,
    Sector,
    Source,
    Statement,
)
from jdgen.data.code_models import CodeSet
from jdgen.data.pack_models import BlockProbe, CompetencyQuestions, Decision, Forum, ReferenceQuestion, Role
from jdgen.data.validation import problems_from
from jdgen.data.yamlio import read_yaml

KINDS: tuple[str, ...] = tuple(CatalogFile.model_fields)
#: The sector of a profile that names none.
DEFAULT_SECTOR = "other"

T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class Items(Generic[T]):
    """An ordered, read-only id → item mapping that names the valid ids when one is missing.

    Lookups take an id as the catalog spells it (ids are lowercase); `resolve` takes an id as a
    person typed it, in any case, and suggests the closest id for a typo.
    """

    kind: str
    by_id: Mapping[str, T]

    def __getitem__(self, ident: str) -> T:
        try:
            return self.by_id[ident]
        except KeyError:
            raise InputError(self.unknown(ident)) from None

    def canonical(self, ident: object) -> str | None:
        """The id as the catalog spells it, for `ident` in any case (``"Enterprise-CX"``); None if there is none."""
        if not isinstance(ident, str):
            return None
        if ident in self.by_id:
            return ident
        folded = ident.casefold()
        return next((known for known in self.by_id if known.casefold() == folded), None)

    def resolve(self, ident: str) -> str:
        """The id as the catalog spells it, for `ident` in any case.

        Raises:
            InputError: no id matches; the message suggests the closest ones and lists the valid ids.
        """
        known = self.canonical(ident)
        if known is None:
            raise InputError(self.unknown(ident))
        return known

    def suggestion(self, ident: object) -> str:
        """`` (did you mean 'digital'?)`` for an id close to a valid one, else an empty string."""
        close = difflib.get_close_matches(str(ident)[:100].casefold(), list(self.by_id), n=1)
        return f" (did you mean {close[0]!r}?)" if close else ""

    def unknown(self, ident: object) -> str:
        """The message for an id the catalog does not have: the closest id, then the valid ones."""
        valid = ", ".join(self.by_id) or "none"
        return f"unknown {self.kind} {quoted(ident)}{self.suggestion(ident)}; valid {self.kind}s: {valid}"

    def __contains__(self, ident: object) -> bool:
        return ident in self.by_id

    def __iter__(self) -> Iterator[T]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def ids(self) -> tuple[str, ...]:
        """The ids in catalog order."""
        return tuple(self.by_id)


@dataclass(frozen=True)
class Catalog:
    """The validated catalog: every entity by id, in catalog order. Immutable."""

    domains: Items[Domain]
    blocks: Items[Block]
    competencies: Items[Competency]
    archetypes: Items[Archetype]
    statements: Items[Statement]
    rules: Items[Rule]
    first_90_days: Items[PlanPhase]
    authority_models: Items[AuthorityModel]
    reporting_lines: Items[ReportingLine]
    sources: Items[Source]
    sectors: Items[Sector]
    priorities: Items[Priority]
    alternatives: Items[Alternative]
    competency_questions: Items[CompetencyQuestions]
    block_probes: Items[BlockProbe]
    reference_questions: Items[ReferenceQuestion]
    roles: Items[Role]
    decisions: Items[Decision]
    forums: Items[Forum]
    year_plan: Items[PlanPhase]
    code_sets: Items[CodeSet]
    origins: Mapping[tuple[str, str], str] = field(repr=False)

    @cached_property
    def reporting_titles(self) -> Mapping[str, ReportingLine]:
        """Every reporting-line alias, normalised (see `normalise_title`), to its line."""
        return MappingProxyType(
            {normalise_title(alias): line for line in self.reporting_lines for alias in line.aliases}
        )

    @cached_property
    def source_years(self) -> Mapping[str, str]:
        """Each source's year as citations print it: 2012, or 2012a and 2012b for two works of one author and year.

        Works of the same author and year (or both undated: n.d.-a, n.d.-b) take letters in the
        order of their titles, as APA style orders them, so that every citation points at one work.
        """
        groups: dict[tuple[str, int | None], list[Source]] = {}
        for source in self.sources:
            groups.setdefault((source.author, source.year), []).append(source)
        years: dict[str, str] = {}
        for (_, year), works in groups.items():
            label = str(year) if year else "n.d."
            if len(works) == 1:
                years[works[0].id] = label
                continue
            works.sort(key=lambda w: _title_order(w.title))
            for letter, work in zip(string.ascii_lowercase, works, strict=False):
                years[work.id] = f"{label}{letter}" if year else f"{label}-{letter}"
        return MappingProxyType(years)

    def origin(self, kind: str, ident: str) -> str:
        """The file an item was read from."""
        return self.origins.get((kind, ident), "<catalog>")

    def blocks_in_order(self, block_ids: Iterable[str]) -> tuple[Block, ...]:
        """The given blocks, grouped by domain in catalog order, then in catalog order."""
        wanted = set(block_ids)
        domain_rank = {d: i for i, d in enumerate(self.domains.ids())}
        ordered = [b for b in self.blocks if b.id in wanted]
        ordered.sort(key=lambda b: domain_rank.get(b.domain, len(domain_rank)))
        return tuple(ordered)


def _title_order(title: str) -> str:
    """A title as reference lists sort it: case aside, a leading article left out."""
    words = title.casefold().split(maxsplit=1)
    return words[1] if len(words) == 2 and words[0] in {"a", "an", "the"} else title.casefold()


def _layer_files(root: Path) -> list[Path]:
    # Broken symbolic links are kept, so that reading them reports "no such file".
    return sorted(p for p in root.rglob("*") if p.suffix in {".yaml", ".yml"} and (p.is_file() or p.is_symlink()))


def _read_layer(root: Path, label_base: Path, problems: list[Problem]) -> list[tuple[str, str, BaseModel]]:
    """Every item of every file under `root`, as (kind, file label, item)."""
    items: list[tuple[str, str, BaseModel]] = []
    for path in _layer_files(root):
        label = str(label_base / path.relative_to(root))
        raw, problem = read_yaml(path, label)
        if problem:
            problems.append(problem)
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(label, f"expected a mapping of sections ({', '.join(KINDS)}) at the top level"))
            continue
        try:
            parsed = CatalogFile.model_validate(raw)
        except ValidationError as exc:
            problems.extend(problems_from(exc, CatalogFile, label, raw=raw, item_lists=True))
            continue
        for kind in KINDS:
            for item in getattr(parsed, kind):
                items.append((kind, label, item))
    return items


def _merge(
    layers: list[list[tuple[str, str, BaseModel]]], problems: list[Problem]
) -> tuple[dict[str, dict[str, BaseModel]], dict[tuple[str, str], str]]:
    merged: dict[str, dict[str, BaseModel]] = {kind: {} for kind in KINDS}
    origins: dict[tuple[str, str], str] = {}
    for layer in layers:
        seen: dict[tuple[str, str], str] = {}
        for kind, label, item in layer:
            ident = str(getattr(item, "id"))  # noqa: B009 - every catalog item has an id
            key = (kind, ident)
            if key in seen:
                problems.append(
                    Problem(
                        label, f"duplicate id; {seen[key]} defines it too", item=f"{KIND_LABELS[kind]} {quoted(ident)}"
                    )
                )
                continue
            seen[key] = label
            merged[kind][ident] = item  # a later layer replaces, keeping the original position
            origins[key] = label
    return merged, origins


_TITLE_WORDS = (("senior vice president", "svp"), ("executive vice president", "evp"), ("vice president", "vp"))


def normalise_title(title: str) -> str:
    """A job title in one canonical spelling, for matching aliases.

    Lowercase; ``&`` becomes ``and``; punctuation becomes spaces; "of", "the" and "for" are
    dropped; "(senior|executive) vice president" becomes ``svp``/``evp``/``vp``. So
    ``"Vice President, Customer Care"`` and ``"VP of Customer Care"`` both give ``"vp customer care"``.
    """
    text = " ".join(re.sub(r"\W+", " ", title.lower().replace("&", " and ")).split())
    for long, short in _TITLE_WORDS:
        text = re.sub(rf"\b{long}\b", short, text)
    return " ".join(w for w in text.split() if w not in {"of", "the", "for"})


def _build(layers: list[tuple[Path, Path]]) -> Catalog:
    problems: list[Problem] = []
    read: list[list[tuple[str, str, BaseModel]]] = []
    for root, label_base in layers:
        if not root.is_dir():
            problems.append(Problem(str(label_base), "catalog folder not found"))
            continue
        read.append(_read_layer(root, label_base, problems))
    merged, origins = _merge(read, problems)
    catalog = _assembled(merged, origins)
    if not problems:
        from jdgen.data.catalog_checks import cross_checks  # that module imports this one

        problems.extend(cross_checks(catalog))
    if problems:
        raise CatalogError(problems=tuple(problems))
    return catalog


@cache
def _builtin() -> Catalog:
    """The built-in catalog: read from the user's cache when its files and jdgen's code are unchanged, else built."""
    from jdgen.common import cache as user_cache

    layers = _builtin_layers()
    code = [user_cache.file_key(path) for path in sorted(Path(__file__).parent.glob("*.py"))]  # the models, the checks
    name = "catalog-" + user_cache.key(_stamps(layers), PYDANTIC_VERSION, code)
    merged, origins = user_cache.remembered(name, lambda: _parts(_build(layers)), pickled=True)
    return _assembled(merged, origins)


def _stamps(layers: list[tuple[Path, Path]]) -> list[tuple[str, int, int]]:
    """Each file of the layers' folders: its path, size and modification time."""
    from jdgen.common.cache import file_key

    return [file_key(path) for root, _ in layers if root.is_dir() for path in sorted(root.rglob("*")) if path.is_file()]


def _parts(catalog: Catalog) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], str]]:
    """The catalog as plain dicts of its (validated) items, which can be kept."""
    return {kind: dict(getattr(catalog, kind).by_id) for kind in KINDS}, dict(catalog.origins)


def _assembled(merged: dict[str, dict[str, Any]], origins: dict[tuple[str, str], str]) -> Catalog:
    sections: dict[str, Any] = {kind: Items(KIND_LABELS[kind], MappingProxyType(merged[kind])) for kind in KINDS}
    return Catalog(**sections, origins=MappingProxyType(origins))


def _builtin_layers() -> list[tuple[Path, Path]]:
    return [(resources.catalog_dir(), Path("catalog")), (resources.seeds_dir(), Path("seeds"))]


def load_catalog(extra_dirs: str | Path | Iterable[str | Path] = ()) -> Catalog:
    """Load the built-in catalog, with optional overlay folders on top.

    The built-in catalog is read and validated once per process. Each folder in `extra_dirs`
    is read in order; its items add to the catalog or replace items with the same id.

    Args:
        extra_dirs: an overlay folder, or several, of catalog YAML files (any layout; ``*.yaml``
            found recursively).

    Returns:
        The validated, immutable `Catalog`.

    Raises:
        CatalogError: with one problem per invalid file, field, duplicate or dangling id.
    """
    folders = [extra_dirs] if isinstance(extra_dirs, str | Path) else extra_dirs
    extras = [Path(d) for d in folders]
    if not extras:
        return _builtin()
    return _build(_builtin_layers() + [(d, d) for d in extras])
