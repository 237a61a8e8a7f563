"""Client-side pacing, so that a full week goes out without a single 429 (PLATFORMS.md §1).

Telegram allows about 20 messages a minute in one channel and about 30 a second for one bot
across all chats. A `Pacer` holds a rolling window per channel and per bot (a group of channels
sharing a token) and makes a sender wait until every window it sends through has room.

The network counts a message when the request arrives, which is some time after we let it go
(a thread switch, a connection opened, a first call that fetches the bot's profile). So a message
counts here from the moment it is let go until its answer came back, and then as sent at the time
of the answer, which is never earlier than its arrival. Any window of the network's then holds no
more than ours did. A message the network refused (a 429) is given back.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from channels.base import Rate


class _Window:
    def __init__(self, rate: Rate) -> None:
        self.rate = rate
        self.done: list[float] = []  # answer times, sorted
        self.in_flight = 0
        self.paused_until = 0.0

    def wait_time(self, now: float, cost: int) -> float:
        """Seconds until `cost` more messages fit (0: they fit now)."""
        cut = bisect.bisect_right(self.done, now - self.rate.seconds)
        del self.done[:cut]
        wait = max(0.0, self.paused_until - now)
        cost = min(cost, self.rate.count)  # an album larger than the window waits for it empty
        excess = len(self.done) + self.in_flight + cost - self.rate.count
        if excess > 0:
            if excess > len(self.done):
                return max(wait, 0.05)  # only answers still on their way free a place
            wait = max(wait, self.done[excess - 1] + self.rate.seconds - now)
        return wait


@dataclass
class Ticket:
    """Messages let go through some windows, until `Pacer.done` says how they ended."""

    windows: list[_Window] = field(default_factory=list)
    cost: int = 0
    waited: float = 0.0


class Pacer:
    """Thread-safe: the senders of every channel share one pacer."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._windows: dict[str, _Window] = {}

    def acquire(self, limits: dict[str, Rate], cost: int = 1) -> Ticket:
        """Wait until every window in `limits` (key -> rate) has room for `cost` messages, and
        let them go. The caller must call `done` with the ticket once the answer is in."""
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                windows = [self._window(key, rate) for key, rate in limits.items()]
                wait = max((w.wait_time(now, cost) for w in windows), default=0.0)
                if wait <= 0:
                    for w in windows:
                        w.in_flight += cost
                    return Ticket(windows, cost, waited)
            self._sleep(wait)
            waited += wait

    def done(self, ticket: Ticket, *, counted: bool = True) -> None:
        """The answer came back: the messages count from now; or, when the network refused them
        (`counted=False`), they are given back."""
        with self._lock:
            now = self._clock()
            for window in ticket.windows:
                window.in_flight -= ticket.cost
                if counted:
                    for _ in range(ticket.cost):
                        bisect.insort(window.done, now)
            ticket.windows = []

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
