"""Database engines and sessions, for the embedded SQLite default and for PostgreSQL.

SQLite runs in WAL mode with synchronous=FULL, foreign keys on and a busy timeout. Write sessions
open with `BEGIN IMMEDIATE`, so a writer takes the lock up front instead of failing half-way
through; read sessions use a deferred BEGIN so that readers never wait for each other.
PostgreSQL is used when `ARNA_DATABASE_URL` is set.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from posts.errors import StorageError
from posts.i18n import Text

DATABASE_URL_ENV = "ARNA_DATABASE_URL"
DEFAULT_BUSY_TIMEOUT_S = 10.0

DB_BUSY = Text(
    kk="Дерекқор бос емес: оны басқа arna процесі жазып жатыр ({waited:.1f} с күттік).",
    ru="База данных занята: в неё пишет другой процесс arna (ждали {waited:.1f} с).",
    en="The database is busy: another arna process is writing to it (waited {waited:.1f} s).",
)
DB_BUSY_FIX = Text(
    kk="Сол процесс аяқталғанша күтіп, команданы қайталаңыз (мысалы, `arna run` демонын тоқтатыңыз).",
    ru="Дождитесь окончания того процесса и повторите команду (например, остановите демон `arna run`).",
    en="Wait for that process to finish and run the command again (for example, stop `arna run`).",
)
DB_UNREACHABLE = Text(
    kk="Дерекқорға қосылу мүмкін болмады ({url}): {reason}",
    ru="Не удалось подключиться к базе данных ({url}): {reason}",
    en="Could not connect to the database ({url}): {reason}",
)
DB_UNREACHABLE_FIX = Text(
    kk="{env} мәнін тексеріңіз немесе оны алып тастап, кірістірілген SQLite-ті қолданыңыз.",
    ru="Проверьте {env} или удалите эту переменную, чтобы работать со встроенной SQLite.",
    en="Check {env}, or unset it to use the embedded SQLite database.",
)


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs that name no driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def redact_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else f"{scheme}://{user}@{host}"


def database_url(sqlite_path: Path) -> str:
    """ARNA_DATABASE_URL when set, else the workspace's SQLite file."""
    env = os.environ.get(DATABASE_URL_ENV, "").strip()
    return normalise_url(env) if env else f"sqlite:///{sqlite_path}"


@dataclass
class Database:
    """One engine plus the session helpers the rest of Arna uses."""

    engine: Engine
    busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it never takes the write lock."""
        with self._translate_errors(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any exception."""
        with self._translate_errors(), self.engine.connect() as conn:
            conn.execution_options(arna_write=True)
            with Session(bind=conn, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        except OperationalError as exc:
            message = str(exc.orig) if exc.orig is not None else str(exc)
            if _is_lock_error(message):
                raise StorageError.of(
                    DB_BUSY, fix=DB_BUSY_FIX, waited=time.monotonic() - started
                ) from exc
            raise

    def dispose(self) -> None:
        self.engine.dispose()


def _is_lock_error(message: str) -> bool:
    lowered = message.lower()
    return "database is locked" in lowered or "lock timeout" in lowered or "lock_timeout" in lowered


def open_database(url: str, *, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> Database:
    """Create the engine for `url` with Arna's connection settings."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = _sqlite_engine(url, busy_timeout_s)
    else:
        engine = create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"options": f"-c lock_timeout={int(busy_timeout_s * 1000)}"},
        )
    return Database(engine, busy_timeout_s)


def _sqlite_engine(url: str, busy_timeout_s: float) -> Engine:
    # NullPool: each session gets its own connection, so WAL readers and writers do not share one.
    engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": busy_timeout_s})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # let the "begin" hook below emit BEGIN itself
        cursor = dbapi_conn.cursor()
        if ":memory:" not in url:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        immediate = conn.get_execution_options().get("arna_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
