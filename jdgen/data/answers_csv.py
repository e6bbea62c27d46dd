"""Read readiness answers from a CSV file: one row per respondent and statement.

Columns (a header row names them, in any order): ``respondent``, ``role``, ``statement``,
``answer`` and, optionally, ``note``. Rows with the same respondent name belong to one
respondent (without a name, rows with the same role do), in the order they first appear. A
blank answer is unknown. Commas, semicolons or tabs may separate the columns (spreadsheets
export all three), and empty cells at the end of a row are ignored. Every problem is
reported with its row number.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from jdgen.common.errors import InputError, Problem, quoted
from jdgen.data.fields import MAX_RESPONDENTS
from jdgen.data.input_models import Answers, Survey
from jdgen.data.validation import problems_from, readable
from jdgen.data.yamlio import MAX_YAML_BYTES

if TYPE_CHECKING:
    from jdgen.data.catalog import Catalog

CSV_SUFFIXES = (".csv", ".tsv")
REQUIRED_COLUMNS = ("respondent", "role", "statement", "answer")
OPTIONAL_COLUMNS = ("note",)
ANSWER_VALUES = ("yes", "partial", "no", "unknown")
#: A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guarded(cell: str) -> str:
    """A cell as written to a CSV file a spreadsheet will open: an apostrophe before a would-be formula.

    A cell that starts with an apostrophe gets one more, so that `unguarded` gives it back whole.
    """
    return f"'{cell}" if cell.startswith((*FORMULA_STARTS, "'")) else cell


def unguarded(cell: str) -> str:
    """A cell as `guarded` wrote it, back to its text."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith((*FORMULA_STARTS, "'")) else cell


_COLUMNS_HINT = f"a CSV answers file has the columns {', '.join(REQUIRED_COLUMNS)} (and optionally note)"


def read_text(path: Path, label: str) -> str:
    """A CSV file's text, bounded in size; a missing, unreadable or non-UTF-8 file is an InputError."""
    try:
        with path.open("rb") as handle:
            blob = handle.read(MAX_YAML_BYTES + 1)
        if len(blob) > MAX_YAML_BYTES:
            raise InputError(problems=(Problem(label, f"larger than the {MAX_YAML_BYTES // 2**20} MB input limit"),))
        return blob.decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(problems=(Problem(label, "no such file"),)) from None
    except IsADirectoryError:
        raise InputError(problems=(Problem(label, "is a folder, not a CSV file"),)) from None
    except UnicodeDecodeError:
        raise InputError(problems=(Problem(label, "is not UTF-8 text; save the CSV as UTF-8"),)) from None
    except OSError as exc:
        raise InputError(problems=(Problem(label, f"cannot be read ({exc.strerror or exc})"),)) from None


def _trimmed(cells: list[str]) -> list[str]:
    """The cells without the empty ones a spreadsheet leaves at the end of a row."""
    cells = [c.strip() for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def csv_rows(text: str, label: str, hint: str = _COLUMNS_HINT) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The lower-cased header and the non-empty rows (with their line numbers) of CSV text.

    Commas, semicolons or tabs separate the columns: the one the first line holds most of.
    """
    lines = text.splitlines()
    first = next((line for line in lines if line.strip(",;\t ")), None)
    if first is None:
        raise InputError(problems=(Problem(label, f"the file is empty; {hint}"),))
    delimiter = max((",", ";", "\t"), key=first.count)
    # newline="": the reader splits rows at \r, \n or \r\n itself (a classic-Mac export ends rows in \r)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            trimmed = _trimmed(cells)
            if trimmed:
                rows.append((reader.line_num, trimmed))
    except csv.Error as exc:
        message = f"line {reader.line_num}: not valid CSV ({exc}); check for a quote that is never closed"
        raise InputError(problems=(Problem(label, message),)) from None
    if not rows:  # only empty cells, some of them quoted ("","")
        raise InputError(problems=(Problem(label, f"the file is empty; {hint}"),))
    header = [cell.lower() for cell in rows[0][1]]
    return header, rows[1:]


def _check_header(header: list[str], label: str) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    repeated = sorted({c for c in header if header.count(c) > 1})
    problems = []
    if missing:
        problems.append(Problem(label, f"missing column {', '.join(map(repr, missing))}; {_COLUMNS_HINT}"))
    if unknown:
        problems.append(Problem(label, f"unknown column {', '.join(map(repr, unknown))}; {_COLUMNS_HINT}"))
    if repeated:
        problems.append(Problem(label, f"column {', '.join(map(repr, repeated))} appears twice in the header"))
    if problems:
        raise InputError(problems=tuple(problems))


def _known_statement(catalog: Catalog | None, statement: str, label: str, where: str) -> str | Problem:
    """A row's statement id as the catalog spells it (typed in any case), or the problem with it."""
    if catalog is None:
        return statement
    sid = catalog.statements.canonical(statement)
    if sid is not None:
        return sid
    valid = ", ".join(catalog.statements.ids())
    message = f"unknown statement id {quoted(statement)}{catalog.statements.suggestion(statement)}; valid ids: {valid}"
    return Problem(label, message, item=where, field="statement")


def read_answers_csv(path: str | Path, catalog: Catalog | None = None) -> Survey:
    """Read a CSV answers file as a survey (with a catalog, statement ids are checked too, in any case).

    Raises:
        InputError: one problem per bad row, a missing or unknown column, or an empty file.
    """
    label = str(path)
    header, rows = csv_rows(read_text(Path(path), label), label)
    _check_header(header, label)
    if not rows:
        raise InputError(problems=(Problem(label, "has a header but no answers; add one row per answer"),))
    groups: dict[str, dict[str, Any]] = {}
    seen: dict[tuple[str, str], int] = {}
    problems: list[Problem] = []
    for line, cells in rows:
        row = {column: unguarded(cell) for column, cell in zip(header, cells, strict=False)}
        where = f"row {line}"
        if len(cells) > len(header):
            problems.append(Problem(label, f"has {len(cells)} cells but the header names {len(header)}", item=where))
            continue
        respondent, role = row.get("respondent", ""), row.get("role", "")
        statement, answer = row.get("statement", ""), row.get("answer", "").lower() or "unknown"
        if not respondent and not role:
            problems.append(Problem(label, "give the respondent or the role", item=where))
            continue
        known = _known_statement(catalog, statement, label, where)
        if isinstance(known, Problem):
            problems.append(known)
            continue
        statement = known
        if answer not in ANSWER_VALUES:
            message = f"{quoted(answer)} is not one of: {', '.join(ANSWER_VALUES)} (or leave it blank for unknown)"
            problems.append(Problem(label, message, item=where, field="answer"))
            continue
        # Rows of one person go together by name; without a name, by role.
        person = f"name:{respondent.casefold()}" if respondent else f"role:{role.casefold()}"
        group = groups.setdefault(person, {"respondent": respondent, "role": role, "answers": {}, "notes": {}})
        if role and group["role"] and role != group["role"]:
            message = (
                f"{readable(respondent)} has the role {quoted(group['role'])} in an earlier row and {quoted(role)} here"
            )
            problems.append(Problem(label, message, item=where, field="role"))
            continue
        group["role"] = group["role"] or role
        if (person, statement) in seen:
            who = readable(respondent or role)
            problems.append(
                Problem(
                    label,
                    f"{who} answers {quoted(statement)} twice (first in row {seen[person, statement]})",
                    item=where,
                )
            )
            continue
        seen[person, statement] = line
        group["answers"][statement] = answer
        if row.get("note"):
            group["notes"][statement] = row["note"]
    if problems:
        raise InputError(problems=tuple(problems))
    respondents = []
    check_respondent_count(len(groups), label)
    for group in groups.values():
        data = {**group, "respondent": group["respondent"] or None, "role": group["role"] or None}
        try:
            respondents.append(Answers.model_validate(data))
        except ValidationError as exc:
            problems.extend(problems_from(exc, Answers, label))
    if problems:
        raise InputError(problems=tuple(problems))
    return Survey(respondents=tuple(respondents))


def check_respondent_count(count: int, label: str) -> None:
    """Refuse more respondents than a survey holds, before any of them is read further.

    Raises:
        InputError: more than `MAX_RESPONDENTS`.
    """
    if count > MAX_RESPONDENTS:
        message = f"respondents: too long: at most {MAX_RESPONDENTS} entries (got {count:,})"
        raise InputError(problems=(Problem(label, message),))
