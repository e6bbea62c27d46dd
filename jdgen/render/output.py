"""Write results to disk safely: all or nothing, and never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from jdgen.common.errors import OutputError, Problem, TargetExistsError

_EXISTS = "already exists; use --force to overwrite it"
#: The temporary file of a write: ``.NAME.PID.RANDOM.tmp`` beside its target (older releases: no PID).
_TEMPORARY = re.compile(r"^\..+?\.(?:(?P<pid>\d+)\.)?[0-9a-f]{12}\.tmp$")
#: A temporary file without a PID is left by a killed run if it is older than this (in seconds).
_STALE_AFTER = 3600


def _refuse(target: Path, message: str) -> OutputError:
    if message == _EXISTS:
        return TargetExistsError(problems=(Problem(str(target), message),))
    return OutputError(problems=(Problem(str(target), message),))


def _existing_target(target: Path, force: bool) -> Path:
    """Where to write: the target, or the file a symbolic link points to; refuse anything else."""
    if target.is_symlink():
        if not target.exists():
            raise _refuse(target, "is a broken symbolic link; remove it or choose another name")
        target = target.resolve()
    if target.exists():
        if target.is_dir():
            raise _refuse(target, "is a folder; give a file name")
        if not target.is_file():
            raise _refuse(target, "is not a regular file (a device or pipe); choose a file name")
        if not force:
            raise _refuse(target, _EXISTS)
    return target


def _folder_of(target: Path) -> Path:
    folder = target.parent
    if not folder.is_dir():
        raise _refuse(target, f"folder {folder} does not exist; create it first")
    return folder


def ensure_writable(path: str | Path, *, force: bool = False) -> None:
    """Fail now, before any work, if `write_atomic` would refuse `path`.

    Raises:
        OutputError: the path exists without `force`, is a folder, a device or a broken link,
            or its folder is missing.
    """
    _folder_of(_existing_target(Path(path), force))


def write_into(folder: str | Path, files: Mapping[str, bytes | str], *, force: bool = False) -> list[Path]:
    """Write several files into `folder` (created if missing): all of them, or none if any is refused or fails.

    A name may include a subfolder (``companies/retail.yaml``); it is created too.

    Every target is checked before the first is written, and each refused one is a problem of
    its own (one line each on the command line); each file is then written with `write_atomic`.

    Returns:
        The files written, in the order of `files`.

    Raises:
        OutputError: `folder` is a file or cannot be created, or a target exists without `force`
            (or is a folder, a device or a broken link).
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise _refuse(target, "is a file; give a folder")
    problems: list[Problem] = []
    for name in files:
        try:
            _existing_target(target / name, force)
        except OutputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise OutputError(problems=tuple(problems))
    for folder_path in dict.fromkeys((target / name).parent for name in files):  # a name may hold a subfolder
        try:
            folder_path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _refuse(folder_path, f"cannot create the folder ({exc.strerror or exc})") from None
    written: list[Path] = []
    created: list[Path] = []
    try:
        for name, data in files.items():
            existed = (target / name).exists()
            written.append(write_atomic(target / name, data, force=force))
            if not existed:
                created.append(written[-1])
    except BaseException:
        # A write failed part-way (a full disk, Ctrl-C): the files this call created go too, so
        # nothing half-done is left. A file it replaced with `force` cannot be given back.
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return written


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
    folder = _folder_of(target)
    tmp = folder / f".{target.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp"
    try:
        # 0o666 before the umask: the file gets the permissions any new file would.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _refuse(target, f"cannot write in {folder} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            handle.flush()
            if force:
                _keep_permissions(target, handle.fileno())
            os.fsync(handle.fileno())
        if force:
            tmp.replace(target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise _refuse(target, _EXISTS) from None
            except OSError:  # a file system without hard links: check, then rename
                if target.exists():
                    raise _refuse(target, _EXISTS) from None
                tmp.replace(target)
        _sync_folder(folder)
    except OSError as exc:
        raise _refuse(target, f"cannot write ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _keep_permissions(target: Path, fd: int) -> None:
    """Give the new file the replaced file's mode (and owner, where allowed): a private file stays private."""
    try:
        old = target.stat()
    except OSError:
        return  # nothing replaced
    os.fchmod(fd, stat.S_IMODE(old.st_mode))
    with contextlib.suppress(OSError):  # only root may give a file away; the mode is what keeps it private
        os.fchown(fd, old.st_uid, old.st_gid)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the new name, so that the file survives a power cut, not only its bytes."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not on every platform or file system
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: str | Path) -> list[Path]:
    """Remove the temporary files a killed jdgen left in `folder`; return them.

    A temporary file names the process writing it: one whose process is gone is stale. One
    written by a live process (another batch into the same folder) is left alone. Files of
    older releases, which carry no process id, are removed once an hour old.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        pid = match.group("pid")
        try:
            stale = not _alive(int(pid)) if pid else time.time() - entry.stat().st_mtime > _STALE_AFTER
            if stale:
                Path(entry.path).unlink()
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to another user
        return True
    return True


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
