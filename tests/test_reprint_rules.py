"""T104 media-reprint and T105 cross-network-duplicate, and their database-backed providers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from arna.corpus_store import (
    DatabaseCorpus,
    DatabasePublished,
    NewArticle,
    add_articles,
    list_articles,
)
from channels.limits import LIMITS
from linters.cache import FindingsCache
from linters.context import CorpusEntry, PublishedPost
from linters.engine import Engine
from linters.rules.reprint import (
    ARTICLE_KK,
    ARTICLE_RU,
    BODY_KK,
    BODY_RU,
    DuplicateSettings,
    ReprintSettings,
)
from linters.settings import LintSettings
from linters.similarity import MemoryCorpus, MemoryPublished
from linters.subject import Subject
from posts.db import Database
from posts.models import CorpusArticle, Post, Publication, Story

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
HASHTAGS = "#руханижаңғыру #болашаққабағдар #взглядвбудущее"


def engine(code: str, **kw: object) -> Engine:
    settings = kw.pop("settings", None)
    rule_settings = {code: settings} if settings is not None else {}
    return Engine(LintSettings(select=(code,), rule_settings=rule_settings), limits=LIMITS, **kw)  # type: ignore[arg-type]


def post(text: str, network: str = "telegram", **kw: object) -> Subject:
    return Subject(text=text, network=network, kind="text", **kw)  # type: ignore[arg-type]


def codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in result.findings]


# --- T104 ------------------------------------------------------------------------------------------------


def test_t104_is_silent_without_a_corpus() -> None:
    assert codes(engine("T104").lint(post(ARTICLE_KK.text))) == []


def test_t104_names_the_article_with_its_url_and_similarity() -> None:
    e = engine("T104", corpus=MemoryCorpus([ARTICLE_KK, ARTICLE_RU]))
    text = "Бүгін бөлісеміз:\n" + ARTICLE_RU.text + "\n" + HASHTAGS
    [finding] = e.lint(post(text)).findings
    assert finding.code == "T104" and finding.severity.value == "error"
    assert finding.evidence["url"] == ARTICLE_RU.url
    assert finding.evidence["title"] == ARTICLE_RU.title
    assert 0.6 <= finding.evidence["similarity"] <= 1.0
    assert finding.evidence["threshold"] == 0.6
    start, end = finding.span
    assert text[start:end].startswith("Бүгін") and text[start:end].endswith("году")
    for lang in ("kk", "ru", "en"):
        assert ARTICLE_RU.url in finding.render(lang)
        assert f"{finding.params['similarity']}%" in finding.render(lang)


def test_t104_hashtags_and_links_do_not_make_a_reprint() -> None:
    e = engine("T104", corpus=MemoryCorpus([CorpusEntry(1, "", "https://a.kz/1", HASHTAGS * 20)]))
    own = "Кітап фестивалінде ең ұзын кезек балалар алаңында болды, келіңіздер. " + HASHTAGS * 20
    assert codes(e.lint(post(own))) == []


def test_t104_threshold_and_short_posts_are_settings() -> None:
    corpus = MemoryCorpus([ARTICLE_KK])
    half = " ".join(ARTICLE_KK.text.split()[:30])  # about half the article: Jaccard about 0.45
    assert codes(engine("T104", corpus=corpus).lint(post(half))) == []
    strict = engine("T104", corpus=corpus, settings=ReprintSettings(threshold=0.4))
    assert codes(strict.lint(post(half))) == ["T104"]
    short = " ".join(ARTICLE_KK.text.split()[:12])  # 8 shingles
    loose = ReprintSettings(threshold=0.05)
    assert codes(engine("T104", corpus=corpus, settings=loose).lint(post(short))) == []
    tiny = ReprintSettings(threshold=0.05, min_shingles=5)
    assert codes(engine("T104", corpus=corpus, settings=tiny).lint(post(short))) == ["T104"]


def test_t104_lists_further_matches_in_the_evidence() -> None:
    copies = [
        CorpusEntry(i, f"Copy {i}", f"https://m{i}.kz/a", ARTICLE_KK.text) for i in range(1, 6)
    ]
    [finding] = engine("T104", corpus=MemoryCorpus(copies)).lint(post(ARTICLE_KK.text)).findings
    assert len(finding.evidence["also"]) == 3


def test_the_index_is_built_once_per_engine() -> None:
    class Counting(MemoryCorpus):
        reads = 0

        def signatures(self):  # type: ignore[no-untyped-def]
            Counting.reads += 1
            return super().signatures()

    e = engine("T104", corpus=Counting([ARTICLE_KK]))
    for _ in range(3):
        e.lint(post(ARTICLE_KK.text))
    assert Counting.reads == 1


def test_the_cache_key_changes_when_the_corpus_does(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cache = FindingsCache(tmp_path / "c.sqlite")
    text = ARTICLE_KK.text
    first = engine("T104", corpus=MemoryCorpus([ARTICLE_RU]), cache=cache)
    assert codes(first.lint(post(text))) == []
    second = engine("T104", corpus=MemoryCorpus([ARTICLE_RU, ARTICLE_KK]), cache=cache)
    assert codes(second.lint(post(text))) == ["T104"]
    cache.close()


# --- T105 ------------------------------------------------------------------------------------------------


def test_t105_compares_bodies_of_variants_for_other_networks_only() -> None:
    e = engine("T105")
    tg = post("Фестиваль жаңалығы! " + BODY_KK, "telegram", path="tg.md")
    ig = post("Суреттерге қараңыз.\n" + BODY_KK + "\n" + HASHTAGS, "instagram", path="ig.md")
    tg2 = post("Екінші арна. " + BODY_KK, "telegram", channel="tg-ru")
    [finding] = e.lint(tg, [ig, tg2]).findings
    assert finding.code == "T105" and finding.evidence["network"] == "instagram"
    assert finding.evidence["path"] == "ig.md" and finding.evidence["compared_with"] == "variant"
    assert "Instagram" in finding.render("en")
    assert tg.text[finding.span[0] : finding.span[1]].startswith("Жас ақындар")
    assert codes(e.lint(tg, [tg2])) == []  # same network: not this rule's business


def test_t105_a_shared_first_sentence_is_fine_the_same_body_is_not() -> None:
    e = engine("T105")
    opening = "«Рухани жаңғыру» бағдарламасы аясында Түркістанда облыстық кітап фестивалі өтті. "
    a = post(opening + BODY_KK)
    b = post(
        opening + "Біз фестивальден үш қысқа бейнеролик түсірдік: ақындар, балалар алаңы "
        "және кітапханаға сыйлық. Бірінші ролик бүгін кешке шығады, арнаны қадағалаңыз.",
        "vk",
    )
    assert codes(e.lint(a, [b])) == []
    c = post("Басқа бастама. " + BODY_KK, "vk")
    assert codes(e.lint(a, [c])) == ["T105"]


def test_t105_against_posts_published_in_the_window() -> None:
    published = [
        PublishedPost(
            7,
            "facebook",
            "Еске алайық! " + BODY_RU,
            NOW - timedelta(days=3),
            url="https://fb.com/p/7",
        ),
        PublishedPost(8, "vk", "Старое. " + BODY_RU, NOW - timedelta(days=20)),
        PublishedPost(9, "telegram", "Тот же канал. " + BODY_RU, NOW - timedelta(days=1)),
    ]
    e = engine("T105", published=MemoryPublished(published, now=NOW))
    [finding] = e.lint(post("Книжный фестиваль. " + BODY_RU, "telegram")).findings
    assert finding.evidence["post_id"] == 7 and finding.evidence["url"] == "https://fb.com/p/7"
    assert finding.evidence["compared_with"] == "published"
    assert "Facebook" in finding.render("ru") and "2026-11-21" in finding.render("kk")
    wide = engine(
        "T105",
        published=MemoryPublished(published, now=NOW),
        settings=DuplicateSettings(window_days=30),
    )
    assert len(wide.lint(post("Книжный фестиваль. " + BODY_RU)).findings) == 2
    # a queued post is never its own duplicate, and a variant found once is reported once
    only7 = engine("T105", published=MemoryPublished(published[:1], now=NOW))
    assert codes(only7.lint(post("Книжный фестиваль. " + BODY_RU, "telegram", post_id=7))) == []
    sibling = post("Вариант. " + BODY_RU, "facebook", post_id=7)
    assert codes(e.lint(post("Книжный фестиваль. " + BODY_RU), [sibling])) == ["T105"]


def test_t105_short_bodies_are_not_judged() -> None:
    e = engine("T105")
    a = post("Бүгін фестиваль! Келіңіздер, кітап оқимыз, бірге боламыз.")
    assert codes(e.lint(a, [post(a.text, "vk")])) == []
    loose = engine("T105", settings=DuplicateSettings(min_shingles=1))
    assert codes(loose.lint(a, [post(a.text, "vk")])) == ["T105"]


def test_lint_many_pairs_the_variants_of_a_story() -> None:
    e = engine("T105")
    subjects = [
        post("Бір. " + BODY_KK, "telegram", story="s"),
        post("Екі. " + BODY_KK, "facebook", story="s"),
        post("Үш. " + BODY_KK, "vk", story="other"),
    ]
    results = e.lint_many(subjects)
    assert [codes(r) for r in results] == [["T105"], ["T105"], []]


# --- the database-backed providers ----------------------------------------------------------------------


def _article(title: str, url: str, text: str) -> NewArticle:
    return NewArticle(title, url, text, NOW - timedelta(days=2), "file", f"{title}.md")


def test_corpus_in_the_database_feeds_t104(db: Database) -> None:
    outcome = add_articles(
        db,
        "turkistan",
        [
            _article(ARTICLE_KK.title, ARTICLE_KK.url, ARTICLE_KK.text),
            _article(ARTICLE_RU.title, ARTICLE_RU.url, ARTICLE_RU.text),
            _article("Again", ARTICLE_KK.url, "another text with the same URL"),
        ],
        now=NOW,
    )
    assert len(outcome.added) == 2 and [a.title for a in outcome.duplicates] == ["Again"]
    again = add_articles(db, "turkistan", [_article("x", ARTICLE_RU.url, "y")], now=NOW)
    assert again.added == () and len(again.duplicates) == 1
    other = add_articles(db, "almaty", [_article("x", ARTICLE_RU.url, "y z")], now=NOW)
    assert len(other.added) == 1  # URLs are unique per office
    rows, total = list_articles(db, "turkistan", None)
    assert total == 2 and {r.url for r in rows} == {ARTICLE_KK.url, ARTICLE_RU.url}
    assert all(r.published_at == NOW - timedelta(days=2) for r in rows)

    corpus = DatabaseCorpus(db, "turkistan")
    assert len(list(corpus.signatures())) == 2
    fingerprint = corpus.fingerprint()
    e = engine("T104", corpus=corpus)
    [finding] = e.lint(post(ARTICLE_KK.text + "\n" + HASHTAGS)).findings
    assert finding.evidence["url"] == ARTICLE_KK.url
    assert finding.evidence["published_at"] == (NOW - timedelta(days=2)).isoformat()
    add_articles(db, "turkistan", [_article("new", "https://n.kz/1", "new text")], now=NOW)
    assert corpus.fingerprint() != fingerprint


def test_a_stale_signature_in_the_database_is_recomputed(db: Database) -> None:
    add_articles(db, "turkistan", [_article(ARTICLE_RU.title, ARTICLE_RU.url, ARTICLE_RU.text)])
    with db.write() as s:
        row = s.exec(__import__("sqlmodel").select(CorpusArticle)).one()
        row.signature = b"old-scheme"
        s.add(row)
    e = engine("T104", corpus=DatabaseCorpus(db, "turkistan"))
    assert codes(e.lint(post(ARTICLE_RU.text))) == ["T104"]


def _published_post(s, story_id: int, network: str, text: str, status: str, when) -> Post:  # type: ignore[no-untyped-def]
    p = Post(
        story_id=story_id,
        office="turkistan",
        network=network,
        kind="text",
        text=text,
        status=status,
        content_hash="h",
        author="a",
    )
    s.add(p)
    s.flush()
    if when is not None:
        s.add(Publication(post_id=p.id, network=network, external_id=f"x{p.id}", published_at=when))
    return p


def test_recent_posts_from_the_database_feed_t105(db: Database) -> None:
    with db.write() as s:
        story = Story(office="turkistan", key="k", created_by="a")
        s.add(story)
        s.flush()
        sid = story.id
        _published_post(s, sid, "facebook", "Вчера. " + BODY_RU, "sent", NOW - timedelta(days=1))
        _published_post(s, sid, "vk", "Давно. " + BODY_RU, "sent", NOW - timedelta(days=30))
        _published_post(s, sid, "instagram", "Без публикации. " + BODY_RU, "scheduled", None)
        old = _published_post(s, sid, "x", "Не отправлен. " + BODY_RU, "needs_check", NOW)
        assert old.id
    published = DatabasePublished(db, "turkistan", window_days=14, now=NOW)
    recent = published.published_within(14)
    assert [p.network for p in recent] == ["facebook"]
    assert recent[0].published_at == NOW - timedelta(days=1)
    assert len(published.published_within(60)) == 2
    assert DatabasePublished(db, "almaty", now=NOW).published_within(14) == ()
    e = engine("T105", published=published)
    [finding] = e.lint(post("Сегодня. " + BODY_RU, "telegram")).findings
    assert finding.evidence["network"] == "facebook"
    before = published.fingerprint()
    assert before == DatabasePublished(db, "turkistan", window_days=14, now=NOW).fingerprint()
    later = DatabasePublished(db, "turkistan", window_days=14, now=NOW + timedelta(days=14))
    assert later.fingerprint() != before


@pytest.mark.parametrize("text", ["", "   ", "#тег", "a" * 100_000, "\u200f\u200d" * 50])
def test_odd_texts_do_not_crash_either_rule(text: str) -> None:
    e = Engine(
        LintSettings(select=("T104", "T105")),
        corpus=MemoryCorpus([ARTICLE_KK]),
        published=MemoryPublished([PublishedPost(1, "vk", text, NOW)]),
    )
    result = e.lint(post(text), [post(text, "vk")])
    assert result.crashes == ()
