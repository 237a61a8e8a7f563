"""The week rules (S501–S506) through the engine, their settings, and slots across DST changes.

The rules' own must-flag and must-pass examples run in `test_rules_contract.py`; here: how week
findings join the posts of a run (waivers, severities, crashes, plan items), that every threshold
is a setting, and which instant a slot is on the days a zone changes its clocks.

DST decisions under test (`scheduler.slots`, `posts.plan.parse_local`):
- Europe/Berlin springs forward on the last Sunday of March (02:00 CET -> 03:00 CEST). A
  "sun 02:30" slot does not exist that day; it is read with fold=0, so it moves forward by the
  jump: 03:30 CEST, 01:30 UTC. The post goes out that day, at the same time after midnight, and
  a draft scheduled at "02:30" local lands exactly on it.
- Berlin falls back on the last Sunday of October (03:00 CEST -> 02:00 CET). "sun 02:30" happens
  twice; the slot is the first one, 02:30 CEST = 00:30 UTC, and only once (a post is never sent
  twice because the hour repeats).
- Asia/Almaty has kept UTC+5 since 2024-03-01 and has no DST: a slot is the same UTC time every
  day of the year.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.limits import LIMITS
from linters.engine import Engine
from linters.findings import Severity
from linters.rule import WeekRule
from linters.rules import plan as rules
from linters.settings import LintSettings, parse_lint_settings
from linters.subject import RecordedWaiver, Subject
from linters.week import ChannelWeek, WeekEvent, WeekPost
from posts.errors import ConfigError
from posts.plan import IsoWeek, parse_local
from scheduler.slots import next_free_slot, slot_instants

BERLIN = ZoneInfo("Europe/Berlin")
ALMATY = ZoneInfo("Asia/Almaty")
S_CODES = ("S501", "S502", "S503", "S504", "S505", "S506")


def _engine(*codes: str, **rule_settings: object) -> Engine:
    from linters.engine import REGISTRY

    parsed = {
        code: REGISTRY[code].Settings.model_validate(values)
        for code, values in rule_settings.items()
    }
    return Engine(LintSettings(select=codes or S_CODES, rule_settings=parsed), limits=LIMITS)  # type: ignore[arg-type]


def _codes(engine: Engine, week: ChannelWeek) -> dict[int | str, set[str]]:
    run = engine.lint_week(week)
    assert run.crashes == ()
    out: dict[int | str, set[str]] = {}
    for item in run.findings:
        out.setdefault(
            item.post_id if item.post_id is not None else f"plan:{item.plan}", set()
        ).add(item.finding.code)
    return out


def _example(code: str, index: int = 0) -> ChannelWeek:
    from linters.engine import REGISTRY

    return REGISTRY[code].must_flag[index].channel_week()  # type: ignore[attr-defined]


def test_the_s_rules_are_week_rules_and_never_run_on_one_post() -> None:
    from linters.engine import REGISTRY

    week_rules = {code for code, rule in REGISTRY.items() if issubclass(rule, WeekRule)}
    assert week_rules == set(S_CODES)
    engine = _engine()
    post = Subject(text="Приходите! " * 20, network="telegram", kind="announcement")
    assert engine.lint(post).findings == ()


# --- the engine: week findings join the posts of a run ------------------------------------------


def _subject(post: WeekPost, waivers: tuple[RecordedWaiver, ...] = ()) -> Subject:
    return Subject(
        text=post.text,
        network="telegram",
        kind=post.kind,
        channel="tg-main",
        language=post.language,
        story=post.story,
        post_id=post.post_id,
        waivers=waivers,
    )


def test_week_findings_join_their_posts_and_plan_items_get_an_entry() -> None:
    week = rules.PlanItemIncomplete.must_flag[0].channel_week()
    week = replace(
        week,
        posts=(
            *week.posts,
            replace(week.posts[0], post_id=2, scheduled_at=rules.at("mon", "23:30")),
        ),
    )
    subjects = [_subject(p) for p in week.posts]
    results = _engine("S504", "S505").lint_many(subjects, weeks=[week])
    by_id = {r.subject.post_id: r for r in results if r.subject.post_id is not None}
    assert [f.code for f in by_id[1].findings] == []
    assert [f.code for f in by_id[2].findings] == ["S505"]  # 23:30: off the slots, in quiet hours
    plan = [r for r in results if r.subject.post_id is None]
    assert len(plan) == 1 and plan[0].subject.path == "arna:plan/fest-x"
    assert [f.code for f in plan[0].findings] == ["S504"]
    assert plan[0].findings[0].evidence["missing"] == ["deadline"]


def test_an_event_in_two_channel_weeks_is_reported_once() -> None:
    week = rules.PlanItemIncomplete.must_flag[0].channel_week()
    other = replace(week, channel="ig-main", network="instagram", posts=())
    results = _engine("S504").lint_many([_subject(p) for p in week.posts], weeks=[other, week])
    plan = [r for r in results if r.subject.path == "arna:plan/fest-x"]
    assert len(plan) == 1
    assert plan[0].subject.channel == "tg-main"  # the channel whose post names the event


def test_a_waiver_applies_to_a_week_finding_on_the_same_content() -> None:
    week = _example("S505")
    post = week.posts[0]
    plain = _subject(post)
    waiver = RecordedWaiver("S505", "срочная новость", "bolat", plain.content_hash)
    result = _engine("S505").lint_many([_subject(post, (waiver,))], weeks=[week])[0]
    assert [(f.code, f.waived, f.waiver_reason) for f in result.findings] == [
        ("S505", True, "срочная новость")
    ]
    assert result.unused_waivers == ()
    stale = RecordedWaiver("S505", "old", "bolat", "0" * 64)
    result = _engine("S505").lint_many([_subject(post, (stale,))], weeks=[week])[0]
    assert [f.waived for f in result.findings] == [False] and result.unused_waivers == (stale,)


def test_severity_overrides_and_network_ignores_apply_to_week_rules() -> None:
    from linters.engine import REGISTRY

    week = _example("S505")
    raw = {
        "select": ["S505"],
        "severity": {"S505": "error"},
        "networks": {"instagram": {"ignore": ["S"]}},
    }
    engine = Engine(parse_lint_settings(raw, REGISTRY, networks=("telegram", "instagram")))
    run = engine.lint_week(week)
    assert [w.finding.severity for w in run.findings] == [Severity.ERROR]
    assert engine.lint_week(replace(week, network="instagram")).findings == ()


def test_a_crashing_week_rule_is_reported_on_its_posts_and_the_others_still_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(self: object, week: object, ctx: object) -> list[object]:
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(rules.UniformContentMix, "check_week", boom)
    week = _example("S505")
    result = _engine("S501", "S505").lint_many([_subject(p) for p in week.posts], weeks=[week])[0]
    assert [c.code for c in result.crashes] == ["S501"]
    assert "broken on purpose" in result.crashes[0].error
    assert [f.code for f in result.findings] == ["S505"]


def test_findings_on_posts_outside_the_run_are_dropped() -> None:
    week = _example("S501")  # three photos: a finding on each post of the week
    results = _engine("S501").lint_many([_subject(week.posts[1])], weeks=[week])
    assert [(r.subject.post_id, [f.code for f in r.findings]) for r in results] == [(2, ["S501"])]


# --- every threshold is a setting -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "values"),
    [
        ("S501", {"min_posts": 4}),
        ("S502", {"max_posts": 3}),
        ("S502", {"window_hours": 6}),  # the third post comes 10 h after the start
        ("S503", {"min_lead_hours": 12}),  # 22.5 h ahead is enough then
        ("S506", {"window_hours": 72}),  # Monday and Wednesday are within 72 h
    ],
)
def test_a_threshold_setting_changes_the_verdict(code: str, values: dict[str, object]) -> None:
    week = _example(code)
    assert code in set().union(*_codes(_engine(code), week).values())
    assert _codes(_engine(code, **{code: values}), week) == {}


def test_s504_partners_and_deadline_settings() -> None:
    week = rules.PlanItemIncomplete.must_pass[0].channel_week()  # two partners, a deadline
    assert _codes(_engine("S504", S504={"min_partners": 3}), week) == {
        "plan:2026-11-28-kitap-fest": {"S504"}
    }
    week = _example("S504")  # no deadline
    assert _codes(_engine("S504", S504={"require_deadline": False}), week) == {}


def test_s505_quiet_hours_default_to_the_schedule_and_the_setting_overrides_them() -> None:
    late = WeekPost(1, "text", rules.at("wed", "22:30"), "ru", "s", text="Итоги дня.")
    week = replace(_example("S505"), slots=(), posts=(late,))
    assert _codes(_engine("S505"), week) == {1: {"S505"}}  # [schedule] 22:00-08:00
    assert _codes(_engine("S505"), replace(week, quiet_hours=(time(23), time(7)))) == {}
    assert _codes(_engine("S505", S505={"quiet_hours": "23:00-07:00"}), week) == {}
    tolerant = _engine("S505", S505={"tolerance_minutes": 60})
    assert _codes(tolerant, _example("S505")) == {}  # 11:00 is within an hour of the 10:00 slot


@pytest.mark.parametrize(
    ("code", "raw"),
    [
        ("S502", {"scales": ["national"]}),
        ("S505", {"quiet_hours": "22-08"}),
        ("S506", {"languages": ["kk"]}),
        ("S501", {"min_posts": 1}),
        ("S503", {"lead": 24}),
    ],
)
def test_bad_settings_are_config_errors(code: str, raw: dict[str, object]) -> None:
    from linters.engine import REGISTRY

    with pytest.raises(ConfigError) as caught:
        parse_lint_settings({"rules": {code: raw}}, REGISTRY)
    assert code in caught.value.render("en")


def test_s506_detects_an_undeclared_language_and_reads_the_office_languages() -> None:
    week = _example("S506", 1)  # a Russian post, no Kazakh variant
    undeclared = replace(
        week.posts[0],
        language=None,
        text="Проверьте себя: как пишется слово «бүгін» на латинице? "
        "Ответ расскажем завтра в нашем канале, не пропустите.",
    )
    assert _codes(_engine("S506"), replace(week, posts=(undeclared,))) == {1: {"S506"}}
    assert _codes(_engine("S506"), replace(week, languages=("ru",))) == {}


def test_s502_counts_the_posts_of_the_week_before() -> None:
    """An event on Sunday evening: two posts that Sunday (the week before), the third on Monday."""
    event = WeekEvent("e", "Форум", rules.at("mon", "10:00") - timedelta(hours=14), "republican")
    sunday = [
        WeekPost(
            i, "photo", event.starts_at + timedelta(hours=i), "kk", "s", "e", channel="tg-main"
        )
        for i in (1, 2)
    ]
    monday = WeekPost(3, "text", rules.at("mon", "10:00"), "kk", "s", "e", channel="tg-main")
    week = replace(_example("S502"), posts=(monday,), events=(event,), around=tuple(sunday))
    assert _codes(_engine("S502"), week) == {3: {"S502"}}
    other_channel = tuple(replace(p, channel="ig-main") for p in sunday)
    assert _codes(_engine("S502"), replace(week, around=other_channel)) == {}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["text", "photo", "album", "video", "poll", "announcement", "???"]),
            st.integers(-3 * 24 * 60, 10 * 24 * 60),
            st.sampled_from(["kk", "ru", "en", None]),
            st.sampled_from(["a", "b", None]),
            st.sampled_from(["e1", "e2", "missing", None]),
            st.sampled_from(["in_review", "sent", "cancelled", "failed"]),
            st.text(max_size=40),
        ),
        max_size=12,
    ),
    st.sampled_from(["local", "regional", "republican", "international", "odd"]),
)
def test_week_rules_never_crash(posts: list[tuple], scale: str) -> None:  # type: ignore[type-arg]
    start = rules.at("mon", "00:00")
    week_posts = tuple(
        WeekPost(i, kind, start + timedelta(minutes=m), lang, story, event, status, text)
        for i, (kind, m, lang, story, event, status, text) in enumerate(posts, 1)
    )
    events = (
        WeekEvent("e1", "E1", start + timedelta(days=2), scale, (), None),
        WeekEvent("e2", "E2", start - timedelta(days=1), "republican", ("p",), start),
    )
    week = replace(_example("S501"), posts=week_posts[:6], around=week_posts[6:], events=events)
    run = _engine().lint_week(week)
    assert run.crashes == ()
    ids = {p.post_id for p in week.posts}
    for item in run.findings:
        assert item.post_id in ids or item.plan in ("e1", "e2")
        for lang in ("kk", "ru", "en"):
            assert item.finding.render(lang)  # type: ignore[arg-type]


# --- slots across DST changes ---------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


SUN_0230 = (6, time(2, 30))
EVERY_DAY_10 = [(d, time(10, 0)) for d in range(7)]


def _week_of(day: date) -> tuple[datetime, datetime]:
    return IsoWeek(*day.isocalendar()[:2]).bounds(BERLIN)


def test_spring_forward_a_slot_in_the_skipped_hour_moves_forward_by_the_jump() -> None:
    sunday = _last_sunday(2026, 3)
    assert sunday == date(2026, 3, 29)
    start, end = _week_of(sunday)
    (instant,) = slot_instants([SUN_0230], BERLIN, start, end)
    assert instant == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    local = instant.astimezone(BERLIN)
    assert (local.date(), local.time(), local.utcoffset()) == (
        sunday,
        time(3, 30),
        timedelta(hours=2),
    )
    # a draft scheduled at "02:30" local that day is read the same way, so it is on the slot
    assert parse_local("2026-03-29T02:30", BERLIN) == instant
    # and S505 sees it on its slot
    post = WeekPost(1, "text", instant, "ru", "s", text="Доброе утро")
    week = ChannelWeek(
        "tg-main", "telegram", "Europe/Berlin", "2026-W13", (instant,), None, posts=(post,)
    )
    assert _codes(_engine("S505"), week) == {}


def test_fall_back_a_slot_in_the_repeated_hour_is_its_first_occurrence_once() -> None:
    sunday = _last_sunday(2026, 10)
    assert sunday == date(2026, 10, 25)
    start, end = _week_of(sunday)
    instants = list(slot_instants([SUN_0230], BERLIN, start, end))
    assert instants == [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]  # 02:30 CEST, not 02:30 CET
    assert instants[0].astimezone(BERLIN).utcoffset() == timedelta(hours=2)
    assert parse_local("2026-10-25T02:30", BERLIN) == instants[0]
    taken = next_free_slot([SUN_0230], BERLIN, start, [])
    assert taken == instants[0]
    # once taken, the next free one is a week later: the repeated 02:30 is no second slot
    assert next_free_slot([SUN_0230], BERLIN, start, [taken]) == datetime(
        2026, 11, 1, 1, 30, tzinfo=UTC
    )


@pytest.mark.parametrize(("month", "sunday_utc_hour", "weekday_utc_hour"), [(3, 8, 9), (10, 9, 8)])
def test_a_weeks_slots_stay_at_the_same_local_wall_time_across_the_change(
    month: int, sunday_utc_hour: int, weekday_utc_hour: int
) -> None:
    start, end = _week_of(_last_sunday(2026, month))
    instants = list(slot_instants(EVERY_DAY_10, BERLIN, start, end))
    assert len(instants) == 7
    assert {i.astimezone(BERLIN).time() for i in instants} == {time(10, 0)}
    assert [i.hour for i in instants] == [weekday_utc_hour] * 6 + [sunday_utc_hour]
    assert (end - start) == timedelta(hours=167 if month == 3 else 169)


def test_two_slots_on_one_instant_are_one_slot_and_slots_come_in_time_order() -> None:
    start, end = _week_of(_last_sunday(2026, 3))
    slots = [SUN_0230, (6, time(3, 30)), (6, time(3, 15))]
    instants = list(slot_instants(slots, BERLIN, start, end))
    assert instants == [
        datetime(2026, 3, 29, 1, 15, tzinfo=UTC),  # 03:15 CEST
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # 02:30 (moved) and 03:30: one instant
    ]


def test_almaty_keeps_utc_plus_5_all_year_with_no_dst() -> None:
    for month in (3, 10):
        sunday = _last_sunday(2026, month)
        start, end = IsoWeek(*sunday.isocalendar()[:2]).bounds(ALMATY)
        assert end - start == timedelta(days=7)
        (instant,) = slot_instants([SUN_0230], ALMATY, start, end)
        assert instant == datetime.combine(sunday, time(2, 30), tzinfo=UTC) - timedelta(hours=5)
        instants = list(slot_instants(EVERY_DAY_10, ALMATY, start, end))
        assert [i.hour for i in instants] == [5] * 7
        assert {i.astimezone(ALMATY).time() for i in instants} == {time(10, 0)}


def test_almaty_moved_from_utc_plus_6_to_utc_plus_5_on_2024_03_01() -> None:
    """The last change of Almaty's clocks: 2024-03-01 00:00 (+06) became 2024-02-29 23:00 (+05).
    A "thu 23:30" slot on that Thursday is its first occurrence, as in Berlin in October."""
    start, end = IsoWeek(2024, 9).bounds(ALMATY)
    instants = list(slot_instants([(0, time(10)), (3, time(23, 30))], ALMATY, start, end))
    assert instants == [
        datetime(2024, 2, 26, 4, 0, tzinfo=UTC),  # Monday 10:00 at UTC+6
        datetime(2024, 2, 29, 17, 30, tzinfo=UTC),  # 23:30 at UTC+6, the first of the two
    ]
    start, end = IsoWeek(2024, 10).bounds(ALMATY)
    assert next(slot_instants([(0, time(10))], ALMATY, start, end)) == datetime(
        2024, 3, 4, 5, 0, tzinfo=UTC
    )  # UTC+5 from then on


def test_a_posts_own_findings_come_before_what_its_week_says() -> None:
    week = _example("S505")  # Monday 11:00, off the 10:00 slot
    post = replace(week.posts[0], text="Kазақстан жастары кітап оқиды.")  # a Latin K
    engine = Engine(LintSettings(select=("K202", "S505")), limits=LIMITS)
    (result,) = engine.lint_many([_subject(post)], weeks=[replace(week, posts=(post,))])
    assert [f.code for f in result.findings] == ["K202", "S505"]
    assert result.findings[0].span == (0, 9)
