"""Opening the store: SQLite (a file, WAL mode, foreign keys on) or PostgreSQL by URL, migrated to the newest schema."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from jdgen.common.errors import InputError, StoreError

#: The store's file when no --db is given: in the user's data folder.
DB_NAME = "surveys.sqlite3"


def default_path() -> Path:
    r"""``$XDG_DATA_HOME/jdgen/surveys.sqlite3`` (``~/.local/share/…``; ``%LOCALAPPDATA%\\jdgen`` on Windows)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "jdgen" / DB_NAME


def url_of(db: str | Path | None) -> str:
    """The SQLAlchemy URL for `db`: a ``postgresql://`` or ``sqlite://`` URL as given, else a SQLite file's path."""
    if db is None:
        db = default_path()
    text = str(db)
    if text.startswith(("postgresql://", "postgresql+psycopg://", "sqlite://")):
        return text.replace("postgresql://", "postgresql+psycopg://", 1) if text.startswith("postgresql://") else text
    if "://" in text:
        raise InputError(
            f"--db: {text.split('://', 1)[0]}:// is not a database jdgen keeps surveys in; use a file path or postgresql://"
        )
    path = Path(text).expanduser()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Readable by its owner only; SQLite gives its -wal and -shm files the same mode.
        path.touch(mode=0o600, exist_ok=True)
    except OSError as exc:
        raise InputError(f"--db: cannot make {path} ({exc.strerror or exc})") from None
    return f"sqlite:///{path}"


def open_engine(db: str | Path | None) -> Any:
    """An engine for `db`, its schema migrated to the newest version (answers are never dropped on the way).

    Raises:
        StoreError: the database cannot be reached or written, or its driver is not installed.
    """
    try:
        from sqlalchemy.exc import SQLAlchemyError
    except ImportError:
        raise StoreError('team surveys need the web extra: pip install "jdgen[web]"') from None

    url = url_of(db)
    try:
        return _open(url)
    except ImportError as exc:  # the PostgreSQL driver
        raise StoreError(
            f'a PostgreSQL store needs its driver ({exc.name} is missing): pip install "jdgen[postgres]"'
        ) from None
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split()) or type(exc).__name__
        raise StoreError(f"cannot open the survey store at {shown(url)}: {reason[:300]}") from None


def shown(url: str) -> str:
    """A store's URL as it may be printed: the password left out, a SQLite file as its path."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://", 1)


def _open(url: str) -> Any:
    from sqlalchemy import create_engine, event

    # hide_parameters: a database error never carries an answer or a note into a log.
    engine = create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"), hide_parameters=True)
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _record: Any) -> None:
            # The driver issues no BEGIN of its own: SQLAlchemy's does (below), so that a
            # migration's DDL is inside its transaction too (SQLAlchemy's pysqlite recipe).
            connection.isolation_level = None
            for pragma in (
                "journal_mode=WAL",  # readers never wait for the writer
                "foreign_keys=ON",  # deleting a survey deletes its answers
                "busy_timeout=5000",
                "secure_delete=ON",  # a deleted note is overwritten, not left in free pages
            ):
                connection.execute(f"PRAGMA {pragma}")

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN")

    migrate(engine)
    return engine


def migrate(engine: Any, revision: str = "head", scripts: Path | None = None) -> None:
    """Bring the database's schema to `revision` with Alembic, in one transaction (`scripts`: another migrations folder).

    On SQLite, foreign keys are off while it runs: a migration that rebuilds a table (Alembic's
    batch mode) must not cascade into the answers; they are checked before it commits.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(scripts or Path(__file__).parent / "migrations"))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw = connection.connection.dbapi_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, where SQLite honours it
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise StoreError(
                        "a migration of the survey store left answers without their respondent; nothing was changed"
                    )
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
