"""Write results to disk safely: all or nothing, and never over an existing file unless asked."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from jdgen.errors import OutputError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    An interrupted write leaves no partial file; without `force` an existing file is never
    replaced (the final step is a hard link, which fails if the name exists).

    Raises:
        OutputError: the folder is missing, the path is a folder, or the file exists without `force`.
    """
    target = Path(path)
    blob = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name")
    if not folder.is_dir():
        raise OutputError(f"{target}: folder {folder} does not exist; create it first")
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists; use --force to overwrite it")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {folder} ({exc.strerror or exc})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(0o666 & ~_umask())
        if force:
            tmp.replace(target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise OutputError(f"{target}: already exists; use --force to overwrite it") from None
            except OSError:  # a file system without hard links: check, then rename
                if target.exists():
                    raise OutputError(f"{target}: already exists; use --force to overwrite it") from None
                tmp.replace(target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)
    return target


def slug(text: str) -> str:
    """A file-name-safe slug: ``"Acme & Co., Inc."`` → ``"acme-co-inc"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


def default_name(archetype_id: str, company: str | None, fmt: str, posting: bool = False) -> str:
    """``acme-cco-enterprise-cx.docx``, or ``cco-enterprise-cx-posting.md`` without a company."""
    prefix = f"{slug(company)}-" if company and slug(company) else ""
    suffix = "-posting" if posting else ""
    return f"{prefix}cco-{archetype_id}{suffix}.{fmt}"
