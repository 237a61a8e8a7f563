"""The reprint corpus (T104) and the recently published posts (T105), kept in the workspace database.

`DatabaseCorpus` and `DatabasePublished` are the database-backed implementations of the
`linters.context.ReprintCorpus` and `RecentPosts` protocols; `arna.lint_wiring` hands them to the
engine. `add_articles` stores new articles with their MinHash signatures, all or nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from linters.context import CorpusEntry, PublishedPost
from linters.similarity import article_signature
from posts.db import Database
from posts.models import CorpusArticle, Post, Publication
from posts.vocab import PostStatus

CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class NewArticle:
    """An article read from a file or a feed, not stored yet."""

    title: str
    url: str
    text: str
    published_at: datetime | None
    source: str  # the feed's URL, or "file"
    origin: str  # the file or feed it came from, for messages


@dataclass(frozen=True)
class AddOutcome:
    added: tuple[NewArticle, ...]
    duplicates: tuple[NewArticle, ...]  # their URL is already in the corpus, or came twice


def add_articles(
    db: Database, office: str, articles: Sequence[NewArticle], *, now: datetime | None = None
) -> AddOutcome:
    """Store `articles` in one transaction; URLs already in the office's corpus are skipped."""
    now = now or datetime.now(UTC)
    signatures = {id(a): article_signature(a.title, a.text) for a in articles}
    urls = sorted({a.url for a in articles})
    added: list[NewArticle] = []
    duplicates: list[NewArticle] = []
    with db.write() as s:
        known: set[str] = set()
        for start in range(0, len(urls), CHUNK):
            chunk = urls[start : start + CHUNK]
            known.update(
                s.exec(
                    select(CorpusArticle.url).where(
                        CorpusArticle.office == office, col(CorpusArticle.url).in_(chunk)
                    )
                )
            )
        for article in articles:
            if article.url in known:
                duplicates.append(article)
                continue
            known.add(article.url)
            added.append(article)
            s.add(
                CorpusArticle(
                    office=office,
                    title=article.title,
                    url=article.url,
                    published_at=article.published_at,
                    source=article.source,
                    text=article.text,
                    signature=signatures[id(article)],
                    added_at=now,
                )
            )
    return AddOutcome(tuple(added), tuple(duplicates))


def list_articles(db: Database, office: str, limit: int | None) -> tuple[list[CorpusArticle], int]:
    """The newest articles first (at most `limit`; None for all), and how many there are."""
    with db.read() as s:
        total = s.exec(
            select(func.count()).select_from(CorpusArticle).where(CorpusArticle.office == office)
        ).one()
        query = (
            select(CorpusArticle)
            .where(CorpusArticle.office == office)
            .order_by(col(CorpusArticle.added_at).desc(), col(CorpusArticle.id).desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return list(s.exec(query)), int(total)


class DatabaseCorpus:
    """The office's reprint corpus in the workspace database (a `ReprintCorpus`)."""

    def __init__(self, db: Database, office: str) -> None:
        self.db = db
        self.office = office

    def signatures(self) -> Iterator[tuple[int, bytes | None]]:
        query = (
            select(CorpusArticle.id, CorpusArticle.signature)
            .where(CorpusArticle.office == self.office)
            .execution_options(yield_per=5000)
        )
        with self.db.read() as s:
            for article_id, signature in s.execute(query):
                yield int(article_id), bytes(signature) if signature is not None else None

    def articles(self, ids: Sequence[int]) -> list[CorpusEntry]:
        a = CorpusArticle
        columns = (a.id, a.title, a.url, a.text, a.published_at, a.source)
        out: list[CorpusEntry] = []
        with self.db.read() as s:
            for start in range(0, len(ids), CHUNK):
                chunk = list(ids[start : start + CHUNK])
                query = select(*columns).where(a.office == self.office, col(a.id).in_(chunk))
                out.extend(CorpusEntry(*row) for row in s.execute(query))
        return out

    def fingerprint(self) -> str:
        with self.db.read() as s:
            count, last = s.exec(
                select(func.count(), func.max(CorpusArticle.id)).where(
                    CorpusArticle.office == self.office
                )
            ).one()
        return f"corpus:{self.office}:{count}:{last}"


class DatabasePublished:
    """The office's posts that went out (status `sent`, with a Publication) in a recent window.

    The window ends at `now` (the moment the engine is built); `fingerprint` covers the posts of
    `window_days`, T105's window, so that the findings cache sees a post enter or leave it.
    """

    def __init__(
        self, db: Database, office: str, *, window_days: int = 14, now: datetime | None = None
    ) -> None:
        self.db = db
        self.office = office
        self.window_days = window_days
        self.now = now or datetime.now(UTC)
        self._read: dict[int, tuple[PublishedPost, ...]] = {}

    def published_within(self, days: int) -> Sequence[PublishedPost]:
        if days not in self._read:
            self._read[days] = tuple(self._query(days))
        return self._read[days]

    def _query(self, days: int) -> Iterator[PublishedPost]:
        since = self.now - timedelta(days=days)
        query = (
            select(Post, Publication)
            .join(Publication, col(Publication.post_id) == col(Post.id))
            .where(
                Post.office == self.office,
                Post.status == PostStatus.SENT.value,
                col(Publication.published_at) >= since,
                col(Publication.published_at) <= self.now,
            )
            .order_by(col(Publication.published_at))
        )
        with self.db.read() as s:
            for post, publication in s.exec(query):
                yield PublishedPost(
                    post_id=post.id,
                    network=post.network,
                    text=post.text,
                    published_at=publication.published_at,
                    channel=post.channel,
                    url=publication.url,
                )

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for p in self.published_within(self.window_days):
            digest.update(f"{p.post_id}|{p.network}|{p.published_at.isoformat()}|".encode())
            digest.update(hashlib.sha256(p.text.encode()).digest())
        return f"published:{self.office}:{self.window_days}:{digest.hexdigest()}"
