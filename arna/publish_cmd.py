"""The editor's actions and publishing from the command line.

    arna approve ID…            approve (and schedule, when the post has a time)
    arna reject ID --reason     back to draft, with the editor's comment
    arna confirm ID sent|resend a post of unknown outcome: it went out (with --url), or send again
    arna publish --due          send what is due now, once (for cron), and exit
    arna run                    the daemon
    arna status                 the last tick, queue depth per channel, failures, needs_check
    arna channels check         each channel's health, in plain words

Editors are the names in `[team] editors`; the acting user is ARNA_USER or the login name.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from arna.publish_wiring import open_publisher
from arna.workspace import Workspace, current_user
from posts import lifecycle
from posts.config import Config
from posts.errors import InputError, LifecycleError
from posts.i18n import Lang, Text
from posts.models import Publication
from posts.types import utcnow
from scheduler.reasons import render as render_reason

NOT_EDITOR = Text(
    kk="{user} редактор емес: бекіту, қайтару, рұқсат беру және растау тек редакторларға рұқсат.",
    ru="{user} не редактор: одобрять, возвращать, разрешать исключения и подтверждать могут только редакторы.",
    en="{user} is not an editor: only editors approve, reject, waive and confirm.",
)
NOT_EDITOR_FIX = Text(
    kk="Атыңызды config.toml ішіндегі [team] editors тізіміне қосыңыз (қазір: {editors}).",
    ru="Добавьте своё имя в [team] editors в config.toml (сейчас: {editors}).",
    en="Add your name to [team] editors in config.toml (now: {editors}).",
)
APPROVED = Text(
    kk="#{id} бекітілді{when}.",
    ru="#{id} одобрен{when}.",
    en="#{id} approved{when}.",
)
SCHEDULED_AT = Text(
    kk=", {at} кестеге қойылды", ru=", в расписании на {at}", en=", scheduled for {at}"
)
REJECTED = Text(
    kk="#{id} авторына қайтарылды.",
    ru="#{id} возвращён автору.",
    en="#{id} returned to its author.",
)
CONFIRMED = Text(
    kk="#{id}: жарияланды деп белгіленді.",
    ru="#{id}: отмечен как опубликованный.",
    en="#{id}: marked as sent.",
)
RESEND = Text(
    kk="#{id} қайта жіберуге кезекке қойылды.",
    ru="#{id} снова в очереди на отправку.",
    en="#{id} is queued to be sent again.",
)
AT_NEEDS_OUTBOX = Text(
    kk="--at тек outbox-қа жазатын арналарда рұқсат: {channels} желіге жібереді.",
    ru="--at допустим, только когда все каналы пишут в outbox: {channels} отправляют в сеть.",
    en="--at is allowed only when every channel writes to the outbox: {channels} send to the network.",
)
AT_FIX = Text(
    kk="--at-ты алып тастаңыз немесе --channel арқылы outbox арнасын таңдаңыз.",
    ru="Уберите --at или выберите каналы с outbox через --channel.",
    en="Drop --at, or pick outbox channels with --channel.",
)
SUMMARY = Text(
    kk="Жарияланды: {sent}, кейін қайталанады: {retry}, сәтсіз: {failed}, тексеру керек: {check}.",
    ru="Опубликовано: {sent}, повтор позже: {retry}, не удалось: {failed}, нужна проверка: {check}.",
    en="Sent: {sent}, to retry: {retry}, failed: {failed}, needs check: {check}.",
)


#: The commands registered here; `arna.cli` parses them without importing the linter's commands.
COMMANDS = frozenset(
    {"approve", "reject", "waive", "confirm", "run", "status", "channels", "publish"}
)


@contextmanager
def as_editor(args: argparse.Namespace) -> Iterator[tuple[Workspace, str]]:
    """The workspace and the acting user, who must be an editor; the workspace is closed after."""
    ws = Workspace.open(args.config)
    try:
        user = current_user()
        require_editor(ws.config, user)
        yield ws, user
    finally:
        ws.close()


def require_editor(config: Config, user: str) -> None:
    if user not in config.team.editors:
        editors = ", ".join(config.team.editors) or "—"
        raise LifecycleError.of(NOT_EDITOR, fix=NOT_EDITOR_FIX, user=user, editors=editors)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: Lang) -> None:  # type: ignore[type-arg]
    def command(name: str, help_text: Text, handler) -> argparse.ArgumentParser:  # type: ignore[no-untyped-def]
        p = sub.add_parser(
            name, help=help_text.get(lang), description=help_text.get(lang), parents=[common]
        )
        p.set_defaults(handler=handler)
        return p

    p = command("approve", HELP_APPROVE, cmd_approve)
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p = command("reject", HELP_REJECT, cmd_reject)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    p = command("waive", HELP_WAIVE, cmd_waive)
    p.add_argument("id", type=int)
    p.add_argument("code")
    p.add_argument("--reason", required=True)
    p = command("confirm", HELP_CONFIRM, cmd_confirm)
    p.add_argument("id", type=int)
    p.add_argument("answer", choices=["sent", "resend"])
    p.add_argument("--url", help="the post's address on the network")
    p = command("run", HELP_RUN, cmd_run)
    p.add_argument("--tick", type=float, default=30.0, help="seconds between checks (default 30)")
    p.add_argument("--channel", action="append", help="only these channels")
    p = command("status", HELP_STATUS, cmd_status)
    p.add_argument("--format", choices=["text", "json"], default="text")
    channels = sub.add_parser("channels", help=HELP_CHANNELS.get(lang)).add_subparsers(
        required=True, metavar="ACTION"
    )
    p = channels.add_parser(
        "check", help=HELP_CHECK.get(lang), description=HELP_CHECK.get(lang), parents=[common]
    )
    p.set_defaults(handler=cmd_channels_check)
    p = command("publish", HELP_PUBLISH, cmd_publish)
    p.add_argument("--due", action="store_true", required=True)
    p.add_argument("--at", help="rehearse as if it were this time (outbox channels only)")
    p.add_argument("--channel", action="append", help="only these channels")


HELP_APPROVE = Text(
    kk="жарияланымды бекіту (редактор)",
    ru="одобрить публикацию (редактор)",
    en="approve posts (editors)",
)
HELP_REJECT = Text(
    kk="авторына қайтару (редактор)",
    ru="вернуть автору (редактор)",
    en="return a post to its author (editors)",
)
HELP_WAIVE = Text(
    kk="ереже бұзылуына себебімен рұқсат беру (редактор)",
    ru="разрешить исключение из правила с причиной (редактор)",
    en="waive a finding with a reason (editors)",
)
HELP_CONFIRM = Text(
    kk="нәтижесі белгісіз жарияланым: жарияланды ма, қайта жіберу ме (редактор)",
    ru="публикация с неизвестным исходом: вышла или отправить снова (редактор)",
    en="a post of unknown outcome: it went out, or send it again (editors)",
)
HELP_RUN = Text(
    kk="жариялау қызметі: уақыты келгенде жібереді, SIGTERM-мен тоқтайды",
    ru="служба публикации: отправляет в срок, останавливается по SIGTERM",
    en="the publishing daemon: sends on time, stops on SIGTERM",
)
HELP_STATUS = Text(
    kk="соңғы тексеру, арналардағы кезек, сәтсіздер мен тексеру керектер",
    ru="последняя проверка, очередь по каналам, сбои и посты для проверки",
    en="the last tick, queue depth per channel, failures and posts to check",
)
HELP_CHANNELS = Text(kk="арналар", ru="каналы", en="channels")
HELP_CHECK = Text(
    kk="әр арнаның күйін тексеру (токен, құқықтар)",
    ru="проверить каждый канал (токен, права)",
    en="check each channel (token, rights)",
)
HELP_PUBLISH = Text(
    kk="уақыты келгендерді бір рет жариялау (cron үшін)",
    ru="опубликовать наступившие посты один раз (для cron)",
    en="send what is due, once (for cron)",
)


def cmd_approve(args: argparse.Namespace, lang: Lang) -> int:
    with as_editor(args) as (ws, user):
        for post_id in args.ids:
            with ws.db.write() as s:
                post = lifecycle.get_post(s, post_id)
                lifecycle.approve(s, post, user)
                when = ""
                if post.scheduled_at is not None:
                    lifecycle.apply(s, post, lifecycle.Action.SCHEDULE, user)
                    local = post.scheduled_at.astimezone(ws.config.tz)
                    when = SCHEDULED_AT.format(lang, at=local.strftime("%a %Y-%m-%d %H:%M"))
            print(APPROVED.format(lang, id=post_id, when=when))
    return 0


def cmd_reject(args: argparse.Namespace, lang: Lang) -> int:
    with as_editor(args) as (ws, user):
        with ws.db.write() as s:
            post = lifecycle.get_post(s, args.id)
            lifecycle.apply(s, post, lifecycle.Action.REJECT, user, reason=args.reason)
        print(REJECTED.format(lang, id=args.id))
    return 0


def cmd_waive(args: argparse.Namespace, lang: Lang) -> int:
    """The editor's waiver; the same as `arna queue waive`, which also checks the role."""
    from arna.cli import cmd_queue_waive

    return cmd_queue_waive(args, lang)


def cmd_confirm(args: argparse.Namespace, lang: Lang) -> int:
    with as_editor(args) as (ws, user), ws.db.write() as s:
        post = lifecycle.get_post(s, args.id)
        if args.answer == "sent":
            lifecycle.apply(
                s,
                post,
                lifecycle.Action.CONFIRM_SENT,
                user,
                reason=f"confirmed by {user}" + (f": {args.url}" if args.url else ""),
                updates={"check_after": None},
            )
            s.add(
                Publication(
                    post_id=args.id,
                    network=post.network,
                    channel=post.channel,
                    external_id=external_id_of(args.url),
                    url=args.url,
                    confirmed_by=user,
                )
            )
            print(CONFIRMED.format(lang, id=args.id))
        else:
            action = lifecycle.Action.SEND_AGAIN
            lifecycle.apply(
                s,
                post,
                action,
                user,
                reason=f"{user}: send again",
                updates={"check_after": None, "not_before": None},
            )
            print(RESEND.format(lang, id=args.id))
    return 0


def external_id_of(url: str | None) -> str:
    """A Telegram link's last part is the message id; otherwise the link itself, or "manual"."""
    if not url:
        return "manual"
    tail = url.rstrip("/").rsplit("/", 1)[-1]
    return tail if tail.isdigit() else url


def cmd_publish(args: argparse.Namespace, lang: Lang) -> int:
    ws = Workspace.open(args.config)
    try:
        now = utcnow()
        if args.at:
            now = _parse_at(args.at, ws.config)
        with open_publisher(ws, channels=args.channel, rehearsal=bool(args.at)) as publisher:
            if args.at:
                live = [
                    c for c, a in publisher.adapters.items() if not _writes_to_outbox(ws.config, c)
                ]
                if live:
                    raise InputError.of(AT_NEEDS_OUTBOX, fix=AT_FIX, channels=", ".join(live))
            started = utcnow()
            publisher.reconcile()
            tally = publisher.run_due(now)
            publisher.beat(started, tally, stopped=True)
        print(
            SUMMARY.format(
                lang,
                sent=len(tally.sent) + len(tally.confirmed),
                retry=len(tally.retry),
                failed=len(tally.failed),
                check=len(tally.needs_check) + len(tally.missed),
            )
        )
        for post_id in tally.failed + tally.needs_check + tally.missed:
            with ws.db.read() as s:
                post = lifecycle.get_post(s, post_id)
                said = render_reason(post.last_error, lang)
                print(f"  #{post_id} {post.status}: {said}", file=sys.stderr)
        return 1 if tally.failed or tally.needs_check or tally.missed else 0
    finally:
        ws.close()


def _writes_to_outbox(config: Config, channel_id: str) -> bool:
    channel = next(c for c in config.channels if c.id == channel_id)
    return channel.network == "outbox" or channel.deliver == "outbox"


def _parse_at(value: str, config: Config) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InputError.of(BAD_AT, fix=BAD_AT_FIX, value=value) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=config.tz)
    return moment.astimezone(UTC)


BAD_AT = Text(
    kk="--at мәні уақыт емес: {value}.",
    ru="--at — не время: {value}.",
    en="--at is not a time: {value}.",
)
BAD_AT_FIX = Text(
    kk="Мысалы: --at 2026-11-29T23:59 (кеңсе уақыты) немесе 2026-11-29T18:59+00:00.",
    ru="Например: --at 2026-11-29T23:59 (время офиса) или 2026-11-29T18:59+00:00.",
    en="For example --at 2026-11-29T23:59 (office time) or 2026-11-29T18:59+00:00.",
)


def cmd_run(args: argparse.Namespace, lang: Lang) -> int:
    import logging

    from scheduler.daemon import Daemon

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    for noisy in ("httpx", "apscheduler"):  # a line per request or job drowns what matters
        logging.getLogger(noisy).setLevel(logging.WARNING)
    faulthandler.register(signal.SIGUSR1)  # `kill -USR1 PID` prints every thread's stack
    ws = Workspace.open(args.config)
    try:
        with open_publisher(ws, channels=args.channel) as publisher:
            Daemon(publisher, tick=args.tick).run()
    finally:
        ws.close()
    return 0


def cmd_status(args: argparse.Namespace, lang: Lang) -> int:
    from arna.status import read_status, render_status

    ws = Workspace.open(args.config)
    try:
        status = read_status(ws)
    finally:
        ws.close()
    if args.format == "json":
        print(json.dumps(status, ensure_ascii=False, indent=2, default=str))
    else:
        print(render_status(status, ws.config, lang))
    return 0


def cmd_channels_check(args: argparse.Namespace, lang: Lang) -> int:
    from channels.registry import build_adapter

    ws = Workspace.open(args.config)
    bad = 0
    try:
        for index, channel in enumerate(ws.config.channels):
            if not channel.enabled:
                print(f"{channel.id:<12} {OFF.get(lang)}")
                continue
            adapter = build_adapter(ws.config, channel, index)
            try:
                health = adapter.check()
            finally:
                adapter.close()
            where = OUTBOX_NOTE.get(lang) if channel.deliver == "outbox" else ""
            if health.ok:
                print(f"{channel.id:<12} {OK.get(lang)}{where}")
                continue
            bad += 1
            for problem in health.problems:
                print(f"{channel.id:<12} {problem.format(lang, **health.details)}")
    finally:
        ws.close()
    return 1 if bad else 0


OK = Text(kk="дұрыс", ru="в порядке", en="ok")
OFF = Text(
    kk="өшірулі (enabled = false)", ru="выключен (enabled = false)", en="off (enabled = false)"
)
OUTBOX_NOTE = Text(
    kk=' — әзірге outbox-қа жазады (deliver = "outbox")',
    ru=' — пока пишет в outbox (deliver = "outbox")',
    en=' — writes to the outbox for now (deliver = "outbox")',
)
