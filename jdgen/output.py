"""Write results to disk safely: all or nothing, and never over an existing file unless asked."""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from pathlib import Path

from jdgen.errors import OutputError


def _existing_target(target: Path, force: bool) -> Path:
    """Where to write: the target, or the file a symbolic link points to; refuse anything else."""
    if target.is_symlink():
        if not target.exists():
            raise OutputError(f"{target}: is a broken symbolic link; remove it or choose another name")
        target = target.resolve()
    if target.exists():
        if target.is_dir():
            raise OutputError(f"{target}: is a folder; give a file name")
        if not target.is_file():
            raise OutputError(f"{target}: is not a regular file (a device or pipe); choose a file name")
        if not force:
            raise OutputError(f"{target}: already exists; use --force to overwrite it")
    return target


def ensure_writable(path: str | Path, *, force: bool = False) -> None:
    """Fail now, before any work, if `write_atomic` would refuse `path` (it exists without force, …)."""
    _existing_target(Path(path), force)


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    An interrupted write leaves no partial file. Without `force` an existing file is never
    replaced (the last step is a hard link, which fails if the name exists meanwhile). With
    `force`, a symbolic link is written through to its file; devices and pipes are refused.

    Raises:
        OutputError: the folder is missing, the path is a folder or not a regular file, or the
            file exists without `force`.
    """
    target = _existing_target(Path(path), force)
    blob = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{target}: folder {folder} does not exist; create it first")
    tmp = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        # 0o666 before the umask: the file gets the permissions any new file would.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {folder} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
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


def company_file(stem: str, company: str | None, fmt: str) -> str:
    """``acme-STEM.FMT``, or ``STEM.FMT`` without a company (or one with no letters to keep)."""
    prefix = f"{slug(company)}-" if company and slug(company) else ""
    return f"{prefix}{stem}.{fmt}"


def default_name(archetype_id: str, company: str | None, fmt: str, posting: bool = False) -> str:
    """``acme-cco-enterprise-cx.docx``, or ``cco-enterprise-cx-posting.md`` without a company."""
    return company_file(f"cco-{archetype_id}{'-posting' if posting else ''}", company, fmt)
