"""What the week rules (S501–S506) look at: one channel's week, not one post.

A `ChannelWeek` is a plain value built by the caller: the CLI reads it from the workspace database
(`arna.week_wiring`), a rule's examples write it out by hand. `linters` never reads the database
and never computes slots itself (that is `scheduler.slots`), so the week carries its slots as the
UTC instants the scheduler computed. A post on a slot is then exactly on one of these instants,
across any change of the zone's offset.

A week rule reports `WeekFinding`s: a finding and what it belongs to, a post of the week
(`post_id`) or a plan item (`plan`, the event's key). The engine attaches them to the posts of
the run (`Engine.lint_many(…, weeks=…)`); a plan item gets an entry of its own, located at
`arna:plan/<key>` (`plan_location`), which the reports show like a post (in the JSON report,
`path` is `arna:plan/<key>` and `post_id` null; it counts in `summary.posts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from linters.findings import Finding
from posts.i18n import Lang, Text

#: Statuses of posts that count in a week: everything but what never went and never will.
NOT_COUNTED: frozenset[str] = frozenset({"cancelled", "failed"})
#: How far before and after the week the caller includes posts in `ChannelWeek.around`; rule
#: windows (S502, S506) are bounded by it.
AROUND = timedelta(days=7)
#: The programme's large-scale event scales (S502).
LARGE_SCALES: tuple[str, ...] = ("republican", "international")
PLAN_SCHEME = "arna:plan/"


def plan_location(key: str) -> str:
    """Where a plan item is, in the reports: `arna:plan/<key>` (like `arna:post/<id>`)."""
    return PLAN_SCHEME + key


@dataclass(frozen=True)
class WeekPost:
    """A post as the week rules see it. `scheduled_at` is an aware instant (UTC)."""

    post_id: int | None
    kind: str
    scheduled_at: datetime | None
    language: str | None = None  # declared; None: the rule may detect it from `text`
    story: str | None = None
    event: str | None = None  # the plan event's key
    status: str = "in_review"
    text: str = ""
    channel: str | None = None
    network: str | None = None

    @property
    def counted(self) -> bool:
        return self.status not in NOT_COUNTED and self.scheduled_at is not None


@dataclass(frozen=True)
class WeekEvent:
    """A plan or media-grid event (`posts.models.PlanEvent`), as the week rules see it."""

    key: str
    title: str
    starts_at: datetime  # aware
    scale: str = "local"
    partners: tuple[str, ...] = ()
    deadline: datetime | None = None
    internal: bool = False
    approved: bool = False


@dataclass(frozen=True)
class ChannelWeek:
    """One channel's ISO week (Monday 00:00 to Monday 00:00 in the office's zone).

    - `slots`: the week's slot instants (UTC), as `scheduler.slots.slot_instants` gives them;
    - `quiet_hours`: `[schedule] quiet_hours` as (start, end) local times, may wrap midnight;
    - `posts`: the channel's posts scheduled in the week (cancelled and failed ones left out);
    - `around`: the office's other posts (any channel, this one too) scheduled up to `AROUND`
      before or after the week: the context of S502's and S506's windows, never reported on;
    - `events`: the plan events that start in the week or that the week's posts name.
    """

    channel: str
    network: str
    timezone: str  # IANA name
    week: str  # ISO week, "2026-W48"
    slots: tuple[datetime, ...] = ()
    quiet_hours: tuple[time, time] | None = (time(22, 0), time(8, 0))
    languages: tuple[str, ...] = ("kk", "ru")  # the office's languages
    posts: tuple[WeekPost, ...] = ()
    events: tuple[WeekEvent, ...] = ()
    around: tuple[WeekPost, ...] = ()

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def monday(self) -> date:
        year, week = self.week.upper().split("-W")
        return date.fromisocalendar(int(year), int(week), 1)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.monday, time(0), tzinfo=self.tz).astimezone(UTC)

    @property
    def end(self) -> datetime:
        return datetime.combine(
            self.monday + timedelta(days=7), time(0), tzinfo=self.tz
        ).astimezone(UTC)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def counted_posts(self) -> list[WeekPost]:
        """The week's posts that count, in time order."""
        posts = [p for p in self.posts if p.counted]
        return sorted(posts, key=lambda p: (p.scheduled_at, p.post_id or 0))  # type: ignore[arg-type,return-value]

    def event(self, key: str | None) -> WeekEvent | None:
        return next((e for e in self.events if e.key == key), None) if key else None

    def is_quiet(self, moment: datetime, quiet: tuple[time, time] | None = None) -> bool:
        """Whether `moment` falls in the quiet hours (start inclusive, end not), local time."""
        quiet = quiet if quiet is not None else self.quiet_hours
        if quiet is None:
            return False
        start, end = quiet
        if start == end:
            return False
        at = self.local(moment).time().replace(tzinfo=None)
        return start <= at < end if start < end else at >= start or at < end


@dataclass(frozen=True)
class WeekFinding:
    """A week rule's finding and what it belongs to: a post of the week, or a plan item."""

    finding: Finding
    post_id: int | None = None
    plan: str | None = None


WEEKDAYS: tuple[Text, ...] = (
    Text(kk="Дс", ru="Пн", en="Mon"),
    Text(kk="Сс", ru="Вт", en="Tue"),
    Text(kk="Ср", ru="Ср", en="Wed"),
    Text(kk="Бс", ru="Чт", en="Thu"),
    Text(kk="Жм", ru="Пт", en="Fri"),
    Text(kk="Сб", ru="Сб", en="Sat"),
    Text(kk="Жс", ru="Вс", en="Sun"),
)
LABELS = {
    "slots": Text(kk="слоттар", ru="слоты", en="slots"),
    "event": Text(kk="іс-шара", ru="мероприятие", en="event"),
    "partners": Text(kk="серіктестер", ru="партнёры", en="partners"),
    "deadline": Text(kk="мерзімі", ru="срок", en="deadline"),
    "around": Text(
        kk="басқа апта не арна", ru="другая неделя или канал", en="another week or channel"
    ),
}


def day_time(moment: datetime, lang: Lang, *, date_too: bool = False) -> str:
    """`Пн 10:00` (or `Пн 2026-11-23 10:00`): a local instant, the weekday in `lang`."""
    day = WEEKDAYS[moment.weekday()].get(lang)
    return f"{day} {moment:%Y-%m-%d %H:%M}" if date_too else f"{day} {moment:%H:%M}"


def describe(week: ChannelWeek, lang: Lang = "en") -> list[str]:
    """A week in a few lines, in local time: for `arna rule CODE` (a week rule's examples)."""

    def label(key: str) -> str:
        return LABELS[key].get(lang)

    slots = ", ".join(day_time(week.local(s), lang) for s in week.slots) or "—"
    lines = [
        f"{week.channel} ({week.network}), {week.week}, {week.timezone}; {label('slots')}: {slots}"
    ]
    for e in week.events:
        partners = ", ".join(e.partners) or "—"
        deadline = f"{week.local(e.deadline):%Y-%m-%d %H:%M}" if e.deadline else "—"
        lines.append(
            f"{label('event')} {e.key} «{e.title}» "
            f"{day_time(week.local(e.starts_at), lang, date_too=True)}, {e.scale}; "
            f"{label('partners')}: {partners}; {label('deadline')}: {deadline}"
        )
    for p, other in [(p, False) for p in week.posts] + [(p, True) for p in week.around]:
        when = day_time(week.local(p.scheduled_at), lang, date_too=other) if p.scheduled_at else "—"
        facts = [
            f"#{p.post_id}",
            *([p.channel or ""] if other else []),
            when,
            p.kind,
            p.status if p.status != "in_review" else "",
            p.language or "",
            p.story or "",
            f"event={p.event}" if p.event else "",
        ]
        text = " ".join(p.text.split())
        text = text if len(text) <= 60 else text[:59] + "…"
        line = " ".join(f for f in facts if f) + (f": {text}" if text else "")
        lines.append(f"({label('around')}) {line}" if other else line)
    return lines
