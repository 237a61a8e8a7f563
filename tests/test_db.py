"""Connection behaviour: locks wait for the busy timeout, then say so; URLs never leak passwords."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from posts.db import Database, database_url, open_database, redact_url
from posts.errors import StorageError
from posts.i18n import LANGS


def _insert_story(db: Database, key: str) -> None:
    with db.write() as s:
        s.execute(text("INSERT INTO story(office, key, title, created_by, created_at)"
                       " VALUES ('o', :k, '', 'a', CURRENT_TIMESTAMP)"), {"k": key})


def test_a_locked_database_waits_for_the_busy_timeout_then_says_so(db: Database) -> None:
    _insert_story(db, "first")
    holder = db.engine.connect()
    holder.execution_options(arna_write=True)
    # Hold the write lock: SQLite's BEGIN IMMEDIATE, PostgreSQL's row lock.
    holder.execute(text("UPDATE story SET title = 'held' WHERE key = 'first'"))
    started = time.monotonic()
    try:
        with pytest.raises(StorageError) as caught, db.write() as s:
            s.execute(text("UPDATE story SET title = 'mine' WHERE key = 'first'"))
    finally:
        holder.rollback()
        holder.close()
    waited = time.monotonic() - started
    assert waited >= db.busy_timeout_s * 0.9, "it must wait for the busy timeout first"
    for lang in LANGS:
        rendered = caught.value.render(lang)
        assert "arna run" in rendered and re.search(r"\d+\.\d", rendered), rendered
    assert "busy" in caught.value.render("en")
    # and once the lock is gone, the same write goes through
    with db.write() as s:
        s.execute(text("UPDATE story SET title = 'mine' WHERE key = 'first'"))
    with db.read() as s:
        assert s.execute(text("SELECT title FROM story")).scalar_one() == "mine"


def test_a_failed_write_leaves_nothing_behind(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as s:
        s.execute(text("INSERT INTO story(office, key, title, created_by, created_at)"
                       " VALUES ('o', 'k', '', 'a', CURRENT_TIMESTAMP)"))
        raise RuntimeError("boom")
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM story")).scalar_one() == 0


def test_readers_are_not_blocked_by_a_sqlite_writer(tmp_path: Path) -> None:
    from posts.migrate import upgrade

    db = open_database(f"sqlite:///{tmp_path / 'w.db'}", busy_timeout_s=0.5)
    upgrade(db)
    _insert_story(db, "a")
    holder = db.engine.connect()
    holder.execution_options(arna_write=True)
    holder.execute(text("UPDATE story SET title = 'x'"))
    try:
        started = time.monotonic()
        with db.read() as s:
            assert s.execute(text("SELECT title FROM story")).scalar_one() == ""
        assert time.monotonic() - started < 0.4
    finally:
        holder.rollback()
        holder.close()
        db.dispose()


def test_database_url_prefers_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert database_url(tmp_path / "arna.db") == f"sqlite:///{tmp_path / 'arna.db'}"
    monkeypatch.setenv("ARNA_DATABASE_URL", "postgresql://u:pw@db.example/arna")
    assert database_url(tmp_path / "arna.db") == "postgresql+psycopg://u:pw@db.example/arna"


def test_redacted_urls_hide_the_password() -> None:
    assert redact_url("postgresql+psycopg://u:s3cret@h:5432/d") == "postgresql+psycopg://u:***@h:5432/d"
    assert "s3cret" not in redact_url("postgresql://u:s3cret@h/d")
    assert redact_url("sqlite:///a.db") == "sqlite:///a.db"
