"""`arna corpus add FILE…`, `arna corpus add --rss URL…` and `arna corpus list`.

The reprint corpus holds articles already published on the office's site and in the regional media;
rule T104 flags a post that reprints one of them. File formats and feed handling: `arna.corpus_sources`.

- Files are all or nothing: when one file has a problem, every problem is reported and nothing is
  stored (exit 2).
- Feeds are fetched one by one, each with its timeout, before the database is opened. A feed that
  does not answer (refused, timed out, an HTTP error, not a feed) is reported and the others are
  stored; the command then exits 1, so that a scheduled job sees it. Exit 0: every feed answered.
- An article whose URL is already in the corpus (or comes twice in one run) is skipped and reported.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from arna.corpus_sources import fetch_feeds, read_article_file
from arna.corpus_store import NewArticle, add_articles, list_articles
from arna.workspace import Workspace
from posts.config import find_config, load_config
from posts.drafts import find_drafts
from posts.errors import InputError, Problem
from posts.i18n import Lang, Text

EXIT_OK, EXIT_FEED_FAILED, EXIT_INPUT = 0, 1, 2
DEFAULT_TIMEOUT_S = 10.0

HELP = {
    "corpus": Text(
        kk="қайта басуды тексеруге арналған жарияланған мақалалар корпусы (T104)",
        ru="корпус опубликованных статей для проверки перепечаток (T104)",
        en="the corpus of published articles that T104 checks reprints against",
    ),
    "add": Text(
        kk="мақалаларды файлдардан немесе RSS арналарынан қосу",
        ru="добавить статьи из файлов или RSS-лент",
        en="add articles from files or RSS feeds",
    ),
    "paths": Text(
        kk="мақала файлдары не қалталар (*.md, *.txt)",
        ru="файлы статей или папки (*.md, *.txt)",
        en="article files or folders (*.md, *.txt)",
    ),
    "rss": Text(
        kk="RSS не Atom арналарының мекенжайлары",
        ru="адреса лент RSS или Atom",
        en="addresses of RSS or Atom feeds",
    ),
    "timeout": Text(
        kk="бір арнаға қосылу және оқу уақыты, секунд",
        ru="время на подключение и чтение одной ленты, секунд",
        en="seconds to connect to and to read from one feed",
    ),
    "list": Text(kk="корпустағы мақалалар", ru="статьи корпуса", en="list the corpus"),
    "limit": Text(
        kk="ең көбі қанша мақала көрсету (0 — барлығы)",
        ru="сколько статей показать самое большее (0 — все)",
        en="show at most this many articles (0: all)",
    ),
}
NOTHING_GIVEN = Text(
    kk="Қосатын ештеңе көрсетілмеген.",
    ru="Не указано, что добавить.",
    en="Nothing to add was named.",
)
NOTHING_GIVEN_FIX = Text(
    kk="Файлдарды не қалтаны атаңыз (`arna corpus add articles/`), немесе арналарды: `arna corpus add --rss URL`.",
    ru="Укажите файлы или папку (`arna corpus add articles/`) или ленты: `arna corpus add --rss URL`.",
    en="Name files or a folder (`arna corpus add articles/`), or feeds: `arna corpus add --rss URL`.",
)
BOTH_GIVEN = Text(
    kk="Файлдар мен --rss арналары бөлек іске қосылады.",
    ru="Файлы и ленты --rss добавляются отдельными запусками.",
    en="Files and --rss feeds are added in separate runs.",
)
NO_FILES = Text(
    kk="Мақала файлдары табылмады: {paths}",
    ru="Файлы статей не найдены: {paths}",
    en="No article files found in: {paths}",
)
NO_FILES_FIX = Text(
    kk="*.md немесе *.txt файлдары бар қалтаны не файлды көрсетіңіз.",
    ru="Укажите файл или папку с файлами *.md или *.txt.",
    en="Name a file, or a folder with *.md or *.txt files.",
)
NOTHING_STORED = Text(
    kk="{n} мәселе табылды; корпусқа ештеңе қосылмады.",
    ru="Найдено проблем: {n}; в корпус ничего не добавлено.",
    en="{n} problem(s) found; nothing was added to the corpus.",
)
BAD_LIMIT = Text(
    kk="--limit теріс болмауы керек.",
    ru="--limit не может быть отрицательным.",
    en="--limit cannot be negative.",
)
BAD_TIMEOUT = Text(
    kk="--timeout оң сан болуы керек.",
    ru="--timeout должен быть положительным числом.",
    en="--timeout must be a positive number.",
)
DUPLICATE = Text(
    kk="{origin}: {url} корпуста бар, өткізілді.",
    ru="{origin}: {url} уже есть в корпусе, пропущено.",
    en="{origin}: {url} is already in the corpus; skipped.",
)
FEED_DONE = Text(
    kk="{feed}: {new} жаңа мақала, {dup} мақала корпуста бұрыннан бар.",
    ru="{feed}: новых статей {new}, уже были в корпусе {dup}.",
    en="{feed}: {new} new article(s), {dup} already in the corpus.",
)
FEED_SKIPPED = Text(
    kk="{feed}: сілтемесі не мәтіні жоқ {n} жазба өткізілді.",
    ru="{feed}: пропущено записей без ссылки или текста: {n}.",
    en="{feed}: {n} entry(ies) without a link or text skipped.",
)
ADDED = Text(
    kk="Корпусқа {n} мақала қосылды; корпуста барлығы {total}.",
    ru="В корпус добавлено статей: {n}; всего в корпусе {total}.",
    en="{n} article(s) added to the corpus; it now holds {total}.",
)
FEEDS_FAILED = Text(
    kk="{n} арна жауап бермеді; қалғандары сақталды.",
    ru="Не ответило лент: {n}; остальные сохранены.",
    en="{n} feed(s) did not answer; the others were stored.",
)
EMPTY_CORPUS = Text(
    kk="Корпус бос: мақалаларды `arna corpus add` арқылы қосыңыз.",
    ru="Корпус пуст: добавьте статьи командой `arna corpus add`.",
    en="The corpus is empty: add articles with `arna corpus add`.",
)
SHOWN = Text(
    kk="{total} мақаланың {shown} көрсетілді (барлығы: --limit 0).",
    ru="Показано {shown} из {total} (все: --limit 0).",
    en="Shown {shown} of {total} (all of them: --limit 0).",
)
H_ID = Text(kk="№", ru="№", en="id")
H_DATE = Text(kk="күні", ru="дата", en="date")
H_TITLE = Text(kk="тақырып", ru="заголовок", en="title")
H_URL = Text(kk="мекенжай", ru="адрес", en="url")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: Lang) -> None:  # type: ignore[type-arg]
    group = sub.add_parser(
        "corpus", help=HELP["corpus"].get(lang), description=HELP["corpus"].get(lang)
    ).add_subparsers(required=True, metavar="ACTION")
    p = group.add_parser(
        "add", help=HELP["add"].get(lang), description=HELP["add"].get(lang), parents=[common]
    )
    p.add_argument("paths", nargs="*", type=Path, help=HELP["paths"].get(lang))
    p.add_argument("--rss", nargs="+", metavar="URL", default=[], help=HELP["rss"].get(lang))
    p.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT_S, help=HELP["timeout"].get(lang)
    )
    p.set_defaults(handler=cmd_corpus_add)
    p = group.add_parser(
        "list", help=HELP["list"].get(lang), description=HELP["list"].get(lang), parents=[common]
    )
    p.add_argument("--limit", type=int, default=50, help=HELP["limit"].get(lang))
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(handler=cmd_corpus_list)


def cmd_corpus_add(args: argparse.Namespace, lang: Lang) -> int:
    if args.paths and args.rss:
        raise InputError.of(BOTH_GIVEN, fix=NOTHING_GIVEN_FIX)
    if not args.paths and not args.rss:
        raise InputError.of(NOTHING_GIVEN, fix=NOTHING_GIVEN_FIX)
    if args.rss:
        return _add_feeds(args, lang)
    return _add_files(args, lang)


def _add_files(args: argparse.Namespace, lang: Lang) -> int:
    files = find_drafts(args.paths)
    if not files:
        paths = " ".join(str(p) for p in args.paths)
        raise InputError.of(NO_FILES, fix=NO_FILES_FIX, paths=paths)
    config = load_config(args.config or find_config())
    articles: list[NewArticle] = []
    problems: list[Problem] = []
    for path in files:
        article, found = read_article_file(path, tz=config.tz)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    if problems:
        error = InputError(problems)
        print(error.render(lang), file=sys.stderr)
        print(NOTHING_STORED.format(lang, n=len(problems)), file=sys.stderr)
        return EXIT_INPUT
    ws = Workspace.open(args.config)
    try:
        outcome = add_articles(ws.db, ws.config.office.id, articles)
        total = list_articles(ws.db, ws.config.office.id, 0)[1]
    finally:
        ws.close()
    for dup in outcome.duplicates:
        print(DUPLICATE.format(lang, origin=dup.origin, url=dup.url))
    print(ADDED.format(lang, n=len(outcome.added), total=total))
    return EXIT_OK


def _add_feeds(args: argparse.Namespace, lang: Lang) -> int:
    if not args.timeout > 0:
        raise InputError.of(BAD_TIMEOUT, key="--timeout")
    load_config(args.config or find_config())  # no workspace: say so before any download
    results = fetch_feeds(args.rss, timeout=args.timeout)
    articles = [a for r in results for a in r.articles]
    ws = Workspace.open(args.config)
    try:
        outcome = add_articles(ws.db, ws.config.office.id, articles)
        total = list_articles(ws.db, ws.config.office.id, 0)[1]
    finally:
        ws.close()
    new = Counter(a.origin for a in outcome.added)
    dup = Counter(a.origin for a in outcome.duplicates)
    failed = 0
    for r in results:
        if r.problem is not None:
            failed += 1
            print(r.problem.render(lang), file=sys.stderr)
            continue
        print(FEED_DONE.format(lang, feed=r.feed, new=new[r.feed], dup=dup[r.feed]))
        if r.without_link or r.without_text:
            print(FEED_SKIPPED.format(lang, feed=r.feed, n=r.without_link + r.without_text))
    print(ADDED.format(lang, n=len(outcome.added), total=total))
    if failed:
        print(FEEDS_FAILED.format(lang, n=failed), file=sys.stderr)
        return EXIT_FEED_FAILED
    return EXIT_OK


def cmd_corpus_list(args: argparse.Namespace, lang: Lang) -> int:
    if args.limit < 0:
        raise InputError.of(BAD_LIMIT, key="--limit")
    ws = Workspace.open(args.config)
    try:
        rows, total = list_articles(ws.db, ws.config.office.id, args.limit or None)
        tz = ws.config.tz
    finally:
        ws.close()
    if args.format == "json":
        data = [
            {
                "id": r.id,
                "title": r.title,
                "url": r.url,
                "published_at": r.published_at.isoformat() if r.published_at else None,
                "source": r.source,
                "added_at": r.added_at.isoformat(),
                "words": len(r.text.split()),
            }
            for r in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print(EMPTY_CORPUS.get(lang))
        return EXIT_OK
    table = [[H_ID.get(lang), H_DATE.get(lang), H_TITLE.get(lang), H_URL.get(lang)]]
    for r in rows:
        when = r.published_at.astimezone(tz).strftime("%Y-%m-%d") if r.published_at else "—"
        table.append([f"#{r.id}", when, _snippet(r.title), r.url])
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1])
    if len(rows) < total:
        print(SHOWN.format(lang, shown=len(rows), total=total))
    return EXIT_OK


def _snippet(text: str, width: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
