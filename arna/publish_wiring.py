"""Builds a publisher for a workspace: its channels' adapters, the send-time lint, the pacing,
the editors' notices, and the lock that keeps one publisher per workspace."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta

from sqlmodel import Session

from arna.lint_wiring import build_engine
from arna.workspace import Workspace
from channels.registry import build_adapters
from linters.engine import Engine
from linters.findings import Severity
from linters.subject import subject_from_post
from posts.errors import InputError
from posts.i18n import Text
from posts.media_store import MediaStore
from posts.models import Post
from scheduler.lock import LockBusy, WorkspaceLock
from scheduler.pacing import Pacer
from scheduler.pipeline import Gate, Publisher

LOCK_PATH = ".arna/publish.lock"

BUSY = Text(
    kk="Басқа жариялаушы жұмыс істеп тұр ({holder}): бір жұмыс қалтасында біреуі ғана болады.",
    ru="Уже работает другой публикатор ({holder}): в одной рабочей папке он может быть только один.",
    en="Another publisher is running ({holder}): a workspace has only one at a time.",
)
BUSY_FIX = Text(
    kk="`arna status` арқылы тексеріңіз; оны тоқтатыңыз немесе аяқталуын күтіңіз.",
    ru="Проверьте через `arna status`; остановите его или дождитесь окончания.",
    en="See `arna status`; stop it, or wait until it is done.",
)
UNKNOWN_CHANNEL = Text(
    kk="{channel} арнасы config.toml-да жоқ немесе өшірулі. Бар арналар: {known}.",
    ru="Канала {channel} нет в config.toml или он выключен. Есть: {known}.",
    en="There is no enabled channel {channel} in config.toml. Enabled: {known}.",
)
UNKNOWN_CHANNEL_FIX = Text(
    kk="Арна id-ін config.toml-дан көшіріңіз.",
    ru="Скопируйте id канала из config.toml.",
    en="Copy the channel id from config.toml.",
)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def lint_gate(engine: Engine, store: MediaStore) -> Gate:
    """The send-time lint: the codes of the post's unwaived errors."""

    def gate(session: Session, post: Post) -> list[str]:
        result = engine.lint(subject_from_post(session, post, store))
        return sorted(
            {f.code for f in result.findings if f.severity is Severity.ERROR and not f.waived}
        )

    return gate


@contextmanager
def open_publisher(
    ws: Workspace, *, channels: Sequence[str] | None = None, rehearsal: bool = False
) -> Iterator[Publisher]:
    """A publisher holding the workspace's publish lock; everything is released on exit."""
    lock = WorkspaceLock(ws.config.resolve(LOCK_PATH))
    try:
        lock.acquire()
    except LockBusy as e:
        raise InputError.of(BUSY, fix=BUSY_FIX, holder=e.holder) from None
    adapters = {}
    engine = None
    try:
        adapters = build_adapters(ws.config)
        if channels:
            for name in channels:
                if name not in adapters:
                    raise InputError.of(
                        UNKNOWN_CHANNEL,
                        fix=UNKNOWN_CHANNEL_FIX,
                        channel=name,
                        known=", ".join(adapters),
                    )
            adapters = {k: v for k, v in adapters.items() if k in channels}
        engine = build_engine(ws.config, db=ws.db)
        lateness = ws.config.schedule.max_lateness
        yield Publisher(
            ws.db,
            ws.store,
            adapters,
            worker=worker_id(),
            # a rehearsal into the outbox runs a whole week at once: nothing is late there
            max_lateness=timedelta.max if rehearsal else lateness,
            gate=lint_gate(engine, ws.store),
            pacer=Pacer(),
        )
    finally:
        for adapter in adapters.values():
            adapter.close()
        if engine is not None and engine.cache is not None:
            engine.cache.close()
        lock.release()
