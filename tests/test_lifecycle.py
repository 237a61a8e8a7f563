"""The post lifecycle: legal paths work, illegal ones raise and change nothing.

The property test drives random sequences of actions by random people against a real, migrated
SQLite database and checks after every step that no illegal state was reached.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlmodel import Session, col, select

from posts import lifecycle
from posts.db import Database, open_database
from posts.errors import LifecycleError
from posts.lifecycle import APPROVED_STATES, TRANSITIONS, Action
from posts.migrate import upgrade
from posts.models import Approval, AuditEvent, Post, Story
from posts.vocab import PostStatus as S

AUTHOR = "aigerim"
PEOPLE = [AUTHOR, "bolat", "dana"]
WHEN = datetime(2030, 1, 7, 5, 0, tzinfo=UTC)


def _new_post(s: Session, text: str = "Сәлем, Шымкент!") -> Post:
    story = Story(office="shymkent", key="s", created_by=AUTHOR)
    s.add(story)
    s.flush()
    return lifecycle.create_post(
        s, story=story, network="telegram", channel="tg-main", kind="text", text=text, author=AUTHOR
    )


def _audit(s: Session, post_id: int) -> list[AuditEvent]:
    return list(
        s.exec(select(AuditEvent).where(AuditEvent.post_id == post_id).order_by(col(AuditEvent.id)))
    )


def _to_scheduled(s: Session, post: Post) -> Post:
    lifecycle.apply(s, post, Action.SUBMIT, AUTHOR)
    lifecycle.approve(s, post, "bolat")
    lifecycle.reschedule(s, post, WHEN, "bolat")
    return lifecycle.apply(s, post, Action.SCHEDULE, "bolat")


def test_the_happy_path_reaches_sent_with_a_full_audit_trail(db: Database) -> None:
    with db.write() as s:
        post = _to_scheduled(s, _new_post(s))
        assert lifecycle.claim(s, post, "worker-1")
        lifecycle.apply(s, post, Action.MARK_SENT, "worker-1")
        trail = [(e.action, e.from_status, e.to_status) for e in _audit(s, post.id)]
    assert post.status == S.SENT and post.attempt == 1 and post.claimed_by == "worker-1"
    assert trail == [
        ("create", None, "draft"),
        ("submit", "draft", "in_review"),
        ("approve", "in_review", "approved"),
        ("reschedule", "approved", "approved"),
        ("schedule", "approved", "scheduled"),
        ("claim", "scheduled", "sending"),
        ("mark_sent", "sending", "sent"),
    ]


def test_nobody_approves_their_own_post(db: Database) -> None:
    with db.write() as s:
        post = _new_post(s)
        lifecycle.apply(s, post, Action.SUBMIT, AUTHOR)
        with pytest.raises(LifecycleError) as caught:
            lifecycle.approve(s, post, AUTHOR)
        assert post.status == S.IN_REVIEW
        assert s.exec(select(Approval)).all() == []
    assert "nobody approves their own post" in caught.value.render("en")
    assert "никто не утверждает" in caught.value.render("ru")


def test_an_edit_returns_the_post_to_review_and_revokes_its_approval(db: Database) -> None:
    with db.write() as s:
        post = _to_scheduled(s, _new_post(s))
        old_hash = post.content_hash
        lifecycle.edit(s, post, AUTHOR, text="Жаңа мәтін")
        assert post.status == S.IN_REVIEW and post.content_hash != old_hash
        assert lifecycle.valid_approval(s, post) is None
        approval = s.exec(select(Approval)).one()
        assert approval.revoked_at is not None and approval.content_hash == old_hash
        with pytest.raises(LifecycleError):  # the stale approval cannot be used to schedule
            lifecycle.apply(s, post, Action.SCHEDULE, "bolat")


def test_an_edit_that_changes_nothing_keeps_the_approval(db: Database) -> None:
    with db.write() as s:
        post = _to_scheduled(s, _new_post(s))
        version = post.version
        lifecycle.edit(s, post, AUTHOR, text=post.text)
        assert post.status == S.SCHEDULED and post.version == version


def test_an_illegal_transition_names_the_state_and_the_allowed_ones(db: Database) -> None:
    with db.write() as s:
        post = _new_post(s)
        with pytest.raises(LifecycleError) as caught:
            lifecycle.apply(s, post, Action.MARK_SENT, "worker")
        assert post.status == S.DRAFT and post.version == 1
    message = caught.value.render("en")
    assert "draft" in message and "sending" in message and "mark_sent" in message


def test_a_sent_post_can_be_neither_edited_nor_cancelled(db: Database) -> None:
    with db.write() as s:
        post = _to_scheduled(s, _new_post(s))
        lifecycle.claim(s, post, "w")
        lifecycle.apply(s, post, Action.MARK_SENT, "w")
        with pytest.raises(LifecycleError):
            lifecycle.edit(s, post, AUTHOR, text="after the fact")
        with pytest.raises(LifecycleError):
            lifecycle.apply(s, post, Action.CANCEL, AUTHOR)
        assert post.status == S.SENT


def test_only_one_of_two_concurrent_claims_wins(db: Database) -> None:
    with db.write() as s:
        post = _to_scheduled(s, _new_post(s))
        post_id = post.id
    results: list[bool] = []
    barrier = threading.Barrier(2)

    def worker(name: str) -> None:
        with db.read() as r:
            snapshot = r.get(Post, post_id)
        barrier.wait()
        try:
            with db.write() as w:
                mine = w.get(Post, post_id)
                assert mine is not None and snapshot is not None
                mine.version = snapshot.version  # both act on the version they read
                results.append(lifecycle.claim(w, mine, name))
        except Exception:  # a busy timeout would also mean "not claimed"
            results.append(False)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, True]
    with db.read() as s:
        final = s.get(Post, post_id)
        assert final is not None and final.status == S.SENDING and final.attempt == 1


# --- property-based: random sequences never reach an illegal state ---------------------------------

_TEMPLATE: dict[str, Path] = {}


def _template_db() -> Path:
    """A migrated SQLite file, made once and copied for every example (fast, and still real)."""
    if "path" not in _TEMPLATE:
        path = Path(tempfile.mkdtemp(prefix="arna-tpl-")) / "template.db"
        db = open_database(f"sqlite:///{path}")
        upgrade(db)
        db.dispose()
        _TEMPLATE["path"] = path
    return _TEMPLATE["path"]


class LifecycleMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="arna-sm-"))
        shutil.copy(_template_db(), self.dir / "arna.db")
        self.db = open_database(f"sqlite:///{self.dir / 'arna.db'}")
        with self.db.write() as s:
            self.post_id = _new_post(s).id
        self.moves = 0  # state changes that succeeded, besides creation

    def teardown(self) -> None:
        self.db.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _attempt(self, fn) -> None:  # type: ignore[no-untyped-def]
        with self.db.read() as s:
            before = s.get(Post, self.post_id)
        assert before is not None
        try:
            with self.db.write() as s:
                post = s.get(Post, self.post_id)
                changed = fn(s, post)
        except LifecycleError:
            with self.db.read() as s:
                after = s.get(Post, self.post_id)
            assert after is not None
            assert (after.status, after.version, after.content_hash) == (
                before.status,
                before.version,
                before.content_hash,
            ), "a refused action must change nothing"
            return
        if changed is not False:
            self.moves += 1

    @rule(
        action=st.sampled_from([a for a in Action if a not in (Action.EDIT, Action.APPROVE)]),
        actor=st.sampled_from(PEOPLE),
        reason=st.one_of(st.none(), st.just(""), st.text(min_size=1, max_size=20)),
    )
    def act(self, action: Action, actor: str, reason: str | None) -> None:
        if action is Action.CLAIM:
            self._attempt(lambda s, p: lifecycle.claim(s, p, actor) or False)
        else:
            self._attempt(lambda s, p: lifecycle.apply(s, p, action, actor, reason=reason))

    @rule(actor=st.sampled_from(PEOPLE))
    def approve(self, actor: str) -> None:
        self._attempt(lambda s, p: lifecycle.approve(s, p, actor))

    @rule(actor=st.sampled_from(PEOPLE), text=st.sampled_from(["A", "Ә", "Сәлем!", "Привет"]))
    def edit(self, actor: str, text: str) -> None:
        def do(s: Session, p: Post) -> bool:
            version = p.version
            lifecycle.edit(s, p, actor, text=text)
            return p.version != version

        self._attempt(do)

    @rule(hours=st.integers(min_value=-48, max_value=48))
    def reschedule(self, hours: int) -> None:
        self._attempt(lambda s, p: lifecycle.reschedule(s, p, WHEN + timedelta(hours=hours), "bolat"))

    @invariant()
    def nothing_illegal(self) -> None:
        with self.db.read() as s:
            post = s.get(Post, self.post_id)
            assert post is not None
            status = S(post.status)
            approvals = list(s.exec(select(Approval).where(Approval.post_id == post.id)))
            assert all(a.approver != post.author for a in approvals), "self-approval"
            if status in APPROVED_STATES:
                valid = lifecycle.valid_approval(s, post)
                assert valid is not None, f"{status} without an approval of this content"
            if status in {S.SENDING, S.SENT, S.FAILED, S.NEEDS_CHECK}:
                assert post.attempt >= 1 and post.claimed_by
            if status is S.SCHEDULED:
                assert post.scheduled_at is not None
            trail = _audit(s, post.id)
            assert trail[0].action == "create" and trail[0].to_status == S.DRAFT
            for prev, event in itertools.pairwise(trail):
                assert event.from_status == prev.to_status, "audit chain broken"
                if event.action != "reschedule":
                    assert TRANSITIONS[(S(event.from_status), Action(event.action))] == S(
                        event.to_status
                    )
            assert trail[-1].to_status == post.status
            assert len(trail) == post.version == self.moves + 1


TestLifecycleProperties = LifecycleMachine.TestCase
TestLifecycleProperties.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
