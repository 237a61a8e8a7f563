"""A new story on the desk: its variants for the office's channels, side by side, with their
media. All or nothing: every upload is checked by its content (type, size, damage) before
anything is written, and a story with any problem writes nothing and says what to fix.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select
from starlette.datastructures import UploadFile

from posts import lifecycle
from posts.config import Config
from posts.errors import ArnaError
from posts.i18n import Lang, Text
from posts.media_store import MediaStore, StoredMedia
from posts.models import DeskUser, Media, Post, Story
from posts.types import utcnow
from scheduler.slots import next_free_slot

KINDS = ("text", "photo", "album", "video", "infographic", "announcement", "document")
STORY_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,119}")

BAD_KEY = Text(
    kk="Сюжет кілті тек кіші латын әріптері, цифрлар және «-» болады, мысалы kitap-fest.",
    ru="Ключ сюжета — только строчные латинские буквы, цифры и «-», например kitap-fest.",
    en="A story key holds lowercase Latin letters, digits and '-' only, such as kitap-fest.",
)
NO_VARIANT = Text(
    kk="Кемінде бір арнаға мәтін не медиа жазыңыз.",
    ru="Заполните хотя бы один канал: текст или медиа.",
    en="Fill in at least one channel: a text or media.",
)
BAD_TIME = Text(
    kk="{channel}: уақыт дұрыс емес ({value}).",
    ru="{channel}: неверное время ({value}).",
    en="{channel}: the time is not valid ({value}).",
)
TOO_BIG = Text(
    kk="{channel}: «{name}» файлы тым үлкен (ең көбі {mb} МБ).",
    ru="{channel}: файл «{name}» слишком большой (не больше {mb} МБ).",
    en="{channel}: the file «{name}» is too large (at most {mb} MB).",
)
BAD_FILE = Text(
    kk="{channel}: «{name}»: {problem}",
    ru="{channel}: «{name}»: {problem}",
    en="{channel}: «{name}»: {problem}",
)


@dataclass
class Variant:
    channel: str
    network: str
    kind: str
    text: str
    when: datetime | None
    uploads: list[UploadFile]


@dataclass
class Created:
    post_ids: list[int]
    problems: list[str]


def variants_of(form: Any, config: Config, lang: Lang, problems: list[str]) -> list[Variant]:
    out = []
    for channel in config.channels:
        if channel.network == "outbox" or not channel.enabled:
            continue
        cid = channel.id
        if not form.get(f"use_{cid}"):
            continue
        text = str(form.get(f"text_{cid}", "")).replace("\r\n", "\n").strip()
        kind = str(form.get(f"kind_{cid}", "text"))
        uploads = [
            u for u in form.getlist(f"media_{cid}") if isinstance(u, UploadFile) and u.filename
        ]
        raw = str(form.get(f"when_{cid}", "")).strip()
        when = None
        if raw:
            try:
                when = datetime.fromisoformat(raw).replace(tzinfo=config.tz)
            except ValueError:
                problems.append(BAD_TIME.format(lang, channel=cid, value=raw))
        if text or uploads:
            out.append(Variant(cid, str(channel.network), kind if kind in KINDS else "text",
                               text, when, uploads))  # fmt: skip
    return out


def save_uploads(
    variants: list[Variant], store: MediaStore, folder: Path, lang: Lang, problems: list[str]
) -> dict[str, list[StoredMedia]]:
    """Each variant's media into the store, by content; sha256 lists by channel. A file over the
    store's limit is cut off while it is read, never held whole."""
    stored: dict[str, list[StoredMedia]] = {}
    limit = store.max_bytes
    for v in variants:
        shas = []
        for index, upload in enumerate(v.uploads):
            # the file keeps its own name (the store records it; pages escape it), in a folder
            # of its own; only what a file system cannot hold is replaced
            name = Path((upload.filename or "file").replace("\x00", "_")).name[:200] or "file"
            target = folder / f"{v.channel}-{index}" / name
            target.parent.mkdir()
            size = 0
            with target.open("wb") as out:
                while chunk := upload.file.read(1 << 20):
                    size += len(chunk)
                    if size > limit:
                        break
                    out.write(chunk)
            if size > limit:
                problems.append(
                    TOO_BIG.format(lang, channel=v.channel, name=name, mb=limit // 2**20)
                )
                continue
            try:
                shas.append(store.put(target))
            except ArnaError as e:
                problems.append(BAD_FILE.format(lang, channel=v.channel, name=name,
                                                problem=e.problems[0].message.format(lang, **e.problems[0].params)))  # fmt: skip
        stored[v.channel] = shas
    return stored


def create_story(
    session: Session,
    store: MediaStore,
    config: Config,
    user: DeskUser,
    form: Any,
    lang: Lang,
    submit: bool,
) -> Created:
    problems: list[str] = []
    key = str(form.get("story", "")).strip()
    if not STORY_KEY.fullmatch(key):
        problems.append(BAD_KEY.get(lang))
    variants = variants_of(form, config, lang, problems)
    if not variants:
        problems.append(NO_VARIANT.get(lang))
    if problems:
        return Created([], problems)
    folder = Path(tempfile.mkdtemp(prefix="arna-upload-"))
    try:
        media = save_uploads(variants, store, folder, lang, problems)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if problems:
        return Created([], problems)
    now = utcnow()
    story = session.exec(select(Story).where(Story.office == user.office, Story.key == key)).first()
    if story is None:
        story = Story(office=user.office, key=key, title=str(form.get("title", "")).strip(),
                      created_by=user.login, created_at=now)  # fmt: skip
        session.add(story)
        session.flush()
    for items in media.values():
        for item in items:
            if session.get(Media, item.sha256) is None:
                session.add(item.to_model())
    session.flush()
    ids = []
    for v in variants:
        when = v.when
        channel = next(c for c in config.channels if c.id == v.channel)
        if when is None:
            taken = set(
                session.exec(select(Post.scheduled_at).where(Post.channel == v.channel)).all()
            )
            when = next_free_slot(channel.slot_times(), config.tz, now, taken - {None})  # type: ignore[arg-type]
        post = lifecycle.create_post(
            session, story=story, network=v.network, channel=v.channel, kind=v.kind, text=v.text,
            author=user.login, media=[(m.sha256, None) for m in media.get(v.channel, [])], now=now,
            scheduled_at=when,
        )  # fmt: skip
        if submit:
            lifecycle.apply(session, post, lifecycle.Action.SUBMIT, user.login, now=now)
        assert post.id is not None
        ids.append(post.id)
    return Created(ids, [])
