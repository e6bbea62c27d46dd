"""jdgen: Chief Customer Officer job descriptions from evidence.

The public API::

    from jdgen import load_catalog, compose, render

    catalog = load_catalog()
    jd = compose(catalog, "enterprise-cx", answers={"resources": "no"}, profile={"company": "Acme"})
    docx_bytes = render(jd, "docx")
    posting_md = render(jd, "md", posting=True)
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from jdgen.assessment import assess
from jdgen.catalog import Catalog, load_catalog
from jdgen.compose import compose
from jdgen.errors import CatalogError, InputError, JdgenError, OutputError, RenderError, StrictModeError
from jdgen.inputs import load_answers, load_profile
from jdgen.models import Answers, Archetype, Block, Location, Pay, Profile, Rule, Statement
from jdgen.render import FORMATS, render
from jdgen.results import ChasmWarning, IncludedBlock, JobDescription, Readiness

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
    "IncludedBlock",
    "InputError",
    "JdgenError",
    "JobDescription",
    "Location",
    "OutputError",
    "Pay",
    "Profile",
    "Readiness",
    "RenderError",
    "Rule",
    "Statement",
    "StrictModeError",
    "__version__",
    "assess",
    "compose",
    "load_answers",
    "load_catalog",
    "load_profile",
    "render",
]
