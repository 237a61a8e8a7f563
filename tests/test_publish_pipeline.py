"""The publish pipeline on SQLite and PostgreSQL: claim, send, classify, reconcile, check, against
the outbox and against the Telegram Bot API emulator with its faults."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from arna.lint_wiring import build_engine
from arna.publish_wiring import LazyEngine, lint_gate
from channels.base import ChannelAdapter
from channels.limits import LIMITS
from channels.outbox import OutboxChannel
from channels.telegram import TelegramChannel
from posts import lifecycle
from posts.db import Database
from posts.media_store import MediaStore
from posts.models import Attempt, AuditEvent, Post, Publication, Story
from scheduler.pacing import Pacer
from scheduler.pipeline import Publisher
from tests.emulators.telegram_api import TelegramEmulator

TOKEN = "123456:PIPELINE-TEST"
CHANNEL = -1005550001111
AUDIT = 555000222
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # Monday 10:00 in Asia/Almaty


@pytest.fixture(autouse=True)
def _timedeltas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def emulator() -> Iterator[TelegramEmulator]:
    emu = TelegramEmulator()
    emu.add_bot(TOKEN, "arna_pipeline_bot")
    emu.add_channel(CHANNEL, username="arna_pipe", title="Arna", admins=[TOKEN])
    emu.add_private_chat(AUDIT, first_name="Audit", bots=[TOKEN])
    with emu:
        yield emu


def telegram(emu: TelegramEmulator, timeout: float = 5.0) -> TelegramChannel:
    return TelegramChannel(
        "tg",
        str(CHANNEL),
        LIMITS["telegram"],
        token=TOKEN,
        api_base_url=emu.url,
        audit_chat=str(AUDIT),
        timeout=timeout,
    )


def queue(
    db: Database, text: str, at: datetime, *, channel: str = "tg", approve: bool = True
) -> int:
    """A post written by aigerim, approved by bolat, and scheduled at `at`."""
    with db.write() as s:
        story = s.exec(select(Story).where(Story.key == "s")).first()
        if story is None:
            story = Story(office="o", key="s", created_by="aigerim")
            s.add(story)
            s.flush()
        post = lifecycle.create_post(
            s, story=story, network="telegram", channel=channel, kind="text", text=text,
            author="aigerim", scheduled_at=at, now=at - timedelta(days=2),
        )  # fmt: skip
        lifecycle.apply(s, post, lifecycle.Action.SUBMIT, "aigerim")
        if approve:
            lifecycle.approve(s, post, "bolat")
            lifecycle.apply(s, post, lifecycle.Action.SCHEDULE, "bolat")
        assert post.id is not None
        return post.id


class Clock:
    """The publisher's clock, moved by the test: `run(pub, at)` runs as if it were `at`."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def run(pub: Publisher, at: datetime):  # type: ignore[no-untyped-def]
    pub.clock.now = at  # type: ignore[attr-defined]
    return pub.run_due(at)


def publisher(
    db: Database, tmp_path: Path, adapters: dict[str, ChannelAdapter], **kw: object
) -> Publisher:
    kw.setdefault("confirm_delay", timedelta(0))
    kw.setdefault("clock", Clock())
    return Publisher(
        db,
        MediaStore(tmp_path / "media", 10**9),
        adapters,
        worker="test:1",
        **kw,  # type: ignore[arg-type]
    )


def status(db: Database, post_id: int) -> str:
    with db.read() as s:
        post = s.get(Post, post_id)
        assert post is not None
        return post.status


def test_due_posts_go_out_in_order_and_the_rest_wait(db: Database, tmp_path: Path) -> None:
    outbox = OutboxChannel("tg", tmp_path / "outbox", LIMITS["outbox"])
    first = queue(db, "Бірінші", NOW - timedelta(minutes=5))
    second = queue(db, "Екінші", NOW)
    later = queue(db, "Кейін", NOW + timedelta(hours=1))
    unapproved = queue(db, "Бекітілмеген", NOW - timedelta(minutes=1), approve=False)
    tally = run(publisher(db, tmp_path, {"tg": outbox}), NOW)
    assert tally.sent == [first, second]
    assert [status(db, i) for i in (first, second, later, unapproved)] == [
        "sent", "sent", "scheduled", "in_review",
    ]  # fmt: skip
    with db.read() as s:
        pubs = s.exec(select(Publication).order_by(col(Publication.id))).all()
        attempts = s.exec(select(Attempt)).all()
    assert [p.post_id for p in pubs] == [first, second]
    assert [(a.post_id, a.outcome, a.number) for a in attempts] == [
        (first, "sent", 1),
        (second, "sent", 1),
    ]
    written = json.loads((tmp_path / "outbox" / pubs[0].external_id).read_text("utf-8"))
    assert written["steps"][0]["params"]["text"] == "Бірінші"


def test_an_edit_after_approval_stops_the_send(db: Database, tmp_path: Path) -> None:
    post_id = queue(db, "Бекітілген мәтін", NOW)
    with db.write() as s:
        lifecycle.edit(s, lifecycle.get_post(s, post_id), "aigerim", text="Өзгертілген мәтін")
    tally = run(
        publisher(db, tmp_path, {"tg": OutboxChannel("tg", tmp_path / "o", LIMITS["outbox"])}), NOW
    )
    assert tally.sent == [] and status(db, post_id) == "in_review"


def test_the_send_time_lint_blocks_an_unwaived_error(db: Database, tmp_path: Path) -> None:
    bad = queue(
        db, "Жаңа лaтын әліпбиі туралы #руханижаңғыру", NOW
    )  # a Latin "a" in a Cyrillic word
    good = queue(db, "Жаңа латын әліпбиі туралы #руханижаңғыру", NOW)
    gate = lint_gate(LazyEngine(lambda: build_engine(None)), MediaStore(tmp_path / "media", 10**9))
    outbox = OutboxChannel("tg", tmp_path / "o", LIMITS["outbox"])
    tally = run(publisher(db, tmp_path, {"tg": outbox}, gate=gate), NOW)
    assert tally.sent == [good]
    assert status(db, bad) == "failed"
    with db.read() as s:
        post = s.get(Post, bad)
        assert post is not None and "K202" in (post.last_error or "")


def test_a_missed_post_is_not_sent_late(db: Database, tmp_path: Path) -> None:
    old = queue(db, "Кеше", NOW - timedelta(hours=7))
    recent = queue(db, "Жаңа ғана", NOW - timedelta(hours=5))
    outbox = OutboxChannel("tg", tmp_path / "o", LIMITS["outbox"])
    tally = run(publisher(db, tmp_path, {"tg": outbox}, max_lateness=timedelta(hours=6)), NOW)
    assert tally.sent == [recent]
    assert status(db, old) == "needs_check"


def test_429_waits_for_retry_after_then_goes_once(
    db: Database, tmp_path: Path, emulator: TelegramEmulator
) -> None:
    post_id = queue(db, "Сәлем", NOW)
    emulator.retry_after(40, method="sendMessage")
    pub = publisher(db, tmp_path, {"tg": telegram(emulator)})
    assert run(pub, NOW).retry == [post_id]
    with db.read() as s:
        post = s.get(Post, post_id)
        assert post is not None and post.status == "scheduled"
        assert post.not_before is not None and post.not_before >= NOW + timedelta(seconds=40)
    assert run(pub, NOW + timedelta(seconds=20)).sent == []  # not before retry_after
    assert run(pub, post.not_before).sent == [post_id]
    assert emulator.delivered_texts(CHANNEL) == ["Сәлем"]


def test_permanent_error_fails_with_the_platforms_words(
    db: Database, tmp_path: Path, emulator: TelegramEmulator
) -> None:
    post_id = queue(db, "Сәлем", NOW)
    emulator.set_member(CHANNEL, TOKEN, "member")
    told: list[tuple[int, str, str]] = []
    pub = publisher(db, tmp_path, {"tg": telegram(emulator)}, notify=lambda *a: told.append(a))
    assert run(pub, NOW).failed == [post_id]
    with db.read() as s:
        post = s.get(Post, post_id)
        assert post is not None and "administrator rights" in (post.last_error or "")
    assert told and told[0][:2] == (post_id, "failed")


def test_unknown_outcome_is_checked_on_telegram_before_asking_a_person(
    db: Database, tmp_path: Path, emulator: TelegramEmulator
) -> None:
    first = queue(db, "Бірінші", NOW - timedelta(minutes=2))
    went_out = queue(db, "Екінші", NOW - timedelta(minutes=1))
    never_left = queue(db, "Үшінші", NOW)
    pub = publisher(db, tmp_path, {"tg": telegram(emulator)})
    assert run(pub, NOW - timedelta(minutes=2)).sent == [first]
    emulator.drop_after(method="sendMessage")  # delivered, but the answer is lost
    tally = run(pub, NOW)
    assert tally.needs_check == [went_out]
    assert status(db, never_left) == "scheduled"  # the channel waits for the check
    emulator.drop_before(method="sendMessage")  # the next send never arrives
    tally = run(pub, NOW + timedelta(seconds=1))
    assert tally.confirmed == [went_out]
    assert tally.needs_check == [never_left]
    tally = run(pub, NOW + timedelta(seconds=2))  # the check proves it absent: sent again
    assert tally.sent == [never_left]
    assert emulator.delivered_texts(CHANNEL) == ["Бірінші", "Екінші", "Үшінші"]
    assert emulator.duplicates(CHANNEL) == []
    with db.read() as s:
        confirmed = s.exec(select(Publication).where(Publication.post_id == went_out)).one()
        trail = s.exec(select(AuditEvent).where(AuditEvent.post_id == never_left)).all()
    assert confirmed.confirmed_by == "auto:test:1"
    assert [e.action for e in trail][-4:] == ["mark_ambiguous", "send_again", "claim", "mark_sent"]


def test_reconcile_turns_a_dead_workers_claim_into_a_check(db: Database, tmp_path: Path) -> None:
    post_id = queue(db, "Сәлем", NOW)
    outbox = OutboxChannel("tg", tmp_path / "o", LIMITS["outbox"])
    with db.write() as s:  # a worker claimed it, wrote the file, and died before recording it
        assert lifecycle.claim(s, lifecycle.get_post(s, post_id), "gone:99", now=NOW)
    pub = publisher(db, tmp_path, {"tg": outbox})
    outbox.publish(outbox.render(pub._outgoing(_post(db, post_id))))
    assert pub.reconcile(NOW) == [post_id]
    assert status(db, post_id) == "needs_check"
    tally = run(pub, NOW)
    assert tally.confirmed == [post_id] and status(db, post_id) == "sent"


def _post(db: Database, post_id: int) -> Post:
    with db.read() as s:
        post = lifecycle.get_post(s, post_id)
        s.expunge(post)
        return post


def test_two_publishers_never_send_one_post_twice(
    db: Database, tmp_path: Path, emulator: TelegramEmulator
) -> None:
    ids = [queue(db, f"Хабар {i}", NOW - timedelta(seconds=i)) for i in range(12)]
    results = []

    def work() -> None:
        pub = publisher(db, tmp_path, {"tg": telegram(emulator)}, pacer=Pacer())
        results.append(run(pub, NOW))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sent = sorted(i for r in results for i in r.sent)
    assert sent == sorted(ids)
    assert emulator.duplicates(CHANNEL) == []
    assert len(emulator.messages(CHANNEL)) == 12


def test_the_editors_chat_hears_of_a_failure(
    db: Database, tmp_path: Path, emulator: TelegramEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    from posts.config import parse_config
    from posts.config_template import render_default_config
    from scheduler.notify import make_notifier

    editors = -1005550009999
    emulator.add_group(editors, title="Редакторлар", members=[TOKEN])
    text = render_default_config().replace("# editors_chat_env", "editors_chat_env", 1)
    config = parse_config(text, str(tmp_path / "config.toml"), tmp_path)
    monkeypatch.setenv("ARNA_EDITORS_CHAT", str(editors))
    bot = telegram(emulator)
    notify = make_notifier(config, bot.send_notice, lambda post_id: "tg")
    post_id = queue(db, "Сәлем", NOW)
    emulator.set_member(CHANNEL, TOKEN, "member")  # the bot lost its rights in the channel
    assert run(publisher(db, tmp_path, {"tg": bot}, notify=notify), NOW).failed == [post_id]
    [notice] = emulator.messages(editors)
    assert notice.text is not None
    assert f"#{post_id} (tg)" in notice.text and "administrator rights" in notice.text
    assert "жарияланбады" in notice.text  # the office's interface language (kk)
    assert TOKEN not in notice.text
