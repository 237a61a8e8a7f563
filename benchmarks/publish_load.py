"""Publishing under load: `arna run` as a real process against the Bot API emulator.

Run: `.venv/bin/python benchmarks/publish_load.py [--posts 1000] [--channels 50] [--rest 100000]`.
Prints a Markdown section for BENCHMARKS.md.

1. **A burst.** `--posts` posts, all due at the same instant, round-robin over `--channels`
   channels of one bot, with Telegram's limits enforced by the emulator (20 messages a minute
   per channel, 30 a second per bot, rolling windows). The lower bound the limits allow is
   max(posts / 30 s, per-channel share / 20 per minute); the total is measured from the due
   instant to the last delivery, with the lateness of each post (delivery - due) at p50 and p99,
   and the number of 429 answers (target: none, and within 5% of the bound).
2. **At rest.** `--rest` posts scheduled over the next weeks (none due), and the daemon's
   resident memory after its first ticks (target: at most 200 MB).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from arna.workspace import Workspace
from posts.content import content_hash
from posts.models import Approval, Post, Story
from tests.emulators.telegram_api import TelegramEmulator
from tests.publish_scenarios import (
    counts,
    make_fleet,
    queue_posts,
    start_daemon,
    stop,
    wait_until_settled,
    write_workspace,
)


def burst(posts: int, channels: int, folder: Path) -> list[str]:
    with TelegramEmulator(per_chat_limit=(20, 60.0), global_limit=(30, 1.0)) as emulator:
        fleet = make_fleet(emulator, channels=channels, bots=1)
        config = write_workspace(folder, emulator, fleet, per_minute=20)
        # due after the daemon's start-up and its warm-up (a running daemon builds the linter a
        # minute before a post is due)
        due = datetime.now(UTC) + timedelta(seconds=15)
        queue_posts(config, posts, start=due)
        proc = start_daemon(config, fleet, tick=1.0)
        try:
            state = wait_until_settled(config, timeout=posts / 30 * 3 + 60)
        finally:
            stop(proc)
        delivered = [m for m in emulator.messages() if m.forwarded_from is None]
        refused = [r for r in emulator.requests() if r.status == 429]
    share = -(-posts // channels)
    bound = max((posts - 30) / 30, (share - 20) / 20 * 60 if share > 20 else 0.0)
    lateness = sorted(m.time - due.timestamp() for m in delivered)
    total = lateness[-1] if lateness else float("nan")
    p99 = lateness[min(len(lateness) - 1, int(len(lateness) * 0.99))]
    return [
        f"| {posts} posts due at once, {channels} channels, one bot | "
        f"{len(delivered)} delivered, {state.get('sent', 0)} recorded sent | "
        f"{total:.1f} s | {bound:.1f} s | "
        f"{f'{100 * (total / bound - 1):+.1f}%' if bound > 0 else '—'} | "
        f"{statistics.median(lateness):.1f} s / {p99:.1f} s | {len(refused)} |",
    ]


def at_rest(count: int, folder: Path) -> list[str]:
    with TelegramEmulator() as emulator:
        fleet = make_fleet(emulator, channels=10, bots=2)
        config = write_workspace(folder, emulator, fleet, per_minute=20)
        _bulk_schedule(config, count)
        proc = start_daemon(config, fleet, tick=2.0)
        try:
            time.sleep(12)  # start-up, reconcile and a few ticks
            rss = _rss_mib(proc.pid)
            state = counts(config)
        finally:
            stop(proc)
    return [
        f"| the daemon at rest, {count:,} posts scheduled over the next weeks | "
        f"{state.get('scheduled', 0):,} scheduled | resident memory **{rss:.0f} MiB** "
        "(target ≤ 200 MB) | | | | |"
    ]


def _bulk_schedule(config: Path, count: int) -> None:
    """`count` approved, scheduled posts, written in bulk (the lifecycle's per-post audit is
    not what is measured here)."""
    ws = Workspace.open(config)
    now = datetime.now(UTC)
    channels = [c.id for c in ws.config.channels]
    try:
        with ws.db.write() as s:
            story = Story(office="crash", key="rest", created_by="aigerim")
            s.add(story)
            s.flush()
            rows, approvals = [], []
            for i in range(count):
                text = f"Жаңалық {i}. #руханижаңғыру"
                channel = channels[i % len(channels)]
                digest = content_hash(text=text, network="telegram", channel=channel, kind="text")
                rows.append(
                    {
                        "story_id": story.id, "office": "crash", "network": "telegram",
                        "channel": channel, "kind": "text", "text": text, "options": {},
                        "status": "scheduled", "version": 1, "content_hash": digest,
                        "author": "aigerim", "attempt": 0,
                        "scheduled_at": now + timedelta(days=1, minutes=i),
                        "created_at": now, "updated_at": now,
                    }
                )  # fmt: skip
            s.execute(insert(Post), rows)
            ids = s.exec(
                Post.__table__.select().with_only_columns(Post.id, Post.content_hash)
            ).all()  # type: ignore[attr-defined]
            for post_id, digest in ids:
                approvals.append(
                    {
                        "post_id": post_id,
                        "approver": "bolat",
                        "content_hash": digest,
                        "created_at": now,
                    }
                )
            s.execute(insert(Approval), approvals)
    finally:
        ws.close()


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--channels", type=int, default=50)
    parser.add_argument("--rest", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    lines = [
        f"### Publishing (`benchmarks/publish_load.py`), {date.today()}",
        "",
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite. "
        "`arna run` as a real process; the Bot API emulator enforces Telegram's limits "
        "(20 a minute per channel, 30 a second per bot).",
        "",
        "| what | outcome | total | lower bound | over the bound | lateness p50 / p99 | 429s |",
        "|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as folder:
        lines += burst(args.posts, args.channels, Path(folder) / "burst")
        lines += at_rest(args.rest, Path(folder) / "rest")
    print("\n".join([*lines, ""]))


if __name__ == "__main__":
    main()
