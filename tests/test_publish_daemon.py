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


def test_arna_run_publishes_the_sample_week_on_its_slots(
    emulator: TelegramEmulator, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The `arna init` week, with tg-main connected to the emulator (the other channels write to
    the outbox): queued by the SMM officer, approved by the editor, and published by the daemon at
    each post's time. The week's slots are days apart, so each post's time is moved to the next
    seconds, in the same order; the daemon must send each at its time, in that order."""
    from arna.cli import main
    from arna.workspace import Workspace

    token = "424242:SAMPLE-WEEK"
    emulator.add_bot(token, "arna_sample_bot")
    emulator.add_channel(-1003000000001, username="rukhani_turkistan", admins=[token])
    config = workspace / "config.toml"
    text = config.read_text("utf-8").replace(  # tg-main connected: to the emulator
        'enabled = true\ndeliver = "outbox"',
        f'enabled = true\napi_base_url = "{emulator.url}"',
    )
    config.write_text(text, "utf-8")
    monkeypatch.chdir(workspace)
    monkeypatch.setenv("ARNA_USER", "aigerim")
    assert main(["queue", "add", "drafts"]) == 0
    monkeypatch.setenv("ARNA_USER", "bolat")
    assert main(["approve", *map(str, range(1, 9))]) == 0
    ws = Workspace.open(config)
    start = utcnow() + timedelta(seconds=5)
    with ws.db.write() as s:
        from sqlmodel import col, select

        from posts import lifecycle
        from posts.models import Post

        posts = s.exec(select(Post).order_by(col(Post.scheduled_at), col(Post.id))).all()
        order = [p.id for p in posts]
        for rank, post in enumerate(posts):
            lifecycle.reschedule(s, post, start + timedelta(seconds=1.2 * rank), "bolat")
    ws.close()
    fleet_env = {"ARNA_TG_MAIN_TOKEN": token}
    proc = start_daemon(config, _NoFleet(fleet_env), tick=30)
    try:
        state = wait_until_settled(config, timeout=40)
    finally:
        assert stop(proc) == 0
    assert state == {"sent": 7, "failed": 1, "check_pending": 0}  # #7 breaks K202 on purpose
    rows = {p.id: p for p, _ in posts_and_publications(config)}
    telegram = emulator.messages(-1003000000001)
    assert [m.text or m.caption or (m.poll or {}).get("question") for m in telegram] == [
        t for t in _telegram_texts(rows, order)
    ]
    sent_posts = [
        rows[i] for i in order if rows[i].network == "telegram" and rows[i].status == "sent"
    ]
    # each post's first message (the sample's poll goes out as its text, then the poll)
    firsts = [m for m in telegram if m.poll is None]
    for post, message in zip(sent_posts, firsts, strict=True):
        assert post.scheduled_at is not None
        assert -0.01 <= message.time - post.scheduled_at.timestamp() < 2.0, post.id
    outbox = sorted(p.name for p in (workspace / "outbox").rglob("post-*.json"))
    assert outbox == sorted(f"post-{i}.json" for i, p in rows.items() if p.network != "telegram")


class _NoFleet:
    """The environment of `start_daemon` for a workspace that is not a generated fleet."""

    def __init__(self, env: dict[str, str]) -> None:
        self._env = env

    def env(self) -> dict[str, str]:
        return dict(self._env)


def _telegram_texts(rows, order):  # type: ignore[no-untyped-def]
    out = []
    for post_id in order:
        post = rows[post_id]
        if post.network != "telegram" or post.status != "sent":
            continue
        out.append(post.text.strip())
        if post.kind == "poll":
            out.append(post.options["poll"]["question"])
    return out
