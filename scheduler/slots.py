"""Weekly slots: the local times at which a channel publishes, turned into UTC instants."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

Slot = tuple[int, time]  # (weekday, 0 = Monday; local time of day)


def slot_instants(
    slots: Sequence[Slot], tz: ZoneInfo, start: datetime, end: datetime
) -> Iterator[datetime]:
    """Every slot instant in [start, end), in UTC, in order, each once.

    Slots are wall-clock times in the office's zone, so they stay at 10:00 local across any change
    of the zone's offset. On the days the clocks change, a wall-clock time is read as Python reads
    it (fold=0), as a draft's local `scheduled` time is:
    - a time the clocks skip (Europe/Berlin, last Sunday of March, 02:00–03:00) moves forward by
      the jump: "sun 02:30" is 03:30 CEST (01:30 UTC). The post still goes out that day, at the
      same time after midnight;
    - a time the clocks repeat (last Sunday of October, 02:00–03:00) is its first occurrence:
      "sun 02:30" is 02:30 CEST (00:30 UTC), once, never twice.
    Two slots that land on one instant that way ("sun 02:30" and "sun 03:30" in spring) are one
    slot: an instant is yielded once.
    """
    if not slots:
        return
    day = start.astimezone(tz).date()
    last = end.astimezone(tz).date()
    while day <= last:
        todays = sorted(t for (weekday, t) in slots if weekday == day.weekday())
        instants = {datetime.combine(day, t, tzinfo=tz).astimezone(UTC) for t in todays}
        for instant in sorted(instants):
            if start <= instant < end:
                yield instant
        day += timedelta(days=1)


def next_free_slot(
    slots: Sequence[Slot],
    tz: ZoneInfo,
    after: datetime,
    taken: Collection[datetime],
    *,
    horizon_days: int = 28,
) -> datetime | None:
    """The first slot after `after` that no other post of the channel holds, within the horizon."""
    taken_utc = {t.astimezone(UTC) for t in taken}
    for instant in slot_instants(slots, tz, after, after + timedelta(days=horizon_days)):
        if instant > after and instant not in taken_utc:
            return instant
    return None
