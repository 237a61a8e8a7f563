"""`arna corpus add` (files and RSS feeds) and `arna corpus list`, and `arna lint` reading the corpus.

Feeds are served on 127.0.0.1 by servers that the tests start: a real RSS 2.0 document, an HTTP
error, a page that is not a feed, a port that refuses connections and a server that accepts a
connection and never answers.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlmodel import col, select

from arna.workspace import Workspace
from linters.rules.reprint import ARTICLE_KK, ARTICLE_RU, BODY_RU
from posts.models import Post, Publication
from tests.cli_helpers import run

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Оңтүстік жаңалықтары</title>
  <link>http://127.0.0.1/</link>
  <description>Өңір жаңалықтары</description>
  <language>kk</language>
  <item>
    <title>{ARTICLE_KK.title}</title>
    <link>http://127.0.0.1/news/kitap-festivali</link>
    <guid isPermaLink="true">http://127.0.0.1/news/kitap-festivali</guid>
    <pubDate>Fri, 20 Nov 2026 09:30:00 +0500</pubDate>
    <description>Қысқаша: Түркістанда кітап фестивалі өтті.</description>
    <content:encoded><![CDATA[<p>{ARTICLE_KK.text.replace(". ", ".</p><p>")}</p>
      <script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>{ARTICLE_RU.title}</title>
    <link>/2026/11/knizhnyj-festival</link>
    <pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate>
    <description>&lt;p&gt;{ARTICLE_RU.text}&lt;/p&gt;</description>
  </item>
  <item>
    <title>Сілтемесіз жазба</title>
    <description>Бұл жазбаның сілтемесі жоқ.</description>
  </item>
</channel>
</rss>
"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/feed.xml":
            self._send(200, "application/rss+xml; charset=utf-8", RSS.encode())
        elif self.path == "/page.html":
            self._send(200, "text/html", b"<html><body><h1>Not a feed</h1></body></html>")
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feeds() -> Iterator[dict[str, str]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # a server that accepts connections and never answers
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def hold() -> None:
        silent.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = silent.accept()
            except OSError:
                continue
            held.append(conn)

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    # a port nobody listens on: connections are refused
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    refused_port = closed.getsockname()[1]
    closed.close()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield {
            "good": f"{base}/feed.xml",
            "missing": f"{base}/gone.xml",
            "page": f"{base}/page.html",
            "refused": f"http://127.0.0.1:{refused_port}/feed.xml",
            "silent": f"http://127.0.0.1:{silent.getsockname()[1]}/feed.xml",
        }
    finally:
        stop.set()
        holder.join(5)
        for conn in held:
            conn.close()
        silent.close()
        server.shutdown()
        server.server_close()
        thread.join(5)


def listed(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "corpus", "list", "--format", "json", "--limit", "0")
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- files -------------------------------------------------------------------------------------------------


def test_add_files_with_front_matter_and_plain(
    in_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        in_ws / "articles" / "kitap.md",
        f'+++\ntitle = "{ARTICLE_KK.title}"\nurl = "{ARTICLE_KK.url}"\ndate = 2026-11-20\n+++\n'
        + ARTICLE_KK.text,
    )
    plain = write(in_ws / "articles" / "news.txt", f"# {ARTICLE_RU.title}\n\n{ARTICLE_RU.text}\n")
    code, out, _ = run(capsys, "corpus", "add", "articles", "--lang", "en")
    assert code == 0 and "2 article(s) added to the corpus; it now holds 2." in out
    rows = {r["title"]: r for r in listed(capsys)}
    assert rows[ARTICLE_KK.title]["url"] == ARTICLE_KK.url
    assert rows[ARTICLE_KK.title]["published_at"] == "2026-11-19T19:00:00+00:00"  # Asia/Almaty
    assert rows[ARTICLE_RU.title]["url"] == plain.resolve().as_uri()
    assert rows[ARTICLE_RU.title]["source"] == "file" and rows[ARTICLE_RU.title]["words"] > 40

    code, out, _ = run(capsys, "corpus", "add", "articles", "--lang", "ru")
    assert code == 0 and out.count("уже есть в корпусе, пропущено") == 2
    assert "добавлено статей: 0; всего в корпусе 2" in out
    code, out, _ = run(capsys, "corpus", "list", "--lang", "kk")
    assert code == 0 and ARTICLE_KK.url in out and "2026-11-20" in out


def test_one_bad_file_stores_nothing(in_ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(in_ws / "articles" / "a.md", "Тақырып\nМақала мәтіні осында.")
    write(in_ws / "articles" / "b.md", '+++\ntitle = "T"\nlink = "x"\nurl = "ftp://x"\n+++\nText')
    write(in_ws / "articles" / "c.txt", "Тек тақырып\n")
    (in_ws / "articles" / "d.txt").write_bytes(b"\xff\xfe broken")
    code, _, err = run(capsys, "corpus", "add", "articles", "--lang", "en")
    assert code == 2
    assert "b.md:1: link: Unknown key 'link'" in err
    assert "'ftp://x' is not an http:// or https:// address" in err
    assert "c.txt" in err and "no article text" in err
    assert "d.txt:1" in err and "not UTF-8" in err
    assert "4 problem(s) found; nothing was added to the corpus." in err
    assert listed(capsys) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Nothing to add was named"),
        (("articles", "--rss", "http://127.0.0.1:9/x"), "separate runs"),
        (("nowhere",), "nowhere"),
        (("--rss", "http://127.0.0.1:9/x", "--timeout", "0"), "--timeout"),
    ],
)
def test_usage_errors(
    in_ws: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    (in_ws / "articles").mkdir()
    code, _, err = run(capsys, "corpus", "add", *args, "--lang", "en")
    assert code == 2 and message in err


def test_an_empty_folder_and_an_empty_corpus(
    in_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_ws / "articles").mkdir()
    code, _, err = run(capsys, "corpus", "add", "articles", "--lang", "en")
    assert code == 2 and "No article files found" in err
    code, out, _ = run(capsys, "corpus", "list", "--lang", "en")
    assert code == 0 and "The corpus is empty" in out
    assert run(capsys, "corpus", "list", "--limit", "-1")[0] == 2


# --- feeds -------------------------------------------------------------------------------------------------


def test_rss_feeds_that_answer_are_stored_and_the_others_reported(
    in_ws: Path, capsys: pytest.CaptureFixture[str], feeds: dict[str, str]
) -> None:
    order = ["good", "refused", "silent", "missing", "page"]
    started = datetime.now(UTC)
    code, out, err = run(
        capsys, "corpus", "add", "--rss", *[feeds[k] for k in order], "--timeout", "0.5",
        "--lang", "en",
    )  # fmt: skip
    assert datetime.now(UTC) - started < timedelta(seconds=20)
    assert code == 1
    assert f"{feeds['good']}: 2 new article(s), 0 already in the corpus." in out
    assert f"{feeds['good']}: 1 entry(ies) without a link or text skipped." in out
    assert f"{feeds['refused']}: could not connect to the feed" in err
    assert f"{feeds['silent']}: the feed did not answer within 0.5 s." in err
    assert f"{feeds['missing']}: the server answered with error 404" in err
    assert f"{feeds['page']}: this is not an RSS or Atom feed" in err
    assert "4 feed(s) did not answer; the others were stored." in err

    rows = {r["url"]: r for r in listed(capsys)}
    base = feeds["good"].rsplit("/", 1)[0]
    assert set(rows) == {
        "http://127.0.0.1/news/kitap-festivali",
        f"{base}/2026/11/knizhnyj-festival",  # a relative link, resolved against the feed
    }
    kk = rows["http://127.0.0.1/news/kitap-festivali"]
    assert kk["title"] == ARTICLE_KK.title and kk["source"] == feeds["good"]
    assert kk["published_at"] == "2026-11-20T04:30:00+00:00"
    ws = Workspace.open(None)
    try:
        from posts.models import CorpusArticle

        with ws.db.read() as s:
            texts = {a.url: a.text for a in s.exec(select(CorpusArticle))}
    finally:
        ws.close()
    stored = texts["http://127.0.0.1/news/kitap-festivali"]
    assert "track()" not in stored and "<p>" not in stored  # full content, as plain text
    assert "Фестивальге жас ақындар" in stored and "Қысқаша" not in stored

    code, out, err = run(capsys, "corpus", "add", "--rss", feeds["good"], "--lang", "kk")
    assert code == 0 and err == ""
    assert "0 жаңа мақала, 2 мақала корпуста бұрыннан бар" in out


def test_lint_flags_a_reprint_of_a_feed_article(
    in_ws: Path, capsys: pytest.CaptureFixture[str], feeds: dict[str, str]
) -> None:
    assert run(capsys, "corpus", "add", "--rss", feeds["good"])[0] == 0
    draft = write(
        in_ws / "mine" / "reprint.md",
        '+++\nnetwork = "facebook"\nkind = "text"\nstory = "kitap-fest"\nlanguage = "ru"\n+++\n'
        + ARTICLE_RU.text
        + "\n#руханижаңғыру #взглядвбудущее\n",
    )
    code, out, _ = run(capsys, "lint", str(draft), "--format", "json")
    assert code == 1
    [found] = [f for f in json.loads(out)["posts"][0]["findings"] if f["code"] == "T104"]
    assert found["name"] == "media-reprint" and found["line"] == 7
    assert found["evidence"]["url"].endswith("/2026/11/knizhnyj-festival")


def test_lint_without_a_database_creates_none(
    in_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = write(
        in_ws / "mine" / "a.md",
        '+++\nnetwork = "telegram"\nkind = "text"\nstory = "s"\n+++\nСәлем!\n',
    )
    assert not (in_ws / "arna.db").exists()
    run(capsys, "lint", str(draft))
    assert not (in_ws / "arna.db").exists()


def test_lint_flags_a_post_repeating_one_published_on_another_network(
    in_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = write(
        in_ws / "mine" / "fb.md",
        '+++\nnetwork = "facebook"\nchannel = "fb-main"\nkind = "text"\nstory = "vchera"\nlanguage = "ru"\n+++\nВчера. '
        + BODY_RU,
    )
    assert run(capsys, "queue", "add", str(mine))[0] == 0
    ws = Workspace.open(None)
    try:
        with ws.db.write() as s:
            post = s.exec(select(Post).order_by(col(Post.id).desc())).first()
            assert post is not None
            post.status = "sent"
            s.add(post)
            s.add(
                Publication(
                    post_id=post.id,
                    network="facebook",
                    external_id="fb-1",
                    url="https://facebook.com/p/1",
                    published_at=datetime.now(UTC) - timedelta(days=2),
                )
            )
    finally:
        ws.close()
    draft = write(
        in_ws / "mine" / "vk.md",
        '+++\nnetwork = "vk"\nkind = "text"\nstory = "segodnya"\nlanguage = "ru"\n+++\nСегодня! '
        + BODY_RU,
    )
    code, out, _ = run(capsys, "lint", str(draft), "--format", "json", "--no-cache")
    assert code == 1
    [found] = [f for f in json.loads(out)["posts"][0]["findings"] if f["code"] == "T105"]
    assert found["evidence"]["compared_with"] == "published"
    assert found["evidence"]["url"] == "https://facebook.com/p/1"
