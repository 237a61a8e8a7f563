"""Run Alembic migrations programmatically, on a `Database`.

The embedded SQLite workspace is upgraded automatically when a command opens it; a PostgreSQL
database is upgraded only by `arna db upgrade`, since several workers may share it and a schema
change there is an operator's decision.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from posts.db import Database, redact_url
from posts.errors import StorageError
from posts.i18n import Text

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

NOT_MIGRATED = Text(
    kk="{url} дерекқорының сұлбасы ескі ({current} ≠ {head}).",
    ru="Схема базы данных {url} устарела ({current} ≠ {head}).",
    en="The schema of the database {url} is out of date ({current} ≠ {head}).",
)
NOT_MIGRATED_FIX = Text(
    kk="`arna db upgrade` командасын орындаңыз.",
    ru="Выполните `arna db upgrade`.",
    en="Run `arna db upgrade`.",
)


def alembic_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    _run(db, command.upgrade, revision)


def downgrade(db: Database, revision: str) -> None:
    _run(db, command.downgrade, revision)


def _run(db: Database, fn, revision: str) -> None:  # type: ignore[no-untyped-def]
    cfg = alembic_config()
    with db.engine.connect() as conn:
        conn.execution_options(arna_write=True)
        cfg.attributes["connection"] = conn
        fn(cfg, revision)
        conn.commit()


def ensure_current(db: Database) -> None:
    """Bring SQLite up to date; refuse to touch a PostgreSQL schema that is behind."""
    current, head = current_revision(db), head_revision()
    if current == head:
        return
    if db.is_sqlite:
        upgrade(db)
        return
    raise StorageError.of(
        NOT_MIGRATED,
        fix=NOT_MIGRATED_FIX,
        url=redact_url(str(db.engine.url.render_as_string(hide_password=True))),
        current=current or "∅",
        head=head,
    )
