"""`arna lint`, `arna rules` and `arna rule CODE`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from sqlmodel import col, select

from arna.lint_wiring import build_engine, workspace_database
from linters.engine import REGISTRY, Engine, PostResult
from linters.findings import Severity
from linters.report import Progress, render
from linters.rule import Example, Rule, WeekExample
from linters.subject import Subject, subject_from_draft, subject_from_post
from linters.week import ChannelWeek
from posts.config import Config, find_config, load_config
from posts.drafts import find_drafts, parse_draft
from posts.errors import ArnaError, ConfigError, InputError
from posts.i18n import Lang, Text
from posts.media_probe import MediaInfo, probe_media
from posts.models import Post
from posts.vocab import DRAFT_NETWORKS, PostStatus

EXIT_OK, EXIT_FOUND, EXIT_INPUT = 0, 1, 2
NEVER = datetime(1970, 1, 1, tzinfo=UTC)  # lint does not judge `scheduled` against the clock
LINTABLE = (PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.SCHEDULED)

HELP = {
    "lint": Text(
        kk="жоба-файлдарды не кезектегі жарияланымдарды нұсқаулық бойынша тексеру",
        ru="проверить черновики или публикации в очереди по методичке",
        en="check drafts or queued posts against the guide",
    ),
    "queued": Text(
        kk="кезектегі жарияланымдарды тексеру",
        ru="проверить публикации в очереди",
        en="lint the queued posts",
    ),
    "fail-on": Text(
        kk="осы деңгейден бастап шығу коды 1",
        ru="код выхода 1 начиная с этого уровня",
        en="exit 1 from this severity up",
    ),
    "no-cache": Text(kk="кэшсіз", ru="без кэша", en="do not use the findings cache"),
    "rules": Text(kk="ережелер тізімі", ru="список правил", en="list the rules"),
    "rule": Text(kk="бір ереженің түсіндірмесі", ru="описание правила", en="explain one rule"),
}
NOTHING_TO_LINT = Text(
    kk="Тексеретін ештеңе жоқ: {what}.",
    ru="Нечего проверять: {what}.",
    en="Nothing to lint: {what}.",
)
NOTHING_TO_LINT_FIX = Text(
    kk="Жоба-файлдарды не қалтаны көрсетіңіз, немесе --queued.",
    ru="Укажите черновики или папку, или --queued.",
    en="Name draft files or a folder, or use --queued.",
)
UNKNOWN_RULE = Text(
    kk="«{code}» ережесі жоқ.", ru="Правила «{code}» нет.", en="There is no rule '{code}'."
)
UNKNOWN_RULE_FIX = Text(
    kk="Тізімді қараңыз: `arna rules`.",
    ru="Посмотрите список: `arna rules`.",
    en="See the list: `arna rules`.",
)
RULE_CRASHED = Text(
    kk="{path}: {code} ережесі істемей қалды ({error}); басқа ережелер тексерді.",
    ru="{path}: правило {code} сломалось ({error}); остальные правила проверили пост.",
    en="{path}: rule {code} failed ({error}); the other rules still ran.",
)
LABELS = {
    "what": Text(kk="Не тексереді", ru="Что проверяет", en="What it checks"),
    "why": Text(kk="Неге", ru="Почему", en="Why"),
    "basis": Text(kk="Негізі", ru="Основание", en="Basis"),
    "instead": Text(kk="Орнына не жазу керек", ru="Что писать вместо", en="Write instead"),
    "flag": Text(kk="Белгіленеді", ru="Будет отмечено", en="Flagged"),
    "pass": Text(kk="Өтеді", ru="Пройдёт", en="Passes"),
    "settings": Text(kk="Баптаулар", ru="Настройки", en="Settings"),
    "waive": Text(kk="Қалай рұқсат беру", ru="Как разрешить исключение", en="How to waive"),
    "applies": Text(kk="Қолданылады", ru="Применяется", en="Applies to"),
    "all": Text(kk="барлық желі", ru="все сети", en="every network"),
}
DEFAULT_WAIVE = Text(
    kk='Редактор десктен немесе өз аккаунтынан себебін жазып рұқсат береді: [[waive]] code = "{code}", reason = "…". Мазмұн өзгерсе, рұқсат күшін жояды.',
    ru='Редактор разрешает исключение в десктопе или из своей учётной записи с причиной: [[waive]] code = "{code}", reason = "…". При изменении содержания разрешение теряет силу.',
    en='An editor waives it from the desk or an editor\'s account, with a reason: [[waive]] code = "{code}", reason = "…". Any change of the content voids the waiver.',
)


def arna_version() -> str:
    try:
        return version("arna")
    except PackageNotFoundError:
        return "0+unknown"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: Lang) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "lint", help=HELP["lint"].get(lang), description=HELP["lint"].get(lang), parents=[common]
    )
    p.add_argument("paths", nargs="*", type=Path)
    p.add_argument("--queued", action="store_true", help=HELP["queued"].get(lang))
    p.add_argument("--network", choices=DRAFT_NETWORKS)
    p.add_argument("--format", choices=["text", "json", "sarif", "html", "github"], default="text")
    p.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        default="error",
        help=HELP["fail-on"].get(lang),
    )
    p.add_argument("--output", "-o", type=Path)
    p.add_argument("--no-cache", action="store_true", help=HELP["no-cache"].get(lang))
    p.set_defaults(handler=cmd_lint)
    p = sub.add_parser("rules", help=HELP["rules"].get(lang), parents=[common])
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(handler=cmd_rules)
    p = sub.add_parser("rule", help=HELP["rule"].get(lang), parents=[common])
    p.add_argument("code")
    p.set_defaults(handler=cmd_rule)


def _optional_config(path: Path | None) -> Config | None:
    try:
        return load_config(path or find_config())
    except ConfigError:
        if path is not None:
            raise
        try:
            find_config()
        except ConfigError:
            return None  # no workspace: lint with the defaults
        raise


def cmd_lint(args: argparse.Namespace, lang: Lang) -> int:
    config = _optional_config(args.config)
    db = workspace_database(config) if config else None
    try:
        return _lint(args, lang, config, build_engine(config, use_cache=not args.no_cache, db=db))
    finally:
        if db is not None:
            db.dispose()


def _lint(args: argparse.Namespace, lang: Lang, config: Config | None, engine: Engine) -> int:
    problems: list[ArnaError] = []
    weeks: list[ChannelWeek] = []
    if args.queued:
        subjects, weeks = _queued_subjects(config, args.network)
    else:
        subjects = _draft_subjects(args.paths, config, args.network, problems)
    if not subjects and not problems:
        what = "--queued" if args.queued else " ".join(map(str, args.paths)) or "∅"
        raise InputError.of(NOTHING_TO_LINT, fix=NOTHING_TO_LINT_FIX, what=what)
    progress = Progress(len(subjects), sys.stderr)
    results = engine.lint_many(subjects, on_done=progress.advance, weeks=weeks)
    progress.close()
    if engine.cache:
        engine.cache.close()
    output = render(
        results,
        args.format,
        lang=lang,
        registry=REGISTRY,
        version=arna_version(),
        color=False if args.output else None,
    )
    if args.output:
        args.output.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    if args.format not in ("text", "html"):  # those two show crashed rules under their post
        _report_crashes(results, lang)
    for problem in problems:
        print(problem.render(lang), file=sys.stderr)
    if problems:
        return EXIT_INPUT
    threshold = Severity(args.fail_on)
    reached = any(
        f.severity.reaches(threshold) for r in results for f in r.findings if not f.waived
    )
    return EXIT_FOUND if reached else EXIT_OK


def _draft_subjects(
    paths: Sequence[Path], config: Config | None, network: str | None, problems: list[ArnaError]
) -> list[Subject]:
    from zoneinfo import ZoneInfo

    tz = config.tz if config else ZoneInfo("Asia/Almaty")
    channels = {c.id: c.network for c in config.channels} if config else None
    max_bytes = config.max_media_bytes if config else 200 * 1024 * 1024
    subjects = []
    for path in find_drafts(paths) if paths else []:
        try:
            draft = parse_draft(path, tz=tz, now=NEVER, channels=channels)
        except ArnaError as exc:
            problems.append(exc)
            continue
        if network and draft.network != network:
            continue
        infos: list[MediaInfo] = []
        unreadable: dict[Path, tuple[str, str, str]] = {}
        for media in draft.media:
            try:
                infos.append(probe_media(media, max_bytes=max_bytes))
            except ArnaError as exc:  # a finding (P305), not a stop: the week is still linted
                unreadable[media] = (exc.render("kk"), exc.render("ru"), exc.render("en"))
        subjects.append(subject_from_draft(draft, tuple(infos), unreadable))
    return subjects


def _queued_subjects(
    config: Config | None, network: str | None
) -> tuple[list[Subject], list[ChannelWeek]]:
    """The posts to lint, and the channel weeks that hold them (for the week rules, S)."""
    from arna.week_wiring import weeks_of
    from arna.workspace import Workspace

    if config is None:
        find_config()  # raises the "no workspace" error with its fix
    ws = Workspace.open(Path(config.source) if config and config.source else None)
    try:
        with ws.db.read() as s:
            query = select(Post).where(col(Post.status).in_([st.value for st in LINTABLE]))
            if network:
                query = query.where(Post.network == network)
            posts = s.exec(query.order_by(col(Post.id))).all()
            subjects = [subject_from_post(s, p, ws.store) for p in posts]
            return subjects, weeks_of(s, ws.config, subjects)
    finally:
        ws.close()


def _report_crashes(results: Sequence[PostResult], lang: Lang) -> None:
    for r in results:
        for crash in r.crashes:
            where = r.subject.path or f"#{r.subject.post_id}"
            print(
                RULE_CRASHED.format(lang, path=where, code=crash.code, error=crash.error),
                file=sys.stderr,
            )


def cmd_rules(args: argparse.Namespace, lang: Lang) -> int:
    rules = sorted(REGISTRY.values(), key=lambda r: r.code)
    if args.format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "networks": sorted(r.networks) if r.networks else None,
                "summary": r.doc.what.get(lang),
            }
            for r in rules
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(r.name) for r in rules)
    for r in rules:
        print(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.doc.what.get(lang)}")
    return EXIT_OK


def cmd_rule(args: argparse.Namespace, lang: Lang) -> int:
    rule = REGISTRY.get(args.code.upper())
    if rule is None:
        raise InputError.of(UNKNOWN_RULE, fix=UNKNOWN_RULE_FIX, code=args.code)
    print(explain(rule, lang))
    return EXIT_OK


def _example_context(example: Example) -> list[str]:
    """What an example is compared with (T104's corpus, T105's other variants and posts)."""
    out = [f"      ↔ {o.network}: {o.text}" for o in example.siblings]
    out += [f"      ↔ {p.network} ({p.published_at:%Y-%m-%d}): {p.text}" for p in example.published]
    out += [f"      ↔ {a.url}: «{a.title}» {a.text}" for a in example.corpus]
    flat = ["      " + " ".join(line.split()) for line in out]
    return [line if len(line) <= 160 else line[:159] + "…" for line in flat]


def _example_lines(mark: str, example: Example, lang: Lang) -> list[str]:
    """An example as `arna rule` shows it: the post's text, or, for a week rule, the week."""
    if isinstance(example, WeekExample):
        from linters.week import describe

        first, *rest = describe(example.channel_week(), lang)
        return [f"  {mark} {first}", *(f"      {line}" for line in rest)]
    return [f"  {mark} {example.text}", *_example_context(example)]


def explain(rule: type[Rule], lang: Lang) -> str:
    """The rule's docs for a person: what, why with the guide's words, examples, settings."""

    def label(key: str) -> str:
        return LABELS[key].get(lang)

    d = rule.doc
    lines = [f"{rule.code} {rule.name} ({rule.severity.value})", ""]
    lines += [f"{label('what')}: {d.what.get(lang)}", f"{label('why')}: {d.why.get(lang)}"]
    lines += [f"{label('basis')}: {d.section}", f"  kk: {d.quote_kk}", f"  ru: {d.quote_ru}"]
    networks = ", ".join(sorted(rule.networks)) if rule.networks else label("all")
    lines += [f"{label('applies')}: {networks}", "", f"{label('flag')}:"]
    for e in rule.must_flag[:3]:
        lines += _example_lines("✗", e, lang)
    lines.append(f"{label('pass')}:")
    for e in rule.must_pass[:3]:
        lines += _example_lines("✓", e, lang)
    lines += ["", f"{label('instead')}: {d.instead.get(lang)}"]
    fields = rule.Settings.model_fields
    if fields:
        lines += ["", f"{label('settings')} ([lint.rules.{rule.code}]):"]
        for name, info in fields.items():
            default = info.default if info.default_factory is None else info.default_factory()  # type: ignore[call-arg]
            if default is None:  # unset: taken from elsewhere (S505: [schedule] quiet_hours)
                lines.append(f"  # {name}: {info.description or '—'}")
                continue
            lines.append(f"  {name} = {json.dumps(default, ensure_ascii=False, default=str)}")
    waive = d.waive or DEFAULT_WAIVE
    lines += ["", f"{label('waive')}: {waive.format(lang, code=rule.code)}"]
    return "\n".join(lines)
