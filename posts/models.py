"""The domain model (SQLModel). Tables are created by Alembic migrations, never by `create_all`.

Post statuses follow DESIGN.md, "Post lifecycle"; only `posts.lifecycle` changes them.
Attempt and AuditEvent rows are append-only: the migrations install triggers that refuse UPDATE
and DELETE on them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from posts.types import UTCDateTime, utcnow


def _utc(nullable: bool = True, **kw: object) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable, **kw)


class PlanEvent(SQLModel, table=True):
    """A media-grid or weekly-plan item: an event the office covers."""

    __tablename__ = "plan_event"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True, max_length=120)
    office: str = Field(max_length=120)
    title: str
    starts_at: datetime = Field(sa_column=_utc(nullable=False))
    scale: str = Field(max_length=20)  # posts.vocab.Scale
    internal: bool = False  # a meeting, round table or session
    partners: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    deadline: datetime | None = Field(default=None, sa_column=_utc())
    logo_basis: str | None = Field(default=None, max_length=200)  # "plan:…", "pa:…", "ministry:…"
    approved: bool = False  # part of the approved work plan
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class Story(SQLModel, table=True):
    """One piece of news or one campaign item; its network variants are Posts."""

    __tablename__ = "story"
    __table_args__ = (UniqueConstraint("office", "key", name="uq_story_office_key"),)

    id: int | None = Field(default=None, primary_key=True)
    office: str = Field(max_length=120)
    key: str = Field(max_length=120)
    title: str = ""
    direction: str | None = Field(default=None, max_length=40)
    project: str | None = Field(default=None, max_length=60)
    event_id: int | None = Field(default=None, foreign_key="plan_event.id")
    created_by: str = Field(max_length=120)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class Media(SQLModel, table=True):
    """A file in the content-addressed media store, keyed by the sha256 of its bytes."""

    __tablename__ = "media"

    sha256: str = Field(primary_key=True, min_length=64, max_length=64)
    mime: str = Field(max_length=80)
    kind: str = Field(max_length=20)  # posts.vocab.MediaKind
    size: int
    width: int | None = None
    height: int | None = None
    duration: float | None = None  # seconds, for video
    original_name: str = Field(default="", max_length=255)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class Post(SQLModel, table=True):
    """One network variant of a story."""

    __tablename__ = "post"
    __table_args__ = (
        Index("ix_post_status_scheduled", "status", "scheduled_at"),
        Index("ix_post_channel_scheduled", "channel", "scheduled_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    office: str = Field(max_length=120)
    network: str = Field(max_length=20)  # posts.vocab.Network
    channel: str | None = Field(default=None, max_length=120)
    kind: str = Field(max_length=20)  # posts.vocab.PostKind
    language: str | None = Field(default=None, max_length=5)
    text: str = ""
    options: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    logo_basis: str | None = Field(default=None, max_length=200)
    event_key: str | None = Field(default=None, max_length=120)
    scheduled_at: datetime | None = Field(default=None, sa_column=_utc())
    status: str = Field(default="draft", max_length=20)  # posts.vocab.PostStatus
    version: int = 1
    content_hash: str = Field(max_length=64)
    author: str = Field(max_length=120)
    attempt: int = 0
    claimed_by: str | None = Field(default=None, max_length=120)
    claimed_at: datetime | None = Field(default=None, sa_column=_utc())
    last_error: str | None = None
    #: a retryable failure waits until then (backoff, or the network's retry_after)
    not_before: datetime | None = Field(default=None, sa_column=_utc())
    #: needs_check: when the network may be asked whether the post went out (None: ask a person)
    check_after: datetime | None = Field(default=None, sa_column=_utc())
    source_path: str | None = None
    source_sha256: str | None = Field(default=None, max_length=64, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class PostMedia(SQLModel, table=True):
    """The ordered media of a post."""

    __tablename__ = "post_media"

    post_id: int = Field(foreign_key="post.id", primary_key=True)
    position: int = Field(primary_key=True)
    media_sha256: str = Field(foreign_key="media.sha256", max_length=64)
    alt_text: str | None = None


class Approval(SQLModel, table=True):
    """An editor's approval, bound to the exact content hash it was given for."""

    __tablename__ = "approval"

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    approver: str = Field(max_length=120)
    content_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=_utc())
    revoked_reason: str | None = None


class Waiver(SQLModel, table=True):
    """An editor's decision that one finding may stand, for one exact content."""

    __tablename__ = "waiver"

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    code: str = Field(max_length=10)
    reason: str
    author: str = Field(max_length=120)
    content_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class Publication(SQLModel, table=True):
    """Where a sent post lives on its network."""

    __tablename__ = "publication"

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", unique=True)
    network: str = Field(max_length=20)
    channel: str | None = Field(default=None, max_length=120)
    external_id: str = Field(max_length=200)
    url: str | None = None
    confirmed_by: str | None = Field(default=None, max_length=120)  # a person, for needs_check
    published_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class Attempt(SQLModel, table=True):
    """One try at sending a post, written once its outcome is known (append-only)."""

    __tablename__ = "attempt"

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    number: int
    worker: str = Field(max_length=120)
    started_at: datetime = Field(sa_column=_utc(nullable=False))
    finished_at: datetime = Field(sa_column=_utc(nullable=False))
    outcome: str = Field(max_length=20)  # sent | retry | failed | ambiguous
    error_kind: str | None = Field(default=None, max_length=40)
    message: str | None = None


class AuditEvent(SQLModel, table=True):
    """Who changed what, when, from which state to which, and why (append-only)."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    post_id: int | None = Field(default=None, foreign_key="post.id", index=True)
    actor: str = Field(max_length=120)
    action: str = Field(max_length=40)
    from_status: str | None = Field(default=None, max_length=20)
    to_status: str | None = Field(default=None, max_length=20)
    reason: str | None = None
    at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class Heartbeat(SQLModel, table=True):
    """What a publishing daemon or one-shot run last did, for `arna status`."""

    __tablename__ = "heartbeat"

    worker: str = Field(primary_key=True, max_length=200)
    started_at: datetime = Field(sa_column=_utc(nullable=False))
    last_tick: datetime = Field(sa_column=_utc(nullable=False))
    stopped_at: datetime | None = Field(default=None, sa_column=_utc())
    sent: int = 0
    failed: int = 0
    needs_check: int = 0


class DeskUser(SQLModel, table=True):
    """A person who signs in to the desk. Roles: smm, editor, admin (posts.users.Role)."""

    __tablename__ = "desk_user"

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(max_length=120, unique=True)
    name: str = Field(max_length=200)
    office: str = Field(max_length=120)
    role: str = Field(max_length=20)
    national: bool = False  # a national-level editor sees every office
    lang: str = Field(default="kk", max_length=5)
    password_hash: str = Field(max_length=300)
    disabled: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


class DeskSession(SQLModel, table=True):
    """A signed-in browser: only the SHA-256 of its cookie's token is kept."""

    __tablename__ = "desk_session"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="desk_user.id")
    csrf: str = Field(max_length=64)
    created_at: datetime = Field(sa_column=_utc(nullable=False))
    expires_at: datetime = Field(sa_column=_utc(nullable=False))


class SignInAttempt(SQLModel, table=True):
    """One try at signing in, for throttling."""

    __tablename__ = "sign_in_attempt"
    __table_args__ = (Index("ix_sign_in_attempt_login_at", "login", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(max_length=120)
    address: str = Field(max_length=64)
    ok: bool
    at: datetime = Field(sa_column=_utc(nullable=False))


class CorpusArticle(SQLModel, table=True):
    """An article already published on a website or in the media (the reprint corpus of T104).

    `signature` is the MinHash of the article's 5-word shingles in the format of
    `linters.similarity` (a scheme header, then the hash values), stored so that linting never
    recomputes it. A signature of another scheme is recomputed from `title` and `text`.
    Articles without a URL of their own (plain files) get the file's `file://` URI.
    """

    __tablename__ = "corpus_article"
    __table_args__ = (UniqueConstraint("office", "url", name="uq_corpus_article_office_url"),)

    id: int | None = Field(default=None, primary_key=True)
    office: str = Field(max_length=120)
    title: str = ""
    url: str
    published_at: datetime | None = Field(default=None, sa_column=_utc())
    source: str  # the feed's URL, or "file"
    text: str
    signature: bytes = Field(sa_column=Column(LargeBinary(), nullable=False))
    added_at: datetime = Field(default_factory=utcnow, sa_column=_utc(nullable=False))


#: Tables whose rows may never be updated or deleted.
APPEND_ONLY_TABLES: tuple[str, ...] = ("attempt", "audit_event")
