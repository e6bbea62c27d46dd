"""PDF without LibreOffice: one clear line naming what to install, before any work, and no file.

(With LibreOffice, tests/test_libreoffice.py checks the PDFs themselves.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import jdgen
from jdgen.cli import main
from jdgen.common import resources
from jdgen.render import pdf

PROFILE = str(resources.examples_dir() / "profile.yaml")
TEAM = str(resources.examples_dir() / "team.csv")


@pytest.fixture
def no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)


@pytest.mark.usefixtures("no_libreoffice")
def test_the_library_says_what_to_install(catalog: jdgen.Catalog) -> None:
    assert not pdf.pdf_available()
    jd = jdgen.compose(catalog, "digital")
    with pytest.raises(jdgen.RenderError, match="PDF needs LibreOffice, which is not installed: install it"):
        jdgen.render(jd, "pdf")


@pytest.mark.usefixtures("no_libreoffice")
@pytest.mark.parametrize(
    "args",
    [
        ["generate", "-a", "digital", "--profile", PROFILE, "-o", "{out}"],
        ["generate", "-a", "digital", "--profile", PROFILE, "-f", "pdf", "-o", "-"],
        ["compare", "--answers", TEAM, "-o", "{out}"],
        ["assess", "--report", TEAM, "-o", "{out}"],
    ],
)
def test_the_cli_refuses_pdf_in_one_line_before_any_work(tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "x.pdf"
    result = CliRunner().invoke(main, [a.replace("{out}", str(out)) for a in args])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"jdgen: error: {pdf.NOT_INSTALLED}"]
    assert not result.stdout and not out.exists()


@pytest.mark.usefixtures("no_libreoffice")
def test_a_batch_asking_for_pdf_is_refused_before_any_item(tmp_path: Path) -> None:
    spec = tmp_path / "batch.yaml"
    spec.write_text("formats: [docx, pdf]\nprofiles: [{company: A}]\narchetypes: [digital]\n")
    result = CliRunner().invoke(main, ["batch", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"formats: {pdf.NOT_INSTALLED}" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
