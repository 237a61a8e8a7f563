"""The `arna` command.

Exit codes: 0 done; 1 an action the lifecycle refused; 2 a usage, config or input error (nothing
was written); 3 the database was busy or unreachable.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import col, select

from arna import messages as M
from arna import publish_cmd
from arna.workspace import Workspace, current_user, init_workspace
from posts import lifecycle, migrate
from posts.drafts import find_drafts
from posts.errors import ArnaError, InputError, LifecycleError, StorageError
from posts.i18n import Lang, Text, resolve_lang
from posts.models import AuditEvent, Post, Story
from posts.queue import check_drafts, import_drafts
from posts.vocab import PostStatus
from posts.waivers import waive
from scheduler.slots import next_free_slot

EXIT_OK, EXIT_REFUSED, EXIT_INPUT, EXIT_STORAGE = 0, 1, 2, 3

HELP = {
    "arna": Text(
        kk="Arna: «Рухани жаңғыру» әлеуметтік желі жарияланымдарын жоспарлау және тексеру.",
        ru="Arna: планирование и проверка публикаций «Рухани жаңғыру» в соцсетях.",
        en="Arna: scheduling and compliance checks for «Рухани жаңғыру» social-media posts.",
    ),
    "lang": Text(kk="хабарлама тілі", ru="язык сообщений", en="language of messages"),
    "config": Text(
        kk="config.toml жолы (әйтпесе ағымдағы қалтадан ізделеді)",
        ru="путь к config.toml (иначе ищется от текущей папки)",
        en="path to config.toml (default: found from the current folder)",
    ),
    "init": Text(
        kk="жаңа жұмыс қалтасын жасау", ru="создать рабочую папку", en="create a workspace"
    ),
    "drafts": Text(kk="жоба-файлдар", ru="черновики", en="draft files"),
    "drafts check": Text(
        kk="жоба-файлдарды тексеру (ештеңе жазбайды)",
        ru="проверить черновики (ничего не записывает)",
        en="check draft files (writes nothing)",
    ),
    "queue": Text(kk="жарияланым кезегі", ru="очередь публикаций", en="the post queue"),
    "queue add": Text(
        kk="жоба-файлдарды кезекке қою: бәрін немесе ешқайсысын",
        ru="поставить черновики в очередь: все или ни одного",
        en="queue drafts: all of them or none",
    ),
    "queue list": Text(kk="кезек тізімі", ru="список очереди", en="list the queue"),
    "queue show": Text(kk="бір жарияланым", ru="одна публикация", en="show one post"),
    "queue cancel": Text(kk="жарияланымды тоқтату", ru="отменить публикацию", en="cancel a post"),
    "queue waive": Text(
        kk="ереже бұзылуына себебімен рұқсат беру (редактор)",
        ru="разрешить исключение из правила с причиной (редактор)",
        en="waive a finding with a reason (editors)",
    ),
    "db": Text(kk="дерекқор", ru="база данных", en="the database"),
    "db upgrade": Text(
        kk="сұлбаны жаңарту", ru="обновить схему", en="upgrade the schema (PostgreSQL)"
    ),
    "db current": Text(kk="сұлба нұсқасы", ru="версия схемы", en="show the schema version"),
    "week": Text(
        kk="ISO апта, мысалы 2026-W48",
        ru="неделя ISO, например 2026-W48",
        en="ISO week, such as 2026-W48",
    ),
    "format": Text(kk="шығару пішімі", ru="формат вывода", en="output format"),
    "reason": Text(kk="себебі", ru="причина", en="reason"),
}


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = resolve_lang(_prescan_lang(args_list))
    parser = build_parser(lang, publishing_only=_command_of(args_list) in publish_cmd.COMMANDS)
    args = parser.parse_args(args_list)
    args.lang = getattr(args, "lang", None)
    args.config = getattr(args, "config", None)
    lang = resolve_lang(args.lang)
    try:
        return int(args.handler(args, lang) or EXIT_OK)
    except LifecycleError as exc:
        _err(exc.render(lang))
        return EXIT_REFUSED
    except StorageError as exc:
        _err(exc.render(lang))
        return EXIT_STORAGE
    except ArnaError as exc:
        _err(exc.render(lang))
        if len(exc.problems) > 1:
            _err(M.PROBLEMS_FOUND.format(lang, n=len(exc.problems)))
        return EXIT_INPUT


def _command_of(argv: list[str]) -> str | None:
    """The subcommand's name: the first word that is neither an option nor an option's value."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--lang", "--config"):
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _prescan_lang(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return None


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def build_parser(lang: Lang, *, publishing_only: bool = False) -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return HELP[key].get(lang)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", choices=["kk", "ru", "en"], default=argparse.SUPPRESS, help=h("lang")
    )
    common.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=h("config"))
    parser = argparse.ArgumentParser(prog="arna", description=h("arna"), parents=[common])
    # No set_defaults for lang/config: parents share their action objects with every subparser, and
    # a default set here would overwrite a --lang given before the subcommand.
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(group, name: str, key: str, handler: Callable) -> argparse.ArgumentParser:  # type: ignore[no-untyped-def,type-arg]
        p = group.add_parser(name, help=h(key), description=h(key), parents=[common])
        p.set_defaults(handler=handler)
        return p

    p = command(sub, "init", "init", cmd_init)
    p.add_argument("dir", type=Path)
    p.add_argument("--office", default="turkistan", help="office id")
    p.add_argument("--editor", action="append", default=[], help="an editor's login name")

    drafts = sub.add_parser("drafts", help=h("drafts")).add_subparsers(
        required=True, metavar="ACTION"
    )
    p = command(drafts, "check", "drafts check", cmd_drafts_check)
    p.add_argument("paths", nargs="+", type=Path)

    queue = sub.add_parser("queue", help=h("queue")).add_subparsers(required=True, metavar="ACTION")
    p = command(queue, "add", "queue add", cmd_queue_add)
    p.add_argument("paths", nargs="+", type=Path)
    p = command(queue, "list", "queue list", cmd_queue_list)
    p.add_argument("--week", help=h("week"))
    p.add_argument("--status", choices=[s.value for s in PostStatus])
    p.add_argument("--channel")
    p.add_argument("--format", choices=["text", "json"], default="text", help=h("format"))
    p = command(queue, "show", "queue show", cmd_queue_show)
    p.add_argument("id", type=int)
    p.add_argument("--format", choices=["text", "json"], default="text", help=h("format"))
    p = command(queue, "cancel", "queue cancel", cmd_queue_cancel)
    p.add_argument("id", type=int)
    p.add_argument("--reason", help=h("reason"))
    p = command(queue, "waive", "queue waive", cmd_queue_waive)
    p.add_argument("id", type=int)
    p.add_argument("code")
    p.add_argument("--reason", required=True, help=h("reason"))

    publish_cmd.register(sub, common, lang)
    if publishing_only:
        return parser
    # the linter's commands import the linter (about 100 MB of models and libraries): not for
    # the daemon, which lints only when a post is due
    from arna import corpus_cmd, desk_cmd, lint_cmd, plan_cmd

    desk_cmd.register(sub, common, lang)
    lint_cmd.register(sub, common, lang)
    corpus_cmd.register(sub, common, lang)
    plan_cmd.register(sub, common, lang)

    db = sub.add_parser("db", help=h("db")).add_subparsers(required=True, metavar="ACTION")
    command(db, "upgrade", "db upgrade", cmd_db_upgrade)
    command(db, "current", "db current", cmd_db_current)
    return parser


# --- commands ---------------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, lang: Lang) -> int:
    drafts = init_workspace(
        args.dir, today=date.today(), office_id=args.office, editors=tuple(args.editor)
    )
    print(M.INIT_DONE.format(lang, dir=args.dir, drafts=len(drafts)))
    print(M.INIT_NEXT.format(lang, dir=args.dir))
    return EXIT_OK


def cmd_drafts_check(args: argparse.Namespace, lang: Lang) -> int:
    from posts.config import find_config, load_config

    config = load_config(args.config or find_config())
    _require_drafts(args.paths)
    checked = check_drafts(args.paths, config, now=datetime.now(UTC))
    for item in checked:
        print(f"{item.draft.path}: {M.DRAFT_OK.get(lang)}")
    print(M.DRAFTS_CHECKED.format(lang, n=len(checked)))
    return EXIT_OK


def cmd_queue_add(args: argparse.Namespace, lang: Lang) -> int:
    _require_drafts(args.paths)
    ws = Workspace.open(args.config)
    try:
        config = ws.config

        def slot_finder(channel_id: str | None, taken: set[datetime]) -> datetime | None:
            channel = config.channel(channel_id) if channel_id else None
            if channel is None:
                return None
            return next_free_slot(channel.slot_times(), config.tz, datetime.now(UTC), taken)

        posts = import_drafts(
            ws.db,
            ws.store,
            config,
            args.paths,
            actor=current_user(),
            now=datetime.now(UTC),
            slot_finder=slot_finder,
        )
        _print_table(posts, ws, lang)
        print(M.QUEUED.format(lang, n=len(posts)))
    finally:
        ws.close()
    return EXIT_OK


def cmd_queue_list(args: argparse.Namespace, lang: Lang) -> int:
    ws = Workspace.open(args.config)
    try:
        query = select(Post).order_by(
            col(Post.scheduled_at).is_(None), col(Post.scheduled_at), col(Post.id)
        )
        if args.status:
            query = query.where(Post.status == args.status)
        if args.channel:
            query = query.where(Post.channel == args.channel)
        if args.week:
            start, end = _week_range(args.week, ws)
            query = query.where(col(Post.scheduled_at) >= start, col(Post.scheduled_at) < end)
        with ws.db.read() as s:
            posts = list(s.exec(query))
            stories = {st.id: st.key for st in s.exec(select(Story))}
        if args.format == "json":
            print(json.dumps([_post_json(p, stories) for p in posts], ensure_ascii=False, indent=2))
        elif posts:
            _print_table(posts, ws, lang, stories)
        else:
            print(M.EMPTY_LIST.get(lang))
    finally:
        ws.close()
    return EXIT_OK


def cmd_queue_show(args: argparse.Namespace, lang: Lang) -> int:
    ws = Workspace.open(args.config)
    try:
        with ws.db.read() as s:
            post = lifecycle.get_post(s, args.id)
            story = s.get(Story, post.story_id)
            media = lifecycle.media_of(s, post.id)
            trail = list(
                s.exec(
                    select(AuditEvent)
                    .where(AuditEvent.post_id == post.id)
                    .order_by(col(AuditEvent.id))
                )
            )
        if args.format == "json":
            data = _post_json(post, {post.story_id: story.key if story else ""})
            data["media"] = [{"sha256": sha, "alt": alt} for sha, alt in media]
            data["history"] = [_event_json(e) for e in trail]
            print(json.dumps(data, ensure_ascii=False, indent=2))
            return EXIT_OK
        rows = [
            (M.H_ID, f"#{post.id}"),
            (M.H_STATUS, post.status),
            (M.H_NETWORK, post.network),
            (M.H_CHANNEL, post.channel or "—"),
            (M.H_KIND, post.kind),
            (M.H_LANGUAGE, post.language or "—"),
            (M.H_STORY, story.key if story else "—"),
            (M.H_WHEN, _local(post.scheduled_at, ws, lang)),
            (M.H_AUTHOR, post.author),
            (M.H_SOURCE, post.source_path or "—"),
            (M.H_HASH, post.content_hash[:16]),
        ]
        width = max(len(k.get(lang)) for k, _ in rows)
        for label, value in rows:
            print(f"{label.get(lang):<{width}}  {value}")
        print(f"\n{M.H_TEXT.get(lang)}:\n{post.text}\n")
        if media:
            print(f"{M.H_MEDIA.get(lang)}:")
            for sha, alt in media:
                print(f"  {sha[:16]}  {ws.store.path_for(sha)}" + (f"  «{alt}»" if alt else ""))
        print(f"{M.H_HISTORY.get(lang)}:")
        for e in trail:
            step = f"{e.from_status or '∅'} → {e.to_status}"
            why = f"  ({e.reason})" if e.reason else ""
            print(f"  {_local(e.at, ws, lang)}  {e.actor:<12} {e.action:<14} {step}{why}")
    finally:
        ws.close()
    return EXIT_OK


def cmd_queue_cancel(args: argparse.Namespace, lang: Lang) -> int:
    ws = Workspace.open(args.config)
    try:
        with ws.db.write() as s:
            post = lifecycle.get_post(s, args.id)
            lifecycle.apply(s, post, lifecycle.Action.CANCEL, current_user(), reason=args.reason)
        print(M.CANCELLED.format(lang, id=args.id))
    finally:
        ws.close()
    return EXIT_OK


def cmd_queue_waive(args: argparse.Namespace, lang: Lang) -> int:
    from linters.engine import REGISTRY

    code = args.code.upper()
    if code not in REGISTRY:
        from arna import lint_cmd

        raise InputError.of(lint_cmd.UNKNOWN_RULE, fix=lint_cmd.UNKNOWN_RULE_FIX, code=args.code)
    ws = Workspace.open(args.config)
    try:
        publish_cmd.require_editor(ws.config, current_user())
        with ws.db.write() as s:
            post = lifecycle.get_post(s, args.id)
            waive(s, post, code, args.reason, current_user())
        print(M.WAIVED.format(lang, id=args.id, code=code))
    finally:
        ws.close()
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace, lang: Lang) -> int:
    from posts.config import find_config, load_config
    from posts.db import database_url, open_database

    config = load_config(args.config or find_config())
    db = open_database(database_url(config.database_path))
    try:
        migrate.upgrade(db)
        print(M.DB_UPGRADED.format(lang, head=migrate.head_revision()))
    finally:
        db.dispose()
    return EXIT_OK


def cmd_db_current(args: argparse.Namespace, lang: Lang) -> int:
    from posts.config import find_config, load_config
    from posts.db import database_url, open_database

    config = load_config(args.config or find_config())
    db = open_database(database_url(config.database_path))
    try:
        current = migrate.current_revision(db) or "∅"
        print(M.DB_AT.format(lang, current=current, head=migrate.head_revision()))
    finally:
        db.dispose()
    return EXIT_OK


# --- helpers ----------------------------------------------------------------------------------------


def _require_drafts(paths: Sequence[Path]) -> None:
    """Linting or queueing nothing is an error, not a clean run."""
    if not find_drafts(paths):
        raise InputError.of(
            M.NOTHING_TO_DO, fix=M.NOTHING_TO_DO_FIX, paths=" ".join(str(p) for p in paths)
        )


def _week_range(value: str, ws: Workspace) -> tuple[datetime, datetime]:
    try:
        year, week = value.upper().split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise InputError.of(M.BAD_WEEK, key="--week", fix=M.BAD_WEEK_FIX, value=value) from None
    start = datetime.combine(monday, datetime.min.time(), tzinfo=ws.config.tz)
    return start.astimezone(UTC), (start + timedelta(days=7)).astimezone(UTC)


def _local(moment: datetime | None, ws: Workspace, lang: Lang) -> str:
    if moment is None:
        return M.NOT_SET.get(lang)
    return moment.astimezone(ws.config.tz).strftime("%a %Y-%m-%d %H:%M")


def _print_table(
    posts: Sequence[Post], ws: Workspace, lang: Lang, stories: dict[int | None, str] | None = None
) -> None:
    if stories is None:
        with ws.db.read() as s:
            stories = {st.id: st.key for st in s.exec(select(Story))}
    heads = [M.H_ID, M.H_STATUS, M.H_NETWORK, M.H_CHANNEL, M.H_WHEN, M.H_STORY, M.H_TEXT]
    rows = [
        [
            f"#{p.id}",
            p.status,
            p.network,
            p.channel or "—",
            _local(p.scheduled_at, ws, lang),
            stories.get(p.story_id, ""),
            _snippet(p.text),
        ]
        for p in posts
    ]
    table = [[h.get(lang) for h in heads], *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(heads) - 1)]
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1])


def _snippet(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _post_json(post: Post, stories: dict[int | None, str]) -> dict[str, object]:
    return {
        "id": post.id,
        "status": post.status,
        "network": post.network,
        "channel": post.channel,
        "kind": post.kind,
        "language": post.language,
        "story": stories.get(post.story_id),
        "scheduled": post.scheduled_at.isoformat() if post.scheduled_at else None,
        "author": post.author,
        "version": post.version,
        "content_hash": post.content_hash,
        "source": post.source_path,
        "text": post.text,
        "options": post.options,
    }


def _event_json(e: AuditEvent) -> dict[str, object]:
    return {
        "at": e.at.isoformat(),
        "actor": e.actor,
        "action": e.action,
        "from": e.from_status,
        "to": e.to_status,
        "reason": e.reason,
    }


if __name__ == "__main__":
    sys.exit(main())
