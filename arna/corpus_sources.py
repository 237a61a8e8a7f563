"""Reading articles for the reprint corpus: from text files, and from RSS or Atom feeds.

A file is UTF-8 text. It may open with a TOML front matter between two `+++` lines, like a
draft, with the keys `title`, `url` and `date` (all optional); without a front matter, or without
`title`, the first line of the text is the title (a Markdown heading's `#` are dropped). A file
without `url` is stored under its own `file://` URI, so adding it again is skipped as a duplicate.
`date` is a TOML date or date-time; a date or a local time is read in the office's zone.

Feeds are fetched with requests, with explicit connect and read timeouts and a deadline for the
whole download, and parsed by feedparser from the bytes (feedparser itself never goes to the
network here). An entry's text is its full content when the feed carries it, else its summary,
with the HTML turned into plain text. A feed that does not answer, answers with an HTTP error or
is not a feed gives a `FeedResult` with a problem; it never raises.
"""

from __future__ import annotations

import io
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import requests

from arna.corpus_store import NewArticle
from posts.errors import Location, Problem
from posts.i18n import Text

FENCE = "+++"
KEYS = ("title", "url", "date")
MAX_FEED_BYTES = 20 * 1024 * 1024
USER_AGENT = "arna-corpus/0.1"

CANNOT_READ = Text(
    kk="Файлды оқу мүмкін болмады: {reason}.",
    ru="Не удалось прочитать файл: {reason}.",
    en="The file cannot be read: {reason}.",
)
NOT_UTF8 = Text(
    kk="Файл UTF-8 кодында емес ({line}-жол).",
    ru="Файл не в кодировке UTF-8 (строка {line}).",
    en="The file is not UTF-8 (line {line}).",
)
FIX_UTF8 = Text(
    kk="Файлды UTF-8 кодында қайта сақтаңыз.",
    ru="Пересохраните файл в кодировке UTF-8.",
    en="Save the file again as UTF-8.",
)
NO_CLOSING = Text(
    kk="Басындағы `+++` жабылмаған.",
    ru="Заголовок, открытый строкой `+++`, не закрыт.",
    en="The front matter opened with `+++` is never closed.",
)
FIX_FRONT = Text(
    kk='Тақырыптан кейін `+++` жолын қойыңыз: +++ / title = "…" / url = "…" / date = 2026-11-20 / +++.',
    ru='Закройте заголовок строкой `+++`: +++ / title = "…" / url = "…" / date = 2026-11-20 / +++.',
    en='Close the front matter with a `+++` line: +++ / title = "…" / url = "…" / date = 2026-11-20 / +++.',
)
BAD_TOML = Text(
    kk="Басындағы TOML қате: {detail}.",
    ru="Ошибка TOML в заголовке: {detail}.",
    en="The front matter is not valid TOML: {detail}.",
)
UNKNOWN_KEY = Text(
    kk="«{key}» кілті белгісіз.",
    ru="Неизвестный ключ «{key}».",
    en="Unknown key '{key}'.",
)
FIX_KEYS = Text(
    kk="Рұқсат етілген кілттер: title, url, date.",
    ru="Допустимые ключи: title, url, date.",
    en="The keys are title, url and date.",
)
BAD_TITLE = Text(
    kk="title мәтін болуы керек.", ru="title должен быть строкой.", en="title must be a string."
)
BAD_URL = Text(
    kk="«{value}» — http:// не https:// мекенжайы емес.",
    ru="«{value}» — не адрес http:// или https://.",
    en="'{value}' is not an http:// or https:// address.",
)
BAD_DATE = Text(
    kk="date күн немесе уақыт болуы керек, мысалы 2026-11-20 немесе 2026-11-20T10:00:00+05:00.",
    ru="date должен быть датой или временем, например 2026-11-20 или 2026-11-20T10:00:00+05:00.",
    en="date must be a date or a date-time, such as 2026-11-20 or 2026-11-20T10:00:00+05:00.",
)
EMPTY = Text(
    kk="Файлда мақала мәтіні жоқ.",
    ru="В файле нет текста статьи.",
    en="The file has no article text.",
)
FIX_EMPTY = Text(
    kk="Бірінші жолға тақырыпты, одан кейін мақала мәтінін жазыңыз.",
    ru="Напишите заголовок в первой строке, а за ним текст статьи.",
    en="Write the title on the first line and the article's text after it.",
)

FEED_TIMEOUT = Text(
    kk="{feed}: арна {seconds} секундта жауап бермеді.",
    ru="{feed}: лента не ответила за {seconds} с.",
    en="{feed}: the feed did not answer within {seconds} s.",
)
FEED_UNREACHABLE = Text(
    kk="{feed}: арнаға қосылу мүмкін болмады ({reason}).",
    ru="{feed}: не удалось подключиться к ленте ({reason}).",
    en="{feed}: could not connect to the feed ({reason}).",
)
FEED_HTTP = Text(
    kk="{feed}: сервер {status} қатесімен жауап берді.",
    ru="{feed}: сервер ответил ошибкой {status}.",
    en="{feed}: the server answered with error {status}.",
)
FEED_TOO_BIG = Text(
    kk="{feed}: жауап {limit} МБ-тан үлкен.",
    ru="{feed}: ответ больше {limit} МБ.",
    en="{feed}: the answer is larger than {limit} MB.",
)
FEED_NOT_A_FEED = Text(
    kk="{feed}: бұл RSS не Atom арнасы емес ({detail}).",
    ru="{feed}: это не лента RSS или Atom ({detail}).",
    en="{feed}: this is not an RSS or Atom feed ({detail}).",
)
FEED_BAD_URL = Text(
    kk="{feed}: http:// не https:// мекенжайы емес.",
    ru="{feed}: это не адрес http:// или https://.",
    en="{feed}: not an http:// or https:// address.",
)
FIX_FEED = Text(
    kk="Мекенжайды браузерде тексеріңіз; басқа арналар сақталды, бұл арнаны кейін қайталаңыз.",
    ru="Проверьте адрес в браузере; остальные ленты сохранены, эту повторите позже.",
    en="Check the address in a browser; the other feeds were stored, try this one again later.",
)


@dataclass
class FeedResult:
    feed: str
    articles: list[NewArticle] = field(default_factory=list)
    problem: Problem | None = None
    without_link: int = 0  # entries with no link, not stored
    without_text: int = 0  # entries with neither content nor summary, not stored


# --- files ---------------------------------------------------------------------------------------------


def read_article_file(path: Path, *, tz: tzinfo) -> tuple[NewArticle | None, list[Problem]]:
    """One article from a text or Markdown file, or the problems that stop it."""
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(CANNOT_READ, Location(file), None, {"reason": exc.strerror or exc})]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(NOT_UTF8, Location(file, line), FIX_UTF8, {"line": line})]
    front: dict[str, object] = {}
    body = text
    body_line = 1
    lines = text.split("\n")
    if lines and lines[0].rstrip() == FENCE:
        close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
        if close is None:
            return None, [Problem(NO_CLOSING, Location(file, 1), FIX_FRONT)]
        try:
            front = tomllib.loads("\n".join(lines[1:close]))
        except tomllib.TOMLDecodeError as exc:
            return None, [Problem(BAD_TOML, Location(file, 1), FIX_FRONT, {"detail": str(exc)})]
        body = "\n".join(lines[close + 1 :])
        body_line = close + 2
    problems: list[Problem] = []
    for key in front:
        if key not in KEYS:
            problems.append(Problem(UNKNOWN_KEY, Location(file, 1, key), FIX_KEYS, {"key": key}))
    title = front.get("title")
    if title is not None and not isinstance(title, str):
        problems.append(Problem(BAD_TITLE, Location(file, 1, "title")))
        title = None
    url = front.get("url")
    if url is not None and not _is_web_url(url):
        problems.append(Problem(BAD_URL, Location(file, 1, "url"), None, {"value": url}))
    published = _when(front.get("date"), tz)
    if "date" in front and published is None:
        problems.append(Problem(BAD_DATE, Location(file, 1, "date")))
    body = body.strip()
    if not title:
        first, _, rest = body.partition("\n")
        title, body = first.strip().lstrip("#").strip(), rest.strip()
    if not body:
        problems.append(Problem(EMPTY, Location(file, body_line), FIX_EMPTY))
    if problems:
        return None, problems
    article = NewArticle(
        title=str(title),
        url=str(url) if url else path.resolve().as_uri(),
        text=body,
        published_at=published,
        source="file",
        origin=file,
    )
    return article, []


def _is_web_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _when(value: object, tz: tzinfo) -> datetime | None:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=tz)).astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=tz).astimezone(UTC)
    return None


# --- feeds ---------------------------------------------------------------------------------------------


def fetch_feeds(
    urls: Sequence[str], *, timeout: float, session: requests.Session | None = None
) -> list[FeedResult]:
    own = session is None
    session = session or requests.Session()
    try:
        return [fetch_feed(url, timeout=timeout, session=session) for url in urls]
    finally:
        if own:
            session.close()


def fetch_feed(url: str, *, timeout: float, session: requests.Session) -> FeedResult:
    """Download and parse one feed. Never raises: a failure is the result's `problem`."""
    result = FeedResult(url)
    params: dict[str, object] = {"feed": url}
    if not _is_web_url(url):
        result.problem = Problem(FEED_BAD_URL, Location(), None, params)
        return result
    deadline = time.monotonic() + 3 * timeout
    try:
        with session.get(
            url,
            timeout=(timeout, timeout),
            stream=True,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
            },
        ) as response:
            if response.status_code >= 400:
                params["status"] = f"{response.status_code} {response.reason or ''}".strip()
                result.problem = Problem(FEED_HTTP, Location(), FIX_FEED, params)
                return result
            body = bytearray()
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > MAX_FEED_BYTES:
                    params["limit"] = MAX_FEED_BYTES // (1024 * 1024)
                    result.problem = Problem(FEED_TOO_BIG, Location(), FIX_FEED, params)
                    return result
                if time.monotonic() > deadline:
                    raise requests.exceptions.ReadTimeout("deadline")
            headers = {k.lower(): v for k, v in response.headers.items()}
            final_url = response.url
    except requests.exceptions.Timeout:
        params["seconds"] = f"{timeout:g}"
        result.problem = Problem(FEED_TIMEOUT, Location(), FIX_FEED, params)
        return result
    except requests.exceptions.RequestException as exc:
        params["reason"] = _reason(exc)
        result.problem = Problem(FEED_UNREACHABLE, Location(), FIX_FEED, params)
        return result
    headers.setdefault("content-location", final_url)
    parsed = feedparser.parse(io.BytesIO(bytes(body)), response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        detail = str(parsed.get("bozo_exception") or "no entries")
        result.problem = Problem(
            FEED_NOT_A_FEED, Location(), FIX_FEED, {**params, "detail": detail}
        )
        return result
    for entry in parsed.entries:
        link = entry.get("link") or (entry.get("id") if _is_web_url(entry.get("id")) else None)
        if not link:
            result.without_link += 1
            continue
        text = html_to_text(_entry_html(entry))
        title = html_to_text(entry.get("title", "")).strip()
        if not text.strip():
            result.without_text += 1
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime(*stamp[:6], tzinfo=UTC) if stamp else None
        result.articles.append(NewArticle(title, link, text, published, url, url))
    return result


def _entry_html(entry: feedparser.FeedParserDict) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    return best or entry.get("summary", "")


def _reason(exc: requests.exceptions.RequestException) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "No route to host"):
        if marker in text:
            return marker
    return type(exc).__name__


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset(
        {"p", "div", "br", "li", "ul", "ol", "blockquote", "tr", "table", "section", "article"}
        | {"pre", "h1", "h2", "h3", "h4", "h5", "h6"}
    )
    SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: block elements become line breaks, scripts are dropped."""
    if "<" not in html and "&" not in html:
        return html.strip()
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
