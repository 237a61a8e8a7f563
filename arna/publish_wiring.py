"""Builds a publisher for a workspace: its channels' adapters, the send-time lint, the pacing,
the editors' notices, and the lock that keeps one publisher per workspace."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session

from arna.workspace import Workspace
from channels.registry import build_adapters
from channels.telegram import TelegramChannel
from posts.errors import InputError
from posts.i18n import Text
from posts.media_store import MediaStore
from posts.models import Post
from scheduler.lock import LockBusy, WorkspaceLock
from scheduler.notify import make_notifier
from scheduler.pacing import Pacer
from scheduler.pipeline import Gate, Publisher

if TYPE_CHECKING:
    from linters.engine import Engine

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


def _workspace_engine(ws: Workspace) -> Engine:
    from arna.lint_wiring import build_engine  # the linter's imports weigh about 100 MB

    return build_engine(ws.config, db=ws.db)


class LazyEngine:
    """The lint engine, built on the first post that is due: a daemon at rest holds no
    dictionaries or language models (about 150 MB), and most hours nothing is due."""

    def __init__(self, build: Callable[[], Engine]) -> None:
        self._build = build
        self.engine: Engine | None = None

    def get(self) -> Engine:
        if self.engine is None:
            self.engine = self._build()
        return self.engine

    def warm(self) -> None:
        """Build the engine and lint a short text in each language: the dictionaries and models
        some rules load on first use are then loaded too."""
        if self.engine is not None:
            return
        from linters.subject import Subject

        engine = self.get()
        for text in ("Кітап фестивалі өтеді. #руханижаңғыру", "Фестиваль книги. #руханижаңғыру"):
            engine.lint(Subject(text=text, network="telegram", kind="text"))

    def close(self) -> None:
        if self.engine is not None and self.engine.cache is not None:
            self.engine.cache.close()
        self.engine = None


def lint_gate(engine: LazyEngine, store: MediaStore) -> Gate:
    """The send-time lint: the codes of the post's unwaived errors."""

    def gate(session: Session, post: Post) -> list[str]:
        from linters.findings import Severity
        from linters.subject import subject_from_post

        result = engine.get().lint(subject_from_post(session, post, store))
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
        engine = LazyEngine(lambda: _workspace_engine(ws))
        lateness = ws.config.schedule.max_lateness
        bots = [a for a in adapters.values() if isinstance(a, TelegramChannel) and a.token]

        def channel_of(post_id: int) -> str:
            with ws.db.read() as s:
                post = s.get(Post, post_id)
                return (post.channel or "") if post is not None else ""

        notify = make_notifier(ws.config, bots[0].send_notice if bots else None, channel_of)
        yield Publisher(
            ws.db,
            ws.store,
            adapters,
            worker=worker_id(),
            # a rehearsal into the outbox runs a whole week at once: nothing is late there
            max_lateness=timedelta.max if rehearsal else lateness,
            gate=lint_gate(engine, ws.store),
            pacer=Pacer(),
            notify=notify,
            confirm_delay=timedelta(seconds=ws.config.schedule.confirm_after_seconds),
            warm=engine.warm,
            idle=engine.close,
        )
    finally:
        for adapter in adapters.values():
            adapter.close()
        if engine is not None:
            engine.close()
        lock.release()
