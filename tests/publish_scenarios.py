"""Workspaces of many Telegram channels against the Bot API emulator, and `arna run` as a real
process: shared by the crash test and the publishing benchmarks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func
from sqlmodel import col, select

from arna.workspace import Workspace
from posts import lifecycle
from posts.config_template import toml_string
from posts.models import Post, Story
from posts.types import utcnow
from tests.emulators.telegram_api import TelegramEmulator

AUDIT_CHAT = 900100200
REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Fleet:
    """Channels, each with its chat id on the emulator, spread over `bots` bots."""

    tokens: tuple[str, ...]
    chats: dict[str, int]  # channel id -> emulator chat id
    token_of: dict[str, str]  # channel id -> token

    def env(self) -> dict[str, str]:
        env = {f"ARNA_TG_{i}_TOKEN": token for i, token in enumerate(self.tokens)}
        env["ARNA_AUDIT_CHAT"] = str(AUDIT_CHAT)
        return env


def make_fleet(emulator: TelegramEmulator, channels: int, bots: int = 2) -> Fleet:
    tokens = tuple(f"{700000 + i}:CRASH-TEST-BOT-{i}" for i in range(bots))
    for i, token in enumerate(tokens):
        emulator.add_bot(token, f"arna_crash_{i}_bot")
    chats, token_of = {}, {}
    for n in range(channels):
        channel = f"tg-{n:02d}"
        token = tokens[n % bots]
        chats[channel] = emulator.add_channel(
            -1002000000000 - n, username=f"arna_crash_{n:02d}", title=channel, admins=[token]
        )
        token_of[channel] = token
    emulator.add_private_chat(AUDIT_CHAT, first_name="Audit", bots=list(tokens))
    return Fleet(tokens, chats, token_of)


def write_workspace(
    root: Path,
    emulator: TelegramEmulator,
    fleet: Fleet,
    *,
    per_minute: int,
    confirm_after: int = 1,
    database: str | None = None,
) -> Path:
    """A workspace whose channels all publish to the emulator; returns config.toml."""
    root.mkdir(parents=True, exist_ok=True)
    lines = [
        "[office]",
        'id = "crash"',
        'name = "Crash test office"',
        'region = "Test"',
        'languages = ["kk", "ru"]',
        'timezone = "Asia/Almaty"',
        "",
        "[storage]",
        f"database = {toml_string(database or 'arna.db')}",
        "",
        "[schedule]",
        "max_lateness_hours = 48",
        f"confirm_after_seconds = {confirm_after}",
        'audit_chat_env = "ARNA_AUDIT_CHAT"',
        "",
        "[team]",
        'editors = ["bolat"]',
        "",
    ]
    for channel, chat in fleet.chats.items():
        index = fleet.tokens.index(fleet.token_of[channel])
        lines += [
            "[[channels]]",
            f'id = "{channel}"',
            'network = "telegram"',
            f'target = "{chat}"',
            f'credentials_env = "ARNA_TG_{index}_TOKEN"',
            f'api_base_url = "{emulator.url}"',
            f"max_per_minute = {per_minute}",
            "",
        ]
    config = root / "config.toml"
    config.write_text("\n".join(lines), encoding="utf-8")
    return config


def queue_posts(
    config: Path, count: int, *, start: datetime | None = None, spacing: timedelta = timedelta(0)
) -> list[int]:
    """`count` approved, lint-clean text posts, round-robin over the channels, due from `start`."""
    ws = Workspace.open(config)
    start = start or utcnow() - timedelta(minutes=1)
    ids = []
    try:
        channels = [c.id for c in ws.config.channels]
        with ws.db.write() as s:
            story = Story(office="crash", key="crash", created_by="aigerim")
            s.add(story)
            s.flush()
            for i in range(count):
                at = start + spacing * i
                post = lifecycle.create_post(
                    s, story=story, network="telegram", channel=channels[i % len(channels)],
                    kind="text", text=f"Кітап фестивалі: {i + 1}-жаңалық. #руханижаңғыру",
                    author="aigerim", scheduled_at=at, now=at - timedelta(days=1),
                )  # fmt: skip
                lifecycle.apply(s, post, lifecycle.Action.SUBMIT, "aigerim")
                lifecycle.approve(s, post, "bolat")
                lifecycle.apply(s, post, lifecycle.Action.SCHEDULE, "bolat")
                assert post.id is not None
                ids.append(post.id)
    finally:
        ws.close()
    return ids


def start_daemon(
    config: Path, fleet: Fleet, *, tick: float = 0.5, extra_env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    env = {**os.environ, **fleet.env(), "PTB_TIMEDELTA": "1", **(extra_env or {})}
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-c", "from arna.cli import main; raise SystemExit(main())"]
    return subprocess.Popen(
        [*command, "run", "--tick", str(tick), "--config", str(config)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def counts(config: Path) -> dict[str, int]:
    ws = Workspace.open(config)
    try:
        with ws.db.read() as s:
            rows = s.exec(select(Post.status, func.count()).group_by(Post.status)).all()
            pending = s.exec(
                select(func.count()).where(
                    Post.status == "needs_check", col(Post.check_after).is_not(None)
                )
            ).one()
        out = {str(status): int(n) for status, n in rows}
        out["check_pending"] = int(pending)
        return out
    finally:
        ws.close()


def wait_until_settled(config: Path, timeout: float) -> dict[str, int]:
    """Poll until nothing is scheduled, sending or waiting for an automatic check."""
    deadline = time.monotonic() + timeout
    while True:
        state = counts(config)
        busy = state.get("scheduled", 0) + state.get("sending", 0) + state["check_pending"]
        if busy == 0 or time.monotonic() > deadline:
            return state
        time.sleep(0.3)


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM, timeout: float = 30) -> int:
    proc.send_signal(sig)
    return proc.wait(timeout=timeout)


def delivered_by_channel(emulator: TelegramEmulator, fleet: Fleet) -> dict[str, dict[int, str]]:
    """channel -> message id -> text, as the emulator recorded them (forwards excluded)."""
    out: dict[str, dict[int, str]] = {}
    for channel, chat in fleet.chats.items():
        out[channel] = {
            m.message_id: m.text or "" for m in emulator.messages(chat) if m.forwarded_from is None
        }
    return out


def posts_and_publications(config: Path) -> Sequence[tuple[Post, str | None]]:
    from posts.models import Publication

    ws = Workspace.open(config)
    try:
        with ws.db.read() as s:
            rows = s.exec(
                select(Post, Publication.external_id).join(
                    Publication, col(Publication.post_id) == col(Post.id), isouter=True
                )
            ).all()
            for post, _ in rows:
                s.expunge(post)
            return rows
    finally:
        ws.close()
