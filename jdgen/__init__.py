"""jdgen: Chief Customer Officer job descriptions from evidence.

The public API::

    from jdgen import load_catalog, load_answers, compose, compare, readiness_report, render

    catalog = load_catalog()
    jd = compose(catalog, "enterprise-cx", answers={"resources": "no"}, profile={"company": "Acme"})
    docx_bytes = render(jd, "docx")
    posting_md = render(jd, "md", posting=True)

    team = load_answers(["ceo.yaml", "team.csv"], catalog)     # one or many respondents
    board = render(compare(catalog, team, {"company": "Acme"}), "docx")
    report = render(readiness_report(catalog, team), "html")

    pack = role_pack(catalog, jd, {"company": "Acme"})      # scorecard, interview kit, charter
    scorecard_docx = render(pack.scorecard, "docx")

    text, lint = lint_posting(jd)                           # the posting checks of `jdgen lint`
    pasted = lint_text(read_posting("their-jd.docx"), profile={"location": {"region": "CA"}})

    branded = render(jd, "docx", template_dirs=["my-brand"], reference="letterhead.docx")
    schema = input_schema("profile")                        # JSON Schema, to check data first
    lever = ats_export(jd, "lever")                         # the request bodies an ATS takes

Every function may be called from several threads at once: models are immutable and the caches
(the built-in catalog, the template environments, the reference document, the Markdown parser)
are complete before they are shared. Many JDs in worker processes: `jdgen.batch`.
"""

from __future__ import annotations

import sys
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import TYPE_CHECKING, Any

from jdgen import _old_paths

if TYPE_CHECKING:  # what type checkers see; at run time each name is imported on first use
    from jdgen.ats import ats_export
    from jdgen.common.errors import CatalogError, InputError, JdgenError, OutputError, RenderError, StrictModeError
    from jdgen.data.catalog import Catalog, load_catalog
    from jdgen.data.catalog_models import Archetype, Block, Rule, Statement
    from jdgen.data.input_models import Answers, Location, Pay, Profile, Survey
    from jdgen.data.inputs import dump_answers, load_answers, load_profile, parse_survey
    from jdgen.data.schemas import input_schema
    from jdgen.decide.assessment import aggregate, assess, consensus
    from jdgen.decide.board_results import Comparison, Fit, ReadinessReport
    from jdgen.decide.charter import charter
    from jdgen.decide.compare import compare
    from jdgen.decide.compose import compose
    from jdgen.decide.interview_kit import interview_kit
    from jdgen.decide.pack import RolePack, role_pack
    from jdgen.decide.pack_results import Charter, InterviewKit, Scorecard
    from jdgen.decide.report import readiness_report
    from jdgen.decide.results import ChasmWarning, IncludedBlock, JobDescription, Readiness, StatementAnswer
    from jdgen.decide.scorecard import scorecard
    from jdgen.postings.files import read_posting
    from jdgen.postings.findings import Finding
    from jdgen.postings.lint import LintConfig, LintReport, Metrics, lint_posting, lint_text
    from jdgen.postings.pay_places import applicable_rules
    from jdgen.postings.pay_transparency import pay_findings
    from jdgen.render import FORMATS, render
    from jdgen.render.templates import export_templates

    __version__: str

# The same names, by module, for the imports at run time: `import jdgen` (and so the `jdgen`
# command) loads none of them until one is used (PEP 562). tests/test_cold_start.py checks that
# this table, the imports above and __all__ agree.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "ats": ("ats_export",),
    "common.errors": ("CatalogError", "InputError", "JdgenError", "OutputError", "RenderError", "StrictModeError"),
    "data.catalog": ("Catalog", "load_catalog"),
    "data.catalog_models": ("Archetype", "Block", "Rule", "Statement"),
    "data.input_models": ("Answers", "Location", "Pay", "Profile", "Survey"),
    "data.inputs": ("dump_answers", "load_answers", "load_profile", "parse_survey"),
    "data.schemas": ("input_schema",),
    "decide.assessment": ("aggregate", "assess", "consensus"),
    "decide.board_results": ("Comparison", "Fit", "ReadinessReport"),
    "decide.compare": ("compare",),
    "decide.charter": ("charter",),
    "decide.compose": ("compose",),
    "decide.interview_kit": ("interview_kit",),
    "decide.pack": ("RolePack", "role_pack"),
    "decide.pack_results": ("Charter", "InterviewKit", "Scorecard"),
    "decide.report": ("readiness_report",),
    "decide.scorecard": ("scorecard",),
    "decide.results": ("ChasmWarning", "IncludedBlock", "JobDescription", "Readiness", "StatementAnswer"),
    "render": ("FORMATS", "render"),
    "render.templates": ("export_templates",),
    "postings.files": ("read_posting",),
    "postings.findings": ("Finding",),
    "postings.lint": ("LintConfig", "LintReport", "Metrics", "lint_posting", "lint_text"),
    "postings.pay_places": ("applicable_rules",),
    "postings.pay_transparency": ("pay_findings",),
}
_MODULE_OF = {name: f"{__name__}.{module}" for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "FORMATS",
    "Answers",
    "Archetype",
    "Block",
    "Catalog",
    "CatalogError",
    "Charter",
    "ChasmWarning",
    "Comparison",
    "Finding",
    "Fit",
    "IncludedBlock",
    "InputError",
    "InterviewKit",
    "JdgenError",
    "JobDescription",
    "LintConfig",
    "LintReport",
    "Location",
    "Metrics",
    "OutputError",
    "Pay",
    "Profile",
    "Readiness",
    "ReadinessReport",
    "RenderError",
    "RolePack",
    "Rule",
    "Scorecard",
    "Statement",
    "StatementAnswer",
    "StrictModeError",
    "Survey",
    "__version__",
    "aggregate",
    "applicable_rules",
    "assess",
    "ats_export",
    "charter",
    "compare",
    "compose",
    "consensus",
    "dump_answers",
    "export_templates",
    "input_schema",
    "interview_kit",
    "lint_posting",
    "lint_text",
    "load_answers",
    "load_catalog",
    "load_profile",
    "parse_survey",
    "pay_findings",
    "read_posting",
    "readiness_report",
    "render",
    "role_pack",
    "scorecard",
]


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # 30 ms: only when asked

    try:
        return version("jdgen")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0.0.0+unknown"


if not TYPE_CHECKING:  # hidden from type checkers, which would let any name through otherwise

    def __getattr__(name: str) -> Any:
        """Import a public name's module on first use, and keep the name (PEP 562)."""
        if name == "__version__":
            value = _installed_version()
        elif name in _MODULE_OF:
            value = getattr(import_module(_MODULE_OF[name]), name)
        elif not name.startswith("_") and find_spec(f"{__name__}.{name}") is not None:
            value = import_module(f"{__name__}.{name}")  # a submodule (`jdgen.models`), as when imports were eager
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(ModuleType):
    """The jdgen package, whose functions `compare`, `compose` and `render` keep their names.

    Python binds each submodule on its package once it is imported, so loading the module
    ``jdgen.decide.compose`` would hide the function ``jdgen.decide.compose``: the public name wins instead.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _MODULE_OF and isinstance(value, ModuleType):
            return  # __getattr__ gives the public function or class of that name
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
_old_paths.install()
