"""The outbox: a channel that writes each post into a folder instead of sending it.

It is the embedded default. A new office rehearses its weeks into the outbox, and a channel that
is not connected yet (`deliver = "outbox"`) has its posts rendered by its own network's adapter
and written here, so that what lands in the folder is exactly what the network would get.

Layout, under the channel's folder:

    <channel>/post-<id>.json     the payload (DESIGN.md: one JSON file per post)
    media/<sha256>.<ext>         its media, shared by every post that uses them

A post's file is written last and atomically (a temporary file, fsync, rename), after its media,
so a reader never sees half a post. Writing the same post again replaces the file with the same
content: the outbox never holds a post twice.
"""

from __future__ import annotations

import json
import mimetypes
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from channels.base import (
    ChannelAdapter,
    Checked,
    Confirmation,
    Delivered,
    Health,
    MediaFile,
    Outcome,
    OutgoingPost,
    Payload,
    PublishError,
    Step,
)
from posts.i18n import Text
from posts.platform import NetworkLimits

NOT_WRITABLE = Text(
    kk="outbox қалтасына жазу мүмкін емес: {folder} ({error}). Қалтаның бар екенін және оған жазу құқығы барын тексеріңіз.",
    ru="В папку outbox нельзя записать: {folder} ({error}). Проверьте, что папка существует и доступна для записи.",
    en="Cannot write to the outbox folder {folder} ({error}). Check that it exists and is writable.",
)


class OutboxWriter:
    """Writes payloads into a folder; shared by the outbox channel and outbox delivery."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def post_path(self, payload: Payload) -> Path:
        return self.folder / payload.channel / f"post-{payload.post_id}.json"

    def write(self, payload: Payload) -> Delivered:
        target = self.post_path(payload)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            files = [self._put_media(m) for m in payload.media]
            document = payload.as_json()
            document["media_files"] = [os.path.relpath(f, target.parent) for f in files]
            document["written_at"] = datetime.now(UTC).isoformat(timespec="seconds")
            _write_atomic(target, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        except OSError as e:
            # a full disk or a missing permission: nothing was published, so it may go again
            raise PublishError(
                Outcome.RETRY, f"outbox: {e.strerror or e}", code="outbox_write"
            ) from None
        return Delivered(
            external_id=str(target.relative_to(self.folder)), url=target.resolve().as_uri()
        )

    def find(self, payload: Payload) -> Delivered | None:
        """The post's file, when it is there with the same content."""
        target = self.post_path(payload)
        try:
            held = json.loads(target.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if held.get("content_hash") != payload.content_hash:
            return None
        return Delivered(str(target.relative_to(self.folder)), target.resolve().as_uri())

    def confirm(self, payload: Payload) -> Checked:
        found = self.find(payload)
        if found is None:
            return Checked(Confirmation.NOT_SENT, how="no file with this content in the outbox")
        return Checked(Confirmation.SENT, found, how="the file is in the outbox")

    def check(self) -> Health:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".check-"):
                pass
        except OSError as e:
            error = e.strerror or str(e)
            return Health(False, (NOT_WRITABLE,), {"folder": str(self.folder), "error": error})
        return Health(True, (), {"folder": str(self.folder)})

    def _put_media(self, media: MediaFile) -> Path:
        extension = mimetypes.guess_extension(media.mime) or media.path.suffix or ""
        target = self.folder / "media" / f"{media.sha256}{extension}"
        if target.exists():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.tmp")
        try:
            os.link(media.path, temp)  # the store's file, without a copy, where the disk allows
        except OSError:
            shutil.copyfile(media.path, temp)
        os.replace(temp, target)
        return target


def _write_atomic(target: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class _WritesToFolder(ChannelAdapter):
    """Publishing, checking and confirming through an `OutboxWriter`."""

    writer: OutboxWriter

    def publish(self, payload: Payload) -> Delivered:
        return self.writer.write(payload)

    def check(self) -> Health:
        return self.writer.check()

    def confirm(self, payload: Payload, after: Delivered | None) -> Checked:
        return self.writer.confirm(payload)


class OutboxChannel(_WritesToFolder):
    """A channel of network "outbox": the post as it is, written to a folder."""

    network = "outbox"

    def __init__(self, channel_id: str, folder: Path, limits: NetworkLimits) -> None:
        super().__init__(channel_id, str(folder), limits)
        self.writer = OutboxWriter(folder)

    def render(self, post: OutgoingPost) -> Payload:
        params: dict[str, object] = {"kind": post.kind, "text": post.text}
        if post.options:
            params["options"] = dict(post.options)
        if post.language:
            params["language"] = post.language
        return Payload(
            post_id=post.post_id,
            network=self.network,
            channel=self.channel_id,
            target=self.target,
            steps=(Step("post", params, tuple(range(len(post.media)))),),
            media=post.media,
            content_hash=post.content_hash,
        )


class OutboxDelivery(_WritesToFolder):
    """A network channel not connected yet: rendered by its network's adapter, written to a
    folder. Nothing is sent, and no credentials are read."""

    def __init__(self, renderer: ChannelAdapter, folder: Path) -> None:
        super().__init__(renderer.channel_id, renderer.target, renderer.limits)
        self.network = renderer.network
        self.renderer = renderer
        self.writer = OutboxWriter(folder)

    def render(self, post: OutgoingPost) -> Payload:
        return self.renderer.render(post)
