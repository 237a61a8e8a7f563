from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from scheduler.slots import next_free_slot, slot_instants

ALMATY = ZoneInfo("Asia/Almaty")
MON_10 = (0, time(10, 0))
WED_18 = (2, time(18, 30))


def test_slots_are_local_wall_clock_times_stored_in_utc() -> None:
    start = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # Monday of 2026-W48
    end = datetime(2026, 11, 30, 0, 0, tzinfo=UTC)
    assert list(slot_instants([WED_18, MON_10], ALMATY, start, end)) == [
        datetime(2026, 11, 23, 5, 0, tzinfo=UTC),  # 10:00 in Almaty (UTC+5)
        datetime(2026, 11, 25, 13, 30, tzinfo=UTC),
    ]


def test_next_free_slot_skips_taken_ones() -> None:
    after = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    first = next_free_slot([MON_10, WED_18], ALMATY, after, [])
    assert first == datetime(2026, 11, 23, 5, 0, tzinfo=UTC)
    second = next_free_slot([MON_10, WED_18], ALMATY, after, [first])
    assert second == datetime(2026, 11, 25, 13, 30, tzinfo=UTC)


def test_no_slots_means_no_time() -> None:
    assert next_free_slot([], ALMATY, datetime(2026, 1, 1, tzinfo=UTC), []) is None


@given(
    st.lists(st.tuples(st.integers(0, 6), st.times()), min_size=1, max_size=6),
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2035, 1, 1)),
    st.integers(0, 8),
)
def test_next_free_slot_is_after_now_free_and_on_a_slot(slots, naive_after, n_taken) -> None:  # type: ignore[no-untyped-def]
    slots = [(d, t.replace(microsecond=0)) for d, t in slots]
    after = naive_after.replace(tzinfo=UTC)
    taken: list[datetime] = []
    for _ in range(n_taken):
        slot = next_free_slot(slots, ALMATY, after, taken, horizon_days=70)
        assert slot is not None
        taken.append(slot)
    found = next_free_slot(slots, ALMATY, after, taken, horizon_days=70)
    assert found is not None and found > after and found not in taken
    local = found.astimezone(ALMATY)
    assert (local.weekday(), local.time()) in set(slots)
