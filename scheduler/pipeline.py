"""The publish pipeline of DESIGN.md: claim, send, classify, reconcile. Never twice, never lost.

1. **Claim** with one conditional update, committed before any network call.
2. **Send** outside any transaction; the adapter has explicit timeouts.
3. **Classify**: delivered -> `sent` with its id and URL; provably not delivered -> back to
   `scheduled` after a delay (`not_before`), or `failed` with the platform's words; unknown ->
   `needs_check`, never retried automatically.
4. **Reconcile** at start-up: a post left in `sending` becomes `needs_check`. Where the network
   lets us look (`ChannelAdapter.confirm`), the post is checked there before a person is asked:
   found -> `sent`; provably absent -> sent again; else a person decides.
5. A post due longer ago than the maximum lateness is not sent late: it becomes `needs_check`.

The posts of one channel go out one at a time, in slot order, so that a channel's message ids
stay in step with our records (what `confirm` relies on). Channels go out in parallel, paced by
`Pacer` within the networks' rate limits. A channel with a post waiting for its check sends
nothing else until the check is done.
"""

from __future__ import annotations

import logging
import random
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from channels.base import (
    ChannelAdapter,
    Confirmation,
    Delivered,
    MediaFile,
    Outcome,
    OutgoingPost,
    Payload,
    PublishError,
    RenderError,
)
from posts import lifecycle
from posts.db import Database
from posts.errors import LifecycleError
from posts.lifecycle import Action
from posts.media_store import MediaStore
from posts.models import Attempt, Heartbeat, Media, Post, PostMedia, Publication
from posts.types import utcnow
from posts.vocab import PostStatus as S
from scheduler import reasons as R
from scheduler.pacing import Pacer

log = logging.getLogger("arna.publish")

#: (session, post) -> the codes of the unwaived lint errors that stop the send
Gate = Callable[[Session, Post], Sequence[str]]
#: Called with (post id, new status, reason) when a person is needed: failed or needs_check
Notify = Callable[[int, str, str], None]

MAX_ATTEMPTS = 8
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=30)
#: How long a network may still be processing a request whose answer we never got, before a
#: check there can prove it absent.
CONFIRM_DELAY = timedelta(seconds=60)


@dataclass
class Tally:
    """What one run did, by outcome."""

    sent: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    needs_check: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)  # due too long ago: needs_check, not sent
    confirmed: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, outcome: str, post_id: int) -> None:
        with self.lock:
            getattr(self, outcome).append(post_id)


class Publisher:
    def __init__(
        self,
        db: Database,
        store: MediaStore,
        adapters: Mapping[str, ChannelAdapter],
        *,
        worker: str,
        max_lateness: timedelta = timedelta(hours=6),
        gate: Gate | None = None,
        pacer: Pacer | None = None,
        notify: Notify | None = None,
        confirm_delay: timedelta = CONFIRM_DELAY,
        max_attempts: int = MAX_ATTEMPTS,
        threads: int = 8,
        clock: Callable[[], datetime] = utcnow,
        warm: Callable[[], object] | None = None,
        idle: Callable[[], object] | None = None,
    ) -> None:
        self.db = db
        self.store = store
        self.adapters = adapters
        self.worker = worker
        self.max_lateness = max_lateness
        self.gate = gate
        self.pacer = pacer
        self.notify = notify
        self.confirm_delay = confirm_delay
        self.max_attempts = max_attempts
        self.threads = threads
        self.clock = clock
        #: get ready for a post due soon (build the lint engine), and let go of it when idle
        self.warm = warm or (lambda: None)
        self.idle = idle or (lambda: None)
        self.stopping = threading.Event()
        self._gate_lock = threading.Lock()  # the lint engine serves one post at a time

    # --- a run ----------------------------------------------------------------------------------

    def run_due(self, now: datetime | None = None) -> Tally:
        """Check what waits for a check, then send every due post, channel by channel."""
        tally = Tally()
        now = now or self.clock()
        self.check_pending(now, tally)
        by_channel = self._due(now)
        if not by_channel:
            return tally
        workers = max(1, min(self.threads, len(by_channel)))
        with ThreadPoolExecutor(workers, thread_name_prefix="arna-send") as pool:
            futures = [
                pool.submit(self._send_channel, ids, now, tally) for ids in by_channel.values()
            ]
            for f in futures:
                f.result()
        return tally

    def next_wakeup(self) -> datetime | None:
        """The earliest moment something may become due (a slot, a retry, a check)."""
        with self.db.read() as s:
            due = s.exec(
                select(func.min(Post.scheduled_at)).where(
                    Post.status == S.SCHEDULED, col(Post.channel).in_(list(self.adapters))
                )
            ).one()
            retry = s.exec(
                select(func.min(Post.not_before)).where(Post.status == S.SCHEDULED)
            ).one()
            check = s.exec(
                select(func.min(Post.check_after)).where(Post.status == S.NEEDS_CHECK)
            ).one()
        moments = [m for m in (due, retry, check) if m is not None]
        if due is not None and retry is not None and retry > due:
            moments.remove(due)  # the earliest scheduled post may be one that waits to retry
        return min(moments) if moments else None

    def _due(self, now: datetime) -> dict[str, list[int]]:
        with self.db.read() as s:
            held = set(
                s.exec(
                    select(Post.channel).where(
                        Post.status == S.NEEDS_CHECK, col(Post.check_after).is_not(None)
                    )
                ).all()
            )
            rows = s.exec(
                select(Post.id, Post.channel)
                .where(
                    Post.status == S.SCHEDULED,
                    col(Post.scheduled_at) <= now,
                    or_(col(Post.not_before).is_(None), col(Post.not_before) <= now),
                    col(Post.channel).in_(list(self.adapters)),
                )
                .order_by(col(Post.scheduled_at), col(Post.id))
            ).all()
        by_channel: dict[str, list[int]] = defaultdict(list)
        for post_id, channel in rows:
            if channel not in held:
                by_channel[channel].append(post_id)
        return by_channel

    def _send_channel(self, post_ids: list[int], now: datetime, tally: Tally) -> None:
        for post_id in post_ids:
            if self.stopping.is_set():
                return
            outcome = self.publish(post_id, now=max(now, self.clock()))
            if outcome:
                tally.add(outcome, post_id)
            if outcome in ("retry", "needs_check"):
                return  # the channel waits: its order and its message ids must stay in step

    # --- one post -------------------------------------------------------------------------------

    def publish(self, post_id: int, *, now: datetime | None = None) -> str | None:
        """Send one due post. Returns its outcome (sent, retry, failed, needs_check, missed),
        or None when another worker has it or it is no longer due."""
        now = now or self.clock()
        with self.db.read() as s:
            post = s.get(Post, post_id)
            if post is None or post.status != S.SCHEDULED or post.channel not in self.adapters:
                return None
            s.expunge(post)
        adapter = self.adapters[post.channel]
        assert post.scheduled_at is not None
        if now - post.scheduled_at > self.max_lateness:
            late = now - post.scheduled_at
            reason = R.english(R.MISSED, hours=f"{late.total_seconds() / 3600:.1f}")
            return self._move(post, Action.MISS, reason, notify=True, to="missed")
        blocking = self._lint(post)
        if blocking:
            reason = R.english(R.LINT_BLOCKED, codes=", ".join(blocking))
            return self._move(post, Action.BLOCK, reason, notify=True, to="failed")
        try:
            payload = adapter.render(self._outgoing(post))
        except RenderError as e:
            return self._move(post, Action.BLOCK, str(e), notify=True, to="failed")
        started = self.clock()
        with self.db.write() as s:
            fresh = s.get(Post, post_id)
            if fresh is None or fresh.version != post.version:
                return None  # edited, cancelled or claimed meanwhile
            if not lifecycle.claim(s, fresh, self.worker, now=started):
                return None
            attempt = fresh.attempt
        # committed: from here on, a crash leaves the post in `sending` for reconcile
        ticket = self.pacer.acquire(adapter.rates(), adapter.cost(payload)) if self.pacer else None
        try:
            delivered = adapter.publish(payload)
        except PublishError as e:
            if ticket is not None:  # a 429 delivered nothing: it does not count
                self.pacer.done(ticket, counted=e.code != "rate_limit")  # type: ignore[union-attr]
            return self._after_error(post_id, attempt, started, adapter, e)
        if ticket is not None:
            self.pacer.done(ticket)  # type: ignore[union-attr]
        self._record_sent(post_id, attempt, started, adapter, delivered, note=None)
        return "sent"

    def _lint(self, post: Post) -> Sequence[str]:
        if self.gate is None:
            return ()
        with self._gate_lock, self.db.read() as s:
            fresh = s.get(Post, post.id)
            return self.gate(s, fresh) if fresh is not None else ()

    def _outgoing(self, post: Post) -> OutgoingPost:
        with self.db.read() as s:
            links = s.exec(
                select(PostMedia, Media)
                .join(Media, col(Media.sha256) == col(PostMedia.media_sha256))
                .where(PostMedia.post_id == post.id)
                .order_by(col(PostMedia.position))
            ).all()
            media = tuple(
                MediaFile(self.store.path_for(m.sha256), m.sha256, m.mime, m.kind, link.alt_text)
                for link, m in links
            )
        assert post.id is not None and post.channel is not None
        return OutgoingPost(
            post_id=post.id,
            network=post.network,
            channel=post.channel,
            kind=post.kind,
            text=post.text,
            media=media,
            options=dict(post.options),
            content_hash=post.content_hash,
            language=post.language,
        )

    def _after_error(
        self,
        post_id: int,
        attempt: int,
        started: datetime,
        adapter: ChannelAdapter,
        error: PublishError,
    ) -> str:
        if error.delivered is not None:  # out, but a follow-up step failed: never send it again
            self._record_sent(post_id, attempt, started, adapter, error.delivered, error.message)
            return "sent"
        finished = self.clock()
        if error.outcome is Outcome.RETRY and attempt < self.max_attempts:
            delay = _backoff(attempt, error.retry_after)
            if error.retry_after is not None and self.pacer is not None:
                for key in adapter.rates():
                    if key.startswith(f"{adapter.network}-chat:"):
                        self.pacer.pause(key, error.retry_after)  # type: ignore[attr-defined]
            with self.db.write() as s:
                post = lifecycle.get_post(s, post_id)
                s.add(_attempt(post, self.worker, started, finished, "retry", error))
                lifecycle.apply(
                    s,
                    post,
                    Action.RETRY,
                    self.worker,
                    reason=R.english(
                        R.RETRY, message=error.message, attempt=attempt, seconds=delay.seconds
                    ),
                    now=finished,
                    updates={"not_before": finished + delay, "last_error": error.message},
                )
            return "retry"
        if error.outcome is Outcome.AMBIGUOUS:
            with self.db.write() as s:
                post = lifecycle.get_post(s, post_id)
                s.add(_attempt(post, self.worker, started, finished, "ambiguous", error))
                lifecycle.apply(
                    s,
                    post,
                    Action.MARK_AMBIGUOUS,
                    self.worker,
                    reason=R.english(R.UNKNOWN_OUTCOME, message=error.message),
                    now=finished,
                    updates={
                        "check_after": finished + self.confirm_delay,
                        "last_error": error.message,
                    },
                )
            return "needs_check"
        with self.db.write() as s:
            post = lifecycle.get_post(s, post_id)
            s.add(_attempt(post, self.worker, started, finished, "failed", error))
            reason = (
                error.message
                if error.outcome is Outcome.PERMANENT
                else R.english(R.GAVE_UP, message=error.message, attempts=attempt)
            )
            lifecycle.apply(
                s,
                post,
                Action.MARK_FAILED,
                self.worker,
                reason=reason,
                now=finished,
                updates={"last_error": reason},
            )
        self._tell(post_id, "failed", reason)
        return "failed"

    def _record_sent(
        self,
        post_id: int,
        attempt: int,
        started: datetime,
        adapter: ChannelAdapter,
        delivered: Delivered,
        note: str | None,
        *,
        confirmed_by: str | None = None,
        action: Action = Action.MARK_SENT,
    ) -> None:
        finished = self.clock()
        with self.db.write() as s:
            post = lifecycle.get_post(s, post_id)
            if action is Action.MARK_SENT:
                s.add(
                    Attempt(
                        post_id=post_id,
                        number=attempt,
                        worker=self.worker,
                        started_at=started,
                        finished_at=finished,
                        outcome="sent",
                        message=note,
                    )
                )
            s.add(
                Publication(
                    post_id=post_id,
                    network=adapter.network,
                    channel=post.channel,
                    external_id=delivered.external_id,
                    url=delivered.url,
                    confirmed_by=confirmed_by,
                    published_at=finished,
                )
            )
            lifecycle.apply(
                s,
                post,
                action,
                confirmed_by or self.worker,
                reason=note,
                now=finished,
                updates={"last_error": note, "check_after": None, "not_before": None},
            )

    def _move(
        self, post: Post, action: Action, reason: str, *, notify: bool, to: str
    ) -> str | None:
        try:
            with self.db.write() as s:
                fresh = s.get(Post, post.id)
                if fresh is None or fresh.version != post.version:
                    return None
                lifecycle.apply(
                    s, fresh, action, self.worker, reason=reason, updates={"last_error": reason}
                )
        except LifecycleError:
            return None
        if notify:
            assert post.id is not None
            self._tell(post.id, "needs_check" if to == "missed" else to, reason)
        return to

    def _tell(self, post_id: int, status: str, reason: str) -> None:
        if self.notify is not None:
            try:
                self.notify(post_id, status, reason)
            except Exception as e:  # a notice that cannot go out must not stop the sending
                log.warning("the editors' notice about post %s was not sent: %s", post_id, e)

    # --- reconcile and check --------------------------------------------------------------------

    def reconcile(self, now: datetime | None = None) -> list[int]:
        """At start-up, with the daemon lock held: every post left in `sending` was claimed by a
        worker that is gone. Each becomes `needs_check`, to be checked on its network."""
        now = now or self.clock()
        moved = []
        with self.db.write() as s:
            stuck = s.exec(select(Post).where(Post.status == S.SENDING)).all()
            for post in stuck:
                lifecycle.apply(
                    s,
                    post,
                    Action.RECONCILE,
                    self.worker,
                    reason=R.english(R.LEFT_SENDING, worker=post.claimed_by),
                    now=now,
                    updates={"check_after": now},
                )
                assert post.id is not None
                moved.append(post.id)
        return moved

    def check_pending(self, now: datetime, tally: Tally | None = None) -> None:
        """Ask the network about posts of unknown outcome whose check is due."""
        with self.db.read() as s:
            rows = s.exec(
                select(Post.id)
                .where(
                    Post.status == S.NEEDS_CHECK,
                    col(Post.check_after).is_not(None),
                    col(Post.check_after) <= now,
                )
                .order_by(col(Post.id))
            ).all()
        for post_id in rows:
            outcome = self.confirm(post_id)
            if tally is not None and outcome == "sent":
                tally.add("confirmed", post_id)

    def confirm(self, post_id: int) -> str | None:
        with self.db.read() as s:
            post = s.get(Post, post_id)
            if post is None or post.status != S.NEEDS_CHECK or post.channel not in self.adapters:
                return None
            s.expunge(post)
            after = self._last_delivered(s, post)
        adapter = self.adapters[post.channel]
        try:
            payload = adapter.render(self._outgoing(post))
            # a look counts against the network's limits too
            ticket = self.pacer.acquire(adapter.rates(), 1) if self.pacer else None
            try:
                checked = adapter.confirm(payload, after)
            finally:
                if ticket is not None:
                    self.pacer.done(ticket)  # type: ignore[union-attr]
        except (RenderError, PublishError) as e:
            checked = None
            how = str(e)
        if checked is not None and checked.status is Confirmation.SENT:
            assert checked.delivered is not None
            self._record_sent(
                post_id,
                post.attempt,
                self.clock(),
                adapter,
                checked.delivered,
                f"confirmed on the network: {checked.how}",
                confirmed_by=f"auto:{self.worker}",
                action=Action.CONFIRM_SENT,
            )
            return "sent"
        if checked is not None and checked.status is Confirmation.NOT_SENT:
            with self.db.write() as s:
                fresh = lifecycle.get_post(s, post_id)
                lifecycle.apply(
                    s,
                    fresh,
                    Action.SEND_AGAIN,
                    f"auto:{self.worker}",
                    reason=f"not on the network: {checked.how}",
                    updates={"check_after": None},
                )
            return "scheduled"
        if checked is not None and checked.retry_after is not None:
            with self.db.write() as s:  # the network could not answer now: ask again later
                fresh = lifecycle.get_post(s, post_id)
                later = self.clock() + timedelta(seconds=checked.retry_after)
                lifecycle.bookkeep(s, fresh, check_after=later)
            return "needs_check"
        how = checked.how if checked is not None else how
        with self.db.write() as s:
            fresh = lifecycle.get_post(s, post_id)
            lifecycle.bookkeep(s, fresh, check_after=None)
        self._tell(
            post_id, "needs_check", R.english(R.CHECK_FAILED, reason=post.last_error or "", how=how)
        )
        return "needs_check"

    def _last_delivered(self, session: Session, post: Post) -> Delivered | None:
        rows = session.exec(
            select(Publication.external_id, Publication.url).where(
                Publication.channel == post.channel, Publication.post_id != post.id
            )
        ).all()
        numeric = [(int(e.split(",")[0]), e, u) for e, u in rows if e.split(",")[0].isdigit()]
        if not numeric:
            return None
        _, external_id, url = max(numeric)
        return Delivered(external_id, url)

    # --- heartbeat ------------------------------------------------------------------------------

    def beat(self, started: datetime, tally: Tally | None = None, stopped: bool = False) -> None:
        now = self.clock()
        with self.db.write() as s:
            row = s.get(Heartbeat, self.worker)
            if row is None:
                row = Heartbeat(worker=self.worker, started_at=started, last_tick=now)
            row.last_tick = now
            if tally is not None:
                row.sent += len(tally.sent) + len(tally.confirmed)
                row.failed += len(tally.failed)
                row.needs_check += len(tally.needs_check) + len(tally.missed)
            if stopped:
                row.stopped_at = now
            s.add(row)


def _attempt(
    post: Post, worker: str, started: datetime, finished: datetime, outcome: str, e: PublishError
) -> Attempt:
    assert post.id is not None
    return Attempt(
        post_id=post.id,
        number=post.attempt,
        worker=worker,
        started_at=started,
        finished_at=finished,
        outcome=outcome,
        error_kind=e.code or None,
        message=e.message,
    )


def _backoff(attempt: int, retry_after: float | None) -> timedelta:
    """The network's own retry_after when it gave one (plus a little jitter, so that channels
    paused together do not return together); else exponential backoff with jitter."""
    if retry_after is not None:
        return timedelta(seconds=retry_after * (1 + random.random() / 10))
    base = min(BACKOFF_BASE * (2 ** max(0, attempt - 1)), BACKOFF_MAX)
    return base * (0.5 + random.random() / 2)


def payload_of(publisher: Publisher, post_id: int) -> Payload:
    """The payload a post would be sent as (for `arna queue show --payload`)."""
    with publisher.db.read() as s:
        post = lifecycle.get_post(s, post_id)
        s.expunge(post)
    assert post.channel is not None
    return publisher.adapters[post.channel].render(publisher._outgoing(post))
