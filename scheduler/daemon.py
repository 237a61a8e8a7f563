"""`arna run`: the publishing daemon.

APScheduler 3.x is only the timer (DESIGN.md): nothing is kept in its job store, the database is
the truth, and every tick asks it what is due. A tick runs every `tick` seconds, and one more is
set for the earliest moment something becomes due (a slot, a retry, a check), so a post goes out
on its minute rather than up to a tick late.

SIGTERM and SIGINT stop it gracefully: no new post is claimed, the sends under way finish and are
recorded, then the heartbeat says it stopped. SIGKILL leaves at most one post per channel in
`sending`; the next start reconciles it.
"""

from __future__ import annotations

import logging
import signal
import threading
from datetime import UTC, datetime, timedelta
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler

from scheduler.pipeline import Publisher, Tally

log = logging.getLogger("arna.daemon")

#: the lint engine is built this long before the next post is due (it takes one to two seconds)
WARM_AHEAD = timedelta(seconds=60)
#: and let go of when nothing is due for this long
IDLE_AFTER = timedelta(minutes=30)


class Daemon:
    def __init__(self, publisher: Publisher, *, tick: float = 30.0) -> None:
        self.publisher = publisher
        self.tick_seconds = tick
        self.stop_requested = threading.Event()
        self._busy = threading.Lock()
        self._timer: BackgroundScheduler | None = None
        self.started = publisher.clock()

    def run(self, *, install_signals: bool = True) -> None:
        """Reconcile, then tick until asked to stop."""
        if install_signals:
            signal.signal(signal.SIGTERM, self._on_signal)
            signal.signal(signal.SIGINT, self._on_signal)
        self.check_channels()
        moved = self.publisher.reconcile()
        if moved:
            log.warning("posts left in sending by a stopped run, now to be checked: %s", moved)
        self.publisher.beat(self.started)
        timer = BackgroundScheduler(timezone=UTC)
        self._timer = timer
        timer.add_job(
            self.tick,
            "interval",
            seconds=self.tick_seconds,
            id="tick",
            next_run_time=datetime.now(UTC),
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        timer.start()
        try:
            self.stop_requested.wait()
        finally:
            self.publisher.stopping.set()  # no new claim from here on
            timer.shutdown(wait=True)  # the tick under way finishes its sends and records them
            with self._busy:
                self.publisher.beat(self.started, stopped=True)
            log.info("stopped")

    def check_channels(self) -> None:
        """Each channel's health, logged at start-up (it also opens the connections, so the
        first posts of a burst do not wait for them)."""
        for channel, adapter in self.publisher.adapters.items():
            try:
                health = adapter.check()
            except Exception as e:  # a check must never stop the daemon
                log.warning("channel %s: the health check failed: %s", channel, e)
                continue
            for problem in health.problems:
                try:
                    text = problem.en.format(**health.details)
                except (KeyError, IndexError):
                    text = problem.en
                log.warning("channel %s needs attention: %s", channel, text)

    def stop(self) -> None:
        self.stop_requested.set()

    def tick(self, wait: bool = False) -> Tally | None:
        """One pass. A regular tick is skipped while the previous one runs; the wake-up for a
        due post (`wait`) waits for it instead, so that the post is not left to the next tick."""
        if not self._busy.acquire(blocking=wait, timeout=self.tick_seconds if wait else -1):
            return None
        try:
            if self.publisher.stopping.is_set():
                return None
            tally = self.publisher.run_due()
            self.publisher.beat(self.started, tally)
            for outcome in ("sent", "confirmed", "retry", "failed", "needs_check", "missed"):
                for post_id in getattr(tally, outcome):
                    log.info("post %s: %s", post_id, outcome)
            upcoming = self.publisher.next_wakeup()
            self._prepare(upcoming)
            self._wake_at(upcoming)
            return tally
        except Exception:  # a tick that fails (the database away) is logged; the next one retries
            log.exception("tick failed")
            return None
        finally:
            self._busy.release()

    def _prepare(self, moment: datetime | None) -> None:
        """Build what sending needs (the lint engine, a second or two) before a post is due, so
        that it goes out on its minute; let go of it when nothing is due for a long while."""
        ahead = None if moment is None else moment - datetime.now(UTC)
        if ahead is not None and ahead < WARM_AHEAD + timedelta(seconds=self.tick_seconds):
            self.publisher.warm()
        elif ahead is None or ahead > IDLE_AFTER:
            self.publisher.idle()

    def _wake_at(self, moment: datetime | None) -> None:
        timer = self._timer
        if moment is None or timer is None or self.publisher.stopping.is_set():
            return
        now = datetime.now(UTC)
        if moment - now >= timedelta(seconds=self.tick_seconds):
            return  # the regular tick comes first
        timer.add_job(
            self.tick,
            "date",
            kwargs={"wait": True},
            run_date=max(moment, now) + timedelta(milliseconds=50),
            id="wake",
            replace_existing=True,
            misfire_grace_time=None,
        )

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        log.info("signal %s: stopping after the sends under way", signum)
        self.stop()
