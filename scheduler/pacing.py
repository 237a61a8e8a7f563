"""Client-side pacing, so that a full week goes out without a single 429 (PLATFORMS.md §1).

Telegram allows about 20 messages a minute in one channel and about 30 a second for one bot
across all chats. A `Pacer` holds a rolling window per channel and per bot (a group of
channels sharing a token) and makes a sender wait until both have room. A 429's retry_after
pauses the whole channel, as Telegram asks.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from channels.base import Rate


class _Window:
    def __init__(self, rate: Rate) -> None:
        self.rate = rate
        self.times: deque[float] = deque()
        self.paused_until = 0.0

    def wait_time(self, now: float, cost: int) -> float:
        """Seconds until `cost` more messages fit."""
        while self.times and self.times[0] <= now - self.rate.seconds:
            self.times.popleft()
        wait = max(0.0, self.paused_until - now)
        if cost > self.rate.count:
            cost = self.rate.count  # an album larger than the window waits for an empty window
        excess = len(self.times) + cost - self.rate.count
        if excess > 0:
            wait = max(wait, self.times[excess - 1] + self.rate.seconds - now)
        return wait

    def take(self, now: float, cost: int) -> None:
        self.times.extend([now] * cost)


class Pacer:
    """Thread-safe: senders of several channels share one pacer."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._windows: dict[str, _Window] = {}

    def acquire(self, limits: dict[str, Rate], cost: int = 1) -> float:
        """Wait until every window in `limits` (key -> rate) has room for `cost` messages, then
        count them. Returns the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                windows = [self._window(key, rate) for key, rate in limits.items()]
                wait = max((w.wait_time(now, cost) for w in windows), default=0.0)
                if wait <= 0:
                    for w in windows:
                        w.take(now, cost)
                    return waited
            self._sleep(wait)
            waited += wait

    def pause(self, key: str, seconds: float) -> None:
        """Nothing more goes through `key` for `seconds` (a 429's retry_after)."""
        with self._lock:
            window = self._windows.get(key)
            if window is not None:
                window.paused_until = max(window.paused_until, self._clock() + seconds)

    def _window(self, key: str, rate: Rate) -> _Window:
        window = self._windows.get(key)
        if window is None or window.rate != rate:
            window = self._windows[key] = _Window(rate)
        return window
