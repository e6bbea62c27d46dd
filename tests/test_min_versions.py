"""CI's second run installs the lowest versions pyproject.toml declares: the pins must be those bounds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _script() -> object:
    spec = importlib.util.spec_from_file_location("min_versions", ROOT / "scripts" / "min_versions.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_ci_pins_are_the_lower_bounds_of_pyproject() -> None:
    script = _script()
    written = (ROOT / ".ci" / "min-versions.txt").read_text(encoding="utf-8")
    assert written == script.render(), "pyproject.toml's lower bounds changed: run python scripts/min_versions.py"  # type: ignore[attr-defined]


def test_every_runtime_dependency_has_a_lower_bound(tmp_path: Path) -> None:
    script = _script()
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\ndependencies = ["click>=8.2", "pyyaml"]\n[project.optional-dependencies]\nweb = []\n'
    )
    with pytest.raises(SystemExit, match="'pyyaml' has no lower bound"):
        script.pins(pyproject)  # type: ignore[attr-defined]
    pyproject.write_text(
        '[project]\ndependencies = ["textstat>=0.7.7,<0.7.9"]\n[project.optional-dependencies]\nweb = ["a[x]>=1.2"]\n'
    )
    assert script.pins(pyproject) == ["textstat==0.7.7", "a==1.2"]  # type: ignore[attr-defined]
