"""A .docx as a tagged PDF, through LibreOffice when it is installed.

jdgen writes the Word file and asks LibreOffice (``soffice --headless --convert-to pdf``) to lay
it out, so the PDF shows exactly what Word users see, page breaks and repeated table headers
included. The PDF is tagged (its headings, lists and tables are marked for screen readers) and
shows the document's title in the reader's window.

Conversions in one process take turns (LibreOffice runs one conversion per user profile), each
in a private profile folder made for the process, so that a user's own LibreOffice is never
touched and two jdgen processes never share one.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from functools import cache
from pathlib import Path

from jdgen.common.errors import RenderError

#: The longest a conversion may take, start-up included (a first start builds the profile).
PDF_TIMEOUT_SECONDS = 120
#: Where LibreOffice is looked for, after the command search path.
_KNOWN_PLACES = ("/Applications/LibreOffice.app/Contents/MacOS/soffice", "/opt/libreoffice/program/soffice")
_EXPORT_OPTIONS = {
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "DisplayPDFDocTitle": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
}
NOT_INSTALLED = (
    "PDF needs LibreOffice, which is not installed: install it (Debian and Ubuntu: "
    "apt install libreoffice-writer-nogui; macOS: brew install --cask libreoffice; Windows: libreoffice.org) "
    "or choose another format"
)

_turn = threading.Lock()


def soffice_path() -> str | None:
    """The LibreOffice command that converts documents, or None when none is installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((place for place in _KNOWN_PLACES if Path(place).is_file()), None)


def pdf_available() -> bool:
    """Whether this machine can make PDFs (LibreOffice is installed)."""
    return soffice_path() is not None


@cache
def _profile_dir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="jdgen-soffice-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def docx_to_pdf(blob: bytes, name: str = "document") -> bytes:
    """The PDF of a .docx, laid out by LibreOffice.

    Raises:
        RenderError: LibreOffice is not installed, failed, or took longer than `PDF_TIMEOUT_SECONDS`.
    """
    soffice = soffice_path()
    if soffice is None:
        raise RenderError(NOT_INSTALLED)
    with _turn, tempfile.TemporaryDirectory(prefix="jdgen-pdf-") as work:
        source = Path(work) / f"{name}.docx"
        source.write_bytes(blob)
        command = [
            soffice,
            f"-env:UserInstallation={_profile_dir().as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            f"pdf:writer_pdf_Export:{json.dumps(_EXPORT_OPTIONS, separators=(',', ':'))}",
            "--outdir",
            work,
            str(source),
        ]
        output = _run(command)
        target = source.with_suffix(".pdf")
        if not target.is_file():
            detail = " ".join(output.split())[-300:] or "no output"
            raise RenderError(f"LibreOffice did not make the PDF ({detail})")
        return target.read_bytes()


def _run(command: list[str]) -> str:
    """Run LibreOffice in its own process group, so that a run past the time limit is stopped whole."""
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
    except OSError as exc:
        raise RenderError(f"cannot start LibreOffice ({exc.strerror or exc}); {NOT_INSTALLED}") from None
    try:
        output, _ = process.communicate(timeout=PDF_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover (Windows has no process groups to signal)
            process.kill()
        process.communicate()
        raise RenderError(f"LibreOffice took longer than {PDF_TIMEOUT_SECONDS} s to make the PDF") from None
    if process.returncode != 0:
        detail = " ".join(output.split())[-300:] or "no output"
        raise RenderError(f"LibreOffice failed to make the PDF (exit {process.returncode}: {detail})")
    return output
