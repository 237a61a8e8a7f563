"""Queueing drafts: check a set of draft files, then import them all or none.

An import first parses every draft and probes every media file, collecting every problem of every
file. Only when all are clean does it copy the media into the store and write the posts, in one
write transaction. If anything fails after that point, the transaction rolls back and the blobs this
import added to the store are removed again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, select

from posts import lifecycle
from posts.config import Config
from posts.db import Database
from posts.drafts import Draft, find_drafts, parse_draft
from posts.errors import ArnaError, InputError, Location, Problem
from posts.i18n import Text
from posts.media_probe import MediaInfo, probe_media
from posts.media_store import MediaStore
from posts.models import Media, PlanEvent, Post, Story
from posts.vocab import PostStatus

#: Finds the next free slot of a channel, given the times already taken there.
SlotFinder = Callable[[str | None, set[datetime]], datetime | None]

ALREADY_QUEUED = Text(
    kk="бұл файлдың мазмұны кезекте тұр: #{id} жарияланым ({status}).",
    ru="файл с таким содержанием уже в очереди: публикация #{id} ({status}).",
    en="a file with this content is already queued as post #{id} ({status}).",
)
ALREADY_QUEUED_FIX = Text(
    kk="`arna queue show {id}` қараңыз; қайта жіберу үшін алдымен `arna queue cancel {id}`.",
    ru="Посмотрите `arna queue show {id}`; чтобы поставить заново, сначала `arna queue cancel {id}`.",
    en="See `arna queue show {id}`; to queue it again, first `arna queue cancel {id}`.",
)
SAME_FILE_TWICE = Text(
    kk="бұл файлдың мазмұны {other} файлымен бірдей.",
    ru="содержание этого файла совпадает с {other}.",
    en="this file has the same content as {other}.",
)
SAME_FILE_TWICE_FIX = Text(
    kk="Көшірмесін алып тастаңыз.", ru="Удалите копию.", en="Remove the copy."
)
STORY_CONFLICT = Text(
    kk="«{story}» оқиғасының {field} мәні бұрын «{old}» деп берілген, бұл файлда «{new}».",
    ru="У сюжета «{story}» {field} уже задан как «{old}», а в этом файле «{new}».",
    en="Story '{story}' already has {field} '{old}', but this file says '{new}'.",
)
STORY_CONFLICT_FIX = Text(
    kk="Бір оқиғаның барлық нұсқаларында бірдей мән жазыңыз.",
    ru="Укажите одно и то же значение во всех вариантах сюжета.",
    en="Use the same value in every variant of the story.",
)


@dataclass(frozen=True)
class CheckedDraft:
    draft: Draft
    media: tuple[MediaInfo, ...]


def check_drafts(paths: Sequence[Path], config: Config, *, now: datetime) -> list[CheckedDraft]:
    """Parse every draft and probe its media; raise one InputError listing every problem."""
    problems: list[Problem] = []
    checked: list[CheckedDraft] = []
    channels = {c.id: c.network for c in config.channels}
    for path in find_drafts(paths):
        try:
            draft = parse_draft(path, tz=config.tz, now=now, channels=channels)
        except ArnaError as exc:
            problems.extend(exc.problems)
            continue
        infos: list[MediaInfo] = []
        for media_path in draft.media:
            try:
                infos.append(probe_media(media_path, max_bytes=config.max_media_bytes))
            except ArnaError as exc:
                problems.extend(_located(exc.problems, str(path)))
        checked.append(CheckedDraft(draft, tuple(infos)))
    problems.extend(_same_content_twice(checked))
    if problems:
        raise InputError(problems)
    return checked


def _located(problems: list[Problem], draft_file: str) -> list[Problem]:
    """Media problems name the media file; say which draft refers to it, too."""
    out = []
    for p in problems:
        where = p.location
        media_file = where.file or ""
        key = f"media ({media_file})" if media_file else where.key
        out.append(Problem(p.message, Location(draft_file, where.line, key), p.fix, p.params))
    return out


def _same_content_twice(checked: list[CheckedDraft]) -> list[Problem]:
    seen: dict[str, Path] = {}
    problems = []
    for item in checked:
        sha = item.draft.source_sha256
        if sha in seen:
            problems.append(
                Problem(
                    SAME_FILE_TWICE,
                    Location(str(item.draft.path)),
                    SAME_FILE_TWICE_FIX,
                    {"other": str(seen[sha])},
                )
            )
        else:
            seen[sha] = item.draft.path
    return problems


def import_drafts(
    db: Database,
    store: MediaStore,
    config: Config,
    paths: Sequence[Path],
    *,
    actor: str,
    now: datetime,
    slot_finder: SlotFinder | None = None,
) -> list[Post]:
    """Queue the drafts under `paths` for review: all of them, or none."""
    checked = check_drafts(paths, config, now=now)
    created_blobs: list[str] = []
    try:
        with db.write() as session:
            _refuse_already_queued(session, checked)
            posts = [
                _queue_one(session, store, config, item, actor, now, slot_finder, created_blobs)
                for item in checked
            ]
            return posts
    except BaseException:
        _discard_unreferenced(db, store, created_blobs)
        raise


def _discard_unreferenced(db: Database, store: MediaStore, shas: list[str]) -> None:
    """Remove the blobs this import added, unless another import has committed a row for one."""
    if not shas:
        return
    with db.read() as session:
        kept = set(session.exec(select(Media.sha256).where(col(Media.sha256).in_(shas))).all())
    for sha in shas:
        if sha not in kept:
            store.discard(sha)


def _refuse_already_queued(session: Session, checked: list[CheckedDraft]) -> None:
    by_sha = {c.draft.source_sha256: c.draft.path for c in checked}
    existing = session.exec(
        select(Post).where(
            col(Post.source_sha256).in_(list(by_sha)),
            col(Post.status) != PostStatus.CANCELLED,
        )
    ).all()
    problems = [
        Problem(
            ALREADY_QUEUED,
            Location(str(by_sha[post.source_sha256 or ""])),
            ALREADY_QUEUED_FIX,
            {"id": post.id, "status": post.status},
        )
        for post in existing
    ]
    if problems:
        raise InputError(problems)


def _queue_one(
    session: Session,
    store: MediaStore,
    config: Config,
    item: CheckedDraft,
    actor: str,
    now: datetime,
    slot_finder: SlotFinder | None,
    created_blobs: list[str],
) -> Post:
    draft = item.draft
    media: list[tuple[str, str | None]] = []
    for path, alt in zip(draft.media, draft.alt, strict=True):
        stored = store.put(path)
        if stored.created:
            created_blobs.append(stored.sha256)
        if session.get(Media, stored.sha256) is None:
            session.add(stored.to_model())
        media.append((stored.sha256, alt))
    session.flush()
    story = _story_for(session, config.office.id, draft, actor, now)
    options = dict(draft.options)
    if draft.title:
        options["title"] = draft.title
    scheduled_at = draft.scheduled
    if scheduled_at is None and slot_finder is not None:
        scheduled_at = slot_finder(draft.channel, _taken(session, draft.channel))
    post = lifecycle.create_post(
        session,
        story=story,
        network=draft.network,
        channel=draft.channel,
        kind=draft.kind,
        text=draft.text,
        author=actor,
        media=media,
        options=options,
        now=now,
        language=draft.language,
        logo_basis=draft.logo_basis,
        event_key=draft.event,
        scheduled_at=scheduled_at,
        source_path=str(draft.path),
        source_sha256=draft.source_sha256,
    )
    return lifecycle.apply(session, post, lifecycle.Action.SUBMIT, actor, now=now)


def _taken(session: Session, channel: str | None) -> set[datetime]:
    rows = session.exec(
        select(Post.scheduled_at).where(
            Post.channel == channel,
            col(Post.scheduled_at).is_not(None),
            col(Post.status) != PostStatus.CANCELLED,
        )
    ).all()
    return {r for r in rows if r is not None}


def _story_for(session: Session, office: str, draft: Draft, actor: str, now: datetime) -> Story:
    story = session.exec(
        select(Story).where(Story.office == office, Story.key == draft.story)
    ).first()
    if story is None:
        story = Story(office=office, key=draft.story, created_by=actor, created_at=now)
        session.add(story)
    for key in ("direction", "project"):
        new, old = getattr(draft, key), getattr(story, key)
        if new and old and new != old:
            raise InputError.of(
                STORY_CONFLICT,
                file=str(draft.path),
                key=key,
                fix=STORY_CONFLICT_FIX,
                field=key,
                story=draft.story,
                old=old,
                new=new,
            )
        if new and not old:
            setattr(story, key, new)
    if draft.event and story.event_id is None:
        event = session.exec(select(PlanEvent).where(PlanEvent.key == draft.event)).first()
        if event is not None:
            story.event_id = event.id
    session.flush()
    return story
