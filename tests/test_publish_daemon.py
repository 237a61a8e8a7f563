"""`arna run` as a real process against the Bot API emulator: it publishes on time, stops
gracefully on SIGTERM, and survives SIGKILL at random moments without sending anything twice."""

from __future__ import annotations

import random
import signal
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from posts.types import utcnow
from tests.emulators.telegram_api import TelegramEmulator
from tests.publish_scenarios import (
    counts,
    delivered_by_channel,
    make_fleet,
    posts_and_publications,
    queue_posts,
    start_daemon,
    stop,
    wait_until_settled,
    write_workspace,
)

CRASH_POSTS = 300
CRASH_CHANNELS = 10
KILLS = 20


@pytest.fixture
def emulator() -> Iterator[TelegramEmulator]:
    emu = TelegramEmulator(per_chat_limit=(600, 60.0), global_limit=(30, 1.0))
    with emu:
        yield emu


def test_the_daemon_sends_on_time_and_stops_gracefully(
    emulator: TelegramEmulator, tmp_path: Path
) -> None:
    fleet = make_fleet(emulator, channels=2, bots=1)
    config = write_workspace(tmp_path / "ws", emulator, fleet, per_minute=20)
    start = utcnow() + timedelta(seconds=4)
    ids = queue_posts(config, 4, start=start, spacing=timedelta(seconds=1.5))
    proc = start_daemon(config, fleet, tick=30)  # the wake-up timer, not the tick, sends them
    try:
        state = wait_until_settled(config, timeout=30)
    finally:
        code = stop(proc, signal.SIGTERM)
    assert code == 0, proc.stderr.read().decode() if proc.stderr else ""
    assert state.get("sent") == 4 and state.get("sending", 0) == 0
    rows = {p.id: p for p, _ in posts_and_publications(config)}
    for post_id in ids:
        post = rows[post_id]
        sent_at = next(
            m.time
            for chat in fleet.chats.values()
            for m in emulator.messages(chat)
            if m.text == post.text
        )
        assert post.scheduled_at is not None
        lateness = sent_at - post.scheduled_at.timestamp()
        assert -0.01 <= lateness < 2.0, (post_id, lateness)  # never early, on its minute


def test_sigkill_at_random_moments_never_sends_twice(
    emulator: TelegramEmulator, tmp_path: Path
) -> None:
    fleet = make_fleet(emulator, channels=CRASH_CHANNELS, bots=2)
    config = write_workspace(tmp_path / "ws", emulator, fleet, per_minute=600)
    ids = queue_posts(config, CRASH_POSTS)
    emulator.random_faults(
        20261122,
        p_5xx_before=0.01,
        p_5xx_after=0.02,
        p_drop_before=0.02,
        p_drop_after=0.03,
        p_retry_after=0.02,
        retry_after=1,
    )
    rng = random.Random(7)
    for _ in range(KILLS):
        proc = start_daemon(config, fleet, tick=0.5)
        time.sleep(rng.uniform(1.5, 4.0))  # the start-up (imports, the lint engine) takes ~1 s
        stop(proc, signal.SIGKILL)
    mid = counts(config)
    assert mid.get("sent", 0) > 0  # work got done between the kills
    proc = start_daemon(config, fleet, tick=0.5)
    try:
        final = wait_until_settled(config, timeout=120)
    finally:
        assert stop(proc, signal.SIGTERM) == 0
    delivered = delivered_by_channel(emulator, fleet)
    assert emulator.duplicates() == []
    rows = posts_and_publications(config)
    assert sorted(p.id for p, _ in rows) == sorted(ids)
    statuses: dict[str, int] = {}
    for post, external_id in rows:
        statuses[post.status] = statuses.get(post.status, 0) + 1
        assert post.status in ("sent", "failed", "needs_check"), post
        if post.status == "sent":
            assert external_id is not None
            assert delivered[post.channel][int(external_id)] == post.text
        elif post.status == "failed":
            assert post.last_error
    # every delivered message belongs to a post recorded as sent, or to one a person must check
    delivered_texts = [t for chat in delivered.values() for t in chat.values()]
    sent = {p.text for p, _ in rows if p.status == "sent"}
    unsure = {p.text for p, _ in rows if p.status == "needs_check"}
    assert set(delivered_texts) <= sent | unsure
    assert len(delivered_texts) >= len(sent)
    print(f"\ncrash test: {KILLS} kills, final {final}, statuses {statuses}")
