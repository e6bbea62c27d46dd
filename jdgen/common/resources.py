"""Where the built-in catalog, source register and templates are.

An installed wheel carries them in ``jdgen/_data/`` (hatchling force-include); a source
checkout or an editable install finds them beside the package. This module is the only
place that knows either.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # jdgen/, two up from jdgen/common/resources.py


@cache
def data_root() -> Path:
    """The folder holding ``catalog/``, ``seeds/``, ``templates/`` and ``examples/``."""
    packaged = _PACKAGE_DIR / "_data"
    if (packaged / "catalog").is_dir():
        return packaged
    return _PACKAGE_DIR.parent


def catalog_dir() -> Path:
    """The built-in catalog folder."""
    return data_root() / "catalog"


def seeds_dir() -> Path:
    """The built-in source register folder."""
    return data_root() / "seeds"


def templates_dir() -> Path:
    """The built-in templates folder (Jinja templates and reference.docx)."""
    return data_root() / "templates"


#: The example inputs `jdgen examples` copies out: a company profile, one executive's
#: readiness answers, and an executive team's answers (the ones ``jdgen demo`` uses).
EXAMPLE_FILES: tuple[str, ...] = ("profile.yaml", "answers.yaml", "team.csv")


def examples_dir() -> Path:
    """The bundled example profile and answers used by ``jdgen demo`` and ``jdgen examples``."""
    return data_root() / "examples"


def posting_dir() -> Path:
    """The posting-quality data: gender-coded words, language lists, pay-transparency rules."""
    return data_root() / "posting"


@cache
def _data_folders() -> tuple[Path, ...]:
    return tuple(folder.resolve() for folder in (catalog_dir(), seeds_dir(), posting_dir()))


def is_builtin_data(path: Path) -> bool:
    """Whether `path` is one of jdgen's own catalog, source-register or posting data files."""
    try:
        resolved = path.resolve()
    except OSError:
        return False
    return any(resolved.is_relative_to(folder) for folder in _data_folders())
