"""What a rule looks at: one post (from a draft file or from the queue) and its neighbours."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sqlmodel import Session, col, select

from posts.content import content_hash
from posts.drafts import Draft
from posts.media_probe import MediaInfo
from posts.media_store import MediaStore
from posts.models import Media, Post, PostMedia, Story, Waiver


@dataclass(frozen=True)
class MediaRef:
    """A media item of a post: where its bytes are, and what the probe measured."""

    name: str  # as the user wrote it (draft) or the stored file name (queue)
    path: Path | None
    sha256: str | None
    mime: str | None
    kind: str | None
    size: int | None
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    alt: str | None = None
    # why the file could not be read when the post was gathered, in kk, ru and en (P305)
    problem: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class RecordedWaiver:
    code: str
    reason: str
    author: str
    content_hash: str


@dataclass(frozen=True)
class Subject:
    """One post as the linter sees it."""

    text: str
    network: str
    kind: str
    channel: str | None = None
    language: str | None = None  # declared; None means "detect"
    story: str | None = None
    direction: str | None = None
    project: str | None = None
    event: str | None = None
    logo_basis: str | None = None
    media: tuple[MediaRef, ...] = ()
    options: Mapping[str, object] = field(default_factory=dict)
    path: str | None = None
    post_id: int | None = None
    body_line: int = 1
    waivers: tuple[RecordedWaiver, ...] = ()

    @cached_property  # the cache key and the waivers both need it; a Subject never changes
    def content_hash(self) -> str:
        return content_hash(
            text=self.text,
            network=self.network,
            channel=self.channel,
            kind=self.kind,
            media=[(m.sha256 or m.name, m.alt) for m in self.media],
            options=self.options,
        )


def subject_from_draft(
    draft: Draft,
    media: tuple[MediaInfo, ...] | None = None,
    problems: Mapping[Path, tuple[str, str, str]] | None = None,
) -> Subject:
    """A draft file as a Subject. `media` are the probe results, when the files could be read;
    `problems` say, in kk, ru and en, why the others could not."""
    infos = {info.source: info for info in media or ()}
    problems = problems or {}
    refs = []
    for path, alt in zip(draft.media, draft.alt, strict=True):
        info = infos.get(path)
        refs.append(
            MediaRef(
                name=path.name,
                path=path,
                sha256=info.sha256 if info else None,
                mime=info.mime if info else None,
                kind=str(info.kind) if info else None,
                size=info.size if info else None,
                width=info.width if info else None,
                height=info.height if info else None,
                duration=info.duration if info else None,
                alt=alt,
                problem=problems.get(path),
            )
        )
    options = dict(draft.options)
    if draft.title:
        options["title"] = draft.title
    return Subject(
        text=draft.text,
        network=draft.network,
        kind=draft.kind,
        channel=draft.channel,
        language=draft.language,
        story=draft.story,
        direction=draft.direction,
        project=draft.project,
        event=draft.event,
        logo_basis=draft.logo_basis,
        media=tuple(refs),
        options=options,
        path=str(draft.path),
        body_line=draft.body_line,
    )


def subject_from_post(session: Session, post: Post, store: MediaStore | None = None) -> Subject:
    """A queued post as a Subject, with its media from the store and its recorded waivers."""
    story = session.get(Story, post.story_id)
    links = session.exec(
        select(PostMedia).where(PostMedia.post_id == post.id).order_by(col(PostMedia.position))
    ).all()
    refs = []
    for link in links:
        row = session.get(Media, link.media_sha256)
        refs.append(
            MediaRef(
                name=row.original_name if row else link.media_sha256,
                path=_blob_path(store, link.media_sha256),
                sha256=link.media_sha256,
                mime=row.mime if row else None,
                kind=row.kind if row else None,
                size=row.size if row else None,
                width=row.width if row else None,
                height=row.height if row else None,
                duration=row.duration if row else None,
                alt=link.alt_text,
            )
        )
    waivers = session.exec(select(Waiver).where(Waiver.post_id == post.id)).all()
    return Subject(
        text=post.text,
        network=post.network,
        kind=post.kind,
        channel=post.channel,
        language=post.language,
        story=story.key if story else None,
        direction=story.direction if story else None,
        project=story.project if story else None,
        event=post.event_key,
        logo_basis=post.logo_basis,
        media=tuple(refs),
        options=dict(post.options),
        path=post.source_path,
        post_id=post.id,
        waivers=tuple(RecordedWaiver(w.code, w.reason, w.author, w.content_hash) for w in waivers),
    )


def _blob_path(store: MediaStore | None, sha: str) -> Path | None:
    if store is None or not store.exists(sha):
        return None
    return store.path_for(sha)
