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

    text, lint = lint_posting(jd)                           # the posting checks of `jdgen lint`
    pasted = lint_text(read_posting("their-jd.docx"), profile={"location": {"region": "CA"}})

    branded = render(jd, "docx", template_dirs=["my-brand"], reference="letterhead.docx")
    schema = input_schema("profile")                        # JSON Schema, to check data first

Every function may be called from several threads at once: models are immutable and the caches
(the built-in catalog, the template environments, the reference document, the Markdown parser)
are complete before they are shared. Many JDs in worker processes: `jdgen.batch`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from jdgen.assessment import aggregate, assess, consensus
from jdgen.catalog import Catalog, load_catalog
from jdgen.compare import compare
from jdgen.compose import compose
from jdgen.errors import CatalogError, InputError, JdgenError, OutputError, RenderError, StrictModeError
from jdgen.inputs import dump_answers, load_answers, load_profile, parse_survey
from jdgen.lint import LintConfig, LintReport, Metrics, lint_posting, lint_text
from jdgen.models import Answers, Archetype, Block, Location, Pay, Profile, Rule, Statement, Survey
from jdgen.pay_transparency import applicable_rules, pay_findings
from jdgen.posting_files import read_posting
from jdgen.render import FORMATS, render
from jdgen.report import readiness_report
from jdgen.results import (
    ChasmWarning,
    Comparison,
    Finding,
    Fit,
    IncludedBlock,
    JobDescription,
    Readiness,
    ReadinessReport,
    StatementAnswer,
)
from jdgen.schemas import input_schema
from jdgen.templates import export_templates

try:
    __version__ = version("jdgen")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "FORMATS",
    "Answers",
    "Archetype",
    "Block",
    "Catalog",
    "CatalogError",
    "ChasmWarning",
    "Comparison",
    "Finding",
    "Fit",
    "IncludedBlock",
    "InputError",
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
    "Rule",
    "Statement",
    "StatementAnswer",
    "StrictModeError",
    "Survey",
    "__version__",
    "aggregate",
    "applicable_rules",
    "assess",
    "compare",
    "compose",
    "consensus",
    "dump_answers",
    "export_templates",
    "input_schema",
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
]
