"""`arna status`: what the publisher did last, and what waits, per channel.

Read from the database only, so it works while the daemon runs, and after it died: a heartbeat
whose last tick is older than three ticks and that never said it stopped is shown as gone.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from arna.workspace import Workspace
from posts.config import Config
from posts.i18n import Lang, Text
from posts.models import Heartbeat, Post
from posts.types import utcnow
from posts.vocab import PostStatus as S
from scheduler.reasons import render

STALE_AFTER = timedelta(minutes=3)

T = {
    "workers": Text(kk="Жариялаушылар", ru="Публикаторы", en="Publishers"),
    "none": Text(kk="әлі іске қосылмаған", ru="ещё не запускался", en="never run yet"),
    "running": Text(kk="жұмыс істеп тұр", ru="работает", en="running"),
    "stopped": Text(kk="тоқтады", ru="остановлен", en="stopped"),
    "gone": Text(
        kk="жауап бермейді (соңғы белгі ескі)",
        ru="не отвечает (последний сигнал устарел)",
        en="not answering (the last tick is old)",
    ),
    "last": Text(kk="соңғы тексеру", ru="последняя проверка", en="last tick"),
    "channels": Text(kk="Арналар", ru="Каналы", en="Channels"),
    "queued": Text(kk="кезекте", ru="в очереди", en="queued"),
    "next": Text(kk="келесісі", ru="следующий", en="next"),
    "failed": Text(kk="Жарияланбағандар", ru="Не опубликованы", en="Failed"),
    "check": Text(
        kk="Тексеру керек (arna confirm ID sent|resend)",
        ru="Нужна проверка (arna confirm ID sent|resend)",
        en="Needs check (arna confirm ID sent|resend)",
    ),
    "totals": Text(
        kk="жарияланды {sent}, сәтсіз {failed}, тексеруге {check}",
        ru="опубликовано {sent}, сбоев {failed}, на проверку {check}",
        en="sent {sent}, failed {failed}, to check {check}",
    ),
}


def read_status(ws: Workspace, now: datetime | None = None) -> dict[str, object]:
    now = now or utcnow()
    with ws.db.read() as s:
        beats = s.exec(select(Heartbeat).order_by(col(Heartbeat.last_tick).desc())).all()
        depth = dict(
            s.exec(
                select(Post.channel, func.count())
                .where(Post.status == S.SCHEDULED)
                .group_by(Post.channel)
            ).all()
        )
        upcoming = dict(
            s.exec(
                select(Post.channel, func.min(Post.scheduled_at))
                .where(Post.status == S.SCHEDULED)
                .group_by(Post.channel)
            ).all()
        )
        attention = s.exec(
            select(Post)
            .where(col(Post.status).in_([S.FAILED, S.NEEDS_CHECK]))
            .order_by(col(Post.updated_at).desc())
        ).all()
    workers = []
    for b in beats[:5]:
        state = (
            "stopped" if b.stopped_at else "gone" if now - b.last_tick > STALE_AFTER else "running"
        )
        workers.append(
            {
                "worker": b.worker,
                "state": state,
                "started_at": b.started_at,
                "last_tick": b.last_tick,
                "sent": b.sent,
                "failed": b.failed,
                "needs_check": b.needs_check,
            }
        )
    by_status = Counter((p.channel, p.status) for p in attention)
    channels = []
    for c in ws.config.channels:
        channels.append(
            {
                "channel": c.id,
                "network": str(c.network),
                "deliver": c.deliver,
                "enabled": c.enabled,
                "queued": depth.get(c.id, 0),
                "next": upcoming.get(c.id),
                "failed": by_status[(c.id, S.FAILED)],
                "needs_check": by_status[(c.id, S.NEEDS_CHECK)],
            }
        )
    return {
        "now": now,
        "workers": workers,
        "channels": channels,
        "failed": [_post(p) for p in attention if p.status == S.FAILED],
        "needs_check": [_post(p) for p in attention if p.status == S.NEEDS_CHECK],
    }


def _post(p: Post) -> dict[str, object]:
    return {"id": p.id, "channel": p.channel, "scheduled": p.scheduled_at, "reason": p.last_error}


def render_status(status: dict[str, object], config: Config, lang: Lang) -> str:
    tz = config.tz

    def local(moment: object) -> str:
        return (
            moment.astimezone(tz).strftime("%a %Y-%m-%d %H:%M")
            if isinstance(moment, datetime)
            else "—"
        )

    lines = [T["workers"].get(lang) + ":"]
    workers = status["workers"]
    assert isinstance(workers, list)
    if not workers:
        lines.append("  " + T["none"].get(lang))
    for w in workers:
        totals = T["totals"].format(
            lang, sent=w["sent"], failed=w["failed"], check=w["needs_check"]
        )
        lines.append(
            f"  {w['worker']}: {T[w['state']].get(lang)}; {T['last'].get(lang)} "
            f"{local(w['last_tick'])}; {totals}"
        )
    lines += ["", T["channels"].get(lang) + ":"]
    channels = status["channels"]
    assert isinstance(channels, list)
    for c in channels:
        lines.append(
            f"  {c['channel']:<10} {c['network']:<10} {T['queued'].get(lang)} {c['queued']:>3}  "
            f"{T['next'].get(lang)} {local(c['next'])}  ✗{c['failed']} ?{c['needs_check']}"
        )
    for key in ("failed", "needs_check"):
        rows = status[key]
        assert isinstance(rows, list)
        if rows:
            lines += ["", T["failed" if key == "failed" else "check"].get(lang) + ":"]
            lines += [
                f"  #{r['id']} {r['channel']}: {render(r['reason'], lang)}" for r in rows[:20]
            ]
    return "\n".join(lines)
