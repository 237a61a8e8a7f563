"""The Alembic migrations build exactly the schema of the models, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from posts import migrate
from posts.db import Database
from posts.models import APPEND_ONLY_TABLES


def test_upgrade_reaches_head_and_matches_the_models(bare_db: Database) -> None:
    assert migrate.current_revision(bare_db) is None
    migrate.upgrade(bare_db)
    assert migrate.current_revision(bare_db) == migrate.head_revision()
    with bare_db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"


def test_downgrade_to_base_removes_every_table(bare_db: Database) -> None:
    migrate.upgrade(bare_db)
    migrate.downgrade(bare_db, "base")
    tables = set(inspect(bare_db.engine).get_table_names()) - {"alembic_version"}
    assert tables == set()
    migrate.upgrade(bare_db)  # and back up again, cleanly
    assert set(SQLModel.metadata.tables) <= set(inspect(bare_db.engine).get_table_names())


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
@pytest.mark.parametrize("verb", ["UPDATE", "DELETE"])
def test_append_only_tables_refuse_changes(db: Database, table: str, verb: str) -> None:
    with db.write() as s:
        s.execute(text("INSERT INTO plan_event(key, office, title, starts_at, scale, internal,"
                       " partners, approved, created_at) VALUES ('e', 'o', 't', CURRENT_TIMESTAMP,"
                       " 'local', false, '[]', false, CURRENT_TIMESTAMP)"))
        s.execute(text("INSERT INTO story(office, key, title, created_by, created_at)"
                       " VALUES ('o', 's', '', 'a', CURRENT_TIMESTAMP)"))
        s.execute(text("INSERT INTO post(story_id, office, network, kind, text, options, status,"
                       " version, content_hash, author, attempt, created_at, updated_at) VALUES"
                       " (1, 'o', 'telegram', 'text', 'x', '{}', 'draft', 1, 'h', 'a', 0,"
                       " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
        if table == "attempt":
            s.execute(text("INSERT INTO attempt(post_id, number, worker, started_at, finished_at,"
                           " outcome) VALUES (1, 1, 'w', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                           " 'sent')"))
        else:
            s.execute(text("INSERT INTO audit_event(post_id, actor, action, at)"
                           " VALUES (1, 'a', 'create', CURRENT_TIMESTAMP)"))
    statement = f"UPDATE {table} SET post_id = 1" if verb == "UPDATE" else f"DELETE FROM {table}"
    with pytest.raises(DBAPIError, match="append-only"), db.write() as s:
        s.execute(text(statement))
    with db.read() as s:
        assert s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 1


def test_sqlite_runs_in_wal_with_full_sync_and_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from posts.db import open_database

    db = open_database(f"sqlite:///{tmp_path / 'a.db'}")
    with db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar_one() == 2  # FULL
        assert s.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar_one() == 10_000
    db.dispose()
