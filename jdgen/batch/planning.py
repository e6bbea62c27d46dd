"""The items of a batch run: a spec file read and planned as profiles × archetypes (``jdgen batch``).

A spec is YAML (paths in it are relative to its folder)::

    archetypes: [enterprise-cx, digital]   # or "all", or "best" (the board ranking's first)
    answers: team.csv                      # optional: readiness answers for every profile
    profiles:                              # profile files, inline profiles, or both
      - profiles/acme.yaml
      - {company: Beta Bank, industry: Banking, archetypes: best}
      - {file: profiles/gamma.yaml, answers: gamma-answers.yaml}
    profiles_csv: requisitions.csv         # and/or one profile per CSV row
    formats: [docx, md]                    # default: docx
    posting: false                         # the posting edition instead of the internal one
    pack: false                            # also each item's role pack: scorecard, interview kit, charter
    exports: [lever, seek]                 # also each item's ATS requests, as `jdgen export --target`
                                           # (with pack, greenhouse and lever as with --pack)
    fill: {lever_user_id: 8d49b010}        # values for their placeholders, as --fill
    catalog: [my-catalog]                  # overlays, as --catalog
    templates: [my-templates]              # as --templates
    reference: brand.docx                  # as --reference

Each profile × archetype is an item, written to ``[company-]cco-ARCHETYPE[-posting].FMT`` in the
output folder (``-2``, ``-3``… when two items would share a name), with ``pack`` also to
``[company-]cco-ARCHETYPE-scorecard.FMT``, ``-interview`` and ``-charter`` (every format but jsonld), with
``exports`` to ``[company-]cco-ARCHETYPE-TARGET.json``. An item that fails (a bad
profile file, a CSV row with a bad value, a template error) is reported and the others go on.
Problems that concern every item (the spec itself, the catalog, the templates, the reference
document) stop the run before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator

from jdgen.ats import PACK_TARGETS, Target, placeholder_help
from jdgen.common.errors import InputError, JdgenError, Problem, quoted
from jdgen.data.answers_csv import csv_rows, read_text
from jdgen.data.catalog import Catalog, load_catalog
from jdgen.data.fields import Frozen, Text
from jdgen.data.input_models import Profile, Survey
from jdgen.data.inputs import (
    NUMBER_FIELDS,
    load_answers,
    load_profile,
    number_from_text,
    override_profile,
    parse_profile,
)
from jdgen.data.validation import problems_from
from jdgen.data.yamlio import read_yaml
from jdgen.decide.compare import compare
from jdgen.decide.pack import PACK_DOCUMENTS
from jdgen.render import Format
from jdgen.render.output import slug
from jdgen.render.pdf import NOT_INSTALLED as PDF_NOT_INSTALLED
from jdgen.render.pdf import pdf_available

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_LIST_COLUMNS = frozenset({"archetypes", "answers", "remote_scope", "benefits"})
_CSV_HINT = "a profiles CSV has a header row of profile fields (company, industry, location.city, pay.min…)"


def _listify(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class BatchSpec(Frozen):
    """What `jdgen batch` makes: every profile × every archetype, in the given formats."""

    profiles: tuple[Any, ...] = Field(
        default=(), description="Profile files, inline profiles, or {file, archetypes, answers} mappings."
    )
    profiles_csv: Text | None = Field(default=None, description="A CSV file with one profile per row.")
    archetypes: tuple[str, ...] | str = Field(
        default="all", description="Archetype ids, 'all', or 'best' (the board comparison's first)."
    )
    answers: tuple[Text, ...] = Field(default=(), description="Answers files (YAML or CSV) for every profile.")
    formats: tuple[Format, ...] = Field(default=("docx",), min_length=1)
    posting: bool = False
    pack: bool = Field(default=False, description="Also write each item's role pack (scorecard, interview, charter).")
    exports: tuple[Target, ...] = Field(default=(), description="Also write each item's requests for these ATSs.")
    fill: dict[str, Text] = Field(default={}, description="Values for the exports' placeholders, as --fill.")
    catalog: tuple[Text, ...] = ()
    templates: tuple[Text, ...] = ()
    reference: Text | None = None

    @field_validator("answers", "catalog", "templates", "exports", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _listify(value)

    @field_validator("formats", mode="before")
    @classmethod
    def _formats(cls, value: Any) -> Any:
        value = _listify(value)
        return tuple(dict.fromkeys(value)) if isinstance(value, list | tuple) else value

    @model_validator(mode="after")
    def _fill_names(self) -> BatchSpec:
        known = {name for target in self.exports for name in placeholder_help(target)}
        unknown = sorted(set(self.fill) - known)
        if unknown:
            valid = ", ".join(sorted(known)) or "none (no exports)"
            raise ValueError(f"fill: no export has the placeholder {quoted(unknown[0])}; theirs: {valid}")
        return self

    @field_validator("profiles", mode="after")
    @classmethod
    def _profiles(cls, value: tuple[Any, ...]) -> tuple[Any, ...]:
        for n, entry in enumerate(value):
            if not (isinstance(entry, dict) or (isinstance(entry, str) and entry.strip())):
                raise ValueError(
                    f"entry {n} is {quoted(entry)}; give a profile file name or a mapping of profile fields"
                )
        return value

    @field_validator("archetypes", mode="before")
    @classmethod
    def _archetypes(cls, value: Any) -> Any:
        if value in ("all", "best"):
            return value
        ids = _listify(value)
        if not isinstance(ids, list | tuple) or not ids:
            raise ValueError("give archetype ids (a list), all, or best")
        bad = [i for i in ids if not isinstance(i, str) or not _ID.match(i)]
        if bad:
            raise ValueError(
                f"{quoted(bad[0])} is not an archetype id (lower-case words joined by hyphens, e.g. enterprise-cx)"
            )
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class Task:
    """One profile × archetype, with its output files; `error` when it cannot even be planned."""

    item: int
    profile_label: str
    archetype: str
    profile: Profile | None = None
    survey: Survey | None = None
    #: (document, format, path): the JD ("jd") or a pack document, in each format.
    outputs: tuple[tuple[str, str, Path], ...] = ()
    error: str = ""


def load_spec(path: str | Path) -> BatchSpec:
    """Read and validate a batch spec file.

    Raises:
        InputError: naming the file and each bad field.
    """
    label = str(path)
    data, problem = read_yaml(Path(path), label)
    if problem is not None:
        raise InputError(problems=(problem,))
    if not isinstance(data, dict):
        raise InputError(problems=(Problem(label, "expected a mapping of fields (profiles, archetypes, formats…)"),))
    try:
        spec = BatchSpec.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems=problems_from(exc, BatchSpec, label)) from None
    if not spec.profiles and spec.profiles_csv is None:
        raise InputError(problems=(Problem(label, "lists no profiles; give profiles, profiles_csv or both"),))
    return spec


@dataclass
class _Planner:
    catalog: Catalog
    base: Path
    output_dir: Path
    formats: tuple[str, ...]
    posting: bool
    pack: bool
    exports: tuple[str, ...]
    default_archetypes: tuple[str, ...] | str
    default_survey: Survey | None
    tasks: list[Task] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)
    _surveys: dict[tuple[Path, ...], Survey] = field(default_factory=dict)

    def add(
        self, label: str, load: Callable[[], Profile], hint: str, archetypes: Any = None, answers: Any = None
    ) -> None:
        """Plan one profile entry: its archetypes × the formats; a failure becomes failed items.

        File names come from `hint` (the company as written, or the profile file's name) and are
        reserved whether or not the entry loads, so fixing a broken entry never moves another
        entry's file name (a rerun would otherwise skip the wrong file).
        """
        wanted = archetypes if archetypes is not None else self.default_archetypes
        named = self._named(wanted)
        stem = f"{slug(hint) + '-' if slug(hint) else ''}cco"
        suffixes = {key: self._reserve(f"{stem}-{key}") for key in named}
        try:
            profile = load()
            survey = self._survey(answers) if answers else self.default_survey
            chosen = self._archetypes(wanted, survey, profile)
        except JdgenError as exc:
            for archetype in named:
                self.tasks.append(Task(len(self.tasks) + 1, label, archetype, error=error_text(exc)))
            return
        for archetype in chosen:
            suffix = suffixes.get(archetype, suffixes.get("best", ""))
            name = f"{stem}-{archetype}{suffix}"
            jd_name = f"{name}{'-posting' if self.posting else ''}"
            outputs = [("jd", fmt, self.output_dir / f"{jd_name}.{fmt}") for fmt in self.formats]
            if self.pack:
                outputs += [
                    (doc, fmt, self.output_dir / f"{name}-{doc}.{fmt}")
                    for doc in PACK_DOCUMENTS
                    for fmt in self.formats
                    if fmt != "jsonld"  # a posting's format alone
                ]
            for target in self.exports:
                doc = f"export:{target}:pack" if self.pack and target in PACK_TARGETS else f"export:{target}"
                outputs.append((doc, "json", self.output_dir / f"{name}-{target}.json"))
            self.tasks.append(Task(len(self.tasks) + 1, label, archetype, profile, survey, tuple(outputs)))

    def _named(self, wanted: Any) -> tuple[str, ...]:
        """The archetypes an entry asks for, as far as they can be told before it loads."""
        if wanted == "all":
            return self.catalog.archetypes.ids()
        if wanted == "best" or wanted == ["best"]:
            return ("best",)
        try:
            return tuple(_strings(wanted, "archetypes"))
        except InputError:
            return ("",)

    def _reserve(self, stem: str) -> str:
        """The suffix of the next item with this name stem: none for the first, then ``-2``, ``-3``."""
        n = self._counts.get(stem, 0) + 1
        self._counts[stem] = n
        return "" if n == 1 else f"-{n}"

    def _survey(self, answers: Any) -> Survey:
        paths = tuple(self.base / p for p in _strings(answers, "answers"))
        if paths not in self._surveys:
            self._surveys[paths] = load_answers(paths, self.catalog)
        return self._surveys[paths]

    def _archetypes(self, value: Any, survey: Survey | None, profile: Profile) -> tuple[str, ...]:
        if isinstance(value, list | tuple) and len(value) == 1:  # a CSV cell is read as a list
            value = value[0]
        if value == "all":
            return self.catalog.archetypes.ids()
        if value == "best":
            return (compare(self.catalog, survey, profile).ranking[0].archetype,)
        ids = tuple(_strings(value, "archetypes"))
        unknown = [a for a in ids if a not in self.catalog.archetypes]
        if unknown or not ids:
            valid = ", ".join(self.catalog.archetypes.ids())
            raise InputError(f"unknown archetype {quoted(unknown[0] if unknown else '')}; valid: all, best, {valid}")
        return ids


def _strings(value: Any, name: str) -> list[str]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(";") if v.strip()] if ";" in value else [value.strip()]
    if not isinstance(value, list | tuple) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{name}: expected a name or a list of names")
    return list(dict.fromkeys(value))


def plan(spec: BatchSpec, spec_path: str | Path, output_dir: str | Path, catalog: Catalog | None = None) -> list[Task]:
    """Every item of the spec with its output files, in spec order (profiles, then CSV rows).

    Raises:
        JdgenError: a problem that concerns every item (the shared answers, an unknown
            archetype in the spec, a profiles CSV that cannot be read).
    """
    base = Path(spec_path).parent
    if "pdf" in spec.formats and not pdf_available():
        raise InputError(f"{spec_path}: formats: {PDF_NOT_INSTALLED}")
    catalog = catalog or load_catalog([base / d for d in spec.catalog])
    if isinstance(spec.archetypes, tuple):
        unknown = [a for a in spec.archetypes if a not in catalog.archetypes]
        if unknown:
            valid = ", ".join(catalog.archetypes.ids())
            raise InputError(f"{spec_path}: unknown archetype {quoted(unknown[0])}; valid: all, best, {valid}")
    shared = load_answers([base / p for p in spec.answers], catalog) if spec.answers else None
    planner = _Planner(
        catalog, base, Path(output_dir), spec.formats, spec.posting, spec.pack, spec.exports, spec.archetypes, shared
    )
    for n, entry in enumerate(spec.profiles):
        if isinstance(entry, str):
            planner.add(entry, _from_file(base / entry), Path(entry).stem)
        elif "file" in entry:
            extra = sorted(set(entry) - {"file", "archetypes", "answers"})
            path = base / str(entry["file"])
            loader = _from_file(path, extra)
            planner.add(str(entry["file"]), loader, path.stem, entry.get("archetypes"), entry.get("answers"))
        else:
            label = f"{spec_path}: profiles[{n}]"
            data = dict(entry)
            archetypes, answers = data.pop("archetypes", None), data.pop("answers", None)
            hint = _company_hint(data) or f"profile-{n + 1}"
            planner.add(label, _inline(data, label, parse_profile), hint, archetypes, answers)
    if spec.profiles_csv is not None:
        for label, line, row in _csv_profiles(base / spec.profiles_csv):
            archetypes, answers = row.pop("archetypes", None), row.pop("answers", None)
            hint = _company_hint(row) or f"row-{line}"
            planner.add(label, _inline(row, label, _profile_from_row), hint, archetypes, answers)
    return planner.tasks


def _company_hint(data: dict[str, Any]) -> str:
    company = data.get("company")
    return company if isinstance(company, str) else ""


def _from_file(path: Path, extra: Sequence[str] = ()) -> Callable[[], Profile]:
    def load() -> Profile:
        if extra:
            raise InputError(f"{path}: unknown key {quoted(extra[0])} beside file; use file, archetypes and answers")
        return load_profile(path)

    return load


def _inline(data: dict[str, Any], label: str, parse: Callable[[dict[str, Any], str], Profile]) -> Callable[[], Profile]:
    return lambda: parse(data, label)


def _csv_profiles(path: Path) -> list[tuple[str, int, dict[str, Any]]]:
    header, rows = csv_rows(read_text(path, str(path)), str(path), _CSV_HINT)
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise InputError(f"{path}: column {quoted(repeated[0])} appears twice in the header")
    out = []
    for line, cells in rows:
        if len(cells) > len(header):
            row: dict[str, Any] = {"__error__": f"has {len(cells)} cells but the header has {len(header)} columns"}
        else:
            row = {}
            for column, cell in zip(header, cells, strict=False):
                if cell:
                    row[column] = [v.strip() for v in cell.split(";") if v.strip()] if column in _LIST_COLUMNS else cell
        out.append((f"{path}: line {line}", line, row))
    return out


def _profile_from_row(row: dict[str, Any], label: str) -> Profile:
    if "__error__" in row:
        raise InputError(f"{label}: {row['__error__']}")
    fields = Profile.model_fields
    unknown = sorted(k for k in row if k.split(".")[0] not in fields)
    if unknown:
        raise InputError(f"{label}: unknown column {quoted(unknown[0])}; {_CSV_HINT}")
    values = {k: number_from_text(v) if k in NUMBER_FIELDS else v for k, v in row.items()}
    return override_profile(None, values, label=label)


def error_text(exc: BaseException) -> str:
    """An error as one line: its problems joined with ``; ``."""
    if isinstance(exc, JdgenError):
        return "; ".join(exc.lines())
    return f"unexpected {type(exc).__name__} (a bug in jdgen; please report it): {exc}"
