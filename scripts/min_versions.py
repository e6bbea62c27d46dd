"""Write .ci/min-versions.txt: the lowest version pyproject.toml allows of each dependency, pinned.

CI installs the project a second time with ``pip install -c .ci/min-versions.txt -e ".[test]"`` and
runs the tests again, so every lower bound declared is one the tests have passed on. Run
``python scripts/min_versions.py`` after changing a bound; tests/test_packaging.py checks that the
file and pyproject.toml agree.

Pinned: the runtime dependencies and the ``web`` extra (what users install). Test and benchmark
tools, and the packages the dependencies pull in, stay free: pip picks their newest versions
that fit.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / ".ci" / "min-versions.txt"
_LOWER = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[^;]*?)>=\s*([0-9][^,;\s]*)")


def pins(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """``name==lowest`` for each runtime and web dependency, in the order pyproject.toml lists them."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    lines = []
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["web"]]:
        match = _LOWER.match(requirement)
        if match is None:
            raise SystemExit(f"pyproject.toml: {requirement!r} has no lower bound (>=); give it one")
        lines.append(f"{match.group(1).lower()}=={match.group(2)}")
    return lines


def render() -> str:
    """The file's text."""
    header = "# The lowest versions pyproject.toml allows (made by scripts/min_versions.py; do not edit).\n"
    return header + "".join(f"{line}\n" for line in pins())


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET.relative_to(ROOT)}\n")
