"""Real databases for the tests: a fresh SQLite file, or a fresh PostgreSQL database.

PostgreSQL comes from ARNA_TEST_POSTGRES_URL (default: the local server with trust auth). Each test
gets its own database, created from scratch and dropped afterwards, so tests never see each other's
rows. When the server is absent the PostgreSQL tests fail rather than skip: CI starts the server,
and a silent skip would hide that the suite ran on one database only. Set ARNA_TEST_POSTGRES=skip to
skip them on a machine that has no PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from posts.db import Database, normalise_url, open_database
from posts.migrate import upgrade

POSTGRES_URL = normalise_url(
    os.environ.get("ARNA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
)
SKIP_POSTGRES = os.environ.get("ARNA_TEST_POSTGRES", "").lower() == "skip"


@contextmanager
def fresh_postgres_url() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped on exit."""
    name = f"arna_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def fresh_url(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'arna.db'}"
    else:
        with fresh_postgres_url() as url:
            yield url


@contextmanager
def fresh_database(backend: str, tmp_path: Path, *, migrate: bool = True) -> Iterator[Database]:
    with fresh_url(backend, tmp_path) as url:
        db = open_database(url, busy_timeout_s=2.0)
        try:
            if migrate:
                upgrade(db)
            yield db
        finally:
            db.dispose()
