"""The survey store's databases for tests: a SQLite file, and PostgreSQL when JDGEN_TEST_POSTGRES_URL names a server.

`db` (a fixture, registered for every test module by conftest.py) gives each test a fresh
database of each engine: a new file, or a new PostgreSQL database dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

POSTGRES = os.environ.get("JDGEN_TEST_POSTGRES_URL")
#: Set by .ci/run: PostgreSQL must be there, and its tests fail rather than skip.
REQUIRED = os.environ.get("JDGEN_REQUIRE_POSTGRES") == "1"
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES, reason="no PostgreSQL"))]


@pytest.fixture(params=ENGINES)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "surveys.sqlite3")
        return
    assert POSTGRES
    name = f"jdgen_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    base, _, query = POSTGRES.partition("?")
    yield f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()
