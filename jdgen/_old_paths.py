"""The module paths of jdgen 0.4, kept for one minor version: each imports, with a DeprecationWarning.

jdgen 0.5 put the modules in folders by stage (README, "How the code is laid out"). Code that
imports ``jdgen.models`` or ``jdgen.lint`` keeps working until jdgen 0.6 and is told where the
module went. Where a module was split, its old path gathers the public names of the parts.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from importlib import import_module
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Loader
else:  # importlib.abc loads importlib.resources: too much for `import jdgen`; the protocol is enough
    Loader = object

#: Old path → the module (or, for a module that was split, the modules) that now hold its names.
MOVED: dict[str, tuple[str, ...]] = {
    "jdgen.errors": ("jdgen.common.errors",),
    "jdgen.budget": ("jdgen.common.budget",),
    "jdgen.resources": ("jdgen.common.resources",),
    "jdgen.yamlio": ("jdgen.data.yamlio",),
    "jdgen.models": ("jdgen.data.fields", "jdgen.data.catalog_models", "jdgen.data.input_models"),
    "jdgen.validation": ("jdgen.data.validation",),
    "jdgen.catalog": ("jdgen.data.catalog",),
    "jdgen.catalog_checks": ("jdgen.data.catalog_checks",),
    "jdgen.inputs": ("jdgen.data.inputs",),
    "jdgen.answers_csv": ("jdgen.data.answers_csv",),
    "jdgen.schemas": ("jdgen.data.schemas",),
    "jdgen.vocabulary": ("jdgen.decide.vocabulary",),
    "jdgen.results": ("jdgen.decide.results", "jdgen.decide.board_results", "jdgen.postings.findings"),
    "jdgen.assessment": ("jdgen.decide.assessment",),
    "jdgen.chasm": ("jdgen.decide.chasm",),
    "jdgen.fit": ("jdgen.decide.fit",),
    "jdgen.recommend": ("jdgen.decide.recommend",),
    "jdgen.posting_copy": ("jdgen.decide.posting_copy",),
    "jdgen.compose": ("jdgen.decide.compose",),
    "jdgen.compare": ("jdgen.decide.compare",),
    "jdgen.report": ("jdgen.decide.report",),
    "jdgen.output": ("jdgen.render.output",),
    "jdgen.templates": ("jdgen.render.templates",),
    "jdgen.docx_package": ("jdgen.render.docx_package",),
    "jdgen.lint": ("jdgen.postings.lint",),
    "jdgen.lint_measures": ("jdgen.postings.lint_measures",),
    "jdgen.wordlists": ("jdgen.postings.wordlists",),
    "jdgen.readability": ("jdgen.postings.readability",),
    "jdgen.pay_transparency": (
        "jdgen.postings.pay_rules",
        "jdgen.postings.pay_text",
        "jdgen.postings.pay_places",
        "jdgen.postings.pay_transparency",
    ),
    "jdgen.posting_files": ("jdgen.postings.files",),
    "jdgen.batch_plan": ("jdgen.batch.planning",),
    "jdgen.cli_common": ("jdgen.cli.common",),
    "jdgen.cli_profile": ("jdgen.cli.profile_options",),
    "jdgen.cli_generate": ("jdgen.cli.generate",),
    "jdgen.cli_board": ("jdgen.cli.board",),
    "jdgen.cli_catalog": ("jdgen.cli.catalog",),
    "jdgen.cli_custom": ("jdgen.cli.custom",),
    "jdgen.cli_lint": ("jdgen.cli.lint",),
    "jdgen.cli_serve": ("jdgen.cli.serve",),
    "jdgen.cli_start": ("jdgen.cli.start",),
    "jdgen.cli_batch": ("jdgen.cli.batch",),
    "jdgen.terminal": ("jdgen.cli.terminal",),
    "jdgen.questionnaire": ("jdgen.cli.questionnaire",),
}
REMOVED_IN = "0.6"


class OldPathFinder(Loader):
    """Finds a 0.4 module path and loads it as the module that now holds its names."""

    def __init__(self) -> None:
        self._real_specs: dict[str, ModuleSpec | None] = {}

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        """A spec for an old path; None for every other name, which the real finders then look for."""
        return ModuleSpec(fullname, self) if fullname in MOVED else None

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        """The new module itself, or for a split module one that gathers the parts' public names."""
        new = MOVED[spec.name]
        # The warning points at the import statement: warnings skips importlib's own frames.
        warnings.warn(
            f"{spec.name} is now {' and '.join(new)}; the old path goes in jdgen {REMOVED_IN}",
            DeprecationWarning,
            stacklevel=2,
        )
        if len(new) == 1:
            module = import_module(new[0])
            self._real_specs[module.__name__] = module.__spec__
            return module
        gathered = ModuleType(spec.name, f"The names of {', '.join(new)} (the old path of jdgen 0.4).")
        for name in new:
            part = import_module(name)
            for attribute in getattr(part, "__all__", None) or [a for a in vars(part) if not a.startswith("_")]:
                setattr(gathered, attribute, getattr(part, attribute))
        return gathered

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: `create_module` gave a module that is already loaded."""
        # importlib has just set the module's __spec__ to the old path's; the module keeps its own.
        if module.__name__ in self._real_specs:
            module.__spec__ = self._real_specs[module.__name__]


def install() -> None:
    """Let the old paths import (once per interpreter), after every real finder."""
    if not any(isinstance(finder, OldPathFinder) for finder in sys.meta_path):
        sys.meta_path.append(OldPathFinder())
