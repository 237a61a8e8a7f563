"""`arna plan event add|import|list` and `arna plan show --week`.

- Event times are local times of the office (`[office] timezone`), stored in UTC; the checks and
  the import live in `posts.plan`.
- `plan event import` is all or nothing: every problem of the file is reported (file, line,
  column or key, and the fix), and nothing is written (exit 2).
- `plan show` prints, per channel, the week in local time: each slot with its post or as a free
  slot, the posts outside the slots, the plan events that start in the week, and the findings of
  the week rules (S501–S506) under it; the findings on plan items (S504) follow once, after the
  channels. Cancelled and failed posts are left out, as the rules leave them out. A slot whose
  local time differs from its configured time (the skipped hour of a spring-forward day) shows
  both: the time it goes out, and the slot's own time.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, col, select

from arna.lint_wiring import build_engine
from arna.week_wiring import channel_week, slot_labels
from arna.workspace import Workspace
from linters.engine import WeekRun
from linters.findings import Finding
from linters.week import WEEKDAYS, ChannelWeek, WeekPost, day_time, plan_location
from posts.config import Channel, Config
from posts.errors import InputError, Location
from posts.i18n import Lang, Text
from posts.models import PlanEvent, Post, Waiver
from posts.plan import (
    SCALES,
    IsoWeek,
    add_event,
    check_event,
    import_events,
    list_events,
)

EXIT_OK, EXIT_INPUT = 0, 2

HELP = {
    "plan": Text(
        kk="апталық жоспар мен медиа-грид",
        ru="недельный план и медиа-грид",
        en="the weekly plan and the media grid",
    ),
    "event": Text(kk="жоспардағы іс-шаралар", ru="мероприятия плана", en="the plan's events"),
    "add": Text(kk="іс-шара қосу", ru="добавить мероприятие", en="add an event"),
    "import": Text(
        kk="іс-шараларды CSV не TOML файлынан қосу: бәрін немесе ешқайсысын",
        ru="добавить мероприятия из файла CSV или TOML: все или ни одного",
        en="add events from a CSV or TOML file: all of them or none",
    ),
    "list": Text(kk="іс-шаралар тізімі", ru="список мероприятий", en="list the events"),
    "show": Text(
        kk="аптаны арна бойынша көрсету: слоттар, жарияланымдар, іс-шаралар, бос орындар",
        ru="показать неделю по каналам: слоты, публикации, мероприятия, пробелы",
        en="show a week per channel: slots, posts, events, gaps",
    ),
    "week": Text(
        kk="ISO апта, мысалы 2026-W48",
        ru="неделя ISO, например 2026-W48",
        en="ISO week, such as 2026-W48",
    ),
    "channel": Text(kk="тек осы арна", ru="только этот канал", en="only this channel"),
    "format": Text(kk="шығару пішімі", ru="формат вывода", en="output format"),
    "key": Text(
        kk="іс-шара кілті, мысалы 2026-11-28-kitap-fest",
        ru="ключ мероприятия, например 2026-11-28-kitap-fest",
        en="the event's key, such as 2026-11-28-kitap-fest",
    ),
    "title": Text(kk="атауы", ru="название", en="title"),
    "starts": Text(
        kk="басталуы, жергілікті уақыт: 2026-11-28T10:00",
        ru="начало, местное время: 2026-11-28T10:00",
        en="start, local time: 2026-11-28T10:00",
    ),
    "scale": Text(
        kk="ауқымы: " + ", ".join(SCALES),
        ru="масштаб: " + ", ".join(SCALES),
        en="scale: " + ", ".join(SCALES),
    ),
    "internal": Text(
        kk="ішкі іс-шара (кеңес, дөңгелек үстел, отырыс)",
        ru="внутреннее мероприятие (совещание, круглый стол, заседание)",
        en="an internal event (meeting, round table, session)",
    ),
    "partner": Text(
        kk="репост не пікірмен қолдайтын серіктес (бірнеше рет беруге болады)",
        ru="партнёр, который поддержит репостом или комментарием (можно несколько раз)",
        en="a partner who will repost or comment (may be given several times)",
    ),
    "deadline": Text(
        kk="мерзімі, жергілікті уақыт немесе күн",
        ru="срок, местное время или дата",
        en="deadline, local time or a date",
    ),
    "logo-basis": Text(
        kk="логотип негізі: plan:…, pa:<нөмір>/<күні>, ministry:<нөмір>/<күні>",
        ru="основание для логотипа: plan:…, pa:<номер>/<дата>, ministry:<номер>/<дата>",
        en="logo basis: plan:…, pa:<number>/<date>, ministry:<number>/<date>",
    ),
    "approved": Text(
        kk="бекітілген жұмыс жоспарының бөлігі",
        ru="часть утверждённого рабочего плана",
        en="part of the approved work plan",
    ),
    "file": Text(kk="CSV не TOML файлы", ru="файл CSV или TOML", en="a CSV or TOML file"),
}
ADDED = Text(
    kk="«{key}» іс-шарасы қосылды: {when} ({zone}).",
    ru="Мероприятие «{key}» добавлено: {when} ({zone}).",
    en="Event '{key}' added: {when} ({zone}).",
)
IMPORTED = Text(
    kk="{file} файлынан {n} іс-шара қосылды.",
    ru="Из {file} добавлено мероприятий: {n}.",
    en="{n} event(s) imported from {file}.",
)
NOTHING_IMPORTED = Text(
    kk="{n} мәселе табылды; жоспарға ештеңе қосылмады.",
    ru="Найдено проблем: {n}; в план ничего не добавлено.",
    en="{n} problem(s) found; nothing was added to the plan.",
)
NO_EVENTS = Text(kk="Іс-шаралар жоқ.", ru="Мероприятий нет.", en="No events.")
NO_CHANNEL = Text(
    kk="«{channel}» арнасы жоқ.",
    ru="Канала «{channel}» нет.",
    en="There is no channel '{channel}'.",
)
NO_CHANNEL_FIX = Text(
    kk="config.toml арналары: {channels}.",
    ru="Каналы в config.toml: {channels}.",
    en="The channels of config.toml: {channels}.",
)
H = {
    "key": Text(kk="кілті", ru="ключ", en="key"),
    "starts": Text(kk="басталуы", ru="начало", en="starts"),
    "scale": Text(kk="ауқымы", ru="масштаб", en="scale"),
    "title": Text(kk="атауы", ru="название", en="title"),
    "partners": Text(kk="серіктестер", ru="партнёры", en="partners"),
    "deadline": Text(kk="мерзімі", ru="срок", en="deadline"),
    "flags": Text(kk="белгілер", ru="отметки", en="flags"),
    "day": Text(kk="күні", ru="день", en="day"),
    "time": Text(kk="уақыты", ru="время", en="time"),
    "slot": Text(kk="слот", ru="слот", en="slot"),
    "post": Text(kk="жарияланым", ru="публикация", en="post"),
    "status": Text(kk="күйі", ru="статус", en="status"),
    "kind": Text(kk="түрі", ru="вид", en="kind"),
    "lang": Text(kk="тілі", ru="язык", en="lang"),
    "story": Text(kk="сюжет", ru="сюжет", en="story"),
    "text": Text(kk="мәтін", ru="текст", en="text"),
}
FLAGS = {
    "internal": Text(kk="ішкі", ru="внутреннее", en="internal"),
    "approved": Text(kk="бекітілген", ru="утверждено", en="approved"),
}
GAP = Text(kk="бос слот", ru="свободный слот", en="free slot")
EVENT = Text(kk="іс-шара", ru="мероприятие", en="event")
WEEK_HEADER = Text(
    kk="{channel} · {network} · {week}: {first} — {last}, {zone}",
    ru="{channel} · {network} · {week}: {first} — {last}, {zone}",
    en="{channel} · {network} · {week}: {first} to {last}, {zone}",
)
WEEK_SUMMARY = Text(
    kk="Слоттар: {slots}, толғаны: {filled}, бос: {gaps}; слоттан тыс жарияланым: {off}; "
    "іс-шара: {events}.",
    ru="Слотов: {slots}, занято: {filled}, свободно: {gaps}; публикаций вне слотов: {off}; "
    "мероприятий: {events}.",
    en="Slots: {slots}, filled: {filled}, free: {gaps}; posts outside slots: {off}; "
    "events: {events}.",
)
EMPTY_WEEK = Text(
    kk="Бұл аптада слот та, жарияланым да жоқ.",
    ru="На этой неделе нет ни слотов, ни публикаций.",
    en="No slots and no posts this week.",
)
FINDINGS = Text(
    kk="Аптаның ескертулері (S ережелері):",
    ru="Замечания по неделе (правила S):",
    en="Findings of the week (S rules):",
)
PLAN_FINDINGS = Text(
    kk="{week} аптасының жоспар тармақтары (S504):",
    ru="Пункты плана недели {week} (S504):",
    en="Plan items of week {week} (S504):",
)
NO_FINDINGS = Text(
    kk="Аптаның ескертулері жоқ (S ережелері).",
    ru="Замечаний по неделе нет (правила S).",
    en="No findings for the week (S rules).",
)
CRASHED = Text(
    kk="{code} ережесі істемей қалды: {error}. Басқа ережелер тексерді.",
    ru="Правило {code} сломалось: {error}. Остальные правила проверили неделю.",
    en="Rule {code} failed: {error}. The other rules still ran.",
)
WAIVED = Text(kk="рұқсат етілген", ru="исключение", en="waived")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: Lang) -> None:  # type: ignore[type-arg]
    def h(key: str) -> str:
        return HELP[key].get(lang)

    plan = sub.add_parser("plan", help=h("plan"), description=h("plan"))
    actions = plan.add_subparsers(required=True, metavar="ACTION")
    event = actions.add_parser("event", help=h("event"), description=h("event"))
    events = event.add_subparsers(required=True, metavar="ACTION")

    p = events.add_parser("add", help=h("add"), description=h("add"), parents=[common])
    p.add_argument("key", help=h("key"))
    p.add_argument("--title", required=True, help=h("title"))
    p.add_argument("--starts", required=True, help=h("starts"))
    p.add_argument("--scale", required=True, help=h("scale"))
    p.add_argument("--internal", action="store_true", help=h("internal"))
    p.add_argument("--partner", action="append", default=[], help=h("partner"))
    p.add_argument("--deadline", help=h("deadline"))
    p.add_argument("--logo-basis", help=h("logo-basis"))
    p.add_argument("--approved", action="store_true", help=h("approved"))
    p.set_defaults(handler=cmd_event_add)

    p = events.add_parser("import", help=h("import"), description=h("import"), parents=[common])
    p.add_argument("file", type=Path, help=h("file"))
    p.set_defaults(handler=cmd_event_import)

    p = events.add_parser("list", help=h("list"), description=h("list"), parents=[common])
    p.add_argument("--week", help=h("week"))
    p.add_argument("--format", choices=["text", "json"], default="text", help=h("format"))
    p.set_defaults(handler=cmd_event_list)

    p = actions.add_parser("show", help=h("show"), description=h("show"), parents=[common])
    p.add_argument("--week", required=True, help=h("week"))
    p.add_argument("--channel", help=h("channel"))
    p.add_argument("--format", choices=["text", "json"], default="text", help=h("format"))
    p.set_defaults(handler=cmd_plan_show)


# --- plan event -----------------------------------------------------------------------------------

OPTIONS = {"key": "KEY", "logo_basis": "--logo-basis", "partners": "--partner"}


def cmd_event_add(args: argparse.Namespace, lang: Lang) -> int:
    ws = Workspace.open(args.config)
    try:
        config = ws.config

        def where(name: str) -> Location:
            return Location(key=OPTIONS.get(name, f"--{name}"))

        values = {
            "key": args.key,
            "title": args.title,
            "starts": args.starts,
            "scale": args.scale,
            "internal": args.internal,
            "partners": list(args.partner),
            "deadline": args.deadline,
            "logo_basis": args.logo_basis,
            "approved": args.approved,
        }
        event, problems = check_event(values, tz=config.tz, where=where)
        if event is None:
            raise InputError(problems)
        row = add_event(ws.db, config.office.id, event, now=datetime.now(UTC))
        when = row.starts_at.astimezone(config.tz)
        print(
            ADDED.format(
                lang,
                key=row.key,
                when=day_time(when, lang, date_too=True),
                zone=config.office.timezone,
            )
        )
    finally:
        ws.close()
    return EXIT_OK


def cmd_event_import(args: argparse.Namespace, lang: Lang) -> int:
    ws = Workspace.open(args.config)
    try:
        try:
            rows = import_events(
                ws.db, ws.config.office.id, args.file, ws.config.tz, now=datetime.now(UTC)
            )
        except InputError as exc:
            print(exc.render(lang), file=sys.stderr)
            print(NOTHING_IMPORTED.format(lang, n=len(exc.problems)), file=sys.stderr)
            return EXIT_INPUT
        _print_events(rows, ws.config, lang)
        print(IMPORTED.format(lang, n=len(rows), file=args.file))
    finally:
        ws.close()
    return EXIT_OK


def cmd_event_list(args: argparse.Namespace, lang: Lang) -> int:
    ws = Workspace.open(args.config)
    try:
        start = end = None
        if args.week:
            start, end = IsoWeek.parse(args.week).bounds(ws.config.tz)
        rows = list_events(ws.db, ws.config.office.id, start, end)
        if args.format == "json":
            print(
                json.dumps([_event_json(r, ws.config) for r in rows], ensure_ascii=False, indent=2)
            )
        elif rows:
            _print_events(rows, ws.config, lang)
        else:
            print(NO_EVENTS.get(lang))
    finally:
        ws.close()
    return EXIT_OK


def _print_events(rows: Sequence[PlanEvent], config: Config, lang: Lang) -> None:
    heads = ["key", "starts", "scale", "deadline", "partners", "flags", "title"]
    table = [[H[k].get(lang) for k in heads]]
    for r in rows:
        flags = [FLAGS[f].get(lang) for f in ("internal", "approved") if getattr(r, f)]
        table.append(
            [
                r.key,
                day_time(r.starts_at.astimezone(config.tz), lang, date_too=True),
                r.scale,
                f"{r.deadline.astimezone(config.tz):%Y-%m-%d %H:%M}" if r.deadline else "—",
                ", ".join(r.partners) or "—",
                ", ".join(flags) or "—",
                r.title,
            ]
        )
    _print_table(table, indent="")


def _event_json(r: PlanEvent, config: Config) -> dict[str, object]:
    return {
        "key": r.key,
        "title": r.title,
        "starts_at": r.starts_at.isoformat(),
        "starts_local": r.starts_at.astimezone(config.tz).isoformat(),
        "scale": r.scale,
        "internal": r.internal,
        "partners": list(r.partners),
        "deadline": r.deadline.isoformat() if r.deadline else None,
        "logo_basis": r.logo_basis,
        "approved": r.approved,
    }


# --- plan show --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of a week's table: a slot (with its post, or free), a post outside the slots,
    or an event."""

    at: datetime  # UTC
    slot: str | None = None  # the configured wall-clock time of the slot
    post: WeekPost | None = None
    event: str | None = None  # the event's key

    @property
    def gap(self) -> bool:
        return self.slot is not None and self.post is None


def cmd_plan_show(args: argparse.Namespace, lang: Lang) -> int:
    ws = Workspace.open(args.config)
    try:
        config = ws.config
        week = IsoWeek.parse(args.week)
        channels = list(config.channels)
        if args.channel:
            chosen = config.channel(args.channel)
            if chosen is None:
                raise InputError.of(
                    NO_CHANNEL,
                    key="--channel",
                    fix=NO_CHANNEL_FIX,
                    channel=args.channel,
                    channels=", ".join(config.channel_ids()),
                )
            channels = [chosen]
        engine = build_engine(config, use_cache=False)
        shown = []
        with ws.db.read() as session:
            for channel in channels:
                cw = channel_week(session, config, channel, week)
                run = engine.lint_week(cw)
                waived = _waived(session, cw)
                shown.append((channel, cw, run, waived))
    finally:
        ws.close()
    plan = _plan_findings([run for _, _, run, _ in shown])
    if args.format == "json":
        data = {
            "week": week.label,
            "timezone": config.office.timezone,
            "channels": [
                _week_json(ch, cw, run, waived, config, week, lang) for ch, cw, run, waived in shown
            ],
            "plan": [_finding_json(where, f, None, lang) for where, f in plan],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    blocks = [_week_text(ch, cw, run, waived, config, week, lang) for ch, cw, run, waived in shown]
    if plan:
        lines = [PLAN_FINDINGS.format(lang, week=week.label)]
        lines += [f"  {where}: {f.code} [{f.severity.value}] {f.render(lang)}" for where, f in plan]
        blocks.append("\n".join(lines))
    print("\n\n".join(blocks))
    return EXIT_OK


def _plan_findings(runs: Sequence[WeekRun]) -> list[tuple[str, Finding]]:
    """The findings on plan items (S504), once each, though every channel's week sees them."""
    seen: set[tuple[str, str]] = set()
    out = []
    for run in runs:
        for item in run.findings:
            if item.plan is not None and (item.plan, item.finding.code) not in seen:
                seen.add((item.plan, item.finding.code))
                out.append((plan_location(item.plan), item.finding))
    return out


def _waived(session: Session, week: ChannelWeek) -> dict[tuple[int, str], str]:
    """(post id, code) -> reason, for waivers given on the posts' current content."""
    ids = [p.post_id for p in week.posts if p.post_id is not None]
    if not ids:
        return {}
    hashes = dict(
        session.exec(select(Post.id, Post.content_hash).where(col(Post.id).in_(ids))).all()
    )
    rows = session.exec(select(Waiver).where(col(Waiver.post_id).in_(ids))).all()
    return {(w.post_id, w.code): w.reason for w in rows if hashes.get(w.post_id) == w.content_hash}


def rows_of(channel: Channel, week: ChannelWeek, config: Config, iso: IsoWeek) -> list[Row]:
    """The table's rows in time order: every slot (filled or free), every post off the slots,
    every event that starts in the week."""
    labels = slot_labels(channel, config, iso)
    posts = sorted(week.posts, key=lambda p: (p.scheduled_at, p.post_id or 0))  # type: ignore[arg-type,return-value]
    rows: list[Row] = []
    for instant in week.slots:
        here = [p for p in posts if p.scheduled_at == instant]
        label = labels.get(instant, "")
        rows += [Row(instant, label, p) for p in here] or [Row(instant, label)]
    slots = set(week.slots)
    rows += [Row(p.scheduled_at, None, p) for p in posts if p.scheduled_at not in slots]  # type: ignore[arg-type]
    rows += [
        Row(e.starts_at, event=e.key) for e in week.events if week.start <= e.starts_at < week.end
    ]
    return sorted(rows, key=lambda r: (r.at, r.event is None, r.post.post_id if r.post else 0))


def _week_text(
    channel: Channel,
    week: ChannelWeek,
    run: WeekRun,
    waived: dict[tuple[int, str], str],
    config: Config,
    iso: IsoWeek,
    lang: Lang,
) -> str:
    first = iso.monday
    last = first.fromordinal(first.toordinal() + 6)
    lines = [
        WEEK_HEADER.format(
            lang,
            channel=channel.id,
            network=channel.network,
            week=iso.label,
            first=first.isoformat(),
            last=last.isoformat(),
            zone=config.office.timezone,
        )
    ]
    rows = rows_of(channel, week, config, iso)
    if not week.slots and not week.posts:
        lines.append("  " + EMPTY_WEEK.get(lang))
    else:
        heads = ["day", "time", "slot", "post", "status", "kind", "lang", "story", "text"]
        table = [[H[k].get(lang) for k in heads]]
        events = {e.key: e for e in week.events}
        for r in rows:
            local = week.local(r.at)
            when = [f"{WEEKDAYS[local.weekday()].get(lang)} {local:%Y-%m-%d}", f"{local:%H:%M}"]
            if r.event is not None:
                e = events[r.event]
                table.append(
                    [
                        *when,
                        "—",
                        "★",
                        EVENT.get(lang),
                        "",
                        "",
                        "",
                        f"«{e.title}» ({e.key}, {e.scale})",
                    ]
                )
            elif r.post is None:
                table.append([*when, r.slot or "—", "—", GAP.get(lang), "", "", "", ""])
            else:
                p = r.post
                table.append(
                    [
                        *when,
                        r.slot or "—",
                        f"#{p.post_id}",
                        p.status,
                        p.kind,
                        p.language or "—",
                        p.story or "—",
                        _snippet(p.text),
                    ]
                )
        lines += _table_lines(table, indent="  ")
        filled = len({r.at for r in rows if r.slot is not None and r.post is not None})
        lines.append(
            "  "
            + WEEK_SUMMARY.format(
                lang,
                slots=len(week.slots),
                filled=filled,
                gaps=sum(1 for r in rows if r.gap),
                off=sum(1 for r in rows if r.post is not None and r.slot is None),
                events=sum(1 for r in rows if r.event is not None),
            )
        )
    found = _findings(run, waived)
    lines += ["  " + CRASHED.format(lang, code=c.code, error=c.error) for c in run.crashes]
    if not week.slots and not week.posts:
        return "\n".join(lines)
    if not found:
        lines.append("  " + NO_FINDINGS.get(lang))
        return "\n".join(lines)
    lines.append("  " + FINDINGS.get(lang))
    for where, f, reason in found:
        severity = f.severity.value if reason is None else f"{f.severity.value}, {WAIVED.get(lang)}"
        tail = f" ({reason})" if reason else ""
        lines.append(f"    {where}: {f.code} [{severity}] {f.render(lang)}{tail}")
    return "\n".join(lines)


def _findings(
    run: WeekRun, waived: dict[tuple[int, str], str]
) -> list[tuple[str, Finding, str | None]]:
    """(where, finding, waiver reason) of the week's posts, in the week's order."""
    posts = sorted(run.week.posts, key=lambda p: (p.scheduled_at, p.post_id or 0))  # type: ignore[arg-type,return-value]
    order = {p.post_id: i for i, p in enumerate(posts)}
    out = [
        (
            order[item.post_id],
            f"#{item.post_id}",
            item.finding,
            waived.get((item.post_id, item.finding.code)),
        )
        for item in run.findings
        if item.post_id is not None and item.post_id in order
    ]
    out.sort(key=lambda x: (x[0], x[2].code))
    return [(where, f, reason) for _, where, f, reason in out]


def _finding_json(where: str, f: Finding, reason: str | None, lang: Lang) -> dict[str, object]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "where": where,
        "message": f.render(lang),
        "evidence": json.loads(json.dumps(dict(f.evidence), default=str)),
        "waived": reason is not None,
    }


def _week_json(
    channel: Channel,
    week: ChannelWeek,
    run: WeekRun,
    waived: dict[tuple[int, str], str],
    config: Config,
    iso: IsoWeek,
    lang: Lang,
) -> dict[str, object]:
    rows = []
    for r in rows_of(channel, week, config, iso):
        row: dict[str, object] = {
            "type": "event" if r.event else "gap" if r.gap else "post",
            "at": r.at.isoformat(),
            "local": week.local(r.at).isoformat(),
            "slot": r.slot,
        }
        if r.post is not None:
            row |= {
                "post_id": r.post.post_id,
                "status": r.post.status,
                "kind": r.post.kind,
                "language": r.post.language,
                "story": r.post.story,
            }
        if r.event is not None:
            row["event"] = r.event
        rows.append(row)
    return {
        "channel": channel.id,
        "network": str(channel.network),
        "slots": [s.isoformat() for s in week.slots],
        "rows": rows,
        "findings": [_finding_json(w, f, reason, lang) for w, f, reason in _findings(run, waived)],
        "crashes": [{"code": c.code, "error": c.error} for c in run.crashes],
    }


def _snippet(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _table_lines(table: list[list[str]], indent: str) -> list[str]:
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]) - 1)]
    return [
        (
            indent
            + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False))
            + "  "
            + row[-1]
        ).rstrip()
        for row in table
    ]


def _print_table(table: list[list[str]], indent: str) -> None:
    for line in _table_lines(table, indent):
        print(line)
