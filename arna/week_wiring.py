"""Channel weeks from the workspace database, for the week rules (S) and `arna plan show`.

`channel_week` reads one channel's ISO week: its slots (computed by `scheduler.slots` in the
office's zone), its posts, the office's posts around it and the plan events it touches, into the
plain `linters.week.ChannelWeek` the rules read. `weeks_of` names the channel weeks that hold the
posts of a lint run.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, or_, select

from linters.subject import Subject
from linters.week import AROUND, NOT_COUNTED, ChannelWeek, WeekEvent, WeekPost
from posts.config import Channel, Config
from posts.models import PlanEvent, Post, Story
from posts.plan import IsoWeek
from scheduler.slots import slot_instants


def weeks_of(session: Session, config: Config, subjects: Sequence[Subject]) -> list[ChannelWeek]:
    """The weeks of the channels that hold these (queued) posts: one per channel and ISO week
    with a scheduled post among them, on a channel of config.toml."""
    ids = [s.post_id for s in subjects if s.post_id is not None]
    if not ids:
        return []
    rows = session.exec(
        select(Post.channel, Post.scheduled_at).where(
            col(Post.id).in_(ids), col(Post.scheduled_at).is_not(None)
        )
    ).all()
    wanted = sorted(
        {
            (channel, IsoWeek.of(at, config.tz))
            for channel, at in rows
            if channel and at is not None and config.channel(channel) is not None
        },
        key=lambda cw: (cw[1], cw[0]),
    )
    return [channel_week(session, config, config.channel(c), week) for c, week in wanted]  # type: ignore[arg-type]


def channel_week(session: Session, config: Config, channel: Channel, week: IsoWeek) -> ChannelWeek:
    """One channel's week, as the week rules see it."""
    return channel_weeks(session, config, [channel], week)[0]


def channel_weeks(
    session: Session, config: Config, channels: Sequence[Channel], week: IsoWeek
) -> list[ChannelWeek]:
    """The week of each channel, read with one query for the posts (the week and the days
    around it, which the week rules also look at) whatever the number of channels."""
    tz = config.tz
    start, end = week.bounds(tz)
    office = config.office.id
    counted = col(Post.status).not_in(sorted(NOT_COUNTED))
    around = session.exec(
        select(Post)
        .where(
            Post.office == office,
            col(Post.scheduled_at) >= start - AROUND,
            col(Post.scheduled_at) < end + AROUND,
            counted,
        )
        .order_by(col(Post.scheduled_at), col(Post.id))
    ).all()
    story_ids = sorted({p.story_id for p in around})
    stories = {s.id: s.key for s in session.exec(select(Story).where(col(Story.id).in_(story_ids)))}
    in_week = [p for p in around if start <= p.scheduled_at < end]  # type: ignore[operator]
    keys = sorted({p.event_key for p in in_week if p.event_key})
    events = session.exec(
        select(PlanEvent)
        .where(
            PlanEvent.office == office,
            or_(
                (col(PlanEvent.starts_at) >= start) & (col(PlanEvent.starts_at) < end),
                col(PlanEvent.key).in_(keys),
            ),
        )
        .order_by(col(PlanEvent.starts_at), col(PlanEvent.key))
    ).all()
    converted = {p.id: _post(p, stories) for p in around}
    out = []
    for channel in channels:
        own = [p for p in in_week if p.channel == channel.id]
        own_ids = {p.id for p in own}
        own_keys = {p.event_key for p in own if p.event_key}
        out.append(
            ChannelWeek(
                channel=channel.id,
                network=str(channel.network),
                timezone=config.office.timezone,
                week=week.label,
                slots=week_slots(channel, config, week),
                quiet_hours=config.schedule.quiet_range,
                languages=tuple(config.office.languages),
                posts=tuple(converted[p.id] for p in own),
                events=tuple(
                    _event(e) for e in events if start <= e.starts_at < end or e.key in own_keys
                ),
                around=tuple(converted[p.id] for p in around if p.id not in own_ids),
            )
        )
    return out


def week_slots(channel: Channel, config: Config, week: IsoWeek) -> tuple[datetime, ...]:
    """The channel's slot instants in the week (UTC), each once, in order."""
    start, end = week.bounds(config.tz)
    return tuple(sorted(set(slot_instants(channel.slot_times(), config.tz, start, end))))


def slot_labels(channel: Channel, config: Config, week: IsoWeek) -> dict[datetime, str]:
    """Each slot instant of the week with the wall-clock time it was configured at ("02:30"):
    on the day the clocks spring forward, a slot in the skipped hour is later than its label."""
    start, end = week.bounds(config.tz)
    labels: dict[datetime, str] = {}
    for weekday, at in channel.slot_times():
        for instant in slot_instants([(weekday, at)], config.tz, start, end):
            labels.setdefault(instant, f"{at:%H:%M}")
    return labels


def _post(post: Post, stories: dict[int | None, str]) -> WeekPost:
    return WeekPost(
        post_id=post.id,
        kind=post.kind,
        scheduled_at=post.scheduled_at,
        language=post.language,
        story=stories.get(post.story_id),
        event=post.event_key,
        status=post.status,
        text=post.text,
        channel=post.channel,
        network=post.network,
    )


def _event(event: PlanEvent) -> WeekEvent:
    return WeekEvent(
        key=event.key,
        title=event.title,
        starts_at=event.starts_at,
        scale=event.scale,
        partners=tuple(event.partners or ()),
        deadline=event.deadline,
        internal=event.internal,
        approved=event.approved,
    )
